"""Accounts and roles in the desktop app (issue 9): the login dialog at start when the data folder has
accounts, the user management dialog, the first account, first-run setup left to an administrator.
Real app start (gui.app.start), offscreen Qt; Qt warnings fail the tests."""
from __future__ import annotations

import pytest

from mianze_desktop.service import Service
from tests.reliability.test_accounts import PASSWORDS

OFFSCREEN = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def app_with_accounts(qtbot, tmp_path):
    """A data folder set up and with accounts; yields start(data_dir) and closes what it started."""
    from mianze_desktop.gui.app import start
    from mianze_desktop.gui.state import UiState

    data = tmp_path / "data"
    data.mkdir()
    contexts = []

    def _start():
        ctx = start(["--data-dir", str(data)])
        contexts.append(ctx)
        return ctx

    state = UiState(data)
    state.setup_done = True
    state.sync()
    yield data, _start
    for ctx in contexts:
        for w in (ctx.window, ctx.first_run_dialog, getattr(ctx, "login_dialog", None)):
            if w is not None:
                try:
                    w.close()
                except RuntimeError:
                    pass
        ctx.close()


def log_in(qtbot, ctx, name):
    """Type the account's name and password into the login dialog and press Enter."""
    from PySide6.QtCore import Qt

    qtbot.keyClicks(ctx.login_dialog.nameEdit, name)
    qtbot.keyClicks(ctx.login_dialog.passwordEdit, PASSWORDS[name])
    qtbot.keyClick(ctx.login_dialog.passwordEdit, Qt.Key.Key_Return)


@OFFSCREEN
def test_gui_asks_for_a_login_when_the_folder_has_accounts(qtbot, app_with_accounts):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from mianze_desktop.gui.login import WRONG

    data, start = app_with_accounts
    svc = Service(data)
    svc.users.add("boss", "admin", PASSWORDS["boss"], "管理员甲")
    svc.users.add("clerk1", "clerk", PASSWORDS["clerk1"], "经办员乙")
    svc.close()
    ctx = start()
    dialog = ctx.login_dialog
    assert dialog is not None and dialog.isVisible() and ctx.window is None
    ok = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.nameEdit, "clerk1")
    qtbot.keyClicks(dialog.passwordEdit, "not-the-password")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.errorLabel.text() == WRONG and dialog.isVisible() and ctx.window is None
    assert dialog.passwordEdit.text() == "" and dialog.failures == 1
    qtbot.keyClicks(dialog.passwordEdit, PASSWORDS["clerk1"])
    qtbot.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctx.window is not None and ctx.window.isVisible())
    assert not dialog.isVisible()
    me = ctx.service.current_user()
    assert (me.name, me.role) == ("clerk1", "clerk")
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    assert ctx.window.findChild(QLabel, "currentUserLabel").text() == "当前用户：经办员乙（经办人）"
    assert not ctx.window.findChild(QAction, "actionUsers").isEnabled()  # only administrators manage users
    boss = Service(data, user="boss", password=PASSWORDS["boss"])
    entries = [(e["user"], e["action"], e["after"]) for e in boss.cases.history(limit=None)
               if e["entity"] == "user" and e["action"].startswith("login")]
    boss.close()
    assert entries == [("clerk1", "login_failed", {"reason": "wrong password"}), ("clerk1", "login", None)]


@OFFSCREEN
def test_gui_first_account_is_an_administrator_then_logins_are_needed(qtbot, app_with_accounts):
    from PySide6.QtGui import QAction

    from mianze_desktop.gui.users import AddUserDialog, UsersDialog

    data, start = app_with_accounts
    Service(data).cases.count()  # an existing database, no accounts: single-user mode
    ctx = start()
    assert ctx.login_dialog is None and ctx.window is not None and ctx.window.isVisible()
    action = ctx.window.findChild(QAction, "actionUsers")
    assert action.isEnabled()
    action.trigger()
    users = ctx.window.findChild(UsersDialog)
    assert users is not None and users.table.rowCount() == 0 and "单机模式" in users.modeLabel.text()
    add = users.add_user()
    assert isinstance(add, AddUserDialog) and not add.roleCombo.isEnabled() and add.roleCombo.currentData() == "admin"
    qtbot.keyClicks(add.nameEdit, "boss")
    qtbot.keyClicks(add.passwordEdit, PASSWORDS["boss"])
    qtbot.keyClicks(add.repeatEdit, "something-else")
    add.accept()
    assert add.errorLabel.text() == "两次输入的密码不一致。" and add.isVisible()
    qtbot.keyClicks(add.repeatEdit, PASSWORDS["boss"])
    add.displayEdit.setText("管理员甲")
    add.accept()
    assert not add.isVisible() and add.created["role"] == "admin"
    assert users.table.rowCount() == 1 and users.table.item(0, 2).text() == "管理员"
    assert ctx.service.current_user().name == "boss"  # the session goes on as the new administrator
    second = users.add_user()
    assert second.roleCombo.isEnabled()
    qtbot.keyClicks(second.nameEdit, "rev1")
    second.roleCombo.setCurrentIndex(second.roleCombo.findData("reviewer"))
    qtbot.keyClicks(second.passwordEdit, "short")
    qtbot.keyClicks(second.repeatEdit, "short")
    second.accept()
    assert second.errorLabel.text() == "密码至少需要 8 个字符。"
    second.close()
    users.select("boss")
    users.toggle_active()
    assert "唯一可用的管理员" in users.errorLabel.text()
    users.close()
    ctx.window.close()
    ctx.close()
    again = start()
    assert again.login_dialog is not None and again.login_dialog.isVisible() and again.window is None


@OFFSCREEN
def test_gui_first_run_setup_is_left_to_an_administrator(qtbot, app_with_accounts):
    from PySide6.QtCore import Qt

    data, start = app_with_accounts
    from mianze_desktop.gui.state import UiState

    state = UiState(data)
    state.setup_done = False  # e.g. accounts made with `mianze user add` before the desktop app ever ran
    state.sync()
    svc = Service(data)
    svc.users.add("boss", "admin", PASSWORDS["boss"])
    svc.users.add("rev1", "reviewer", PASSWORDS["rev1"])
    svc.close()
    ctx = start()
    log_in(qtbot, ctx, "rev1")
    qtbot.waitUntil(lambda: ctx.window is not None and ctx.window.isVisible())
    assert ctx.first_run_dialog is None  # a reviewer could not save the unit name and default policy
    ctx.window.close()
    ctx.close()
    again = start()
    log_in(qtbot, again, "boss")
    qtbot.waitUntil(lambda: again.first_run_dialog is not None and again.first_run_dialog.isVisible())
    assert again.window is None

