"""How well the rehearsal understands natural turns and judges whole conversations.

Run: python -m benchmarks.rehearsal_corpus [--details]

Two labelled corpora in tests/fixtures/practice/, written and labelled before the
engine was first run on them:

- ``turns_round*.jsonl``: single learner turns in natural phrasing (greeting plus
  question, thanks plus question, typos, lower case, no question mark), each with
  the topic it asks about and, for some, a term the reply must mention (or name
  honestly as something the persona does not cover). A turn counts as answered on
  topic when the persona's reply contains one of its answers (or short answers,
  follow-up stories, the referral) from the labelled topic AND, where labelled,
  mentions the term. The topic of a reply is read from the reply text against the
  persona file, not from anything the engine says about itself.
- ``conversations_round*.json``: scripted whole rehearsals labelled good / mixed /
  poor; the debrief's level must agree.

The scoring works on any engine version that has ``Rehearsal(persona, minutes,
seed).ask(text)`` and a debrief, so the same script measured the engine before
this corpus was used (see the README's figures).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "practice"
TURN_TARGET = 0.95
LEVEL_TARGET = 0.90


def load_turns(pattern: str = "turns_round*.jsonl") -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def load_conversations(pattern: str = "conversations_round*.json") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob(pattern)):
        out += json.loads(path.read_text(encoding="utf-8"))["conversations"]
    return out


def _texts(persona: Any) -> list[tuple[str, str]]:
    """(category, text) for everything a persona can say on a topic."""
    out: list[tuple[str, str]] = []
    for cat, group in persona.answers.items():
        for a in group:
            out.append((cat, a.text))
            if a.detail is not None:
                out.append((cat, a.detail.reply))
    for cat, lines in (getattr(persona, "short_answers", None) or {}).items():
        out += [(cat, s) for s in lines]
    out.append(("referrals", persona.referral.text))
    return out


def topics_in_reply(persona: Any, reply: str) -> set[str]:
    """The topics of the persona's own lines that appear in a reply."""
    return {cat for cat, text in _texts(persona) if text and text in reply}


def mentions(reply: str, terms: list[str]) -> bool:
    low = reply.lower()
    return any(re.search(r"\b" + re.escape(t.lower()), low) for t in terms)


@dataclass
class TurnResult:
    item: dict[str, Any]
    reply: str
    topics: set[str]
    on_topic: bool
    mention_ok: bool

    @property
    def ok(self) -> bool:
        return self.on_topic and self.mention_ok


def run_turn(item: dict[str, Any], index: int) -> TurnResult:
    from exercises.practice import Rehearsal

    r = Rehearsal(item["persona"], minutes=30, seed=index)
    for before in item.get("before", []):
        r.ask(before)
    reply = r.ask(item["text"]).reply
    topics = topics_in_reply(r.persona, reply)
    mention_ok = mentions(reply, item["mention"]) if item.get("mention") else True
    return TurnResult(item, reply, topics, item["topic"] in topics, mention_ok)


def _level_of(debrief: Any) -> str:
    level = getattr(debrief, "level", "")
    if level:
        return level
    # Engines before levels existed: read the level from the opening sentence.
    text = debrief.encouragement
    if "strong interview" in text:
        return "good"
    if text.startswith("Good practice"):
        return "mixed"
    return "poor"


def run_conversation(conv: dict[str, Any]) -> tuple[str, Any]:
    from exercises.practice import Rehearsal

    r = Rehearsal(conv["persona"], minutes=conv["minutes"], seed=conv["seed"])
    closing_sent = False
    for text in conv["turns"]:
        if r.ended:
            break
        if conv.get("attentive") and conv.get("closing") and _time_to_close(r):
            break
        r.ask(text)
    if not r.ended:
        for text in conv.get("closing", []):
            r.ask(text)
            closing_sent = True
    if not r.ended and (conv.get("end") == "button" or not closing_sent):
        r.end()
    d = r.debrief()
    return _level_of(d), r


def _time_to_close(r: Any) -> bool:
    """An attentive learner closes at the warning, or at 80% of the time on the clock."""
    minutes = getattr(r.clock, "minutes", r.minutes)
    return r.state in ("nearly_up", "overtime") or r.elapsed >= 0.8 * minutes


def _loadable(persona_id: str) -> bool:
    from exercises.practice.personas import persona_ids

    return persona_id in persona_ids()


def main(argv: list[str]) -> int:
    details = "--details" in argv
    turns = [t for t in load_turns() if _loadable(t["persona"])]
    results = [run_turn(t, i) for i, t in enumerate(turns)]
    n = len(results)
    ok = sum(r.ok for r in results)
    topic = sum(r.on_topic for r in results)
    with_mention = [r for r in results if r.item.get("mention")]
    print(f"turns: {n} (skipped {len(load_turns()) - n} for personas not in this version)")
    print(f"  answered on the asked topic (and naming the asked term where labelled): "
          f"{ok}/{n} = {ok / max(n, 1):.1%} (target {TURN_TARGET:.0%})")
    print(f"  topic only: {topic}/{n} = {topic / max(n, 1):.1%}; term named: "
          f"{sum(r.mention_ok for r in with_mention)}/{len(with_mention)}")
    if details:
        for r in results:
            if not r.ok:
                print(f"    MISS {r.item['id']} {r.item['persona']} want {r.item['topic']}"
                      f"{' +' + '/'.join(r.item['mention']) if r.item.get('mention') else ''}"
                      f" got {sorted(r.topics) or '-'}: {r.item['text']!r}\n"
                      f"         -> {r.reply[:160]!r}")

    convs = [c for c in load_conversations() if _loadable(c["persona"])]
    agree = 0
    for c in convs:
        level, r = run_conversation(c)
        agree += level == c["label"]
        if details and level != c["label"]:
            d = r.debrief()
            print(f"    LEVEL {c['id']} {c['persona']} want {c['label']} got {level}: "
                  f"{d.encouragement[:150]!r}")
    m = len(convs)
    print(f"conversations: {m} (skipped {len(load_conversations()) - m})")
    print(f"  debrief level agrees with the label: {agree}/{m} = {agree / max(m, 1):.1%} "
          f"(target {LEVEL_TARGET:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
