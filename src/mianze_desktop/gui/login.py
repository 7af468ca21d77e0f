"""The login dialog, shown at start when the data folder has user accounts (issue 9).

A data folder without accounts opens straight away (single-user local mode, as its
administrator). Checking the password, auditing failures and every permission live in the
service (``service.login``); this dialog only asks and shows the answer.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

WRONG = "用户名或密码不正确，或该账户已停用。"


class LoginDialog(QDialog):
    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.principal = None
        self.failures = 0
        self.setObjectName("LoginDialog")
        self.setWindowTitle("登录 — 容错纠错案件管理")
        layout = QVBoxLayout(self)
        intro = QLabel("本数据文件夹已启用用户账户，请登录。")
        intro.setObjectName("introLabel")
        layout.addWidget(intro)
        form = QFormLayout()
        self.nameEdit = QLineEdit(self)
        self.nameEdit.setObjectName("nameEdit")
        self.nameEdit.setMaxLength(80)
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passwordEdit.setMaxLength(1024)
        form.addRow("用户名(&U)：", self.nameEdit)
        form.addRow("密码(&P)：", self.passwordEdit)
        layout.addLayout(form)
        folder = QLabel(f"数据文件夹：{service.data_dir}")
        folder.setObjectName("dataDirLabel")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        layout.addWidget(folder)
        self.errorLabel = QLabel("")
        self.errorLabel.setObjectName("errorLabel")
        self.errorLabel.setStyleSheet("color: #c62828;")
        self.errorLabel.setWordWrap(True)
        layout.addWidget(self.errorLabel)
        self.buttonBox = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttonBox.setObjectName("buttonBox")
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        layout.addWidget(self.buttonBox)
        self.nameEdit.setFocus()

    def accept(self) -> None:
        from ..service.errors import ServiceError
        from ..service.permissions import AuthError

        name = self.nameEdit.text().strip()
        if not name:
            self.errorLabel.setText("请输入用户名。")
            self.nameEdit.setFocus()
            return
        try:
            self.principal = self.service.login(name, self.passwordEdit.text())
        except AuthError:
            self.failures += 1
            self.errorLabel.setText(WRONG)
            self.passwordEdit.clear()
            self.passwordEdit.setFocus()
            return
        except ServiceError as exc:
            self.errorLabel.setText(str(exc))
            return
        self.passwordEdit.clear()
        super().accept()


def login_first(ctx, proceed) -> bool:
    """When the data folder has accounts, show the login dialog and run ``proceed`` after a successful
    login (cancelling quits). Returns False, doing nothing, when there are no accounts."""
    if not ctx.service.users.has_accounts():
        return False
    dialog = LoginDialog(ctx.service)
    ctx.login_dialog = dialog

    def after_login():
        if proceed == ctx.show_first_run and not ctx.service.users.can("settings.edit"):
            ctx.show_main()  # the first-run setup (unit, default policy) is the administrator's to do
        else:
            proceed()

    dialog.accepted.connect(after_login)
    dialog.rejected.connect(ctx.app.quit)
    dialog.show()
    return True
