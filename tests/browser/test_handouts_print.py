"""The handouts printed by Chromium, on A4 and on Letter paper.

The page is printed to PDF exactly as an instructor's Print command would, and the
PDF is read back with pypdf to check what lands on each sheet: the first sheet starts
with a handout (not a contents list), the three exit tickets share one sheet, and no
sheet ends with a heading whose content went to the next. The answer areas are
measured in the same print layout (print media, the paper's printable width):
every one at least 1.5 cm tall, and those for a sentence at least 8 cm wide.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

CM = 96 / 2.54  # CSS pixels per centimetre
MARGIN_CM = 1.0  # @page margin in iic-classroom.css
PAPER = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
MIN_HEIGHT_CM = 1.5
SENTENCE_WIDTH_CM = 8.0
TICKET_END = "How ready I feel for a first conversation (circle one)"

ANSWER_AREAS = """() => {
  const root = document.querySelector('section#printable-handouts');
  const cells = Array.from(root.querySelectorAll('td')).filter((td) =>
    td.children.length === 1 && td.firstElementChild.tagName === 'P' &&
    !td.textContent.trim());
  const out = [];
  for (const td of cells) {
    const row = td.parentElement;
    const table = td.closest('table');
    const columns = table.querySelectorAll('thead th').length;
    const header = table.querySelectorAll('thead th')[td.cellIndex];
    const tick = /^Tick/.test(header ? header.textContent.trim() : '');
    const r = td.getBoundingClientRect();
    const head = header ? header.textContent.trim() : '';
    out.push({what: row.cells[0].textContent.trim() + ' / ' + head,
              width: r.width, height: r.height, tick, sentence: columns === 2 ||
              /Example|Question|Your answer|Write it here/.test(head)});
  }
  for (const el of root.querySelectorAll('.iic-write')) {
    const r = el.getBoundingClientRect();
    const prompt = el.previousElementSibling ? el.previousElementSibling.textContent.trim() : '';
    out.push({what: 'exit ticket / ' + prompt, width: r.width, height: r.height, tick: false,
              sentence: !/^(Name|Date)$/.test(prompt)});
  }
  return out;
}"""


def printed(page, paper: str) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))


def lines(reader: PdfReader, n: int) -> list[str]:
    """A sheet's text lines; NFKC undoes the PDF's ligatures ("\ufb01" is "fi")."""
    text = unicodedata.normalize("NFKC", reader.pages[n].extract_text())
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_handouts_print_with_room_to_write(offline_context, site_url: str, paper: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/handouts.html")
    headings = [h.strip() for h in page.locator(
        "section#printable-handouts h2, section#printable-handouts h3").all_inner_texts()]
    reader = printed(page, paper)
    pages = [lines(reader, n) for n in range(len(reader.pages))]

    # No wasted first page: it starts with the first handout.
    assert pages[0][0] == "Role card: the interviewer", pages[0][:5]
    assert "Contents" not in pages[0]

    # The exit tickets: three on one sheet, with a name and a date line each.
    per_page = [sum(TICKET_END in line for line in text) for text in pages]
    assert sorted(n for n in per_page if n) == [3], per_page
    sheet = pages[per_page.index(3)]
    assert sum(line.startswith("Name") and "Date" in line for line in sheet) == 3, sheet

    # No orphan headings: no sheet ends with a heading.
    for n, text in enumerate(pages[:-1]):
        assert text[-1] not in headings, f"page {n + 1} ends with the heading {text[-1]!r}"

    # Answer areas, measured in the print layout at the paper's printable width.
    width_cm = PAPER[paper][0] - 2 * MARGIN_CM
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(width_cm * CM), "height": 1000})
    areas = page.evaluate(ANSWER_AREAS)
    assert len([a for a in areas if not a["tick"]]) >= 40, len(areas)
    for area in areas:
        if area["tick"]:
            assert area["height"] >= 0.8 * CM, area
            continue
        assert area["height"] >= MIN_HEIGHT_CM * CM - 0.5, area
        floor = SENTENCE_WIDTH_CM if area["sentence"] else 2.0
        assert area["width"] >= floor * CM - 0.5, area
    tickets = page.locator(".iic-ticket")
    assert tickets.count() == 3
    printable_height = (PAPER[paper][1] - 2 * MARGIN_CM) * CM
    assert sum(tickets.nth(i).bounding_box()["height"] for i in range(3)) < printable_height
    traffic.assert_clean()


def test_every_persona_has_a_printable_card(offline_context, site_url: str) -> None:
    from exercises.practice import list_personas

    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/handouts.html")
    cards = page.locator(".iic-persona-card")
    assert sorted(cards.evaluate_all("els => els.map(e => e.dataset.persona)")) == sorted(
        p.id for p in list_personas())
    first = list_personas()[0]
    card = page.locator(f'.iic-persona-card[data-persona="{first.id}"]')
    assert first.name in card.inner_text() and first.referral.colleague in card.inner_text()
    traffic.assert_clean()
