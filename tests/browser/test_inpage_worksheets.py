"""The planning worksheet and the campaign tracker work on their book pages, offline,
and keep what the learner wrote across a reload."""

from __future__ import annotations

import json

from .axe import audit, describe

BOOT_MS = 60_000


def test_planning_worksheet_keeps_the_plan(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    # The goal written on the Purpose page shows up on the planning worksheet, and leaving
    # the Purpose page without typing must not overwrite it with its empty box.
    page.goto(f"{site_url}/book/purpose.html")
    page.evaluate("""() => localStorage.setItem('iic:exercise:goal', JSON.stringify(
        {text: 'Learn what a day in hospital pharmacy is like.', options: {}}))""")
    page.goto(f"{site_url}/book/planning.html")
    sheet = page.locator('section.iic-exercise[data-kind="planning"]')
    assert "hospital pharmacy" in sheet.locator(".iic-goal-echo").inner_text()
    sheet.get_by_label("An industry").check()
    sheet.get_by_label("What exactly do you want to find out?").fill("How shifts are planned.")
    sheet.get_by_label("From whom? (a name or a description)").fill("My cousin's manager")
    sheet.get_by_label("Phone").check()
    sheet.get_by_label("30 minutes").check()
    page.wait_for_function(
        "() => (localStorage.getItem('iic:worksheet:planning') || '').includes('manager')")
    page.reload()
    sheet = page.locator('section.iic-exercise[data-kind="planning"]')
    assert sheet.get_by_label("An industry").is_checked()
    assert sheet.get_by_label("30 minutes").is_checked()
    assert sheet.get_by_label("From whom? (a name or a description)").input_value() == (
        "My cousin's manager")
    saved = json.loads(page.evaluate("() => localStorage.getItem('iic:worksheet:planning')"))
    assert saved["learn_about"] == "industry" and saved["minutes"] == 30
    assert saved["format"] == "phone"
    violations = audit(page, 'section.iic-exercise[data-kind="planning"]')
    assert not violations, describe(violations)
    traffic.assert_clean()


def test_tracker_on_finding_people_adds_picks_and_keeps_names_as_text(
        offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/finding-people.html")
    cmap = page.locator('section.iic-exercise[data-kind="contacts"]')

    def add(name: str, circle: str) -> None:
        before = int(cmap.get_attribute("data-iic-mapped") or 0)
        cmap.get_by_label("Name or short description").fill(name)
        cmap.get_by_label("Circle").select_option(label=circle)
        cmap.get_by_role("button", name="Add to my tracker").click()
        page.wait_for_function("([el, n]) => Number(el.dataset.iicMapped || 0) > n",
                               arg=[cmap.element_handle(), before], timeout=BOOT_MS)

    add("Aunt Rosa", "Friends and family")
    add("Dr Okoye", "Teachers and professors")
    add("<i>Sam</i>", "Alumni")
    area = cmap.locator(".iic-contacts-area")
    assert "3 people in your tracker" in area.inner_text()
    assert area.locator("i").count() == 0 and "<i>Sam</i>" in area.inner_text()
    before = int(cmap.get_attribute("data-iic-mapped"))
    cmap.get_by_label("Ask first, choice 1").select_option(label="Dr Okoye")
    page.wait_for_function("([el, n]) => Number(el.dataset.iicMapped || 0) > n",
                           arg=[cmap.element_handle(), before], timeout=BOOT_MS)
    assert "ask first, #1" in area.inner_text()
    page.reload()
    cmap = page.locator('section.iic-exercise[data-kind="contacts"]')
    cmap.scroll_into_view_if_needed()
    page.wait_for_function("el => Number(el.dataset.iicMapped || 0) >= 1",
                           arg=cmap.element_handle(), timeout=BOOT_MS)
    assert "Aunt Rosa" in cmap.locator(".iic-contacts-area").inner_text()
    chosen = cmap.get_by_label("Ask first, choice 1")
    assert chosen.evaluate("el => el.options[el.selectedIndex].text") == "Dr Okoye"
    violations = audit(page, 'section.iic-exercise[data-kind="contacts"]')
    assert not violations, describe(violations)
    traffic.assert_clean()
