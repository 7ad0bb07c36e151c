"""Driving a JupyterLite notebook through its UI (JupyterLite 0.8 exposes no app object)."""

from __future__ import annotations

KERNEL_BOOT_MS = 120_000


def open_notebook(page, site_url: str, name: str) -> None:
    page.goto(f"{site_url}/lite/notebooks/index.html?path={name}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)


def run_all_cells(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.click('li[data-command="runmenu:run-all"]')


def wait_idle(page) -> None:
    """Until no cell shows the busy prompt [*]."""
    page.wait_for_function(
        """() => ![...document.querySelectorAll('.jp-InputPrompt')]
                 .some(p => p.textContent.includes('*'))""",
        timeout=KERNEL_BOOT_MS,
    )
