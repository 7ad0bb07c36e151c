"""The campaign tracker's rules: adding, editing, deleting, the pipeline, cadence reminders,
and reading older saved files."""

from __future__ import annotations

import copy
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.campaign import tracker as tr

MON = date(2026, 11, 23)
FRI = date(2026, 11, 27)


def build(*people: tuple[str, str], org: str = "", today: date = MON) -> dict:
    data = tr.empty()
    for name, circle in people:
        data, _ = tr.add(data, {"name": name, "circle": circle, "organisation": org}, today)
    return data


# ----------------------------------------------------------------------------- adding

def test_add_validates_and_never_mutates_the_input() -> None:
    empty = tr.empty()
    same, msg = tr.add(empty, {"name": "  ", "circle": "alumni"}, MON)
    assert same is empty and "name or short description" in msg
    same, msg = tr.add(empty, {"name": "Ana", "circle": "martians"}, MON)
    assert same is empty and "Choose a circle" in msg
    one, msg = tr.add(empty, {"name": " Ana   Lopez ", "circle": "alumni", "note": "fair"}, MON)
    assert msg == "Added Ana Lopez (cold, alumni) to your tracker."
    assert empty == tr.empty()
    ana = one["contacts"][0]
    assert ana["id"] == "c1" and ana["stage"] == "to_ask" and ana["added_on"] == "2026-11-23"
    again, msg = tr.add(one, {"name": "ana lopez", "circle": "peers"}, MON)
    assert again is one and "already in your tracker" in msg


def test_warmth_defaults_from_the_circle_and_can_be_set() -> None:
    data = build(("Mum", "friends_family"), ("Prof", "teachers"), ("Alum", "alumni"),
                 ("Stranger", "online"))
    assert [c["warmth"] for c in data["contacts"]] == ["warm", "warm", "cold", "cold"]
    data, _ = tr.add(data, {"name": "Intro", "circle": "online", "warmth": "warm"}, MON)
    assert tr.find(data, "c5")["warmth"] == "warm"
    same, msg = tr.add(data, {"name": "X", "circle": "online", "warmth": "lukewarm"}, MON)
    assert same is data and "warm or cold" in msg


def test_referred_by_must_be_someone_on_the_list() -> None:
    data = build(("Sam", "friends_family"))
    data, _ = tr.add(data, {"name": "Ola", "circle": "online", "referred_by": "c1"}, MON)
    assert tr.find(data, "c2")["referred_by"] == "c1"
    assert tr.referrals_from(data, "c1") == 1
    same, msg = tr.add(data, {"name": "Bo", "circle": "online", "referred_by": "c99"}, MON)
    assert same is data and "who suggested" in msg


def test_the_tracker_has_a_size_limit_with_a_clear_message() -> None:
    data = tr.empty()
    data["contacts"] = [dict(tr.blank_contact(f"c{i}", f"P{i}", "alumni"))
                        for i in range(1, tr.MAX_CONTACTS + 1)]
    same, msg = tr.add(data, {"name": "One more", "circle": "alumni"}, MON)
    assert same is data and str(tr.MAX_CONTACTS) in msg


# ----------------------------------------------------------------------------- editing

def test_edit_changes_fields_and_names_bad_ones() -> None:
    data = build(("Maya", "alumni"), ("Sam", "peers"))
    data, msg = tr.edit(data, "c1", {"name": "Maya Chen", "organisation": "City Council",
                                     "warmth": "warm", "asked_on": "2026-11-20",
                                     "call_time": "9:05", "their_zone": "europe/berlin"})
    maya = tr.find(data, "c1")
    assert msg == "Saved the changes to Maya Chen."
    assert (maya["organisation"], maya["warmth"], maya["asked_on"], maya["call_time"],
            maya["their_zone"]) == ("City Council", "warm", "2026-11-20", "09:05",
                                    "Europe/Berlin")
    before = copy.deepcopy(data)
    same, msg = tr.edit(data, "c1", {"asked_on": "20/11/2026", "call_time": "25:00",
                                     "my_zone": "Atlantis/Capital"})
    assert same is data and data == before
    assert msg.startswith("Nothing was changed.")
    assert "Request sent on" in msg and "15:00" in msg and "Atlantis/Capital" in msg
    same, msg = tr.edit(data, "c2", {"name": "maya chen"})
    assert same is data and "already in your tracker" in msg
    same, msg = tr.edit(data, "c9", {"name": "X"})
    assert same is data and "no longer in your tracker" in msg


def test_edit_can_correct_the_stage_and_clear_a_date() -> None:
    data = build(("Maya", "alumni"))
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.edit(data, "c1", {"stage": "to_ask", "asked_on": ""})
    maya = tr.find(data, "c1")
    assert maya["stage"] == "to_ask" and maya["asked_on"] == ""
    same, msg = tr.edit(data, "c1", {"stage": "famous"})
    assert same is data and "where this contact stands" in msg


def test_a_contact_cannot_suggest_themselves() -> None:
    data = build(("Maya", "alumni"))
    same, msg = tr.edit(data, "c1", {"referred_by": "c1"})
    assert same is data and "who suggested" in msg


# ----------------------------------------------------------------------------- deleting

def test_delete_and_undo_put_the_contact_back_in_place() -> None:
    data = build(("A", "alumni"), ("B", "peers"), ("C", "online"))
    data, _ = tr.set_first_three(data, ["c2", "c3"])
    after, removed, index, msg = tr.delete(data, "c2")
    assert msg == "Deleted B from your tracker." and index == 1
    assert [c["name"] for c in after["contacts"]] == ["A", "C"]
    assert after["first_three"] == ["c3"]
    back, msg = tr.restore(after, removed, index)
    assert msg == "B is back in your tracker."
    assert [c["name"] for c in back["contacts"]] == ["A", "B", "C"]
    assert tr.find(back, "c2") == tr.find(data, "c2")
    same, msg = tr.restore(back, removed, index)
    assert same is back and "nothing to undo" in msg
    same, _, _, msg = tr.delete(back, "c42")
    assert same is back and "no longer" in msg
    assert tr.restore(back, "junk")[1] == "There is nothing to undo."


def test_ids_are_never_reused_after_a_delete() -> None:
    data = build(("A", "alumni"), ("B", "peers"))
    data, _, _, _ = tr.delete(data, "c2")
    data, _ = tr.add(data, {"name": "C", "circle": "online"}, MON)
    assert [c["id"] for c in data["contacts"]] == ["c1", "c3"]


# ----------------------------------------------------------------------------- pipeline

def test_the_main_line_stamps_each_date() -> None:
    data = build(("Maya", "alumni"))
    steps = []
    day = MON
    for expected in ("asked", "booked", "held", "thanked", "reported"):
        actions = dict(tr.available_actions(tr.find(data, "c1")))
        assert "advance" in actions
        data, msg = tr.act(data, "c1", "advance", day)
        assert tr.find(data, "c1")["stage"] == expected
        steps.append(expected)
        assert msg.startswith("Maya")
        day = date.fromordinal(day.toordinal() + 1)
    assert steps == ["asked", "booked", "held", "thanked", "reported"]
    maya = tr.find(data, "c1")
    assert (maya["asked_on"], maya["replied_on"], maya["held_on"], maya["thanked_on"],
            maya["reported_on"]) == ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26",
                                     "2026-11-27")
    assert tr.available_actions(maya) == []
    same, msg = tr.act(data, "c1", "advance", day)
    assert same is data and "does not apply" in msg


def test_held_takes_the_planned_call_date_when_it_has_passed() -> None:
    data = build(("Maya", "alumni"))
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.edit(data, "c1", {"call_date": "2026-11-25"})
    data, msg = tr.act(data, "c1", "advance", FRI)  # marked two days late
    assert tr.find(data, "c1")["held_on"] == "2026-11-25"
    assert "Thursday 26 November 2026" in msg  # the thank-you is due the day after the call


def test_follow_up_declined_and_no_reply() -> None:
    data = build(("A", "alumni"), ("B", "online"))
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.act(data, "c2", "advance", MON)
    assert [a for a, _ in tr.available_actions(tr.find(data, "c1"))] == [
        "advance", "follow_up", "declined", "no_reply"]
    data, msg = tr.act(data, "c1", "follow_up", date(2026, 11, 30))
    assert "Monday 7 December 2026" in msg
    assert "follow_up" not in dict(tr.available_actions(tr.find(data, "c1")))
    data, msg = tr.act(data, "c1", "no_reply", date(2026, 12, 8))
    a = tr.find(data, "c1")
    assert a["stage"] == "no_reply" and a["closed_on"] == "2026-12-08"
    data, msg = tr.act(data, "c2", "declined", FRI)
    b = tr.find(data, "c2")
    assert b["stage"] == "declined" and b["replied_on"] == "2026-11-27"
    assert "someone else" in msg


def test_status_follows_the_cadence() -> None:
    data = build(("A", "alumni"))
    data, _ = tr.act(data, "c1", "advance", FRI)  # asked on a Friday before a month end
    a = tr.find(data, "c1")
    assert tr.status(a, date(2026, 12, 3)) == "asked"
    assert tr.status(a, date(2026, 12, 4)) == "follow_up_due"
    assert "Friday 4 December 2026" in tr.next_step(data, a, date(2026, 12, 3))
    data, _ = tr.act(data, "c1", "follow_up", date(2026, 12, 4))
    a = tr.find(data, "c1")
    assert tr.status(a, date(2026, 12, 20)) == "asked"
    assert "No reply: move on" in tr.next_step(data, a, date(2026, 12, 11))
    data, _ = tr.edit(data, "c1", {"stage": "thanked", "held_on": "2026-11-18"})
    a = tr.find(data, "c1")
    assert tr.status(a, date(2026, 12, 29)) == "thanked"
    assert tr.status(a, date(2026, 12, 30)) == "report_back_due"
    assert tr.status(dict(a, stage="reported"), MON) == "done"
    assert tr.status(dict(a, stage="declined"), MON) == "closed"


def test_second_contact_at_the_same_organisation_waits_three_working_days() -> None:
    data = build(("Lee", "online"), ("Kim", "alumni"), org="Harbour Bank", today=MON)
    data, _ = tr.edit(data, "c2", {"organisation": "harbour bank"})
    data, _ = tr.act(data, "c1", "advance", date(2026, 11, 26))  # Thursday
    kim = tr.find(data, "c2")
    step = tr.next_step(data, kim, date(2026, 11, 27))
    assert "Lee" in step and "Tuesday 1 December 2026" in step
    assert "you can write to Kim now" in tr.next_step(data, kim, date(2026, 12, 1))
    due = [d for d in tr.dues(data, kim) if d.kind == "second_contact"]
    assert due and due[0].on == date(2026, 12, 1)
    data, _ = tr.act(data, "c1", "advance", date(2026, 11, 30))  # Lee replied: no hint
    assert not [d for d in tr.dues(data, tr.find(data, "c2")) if d.kind == "second_contact"]


def test_dues_for_a_booked_call_across_a_weekend() -> None:
    data = build(("Maya", "alumni"))
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.edit(data, "c1", {"call_date": "2026-12-07", "call_time": "15:00",
                                   "their_zone": "Europe/Berlin", "my_zone": "America/Toronto"})
    kinds = {d.kind: d.on for d in tr.dues(data, tr.find(data, "c1"))}
    assert kinds == {"confirm": date(2026, 12, 4), "call": date(2026, 12, 7)}
    step = tr.next_step(data, tr.find(data, "c1"), FRI)
    assert "Confirm on Friday 4 December 2026" in step
    assert "15:00 in Berlin (09:00 for you in Toronto)" in step
    message = tr.confirmation(tr.find(data, "c1"))
    assert message.startswith("Hi Maya, just confirming our call on Monday 7 December 2026 at "
                              "15:00 your time (09:00 for me in Toronto).")


def test_all_dues_are_sorted_by_date() -> None:
    data = build(("A", "alumni"), ("B", "alumni"))
    data, _ = tr.act(data, "c2", "advance", MON)
    data, _ = tr.act(data, "c1", "advance", FRI)
    assert [d.name for d in tr.all_dues(data)] == ["B", "A"]


def test_first_three_keeps_known_ids_in_order() -> None:
    data = build(("A", "alumni"), ("B", "alumni"), ("C", "alumni"), ("D", "alumni"))
    data, msg = tr.set_first_three(data, ["c3", "x", "c1", "c3", "c2", "c4"])
    assert data["first_three"] == ["c3", "c1", "c2"] and "at most 3" in msg
    data, msg = tr.set_first_three(data, ["c2"])
    assert msg == "You will ask B first."


def test_greeting_names() -> None:
    assert tr.greeting_name("Maya Chen") == "Maya"
    assert tr.greeting_name("Dr Okoye") == "Dr Okoye"
    assert tr.greeting_name("Prof. Ada Lee") == "Prof. Ada"
    assert tr.greeting_name("my aunt's boss") == ""


# ----------------------------------------------------------------------------- saved files

OLD_MAP = {"circles": {"friends_family": [{"name": "Aunt Rosa", "note": "knows a nurse"}],
                       "teachers": [{"name": "Dr Okoye", "note": ""}],
                       "alumni": [{"name": "Sam", "note": "2019 graduate"}, {"name": "Sam"}]},
           "first_three": ["Dr Okoye", "Nobody", "Aunt Rosa"],
           "saved_at": "2026-10-01T09:00:00Z"}


def test_the_old_contact_map_is_read_as_a_tracker() -> None:
    data = tr.normalise(OLD_MAP)
    assert data["version"] == 2
    assert [(c["name"], c["circle"], c["warmth"], c["stage"], c["note"])
            for c in data["contacts"]] == [
        ("Aunt Rosa", "friends_family", "warm", "to_ask", "knows a nurse"),
        ("Dr Okoye", "teachers", "warm", "to_ask", ""),
        ("Sam", "alumni", "cold", "to_ask", "2019 graduate")]
    ids = {c["name"]: c["id"] for c in data["contacts"]}
    assert data["first_three"] == [ids["Dr Okoye"], ids["Aunt Rosa"]]
    assert tr.normalise(data) == data  # reading it again changes nothing
    data, _ = tr.add(data, {"name": "New", "circle": "peers"}, MON)
    assert len({c["id"] for c in data["contacts"]}) == 4


def test_junk_never_raises() -> None:
    for junk in (None, "x", 5, [], {"circles": {"friends_family": 5}},
                 {"circles": {"alumni": ["x", {"name": 3}, {"name": ""}]}},
                 {"contacts": "nope"}, {"contacts": [5, {"name": "A", "id": "c1"},
                                                     {"name": "B", "id": "c1"},
                                                     {"name": "C", "referred_by": "zz",
                                                      "asked_on": "yesterday", "stage": "x"}]},
                 {"contacts": [], "next_id": True, "first_three": "c1"}):
        data = tr.normalise(junk)
        assert set(data) == {"version", "contacts", "first_three", "next_id"}
    data = tr.normalise({"contacts": [{"name": "A", "id": "c1"}, {"name": "B", "id": "c1"},
                                      {"name": "C", "referred_by": "zz", "asked_on": "x",
                                       "stage": "x"}]})
    assert [c["id"] for c in data["contacts"]] == ["c1", "c2", "c3"]
    assert tr.find(data, "c3")["referred_by"] == "" and tr.find(data, "c3")["asked_on"] == ""
    assert tr.find(data, "c3")["stage"] == "to_ask"
    # The case that broke the old contact map (issue 14): adding still works.
    broken = {"circles": {"friends_family": 5}}
    after, msg = tr.add(broken, {"name": "Ana", "circle": "alumni"}, MON)
    assert msg.startswith("Added Ana")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12)
    | st.sampled_from(["c1", "c2", "alumni", "asked", "2026-11-27", "warm", "Europe/Berlin"]),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["contacts", "circles", "first_three", "next_id", "name", "id",
                         "circle", "stage", "warmth", "asked_on", "referred_by", "note",
                         "alumni", "their_zone", "call_time"]), kids, max_size=5),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_normalise_accepts_any_json_and_is_stable(value: object) -> None:
    data = tr.normalise(value)
    json.dumps(data)
    assert tr.normalise(data) == data
    ids = [c["id"] for c in data["contacts"]]
    assert len(ids) == len(set(ids))
    assert all(i in ids for i in data["first_three"])
    for c in data["contacts"]:
        assert c["stage"] in tr.STAGE_IDS and c["circle"] in tr.CIRCLE_IDS
        assert tr.status(c, MON) in tr.STATUS_LABELS
        tr.next_step(data, c, MON)
