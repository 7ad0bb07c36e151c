"""The planning worksheet, driven through its widgets (the campaign tools: test_campaign)."""

from __future__ import annotations

from exercises.storage import WorkStore
from exercises.widgets import planning_worksheet


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
