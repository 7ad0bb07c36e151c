"""Pure logic behind the planning worksheet (the tracker's is tested in tests/campaign)."""

from __future__ import annotations

from exercises.widgets import worksheet_logic as wl


def test_normalise_planning_fills_defaults_and_rejects_bad_values():
    assert wl.normalise_planning(None) == wl.PLANNING_DEFAULTS
    data = wl.normalise_planning({"learn_about": "hobbies", "format": "phone", "minutes": "15",
                                  "from_whom": 3, "researched": "their blog", "extra": 1})
    assert data == {"learn_about": "role", "learn_detail": "", "from_whom": "",
                    "format": "phone", "minutes": 15, "researched": "their blog"}
    assert wl.normalise_planning({"minutes": 45})["minutes"] == 20


def test_planning_summary_and_goal_echo():
    data = dict(wl.PLANNING_DEFAULTS, learn_about="industry", learn_detail="water utilities",
                from_whom="an engineer at the city", format="in_person", minutes=30)
    assert wl.planning_summary(data) == (
        "Plan: learn about an industry (water utilities) from an engineer at the city, "
        "30 minutes, in person.")
    assert "not chosen yet" in wl.planning_summary(wl.PLANNING_DEFAULTS)
    assert wl.goal_text({"text": "  learn x  "}) == "learn x"
    assert wl.goal_text(None) == ""
    echo = wl.goal_echo_html("<script>x</script>")
    assert "<script>" not in echo and "Your learning goal" in echo
    assert "not written a learning goal" in wl.goal_echo_html("")
