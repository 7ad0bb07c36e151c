"""The notebook-driving helpers answer JupyterLab's routine dialogs and name any other one."""

from __future__ import annotations

import pytest

from .lite import answer_routine_dialog

DIALOG = """<dialog open class="jp-Dialog"><div>{title}</div>
<button class="jp-mod-reject" onclick="this.parentNode.remove()">No Kernel</button>
<button class="jp-mod-accept" onclick="this.parentNode.remove()">Select</button></dialog>"""


def test_kernel_choice_dialog_is_accepted(offline_context) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.set_content(DIALOG.format(title="Select Kernel"))
    assert answer_routine_dialog(page) is True
    assert page.locator(".jp-Dialog").count() == 0
    # No dialog open: nothing to answer.
    assert answer_routine_dialog(page) is False


def test_any_other_dialog_fails_with_its_text(offline_context) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.set_content(DIALOG.format(title="Error Starting Kernel"))
    with pytest.raises(AssertionError, match="Error Starting Kernel"):
        answer_routine_dialog(page)
    assert page.locator(".jp-Dialog").count() == 1
