# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QPushButton, QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(640, 480)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.tabWidget = QTabWidget(SettingsDialog)
        self.tabWidget.setObjectName(u"tabWidget")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalLayout = QFormLayout(self.generalTab)
        self.generalLayout.setObjectName(u"generalLayout")
        self.unitNameLabel = QLabel(self.generalTab)
        self.unitNameLabel.setObjectName(u"unitNameLabel")

        self.generalLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.unitNameLabel)

        self.unitNameEdit = QLineEdit(self.generalTab)
        self.unitNameEdit.setObjectName(u"unitNameEdit")

        self.generalLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.unitNameEdit)

        self.defaultPolicyLabel = QLabel(self.generalTab)
        self.defaultPolicyLabel.setObjectName(u"defaultPolicyLabel")

        self.generalLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.defaultPolicyLabel)

        self.defaultPolicyCombo = QComboBox(self.generalTab)
        self.defaultPolicyCombo.setObjectName(u"defaultPolicyCombo")

        self.generalLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.defaultPolicyCombo)

        self.numberFormatLabel = QLabel(self.generalTab)
        self.numberFormatLabel.setObjectName(u"numberFormatLabel")

        self.generalLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.numberFormatLabel)

        self.numberFormatEdit = QLineEdit(self.generalTab)
        self.numberFormatEdit.setObjectName(u"numberFormatEdit")

        self.generalLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.numberFormatEdit)

        self.numberFormatHelp = QLabel(self.generalTab)
        self.numberFormatHelp.setObjectName(u"numberFormatHelp")
        self.numberFormatHelp.setWordWrap(True)

        self.generalLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.numberFormatHelp)

        self.tabWidget.addTab(self.generalTab, "")
        self.dataTab = QWidget()
        self.dataTab.setObjectName(u"dataTab")
        self.dataLayout = QFormLayout(self.dataTab)
        self.dataLayout.setObjectName(u"dataLayout")
        self.dataDirLabel = QLabel(self.dataTab)
        self.dataDirLabel.setObjectName(u"dataDirLabel")

        self.dataLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dataDirLabel)

        self.dataDirLayout = QHBoxLayout()
        self.dataDirLayout.setObjectName(u"dataDirLayout")
        self.dataDirEdit = QLineEdit(self.dataTab)
        self.dataDirEdit.setObjectName(u"dataDirEdit")

        self.dataDirLayout.addWidget(self.dataDirEdit)

        self.browseDataDirButton = QPushButton(self.dataTab)
        self.browseDataDirButton.setObjectName(u"browseDataDirButton")

        self.dataDirLayout.addWidget(self.browseDataDirButton)


        self.dataLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.dataDirLayout)

        self.databaseUrlLabel = QLabel(self.dataTab)
        self.databaseUrlLabel.setObjectName(u"databaseUrlLabel")

        self.dataLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.databaseUrlLabel)

        self.databaseUrlEdit = QLineEdit(self.dataTab)
        self.databaseUrlEdit.setObjectName(u"databaseUrlEdit")

        self.dataLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.databaseUrlEdit)

        self.dataHelpLabel = QLabel(self.dataTab)
        self.dataHelpLabel.setObjectName(u"dataHelpLabel")
        self.dataHelpLabel.setWordWrap(True)

        self.dataLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dataHelpLabel)

        self.tabWidget.addTab(self.dataTab, "")
        self.holidayTab = QWidget()
        self.holidayTab.setObjectName(u"holidayTab")
        self.holidayLayout = QVBoxLayout(self.holidayTab)
        self.holidayLayout.setObjectName(u"holidayLayout")
        self.holidayHelpLabel = QLabel(self.holidayTab)
        self.holidayHelpLabel.setObjectName(u"holidayHelpLabel")
        self.holidayHelpLabel.setWordWrap(True)

        self.holidayLayout.addWidget(self.holidayHelpLabel)

        self.holidayView = QTableView(self.holidayTab)
        self.holidayView.setObjectName(u"holidayView")
        self.holidayView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.holidayView.horizontalHeader().setStretchLastSection(True)

        self.holidayLayout.addWidget(self.holidayView)

        self.holidayInputs = QHBoxLayout()
        self.holidayInputs.setObjectName(u"holidayInputs")
        self.holidayDateEdit = QDateEdit(self.holidayTab)
        self.holidayDateEdit.setObjectName(u"holidayDateEdit")
        self.holidayDateEdit.setCalendarPopup(True)

        self.holidayInputs.addWidget(self.holidayDateEdit)

        self.holidayKindCombo = QComboBox(self.holidayTab)
        self.holidayKindCombo.setObjectName(u"holidayKindCombo")

        self.holidayInputs.addWidget(self.holidayKindCombo)

        self.holidayNoteEdit = QLineEdit(self.holidayTab)
        self.holidayNoteEdit.setObjectName(u"holidayNoteEdit")

        self.holidayInputs.addWidget(self.holidayNoteEdit)

        self.addHolidayButton = QPushButton(self.holidayTab)
        self.addHolidayButton.setObjectName(u"addHolidayButton")

        self.holidayInputs.addWidget(self.addHolidayButton)

        self.removeHolidayButton = QPushButton(self.holidayTab)
        self.removeHolidayButton.setObjectName(u"removeHolidayButton")

        self.holidayInputs.addWidget(self.removeHolidayButton)


        self.holidayLayout.addLayout(self.holidayInputs)

        self.tabWidget.addTab(self.holidayTab, "")
        self.fontsTab = QWidget()
        self.fontsTab.setObjectName(u"fontsTab")
        self.fontsLayout = QVBoxLayout(self.fontsTab)
        self.fontsLayout.setObjectName(u"fontsLayout")
        self.fontsHelpLabel = QLabel(self.fontsTab)
        self.fontsHelpLabel.setObjectName(u"fontsHelpLabel")
        self.fontsHelpLabel.setWordWrap(True)

        self.fontsLayout.addWidget(self.fontsHelpLabel)

        self.fontList = QListWidget(self.fontsTab)
        self.fontList.setObjectName(u"fontList")

        self.fontsLayout.addWidget(self.fontList)

        self.tabWidget.addTab(self.fontsTab, "")

        self.mainLayout.addWidget(self.tabWidget)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"\u8bbe\u7f6e", None))
        self.unitNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u5355\u4f4d\u540d\u79f0", None))
        self.defaultPolicyLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u9ed8\u8ba4\u653f\u7b56", None))
        self.numberFormatLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u6848\u4ef6\u7f16\u53f7\u683c\u5f0f", None))
        self.numberFormatHelp.setText("")
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.generalTab), QCoreApplication.translate("SettingsDialog", u"\u5e38\u89c4", None))
        self.dataDirLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u6570\u636e\u4f4d\u7f6e", None))
        self.browseDataDirButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6d4f\u89c8\u2026", None))
        self.databaseUrlLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u6570\u636e\u5e93\u5730\u5740", None))
        self.databaseUrlEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u7559\u7a7a\u4f7f\u7528\u672c\u673a\u6570\u636e\u5e93\uff1b\u5171\u4eab\u65f6\u586b\u5199 postgresql://\u7528\u6237@\u670d\u52a1\u5668/\u5e93\u540d", None))
        self.dataHelpLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u6570\u636e\u4f4d\u7f6e\u548c\u6570\u636e\u5e93\u5730\u5740\u5728\u91cd\u65b0\u542f\u52a8\u7a0b\u5e8f\u540e\u751f\u6548\u3002", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.dataTab), QCoreApplication.translate("SettingsDialog", u"\u6570\u636e", None))
        self.holidayHelpLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u671f\u9650\u6309\u5de5\u4f5c\u65e5\u8ba1\u7b97\u3002\u56fd\u5bb6\u65e5\u5386\u672a\u8986\u76d6\u7684\u5e74\u4efd\u6216\u672c\u5730\u8c03\u4f11\uff0c\u53ef\u5728\u6b64\u9010\u65e5\u8bbe\u5b9a\u4e3a\u5de5\u4f5c\u65e5\u6216\u4f11\u606f\u65e5\u3002", None))
        self.holidayDateEdit.setDisplayFormat(QCoreApplication.translate("SettingsDialog", u"yyyy-MM-dd", None))
        self.holidayNoteEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u8bf4\u660e\uff08\u5982\uff1a\u6625\u8282\u8c03\u4f11\uff09", None))
        self.addHolidayButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6dfb\u52a0", None))
        self.removeHolidayButton.setText(QCoreApplication.translate("SettingsDialog", u"\u5220\u9664", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.holidayTab), QCoreApplication.translate("SettingsDialog", u"\u8282\u5047\u65e5\u8c03\u6574", None))
        self.fontsHelpLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u6253\u5370\u6587\u4e66\u65f6\u4f7f\u7528\u7684\u5b57\u4f53\uff08\u7cfb\u7edf\u5b57\u4f53\u4f18\u5148\uff0c\u7f3a\u5c11\u65f6\u4f7f\u7528\u7a0b\u5e8f\u81ea\u5e26\u5b57\u4f53\uff09\uff1a", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.fontsTab), QCoreApplication.translate("SettingsDialog", u"\u6253\u5370\u5b57\u4f53", None))
        self.errorLabel.setText("")
    # retranslateUi

