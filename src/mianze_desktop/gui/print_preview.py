"""Print preview of a rendered PDF (QtPdf): print through QPrintDialog, save a copy,
or open it in the system's PDF viewer. The view shows white pages on a white ground."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QFileDialog

from .forms.ui_print_preview import Ui_PrintPreview


class PrintPreview(QDialog):
    def __init__(self, pdf_path: Path | str, title: str = "", parent=None, suggested_name: str = ""):
        super().__init__(parent)
        self.ui = Ui_PrintPreview()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.pdf_path = Path(pdf_path)
        self.suggested_name = suggested_name or self.pdf_path.name
        self.setWindowTitle(f"打印预览 — {title}" if title else "打印预览")
        self.ui.titleLabel.setText(title)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        pal = self.view.palette()
        for role in (QPalette.ColorRole.Dark, QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            pal.setColor(role, QColor("white"))
        self.view.setPalette(pal)
        self.view.viewport().setAutoFillBackground(True)
        self.view.viewport().setPalette(pal)
        self.ui.viewLayout.addWidget(self.view)
        self.ui.zoomInButton.clicked.connect(lambda: self._zoom(1.25))
        self.ui.zoomOutButton.clicked.connect(lambda: self._zoom(0.8))
        self.ui.fitButton.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.ui.printButton.clicked.connect(self.print_dialog)
        self.ui.saveButton.clicked.connect(self.save_as)
        self.ui.openExternalButton.clicked.connect(self.open_external)
        self.ui.closeButton.clicked.connect(self.close)
        self.load()

    def load(self) -> bool:
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            self.ui.pageLabel.setText(f"无法打开 {self.pdf_path.name}：{error.name}")
            return False
        self.view.setDocument(self.document)
        self.ui.pageLabel.setText(f"共 {self.document.pageCount()} 页")
        return True

    def page_count(self) -> int:
        return self.document.pageCount()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    # -- printing ---------------------------------------------------------
    def print_dialog(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer) -> bool:
        """Draw every page (or the dialog's page range) at the printer's resolution."""
        from PySide6.QtPrintSupport import QPrinter

        count = self.page_count()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(count, printer.toPage() or count)
        painter = QPainter()
        if not painter.begin(printer):
            self.ui.pageLabel.setText("打印机无法开始打印")
            return False
        try:
            dpi = printer.resolution()
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                page = number - 1
                pts = self.document.pagePointSize(page)
                size = QSize(round(pts.width() / 72 * dpi), round(pts.height() / 72 * dpi))
                image = self.document.render(page, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
                painter.setWindow(target)
        finally:
            painter.end()
        self.ui.pageLabel.setText(f"已送打印：第 {first}–{last} 页")
        return True

    # -- files ------------------------------------------------------------
    def save_as(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", self.suggested_name, "PDF 文件 (*.pdf)")
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return self.save_to(path)

    def save_to(self, path: str) -> str:
        try:
            shutil.copyfile(self.pdf_path, path)
        except OSError as exc:
            self.ui.pageLabel.setText(f"保存失败：{exc.strerror or exc}")
            return ""
        self.ui.pageLabel.setText(f"已保存：{path}")
        return path

    def open_external(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path)))

    def closeEvent(self, event):
        self.document.close()  # releases the file (Windows keeps open files locked)
        super().closeEvent(event)
