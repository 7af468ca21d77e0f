# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'ledger_import.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout,
    QLabel, QLineEdit, QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout)

class Ui_LedgerImportDialog(object):
    def setupUi(self, LedgerImportDialog):
        if not LedgerImportDialog.objectName():
            LedgerImportDialog.setObjectName(u"LedgerImportDialog")
        LedgerImportDialog.resize(760, 480)
        self.mainLayout = QVBoxLayout(LedgerImportDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileLabel = QLabel(LedgerImportDialog)
        self.fileLabel.setObjectName(u"fileLabel")

        self.fileLayout.addWidget(self.fileLabel)

        self.fileEdit = QLineEdit(LedgerImportDialog)
        self.fileEdit.setObjectName(u"fileEdit")

        self.fileLayout.addWidget(self.fileEdit)

        self.browseButton = QPushButton(LedgerImportDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.fileLayout.addWidget(self.browseButton)


        self.mainLayout.addLayout(self.fileLayout)

        self.skipInvalidCheck = QCheckBox(LedgerImportDialog)
        self.skipInvalidCheck.setObjectName(u"skipInvalidCheck")

        self.mainLayout.addWidget(self.skipInvalidCheck)

        self.progressBar = QProgressBar(LedgerImportDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)
        self.progressBar.setTextVisible(False)

        self.mainLayout.addWidget(self.progressBar)

        self.summaryLabel = QLabel(LedgerImportDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.summaryLabel)

        self.errorView = QTableView(LedgerImportDialog)
        self.errorView.setObjectName(u"errorView")
        self.errorView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errorView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errorView.horizontalHeader().setStretchLastSection(True)

        self.mainLayout.addWidget(self.errorView)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.reportButton = QPushButton(LedgerImportDialog)
        self.reportButton.setObjectName(u"reportButton")
        self.reportButton.setEnabled(False)

        self.buttonLayout.addWidget(self.reportButton)

        self.checkButton = QPushButton(LedgerImportDialog)
        self.checkButton.setObjectName(u"checkButton")

        self.buttonLayout.addWidget(self.checkButton)

        self.importButton = QPushButton(LedgerImportDialog)
        self.importButton.setObjectName(u"importButton")

        self.buttonLayout.addWidget(self.importButton)

        self.closeButton = QPushButton(LedgerImportDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonLayout)


        self.retranslateUi(LedgerImportDialog)

        QMetaObject.connectSlotsByName(LedgerImportDialog)
    # setupUi

    def retranslateUi(self, LedgerImportDialog):
        LedgerImportDialog.setWindowTitle(QCoreApplication.translate("LedgerImportDialog", u"\u5bfc\u5165\u53f0\u8d26", None))
        self.fileLabel.setText(QCoreApplication.translate("LedgerImportDialog", u"\u53f0\u8d26\u6587\u4ef6", None))
        self.browseButton.setText(QCoreApplication.translate("LedgerImportDialog", u"\u6d4f\u89c8\u2026", None))
        self.skipInvalidCheck.setText(QCoreApplication.translate("LedgerImportDialog", u"\u8df3\u8fc7\u6709\u9519\u8bef\u7684\u884c\uff0c\u53ea\u5bfc\u5165\u6b63\u786e\u7684\u884c\uff08\u9ed8\u8ba4\uff1a\u6709\u4efb\u4f55\u9519\u8bef\u5219\u5168\u90e8\u4e0d\u5bfc\u5165\uff09", None))
        self.summaryLabel.setText("")
        self.reportButton.setText(QCoreApplication.translate("LedgerImportDialog", u"\u5bfc\u51fa\u9519\u8bef\u6e05\u5355\u2026", None))
#if QT_CONFIG(tooltip)
        self.reportButton.setToolTip(QCoreApplication.translate("LedgerImportDialog", u"\u628a\u53f0\u8d26\u53e6\u5b58\u4e00\u4efd\uff0c\u9519\u8bef\u7684\u5355\u5143\u683c\u6807\u7ea2\u5e76\u9644\u8bf4\u660e\uff0c\u6539\u597d\u540e\u53ef\u76f4\u63a5\u518d\u5bfc\u5165", None))
#endif // QT_CONFIG(tooltip)
        self.checkButton.setText(QCoreApplication.translate("LedgerImportDialog", u"\u68c0\u67e5\uff08\u4e0d\u5bfc\u5165\uff09", None))
        self.importButton.setText(QCoreApplication.translate("LedgerImportDialog", u"\u5bfc\u5165", None))
        self.closeButton.setText(QCoreApplication.translate("LedgerImportDialog", u"\u5173\u95ed", None))
    # retranslateUi

