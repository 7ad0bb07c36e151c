"""The notebook-driving helpers answer JupyterLab's routine dialogs and name any other one."""

from __future__ import annotations

import pytest

from .lite import answer_routine_dialog

# Accepting removes the dialog and records which kernel was selected.
DIALOG = """<dialog open class="jp-Dialog"><div>{title}</div>
<select><option value="null">No Kernel</option>
<option value='{{"name":"python"}}'>Python (Pyodide)</option></select>
<button class="jp-mod-reject" onclick="this.parentNode.remove()">No Kernel</button>
<button class="jp-mod-accept" onclick="window.chosen = (window.chosen || []).concat(
  [this.parentNode.querySelector('select').value]); this.parentNode.remove()">Select</button>
</dialog>"""


def test_kernel_choice_dialogs_are_answered_with_the_python_kernel(offline_context) -> None:
    context, _ = offline_context
    page = context.new_page()
    # Two in a row: accepting the first can bring up a second.
    page.set_content(DIALOG.format(title="Select Kernel") * 2)
    assert answer_routine_dialog(page) is True
    assert page.locator(".jp-Dialog").count() == 0
    assert page.evaluate("window.chosen") == ['{"name":"python"}'] * 2
    # No dialog open: nothing to answer.
    assert answer_routine_dialog(page) is False


def test_any_other_dialog_fails_with_its_text(offline_context) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.set_content(DIALOG.format(title="Error Starting Kernel"))
    with pytest.raises(AssertionError, match="Error Starting Kernel"):
        answer_routine_dialog(page)
    assert page.locator(".jp-Dialog").count() == 1
