"""Driving a JupyterLite notebook through its UI (JupyterLite 0.8 exposes no app object)."""

from __future__ import annotations

from typing import Any

KERNEL_BOOT_MS = 120_000
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
STARTED = """() => [...document.querySelectorAll('.jp-InputPrompt')]
                 .some(p => /\\[[0-9*]+\\]/.test(p.textContent))"""


def open_notebook(page: Any, site_url: str, name: str) -> None:
    page.goto(f"{site_url}/lite/notebooks/index.html?path={name}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)


# JupyterLab asks "Select Kernel" when a notebook opens before the kernel list has loaded
# (two fresh-clone CI runs timed out behind it; in a third, accepting it brought up another).
# A learner picks the Python kernel and presses Select, as often as asked, so the tests do
# too; any other dialog fails the test and shows its text.
ROUTINE_DIALOGS = ("Select Kernel",)
KERNEL_CHOICE = "Pyodide"
MAX_DIALOGS = 5


def answer_routine_dialog(page: Any) -> bool:
    """Answer routine dialogs until none is open; fail on any other. True if one was."""
    dialog = page.locator(".jp-Dialog")
    answered = 0
    while dialog.count():
        if answered == MAX_DIALOGS:
            raise AssertionError(f"dialogs kept opening: {notebook_state(page)}")
        # The newest dialog is the one on top.
        node = dialog.last.element_handle()
        text = dialog.last.inner_text()
        if not any(title in text for title in ROUTINE_DIALOGS):
            raise AssertionError(f"a dialog blocks the notebook: {text!r}; {notebook_state(page)}")
        choice = dialog.last.locator("select")
        if choice.count():
            labels = choice.first.locator("option").all_inner_texts()
            wanted = [label for label in labels if KERNEL_CHOICE in label]
            if wanted:
                choice.first.select_option(label=wanted[0])
        dialog.last.locator(".jp-mod-accept").click()
        page.wait_for_function("node => !node.isConnected", arg=node, timeout=30_000)
        answered += 1
    return answered > 0


def menu_run_all(page: Any) -> None:
    run_menu = page.get_by_role("menuitem", name="Run", exact=True)
    try:
        run_menu.click(timeout=15_000)
    except Exception:
        if not answer_routine_dialog(page):
            raise
        run_menu.click()
    page.click('li[data-command="runmenu:run-all"]')


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells, again if the first click came before the notebook was ready.

    Right after a (re)load the menu item can be clicked while the notebook's session is
    still starting; then nothing runs and no prompt ever shows [*].
    """
    for _ in range(3):
        menu_run_all(page)
        try:
            page.wait_for_function(STARTED, timeout=10_000)
            return
        except Exception:
            continue
    raise AssertionError(f"Run All Cells never started: {notebook_state(page)}")


def wait_idle(page: Any) -> None:
    """Until no cell shows the busy prompt [*]."""
    page.wait_for_function(
        """() => ![...document.querySelectorAll('.jp-InputPrompt')]
                 .some(p => p.textContent.includes('*'))""",
        timeout=KERNEL_BOOT_MS,
    )


def notebook_state(page: Any) -> dict[str, Any]:
    """What the notebook shows, for a failure message: prompts, dialogs, kernel, errors."""
    page.screenshot(path="/tmp/iic-notebook-failure.png")
    return {
        "prompts": page.locator(".jp-InputPrompt").all_inner_texts(),
        "dialogs": page.locator(".jp-Dialog").all_inner_texts(),
        "kernel": page.locator(".jp-Toolbar-kernelStatus, .jp-KernelStatus").all_inner_texts(),
        "stderr": page.locator(STDERR).all_inner_texts(),
        "outputs": len(page.locator(".jp-OutputArea-output").all()),
    }
