"""Book-page HTML for classroom workshops (issue 12), registered by coursesite.setup.

Directives, one line each in a chapter:

- ``{class-results}``: the instructor's class page (files and share codes in, tables
  and a CSV out), computed by ``exercises.classroom`` in the page's own worker;
- ``{exit-ticket}``: the exit ticket on screen, saved with the learner's work
  (``iic:worksheet:exit-ticket``);
- ``{learner-card}``: on the progress page, whose work this is (``iic:worksheet:learner``)
  and the learner's share code;
- ``{group-plan}``: groups and print counts for a class of any size, looked up in
  figures ``exercises.classroom.groups`` computed for every size at build time;
- ``{persona-cards}``: a printable interviewee card for every rehearsal persona;
- ``{exit-tickets-print}``: three paper exit tickets to a page;
- ``{lms-downloads}``: the quiz banks as Moodle XML and a QTI package, written into
  the site at build time.

The page behaviour is ``static/iic-classroom.js``; styles (screen and print) are
``static/iic-classroom.css``. Learner text never leaves the browser.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx

LMS_DIR = "lms"  # under _static/ in the built site


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _script_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _up(docname: str) -> str:
    return "../" * docname.count("/")


# ---- the class results page -------------------------------------------------------------
def class_results_html(serial: int) -> str:
    uid = f"iic-class-{serial}"
    return (
        f'<section class="iic-class" id="{uid}" aria-labelledby="{uid}-title" '
        'data-iic-classroom="class-results">'
        f'<p class="iic-class-title" id="{uid}-title"><strong>Load your class\u2019s '
        "results</strong></p>"
        '<p class="iic-class-privacy">Files and codes are read by this browser only: nothing '
        "is uploaded, and nothing is kept after you close or reload the page.</p>"
        f'<p class="iic-field"><label class="iic-label" for="{uid}-files">Exported work '
        "files (.json): choose as many as you have, or drop them here</label>"
        f'<input type="file" id="{uid}-files" class="iic-class-files" multiple '
        'accept=".json,application/json"></p>'
        '<p class="iic-class-chosen" aria-live="polite"></p>'
        f'<p class="iic-field"><label class="iic-label" for="{uid}-codes">Share codes, '
        "one per line (they start with IIC1-)</label>"
        f'<textarea id="{uid}-codes" class="iic-class-codes" rows="5" spellcheck="false">'
        "</textarea></p>"
        f'<p class="iic-field"><input type="checkbox" id="{uid}-anon" class="iic-class-anon"> '
        f'<label for="{uid}-anon">Hide names (Learner 1, Learner 2...) before projecting '
        "these results</label></p>"
        '<p class="iic-actions"><button type="button" class="iic-check iic-class-show">'
        "Show the class results</button> "
        '<button type="button" class="iic-secondary iic-class-csv" disabled>'
        "Download the gradebook (.csv)</button> "
        '<button type="button" class="iic-secondary iic-class-clear">Clear</button></p>'
        f'<p class="iic-ex-status iic-class-status" id="{uid}-status" role="status" '
        'aria-live="polite">Choose files or paste codes, then press Show the class results.'
        "</p>"
        '<ul class="iic-class-problems"></ul>'
        '<div class="iic-class-report"></div>'
        "<noscript><p>This page needs JavaScript: it reads the files in your browser."
        "</p></noscript></section>"
    )


# ---- the exit ticket on screen --------------------------------------------------------------
EXIT_PROMPTS = (
    ("learned", "One thing I learned today about informational interviews"),
    ("first_contact", "The first person I will contact, and by when"),
    ("unsure", "One thing I still feel unsure about"),
)


def exit_ticket_html(serial: int) -> str:
    uid = f"iic-exit-{serial}"
    areas = "".join(
        f'<p class="iic-field"><label class="iic-label" for="{uid}-{field}">{_e(label)}'
        f'</label><textarea id="{uid}-{field}" data-field="{field}" rows="2"></textarea></p>'
        for field, label in EXIT_PROMPTS)
    scale = "".join(
        f'<label><input type="radio" name="{uid}-ready" data-field="ready" value="{n}"> '
        f"{n}</label> " for n in range(1, 6))
    return (
        f'<section class="iic-exit-ticket iic-worksheet" id="{uid}" '
        f'aria-labelledby="{uid}-title" data-iic-classroom="exit-ticket">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Exercise:</strong> '
        "Your exit ticket</p>"
        f"{areas}"
        f'<fieldset class="iic-options"><legend>How ready do you feel for a first '
        f"conversation? 1 is not at all, 5 is ready now.</legend>{scale}</fieldset>"
        f'<p class="iic-ex-status" role="status" aria-live="polite">Your answers are saved in '
        "this browser as you type, and go with your exported work.</p></section>"
    )


# ---- whose work is it, and the share code (progress page) -----------------------------------
def learner_card_html(serial: int) -> str:
    uid = f"iic-learner-{serial}"
    return (
        f'<section class="iic-learner-card iic-worksheet" id="{uid}" '
        f'aria-labelledby="{uid}-title" data-iic-classroom="learner-card">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Whose work is this?</strong>'
        "</p>"
        '<p>Optional. Your name and class code go into your exported file and its file name, '
        "so an instructor can tell the files apart. They stay in this browser otherwise.</p>"
        f'<p class="iic-field"><label class="iic-label" for="{uid}-name">Your name or '
        f'initials</label><input type="text" id="{uid}-name" data-field="name" '
        'autocomplete="name" maxlength="80"></p>'
        f'<p class="iic-field"><label class="iic-label" for="{uid}-class">Class code, if '
        f'your instructor gave one</label><input type="text" id="{uid}-class" '
        'data-field="class_code" autocomplete="off" maxlength="40"></p>'
        '<p class="iic-actions"><button type="button" class="iic-secondary iic-share-make">'
        "Make my share code</button></p>"
        f'<p class="iic-field iic-share-box" hidden><label class="iic-label" '
        f'for="{uid}-code">Your share code: copy it into the form, chat or LMS box your '
        f'instructor named</label><textarea id="{uid}-code" class="iic-share-code" rows="4" '
        'readonly spellcheck="false"></textarea>'
        '<button type="button" class="iic-secondary iic-share-copy">Copy the code</button></p>'
        '<p class="iic-ex-status" role="status" aria-live="polite">A share code is a short '
        "text version of your scores, quiz answers and exit ticket (not your drafts).</p>"
        "</section>"
    )


# ---- groups and print counts (workshop page) -------------------------------------------------
def _counts_rows(handouts: list[list[str]], copies: list[int], spares: list[int]) -> str:
    return "".join(
        f'<tr><th scope="row">{_e(name)}</th><td data-copies="{n}">{n}</td><td>{extra}</td>'
        f"<td>{_e(why)}</td></tr>"
        for (name, why), n, extra in zip(handouts, copies, spares, strict=True))


def group_plan_html(serial: int) -> str:
    from exercises.classroom.groups import MAX_CLASS, plans_for_page

    uid = f"iic-plan-{serial}"
    plans = plans_for_page()
    default, minutes = "25", "90"
    summary, copies, spares = plans["sizes"][default][minutes]
    return (
        f'<section class="iic-group-plan" id="{uid}" aria-labelledby="{uid}-title" '
        'data-iic-classroom="group-plan">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Groups and printing for '
        "your class</strong></p>"
        f'<p class="iic-field"><label class="iic-label" for="{uid}-n">Number of learners '
        f'(1 to {MAX_CLASS})</label><input type="number" id="{uid}-n" class="iic-plan-n" '
        f'min="1" max="{MAX_CLASS}" step="1" value="{default}" inputmode="numeric"></p>'
        '<fieldset class="iic-options"><legend>Session</legend>'
        f'<label><input type="radio" name="{uid}-minutes" value="60"> 60 minutes</label> '
        f'<label><input type="radio" name="{uid}-minutes" value="90" checked> 90 minutes'
        "</label></fieldset>"
        f'<p class="iic-plan-summary" role="status" aria-live="polite">'
        f'{_e(summary)}</p>'
        '<div class="iic-class-scroll" role="region" tabindex="0" aria-label="Print counts">'
        '<table class="iic-plan-table"><caption>Copies to print</caption><thead><tr>'
        '<th scope="col">Handout</th><th scope="col">Copies</th>'
        '<th scope="col">With spares</th><th scope="col">Why</th></tr></thead>'
        f'<tbody>{_counts_rows(plans["handouts"][minutes], copies, spares)}</tbody>'
        "</table></div>"
        f'<script type="application/json" class="iic-plan-data">{_script_json(plans)}</script>'
        "</section>"
    )


# ---- printable interviewee cards, one per persona ---------------------------------------------
CARD_TOPICS = (("day_to_day", "A typical day"), ("likes", "What they enjoy"),
               ("challenges", "What is hard"), ("trends", "What is changing"),
               ("advice", "Their advice"))


def first_sentences(text: str, words: int = 28) -> str:
    """The opening sentences of an answer, up to about ``words`` words: a card is a
    reminder, and the full answers stay in the simulator."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    out: list[str] = []
    for sentence in sentences:
        if out and len(" ".join(out + [sentence]).split()) > words:
            break
        out.append(sentence)
    return " ".join(out)


def persona_cards_html() -> str:
    from exercises.practice import list_personas

    cards = []
    for p in list_personas():
        facts = "".join(
            f"<li><strong>{_e(title)}:</strong> {_e(first_sentences(p.answers[cat][0].text))}"
            "</li>"
            for cat, title in CARD_TOPICS if p.answers.get(cat))
        how = (f"<p><strong>How to play them:</strong> {_e(p.temperament.summary)}</p>"
               if p.temperament else "")
        moment = next(iter(p.moments), None)
        try_it = (f"<p><strong>Try once:</strong> \u201c{_e(moment.text)}\u201d</p>"
                  if moment else "")
        where = f", {_e(p.location.place)}" if p.location else ""
        cards.append(
            f'<article class="iic-persona-card" data-persona="{_e(p.id)}" '
            f'aria-labelledby="iic-card-{_e(p.id)}">'
            f'<h3 id="iic-card-{_e(p.id)}">Interviewee card: {_e(p.name)}, {_e(p.role)}</h3>'
            f"<p>{_e(p.organisation[:1].upper() + p.organisation[1:])}{where}; "
            f"{p.years} {'year' if p.years == 1 else 'years'} in {_e(p.field.lower())}. "
            f"Call them {_e(p.called)}.</p>"
            f"<p><strong>Their path:</strong> {_e(p.path)}</p>"
            f"<ul>{facts}<li><strong>Someone to suggest:</strong> {_e(p.referral.colleague)}, "
            f"{_e(p.referral.role)}.</li></ul>{how}{try_it}</article>")
    return f'<div class="iic-persona-cards">{"".join(cards)}</div>'


# ---- paper exit tickets, three to a page --------------------------------------------------------
def exit_tickets_print_html(per_page: int = 3) -> str:
    def ticket(n: int) -> str:
        rows = "".join(
            f'<div class="iic-ticket-row"><span class="iic-ticket-prompt">{_e(label)}</span>'
            f'<span class="iic-write" aria-hidden="true"></span></div>'
            for _, label in EXIT_PROMPTS)
        return (
            f'<div class="iic-ticket" data-ticket="{n}">'
            '<p class="iic-ticket-title">Exit ticket</p>'
            '<div class="iic-ticket-row iic-ticket-who"><span class="iic-ticket-prompt">Name'
            '</span><span class="iic-write iic-write-name" aria-hidden="true"></span>'
            '<span class="iic-ticket-prompt iic-ticket-date">Date</span>'
            '<span class="iic-write iic-write-date" aria-hidden="true"></span></div>'
            f"{rows}"
            '<p class="iic-ticket-scale">How ready I feel for a first conversation (circle '
            "one): 1 &nbsp; 2 &nbsp; 3 &nbsp; 4 &nbsp; 5</p></div>")

    return ('<div class="iic-ticket-sheet">'
            + "".join(ticket(n) for n in range(1, per_page + 1)) + "</div>")


# ---- LMS files ----------------------------------------------------------------------------------
def lms_downloads_html(docname: str) -> str:
    from exercises.quiz.lms import MOODLE_FILE, QTI_FILE

    base = f"{_up(docname)}_static/{LMS_DIR}/"
    return (
        '<ul class="iic-lms-downloads">'
        f'<li><a href="{_e(base + MOODLE_FILE)}" download>Every quiz as Moodle XML</a>: in '
        "Moodle, open the course\u2019s Question bank, choose Import, then Moodle XML format. "
        "Each quiz becomes a category.</li>"
        f'<li><a href="{_e(base + QTI_FILE)}" download>Every quiz as a QTI 1.2 package '
        "(.zip)</a>: in Canvas, open Settings, Import course content, then QTI .zip file. Each "
        "quiz becomes a quiz.</li></ul>"
    )


def write_lms_files(app: Sphinx) -> None:
    """Generate the LMS files into the static folder the build copies into the site."""
    from exercises.quiz.lms import write_exports

    target = Path(app.outdir).parent / "iic-classroom-static"
    write_exports(target / LMS_DIR)
    if str(target) not in app.config.html_static_path:
        app.config.html_static_path.append(str(target))


# ---- directives -------------------------------------------------------------------------------
def _raw(content: str) -> list[nodes.Node]:
    return [nodes.raw("", content, format="html")]


class _Simple(Directive):
    has_content = False

    def env(self):  # noqa: ANN201 - the Sphinx build environment
        return self.state.document.settings.env

    def serial(self) -> int:
        return self.env().new_serialno("iic-classroom")


class ClassResultsDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        return _raw(class_results_html(self.serial()))


class ExitTicketDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        return _raw(exit_ticket_html(self.serial()))


class LearnerCardDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        return _raw(learner_card_html(self.serial()))


class GroupPlanDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        return _raw(group_plan_html(self.serial()))


class PersonaCardsDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        root = Path(__file__).resolve().parents[2] / "exercises" / "practice" / "personas"
        for path in sorted(root.glob("*.json")):
            self.env().note_dependency(str(path))
        return _raw(persona_cards_html())


class ExitTicketsPrintDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        return _raw(exit_tickets_print_html())


class LmsDownloadsDirective(_Simple):
    def run(self) -> list[nodes.Node]:
        return _raw(lms_downloads_html(self.env().docname))


DIRECTIVES = {
    "class-results": ClassResultsDirective,
    "exit-ticket": ExitTicketDirective,
    "learner-card": LearnerCardDirective,
    "group-plan": GroupPlanDirective,
    "persona-cards": PersonaCardsDirective,
    "exit-tickets-print": ExitTicketsPrintDirective,
    "lms-downloads": LmsDownloadsDirective,
}


def setup_classroom(app: Sphinx) -> None:
    for name, directive in DIRECTIVES.items():
        directives.register_directive(name, directive)
    app.connect("builder-inited", write_lms_files)
    app.add_css_file("iic-classroom.css")
    app.add_js_file("iic-classroom.js", priority=200, **{"async": "async"})

