"""First-run setup: the unit's name, the default policy, and the offer to load the sample cases."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog

from .forms.ui_first_run import Ui_FirstRunDialog
from .messages import translate


class FirstRunDialog(QDialog):
    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        self.setObjectName("FirstRunDialog")
        today = dt.date.today()
        for pack in service.policies.list():
            state = "" if pack.is_valid_on(today) else "（已过有效期）" if pack.valid_until and pack.valid_until < today \
                else "（尚未生效）"
            self.ui.defaultPolicyCombo.addItem(f"{pack.short_title or pack.title}（{pack.doc_number}）{state}", pack.id)
        current = service.cases.get_setting("default_policy")
        if current:
            self.ui.defaultPolicyCombo.setCurrentIndex(max(0, self.ui.defaultPolicyCombo.findData(current)))
        self.ui.unitNameEdit.setText(service.cases.get_setting("unit_name") or "")
        self.ui.dataDirValue.setText(str(service.data_dir))
        self.ui.loadSamplesCheck.setChecked(True)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)

    def load_samples_requested(self) -> bool:
        return self.ui.loadSamplesCheck.isChecked()

    def accept(self) -> None:
        from ..service.errors import ServiceError

        unit = self.ui.unitNameEdit.text().strip()
        if not unit:
            self.ui.errorLabel.setText("请填写单位名称（用于台账的填报单位等）。")
            self.ui.unitNameEdit.setFocus()
            return
        try:
            self.service.cases.set_setting("unit_name", unit)
            self.service.cases.set_setting("default_policy", self.ui.defaultPolicyCombo.currentData())
        except ServiceError as exc:
            self.ui.errorLabel.setText(translate(str(exc)))
            return
        super().accept()
