# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'policy_browser.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QListView,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTabWidget, QTableView, QTextBrowser, QTreeView, QVBoxLayout, QWidget)

class Ui_PolicyBrowser(object):
    def setupUi(self, PolicyBrowser):
        if not PolicyBrowser.objectName():
            PolicyBrowser.setObjectName(u"PolicyBrowser")
        PolicyBrowser.resize(1000, 680)
        self.mainLayout = QVBoxLayout(PolicyBrowser)
        self.mainLayout.setObjectName(u"mainLayout")
        self.splitter = QSplitter(PolicyBrowser)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.packList = QListView(self.splitter)
        self.packList.setObjectName(u"packList")
        self.packList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.packList)
        self.tabWidget = QTabWidget(self.splitter)
        self.tabWidget.setObjectName(u"tabWidget")
        self.summaryTab = QWidget()
        self.summaryTab.setObjectName(u"summaryTab")
        self.summaryLayout = QVBoxLayout(self.summaryTab)
        self.summaryLayout.setObjectName(u"summaryLayout")
        self.summaryText = QTextBrowser(self.summaryTab)
        self.summaryText.setObjectName(u"summaryText")

        self.summaryLayout.addWidget(self.summaryText)

        self.tabWidget.addTab(self.summaryTab, "")
        self.itemsTab = QWidget()
        self.itemsTab.setObjectName(u"itemsTab")
        self.itemsLayout = QVBoxLayout(self.itemsTab)
        self.itemsLayout.setObjectName(u"itemsLayout")
        self.itemsSplitter = QSplitter(self.itemsTab)
        self.itemsSplitter.setObjectName(u"itemsSplitter")
        self.itemsSplitter.setOrientation(Qt.Orientation.Vertical)
        self.itemTree = QTreeView(self.itemsSplitter)
        self.itemTree.setObjectName(u"itemTree")
        self.itemTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.itemTree.setHeaderHidden(False)
        self.itemsSplitter.addWidget(self.itemTree)
        self.itemText = QTextBrowser(self.itemsSplitter)
        self.itemText.setObjectName(u"itemText")
        self.itemsSplitter.addWidget(self.itemText)

        self.itemsLayout.addWidget(self.itemsSplitter)

        self.tabWidget.addTab(self.itemsTab, "")
        self.procedureTab = QWidget()
        self.procedureTab.setObjectName(u"procedureTab")
        self.procedureLayout = QVBoxLayout(self.procedureTab)
        self.procedureLayout.setObjectName(u"procedureLayout")
        self.stageView = QTableView(self.procedureTab)
        self.stageView.setObjectName(u"stageView")
        self.stageView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stageView.setWordWrap(True)
        self.stageView.horizontalHeader().setStretchLastSection(True)

        self.procedureLayout.addWidget(self.stageView)

        self.tabWidget.addTab(self.procedureTab, "")
        self.deadlineTab = QWidget()
        self.deadlineTab.setObjectName(u"deadlineTab")
        self.deadlineLayout = QVBoxLayout(self.deadlineTab)
        self.deadlineLayout.setObjectName(u"deadlineLayout")
        self.deadlineView = QTableView(self.deadlineTab)
        self.deadlineView.setObjectName(u"deadlineView")
        self.deadlineView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadlineView.horizontalHeader().setStretchLastSection(True)

        self.deadlineLayout.addWidget(self.deadlineView)

        self.tabWidget.addTab(self.deadlineTab, "")
        self.splitter.addWidget(self.tabWidget)

        self.mainLayout.addWidget(self.splitter)

        self.errorText = QPlainTextEdit(PolicyBrowser)
        self.errorText.setObjectName(u"errorText")
        self.errorText.setReadOnly(True)
        self.errorText.setMaximumSize(QSize(16777215, 120))

        self.mainLayout.addWidget(self.errorText)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.importButton = QPushButton(PolicyBrowser)
        self.importButton.setObjectName(u"importButton")

        self.buttonLayout.addWidget(self.importButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.closeButton = QPushButton(PolicyBrowser)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonLayout)


        self.retranslateUi(PolicyBrowser)

        QMetaObject.connectSlotsByName(PolicyBrowser)
    # setupUi

    def retranslateUi(self, PolicyBrowser):
        PolicyBrowser.setWindowTitle(QCoreApplication.translate("PolicyBrowser", u"\u653f\u7b56\u6d4f\u89c8", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.summaryTab), QCoreApplication.translate("PolicyBrowser", u"\u6982\u51b5", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.itemsTab), QCoreApplication.translate("PolicyBrowser", u"\u60c5\u5f62", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.procedureTab), QCoreApplication.translate("PolicyBrowser", u"\u7a0b\u5e8f", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.deadlineTab), QCoreApplication.translate("PolicyBrowser", u"\u671f\u9650", None))
        self.errorText.setPlaceholderText(QCoreApplication.translate("PolicyBrowser", u"\u5bfc\u5165\u653f\u7b56\u5305\u65f6\u53d1\u73b0\u7684\u95ee\u9898\u4f1a\u5728\u8fd9\u91cc\u5217\u51fa\uff08\u6587\u4ef6:\u884c\u53f7: \u5b57\u6bb5: \u95ee\u9898\uff09\u3002", None))
        self.importButton.setText(QCoreApplication.translate("PolicyBrowser", u"\u5bfc\u5165\u653f\u7b56\u5305\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("PolicyBrowser", u"\u5173\u95ed", None))
    # retranslateUi

