"""axe-core in a real page: inject the npm package's axe.min.js and audit one element.

Only serious and critical violations are returned; the caller decides what to assert.
Nothing is fetched from the network: the script is added from the repository's
node_modules (``npm ci`` installs it from package.json).

``preload: false``: by default axe re-fetches every stylesheet to build a CSSOM, and
it resolves the theme's ``@import "../basic.css"`` against the page rather than the
stylesheet, which 404s (``/basic.css``) and would dirty the page's traffic record.
The CSSOM only feeds ``css-orientation-lock``, a page-wide rule about the theme's
media queries, not about the components these audits are scoped to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")


def inject(page: Any) -> None:
    """Add axe to the page once (a reload drops it; calling again is harmless)."""
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` in the repository root")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))


def audit(page: Any, selector: str) -> list[dict[str, Any]]:
    """Serious/critical WCAG 2.1 A/AA violations inside every element matching ``selector``."""
    inject(page)
    assert page.locator(selector).count() >= 1, f"nothing matches {selector!r} to audit"
    return page.evaluate(
        """async ([selector, tags, severe]) => {
            const result = await axe.run(
                {include: [[selector]]}, {runOnly: {type: 'tag', values: tags}, preload: false});
            return result.violations
                .filter(v => severe.includes(v.impact))
                .map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                              html: n.html.slice(0, 200),
                                              summary: n.failureSummary})),
                }));
        }""",
        [selector, TAGS, list(SEVERE)],
    )


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable list for an assertion message: rule, impact, element, what to fix."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"]:
            lines.append(f"    {n['target']}: {n['html']}")
            lines.append(f"      {n['summary']}".replace("\n", " "))
    return "\n".join(lines)
