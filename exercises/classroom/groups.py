"""Groups and print counts for a workshop of any size.

The role-play works best in trios (interviewer, interviewee, observer), but a class
rarely divides by three. ``group_plan(n)`` makes as many trios as it can and turns
the remainder into pairs, never a lone learner; ``print_counts(n, minutes)`` says how
many copies of each handout to print, observer sheets counted per round (each
round has a new observer). The workshop page shows both for the number a
instructor types; the numbers come from here, computed for every class size at
build time.
"""

from __future__ import annotations

import math
from typing import Any

#: The largest class the workshop page has figures for (larger: split the class).
MAX_CLASS = 60
#: Role-play rounds: every member of a group plays every role once.
TRIO_ROUNDS = 3
PAIR_ROUNDS = 2
#: Exit tickets printed three to a page (book/handouts.md).
TICKETS_PER_PAGE = 3
#: Spare copies: a tenth more, at least one (late arrivals, spoilt sheets).
SPARE_SHARE = 0.1


def group_plan(n: int, minutes: int = 90) -> dict[str, Any]:
    """The role-play groups for ``n`` learners.

    90 minutes: trios first; a remainder of one or two becomes one or two pairs
    (25 learners: 7 trios and 2 pairs). 60 minutes: pairs, and one trio when the
    number is odd (25 learners: 11 pairs and 1 trio). One learner: the instructor
    is their partner.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError("the class size must be a whole number of learners, 1 or more")
    if minutes not in (60, 90):
        raise ValueError("the workshop agendas last 60 or 90 minutes")
    if n == 1:
        return {"learners": 1, "trios": 0, "pairs": 1, "instructor_joins": True,
                "summary": "1 learner: you play the other half of a pair."}
    if minutes == 60:
        trios = n % 2
        pairs = (n - 3 * trios) // 2
    else:
        trios, pairs = {0: (n // 3, 0), 1: ((n - 4) // 3, 2), 2: ((n - 2) // 3, 1)}[n % 3]
    parts = []
    if trios:
        parts.append(f"{trios} trio{'s' if trios != 1 else ''}")
    if pairs:
        parts.append(f"{pairs} pair{'s' if pairs != 1 else ''}")
    return {"learners": n, "trios": trios, "pairs": pairs, "instructor_joins": False,
            "summary": f"{n} learners: " + " and ".join(parts) + "."}


#: The "why" of rows whose reason names numbers, said in general for the page's table.
GENERAL_WHY = {
    "Observer checklist": f"one per trio per round ({TRIO_ROUNDS} rounds); pairs need none",
    "Exit tickets (three to a page)": "pages: one for every three learners, cut in three",
}


def _spares(copies: int) -> int:
    return copies + max(1, math.ceil(copies * SPARE_SHARE)) if copies else 0


def print_counts(n: int, minutes: int = 90) -> list[dict[str, Any]]:
    """Copies of each handout for ``n`` learners in the 60- or 90-minute session."""
    if minutes not in (60, 90):
        raise ValueError("the workshop agendas last 60 or 90 minutes")
    plan = group_plan(n, minutes)
    observer = plan["trios"] * TRIO_ROUNDS
    rows = [
        ("Role card: the interviewer", n, "one each: everyone interviews once"),
        ("Role card: the interviewee (a persona card)", n,
         "one each: everyone answers once; hand out different personas"),
        ("Observer checklist", observer,
         f"one per trio per round: {plan['trios']} trio(s) \u00d7 {TRIO_ROUNDS} rounds"),
        ("Planning sheet", n, "one each"),
        ("Pitch checklist", n, "one each, for the pitch swap"),
    ]
    if minutes == 90:
        rows.append(("Thank-you note checklist", n, "one each"))
    rows += [
        ("Exit tickets (three to a page)", math.ceil(n / TICKETS_PER_PAGE),
         f"pages: {n} tickets, cut each page in three"),
        ("Self-review after a real conversation", n, "one each, to take home"),
    ]
    return [{"handout": name, "copies": copies, "with_spares": _spares(copies), "why": why}
            for name, copies, why in rows]


def plans_for_page(max_class: int = MAX_CLASS) -> dict[str, Any]:
    """Every class size's plan and counts, compact, for the workshop page to look up.

    {"handouts": {minutes: [(handout, why)...]}, "sizes": {n: {minutes: [summary,
    [copies...], [with spares...]]}}}: the row texts once, the numbers per size.
    """
    sizes = {}
    for n in range(1, max_class + 1):
        sizes[str(n)] = {}
        for m in (60, 90):
            rows = print_counts(n, m)
            sizes[str(n)][str(m)] = [group_plan(n, m)["summary"], [r["copies"] for r in rows],
                                     [r["with_spares"] for r in rows]]
    return {"handouts": {str(m): [[r["handout"], GENERAL_WHY.get(r["handout"], r["why"])]
                                  for r in print_counts(max_class, m)] for m in (60, 90)},
            "sizes": sizes}
