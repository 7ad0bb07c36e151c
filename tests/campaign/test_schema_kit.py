"""The saved-work schema knows the campaign tracker and the beliefs grid, and the
interview kit lists the tracker as a table."""

from __future__ import annotations

from datetime import date

from exercises.campaign import beliefs as bl
from exercises.campaign import tracker as tr

MON = date(2026, 11, 23)


def test_the_schema_knows_the_tracker_and_the_beliefs_grid() -> None:
    from exercises.saved_schema import fit_entry, storage_rule

    data, _ = tr.add(tr.empty(), {"name": "Maya", "circle": "alumni", "note": "x"}, MON)
    data, _ = tr.act(data, "c1", "advance", MON)
    assert fit_entry("contacts", data) == (data, [])
    grid, _ = bl.add_belief(bl.empty(), "Shift work would suit me")
    assert fit_entry("beliefs", grid) == (grid, [])
    # One bad person is dropped on its own; the rest of the tracker stays.
    kept, problems = fit_entry("contacts", {"version": 2, "contacts": [
        {"id": "c1", "name": "Ana"}, {"id": "c2", "name": 7}, {"id": "c3", "name": "Bo",
                                                              "stage": ["x"]}]})
    assert [c["name"] for c in kept["contacts"]] == ["Ana", "Bo"]
    assert "contacts[1].name" in problems and "contacts[2].stage" in problems
    assert storage_rule("iic:worksheet:beliefs")["def"] == "beliefs"
    assert storage_rule("iic:worksheet:contacts")["label"] == "campaign tracker"


def test_the_interview_kit_lists_the_tracker_as_a_table() -> None:
    from exercises.storage import interview_kit_markdown

    data, _ = tr.add(tr.empty(), {"name": "Maya | Chen", "circle": "alumni",
                                  "organisation": "City Council"}, MON)
    data, _ = tr.add(data, {"name": "Sam", "circle": "friends_family"}, MON)
    data, _ = tr.act(data, "c2", "advance", MON)
    data, _ = tr.set_first_three(data, ["c2"])
    text = interview_kit_markdown({"worksheets": {"contacts": data}})
    table = text.split("## Contacts")[1].split("##")[0]
    assert "| Name | Organisation | Circle | Stage | Note | Ask first |" in table
    assert "| Maya \\| Chen | City Council | Alumni | To ask | - | - |" in table
    assert "| Sam | - | Friends and family | Asked | - | 1 |" in table
