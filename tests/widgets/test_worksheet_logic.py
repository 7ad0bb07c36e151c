"""Pure logic behind the planning worksheet and the contact map."""

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


def test_add_contact_validates_moves_and_does_not_mutate():
    empty = wl.empty_contacts()
    same, msg = wl.add_contact(empty, "  ", "alumni")
    assert same is empty and "Write a name" in msg
    same, msg = wl.add_contact(empty, "Ana", "martians")
    assert same is empty and "Choose a circle" in msg
    one, msg = wl.add_contact(empty, "Ana", "alumni", "met at the fair")
    assert msg == "Added Ana to alumni."
    assert empty["circles"]["alumni"] == []  # the input was not changed
    moved, _ = wl.add_contact(one, "Ana", "peers", "classmate")
    assert moved["circles"]["alumni"] == []
    assert moved["circles"]["peers"] == [{"name": "Ana", "note": "classmate"}]


def test_first_three_keeps_known_names_in_order_and_at_most_three():
    data = wl.empty_contacts()
    for name in ("A", "B", "C", "D"):
        data, _ = wl.add_contact(data, name, "friends_family")
    data, msg = wl.set_first_three(data, ["C", "X", "A", "C", "B", "D"])
    assert data["first_three"] == ["C", "A", "B"] and "at most 3" in msg
    data = wl.remove_contact(data, "A")
    assert data["first_three"] == ["C", "B"]
    assert "A" not in wl.names(data)


def test_normalise_contacts_tolerates_junk():
    junk = {"circles": {"alumni": [{"name": "Z"}, "x", {"name": 3}, {"name": "Z"}],
                        "nope": [{"name": "Q"}]},
            "first_three": ["Z", "Q", 5]}
    data = wl.normalise_contacts(junk)
    assert data["circles"]["alumni"] == [{"name": "Z", "note": ""}]
    assert data["first_three"] == ["Z"]
    assert set(data["circles"]) == set(wl.CIRCLE_IDS)
    assert wl.normalise_contacts("junk") == wl.empty_contacts()


def test_contacts_html_lists_by_circle_and_escapes():
    data, _ = wl.add_contact(wl.empty_contacts(), "<b>Bo</b>", "teachers", "<i>chem</i>")
    data, _ = wl.set_first_three(data, ["<b>Bo</b>"])
    out = wl.contacts_html(data)
    assert "<b>Bo</b>" not in out and "&lt;b&gt;Bo&lt;/b&gt;" in out
    assert "Teachers and professors (1)" in out and "(ask first, #1)" in out
    assert "1 person on your map; 1 of 3 chosen to ask first." in out
    assert out.count("Nobody yet.") == 5
