"""Quiz banks for a learning management system: Moodle XML and a QTI 1.2 package.

Instructors who run the course inside Moodle or Canvas can import the same questions
the book uses, with the same feedback, instead of typing them again:

- ``moodle_xml(quizzes)``: one Moodle XML file, one question category per quiz
  (Moodle: Question bank > Import > Moodle XML format);
- ``qti_package(quizzes)``: a zip with an IMS manifest and one QTI 1.2 assessment per
  quiz (Canvas: Settings > Import course content > QTI .zip file).

Options are written in the bank's canonical order, never a learner's shuffled one;
both formats ask the LMS to shuffle them itself. Question types map onto what both
systems have without plugins: one answer and scenarios -> multiple choice, select
all -> multiple answers, true/false -> true/false, ordering -> matching (each step
matched to its position, "Step 1", "Step 2", ...).

Standard library only; ``python -m exercises.quiz.lms OUTDIR`` writes both files.
"""

from __future__ import annotations

import html
import io
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .loader import list_quizzes
from .schema import Question, Quiz

MOODLE_FILE = "informational-interviews-quizzes.moodle.xml"
QTI_FILE = "informational-interviews-quizzes.qti.zip"
#: The top of the Moodle category path; each quiz becomes a sub-category.
CATEGORY = "Informational interviews"
#: What an ordering step is matched to, in both formats.
STEP = "Step {n}"


def _p(text: str) -> str:
    """Bank text (plain, never HTML) as one escaped HTML paragraph."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def question_html(q: Question) -> str:
    """The question as the LMS shows it: the scenario first, then the prompt."""
    return (_p(q.scenario) if q.type == "scenario" else "") + _p(q.prompt)


def step_label(position: int) -> str:
    """'Step 1' for the first item of an ordering question (1-based)."""
    return STEP.format(n=position + 1)


def _fraction(value: float) -> str:
    """Moodle's grade fractions are percentages written with up to five decimals."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def choice_fractions(q: Question) -> list[float]:
    """Percentage of the mark for each option, in bank order.

    One right answer: 100 for it, 0 for the rest. Select all: the right options share
    100 and the wrong ones share -100, so ticking every box earns nothing (Moodle
    floors a question's mark at zero). Both shares are Moodle grade values for up to
    ten options.
    """
    right = sum(o.correct for o in q.options)
    if not q.multi_select:
        return [100.0 if o.correct else 0.0 for o in q.options]
    wrong = len(q.options) - right
    return [100.0 / right if o.correct else -100.0 / wrong for o in q.options]


# ---- Moodle XML -------------------------------------------------------------------------
def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _moodle_question(quiz: Quiz, q: Question) -> ET.Element:
    kind = {"single": "multichoice", "multiple": "multichoice", "scenario": "multichoice",
            "truefalse": "truefalse", "ordering": "matching"}[q.type]
    el = ET.Element("question", {"type": kind})
    name = ET.SubElement(el, "name")
    ET.SubElement(name, "text").text = f"{quiz.id} {q.id}"
    _text(el, "questiontext", question_html(q))
    _text(el, "generalfeedback", _p(q.feedback) if q.type == "ordering" else "")
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "0"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = f"{quiz.id}-{q.id}"
    if kind == "multichoice":
        ET.SubElement(el, "single").text = "false" if q.multi_select else "true"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "abc"
        for option, fraction in zip(q.options, choice_fractions(q), strict=True):
            answer = ET.SubElement(el, "answer", {"fraction": _fraction(fraction),
                                                  "format": "html"})
            ET.SubElement(answer, "text").text = _p(option.text)
            _text(answer, "feedback", _p(option.feedback))
    elif kind == "truefalse":
        for value in ("true", "false"):
            right = (value == "true") == q.answer
            answer = ET.SubElement(el, "answer", {"fraction": "100" if right else "0",
                                                  "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = value
            _text(answer, "feedback", _p(q.tf_feedback[value]))
    else:
        ET.SubElement(el, "shuffleanswers").text = "true"
        for position, item in enumerate(q.items):
            sub = _text(el, "subquestion", _p(item))
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = step_label(position)
    return el


def moodle_xml(quizzes: list[Quiz]) -> str:
    """Every quiz as one Moodle XML document (UTF-8 text with its declaration)."""
    root = ET.Element("quiz")
    for quiz in quizzes:
        category = ET.SubElement(root, "question", {"type": "category"})
        _text(category, "category", f"$course$/top/{CATEGORY}/{quiz.title}", fmt=None)
        _text(category, "info", _p(f"From the chapter \u201c{quiz.chapter}\u201d of the "
                                   "informational interviews course."))
        for q in quiz.questions:
            root.append(_moodle_question(quiz, q))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# ---- QTI 1.2 (the dialect Canvas imports) ------------------------------------------------
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
QTI_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
             "truefalse": "true_false_question", "ordering": "matching_question"}


def qti_type(q: Question) -> str:
    """Canvas's question type; a scenario follows its number of right answers."""
    return QTI_TYPES["multiple" if q.multi_select else "single"] if q.type == "scenario" \
        else QTI_TYPES[q.type]


def _mattext(parent: ET.Element, value: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = value


def _feedback(item: ET.Element, ident: str, value: str) -> None:
    fb = ET.SubElement(item, "itemfeedback", {"ident": ident})
    _mattext(ET.SubElement(fb, "flow_mat"), _p(value))


def qti_choices(q: Question) -> list[tuple[str, str, bool, str]]:
    """(ident, text, right, feedback) per choice, in bank order."""
    if q.type == "truefalse":
        return [(f"{q.id}-{v}", v.capitalize(), (v == "true") == q.answer, q.tf_feedback[v])
                for v in ("true", "false")]
    return [(f"{q.id}-o{i}", o.text, o.correct, o.feedback) for i, o in enumerate(q.options)]


def _qti_item(quiz: Quiz, q: Question) -> ET.Element:
    item = ET.Element("item", {"ident": f"{quiz.id}-{q.id}", "title": q.id})
    meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", qti_type(q)), ("points_possible", "1")):
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry
    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, question_html(q))
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", {"maxvalue": "100", "minvalue": "0",
                                       "varname": "SCORE", "vartype": "Decimal"})
    if q.type == "ordering":
        steps = [(f"{q.id}-step{i}", step_label(i)) for i in range(len(q.items))]
        share = 100 / len(q.items)
        for position, text in enumerate(q.items):
            lid = ET.SubElement(presentation, "response_lid", {"ident": f"{q.id}-item{position}"})
            _mattext(lid, _p(text))
            choice = ET.SubElement(lid, "render_choice")
            for ident, label in steps:
                _mattext(ET.SubElement(choice, "response_label", {"ident": ident}), label)
            cond = ET.SubElement(processing, "respcondition")
            var = ET.SubElement(cond, "conditionvar")
            ET.SubElement(var, "varequal", {"respident": f"{q.id}-item{position}"}).text = \
                steps[position][0]
            ET.SubElement(cond, "setvar", {"varname": "SCORE", "action": "Add"}).text = \
                f"{share:.2f}"
        _feedback(item, "general_fb", q.feedback)
        return item
    choices = qti_choices(q)
    lid = ET.SubElement(presentation, "response_lid", {
        "ident": "response1", "rcardinality": "Multiple" if q.multi_select else "Single"})
    render = ET.SubElement(lid, "render_choice", {"shuffle": "Yes"})
    for ident, text, _, _ in choices:
        _mattext(ET.SubElement(render, "response_label", {"ident": ident}),
                 text if q.type == "truefalse" else _p(text))
    for ident, _, _, _ in choices:  # each choice's own feedback when it is picked
        cond = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal",
                      {"respident": "response1"}).text = ident
        ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response",
                                                "linkrefid": f"{ident}_fb"})
    cond = ET.SubElement(processing, "respcondition", {"continue": "No"})
    var = ET.SubElement(cond, "conditionvar")
    if q.multi_select:
        both = ET.SubElement(var, "and")
        for ident, _, right, _ in choices:
            if right:
                ET.SubElement(both, "varequal", {"respident": "response1"}).text = ident
            else:
                ET.SubElement(ET.SubElement(both, "not"), "varequal",
                              {"respident": "response1"}).text = ident
    else:
        ident = next(c[0] for c in choices if c[2])
        ET.SubElement(var, "varequal", {"respident": "response1"}).text = ident
    ET.SubElement(cond, "setvar", {"varname": "SCORE", "action": "Set"}).text = "100"
    for ident, _, _, feedback in choices:
        _feedback(item, f"{ident}_fb", feedback)
    return item


def qti_assessment(quiz: Quiz) -> str:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = ET.SubElement(root, "assessment", {"ident": f"quiz-{quiz.id}",
                                                    "title": quiz.title})
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for q in quiz.questions:
        section.append(_qti_item(quiz, q))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def qti_manifest(quizzes: list[Quiz]) -> str:
    root = ET.Element("manifest", {"identifier": "informational-interviews-quizzes",
                                   "xmlns": MANIFEST_NS})
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for quiz in quizzes:
        res = ET.SubElement(resources, "resource", {"identifier": f"quiz-{quiz.id}",
                                                    "type": "imsqti_xmlv1p2"})
        ET.SubElement(res, "file", {"href": qti_path(quiz)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def qti_path(quiz: Quiz) -> str:
    return f"quiz-{quiz.id}/quiz-{quiz.id}.xml"


def qti_package(quizzes: list[Quiz]) -> bytes:
    """A zip Canvas imports as a QTI package: imsmanifest.xml plus one file per quiz.

    Entries carry a fixed date so the same banks always give the same bytes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        def add(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))

        add("imsmanifest.xml", qti_manifest(quizzes))
        for quiz in quizzes:
            add(qti_path(quiz), qti_assessment(quiz))
    return buffer.getvalue()


def write_exports(outdir: str | Path, quizzes: list[Quiz] | None = None) -> list[Path]:
    """Write both files into ``outdir``; return their paths."""
    quizzes = list_quizzes() if quizzes is None else quizzes
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    moodle, qti = out / MOODLE_FILE, out / QTI_FILE
    moodle.write_text(moodle_xml(quizzes), encoding="utf-8")
    qti.write_bytes(qti_package(quizzes))
    return [moodle, qti]


if __name__ == "__main__":  # pragma: no cover - a thin command line
    if len(sys.argv) != 2:
        sys.exit("usage: python -m exercises.quiz.lms OUTDIR")
    for path in write_exports(sys.argv[1]):
        print(path)
