"""The interview kit and the rehearsal transcript: escaped, links made safe, contacts as
a table, and the same text from Python (notebooks) and JavaScript (the progress page)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.saved_kit import interview_kit, js_number, md_inline, rehearsal_markdown
from exercises.saved_schema import fit_document, schema

from .saved_values import NO_SHRINK, documents, json_values, run_node, shaped_like

CIRCLES = [("friends_family", "Friends and family"), ("alumni", "Alumni")]
PERSONAS = {"amara-okafor": {"name": "Amara Okafor", "role": "Nurse", "organisation": "A & E"}}
CTX = {"madeOn": "2030-01-02", "quizTitles": {"pitching": "Pitching | quiz"},
       "circles": CIRCLES, "personas": PERSONAS}


def kit(doc: dict[str, Any]) -> str:
    return interview_kit(doc, "2030-01-02", CTX["quizTitles"], CIRCLES, PERSONAS)


HOSTILE = ('<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=y> '
           '| a | b | `code` *bold* _it_ ~~gone~~ &lt; JavaScript:void(0) data:text/html,x')


def test_learner_text_cannot_become_markup_or_an_unsafe_link() -> None:
    line = md_inline(HOSTILE)
    # No raw tag, link, code span, emphasis or table pipe survives unescaped.
    assert not re.search(r"(?<!\\)[<>\[\]`*_|~&]", line), line
    assert "javascript" not in line.lower() and "data:" not in line
    assert line.count("(unsafe link removed)") == 3
    assert md_inline("# not a heading") == "\\# not a heading"
    assert md_inline("1. not a list") == "1\\. not a list"
    assert md_inline("- not a bullet") == "\\- not a bullet"
    assert md_inline("tab\tand\nnewline") == "tab and newline"
    assert md_inline("nul\x00 and \ud800 lone") == "nul and \ufffd lone"


def test_the_kit_escapes_every_part_and_lists_contacts_as_a_table() -> None:
    doc = {"exercises": {"pitch": {"text": HOSTILE + "\n## also not a heading",
                                   "saved_at": "2030-01-01T00:00:00Z"}},
           "worksheets": {"planning": {"from_whom": "<b>Dr</b> Lee", "minutes": 20,
                                       "learn_about": "role"},
                          "contacts": {"circles": {"alumni": [{"name": "Ana | Bo",
                                                               "note": "[x](javascript:y)"}],
                                                   "friends_family": [{"name": "Raj"}]},
                                       "first_three": ["Raj"]}},
           "quizzes": {"pitching": {"score": 3, "total": 8, "updated": "2030-01-01T00:00:00Z"}}}
    text = kit(doc)
    assert "<script>" not in text and "<b>" not in text and "javascript" not in text.lower()
    assert "> \\## also not a heading" in text
    assert "- **Learn about**: role" in text and "- **Minutes**: 20" in text
    assert "- **From whom**: \\<b\\>Dr\\</b\\> Lee" in text
    contacts = text.split("## Contacts")[1].split("##")[0]
    assert "| Name | Circle | Note | Ask first |" in contacts
    assert "| Raj | Friends and family | - | 1 |" in contacts
    assert "| Ana \\| Bo | Alumni | \\[x\\]((unsafe link removed)) | - |" in contacts
    assert "| Quiz: Pitching \\| quiz | 3/8 | - | 2030-01-01 |" in text
    # Every table row keeps its four cells: no learner "|" splits one.
    for row in text.splitlines():
        if row.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", row)) == 5, row


def test_rehearsal_transcript_from_a_saved_record() -> None:
    record = {"persona": "amara-okafor", "minutes": 15, "saved_at": "2030-01-01T10:00:00Z",
              "transcript": [{"question": "<b>How</b> did you start?", "reply": "By *luck*."}],
              "debrief": {"encouragement": "Good questions.", "categories_covered": ["path"]}}
    md = rehearsal_markdown(record, PERSONAS)
    assert md.startswith("# Practice interview with Amara Okafor\n")
    assert "Nurse, A \\& E. Agreed length: 15 minutes. Saved on 2030-01-01." in md
    assert "**You:** \\<b\\>How\\</b\\> did you start?" in md
    assert "**Amara Okafor:** By \\*luck\\*." in md
    assert "- Topics covered: path" in md
    unknown = rehearsal_markdown({"persona": "<x>", "transcript": "nope"}, PERSONAS)
    assert "# Practice interview with \\<x\\>" in unknown
    assert "_No questions were asked in this conversation._" in unknown


def test_numbers_are_written_as_javascript_writes_them() -> None:
    cases = {0: "0", -0.0: "0", 20: "20", 20.0: "20", 0.1: "0.1", 1e21: "1e+21",
             1e16: "10000000000000000", 1e-7: "1e-7", 1.5e-6: "0.0000015", -2.5: "-2.5",
             123456789012345680000: "123456789012345680000", 10 ** 400: "Infinity"}
    for number, text in cases.items():
        assert js_number(number) == text, number


# ---- the property test: the progress page writes the same kit ---------------------------

records = shaped_like({"$ref": "#/$defs/rehearsal"}) | json_values
personas = st.dictionaries(st.sampled_from(["amara-okafor", "constructor", "x"]),
                           st.fixed_dictionaries({"name": st.text(max_size=8),
                                                  "role": st.text(max_size=8),
                                                  "organisation": st.text(max_size=8)}),
                           max_size=2)


@settings(max_examples=30, deadline=None, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(documents, min_size=5, max_size=12), st.lists(st.tuples(records, personas),
                                                             min_size=5, max_size=12),
       st.lists(st.text(max_size=40) | st.sampled_from([HOSTILE, "# x", "10) y"]),
                min_size=5, max_size=20))
def test_javascript_kit_agrees_with_python(docs: list[Any], transcripts: list[Any],
                                           lines: list[str]) -> None:
    fitted = [fit_document(d)[0] for d in docs]  # what both pages hand the kit
    got = run_node("saved_kit_cli.js", {"schema": schema(), "cases": (
        [{"op": "kit", "doc": d, "ctx": CTX} for d in fitted]
        + [{"op": "transcript", "record": r, "personas": p} for r, p in transcripts]
        + [{"op": "inline", "text": t} for t in lines])})
    want = ([kit(d) for d in fitted] + [rehearsal_markdown(r, p) for r, p in transcripts]
            + [md_inline(t) for t in lines])
    for js, py in zip(got, want, strict=True):
        assert js == py
