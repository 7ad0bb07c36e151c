"""The campaign tracker in JupyterLite: the same Python as the page, with icalendar and
the time-zone data loading offline in the kernel when the tracker appears; a contact is
added and advanced, the calendar file lands in the browser's storage, readable by
icalendar, and the zone boxes offer every zone."""

from __future__ import annotations

import base64

from icalendar import Calendar

from exercises.campaign.export import validate_ics

from .lite import KERNEL_BOOT_MS, STDERR, notebook_state, open_notebook, run_all_cells, wait_idle
from .test_coach_lite import saved_files


def test_tracker_notebook_adds_advances_and_exports(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    open_notebook(page, site_url, "campaign.ipynb")
    run_all_cells(page)
    tracker = page.locator(".iic-worksheet-contacts")
    try:
        tracker.wait_for(state="attached", timeout=KERNEL_BOOT_MS)
    except Exception as exc:
        raise AssertionError(f"the tracker never appeared: {notebook_state(page)}") from exc
    tracker.scroll_into_view_if_needed()
    tracker.locator("input[type=text]").first.fill("Maya Chen")
    tracker.get_by_role("button", name="Add to my tracker").click()
    page.wait_for_function("el => el.textContent.includes('1 person in your tracker')",
                           arg=tracker.element_handle(), timeout=30_000)
    # Choose Maya, then the first action offered ("Mark as asked") and Update.
    person = tracker.locator("select").filter(has_text="(choose)").first
    person.select_option(label="Maya Chen")
    page.wait_for_function("el => el.textContent.includes('Mark as asked')",
                           arg=tracker.element_handle(), timeout=30_000)
    tracker.get_by_role("button", name="Update").click()
    page.wait_for_function("el => el.textContent.includes('follow up on')",
                           arg=tracker.element_handle(), timeout=30_000)
    tracker.get_by_role("button", name="Export follow-ups (.ics)").click()
    page.wait_for_function("el => el.textContent.includes('Saved campaign-follow-ups.ics')",
                           arg=tracker.element_handle(), timeout=60_000)
    page.wait_for_function(
        "async () => Object.keys(await (" + _read_files_js() + ")())"
        ".includes('campaign-follow-ups.ics')",
        timeout=20_000, polling=500)
    ics = saved_files(page)["campaign-follow-ups.ics"]
    if not ics.startswith("BEGIN:"):  # JupyterLite keeps files it cannot type as base64
        ics = base64.b64decode(ics).decode("utf-8")
    assert validate_ics(ics) == []
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow up once with Maya Chen"
    # The time-zone data came with the calendar library (loaded when the tracker
    # appeared, exercises.widgets.on_first_use): both zone boxes offer every zone.
    page.wait_for_function(
        "el => [...el.querySelectorAll('datalist')].filter(d => d.options.length > 300)"
        ".length === 2", arg=tracker.element_handle(), timeout=30_000)
    wait_idle(page)
    assert page.locator(STDERR).count() == 0, page.locator(STDERR).all_inner_texts()
    assert not traffic.blocked, traffic.blocked
    assert not traffic.page_errors, traffic.page_errors


def _read_files_js() -> str:
    from .test_coach_lite import READ_FILES

    return READ_FILES
