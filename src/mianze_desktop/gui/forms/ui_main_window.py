# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QAction)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame,
    QHBoxLayout, QLabel, QLineEdit, QMenu, QMenuBar, QPushButton, QSizePolicy,
    QSpacerItem, QStatusBar, QToolBar, QVBoxLayout, QWidget)

from mianze_desktop.gui.case_view import CaseView

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1200, 760)
        self.actionNewCase = QAction(MainWindow)
        self.actionNewCase.setObjectName(u"actionNewCase")
        self.actionOpenCase = QAction(MainWindow)
        self.actionOpenCase.setObjectName(u"actionOpenCase")
        self.actionPrint = QAction(MainWindow)
        self.actionPrint.setObjectName(u"actionPrint")
        self.actionExportLedger = QAction(MainWindow)
        self.actionExportLedger.setObjectName(u"actionExportLedger")
        self.actionImportLedger = QAction(MainWindow)
        self.actionImportLedger.setObjectName(u"actionImportLedger")
        self.actionLoadSamples = QAction(MainWindow)
        self.actionLoadSamples.setObjectName(u"actionLoadSamples")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionSearch = QAction(MainWindow)
        self.actionSearch.setObjectName(u"actionSearch")
        self.actionRefresh = QAction(MainWindow)
        self.actionRefresh.setObjectName(u"actionRefresh")
        self.actionPolicies = QAction(MainWindow)
        self.actionPolicies.setObjectName(u"actionPolicies")
        self.actionSettings = QAction(MainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.dashboard = QFrame(self.centralwidget)
        self.dashboard.setObjectName(u"dashboard")
        self.dashboard.setFrameShape(QFrame.Shape.StyledPanel)
        self.dashboardLayout = QHBoxLayout(self.dashboard)
        self.dashboardLayout.setObjectName(u"dashboardLayout")
        self.openLabel = QLabel(self.dashboard)
        self.openLabel.setObjectName(u"openLabel")

        self.dashboardLayout.addWidget(self.openLabel)

        self.dueWeekLabel = QLabel(self.dashboard)
        self.dueWeekLabel.setObjectName(u"dueWeekLabel")

        self.dashboardLayout.addWidget(self.dueWeekLabel)

        self.overdueLabel = QLabel(self.dashboard)
        self.overdueLabel.setObjectName(u"overdueLabel")

        self.dashboardLayout.addWidget(self.overdueLabel)

        self.byStageLabel = QLabel(self.dashboard)
        self.byStageLabel.setObjectName(u"byStageLabel")
        self.byStageLabel.setWordWrap(True)

        self.dashboardLayout.addWidget(self.byStageLabel)

        self.dashboardSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dashboardLayout.addItem(self.dashboardSpacer)


        self.centralLayout.addWidget(self.dashboard)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchEdit = QLineEdit(self.centralwidget)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.statusFilterLabel = QLabel(self.centralwidget)
        self.statusFilterLabel.setObjectName(u"statusFilterLabel")

        self.filterLayout.addWidget(self.statusFilterLabel)

        self.statusCombo = QComboBox(self.centralwidget)
        self.statusCombo.setObjectName(u"statusCombo")

        self.filterLayout.addWidget(self.statusCombo)

        self.yearFilterLabel = QLabel(self.centralwidget)
        self.yearFilterLabel.setObjectName(u"yearFilterLabel")

        self.filterLayout.addWidget(self.yearFilterLabel)

        self.yearCombo = QComboBox(self.centralwidget)
        self.yearCombo.setObjectName(u"yearCombo")

        self.filterLayout.addWidget(self.yearCombo)

        self.policyFilterLabel = QLabel(self.centralwidget)
        self.policyFilterLabel.setObjectName(u"policyFilterLabel")

        self.filterLayout.addWidget(self.policyFilterLabel)

        self.policyCombo = QComboBox(self.centralwidget)
        self.policyCombo.setObjectName(u"policyCombo")

        self.filterLayout.addWidget(self.policyCombo)

        self.outcomeFilterLabel = QLabel(self.centralwidget)
        self.outcomeFilterLabel.setObjectName(u"outcomeFilterLabel")

        self.filterLayout.addWidget(self.outcomeFilterLabel)

        self.outcomeCombo = QComboBox(self.centralwidget)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.filterLayout.addWidget(self.outcomeCombo)

        self.clearFiltersButton = QPushButton(self.centralwidget)
        self.clearFiltersButton.setObjectName(u"clearFiltersButton")

        self.filterLayout.addWidget(self.clearFiltersButton)

        self.filterLayout.setStretch(0, 4)
        self.filterLayout.setStretch(2, 1)
        self.filterLayout.setStretch(4, 1)
        self.filterLayout.setStretch(6, 1)
        self.filterLayout.setStretch(8, 1)

        self.centralLayout.addLayout(self.filterLayout)

        self.caseView = CaseView(self.centralwidget)
        self.caseView.setObjectName(u"caseView")
        self.caseView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.caseView.setAlternatingRowColors(True)
        self.caseView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.caseView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseView.setSortingEnabled(False)
        self.caseView.horizontalHeader().setStretchLastSection(True)
        self.caseView.verticalHeader().setVisible(False)

        self.centralLayout.addWidget(self.caseView)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuView = QMenu(self.menubar)
        self.menuView.setObjectName(u"menuView")
        self.menuTools = QMenu(self.menubar)
        self.menuTools.setObjectName(u"menuTools")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.toolBar = QToolBar(MainWindow)
        self.toolBar.setObjectName(u"toolBar")
        self.toolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolBar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuView.menuAction())
        self.menubar.addAction(self.menuTools.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewCase)
        self.menuFile.addAction(self.actionOpenCase)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionPrint)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionExportLedger)
        self.menuFile.addAction(self.actionImportLedger)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionLoadSamples)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuView.addAction(self.actionSearch)
        self.menuView.addAction(self.actionRefresh)
        self.menuTools.addAction(self.actionPolicies)
        self.menuTools.addAction(self.actionSettings)
        self.menuHelp.addAction(self.actionAbout)
        self.toolBar.addAction(self.actionNewCase)
        self.toolBar.addAction(self.actionOpenCase)
        self.toolBar.addAction(self.actionSearch)
        self.toolBar.addAction(self.actionPrint)
        self.toolBar.addAction(self.actionExportLedger)
        self.toolBar.addAction(self.actionPolicies)
        self.toolBar.addAction(self.actionSettings)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u793e\u4f1a\u6551\u52a9\u5bb9\u9519\u7ea0\u9519 / \u5c3d\u804c\u514d\u8d23\u6848\u4ef6\u7ba1\u7406", None))
        self.actionNewCase.setText(QCoreApplication.translate("MainWindow", u"\u65b0\u5efa\u6848\u4ef6", None))
#if QT_CONFIG(shortcut)
        self.actionNewCase.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+N", None))
#endif // QT_CONFIG(shortcut)
        self.actionOpenCase.setText(QCoreApplication.translate("MainWindow", u"\u6253\u5f00\u6848\u4ef6", None))
#if QT_CONFIG(shortcut)
        self.actionOpenCase.setShortcut(QCoreApplication.translate("MainWindow", u"Return", None))
#endif // QT_CONFIG(shortcut)
        self.actionPrint.setText(QCoreApplication.translate("MainWindow", u"\u6253\u5370\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionPrint.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+P", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportLedger.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u51fa\u53f0\u8d26\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExportLedger.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionImportLedger.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u5165\u53f0\u8d26\u2026", None))
        self.actionLoadSamples.setText(QCoreApplication.translate("MainWindow", u"\u8f7d\u5165\u793a\u4f8b\u6848\u4ef6", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"\u9000\u51fa", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionSearch.setText(QCoreApplication.translate("MainWindow", u"\u641c\u7d22", None))
#if QT_CONFIG(shortcut)
        self.actionSearch.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
        self.actionRefresh.setText(QCoreApplication.translate("MainWindow", u"\u5237\u65b0", None))
#if QT_CONFIG(shortcut)
        self.actionRefresh.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionPolicies.setText(QCoreApplication.translate("MainWindow", u"\u653f\u7b56\u6d4f\u89c8", None))
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"\u8bbe\u7f6e\u2026", None))
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"\u5173\u4e8e", None))
        self.openLabel.setText(QCoreApplication.translate("MainWindow", u"\u529e\u7406\u4e2d\uff1a0", None))
        self.dueWeekLabel.setText(QCoreApplication.translate("MainWindow", u"\u672c\u5468\u5230\u671f\uff1a0", None))
        self.overdueLabel.setText(QCoreApplication.translate("MainWindow", u"\u5df2\u903e\u671f\uff1a0", None))
        self.byStageLabel.setText("")
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"\u641c\u7d22\uff1a\u59d3\u540d\u3001\u6848\u4ef6\u7f16\u53f7\u3001\u5355\u4f4d\u3001\u4e8b\u9879\u5185\u5bb9\uff08Ctrl+F\uff09", None))
        self.statusFilterLabel.setText(QCoreApplication.translate("MainWindow", u"\u9636\u6bb5", None))
        self.yearFilterLabel.setText(QCoreApplication.translate("MainWindow", u"\u5e74\u5ea6", None))
        self.policyFilterLabel.setText(QCoreApplication.translate("MainWindow", u"\u653f\u7b56", None))
        self.outcomeFilterLabel.setText(QCoreApplication.translate("MainWindow", u"\u8ba4\u5b9a\u7ed3\u679c", None))
        self.clearFiltersButton.setText(QCoreApplication.translate("MainWindow", u"\u6e05\u9664\u7b5b\u9009", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"\u6587\u4ef6(&F)", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"\u67e5\u770b(&V)", None))
        self.menuTools.setTitle(QCoreApplication.translate("MainWindow", u"\u5de5\u5177(&T)", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"\u5e2e\u52a9(&H)", None))
        self.toolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u5de5\u5177\u680f", None))
    # retranslateUi

