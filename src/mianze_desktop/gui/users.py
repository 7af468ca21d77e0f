"""User management (issue 9): the 工具 → 用户管理 dialog and 修改密码 for the logged-in user.

Without accounts the program runs in single-user local mode; the first account created here
must be an administrator, and from the next start everyone logs in. Every rule (who may manage
users, the last administrator stays, password length) is the service's; the dialogs show its
refusals in Chinese.
"""
from __future__ import annotations

import re

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from ..service.permissions import ROLE_LABELS

_MESSAGES = [(re.compile(p), r) for p, r in [
    (r"^the password must have at least (\d+) characters$", r"密码至少需要 \1 个字符。"),
    (r"^the password must be at most .*$", "密码过长或含有控制字符。"),
    (r"^user (\S+) already exists$", r"用户名「\1」已存在。"),
    (r"^user name .*: use 1–80 characters without spaces$", "用户名须为 1–80 个字符，不能含空格。"),
    (r"^the first account must be an administrator.*$", "第一个账户必须是管理员。"),
    (r"^(\S+) is the last active administrator.*$", r"「\1」是唯一可用的管理员，不能停用或改为其他角色。"),
    (r"^permission denied: .*$", "没有权限：只有管理员可以管理用户。"),
]]


def chinese(message: str) -> str:
    message = str(message).strip()
    for pattern, repl in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(repl, message)
    return message


def _error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("errorLabel")
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    return label


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(1024)
    return edit


def _add_error_and_buttons(dialog: QDialog, layout: QVBoxLayout) -> None:
    """The red error line and OK / Cancel that the password dialogs share."""
    dialog.errorLabel = _error_label()
    layout.addWidget(dialog.errorLabel)
    dialog.buttonBox = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    dialog.buttonBox.setObjectName("buttonBox")
    dialog.buttonBox.accepted.connect(dialog.accept)
    dialog.buttonBox.rejected.connect(dialog.reject)
    layout.addWidget(dialog.buttonBox)


def _passwords_match(dialog) -> bool:
    """False (with the message, focus on the repeat field) when the two typed passwords differ."""
    if dialog.passwordEdit.text() == dialog.repeatEdit.text():
        return True
    dialog.errorLabel.setText("两次输入的密码不一致。")
    dialog.repeatEdit.clear()
    dialog.repeatEdit.setFocus()
    return False


class AddUserDialog(QDialog):
    """Name, display name, role and the password twice; the first account is an administrator."""

    def __init__(self, service, first: bool, parent=None):
        super().__init__(parent)
        self.service = service
        self.created = None
        self.setObjectName("AddUserDialog")
        self.setWindowTitle("添加用户")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.nameEdit = QLineEdit()
        self.nameEdit.setObjectName("nameEdit")
        self.nameEdit.setMaxLength(80)
        self.displayEdit = QLineEdit()
        self.displayEdit.setObjectName("displayEdit")
        self.displayEdit.setMaxLength(120)
        self.displayEdit.setToolTip("本人姓名：用于显示，并用于回避（不能调查、认定本人申请的案件）")
        self.roleCombo = QComboBox()
        self.roleCombo.setObjectName("roleCombo")
        for role, label in ROLE_LABELS.items():
            self.roleCombo.addItem(label, role)
        self.passwordEdit = _password_edit("passwordEdit")
        self.repeatEdit = _password_edit("repeatEdit")
        form.addRow("用户名：", self.nameEdit)
        form.addRow("姓名：", self.displayEdit)
        form.addRow("角色：", self.roleCombo)
        form.addRow("密码：", self.passwordEdit)
        form.addRow("再次输入密码：", self.repeatEdit)
        layout.addLayout(form)
        if first:
            self.roleCombo.setCurrentIndex(self.roleCombo.findData("admin"))
            self.roleCombo.setEnabled(False)
            note = QLabel("这是第一个账户，必须是管理员。创建后，下次启动程序时需要登录。")
            note.setObjectName("firstNote")
            note.setWordWrap(True)
            layout.addWidget(note)
        _add_error_and_buttons(self, layout)

    def accept(self) -> None:
        from ..service.errors import ServiceError

        if not _passwords_match(self):
            return
        try:
            self.created = self.service.users.add(self.nameEdit.text(), self.roleCombo.currentData(),
                                                  self.passwordEdit.text(), self.displayEdit.text())
        except ServiceError as exc:
            self.errorLabel.setText(chinese(str(exc)))
            return
        super().accept()


class PasswordDialog(QDialog):
    def __init__(self, service, name: str, parent=None):
        super().__init__(parent)
        self.service = service
        self.name = name
        self.setObjectName("PasswordDialog")
        self.setWindowTitle(f"设置密码 — {name}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.passwordEdit = _password_edit("passwordEdit")
        self.repeatEdit = _password_edit("repeatEdit")
        form.addRow("新密码：", self.passwordEdit)
        form.addRow("再次输入：", self.repeatEdit)
        layout.addLayout(form)
        _add_error_and_buttons(self, layout)

    def accept(self) -> None:
        from ..service.errors import ServiceError

        if not _passwords_match(self):
            return
        try:
            self.service.users.set_password(self.name, self.passwordEdit.text())
        except ServiceError as exc:
            self.errorLabel.setText(chinese(str(exc)))
            return
        super().accept()


class UsersDialog(QDialog):
    COLUMNS = ("用户名", "姓名", "角色", "状态")

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.setObjectName("UsersDialog")
        self.setWindowTitle("用户管理")
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        self.modeLabel = QLabel("")
        self.modeLabel.setObjectName("modeLabel")
        self.modeLabel.setWordWrap(True)
        layout.addWidget(self.modeLabel)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.addButton = QPushButton("添加用户…")
        self.addButton.setObjectName("addButton")
        self.passwordButton = QPushButton("设置密码…")
        self.passwordButton.setObjectName("passwordButton")
        self.toggleButton = QPushButton("停用")
        self.toggleButton.setObjectName("toggleButton")
        for b in (self.addButton, self.passwordButton, self.toggleButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.errorLabel = _error_label()
        layout.addWidget(self.errorLabel)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeBox")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.addButton.clicked.connect(self.add_user)
        self.passwordButton.clicked.connect(self.set_password)
        self.toggleButton.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.users: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        from ..service.errors import ServiceError

        try:
            self.users = self.service.users.list()
        except ServiceError as exc:
            self.users = []
            self.errorLabel.setText(chinese(str(exc)))
        if self.users:
            me = self.service.current_user()
            self.modeLabel.setText(f"当前登录：{me.display_name or me.name}（{me.role_label}）。"
                                   "经办人：新建和修改本人经办的案件、打印文书；审核人：调查、认定、告知；管理员：政策包、用户、设置、备份。")
        else:
            self.modeLabel.setText("当前没有用户账户：本机以单机模式运行（无需登录，拥有管理员权限）。"
                                   "添加第一个账户（须为管理员）后，每次启动程序都需要登录。")
        self.table.setRowCount(len(self.users))
        for r, u in enumerate(self.users):
            values = (u["name"], u["display_name"], u["role_label"], "可用" if u["active"] else "已停用")
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self._selection_changed()

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for r, u in enumerate(self.users):
            if u["name"] == name:
                self.table.selectRow(r)

    def _selection_changed(self) -> None:
        user = self.selected()
        self.passwordButton.setEnabled(user is not None)
        self.toggleButton.setEnabled(user is not None)
        self.toggleButton.setText("启用" if user is not None and not user["active"] else "停用")

    def add_user(self):
        dialog = AddUserDialog(self.service, first=not self.users, parent=self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def set_password(self):
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordDialog(self.service, user["name"], parent=self)
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        from ..service.errors import ServiceError

        user = self.selected()
        if user is None:
            return
        try:
            self.service.users.set_active(user["name"], not user["active"])
        except ServiceError as exc:
            self.errorLabel.setText(chinese(str(exc)))
            return
        self.errorLabel.setText("")
        self.refresh()
        self.select(user["name"])


def install_user_menu(window, service) -> None:
    """工具 → 用户管理… (administrators) and 修改我的密码… (logged-in users); the user in the status bar."""
    from PySide6.QtGui import QAction

    menu = getattr(getattr(window, "ui", None), "menuTools", None)
    if menu is None:
        return
    me = service.current_user()
    manage = QAction("用户管理(&U)…", window)
    manage.setObjectName("actionUsers")
    manage.setEnabled(service.users.can("user.manage"))
    manage.triggered.connect(lambda: _open(window, UsersDialog(service, window)))
    menu.addAction(manage)
    if not me.local:
        own = QAction("修改我的密码…", window)
        own.setObjectName("actionOwnPassword")
        own.triggered.connect(lambda: _open(window, PasswordDialog(service, me.name, window)))
        menu.addAction(own)
        label = QLabel(f"当前用户：{me.display_name or me.name}（{me.role_label}）")
        label.setObjectName("currentUserLabel")
        window.statusBar().addPermanentWidget(label)


def _open(window, dialog):
    window._users_dialog = dialog  # keep a reference while it is open
    dialog.open()
    return dialog
