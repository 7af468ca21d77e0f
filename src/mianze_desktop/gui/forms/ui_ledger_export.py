# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'ledger_export.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout)

class Ui_LedgerExportDialog(object):
    def setupUi(self, LedgerExportDialog):
        if not LedgerExportDialog.objectName():
            LedgerExportDialog.setObjectName(u"LedgerExportDialog")
        LedgerExportDialog.resize(560, 320)
        self.mainLayout = QVBoxLayout(LedgerExportDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.yearLabel = QLabel(LedgerExportDialog)
        self.yearLabel.setObjectName(u"yearLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.yearLabel)

        self.yearSpin = QSpinBox(LedgerExportDialog)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setMinimum(2000)
        self.yearSpin.setMaximum(2100)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.yearSpin)

        self.byLabel = QLabel(LedgerExportDialog)
        self.byLabel.setObjectName(u"byLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.byLabel)

        self.byCombo = QComboBox(LedgerExportDialog)
        self.byCombo.setObjectName(u"byCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.byCombo)

        self.unitLabel = QLabel(LedgerExportDialog)
        self.unitLabel.setObjectName(u"unitLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unitEdit = QLineEdit(LedgerExportDialog)
        self.unitEdit.setObjectName(u"unitEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.unitEdit)

        self.policyLabel = QLabel(LedgerExportDialog)
        self.policyLabel.setObjectName(u"policyLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.policyLabel)

        self.policyCombo = QComboBox(LedgerExportDialog)
        self.policyCombo.setObjectName(u"policyCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.policyCombo)

        self.outcomeLabel = QLabel(LedgerExportDialog)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeCombo = QComboBox(LedgerExportDialog)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.outcomeCombo)

        self.fileLabel = QLabel(LedgerExportDialog)
        self.fileLabel.setObjectName(u"fileLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.fileLabel)

        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileEdit = QLineEdit(LedgerExportDialog)
        self.fileEdit.setObjectName(u"fileEdit")

        self.fileLayout.addWidget(self.fileEdit)

        self.browseButton = QPushButton(LedgerExportDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.fileLayout.addWidget(self.browseButton)


        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.fileLayout)


        self.mainLayout.addLayout(self.formLayout)

        self.progressBar = QProgressBar(LedgerExportDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)
        self.progressBar.setTextVisible(False)

        self.mainLayout.addWidget(self.progressBar)

        self.messageLabel = QLabel(LedgerExportDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.messageLabel)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.exportButton = QPushButton(LedgerExportDialog)
        self.exportButton.setObjectName(u"exportButton")

        self.buttonLayout.addWidget(self.exportButton)

        self.openFileButton = QPushButton(LedgerExportDialog)
        self.openFileButton.setObjectName(u"openFileButton")

        self.buttonLayout.addWidget(self.openFileButton)

        self.closeButton = QPushButton(LedgerExportDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonLayout)


        self.retranslateUi(LedgerExportDialog)

        self.exportButton.setDefault(True)


        QMetaObject.connectSlotsByName(LedgerExportDialog)
    # setupUi

    def retranslateUi(self, LedgerExportDialog):
        LedgerExportDialog.setWindowTitle(QCoreApplication.translate("LedgerExportDialog", u"\u5bfc\u51fa\u5e74\u5ea6\u53f0\u8d26", None))
        self.yearLabel.setText(QCoreApplication.translate("LedgerExportDialog", u"\u5e74\u5ea6", None))
        self.byLabel.setText(QCoreApplication.translate("LedgerExportDialog", u"\u6309", None))
        self.unitLabel.setText(QCoreApplication.translate("LedgerExportDialog", u"\u5355\u4f4d", None))
        self.unitEdit.setPlaceholderText(QCoreApplication.translate("LedgerExportDialog", u"\u5168\u90e8\u5355\u4f4d", None))
        self.policyLabel.setText(QCoreApplication.translate("LedgerExportDialog", u"\u653f\u7b56", None))
        self.outcomeLabel.setText(QCoreApplication.translate("LedgerExportDialog", u"\u8ba4\u5b9a\u7ed3\u679c", None))
        self.fileLabel.setText(QCoreApplication.translate("LedgerExportDialog", u"\u4fdd\u5b58\u5230", None))
        self.browseButton.setText(QCoreApplication.translate("LedgerExportDialog", u"\u6d4f\u89c8\u2026", None))
        self.messageLabel.setText("")
        self.exportButton.setText(QCoreApplication.translate("LedgerExportDialog", u"\u5bfc\u51fa", None))
        self.openFileButton.setText(QCoreApplication.translate("LedgerExportDialog", u"\u6253\u5f00\u6587\u4ef6", None))
        self.closeButton.setText(QCoreApplication.translate("LedgerExportDialog", u"\u5173\u95ed", None))
    # retranslateUi

