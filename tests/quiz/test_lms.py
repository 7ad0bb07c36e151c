"""The LMS exports read back as the banks: every bank, both formats, canonical order.

The files are parsed here with the standard library's XML reader, the way an LMS
would read them, and every question is compared with the bank it came from: the
text, the options in the bank's order, which are right, the feedback, true/false
answers and the order of ordering steps.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from exercises.quiz import list_quizzes
from exercises.quiz.lms import (
    MOODLE_FILE,
    QTI_FILE,
    moodle_xml,
    qti_package,
    write_exports,
)

QUIZZES = list_quizzes()
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def plain(fragment: str | None) -> str:
    """HTML paragraphs back to the bank's plain text."""
    text = re.sub(r"</p>\s*<p>", "\n", fragment or "")
    return html.unescape(re.sub(r"</?p>", "", text))


def expected_prompt(q) -> str:
    return (q.scenario + "\n" if q.type == "scenario" else "") + q.prompt


@pytest.fixture(scope="module")
def moodle() -> ET.Element:
    return ET.fromstring(moodle_xml(QUIZZES).encode("utf-8"))


def moodle_questions(root: ET.Element) -> dict[str, list[ET.Element]]:
    """Questions grouped under the category that precedes them."""
    groups: dict[str, list[ET.Element]] = {}
    current = None
    for el in root.findall("question"):
        if el.get("type") == "category":
            current = el.findtext("category/text")
            groups[current] = []
        else:
            groups[current].append(el)
    return groups


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_moodle_xml_reads_back_as_the_bank(moodle: ET.Element, quiz) -> None:
    groups = moodle_questions(moodle)
    category = f"$course$/top/Informational interviews/{quiz.title}"
    assert category in groups
    exported = groups[category]
    assert [e.findtext("idnumber") for e in exported] == [f"{quiz.id}-{q.id}"
                                                         for q in quiz.questions]
    for q, el in zip(quiz.questions, exported, strict=True):
        assert plain(el.findtext("questiontext/text")) == expected_prompt(q)
        assert el.findtext("defaultgrade") == "1"
        answers = el.findall("answer")
        if q.type == "truefalse":
            assert el.get("type") == "truefalse"
            assert [a.findtext("text") for a in answers] == ["true", "false"]
            right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
            assert right == ["true" if q.answer else "false"]
            assert [plain(a.findtext("feedback/text")) for a in answers] == [
                q.tf_feedback["true"], q.tf_feedback["false"]]
        elif q.type == "ordering":
            assert el.get("type") == "matching"
            subs = el.findall("subquestion")
            assert [plain(s.findtext("text")) for s in subs] == list(q.items)
            assert [s.findtext("answer/text") for s in subs] == [
                f"Step {n}" for n in range(1, len(q.items) + 1)]
            assert plain(el.findtext("generalfeedback/text")) == q.feedback
        else:
            assert el.get("type") == "multichoice"
            assert el.findtext("single") == ("false" if q.multi_select else "true")
            # The bank's own order, whatever order a learner saw on the page.
            assert [plain(a.findtext("text")) for a in answers] == [o.text for o in q.options]
            assert [plain(a.findtext("feedback/text")) for a in answers] == [
                o.feedback for o in q.options]
            fractions = [float(a.get("fraction")) for a in answers]
            assert [f > 0 for f in fractions] == [o.correct for o in q.options]
            # Picking exactly the right options earns the whole mark.
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01)
            if q.multi_select:  # and ticking every box earns nothing
                assert sum(fractions) <= 0.01


@pytest.fixture(scope="module")
def qti() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(qti_package(QUIZZES)))


def test_qti_manifest_lists_every_quiz(qti: zipfile.ZipFile) -> None:
    manifest = ET.fromstring(qti.read("imsmanifest.xml"))
    files = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert sorted(files) == sorted(f"quiz-{q.id}/quiz-{q.id}.xml" for q in QUIZZES)
    assert set(files) <= set(qti.namelist())


def _choice_texts(lid: ET.Element) -> list[str]:
    return [plain(label.findtext(f"{QTI}material/{QTI}mattext"))
            for label in lid.iter(f"{QTI}response_label")]


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_qti_reads_back_as_the_bank(qti: zipfile.ZipFile, quiz) -> None:
    root = ET.fromstring(qti.read(f"quiz-{quiz.id}/quiz-{quiz.id}.xml"))
    assessment = root.find(f"{QTI}assessment")
    assert assessment.get("title") == quiz.title
    items = list(assessment.iter(f"{QTI}item"))
    assert [i.get("title") for i in items] == [q.id for q in quiz.questions]
    for q, item in zip(quiz.questions, items, strict=True):
        meta = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
                for f in item.iter(f"{QTI}qtimetadatafield")}
        presentation = item.find(f"{QTI}presentation")
        prompt = presentation.findtext(f"{QTI}material/{QTI}mattext")
        assert plain(prompt) == expected_prompt(q)
        feedback = {fb.get("ident"): plain(fb.findtext(f".//{QTI}mattext"))
                    for fb in item.iter(f"{QTI}itemfeedback")}
        conditions = list(item.iter(f"{QTI}respcondition"))
        if q.type == "ordering":
            assert meta["question_type"] == "matching_question"
            lids = presentation.findall(f"{QTI}response_lid")
            assert [plain(lid.findtext(f"{QTI}material/{QTI}mattext")) for lid in lids] == \
                list(q.items)
            for position, lid in enumerate(lids):
                labels = {label.get("ident"): label.findtext(f".//{QTI}mattext")
                          for label in lid.iter(f"{QTI}response_label")}
                rewarded = [c.findtext(f".//{QTI}varequal") for c in conditions
                            if c.find(f".//{QTI}varequal").get("respident") == lid.get("ident")]
                assert [labels[r] for r in rewarded] == [f"Step {position + 1}"]
            assert feedback["general_fb"] == q.feedback
            continue
        lid = presentation.find(f"{QTI}response_lid")
        idents = [label.get("ident") for label in lid.iter(f"{QTI}response_label")]
        final = [c for c in conditions if c.get("continue") == "No"]
        assert len(final) == 1 and final[0].findtext(f"{QTI}setvar") == "100"
        required = [v.text for v in final[0].iter(f"{QTI}varequal")]
        excluded = [n.findtext(f"{QTI}varequal") for n in final[0].iter(f"{QTI}not")]
        right = [ident for ident in required if ident not in excluded]
        if q.type == "truefalse":
            assert meta["question_type"] == "true_false_question"
            assert _choice_texts(lid) == ["True", "False"]
            assert right == [idents[0] if q.answer else idents[1]]
            assert [feedback[f"{i}_fb"] for i in idents] == [q.tf_feedback["true"],
                                                              q.tf_feedback["false"]]
            continue
        assert meta["question_type"] == ("multiple_answers_question" if q.multi_select
                                         else "multiple_choice_question")
        assert lid.get("rcardinality") == ("Multiple" if q.multi_select else "Single")
        assert _choice_texts(lid) == [o.text for o in q.options]
        assert right == [i for i, o in zip(idents, q.options, strict=True) if o.correct]
        if q.multi_select:
            assert sorted(excluded) == sorted(i for i, o in zip(idents, q.options, strict=True)
                                              if not o.correct)
        assert [feedback[f"{i}_fb"] for i in idents] == [o.feedback for o in q.options]


def test_exports_are_written_and_reproducible(tmp_path) -> None:
    first = [p.read_bytes() for p in write_exports(tmp_path / "a")]
    second = [p.read_bytes() for p in write_exports(tmp_path / "b")]
    assert first == second
    assert (tmp_path / "a" / MOODLE_FILE).is_file() and (tmp_path / "a" / QTI_FILE).is_file()


def test_bank_text_with_markup_stays_text() -> None:
    """A '<' or '&' in a bank reaches the LMS as text, not as markup."""
    from exercises.quiz.schema import validate_quiz

    quiz = validate_quiz({"id": "x", "title": "T & <b>", "chapter": "c", "questions": [
        {"id": "q1", "type": "single", "prompt": "Is <script> & co ok?", "options": [
            {"text": "<i>a</i>", "correct": True, "feedback": "f & g"},
            {"text": "b", "correct": False, "feedback": "h"}]}]})
    root = ET.fromstring(moodle_xml([quiz]).encode("utf-8"))
    q = [e for e in root.findall("question") if e.get("type") == "multichoice"][0]
    assert "<script>" not in q.findtext("questiontext/text")
    assert plain(q.findtext("questiontext/text")) == "Is <script> & co ok?"
    assert plain(q.findall("answer")[0].findtext("text")) == "<i>a</i>"
