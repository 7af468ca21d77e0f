# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(560, 340)
        self.mainLayout = QVBoxLayout(FirstRunDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.welcomeLabel = QLabel(FirstRunDialog)
        self.welcomeLabel.setObjectName(u"welcomeLabel")
        self.welcomeLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.welcomeLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.unitNameLabel = QLabel(FirstRunDialog)
        self.unitNameLabel.setObjectName(u"unitNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.unitNameLabel)

        self.unitNameEdit = QLineEdit(FirstRunDialog)
        self.unitNameEdit.setObjectName(u"unitNameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.unitNameEdit)

        self.defaultPolicyLabel = QLabel(FirstRunDialog)
        self.defaultPolicyLabel.setObjectName(u"defaultPolicyLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.defaultPolicyLabel)

        self.defaultPolicyCombo = QComboBox(FirstRunDialog)
        self.defaultPolicyCombo.setObjectName(u"defaultPolicyCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.defaultPolicyCombo)

        self.dataDirLabel = QLabel(FirstRunDialog)
        self.dataDirLabel.setObjectName(u"dataDirLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dataDirLabel)

        self.dataDirValue = QLabel(FirstRunDialog)
        self.dataDirValue.setObjectName(u"dataDirValue")
        self.dataDirValue.setWordWrap(True)
        self.dataDirValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dataDirValue)


        self.mainLayout.addLayout(self.formLayout)

        self.loadSamplesCheck = QCheckBox(FirstRunDialog)
        self.loadSamplesCheck.setObjectName(u"loadSamplesCheck")

        self.mainLayout.addWidget(self.loadSamplesCheck)

        self.errorLabel = QLabel(FirstRunDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(FirstRunDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(FirstRunDialog)

        QMetaObject.connectSlotsByName(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"\u9996\u6b21\u4f7f\u7528\u8bbe\u7f6e", None))
        self.welcomeLabel.setText(QCoreApplication.translate("FirstRunDialog", u"\u6b22\u8fce\u4f7f\u7528\u793e\u4f1a\u6551\u52a9\u5bb9\u9519\u7ea0\u9519 / \u5c3d\u804c\u514d\u8d23\u6848\u4ef6\u7ba1\u7406\u3002\u8bf7\u5148\u586b\u5199\u672c\u5355\u4f4d\u540d\u79f0\u5e76\u9009\u62e9\u9ed8\u8ba4\u9002\u7528\u7684\u653f\u7b56\uff0c\u4ee5\u540e\u53ef\u5728\u201c\u5de5\u5177 \u2192 \u8bbe\u7f6e\u201d\u4e2d\u4fee\u6539\u3002", None))
        self.unitNameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"\u5355\u4f4d\u540d\u79f0", None))
        self.unitNameEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"\u4f8b\u5982\uff1a\u67d0\u67d0\u53bf\u6c11\u653f\u5c40", None))
        self.defaultPolicyLabel.setText(QCoreApplication.translate("FirstRunDialog", u"\u9ed8\u8ba4\u653f\u7b56", None))
        self.dataDirLabel.setText(QCoreApplication.translate("FirstRunDialog", u"\u6570\u636e\u4f4d\u7f6e", None))
        self.dataDirValue.setText("")
        self.loadSamplesCheck.setText(QCoreApplication.translate("FirstRunDialog", u"\u8f7d\u5165\u793a\u4f8b\u6848\u4ef6\uff08\u4fbf\u4e8e\u719f\u6089\u64cd\u4f5c\uff0c\u53ef\u968f\u65f6\u5220\u9664\u6570\u636e\u76ee\u5f55\u91cd\u65b0\u5f00\u59cb\uff09", None))
        self.errorLabel.setText("")
    # retranslateUi

