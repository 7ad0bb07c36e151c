"""The weekly dashboard's numbers and HTML, and beliefs to a decision."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from exercises.campaign import beliefs as bl
from exercises.campaign import dashboard as db
from exercises.campaign import page
from exercises.campaign import tracker as tr
from exercises.grading import grade_thank_you

TODAY = date(2026, 11, 27)  # a Friday; this week starts on Monday 23 November


def campaign() -> dict:
    data = tr.empty()
    people = [("Sam", "friends_family"), ("Prof Ode", "teachers"), ("Lee", "online"),
              ("Kim", "alumni"), ("Ana", "online"), ("Zed", "peers")]
    for name, circle in people:
        data, _ = tr.add(data, {"name": name, "circle": circle}, date(2026, 11, 2))
    data, _ = tr.act(data, "c1", "advance", date(2026, 11, 9))    # warm, asked week 3
    data, _ = tr.act(data, "c1", "advance", date(2026, 11, 11))   # replied week 3
    data, _ = tr.act(data, "c1", "advance", date(2026, 11, 18))   # held week 4
    data, _ = tr.act(data, "c2", "advance", date(2026, 11, 24))   # warm, asked this week
    data, _ = tr.act(data, "c3", "advance", date(2026, 11, 10))   # cold, asked week 3
    data, _ = tr.act(data, "c3", "follow_up", date(2026, 11, 17))  # follow-up week 4
    data, _ = tr.act(data, "c4", "advance", date(2026, 11, 16))   # cold, asked week 4
    data, _ = tr.act(data, "c4", "declined", date(2026, 11, 25))  # replied this week
    data, _ = tr.act(data, "c5", "advance", date(2026, 11, 20))   # cold, follow-up due 27 Nov
    data, _ = tr.add(data, {"name": "Ben", "circle": "online", "referred_by": "c1"}, TODAY)
    data, _ = tr.add(data, {"name": "Eve", "circle": "online", "referred_by": "c1"}, TODAY)
    return data


def test_the_numbers() -> None:
    s = db.compute(campaign(), TODAY)
    assert [w.start for w in s.weeks][-1] == date(2026, 11, 23) and len(s.weeks) == 6
    assert [(w.messages, w.replies, w.held) for w in s.weeks[-3:]] == [
        (2, 1, 0), (3, 0, 1), (1, 1, 0)]
    assert (s.people, s.asked, s.messages, s.replies, s.held) == (8, 5, 6, 2, 1)
    assert (s.warm.asked, s.warm.replied, s.cold.asked, s.cold.replied) == (2, 1, 3, 1)
    assert s.reply_rate.percent == 40
    assert s.names_gained == 2 and s.names_per_conversation == 2.0
    # Overdue items count as due this week; Prof Ode's follow-up (1 December) does not.
    assert [(d.on, d.kind, d.name) for d in s.due] == [
        (date(2026, 11, 19), "thank", "Sam"), (date(2026, 11, 24), "move_on", "Lee"),
        (date(2026, 11, 27), "follow_up", "Ana")]
    assert s.statuses["closed"] == 1 and s.statuses["to_ask"] == 3
    json.dumps(s.to_dict())


def test_the_html_gives_every_number_in_words() -> None:
    out = db.dashboard_html(campaign(), TODAY, uid="t")
    assert "This week (Mon 23 Nov to Sun 29 Nov): 1 message sent, 1 reply, 0 conversations " \
           "held." in out
    numbers = dict(re.findall(r'data-stat="([a-z-]+)">.*?<strong class="iic-dash-value">'
                              r"([^<]+)</strong>", out))
    assert numbers == {"people": "8", "messages": "6", "replies": "2", "reply-rate": "40%",
                       "held": "1", "names-per-conversation": "2.0", "due": "3"}
    assert "Warm contacts: 1 of 2 replied (50%). Cold contacts: 1 of 3 replied (33%)." in out
    assert out.count('role="img"') == 2 and "<desc id=\"t-wk-desc\">" in out
    assert "week of Mon 16 Nov: 3 messages, 0 replies, 1 conversations" in out
    assert "(overdue)" in out and "Send Sam your thank-you note" in out


def test_an_empty_tracker_and_escaping() -> None:
    assert 'data-people="0"' in db.dashboard_html(tr.empty(), TODAY)
    data, _ = tr.add(tr.empty(), {"name": "<b>Bo</b>", "circle": "online"}, TODAY)
    data, _ = tr.act(data, "c1", "advance", date(2026, 11, 19))
    out = db.dashboard_html(data, TODAY)
    assert "<b>Bo</b>" not in out and "&lt;b&gt;Bo&lt;/b&gt;" in out


# ----------------------------------------------------------------------------- beliefs

def held_tracker() -> dict:
    data = tr.empty()
    for name in ("Maya", "Sam", "Lee", "Kim"):
        data, _ = tr.add(data, {"name": name, "circle": "alumni"}, TODAY)
    for cid in ("c1", "c2", "c3"):
        for _ in range(3):
            data, _ = tr.act(data, cid, "advance", TODAY)
    return data


def test_beliefs_three_to_five() -> None:
    data = bl.empty()
    data, msg = bl.add_belief(data, "I would enjoy the daily routine of a ward")
    assert "at least 2 more" in msg
    for text in ("Nurses mostly care for patients", "The maths is hard", "Shift work suits me",
                 "Pay rises quickly"):
        data, msg = bl.add_belief(data, text)
    assert len(data["beliefs"]) == 5
    same, msg = bl.add_belief(data, "One more")
    assert same == data and "5 beliefs" in msg
    _, msg = bl.add_belief(bl.empty(), "   ")
    assert "one sentence" in msg
    data, msg = bl.edit_belief(data, "b3", "The maths is harder than I think")
    assert data["beliefs"][2]["text"] == "The maths is harder than I think"


def test_notes_need_a_held_conversation() -> None:
    data, _ = bl.add_belief(bl.empty(), "Shift work suits me")
    _, msg = bl.add_note(data, tr.empty(), "c1", "b1", "for", "", TODAY)
    assert "Mark a conversation as held" in msg
    tracker = held_tracker()
    _, msg = bl.add_note(data, tracker, "c4", "b1", "for", "", TODAY)  # Kim: not held
    assert "Choose the conversation" in msg
    _, msg = bl.add_note(data, tracker, "c1", "b9", "for", "", TODAY)
    assert "Choose the belief" in msg
    _, msg = bl.add_note(data, tracker, "c1", "b1", "maybe", "", TODAY)
    assert "supports the belief or challenges it" in msg
    data, msg = bl.add_note(data, tracker, "c1", "b1", "against", "nights wore her down", TODAY)
    assert msg == "Noted: what Maya said challenges this belief."
    assert data["notes"][0]["who"] == "Maya" and data["notes"][0]["on"] == "2026-11-27"


def test_the_decision_after_three_conversations() -> None:
    tracker = held_tracker()
    data = bl.empty()
    for text in ("I would enjoy the pace of a busy ward every day",
                 "I can learn the pharmacology and the maths",
                 "Helping patients would feel meaningful to me"):
        data, _ = bl.add_belief(data, text)
    data, _ = bl.add_note(data, tracker, "c1", "b1", "for", "", TODAY)
    data, _ = bl.add_note(data, tracker, "c2", "b1", "against", "", TODAY)
    assert bl.decision(data) == {"ready": False, "conversations": 2}
    assert "1 to go" in bl.grid_html(data)
    data, _ = bl.add_note(data, tracker, "c3", "b3", "for", "", TODAY)
    d = bl.decision(data)
    assert d["ready"] and d["belief_id"] == "b1" and d["experiment"] == "shadow"
    assert d["why"] == "the people you spoke to disagreed about it"
    assert data["decision"] == d  # stored for the thank-you page
    assert bl.next_step_for_thanks(data) == bl.EXPERIMENTS["shadow"]["next_step"]
    out = bl.grid_html(data, uid="g")
    assert "Decision grid" in out and "a shadow day" in out and "mixed: 1 for, 1 against" in out
    # When every tested belief was supported, the untested one is next: a short course.
    data = bl.empty()
    for text in ("I would enjoy the pace of a busy ward every day",
                 "I can learn the pharmacology and the maths",
                 "Helping patients would feel meaningful to me"):
        data, _ = bl.add_belief(data, text)
    for cid, bid in (("c1", "b1"), ("c2", "b1"), ("c3", "b3")):
        data, _ = bl.add_note(data, tracker, cid, bid, "for", "", TODAY)
    d = bl.decision(data)
    assert (d["belief_id"], d["experiment"], d["why"]) == (
        "b2", "course", "no conversation has tested it yet")
    assert d["summary"].startswith("The evidence is mixed")


@pytest.mark.parametrize(("text", "expected"), [
    ("I'd enjoy writing code most of the day", "course"),  # a skill outweighs the day
    ("Working with children would be rewarding", "volunteer"),
    ("The office is quiet and the pace is calm", "shadow"),
    ("Something vague", "shadow"),
])
def test_theme(text: str, expected: str) -> None:
    assert bl.theme(text) == expected


@pytest.mark.parametrize("experiment", sorted(bl.EXPERIMENTS))
def test_each_suggested_next_step_counts_as_a_next_step_for_the_thanks_coach(
        experiment: str) -> None:
    note = ("Hi Sam, thank you for talking with me on Tuesday about your work on the ward. "
            "Your story about your first night shift stayed with me. "
            + bl.EXPERIMENTS[experiment]["next_step"] + " I'll let you know how it goes. Ana")
    assert grade_thank_you(note).check("thanks.next_step").passed


def test_delete_and_restore_a_belief_with_its_notes() -> None:
    tracker = held_tracker()
    data, _ = bl.add_belief(bl.empty(), "A")
    data, _ = bl.add_belief(data, "B")
    data, _ = bl.add_note(data, tracker, "c1", "b1", "for", "x", TODAY)
    after, removed, msg = bl.delete_belief(data, "b1")
    assert "1 note" in msg and not after["notes"]
    back, msg = bl.restore_belief(after, removed)
    assert back["beliefs"] == data["beliefs"] and back["notes"] == data["notes"]
    assert bl.restore_belief(back, removed)[1] == "There is nothing to undo."
    data, msg = bl.delete_note(back, back["notes"][0]["id"])
    assert msg == "Note deleted." and not data["notes"]


def test_beliefs_normalise_tolerates_junk_and_escapes() -> None:
    for junk in (None, [], {"beliefs": 5}, {"beliefs": [{"id": "b1"}, "x"], "notes": [{}]}):
        assert bl.normalise(junk)["beliefs"] == []
    data, _ = bl.add_belief(bl.empty(), "<script>alert(1)</script>")
    assert "<script>" not in bl.grid_html(data, actions=True)


# ----------------------------------------------------------------------------- the page

def call(tool: str, action: str, **payload: object) -> dict:
    return json.loads(page.handle(tool, action, json.dumps(payload)))


def test_the_page_round_trip() -> None:
    out = call("tracker", "add", data={}, today="2026-11-23",
               fields={"name": "Maya", "circle": "alumni", "organisation": "<Org>"})
    assert out["changed"] and out["choices"] == [["c1", "Maya"]]
    assert "&lt;Org&gt;" in out["html"] and 'data-action="act"' in out["html"]
    saved = out["data"]
    out = call("tracker", "act", data=saved, id="c1", do="advance", today="2026-11-23")
    assert out["changed"] and out["data"]["contacts"][0]["stage"] == "asked"
    assert "Mark as asked" not in out["html"] and "They said yes: booked" in out["html"]
    form = call("tracker", "edit_form", data=out["data"], id="c1", uid="s", zones="s-zones",
                zone="Europe/London")
    assert 'data-field="call_date"' in form["form"] and 'list="s-zones"' in form["form"]
    assert 'value="Europe/London"' in form["form"] and not form["changed"]
    bad = call("tracker", "edit", data=out["data"], id="c1", fields={"asked_on": "soon"})
    assert not bad["changed"] and bad["message"].startswith("Nothing was changed")
    ics = call("tracker", "ics", data=out["data"], today="2026-11-23")
    assert ics["file"]["name"] == "campaign-follow-ups.ics" and "1 reminder" in ics["message"]
    gone = call("tracker", "delete", data=out["data"], id="c1")
    assert gone["changed"] and gone["removed"]["name"] == "Maya" and gone["index"] == 0
    back = call("tracker", "restore", data=gone["data"], contact=gone["removed"], index=0)
    assert back["changed"] and back["data"]["contacts"][0]["name"] == "Maya"
    csv_out = call("tracker", "csv", data=back["data"], today="2026-11-23")
    assert csv_out["file"]["text"].startswith("Name,Organisation")
    dash = call("dashboard", "show", tracker=back["data"], today="2026-11-23")
    assert dash["stats"]["messages"] == 1 and "iic-dashboard" in dash["html"]
    b = call("beliefs", "add_belief", data={}, text="Shift work suits me", tracker={})
    assert b["changed"] and b["beliefs"] == [["b1", "Shift work suits me"]]
    assert b["conversations"] == [] and b["next_step"] == ""


def test_the_page_never_raises() -> None:
    assert "error" in json.loads(page.handle("nope", "x", "{}"))
    assert json.loads(page.handle("tracker", "show", "{not json"))["data"]["contacts"] == []
    out = json.loads(page.handle("tracker", "show", "[1, 2]"))
    assert out["data"]["contacts"] == []
    out = json.loads(page.handle("tracker", "fly", json.dumps({"data": 5})))
    assert "Unknown tracker action" in out["message"]
    out = json.loads(page.handle("beliefs", "add_note", json.dumps(
        {"data": "x", "tracker": [], "contact": 5, "belief": None, "stance": 3})))
    assert not out["changed"]
