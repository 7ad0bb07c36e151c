"""The campaign tools on their pages: the tracker adds, advances, edits, deletes (with undo)
and exports; the dashboard on the progress page counts it and changes when it changes;
beliefs turn into a next step that the thank-you exercise offers. Offline, axe clean."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from icalendar import Calendar

from exercises.campaign.export import validate_ics

from .axe import audit, describe

BOOT_MS = 90_000
TODAY = "2026-11-23"  # a Monday, so the dates the test reads are fixed
TRACKER = 'section.iic-exercise[data-kind="contacts"]'
DASHBOARD = 'section.iic-exercise[data-kind="dashboard"]'
BELIEFS = 'section.iic-exercise[data-kind="beliefs"]'


def fixed_today(context: Any) -> None:
    context.add_init_script(f"window.iicToday = {json.dumps(TODAY)};")


def wait_more(page: Any, section: Any, key: str, before: int) -> None:
    page.wait_for_function("([el, k, n]) => Number(el.dataset[k] || 0) > n",
                           arg=[section.element_handle(), key, before], timeout=BOOT_MS)


def count(section: Any, key: str) -> int:
    return int(section.evaluate(f"el => Number(el.dataset.{key} || 0)"))


def press(page: Any, section: Any, name: str, key: str = "iicMapped") -> None:
    before = count(section, key)
    section.get_by_role("button", name=name, exact=True).click()
    wait_more(page, section, key, before)


def add(page: Any, tracker: Any, name: str, circle: str, org: str = "",
        warmth: str = "Work it out from the circle") -> None:
    tracker.get_by_label("Name or short description").fill(name)
    tracker.get_by_label("Organisation (optional)").fill(org)
    tracker.get_by_label("Circle").select_option(label=circle)
    tracker.get_by_label("Warm or cold").select_option(label=warmth)
    press(page, tracker, "Add to my tracker")


def card(tracker: Any, name: str) -> Any:
    return tracker.locator(".iic-card").filter(has=tracker.page.get_by_text(name, exact=True))


def saved(page: Any, name: str) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem('iic:worksheet:{name}')"))


def dashboard_numbers(page: Any, site_url: str) -> dict[str, str]:
    page.goto(f"{site_url}/book/progress.html")
    dash = page.locator(DASHBOARD)
    dash.scroll_into_view_if_needed()
    page.wait_for_function("el => Number(el.dataset.iicDashboard || 0) >= 1",
                           arg=dash.element_handle(), timeout=BOOT_MS)
    return dict(dash.evaluate("""el => Array.from(el.querySelectorAll('[data-stat]'))
        .map(li => [li.dataset.stat, li.querySelector('.iic-dash-value').textContent])"""))


def test_tracker_dashboard_and_exports(offline_context, site_url: str, tmp_path: Path) -> None:
    context, traffic = offline_context
    fixed_today(context)
    page = context.new_page()
    page.goto(f"{site_url}/book/campaign.html")
    tracker = page.locator(TRACKER)
    tracker.scroll_into_view_if_needed()

    add(page, tracker, "Maya Chen", "Alumni", "City Council")
    add(page, tracker, "Sam", "Friends and family")
    add(page, tracker, "<i>Lee</i>", "Online professional network", "Harbour Bank",
        warmth="Warm: they know me, or someone introduced us")
    area = tracker.locator(".iic-contacts-area")
    assert "3 people in your tracker" in area.inner_text()
    assert area.locator("i").count() == 0 and "<i>Lee</i>" in area.inner_text()
    status = tracker.locator(".iic-ex-status")
    assert "Added <i>Lee</i> (warm" in status.inner_text()

    # Advance Maya: asked, then booked; the follow-up date crosses no weekend here.
    press(page, tracker, "Mark as asked: Maya Chen")
    assert "follow up on Monday 30 November 2026" in status.inner_text()
    assert card(tracker, "Maya Chen").get_attribute("data-status") == "asked"
    press(page, tracker, "Mark as asked: Sam")
    press(page, tracker, "They said yes: booked: Maya Chen")
    assert card(tracker, "Maya Chen").get_attribute("data-status") == "booked"

    # Edit Maya's call with both time zones: the card writes the confirmation.
    tracker.get_by_role("button", name="Edit: Maya Chen", exact=True).click()
    form = tracker.locator(".iic-edit-form")
    form.wait_for(timeout=BOOT_MS)
    form.get_by_label("Date of the call").fill("2026-12-07")
    form.get_by_label("Time of the call, in their time zone").fill("15:00")
    form.get_by_label("Their time zone (for example Europe/Berlin)").fill("Europe/Berlin")
    form.get_by_label("Your time zone").fill("America/Toronto")
    violations = audit(page, TRACKER)  # the open edit form too
    assert not violations, describe(violations)
    press(page, tracker, "Save changes: Maya Chen")
    confirmation = card(tracker, "Maya Chen").locator(".iic-confirmation").inner_text()
    assert "Friday 4 December 2026" in confirmation
    assert "15:00 your time (09:00 for me in Toronto)" in confirmation

    # Delete Sam, undo, then delete for good.
    press(page, tracker, "Delete: Sam")
    assert "2 people in your tracker" in area.inner_text()
    press(page, tracker, "Undo the delete")
    assert "3 people in your tracker" in area.inner_text()
    assert [c["name"] for c in saved(page, "contacts")["contacts"]] == [
        "Maya Chen", "Sam", "<i>Lee</i>"]
    press(page, tracker, "Delete: Sam")
    assert [c["name"] for c in saved(page, "contacts")["contacts"]] == ["Maya Chen", "<i>Lee</i>"]

    # Export the calendar: it parses back with icalendar and validates.
    with page.expect_download() as info:
        press(page, tracker, "Export follow-ups to my calendar (.ics)", "iicExported")
    ics = tmp_path / info.value.suggested_filename
    info.value.save_as(ics)
    assert ics.name == "campaign-follow-ups.ics"
    text = ics.read_text(encoding="utf-8")
    assert validate_ics(text) == []
    uids = sorted(str(e["UID"]).split("@")[0] for e in Calendar.from_ical(text).walk("VEVENT"))
    assert uids == ["c1-call-2026-12-07", "c1-confirm-2026-12-04"]
    with page.expect_download() as info:
        press(page, tracker, "Download my list (.csv)", "iicExported")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert [r["Name"] for r in rows] == ["Maya Chen", "<i>Lee</i>"]
    violations = audit(page, TRACKER)
    assert not violations, describe(violations)

    # The dashboard on the progress page counts it...
    numbers = dashboard_numbers(page, site_url)
    assert numbers == {"people": "2", "messages": "1", "replies": "1", "reply-rate": "100%",
                       "held": "0", "names-per-conversation": "none yet", "due": "0"}
    violations = audit(page, DASHBOARD)
    assert not violations, describe(violations)

    # ... and changes when the tracker does.
    page.goto(f"{site_url}/book/campaign.html")
    tracker = page.locator(TRACKER)
    tracker.scroll_into_view_if_needed()
    page.wait_for_function("el => Number(el.dataset.iicMapped || 0) >= 1",
                           arg=tracker.element_handle(), timeout=BOOT_MS)
    press(page, tracker, "Mark as asked: <i>Lee</i>")
    press(page, tracker, "Mark as held: Maya Chen")
    numbers = dashboard_numbers(page, site_url)
    assert (numbers["messages"], numbers["held"], numbers["due"]) == ("2", "1", "1")
    assert numbers["reply-rate"] == "50%"
    dash = page.locator(DASHBOARD)
    assert "Send Maya Chen your thank-you note" in dash.inner_text()
    traffic.assert_clean()


def test_an_old_contact_map_opens_in_the_tracker(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    fixed_today(context)
    page = context.new_page()
    page.goto(f"{site_url}/book/finding-people.html")
    page.evaluate("""() => localStorage.setItem('iic:worksheet:contacts', JSON.stringify(
        {circles: {teachers: [{name: 'Dr Okoye', note: 'chemistry'}], friends_family: 5},
         first_three: ['Dr Okoye']}))""")
    page.reload()
    tracker = page.locator(TRACKER)
    tracker.scroll_into_view_if_needed()
    page.wait_for_function("el => Number(el.dataset.iicMapped || 0) >= 1",
                           arg=tracker.element_handle(), timeout=BOOT_MS)
    assert "ask first, #1" in card(tracker, "Dr Okoye").inner_text()
    assert tracker.get_by_label("Ask first, choice 1").input_value() == "c1"
    add(page, tracker, "Aunt Rosa", "Friends and family")  # the old file does not block adding
    assert [c["name"] for c in saved(page, "contacts")["contacts"]] == ["Dr Okoye", "Aunt Rosa"]
    traffic.assert_clean()


def test_beliefs_feed_the_thank_you_note(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    fixed_today(context)
    page = context.new_page()
    page.goto(f"{site_url}/book/campaign.html")
    page.evaluate("""() => localStorage.setItem('iic:worksheet:contacts', JSON.stringify(
        {version: 2, contacts: ['Maya', 'Sam', 'Lee'].map((name, i) => ({id: 'c' + (i + 1),
         name: name, circle: 'alumni', stage: 'held', held_on: '2026-11-20'}))}))""")
    page.reload()
    beliefs = page.locator(BELIEFS)
    beliefs.scroll_into_view_if_needed()
    page.wait_for_function("el => Number(el.dataset.iicBeliefs || 0) >= 1",
                           arg=beliefs.element_handle(), timeout=BOOT_MS)
    for text in ("I would enjoy the pace of a busy ward", "I can learn the maths",
                 "The work would feel meaningful"):
        beliefs.get_by_label("A belief, in one sentence").fill(text)
        press(page, beliefs, "Add belief", "iicBeliefs")
    pro, con = "For: it supports the belief", "Against: it challenges it"
    for who, stance in (("Maya", pro), ("Sam", con), ("Lee", pro)):
        beliefs.get_by_label("Conversation", exact=True).select_option(label=who)
        beliefs.get_by_label("Belief", exact=True).select_option(
            label="I would enjoy the pace of a busy ward")
        beliefs.get_by_role("radio", name=stance).check()
        press(page, beliefs, "Add note", "iicBeliefs")
    area = beliefs.locator(".iic-beliefs-area")
    assert "Your next experiment" in area.inner_text() and "a shadow day" in area.inner_text()
    violations = audit(page, BELIEFS)
    assert not violations, describe(violations)

    page.goto(f"{site_url}/book/conversation.html")
    thanks = page.locator('section.iic-exercise[data-kind="thanks"]')
    offer = thanks.locator(".iic-thanks-next-step")
    assert "arrange a shadow day" in offer.inner_text()
    offer.get_by_role("button", name="Add this sentence to my note").click()
    assert "arrange a shadow day" in thanks.locator("textarea.iic-text").input_value()
    violations = audit(page, 'section.iic-exercise[data-kind="thanks"]')
    assert not violations, describe(violations)
    traffic.assert_clean()


def test_quick_changes_while_the_tools_load_are_all_kept(offline_context, site_url: str) -> None:
    """Two beliefs and two people added in a row before Python has loaded: every one is
    drawn and saved. Each change must start from the list the one before it saved, or
    the second reply overwrites the first."""
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/campaign.html")
    beliefs = page.locator(BELIEFS)
    texts = ("Night shifts would suit me", "I would like the teamwork on a ward")
    for text in texts:
        beliefs.get_by_label("A belief, in one sentence").fill(text)
        beliefs.get_by_role("button", name="Add belief").click()
    tracker = page.locator(TRACKER)
    names = ("Aunt Rosa", "Dr Okoye")
    for name in names:
        tracker.get_by_label("Name or short description").fill(name)
        tracker.get_by_role("button", name="Add to my tracker").click()
    page.wait_for_function(
        """([b, t, texts, names]) => texts.every(x => b.innerText.includes(x))
               && names.every(x => t.innerText.includes(x))""",
        arg=[beliefs.element_handle(), tracker.element_handle(), list(texts), list(names)],
        timeout=BOOT_MS)
    saved = page.evaluate("""() => [localStorage.getItem('iic:worksheet:beliefs'),
                                    localStorage.getItem('iic:worksheet:contacts')]""")
    assert all(text in saved[0] for text in texts), saved[0]
    assert all(name in saved[1] for name in names), saved[1]
    traffic.assert_clean()
