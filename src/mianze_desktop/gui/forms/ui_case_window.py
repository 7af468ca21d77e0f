# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QRect, QSize, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox,
    QDateEdit, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_CaseWindow(object):
    def setupUi(self, CaseWindow):
        if not CaseWindow.objectName():
            CaseWindow.setObjectName(u"CaseWindow")
        CaseWindow.resize(980, 760)
        self.mainLayout = QVBoxLayout(CaseWindow)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerLayout = QGridLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(CaseWindow)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.titleLabel, 0, 0, 1, 3)

        self.policyLabel = QLabel(CaseWindow)
        self.policyLabel.setObjectName(u"policyLabel")

        self.headerLayout.addWidget(self.policyLabel, 1, 0, 1, 1)

        self.policyCombo = QComboBox(CaseWindow)
        self.policyCombo.setObjectName(u"policyCombo")

        self.headerLayout.addWidget(self.policyCombo, 1, 1, 1, 1)

        self.statusLabel = QLabel(CaseWindow)
        self.statusLabel.setObjectName(u"statusLabel")

        self.headerLayout.addWidget(self.statusLabel, 1, 2, 1, 1)

        self.deadlineLabel = QLabel(CaseWindow)
        self.deadlineLabel.setObjectName(u"deadlineLabel")
        self.deadlineLabel.setWordWrap(True)

        self.headerLayout.addWidget(self.deadlineLabel, 2, 0, 1, 3)


        self.mainLayout.addLayout(self.headerLayout)

        self.stageBox = QGroupBox(CaseWindow)
        self.stageBox.setObjectName(u"stageBox")
        self.stageBoxLayout = QVBoxLayout(self.stageBox)
        self.stageBoxLayout.setObjectName(u"stageBoxLayout")
        self.stageDateLayout = QHBoxLayout()
        self.stageDateLayout.setObjectName(u"stageDateLayout")
        self.stageDatesLabel = QLabel(self.stageBox)
        self.stageDatesLabel.setObjectName(u"stageDatesLabel")
        self.stageDatesLabel.setWordWrap(True)

        self.stageDateLayout.addWidget(self.stageDatesLabel)

        self.stageDateSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.stageDateLayout.addItem(self.stageDateSpacer)

        self.stageDateLabel = QLabel(self.stageBox)
        self.stageDateLabel.setObjectName(u"stageDateLabel")

        self.stageDateLayout.addWidget(self.stageDateLabel)

        self.stageDateEdit = QDateEdit(self.stageBox)
        self.stageDateEdit.setObjectName(u"stageDateEdit")
        self.stageDateEdit.setCalendarPopup(True)

        self.stageDateLayout.addWidget(self.stageDateEdit)


        self.stageBoxLayout.addLayout(self.stageDateLayout)

        self.stageLayout = QHBoxLayout()
        self.stageLayout.setObjectName(u"stageLayout")

        self.stageBoxLayout.addLayout(self.stageLayout)

        self.stageHintLabel = QLabel(self.stageBox)
        self.stageHintLabel.setObjectName(u"stageHintLabel")
        self.stageHintLabel.setWordWrap(True)

        self.stageBoxLayout.addWidget(self.stageHintLabel)


        self.mainLayout.addWidget(self.stageBox)

        self.tabWidget = QTabWidget(CaseWindow)
        self.tabWidget.setObjectName(u"tabWidget")
        self.applicationTab = QWidget()
        self.applicationTab.setObjectName(u"applicationTab")
        self.applicationLayout = QVBoxLayout(self.applicationTab)
        self.applicationLayout.setObjectName(u"applicationLayout")
        self.applicationScroll = QScrollArea(self.applicationTab)
        self.applicationScroll.setObjectName(u"applicationScroll")
        self.applicationScroll.setWidgetResizable(True)
        self.applicationFormHost = QWidget()
        self.applicationFormHost.setObjectName(u"applicationFormHost")
        self.applicationFormHost.setGeometry(QRect(0, 0, 900, 400))
        self.applicationScroll.setWidget(self.applicationFormHost)

        self.applicationLayout.addWidget(self.applicationScroll)

        self.applicationButtons = QHBoxLayout()
        self.applicationButtons.setObjectName(u"applicationButtons")
        self.draftLabel = QLabel(self.applicationTab)
        self.draftLabel.setObjectName(u"draftLabel")

        self.applicationButtons.addWidget(self.draftLabel)

        self.applicationSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.applicationButtons.addItem(self.applicationSpacer)

        self.saveButton = QPushButton(self.applicationTab)
        self.saveButton.setObjectName(u"saveButton")

        self.applicationButtons.addWidget(self.saveButton)


        self.applicationLayout.addLayout(self.applicationButtons)

        self.tabWidget.addTab(self.applicationTab, "")
        self.evidenceTab = QWidget()
        self.evidenceTab.setObjectName(u"evidenceTab")
        self.evidenceLayout = QVBoxLayout(self.evidenceTab)
        self.evidenceLayout.setObjectName(u"evidenceLayout")
        self.attachmentView = QTableView(self.evidenceTab)
        self.attachmentView.setObjectName(u"attachmentView")
        self.attachmentView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attachmentView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attachmentView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attachmentView.horizontalHeader().setStretchLastSection(True)

        self.evidenceLayout.addWidget(self.attachmentView)

        self.evidenceButtons = QHBoxLayout()
        self.evidenceButtons.setObjectName(u"evidenceButtons")
        self.addAttachmentButton = QPushButton(self.evidenceTab)
        self.addAttachmentButton.setObjectName(u"addAttachmentButton")

        self.evidenceButtons.addWidget(self.addAttachmentButton)

        self.openAttachmentButton = QPushButton(self.evidenceTab)
        self.openAttachmentButton.setObjectName(u"openAttachmentButton")

        self.evidenceButtons.addWidget(self.openAttachmentButton)

        self.removeAttachmentButton = QPushButton(self.evidenceTab)
        self.removeAttachmentButton.setObjectName(u"removeAttachmentButton")

        self.evidenceButtons.addWidget(self.removeAttachmentButton)

        self.evidenceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.evidenceButtons.addItem(self.evidenceSpacer)


        self.evidenceLayout.addLayout(self.evidenceButtons)

        self.tabWidget.addTab(self.evidenceTab, "")
        self.investigationTab = QWidget()
        self.investigationTab.setObjectName(u"investigationTab")
        self.investigationLayout = QVBoxLayout(self.investigationTab)
        self.investigationLayout.setObjectName(u"investigationLayout")
        self.investigatorBox = QGroupBox(self.investigationTab)
        self.investigatorBox.setObjectName(u"investigatorBox")
        self.investigatorBoxLayout = QVBoxLayout(self.investigatorBox)
        self.investigatorBoxLayout.setObjectName(u"investigatorBoxLayout")
        self.investigatorView = QTableView(self.investigatorBox)
        self.investigatorView.setObjectName(u"investigatorView")
        self.investigatorView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.investigatorView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.investigatorView.horizontalHeader().setStretchLastSection(True)

        self.investigatorBoxLayout.addWidget(self.investigatorView)

        self.investigatorInputs = QHBoxLayout()
        self.investigatorInputs.setObjectName(u"investigatorInputs")
        self.invNameEdit = QLineEdit(self.investigatorBox)
        self.invNameEdit.setObjectName(u"invNameEdit")

        self.investigatorInputs.addWidget(self.invNameEdit)

        self.invUnitEdit = QLineEdit(self.investigatorBox)
        self.invUnitEdit.setObjectName(u"invUnitEdit")

        self.investigatorInputs.addWidget(self.invUnitEdit)

        self.invPositionEdit = QLineEdit(self.investigatorBox)
        self.invPositionEdit.setObjectName(u"invPositionEdit")

        self.investigatorInputs.addWidget(self.invPositionEdit)

        self.invNoConflictCheck = QCheckBox(self.investigatorBox)
        self.invNoConflictCheck.setObjectName(u"invNoConflictCheck")

        self.investigatorInputs.addWidget(self.invNoConflictCheck)

        self.addInvestigatorButton = QPushButton(self.investigatorBox)
        self.addInvestigatorButton.setObjectName(u"addInvestigatorButton")

        self.investigatorInputs.addWidget(self.addInvestigatorButton)

        self.removeInvestigatorButton = QPushButton(self.investigatorBox)
        self.removeInvestigatorButton.setObjectName(u"removeInvestigatorButton")

        self.investigatorInputs.addWidget(self.removeInvestigatorButton)


        self.investigatorBoxLayout.addLayout(self.investigatorInputs)

        self.recusalLabel = QLabel(self.investigatorBox)
        self.recusalLabel.setObjectName(u"recusalLabel")
        self.recusalLabel.setWordWrap(True)

        self.investigatorBoxLayout.addWidget(self.recusalLabel)


        self.investigationLayout.addWidget(self.investigatorBox)

        self.statementBox = QGroupBox(self.investigationTab)
        self.statementBox.setObjectName(u"statementBox")
        self.statementBoxLayout = QVBoxLayout(self.statementBox)
        self.statementBoxLayout.setObjectName(u"statementBoxLayout")
        self.statementView = QTableView(self.statementBox)
        self.statementView.setObjectName(u"statementView")
        self.statementView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.statementView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.statementView.horizontalHeader().setStretchLastSection(True)

        self.statementBoxLayout.addWidget(self.statementView)

        self.statementInputs = QHBoxLayout()
        self.statementInputs.setObjectName(u"statementInputs")
        self.stmtKindCombo = QComboBox(self.statementBox)
        self.stmtKindCombo.setObjectName(u"stmtKindCombo")

        self.statementInputs.addWidget(self.stmtKindCombo)

        self.stmtSpeakerEdit = QLineEdit(self.statementBox)
        self.stmtSpeakerEdit.setObjectName(u"stmtSpeakerEdit")

        self.statementInputs.addWidget(self.stmtSpeakerEdit)

        self.stmtDateEdit = QDateEdit(self.statementBox)
        self.stmtDateEdit.setObjectName(u"stmtDateEdit")
        self.stmtDateEdit.setCalendarPopup(True)

        self.statementInputs.addWidget(self.stmtDateEdit)


        self.statementBoxLayout.addLayout(self.statementInputs)

        self.stmtContentEdit = QPlainTextEdit(self.statementBox)
        self.stmtContentEdit.setObjectName(u"stmtContentEdit")
        self.stmtContentEdit.setMaximumSize(QSize(16777215, 90))

        self.statementBoxLayout.addWidget(self.stmtContentEdit)

        self.statementButtons = QHBoxLayout()
        self.statementButtons.setObjectName(u"statementButtons")
        self.statementSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.statementButtons.addItem(self.statementSpacer)

        self.addStatementButton = QPushButton(self.statementBox)
        self.addStatementButton.setObjectName(u"addStatementButton")

        self.statementButtons.addWidget(self.addStatementButton)


        self.statementBoxLayout.addLayout(self.statementButtons)


        self.investigationLayout.addWidget(self.statementBox)

        self.tabWidget.addTab(self.investigationTab, "")
        self.decisionTab = QWidget()
        self.decisionTab.setObjectName(u"decisionTab")
        self.decisionLayout = QVBoxLayout(self.decisionTab)
        self.decisionLayout.setObjectName(u"decisionLayout")
        self.checkResultLabel = QLabel(self.decisionTab)
        self.checkResultLabel.setObjectName(u"checkResultLabel")
        self.checkResultLabel.setWordWrap(True)

        self.decisionLayout.addWidget(self.checkResultLabel)

        self.outcomeLayout = QHBoxLayout()
        self.outcomeLayout.setObjectName(u"outcomeLayout")
        self.outcomeLabel = QLabel(self.decisionTab)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.outcomeLayout.addWidget(self.outcomeLabel)

        self.outcomeCombo = QComboBox(self.decisionTab)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.outcomeLayout.addWidget(self.outcomeCombo)

        self.checklistButton = QPushButton(self.decisionTab)
        self.checklistButton.setObjectName(u"checklistButton")

        self.outcomeLayout.addWidget(self.checklistButton)

        self.refreshBasisButton = QPushButton(self.decisionTab)
        self.refreshBasisButton.setObjectName(u"refreshBasisButton")

        self.outcomeLayout.addWidget(self.refreshBasisButton)

        self.outcomeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomeLayout.addItem(self.outcomeSpacer)


        self.decisionLayout.addLayout(self.outcomeLayout)

        self.outcomeHintLabel = QLabel(self.decisionTab)
        self.outcomeHintLabel.setObjectName(u"outcomeHintLabel")
        self.outcomeHintLabel.setWordWrap(True)

        self.decisionLayout.addWidget(self.outcomeHintLabel)

        self.decisionScroll = QScrollArea(self.decisionTab)
        self.decisionScroll.setObjectName(u"decisionScroll")
        self.decisionScroll.setWidgetResizable(True)
        self.decisionFormHost = QWidget()
        self.decisionFormHost.setObjectName(u"decisionFormHost")
        self.decisionFormHost.setGeometry(QRect(0, 0, 900, 300))
        self.decisionScroll.setWidget(self.decisionFormHost)

        self.decisionLayout.addWidget(self.decisionScroll)

        self.decisionButtons = QHBoxLayout()
        self.decisionButtons.setObjectName(u"decisionButtons")
        self.decisionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.decisionButtons.addItem(self.decisionSpacer)

        self.saveDecisionButton = QPushButton(self.decisionTab)
        self.saveDecisionButton.setObjectName(u"saveDecisionButton")

        self.decisionButtons.addWidget(self.saveDecisionButton)


        self.decisionLayout.addLayout(self.decisionButtons)

        self.tabWidget.addTab(self.decisionTab, "")
        self.notifyTab = QWidget()
        self.notifyTab.setObjectName(u"notifyTab")
        self.notifyLayout = QVBoxLayout(self.notifyTab)
        self.notifyLayout.setObjectName(u"notifyLayout")
        self.notificationBox = QGroupBox(self.notifyTab)
        self.notificationBox.setObjectName(u"notificationBox")
        self.notificationBoxLayout = QVBoxLayout(self.notificationBox)
        self.notificationBoxLayout.setObjectName(u"notificationBoxLayout")
        self.notificationView = QTableView(self.notificationBox)
        self.notificationView.setObjectName(u"notificationView")
        self.notificationView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notificationView.horizontalHeader().setStretchLastSection(True)

        self.notificationBoxLayout.addWidget(self.notificationView)

        self.notificationInputs = QHBoxLayout()
        self.notificationInputs.setObjectName(u"notificationInputs")
        self.notRecipientEdit = QLineEdit(self.notificationBox)
        self.notRecipientEdit.setObjectName(u"notRecipientEdit")

        self.notificationInputs.addWidget(self.notRecipientEdit)

        self.notChannelCombo = QComboBox(self.notificationBox)
        self.notChannelCombo.setObjectName(u"notChannelCombo")

        self.notificationInputs.addWidget(self.notChannelCombo)

        self.notDateEdit = QDateEdit(self.notificationBox)
        self.notDateEdit.setObjectName(u"notDateEdit")
        self.notDateEdit.setCalendarPopup(True)

        self.notificationInputs.addWidget(self.notDateEdit)

        self.notContentEdit = QLineEdit(self.notificationBox)
        self.notContentEdit.setObjectName(u"notContentEdit")

        self.notificationInputs.addWidget(self.notContentEdit)

        self.addNotificationButton = QPushButton(self.notificationBox)
        self.addNotificationButton.setObjectName(u"addNotificationButton")

        self.notificationInputs.addWidget(self.addNotificationButton)


        self.notificationBoxLayout.addLayout(self.notificationInputs)


        self.notifyLayout.addWidget(self.notificationBox)

        self.reportBox = QGroupBox(self.notifyTab)
        self.reportBox.setObjectName(u"reportBox")
        self.reportLayout = QHBoxLayout(self.reportBox)
        self.reportLayout.setObjectName(u"reportLayout")
        self.reportRecipientEdit = QLineEdit(self.reportBox)
        self.reportRecipientEdit.setObjectName(u"reportRecipientEdit")

        self.reportLayout.addWidget(self.reportRecipientEdit)

        self.reportDateEdit = QDateEdit(self.reportBox)
        self.reportDateEdit.setObjectName(u"reportDateEdit")
        self.reportDateEdit.setCalendarPopup(True)

        self.reportLayout.addWidget(self.reportDateEdit)

        self.addReportButton = QPushButton(self.reportBox)
        self.addReportButton.setObjectName(u"addReportButton")

        self.reportLayout.addWidget(self.addReportButton)


        self.notifyLayout.addWidget(self.reportBox)

        self.archiveBox = QGroupBox(self.notifyTab)
        self.archiveBox.setObjectName(u"archiveBox")
        self.archiveLayout = QHBoxLayout(self.archiveBox)
        self.archiveLayout.setObjectName(u"archiveLayout")
        self.archiveNumberLabel = QLabel(self.archiveBox)
        self.archiveNumberLabel.setObjectName(u"archiveNumberLabel")

        self.archiveLayout.addWidget(self.archiveNumberLabel)

        self.archiveNumberEdit = QLineEdit(self.archiveBox)
        self.archiveNumberEdit.setObjectName(u"archiveNumberEdit")

        self.archiveLayout.addWidget(self.archiveNumberEdit)

        self.saveArchiveButton = QPushButton(self.archiveBox)
        self.saveArchiveButton.setObjectName(u"saveArchiveButton")

        self.archiveLayout.addWidget(self.saveArchiveButton)


        self.notifyLayout.addWidget(self.archiveBox)

        self.notifySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.notifyLayout.addItem(self.notifySpacer)

        self.tabWidget.addTab(self.notifyTab, "")
        self.historyTab = QWidget()
        self.historyTab.setObjectName(u"historyTab")
        self.historyLayout = QVBoxLayout(self.historyTab)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyView = QTableView(self.historyTab)
        self.historyView.setObjectName(u"historyView")
        self.historyView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.historyView.horizontalHeader().setStretchLastSection(True)

        self.historyLayout.addWidget(self.historyView)

        self.tabWidget.addTab(self.historyTab, "")

        self.mainLayout.addWidget(self.tabWidget)

        self.bottomButtons = QHBoxLayout()
        self.bottomButtons.setObjectName(u"bottomButtons")
        self.messageLabel = QLabel(CaseWindow)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.bottomButtons.addWidget(self.messageLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomButtons.addItem(self.bottomSpacer)

        self.printButton = QPushButton(CaseWindow)
        self.printButton.setObjectName(u"printButton")

        self.bottomButtons.addWidget(self.printButton)

        self.closeButton = QPushButton(CaseWindow)
        self.closeButton.setObjectName(u"closeButton")

        self.bottomButtons.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.bottomButtons)


        self.retranslateUi(CaseWindow)

        self.tabWidget.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(CaseWindow)
    # setupUi

    def retranslateUi(self, CaseWindow):
        CaseWindow.setWindowTitle(QCoreApplication.translate("CaseWindow", u"\u6848\u4ef6", None))
        self.titleLabel.setText(QCoreApplication.translate("CaseWindow", u"\u65b0\u6848\u4ef6", None))
        self.policyLabel.setText(QCoreApplication.translate("CaseWindow", u"\u9002\u7528\u653f\u7b56", None))
        self.statusLabel.setText("")
        self.deadlineLabel.setText("")
        self.stageBox.setTitle(QCoreApplication.translate("CaseWindow", u"\u529e\u7406\u7a0b\u5e8f", None))
        self.stageDatesLabel.setText("")
        self.stageDateLabel.setText(QCoreApplication.translate("CaseWindow", u"\u529e\u7406\u65e5\u671f", None))
        self.stageDateEdit.setDisplayFormat(QCoreApplication.translate("CaseWindow", u"yyyy-MM-dd", None))
        self.stageHintLabel.setText("")
        self.draftLabel.setText("")
        self.saveButton.setText(QCoreApplication.translate("CaseWindow", u"\u4fdd\u5b58\u7533\u8bf7", None))
#if QT_CONFIG(shortcut)
        self.saveButton.setShortcut(QCoreApplication.translate("CaseWindow", u"Ctrl+S", None))
#endif // QT_CONFIG(shortcut)
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.applicationTab), QCoreApplication.translate("CaseWindow", u"\u7533\u8bf7", None))
        self.addAttachmentButton.setText(QCoreApplication.translate("CaseWindow", u"\u6dfb\u52a0\u6750\u6599\u2026", None))
        self.openAttachmentButton.setText(QCoreApplication.translate("CaseWindow", u"\u6253\u5f00", None))
        self.removeAttachmentButton.setText(QCoreApplication.translate("CaseWindow", u"\u79fb\u9664", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.evidenceTab), QCoreApplication.translate("CaseWindow", u"\u8bc1\u636e\u6750\u6599", None))
        self.investigatorBox.setTitle(QCoreApplication.translate("CaseWindow", u"\u8c03\u67e5\u4eba\u5458", None))
        self.invNameEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u59d3\u540d", None))
        self.invUnitEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u5355\u4f4d", None))
        self.invPositionEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u804c\u52a1", None))
        self.invNoConflictCheck.setText(QCoreApplication.translate("CaseWindow", u"\u5df2\u58f0\u660e\u65e0\u5229\u5bb3\u5173\u7cfb\uff08\u56de\u907f\uff09", None))
        self.addInvestigatorButton.setText(QCoreApplication.translate("CaseWindow", u"\u6dfb\u52a0\u8c03\u67e5\u4eba\u5458", None))
        self.removeInvestigatorButton.setText(QCoreApplication.translate("CaseWindow", u"\u79fb\u9664", None))
        self.recusalLabel.setText("")
        self.statementBox.setTitle(QCoreApplication.translate("CaseWindow", u"\u7533\u8fa9\u7533\u8bc9\u53ca\u542c\u53d6\u610f\u89c1", None))
        self.stmtSpeakerEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u9648\u8ff0\u4eba", None))
        self.stmtDateEdit.setDisplayFormat(QCoreApplication.translate("CaseWindow", u"yyyy-MM-dd", None))
        self.stmtContentEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u7533\u8fa9\u7533\u8bc9\u6216\u610f\u89c1\u5185\u5bb9", None))
        self.addStatementButton.setText(QCoreApplication.translate("CaseWindow", u"\u8bb0\u5f55\u9648\u8ff0", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.investigationTab), QCoreApplication.translate("CaseWindow", u"\u8c03\u67e5", None))
        self.checkResultLabel.setText("")
        self.outcomeLabel.setText(QCoreApplication.translate("CaseWindow", u"\u8ba4\u5b9a\u7ed3\u679c", None))
        self.checklistButton.setText(QCoreApplication.translate("CaseWindow", u"\u5bf9\u7167\u6e05\u5355", None))
        self.refreshBasisButton.setText(QCoreApplication.translate("CaseWindow", u"\u91cd\u65b0\u751f\u6210\u4f9d\u636e", None))
        self.outcomeHintLabel.setText("")
        self.saveDecisionButton.setText(QCoreApplication.translate("CaseWindow", u"\u4fdd\u5b58\u8ba4\u5b9a", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.decisionTab), QCoreApplication.translate("CaseWindow", u"\u8ba4\u5b9a", None))
        self.notificationBox.setTitle(QCoreApplication.translate("CaseWindow", u"\u544a\u77e5 / \u53cd\u9988\u8bb0\u5f55", None))
        self.notRecipientEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u544a\u77e5\u5bf9\u8c61", None))
        self.notDateEdit.setDisplayFormat(QCoreApplication.translate("CaseWindow", u"yyyy-MM-dd", None))
        self.notContentEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u544a\u77e5\u5185\u5bb9\uff08\u53ef\u7559\u7a7a\uff0c\u6309\u544a\u77e5\u4e66\uff09", None))
        self.addNotificationButton.setText(QCoreApplication.translate("CaseWindow", u"\u8bb0\u5f55\u544a\u77e5", None))
        self.reportBox.setTitle(QCoreApplication.translate("CaseWindow", u"\u62a5\u9001\u8bb0\u5f55", None))
        self.reportRecipientEdit.setPlaceholderText(QCoreApplication.translate("CaseWindow", u"\u62a5\u9001\u673a\u5173", None))
        self.reportDateEdit.setDisplayFormat(QCoreApplication.translate("CaseWindow", u"yyyy-MM-dd", None))
        self.addReportButton.setText(QCoreApplication.translate("CaseWindow", u"\u8bb0\u5f55\u62a5\u9001", None))
        self.archiveBox.setTitle(QCoreApplication.translate("CaseWindow", u"\u5f52\u6863", None))
        self.archiveNumberLabel.setText(QCoreApplication.translate("CaseWindow", u"\u5f52\u6863\u53f7", None))
        self.saveArchiveButton.setText(QCoreApplication.translate("CaseWindow", u"\u4fdd\u5b58\u5f52\u6863\u53f7", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.notifyTab), QCoreApplication.translate("CaseWindow", u"\u544a\u77e5 / \u5f52\u6863", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.historyTab), QCoreApplication.translate("CaseWindow", u"\u529e\u7406\u8bb0\u5f55", None))
        self.messageLabel.setText("")
        self.printButton.setText(QCoreApplication.translate("CaseWindow", u"\u6253\u5370\u6587\u4e66", None))
        self.closeButton.setText(QCoreApplication.translate("CaseWindow", u"\u5173\u95ed", None))
    # retranslateUi

