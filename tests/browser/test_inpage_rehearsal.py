"""The rehearsal runs on the Practice page itself, in the page's own worker, offline:
one conversation per temperament, each checked with axe-core."""

from __future__ import annotations

import json

from exercises.practice.personas import list_personas, load_persona

from .axe import audit, describe

BOOT_MS = 60_000
SECTION = 'section.iic-exercise[data-kind="rehearsal"]'
CLOSE = "Thank you so much for your time. Who else would you suggest I talk to?"


def rehearsal(page):
    return page.locator(SECTION).first


def wait_for_turns(section, n: int) -> None:
    """Until the chat shows the greeting plus ``n`` replies from the persona."""
    section.page.wait_for_function(
        "([el, n]) => el.querySelectorAll('.iic-msg.iic-them').length >= n + 1",
        arg=[section.element_handle(), n],
        timeout=BOOT_MS,
    )


def wait_for_end(section) -> None:
    section.page.wait_for_function(
        "el => el.dataset.iicEnded === '1'", arg=section.element_handle(), timeout=BOOT_MS
    )


def start(section, persona_id: str, minutes: str = "20") -> None:
    section.get_by_label("Who will you interview?").select_option(persona_id)
    section.get_by_label("Agreed length").select_option(minutes)
    section.get_by_role("button", name="Start interview").click()
    wait_for_turns(section, 0)
    section.page.wait_for_function(
        "el => el.querySelector('.iic-chat') && !el.querySelector('.iic-debrief')",
        arg=section.element_handle(),
        timeout=BOOT_MS,
    )


def say(section, text: str) -> str:
    """Send one turn and return the persona's reply to it."""
    before = section.locator(".iic-msg.iic-them").count()
    box = section.get_by_label("Your question")
    box.fill(text)
    box.press("Enter")
    wait_for_turns(section, before)
    return section.locator(".iic-msg.iic-them p").last.inner_text()


def moment_row(section, kind_label: str):
    return section.locator("section.iic-debrief li.iic-moment", has_text=kind_label)


def check_debrief(page, section) -> None:
    debrief = section.locator("section.iic-debrief")
    assert debrief.is_visible()
    assert "Overall:" in debrief.inner_text()
    violations = audit(page, SECTION)
    assert not violations, describe(violations)


def test_a_short_rehearsal_on_the_page(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)
    persona = section.get_by_label("Who will you interview?")
    assert persona.locator("option").count() == len(list_personas())
    persona.select_option(index=1)
    chosen = persona.input_value()
    assert section.locator(f'.iic-profile-card[data-persona="{chosen}"]').is_visible()
    section.get_by_label("Agreed length").select_option("15")
    section.get_by_role("button", name="Start interview").click()
    wait_for_turns(section, 0)
    assert "of 15 minutes used" in section.locator(".iic-time").inner_text()

    box = section.get_by_label("Your question")
    box.fill("Hi, how did you get started in this work?")
    box.press("Enter")
    wait_for_turns(section, 1)
    box.fill("<b>What</b> does a typical week look like for you?")
    section.get_by_role("button", name="Ask").click()
    wait_for_turns(section, 2)
    assert section.locator(".iic-chat b").count() == 0  # learner text is text, never markup
    assert "<b>What</b>" in section.locator(".iic-chat").inner_text()
    box.fill(CLOSE)
    box.press("Enter")
    wait_for_end(section)
    assert "of 15 minutes" in section.locator("section.iic-debrief").inner_text()
    saved = json.loads(page.evaluate("() => localStorage.getItem('iic:rehearsals')"))
    assert len(saved) == 1 and saved[0]["persona"] == chosen
    assert len(saved[0]["transcript"]) == 3 and saved[0]["debrief"]["level"]
    with page.expect_download() as download:
        section.get_by_role("button", name="Download the transcript").click()
    assert download.value.suggested_filename.endswith(".md")
    check_debrief(page, section)
    traffic.assert_clean()


def test_one_conversation_per_temperament(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)

    # Warm mentor: the introduction coach first, then her question about your plans.
    fiona = load_persona("fiona-macleod")
    section.get_by_label("Who will you interview?").select_option(fiona.id)
    section.get_by_label("Your 30-second introduction").fill(
        "I'm Sam, a bank clerk thinking about teacher training in maths. You came back to "
        "teaching after a long break, so I'd love to hear how you did it."
    )
    section.get_by_role("button", name="Check my introduction").click()
    section.locator(
        ".iic-intro-feedback", has_text="Feedback on your 30-second introduction"
    ).wait_for(timeout=BOOT_MS)
    start(section, fiona.id, "30")
    say(section, "Hello Fiona, thank you for this. How did you get back into teaching?")
    reply = say(section, "What was the hardest part of coming back?")
    assert fiona.moment("next_step").text in reply
    reply = say(
        section, "I'm hoping to start teacher training next year. What makes a good teacher?"
    )
    assert reply.startswith(fiona.moment("next_step").well)
    say(section, CLOSE)
    wait_for_end(section)
    assert (
        moment_row(section, "Asked what you hope to do next").get_attribute("data-handled")
        == "well"
    )
    assert "Your 30-second introduction" in section.locator("section.iic-debrief").inner_text()
    check_debrief(page, section)

    # Busy and brief: ten minutes, whatever was agreed.
    priya = load_persona("priya-raman")
    start(section, priya.id, "20")
    assert (
        priya.moment("short_time").text in section.locator(".iic-msg.iic-them p").first.inner_text()
    )
    assert "of 10 minutes used" in section.locator(".iic-time").inner_text()
    say(section, "Of course, thank you for fitting me in. What led you into cardiology?")
    say(section, "What would you advise someone applying to medical school?")
    say(section, CLOSE)
    wait_for_end(section)
    assert moment_row(section, "Had less time than agreed").get_attribute("data-handled") == "well"
    check_debrief(page, section)

    # The talker: no warning, runs past the time, and the learner has to close.
    lola = load_persona("lola-quintero")
    start(section, lola.id, "15")
    questions = [
        "How did you get started designing sets?",
        "What does a typical week look like?",
        "What's the hardest part of freelancing?",
        "What skills does a set designer need?",
        "What's changing in theatre?",
        "What advice would you give me?",
        "What's the culture like backstage?",
        "What do you enjoy most?",
    ]
    for q in questions:
        if lola.moment("runs_over").text in say(section, q):
            break
    else:
        raise AssertionError("the talker never ran over")
    assert "minutes left" not in section.locator(".iic-chat").inner_text()
    say(section, "I'm conscious of the time, so I'll let you go. " + CLOSE)
    wait_for_end(section)
    assert moment_row(section, "Ran past the agreed time").get_attribute("data-handled") == "well"
    check_debrief(page, section)

    # The sceptic: ask why, do not argue.
    kasia = load_persona("kasia-nowak")
    start(section, kasia.id, "20")
    reply = say(section, "Good morning Dr Nowak. How did you end up in marine research?")
    assert kasia.moment("not_recommend").text in reply
    assert (
        say(section, "That's honest of you. What makes you say that?")
        == kasia.moment("not_recommend").well
    )
    say(section, CLOSE)
    wait_for_end(section)
    row = moment_row(section, "Said they would not recommend the field")
    assert row.get_attribute("data-handled") == "well"
    check_debrief(page, section)

    # The indirect speaker: a polite yes that means no.
    julian = load_persona("julian-ashworth")
    start(section, julian.id, "20")
    say(section, "Hello Julian, how did you get into the civil service?")
    reply = say(section, "What does a deputy director do day to day?")
    assert julian.moment("polite_yes").text in reply
    reply = say(
        section, "It sounds like that might not be the easiest route. What would make it hard?"
    )
    assert reply == julian.moment("polite_yes").well
    say(section, "Great, thanks for your time today. Is there anyone else I should talk to?")
    wait_for_end(section)
    assert moment_row(section, "Gave a polite yes").get_attribute("data-handled") == "well"
    check_debrief(page, section)

    saved = json.loads(page.evaluate("() => localStorage.getItem('iic:rehearsals')"))
    assert [s["persona"] for s in saved] == [
        "fiona-macleod",
        "priya-raman",
        "lola-quintero",
        "kasia-nowak",
        "julian-ashworth",
    ]
    assert saved[0]["intro"].startswith("I'm Sam")
    traffic.assert_clean()


def test_the_persona_table_matches_the_simulator(offline_context, site_url: str) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    table = page.locator("table", has_text="What they are like")
    rows = table.locator("tbody tr")
    assert rows.count() == len(list_personas())
    text = table.inner_text()
    for p in list_personas():
        assert p.name in text and p.temperament.label in text


def test_asking_before_starting_says_what_to_do(offline_context, site_url: str) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)
    section.get_by_label("Your question").fill("What do you enjoy most?")
    section.get_by_role("button", name="Ask").click()
    assert "Press Start interview first" in section.locator(".iic-ex-status").inner_text()
