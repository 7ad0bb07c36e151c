"""The planning worksheet and the contact map, driven through their widgets."""

from __future__ import annotations

from exercises.storage import WorkStore
from exercises.widgets import contact_map, planning_worksheet


def test_planning_saves_as_you_type_and_restores(store_path):
    sheet = planning_worksheet(store=store_path, save_delay=0)
    sheet.learn_about.value = "industry"
    sheet.learn_detail.value = "renewable energy"
    sheet.from_whom.value = "an alum at a solar company"
    sheet.format.value = "phone"
    sheet.minutes.value = 15
    sheet.researched.value = "their company's recent projects"
    saved = WorkStore(store_path).get_worksheet("planning")
    assert saved["learn_about"] == "industry" and saved["minutes"] == 15
    assert saved["researched"] == "their company's recent projects"
    assert saved["saved_at"]
    assert "learn about an industry (renewable energy)" in sheet.summary.value

    again = planning_worksheet(store=store_path)
    assert again.learn_detail.value == "renewable energy"
    assert again.format.value == "phone" and again.minutes.value == 15


def test_planning_save_button_confirms(store_path):
    sheet = planning_worksheet(store=store_path)
    sheet.save_button.click()
    assert "Plan saved." in sheet.status.value
    assert WorkStore(store_path).get_worksheet("planning")["format"] == "video"


def test_planning_shows_the_goal_from_the_store(store_path):
    assert "not written a learning goal" in planning_worksheet(store=store_path).goal.value
    WorkStore(store_path).save_exercise("goal", "I want to learn how <b>editors</b> work.", {},
                                        None)
    goal = planning_worksheet(store=store_path).goal.value
    assert "Your learning goal" in goal and "&lt;b&gt;editors&lt;/b&gt;" in goal


def test_contact_map_add_list_pick_and_restore(store_path):
    cmap = contact_map(store=store_path)
    assert "Names never leave this browser" in cmap.header.value
    cmap.add_button.click()
    assert "Write a name" in cmap.message.value
    for name, circle in [("Aunt Rosa", "friends_family"), ("Dr. Patel", "teachers"),
                         ("Lee from the robotics club", "peers"), ("Sam", "alumni")]:
        cmap.name.value = name
        cmap.circle.value = circle
        cmap.note.value = "note for " + name
        cmap.add_button.click()
    assert cmap.name.value == "" and "Added Sam to alumni." in cmap.message.value
    assert "4 people on your map" in cmap.listing.value
    assert "Teachers and professors (1)" in cmap.listing.value
    cmap.first[0].value = "Dr. Patel"
    cmap.first[1].value = "Sam"
    cmap.first[2].value = "Dr. Patel"
    assert "same person twice" in cmap.message.value
    saved = WorkStore(store_path).get_worksheet("contacts")
    assert saved["first_three"] == ["Dr. Patel", "Sam"]
    assert saved["circles"]["peers"] == [{"name": "Lee from the robotics club",
                                          "note": "note for Lee from the robotics club"}]

    again = contact_map(store=store_path)
    assert [d.value for d in again.first] == ["Dr. Patel", "Sam", ""]
    assert "(ask first, #1)" in again.listing.value
    again.remove_choice.value = "Sam"
    again.remove_button.click()
    assert WorkStore(store_path).get_worksheet("contacts")["first_three"] == ["Dr. Patel"]
    assert "Removed Sam." in again.message.value
    assert "Sam" not in [label for label, _ in again.first[0].options]


def test_contact_map_notice_for_a_corrupt_store(store_path):
    store_path.write_text('{"format": "something-else"}', encoding="utf-8")
    cmap = contact_map(store=store_path)
    assert "could not be used" in cmap.notice.value
