# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'print_preview.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PrintPreview(object):
    def setupUi(self, PrintPreview):
        if not PrintPreview.objectName():
            PrintPreview.setObjectName(u"PrintPreview")
        PrintPreview.resize(820, 900)
        self.mainLayout = QVBoxLayout(PrintPreview)
        self.mainLayout.setObjectName(u"mainLayout")
        self.toolLayout = QHBoxLayout()
        self.toolLayout.setObjectName(u"toolLayout")
        self.titleLabel = QLabel(PrintPreview)
        self.titleLabel.setObjectName(u"titleLabel")

        self.toolLayout.addWidget(self.titleLabel)

        self.toolSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolLayout.addItem(self.toolSpacer)

        self.zoomOutButton = QPushButton(PrintPreview)
        self.zoomOutButton.setObjectName(u"zoomOutButton")

        self.toolLayout.addWidget(self.zoomOutButton)

        self.zoomInButton = QPushButton(PrintPreview)
        self.zoomInButton.setObjectName(u"zoomInButton")

        self.toolLayout.addWidget(self.zoomInButton)

        self.fitButton = QPushButton(PrintPreview)
        self.fitButton.setObjectName(u"fitButton")

        self.toolLayout.addWidget(self.fitButton)

        self.printButton = QPushButton(PrintPreview)
        self.printButton.setObjectName(u"printButton")

        self.toolLayout.addWidget(self.printButton)

        self.saveButton = QPushButton(PrintPreview)
        self.saveButton.setObjectName(u"saveButton")

        self.toolLayout.addWidget(self.saveButton)

        self.openExternalButton = QPushButton(PrintPreview)
        self.openExternalButton.setObjectName(u"openExternalButton")

        self.toolLayout.addWidget(self.openExternalButton)

        self.closeButton = QPushButton(PrintPreview)
        self.closeButton.setObjectName(u"closeButton")

        self.toolLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.toolLayout)

        self.viewHost = QWidget(PrintPreview)
        self.viewHost.setObjectName(u"viewHost")
        self.viewLayout = QVBoxLayout(self.viewHost)
        self.viewLayout.setObjectName(u"viewLayout")
        self.viewLayout.setContentsMargins(0, 0, 0, 0)

        self.mainLayout.addWidget(self.viewHost)

        self.pageLabel = QLabel(PrintPreview)
        self.pageLabel.setObjectName(u"pageLabel")

        self.mainLayout.addWidget(self.pageLabel)


        self.retranslateUi(PrintPreview)

        QMetaObject.connectSlotsByName(PrintPreview)
    # setupUi

    def retranslateUi(self, PrintPreview):
        PrintPreview.setWindowTitle(QCoreApplication.translate("PrintPreview", u"\u6253\u5370\u9884\u89c8", None))
        self.titleLabel.setText("")
        self.zoomOutButton.setText(QCoreApplication.translate("PrintPreview", u"\u7f29\u5c0f", None))
        self.zoomInButton.setText(QCoreApplication.translate("PrintPreview", u"\u653e\u5927", None))
        self.fitButton.setText(QCoreApplication.translate("PrintPreview", u"\u9002\u5408\u5bbd\u5ea6", None))
        self.printButton.setText(QCoreApplication.translate("PrintPreview", u"\u6253\u5370\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("PrintPreview", u"\u53e6\u5b58\u4e3a PDF\u2026", None))
        self.openExternalButton.setText(QCoreApplication.translate("PrintPreview", u"\u7528\u7cfb\u7edf\u7a0b\u5e8f\u6253\u5f00", None))
        self.closeButton.setText(QCoreApplication.translate("PrintPreview", u"\u5173\u95ed", None))
        self.pageLabel.setText("")
    # retranslateUi

