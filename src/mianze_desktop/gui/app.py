"""``mianze-desktop``: start the desktop app.

    mianze-desktop [--data-dir DIR] [--database-url URL] [--load-samples] [--self-test]

Start-up stays lean (no ReportLab/openpyxl; the case list reads one page). An empty
data folder shows the first-run setup; a second start on the same data folder
brings the running window forward instead.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
from pathlib import Path
from typing import Optional

T0 = time.perf_counter()
log = logging.getLogger("mianze_desktop.gui")


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="mianze-desktop", description="社会救助容错纠错 / 尽职免责案件管理")
    p.add_argument("--data-dir", help="数据文件夹（数据库、附件、备份）")
    p.add_argument("--database-url", help="PostgreSQL 地址，如 postgresql://user@host/db（默认使用数据文件夹中的 SQLite）")
    p.add_argument("--load-samples", action="store_true", help="载入示例案件")
    p.add_argument("--self-test", action="store_true", help="运行自检后退出")
    p.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)  # tests and benchmarks
    args, _qt_args = p.parse_known_args(argv)
    return args


def is_first_run(data_dir: Path) -> bool:
    return not data_dir.exists() or not any(data_dir.iterdir())


class AppContext:
    """Everything one running app holds; ``start()`` builds it without entering the event loop."""

    def __init__(self, args, data_dir: Path):
        self.args = args
        self.data_dir = data_dir
        self.app = None
        self.service = None
        self.state = None
        self.window = None
        self.first_run_dialog = None
        self.login_dialog = None  # issue 9 (gui/login.py)
        self.instance = None
        self.exit_code: Optional[int] = None
        self._session = None

    # -- service ----------------------------------------------------------
    def open_service(self) -> None:
        from ..service import Service

        self.service = Service(self.data_dir, database_url=self.args.database_url)
        # Keep the UI thread's models bound to this database for the app's lifetime (the store binds them
        # per thread and per call; worker threads bind their own): the UI thread's calls then skip the
        # rebinding, and nothing it runs between calls ever meets an unbound model.
        self._session = self.service.cases.store.session()
        self._session.__enter__()

    def close(self) -> None:
        from PySide6.QtCore import QThreadPool

        for widget in (self.window, self.first_run_dialog):
            try:
                if widget is not None and widget.isVisible():
                    widget.close()
            except RuntimeError:  # already deleted by Qt
                pass
        QThreadPool.globalInstance().waitForDone(10000)
        if self._session is not None:
            try:
                self._session.__exit__(None, None, None)
            except Exception:
                pass
            self._session = None
        if self.service is not None:
            self.service.close()
        if self.instance is not None:
            self.instance.release()

    # -- windows ----------------------------------------------------------
    def show_main(self):
        from PySide6.QtCore import QTimer

        from .main_window import MainWindow

        samples_error = None
        if self.args.load_samples:
            from ..service.errors import ServiceError

            try:
                self.service.cases.load_samples()
            except ServiceError as exc:  # the app still opens; the message says why there are no samples
                samples_error = exc
        self.window = MainWindow(self.service, self.state)
        from .users import install_user_menu  # issue 9: 工具 → 用户管理, the user in the status bar

        install_user_menu(self.window, self.service)
        self.window.show()
        if self.instance is not None:
            self.instance.activated.connect(self._bring_forward)
            self.window.first_painted.connect(lambda: QTimer.singleShot(0, self.instance.listen))  # after the paint
        self._report_when_shown(self.window)
        if samples_error is not None:
            from .crash import show_error

            show_error(self.window, samples_error, title="载入示例案件失败")
        return self.window

    def show_first_run(self):
        from .first_run import FirstRunDialog

        dialog = FirstRunDialog(self.service)
        self.first_run_dialog = dialog

        def accepted():
            self.state.setup_done = True
            self.state.sync()
            if dialog.load_samples_requested():
                self.args.load_samples = True
            self.show_main()

        def rejected():
            self.app.quit()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.show()
        self._report_when_shown(dialog)
        return dialog

    def _bring_forward(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def _report_when_shown(self, widget) -> None:
        if not self.args.exit_when_shown:
            return
        from PySide6.QtCore import QTimer

        def report():
            info = {"shown": widget.objectName(), "seconds": time.perf_counter() - T0}
            model = getattr(widget, "model", None)
            if model is not None and hasattr(model, "rowCount"):
                info["rows"] = model.rowCount()
            print(json.dumps(info, ensure_ascii=False), flush=True)
            QTimer.singleShot(0, widget.close)  # closing the last window ends the event loop

        if hasattr(widget, "first_painted"):
            widget.first_painted.connect(report)
        else:
            QTimer.singleShot(0, report)


def start(argv=None) -> AppContext:
    """Build the app (QApplication, service, first window) without running the event loop."""
    args = parse_args(argv)
    from .. import paths

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1] if argv is not None else sys.argv)
    app.setApplicationName("mianze_desktop")
    app.setApplicationDisplayName("容错纠错案件管理")
    app.setOrganizationName("mianze")
    app.setQuitOnLastWindowClosed(True)
    if args.data_dir:
        data_dir = Path(args.data_dir).expanduser()
    else:
        import os

        from .state import saved_data_dir

        chosen = "" if os.environ.get("MIANZE_DATA_DIR") else saved_data_dir()
        data_dir = Path(chosen) if chosen else paths.default_data_dir()
    first_run = is_first_run(data_dir)
    ctx = AppContext(args, data_dir)
    ctx.app = app
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fatal(f"无法创建数据文件夹 {data_dir}：{exc.strerror or exc}")
        ctx.exit_code = 2
        return ctx
    from .crash import setup_logging
    from .single_instance import SingleInstance
    from .state import UiState

    ctx.instance = SingleInstance(data_dir)
    if not ctx.instance.acquire():
        from PySide6.QtCore import QLockFile

        if ctx.instance.lock.error() == QLockFile.LockError.PermissionError:  # not "already running"
            _fatal(f"数据文件夹 {data_dir} 不可写（只读或没有权限），无法打开；请选择可写的文件夹或联系管理员")
            ctx.exit_code = 2
            return ctx
        ctx.instance.notify_running()
        ctx.exit_code = 0
        return ctx
    setup_logging(data_dir)
    from .fonts import apply_app_font, register_fonts

    apply_app_font(app, register_fonts())
    _install_translations(app)
    _set_icon(app)
    ctx.state = UiState(data_dir)
    from ..service.errors import ServiceError

    def opened() -> None:
        proceed = ctx.show_first_run if first_run or not ctx.state.setup_done else ctx.show_main
        if ctx.service.users.has_accounts():  # issue 9: a data folder with accounts asks for a login first
            from .login import login_first

            if login_first(ctx, proceed):
                return
        proceed()

    try:
        ctx.open_service()
    except ServiceError as exc:
        from .recovery import offer_recovery  # a damaged database file: offer the newest good backup

        if not offer_recovery(ctx, exc, opened):
            _fatal(f"无法打开数据库：{exc}")
            ctx.exit_code = 2
        return ctx
    opened()
    return ctx


def _install_translations(app) -> None:
    """Qt's own Chinese strings (确定/取消, file dialogs, context menus): bundled ones first, then PySide6's."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from .. import paths

    folders = []
    try:
        folders.append(str(paths.resources_dir() / "translations"))
    except FileNotFoundError:
        pass
    folders.append(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    for folder in folders:
        translator = QTranslator(app)
        if translator.load(locale, "qt", "_", folder):
            app.installTranslator(translator)
            return


def _set_icon(app) -> None:
    from .. import paths

    try:
        icon = paths.resources_dir() / "icons" / "app.png"
    except FileNotFoundError:
        return
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))


def _fatal(message: str) -> None:
    log.error("start-up failed")
    print(f"mianze-desktop: {message}", file=sys.stderr)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None and "--exit-when-shown" not in sys.argv:
        QMessageBox.critical(None, "无法启动", message)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.self_test:
        if importlib.util.find_spec("mianze_desktop.selftest") is None:
            print("mianze-desktop: this build has no self-test", file=sys.stderr)
            return 2
        from .. import selftest

        return int(selftest.run() or 0)
    # (peewee comes without the PostgreSQL driver, which is imported when a PostgreSQL database is opened:
    # store/pg_driver.py.) Import the Qt-free core before PySide6: once PySide6 is loaded, its import hook reads the source
    # of every module imported after it (shibokensupport's feature check), which costs start-up time.
    import mianze_desktop.service.cases  # noqa: F401

    ctx = start(argv)
    if ctx.exit_code is not None:
        ctx.close()
        return ctx.exit_code
    from .crash import install_excepthook

    install_excepthook(lambda: ctx.window or ctx.first_run_dialog)
    try:
        return ctx.app.exec()
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
