"""Sphinx extension for the course book.

It gives chapters three one-line directives (``{quiz}``, ``{exercise}``,
``{progress}``), puts a "Practice in your browser" link on every chapter page,
and serves the in-page exercise runtime and vendored MathJax from the site
itself, so that no page ever contacts a third-party host.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx
from sphinx.util import logging

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
STATIC = HERE / "static"
# Filled by site/build.py from node_modules (MathJax) before Sphinx runs.
VENDOR_STATIC = REPO / "site" / "vendor" / "static"

logger = logging.getLogger(__name__)

#: Exercise kinds graded on the page itself by the worker: (label, button text).
IN_PAGE_KINDS = {
    "pitch": ("Your pitch", "Check my pitch"),
    "questions": ("Your questions, one per line", "Check my questions"),
    "thanks": ("Your thank-you note", "Check my note"),
    "goal": ("Your learning goal", "Check my goal"),
}
#: The campaign tools (site/ext/campaign_sections.py): the tracker keeps the kind
#: "contacts" it had as the contact map, so saved work and chapters stay valid.
CAMPAIGN_KINDS = {"contacts", "beliefs", "dashboard"}
ALL_KINDS = set(IN_PAGE_KINDS) | {"rehearsal", "planning"} | CAMPAIGN_KINDS

#: What the Practice link promises for JupyterLite's first start (the notebook app,
#: Pyodide and the first widget, on a fast connection). benchmarks/site.py measures
#: it and says whether the promise holds.
PRACTICE_START_SECONDS = 20

#: Pages that are not turned into JupyterLite notebooks.
NO_NOTEBOOK = {"book/progress", "book/class-results", "book/instructors-guide"}


def lite_notebook_url(docname: str) -> str:
    """Relative URL from a page to its chapter notebook in JupyterLite."""
    depth = docname.count("/")
    up = "../" * depth
    name = posixpath.basename(docname)
    return f"{up}lite/notebooks/index.html?path={name}.ipynb"


def practice_link_html(docname: str, what: str = "this chapter") -> str:
    url = html.escape(lite_notebook_url(docname), quote=True)
    return (
        f'<a class="iic-practice-link" href="{url}" target="_blank" rel="noopener">'
        f'<span aria-hidden="true">&#9654;</span> Practice in your browser</a>'
        f'<span class="iic-practice-note"> opens {html.escape(what)} as a notebook '
        "(JupyterLite: it runs in this browser and sends nothing anywhere; on a fast "
        f"connection the first start takes up to about {PRACTICE_START_SECONDS} seconds)."
        "</span>"
    )


def rehearsal_html(docname: str, serial: int) -> str:
    """The in-page rehearsal: persona and length chosen here, the chat run by the worker."""
    from exercises.practice import list_personas
    from exercises.practice.page import DEFAULT_LENGTH, LENGTHS, profile_html

    uid = f"iic-ex-rehearsal-{serial}"
    personas = list_personas()
    options = "".join(
        f'<option value="{html.escape(p.id)}">{html.escape(p.label)}</option>' for p in personas)
    profiles = "".join(
        f'<div class="iic-profile-card" data-persona="{html.escape(p.id)}"'
        f'{"" if i == 0 else " hidden"}>{profile_html(p)}</div>'
        for i, p in enumerate(personas))
    lengths = "".join(
        f'<option value="{m}"{" selected" if m == DEFAULT_LENGTH else ""}>{m} minutes</option>'
        for m in LENGTHS)
    return (
        f'<section class="iic-exercise iic-rehearsal" data-kind="rehearsal" id="{uid}" '
        f'aria-labelledby="{uid}-title">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Exercise:</strong> '
        "Rehearse with a simulated professional</p>"
        f'<p class="iic-field"><label class="iic-label" for="{uid}-persona">Who will you '
        f'interview?</label><select id="{uid}-persona" class="iic-persona">{options}</select></p>'
        f'<div class="iic-profiles">{profiles}</div>'
        f'<div class="iic-intro"><p class="iic-intro-lead"><strong>Warm up:</strong> most '
        "professionals begin with \u201cSo, tell me a bit about yourself.\u201d Write what you "
        "would say (who you are, what you are exploring, why this person), check it, then "
        "start. It is optional and stays in this browser.</p>"
        f'<p class="iic-field"><label class="iic-label" for="{uid}-intro">Your 30-second '
        f'introduction</label><textarea id="{uid}-intro" class="iic-intro-text" rows="4" '
        'spellcheck="true"></textarea></p>'
        '<p class="iic-actions"><button type="button" class="iic-secondary iic-intro-check">'
        "Check my introduction</button></p>"
        '<div class="iic-intro-feedback" aria-live="polite"></div></div>'
        f'<p class="iic-field"><label class="iic-label" for="{uid}-minutes">Agreed length</label>'
        f'<select id="{uid}-minutes" class="iic-minutes">{lengths}</select></p>'
        '<p class="iic-actions"><button type="button" class="iic-check iic-start">'
        "Start interview</button></p>"
        '<div class="iic-chat-area"></div>'
        '<p class="iic-time"></p>'
        f'<p class="iic-field"><label class="iic-label" for="{uid}-question">Your question</label>'
        f'<input type="text" id="{uid}-question" class="iic-question" autocomplete="off" '
        f'aria-describedby="{uid}-status"></p>'
        '<p class="iic-actions"><button type="button" class="iic-check iic-ask">Ask</button> '
        '<button type="button" class="iic-secondary iic-end">End interview</button> '
        '<button type="button" class="iic-secondary iic-download" hidden>'
        "Download the transcript</button></p>"
        f'<p class="iic-ex-status" id="{uid}-status" role="status" aria-live="polite">'
        "Choose a person and a length, then press Start interview. Everything stays in this "
        "browser.</p>"
        '<div class="iic-debrief-area"></div>'
        f'<p class="iic-alt">Prefer a notebook? {practice_link_html(docname)}</p>'
        "</section>"
    )


def _radios(uid: str, name: str, legend: str, choices: Any, default: Any) -> str:
    items = "".join(
        f'<label><input type="radio" name="{uid}-{name}" data-field="{name}" '
        f'value="{html.escape(str(key))}"{" checked" if key == default else ""}> '
        f"{html.escape(label)}</label> "
        for key, label in choices)
    return f'<fieldset class="iic-options"><legend>{html.escape(legend)}</legend>{items}</fieldset>'


def planning_html(docname: str, serial: int) -> str:
    """The planning worksheet: the same fields as the notebook's, kept in this browser."""
    from exercises.widgets.worksheet_logic import FORMATS, LEARN_ABOUT, MINUTES, PLANNING_DEFAULTS

    uid = f"iic-ex-planning-{serial}"
    d = PLANNING_DEFAULTS

    def area(field: str, label: str, rows: int) -> str:
        return (f'<label class="iic-label" for="{uid}-{field}">{html.escape(label)}</label>'
                f'<textarea id="{uid}-{field}" data-field="{field}" rows="{rows}"></textarea>')

    return (
        f'<section class="iic-exercise iic-worksheet" data-kind="planning" id="{uid}" '
        f'aria-labelledby="{uid}-title">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Exercise:</strong> '
        "Your planning worksheet</p>"
        '<p class="iic-goal-echo" hidden>Your learning goal: <q class="iic-goal-text"></q></p>'
        + _radios(uid, "learn_about", "What do you want to learn about?", LEARN_ABOUT,
                  d["learn_about"])
        + area("learn_detail", "What exactly do you want to find out?", 3)
        + f'<label class="iic-label" for="{uid}-from_whom">From whom? (a name or a '
        f'description)</label><input type="text" id="{uid}-from_whom" data-field="from_whom" '
        'autocomplete="off">'
        + _radios(uid, "format", "Format", FORMATS, d["format"])
        + _radios(uid, "minutes", "Length", [(m, f"{m} minutes") for m in MINUTES],
                  d["minutes"])
        + area("researched", "What have you researched first?", 3)
        + f'<p class="iic-ex-status" role="status" aria-live="polite">Your plan is saved in '
        "this browser as you type.</p>"
        f'<p class="iic-alt">Prefer a notebook? {practice_link_html(docname)}</p></section>'
    )


def exercise_html(kind: str, docname: str, serial: int) -> str:
    """The in-page exercise form for ``kind``."""
    if kind == "rehearsal":
        return rehearsal_html(docname, serial)
    if kind == "planning":
        return planning_html(docname, serial)
    if kind in CAMPAIGN_KINDS:
        import campaign_sections  # site/ext, next to this file

        build = {"contacts": campaign_sections.tracker_html,
                 "beliefs": campaign_sections.beliefs_html,
                 "dashboard": campaign_sections.dashboard_html}[kind]
        return build(docname, serial, practice_link_html)
    label, button = IN_PAGE_KINDS[kind]
    uid = f"iic-ex-{kind}-{serial}"
    options = ""
    if kind == "pitch":
        from exercises.grading import rubric

        options = (
            '<fieldset class="iic-options"><legend>Where will you send it?</legend>'
            + "".join(
                f'<label><input type="radio" name="{uid}-channel" value="{c}"'
                f'{" checked" if c == "email" else ""}> {html.escape(rubric.channel_label(c))} '
                f'<span class="iic-hint">(at most {rubric.length_limit("pitch", c)[0]} '
                f"{rubric.length_limit('pitch', c)[1]})</span></label> "
                for c in rubric.channels()
            )
            + "</fieldset>"
        )
    elif kind == "questions":
        options = (
            '<fieldset class="iic-options"><legend>How long is the interview?</legend>'
            + "".join(
                f'<label><input type="radio" name="{uid}-minutes" value="{m}"'
                f'{" checked" if m == 30 else ""}> {m} minutes</label> '
                for m in (15, 20, 30)
            )
            + "</fieldset>"
        )
    return (
        f'<section class="iic-exercise" data-kind="{kind}" id="{uid}" '
        f'aria-labelledby="{uid}-title">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Exercise:</strong> '
        f"{html.escape(label)}</p>"
        f'<label class="iic-label" for="{uid}-text">{html.escape(label)}</label>'
        f'<textarea id="{uid}-text" class="iic-text" rows="10" spellcheck="true" '
        f'aria-describedby="{uid}-count {uid}-status"></textarea>'
        f"{options}"
        f'<p class="iic-ex-count" id="{uid}-count" aria-live="off"></p>'
        f'<p class="iic-actions"><button type="button" class="iic-check">{html.escape(button)}'
        f"</button></p>"
        f'<p class="iic-ex-status" id="{uid}-status" role="status" aria-live="polite">'
        "Your draft is saved in this browser as you type.</p>"
        f'<div class="iic-feedback" aria-live="polite"></div>'
        f'<p class="iic-alt">Prefer a notebook? {practice_link_html(docname)}</p>'
        f'<noscript><p class="iic-noscript">This exercise needs JavaScript. '
        f"You can read the chapter without it.</p></noscript>"
        "</section>"
    )


class QuizDirective(Directive):
    """```{quiz} quiz-id``` renders the quiz bank as self-contained HTML."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from exercises.quiz import load_quiz, render_quiz

        quiz_id = self.arguments[0]
        env = self.state.document.settings.env
        bank = REPO / "exercises" / "quiz" / "banks" / f"{quiz_id}.json"
        env.note_dependency(str(bank))
        try:
            quiz = load_quiz(quiz_id)
        except Exception as exc:  # a bad bank must fail the build with its reason
            raise self.error(f"quiz {quiz_id!r}: {exc}") from exc
        return [nodes.raw("", render_quiz(quiz), format="html")]


class ExerciseDirective(Directive):
    """```{exercise} kind``` places an exercise (see docs/architecture.md)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in ALL_KINDS:
            raise self.error(f"unknown exercise kind {kind!r}; use one of {sorted(ALL_KINDS)}")
        env = self.state.document.settings.env
        serial = env.new_serialno("iic-exercise")
        return [nodes.raw("", exercise_html(kind, env.docname, serial), format="html")]


class ProgressDirective(Directive):
    """```{progress}``` renders the learner's progress page (reads localStorage)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from exercises.quiz import render_progress

        env = self.state.document.settings.env
        for bank in sorted((REPO / "exercises" / "quiz" / "banks").glob("*.json")):
            env.note_dependency(str(bank))
        return [nodes.raw("", render_progress(), format="html")]


def add_practice_button(app: Sphinx, doctree: nodes.document) -> None:
    """Put the JupyterLite link right under each chapter's title."""
    docname = app.env.docname
    if docname in NO_NOTEBOOK:
        return
    for section in doctree.findall(nodes.section):
        title = next(iter(section.findall(nodes.title)), None)
        if title is None:
            return
        raw = nodes.raw(
            "", f'<p class="iic-practice">{practice_link_html(docname)}</p>', format="html"
        )
        section.insert(section.index(title) + 1, raw)
        return


def is_thebe_script(script: Any) -> bool:
    name = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # Jupyter Book always loads sphinx-thebe, which names a CDN (unpkg) and, with
    # Sphinx 7.4, declares its constant twice (a page error). We never use Thebe:
    # exercises run in the page's own worker or in JupyterLite.
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not is_thebe_script(s)]
    # The runtime needs to find the site root (for the worker and Pyodide).
    depth = pagename.count("/")
    context.setdefault("metatags", "")
    context["metatags"] += f'\n<meta name="iic-root" content="{"../" * depth or "./"}">'
    # Pages whose exercises need the Python worker say so in <head>, and carry the
    # script that starts it there on a return visit, before the page's stylesheets
    # and scripts have loaded (the async runtime script runs a few hundred ms later).
    if needs_coach(doctree):
        context["metatags"] += '\n<meta name="iic-coach" content="1">'
        context["metatags"] += f"\n<script>\n{early_start_script()}</script>"


def early_start_script() -> str:
    """iic-early.js, inlined: a file the page would first have to fetch could not start
    the worker any earlier than the runtime does."""
    return (HERE / "iic-early.js").read_text(encoding="utf-8")


def needs_coach(doctree: Any) -> bool:
    """Whether the page holds an exercise run by the worker (all but the planning sheet)."""
    if doctree is None:
        return False
    kinds = {k for k in ALL_KINDS if k != "planning"}
    return any(f'data-kind="{k}"' in raw.astext()
               for raw in doctree.findall(nodes.raw) for k in kinds)


def has_math(doctree: Any) -> bool:
    return doctree is not None and any(
        True for _ in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))))


def drop_unused_mathjax(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """MathJax (1.2 MB) only on pages that show math.

    Sphinx also loads it on every page whose table of contents reaches a page with
    math (the welcome page lists every chapter); a page without a formula of its
    own never needs it. Runs after sphinx.ext.mathjax has added it.
    """
    if has_math(doctree) or "script_files" not in context:
        return
    mathjax = str(app.config.mathjax_path)
    context["script_files"] = [
        s for s in context["script_files"]
        if not str(getattr(s, "filename", s) or "").endswith(mathjax)
        and not str(getattr(s, "attributes", {}).get("body", "")).startswith("window.MathJax")
    ]


def _rubric_numbers(app: Sphinx, config: Any) -> None:
    """Chapters quote rubric numbers as {{ rubric_NAME }}: the values come from the rubric
    data (exercises.grading.rubric.numbers), so text and graders cannot drift apart."""
    from exercises.grading import rubric

    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update(rubric.numbers())
    config.myst_substitutions = subs


def setup(app: Sphinx) -> dict[str, Any]:
    directives.register_directive("quiz", QuizDirective)
    directives.register_directive("exercise", ExerciseDirective)
    directives.register_directive("progress", ProgressDirective)
    app.connect("doctree-read", add_practice_button)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", drop_unused_mathjax, priority=900)
    app.connect("builder-inited", _add_static_paths)
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _rubric_numbers)
    app.add_css_file("iic-render.css")
    app.add_css_file("iic-course.css")
    # Says so above any table that scrolls sideways on a narrow screen (issue 14).
    app.add_js_file("iic-tables.js", defer="defer")
    # The saved-work reader: async too; the runtime waits for its "ready" event.
    app.add_js_file("iic-saved-work.js", priority=99, **{"async": "async"})
    # async, not defer: on a return visit it starts the coach while the page still loads.
    # priority 100: listed before the theme's scripts, so the browser fetches it first.
    app.add_js_file("iic-runtime.js", priority=100, **{"async": "async"})
    # The campaign tools' page code; async too, so it and the runtime connect in
    # whichever order they arrive (see iicCampaignQueue in both scripts).
    app.add_css_file("iic-campaign.css")
    app.add_js_file("iic-campaign.js", priority=100, **{"async": "async"})
    # Classroom workshops (issue 12): class results, exit ticket, handouts, LMS files.
    import classroom  # site/ext, next to this file

    classroom.setup_classroom(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def _add_templates(app: Sphinx, config: Any) -> None:
    """The course's header link (templates/iic-your-work.html) for the theme to find."""
    config.templates_path.append(str(HERE / "templates"))


def saved_work_script() -> str:
    """_static/iic-saved-work.js: the saved-work reader with the one schema built in."""
    from exercises.quiz.render import script_json
    from exercises.saved_schema import js_source, schema

    return ("(function () {\n" + js_source("saved_work.js")
            + f"\nwindow.iicSavedWork = iicSavedWorkMake({script_json(schema())});\n"
            + 'window.dispatchEvent(new Event("iic-saved-work-ready"));\n})();\n')


def _add_static_paths(app: Sphinx) -> None:
    from exercises.render import render_css

    # The feedback's stylesheet comes from the package, so the page and the
    # notebooks style the same HTML with the same CSS.
    generated = Path(app.outdir).parent / "iic-static"
    generated.mkdir(parents=True, exist_ok=True)
    (generated / "iic-render.css").write_text(render_css(), encoding="utf-8")
    (generated / "iic-saved-work.js").write_text(saved_work_script(), encoding="utf-8")
    from exercises.campaign import campaign_css

    (generated / "iic-campaign.css").write_text(campaign_css(), encoding="utf-8")
    app.config.html_static_path.append(str(generated))
    app.config.html_static_path.append(str(STATIC))
    if VENDOR_STATIC.is_dir():
        app.config.html_static_path.append(str(VENDOR_STATIC))
    else:
        logger.warning("site/vendor/static is missing: run `make vendor` (MathJax is vendored)")
