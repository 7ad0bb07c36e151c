"""The campaign tools in a notebook: tracker, beliefs and dashboard, driven through widgets."""

from __future__ import annotations

import csv
from datetime import date

from icalendar import Calendar

from exercises.campaign import export as ex
from exercises.storage import WorkStore
from exercises.widgets import (
    beliefs_to_decision,
    campaign_dashboard,
    campaign_tracker,
    contact_map,
)

MON = date(2026, 11, 23)


def add(tracker, name: str, circle: str, org: str = "", warmth: str = "") -> None:
    tracker.name.value = name
    tracker.circle.value = circle
    tracker.organisation.value = org
    tracker.warmth.value = warmth
    tracker.add_button.click()


def test_tracker_add_act_edit_delete_undo_and_restore(store_path):
    t = campaign_tracker(store=store_path, today=MON)
    assert "Names never leave this browser" in t.header.value
    t.add_button.click()
    assert "name or short description" in t.message.value
    add(t, "Aunt Rosa", "friends_family")
    add(t, "Maya Chen", "alumni", "City Council")
    add(t, "Lee", "online", warmth="warm")
    assert t.name.value == "" and "Added Lee (warm" in t.message.value
    assert "3 people in your tracker" in t.listing.value
    t.person.value = "c2"
    assert [k for _, k in t.action.options] == ["advance"]
    t.action.value = "advance"
    t.do_button.click()
    assert "follow up on Monday 30 November 2026" in t.message.value
    assert [k for _, k in t.action.options] == ["advance", "follow_up", "declined", "no_reply"]
    saved = WorkStore(store_path).get_worksheet("contacts")
    assert saved["contacts"][1]["stage"] == "asked" and saved["saved_at"]

    t.edit_button.click()
    assert t.edit_box.layout.display == "" and t.edit_fields["name"].value == "Maya Chen"
    t.edit_fields["asked_on"].value = "not a date"
    t.save_edit_button.click()
    assert "Nothing was changed" in t.message.value and t.edit_box.layout.display == ""
    t.edit_fields["asked_on"].value = "2026-11-20"
    t.edit_fields["their_zone"].value = "Europe/Berlin"
    t.save_edit_button.click()
    assert t.edit_box.layout.display == "none"
    assert WorkStore(store_path).get_worksheet("contacts")["contacts"][1]["asked_on"] == (
        "2026-11-20")

    t.first[0].value = "c3"
    t.first[1].value = "c1"
    t.first[2].value = "c3"
    assert "same person twice" in t.message.value
    assert WorkStore(store_path).get_worksheet("contacts")["first_three"] == ["c3", "c1"]

    t.person.value = "c1"
    t.delete_button.click()
    assert "Deleted Aunt Rosa" in t.message.value and not t.undo_button.disabled
    assert WorkStore(store_path).get_worksheet("contacts")["first_three"] == ["c3"]
    t.undo_button.click()
    assert "Aunt Rosa is back" in t.message.value and t.undo_button.disabled
    names = [c["name"] for c in WorkStore(store_path).get_worksheet("contacts")["contacts"]]
    assert names == ["Aunt Rosa", "Maya Chen", "Lee"]

    again = campaign_tracker(store=store_path, today=MON)
    assert [d.value for d in again.first] == ["c3", "", ""]
    assert "Maya Chen" in again.listing.value


def test_tracker_exports_files_next_to_the_store(store_path):
    t = contact_map(store=store_path, today=MON)  # the old name still works
    add(t, "Maya", "alumni")
    t.person.value = "c1"
    t.action.value = "advance"
    t.do_button.click()
    t.ics_button.click()
    ics = store_path.parent / ex.ICS_NAME
    assert "Saved campaign-follow-ups.ics" in t.message.value
    assert ex.validate_ics(ics.read_text(encoding="utf-8")) == []
    assert len(Calendar.from_ical(ics.read_text(encoding="utf-8")).walk("VEVENT")) == 1
    t.csv_button.click()
    rows = list(csv.reader((store_path.parent / ex.CSV_NAME).open(encoding="utf-8")))
    assert rows[1][0] == "Maya" and rows[1][4] == "Asked"


def test_an_old_contact_map_in_the_store_opens_as_a_tracker(store_path):
    WorkStore(store_path).save_worksheet("contacts", {
        "circles": {"teachers": [{"name": "Dr Okoye", "note": "chemistry"}]},
        "first_three": ["Dr Okoye"]})
    t = campaign_tracker(store=store_path, today=MON)
    assert "Dr Okoye" in t.listing.value and "ask first, #1" in t.listing.value
    assert [d.value for d in t.first] == ["c1", "", ""]


def test_beliefs_and_the_decision(store_path):
    t = campaign_tracker(store=store_path, today=MON)
    for name in ("Maya", "Sam", "Lee"):
        add(t, name, "alumni")
    b = beliefs_to_decision(store=store_path, today=MON)
    assert b.conversation.options[0][1] == ""  # nobody held yet
    for text in ("I'd enjoy the pace of a busy day", "I can learn the coding",
                 "The work would feel meaningful"):
        b.belief_text.value = text
        b.add_belief_button.click()
    assert b.belief_text.value == "" and "3 of 5 beliefs" in b.grid.value
    for cid in ("c1", "c2", "c3"):
        t.person.value = cid
        for _ in range(3):
            t.action.value = "advance"
            t.do_button.click()
    b = beliefs_to_decision(store=store_path, today=MON)
    assert [v for _, v in b.conversation.options] == ["c1", "c2", "c3"]
    for cid, stance in (("c1", "for"), ("c2", "against"), ("c3", "for")):
        b.conversation.value = cid
        b.note_belief.value = "b1"
        b.stance.value = stance
        b.note_text.value = f"from {cid}"
        b.add_note_button.click()
    assert "Your next experiment" in b.grid.value and "a shadow day" in b.grid.value
    saved = WorkStore(store_path).get_worksheet("beliefs")
    assert saved["decision"]["ready"] and saved["decision"]["experiment"] == "shadow"
    b.pick_belief.value = "b2"
    assert b.edit_text.value == "I can learn the coding"
    b.delete_belief_button.click()
    assert len(WorkStore(store_path).get_worksheet("beliefs")["beliefs"]) == 2
    b.undo_button.click()
    assert len(WorkStore(store_path).get_worksheet("beliefs")["beliefs"]) == 3
    b.pick_note.value = b.pick_note.options[1][1]
    b.delete_note_button.click()
    assert len(WorkStore(store_path).get_worksheet("beliefs")["notes"]) == 2


def test_dashboard_counts_the_saved_tracker(store_path):
    d = campaign_dashboard(store=store_path, today=MON)
    assert 'data-people="0"' in d.view.value
    t = campaign_tracker(store=store_path, today=MON)
    add(t, "Maya", "alumni")
    t.person.value = "c1"
    t.action.value = "advance"
    t.do_button.click()
    stats = d.refresh()
    assert stats.messages == 1 and stats.cold.asked == 1
    assert "1 message sent" in d.view.value
