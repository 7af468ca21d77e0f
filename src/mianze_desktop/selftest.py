"""``mianze-desktop --self-test``: check that an installation (or the frozen bundle) works.

Loads every built-in policy pack, opens a temporary SQLite database in a temporary data
folder, creates a case under each pack, renders a PDF and exports the ledger (.xlsx) to
temporary files and reads them back, checks the bundled Chinese font, and loads the Qt
libraries the GUI uses. Prints one line per check (✓ or ✗ and what) and returns 0 when
all pass, else 1. Nothing outside the temporary folder is read or written — the user's
data folder and database settings are never touched.

It only uses ``mianze_desktop.paths`` for bundled files, so it works the same from a
source checkout, an installed wheel and the PyInstaller bundle.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, Optional, TextIO

OK, FAIL = "✓", "✗"
# characters the bundled font must draw (a sample of what documents print)
FONT_PROBE = "容错纠错尽职免责决定书申请人单位职务年月日，。（）〔〕：、一二三〇１２３"
SAMPLE_NAME = "自检样例"  # invented; never a real person
SELFTEST_USER = "自检管理员"  # an account in the temporary data folder only


class CheckFailed(Exception):
    """A check found a problem; the message says what."""


class _Report:
    def __init__(self, out: TextIO):
        self.out = out
        self.failed: list[str] = []

    def line(self, text: str) -> None:
        try:
            self.out.write(text + "\n")
            self.out.flush()
        except (OSError, ValueError):
            pass

    def run(self, title: str, fn: Callable[[], Optional[str]]) -> bool:
        start = time.perf_counter()
        try:
            detail = fn()
        except ModuleNotFoundError as exc:
            return self._fail(title, f"模块缺失 missing module: {exc.name}"
                                     + ("（该功能尚未实现或未打包）" if (exc.name or "").startswith("mianze_desktop") else ""))
        except CheckFailed as exc:
            return self._fail(title, str(exc))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a readable line
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return self._fail(title, f"{type(exc).__name__}: {_one_line(exc)} "
                                     f"({Path(where.filename).name}:{where.lineno})")
        ms = (time.perf_counter() - start) * 1000
        self.line(f"{OK} {title}" + (f"：{detail}" if detail else "") + f"  [{ms:.0f} ms]")
        return True

    def _fail(self, title: str, message: str) -> bool:
        self.failed.append(title)
        self.line(f"{FAIL} {title}：{message}")
        return False


def _one_line(exc: BaseException) -> str:
    return " | ".join(s.strip() for s in str(exc).splitlines() if s.strip()) or type(exc).__name__


def _output() -> tuple[TextIO, Optional[Path]]:
    """stdout (UTF-8) or, in a windowed executable without a console, a log file in the temp folder."""
    stream = sys.stdout
    if stream is not None:
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass
        return stream, None
    log = Path(tempfile.gettempdir()) / "mianze-desktop-selftest.log"
    return open(log, "w", encoding="utf-8"), log


class SelfTest:
    def __init__(self, work: Path):
        self.work = work
        self.data_dir = work / "data"
        self.data_dir.mkdir()
        self.packs: list = []
        self.cases: list[dict] = []  # {"pack": Pack, "id": int, "record": dict}
        self.pdfs: list[Path] = []
        self.xlsx: Optional[Path] = None
        self._service = None

    @property
    def service(self):
        if self._service is None:
            from .service import Service

            # explicit data dir and no database URL: a temporary SQLite database, never the user's
            self._service = Service(data_dir=self.data_dir, database_url=None, user="selftest")
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()

    # -- checks ------------------------------------------------------------------------------
    def bundled_files(self) -> str:
        from . import paths

        found = []
        for name, getter in (("resources", paths.resources_dir), ("ui", paths.ui_dir)):
            folder = getter()
            if not any(folder.iterdir()):
                raise CheckFailed(f"{name} folder {folder} is empty")
            found.append(str(folder))
        frozen = "打包程序 frozen" if getattr(sys, "frozen", False) else "源代码/安装包 source"
        return f"{frozen}; {found[0]}"

    def policies(self) -> str:
        from . import paths
        from .policy.loader import load_pack_file

        files = sorted(p for p in paths.policies_dir().iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise CheckFailed(f"no policy pack in {paths.policies_dir()}")
        ids: dict[str, Path] = {}
        for f in files:
            pack = load_pack_file(f)  # raises PolicyError listing FILE:LINE: field: message
            if pack.id in ids:
                raise CheckFailed(f"{f.name}: id {pack.id!r} already used by {ids[pack.id].name}")
            ids[pack.id] = f
            self.packs.append(pack)
        listed = {p.id for p in self.service.policies.list()}
        missing = sorted(set(ids) - listed)
        if missing:
            raise CheckFailed(f"the service does not list {', '.join(missing)}")
        return f"{len(files)} 个（{'、'.join(ids)}）"

    def font(self) -> str:
        from reportlab.pdfbase.ttfonts import TTFont

        from .documents import fonts

        path = fonts.bundled_path()
        if not path.is_file():
            raise CheckFailed(f"bundled font {path} not found")
        if not fonts.is_truetype_outline(str(path)):
            raise CheckFailed(f"{path.name} is not a TrueType-outline font")
        face = TTFont("MZ-selftest", str(path)).face
        missing = [c for c in FONT_PROBE if ord(c) not in face.charToGlyph]
        if missing:
            raise CheckFailed(f"{path.name} lacks {''.join(missing)}")
        return f"{path.name}（{len(face.charToGlyph)} 字符）"

    def database(self) -> str:
        cases = self.service.cases
        store = cases.store
        where = getattr(store, "where", str(self.data_dir))
        if str(self.data_dir) not in str(where):
            raise CheckFailed(f"the self-test opened {where}, not its temporary database")
        if cases.count() != 0:
            raise CheckFailed("the new temporary database is not empty")
        return f"SQLite {where}"

    def create_cases(self) -> str:
        if not self.packs:
            raise CheckFailed("no policy pack loaded")
        numbers = []
        for pack in self.packs:
            created = self.service.cases.create(sample_case(pack), policy=pack.id)
            record = self.service.cases.get(created["id"])
            if record.get("applicant") != SAMPLE_NAME or record.get("policy") != pack.id:
                raise CheckFailed(f"case {created.get('number')} read back differs: "
                                  f"applicant={record.get('applicant')!r} policy={record.get('policy')!r}")
            self.cases.append({"pack": pack, "id": created["id"], "record": record})
            numbers.append(record["number"])
        if self.service.cases.count() != len(self.packs):
            raise CheckFailed(f"expected {len(self.packs)} cases, the database holds {self.service.cases.count()}")
        return "、".join(numbers)

    def pdf(self) -> str:
        if not self.cases:
            raise CheckFailed("no case to print (creating the case failed)")
        out = []
        for case in self.cases:
            pack = case["pack"]
            doc = first_document(pack)
            if doc is None:
                raise CheckFailed(f"policy {pack.id} declares no document to print")
            path = self.work / f"{pack.id}-{doc.kind}.pdf"
            render_pdf(self.service, case["id"], doc.kind, path)
            pages = check_pdf(path)
            self.pdfs.append(path)
            out.append(f"{pack.id} {doc.title} {pages} 页")
        return "；".join(out)

    def xlsx_export(self) -> str:
        if not self.cases:
            raise CheckFailed("no case to export (creating the case failed)")
        year = dt.date.fromisoformat(self.cases[0]["record"]["applied_on"]).year
        path = self.work / f"ledger-{year}.xlsx"
        export_ledger(self.service, path, year)
        rows = check_xlsx(path, [c["record"]["number"] for c in self.cases
                                 if c["record"]["applied_on"].startswith(str(year))])
        self.xlsx = path
        return f"{path.name}（{rows}）"

    def accounts(self) -> str:
        """An account's password is hashed and checked with argon2 (its C backend must be in the bundle)."""
        from .service.permissions import AuthError

        users, password = self.service.users, "Selftest-口令-2468"
        users.add(SELFTEST_USER, "admin", password)
        try:
            users.login(SELFTEST_USER, password + "x")
        except AuthError:
            pass
        else:
            raise CheckFailed("a wrong password was accepted")
        who = users.login(SELFTEST_USER, password)
        if who.name != SELFTEST_USER:
            raise CheckFailed(f"logged in as {who.name!r}, not {SELFTEST_USER!r}")
        return f"argon2id 口令校验（{who.role_label}）"

    def qt(self) -> str:
        import importlib
        import pkgutil

        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6 import __version__ as qt_version
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "mianze-desktop"])
        from . import gui, paths

        # every GUI module imports: no Qt module the app needs was left out of the bundle
        names = [m.name for m in pkgutil.walk_packages(gui.__path__, gui.__name__ + ".")]
        for name in names:
            importlib.import_module(name)
        icon_file = paths.resources_dir() / "icons" / "app.png"
        if not icon_file.is_file() or QIcon(str(icon_file)).isNull():
            raise CheckFailed(f"application icon {icon_file} missing or unreadable (imageformats plugin?)")
        detail = f"PySide6 {qt_version}, {app.platformName()}, {len(names)} 个界面模块"
        if self.pdfs:
            from PySide6.QtCore import QSize
            from PySide6.QtPdf import QPdfDocument

            doc = QPdfDocument()
            doc.load(str(self.pdfs[0]))
            if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
                raise CheckFailed(f"QtPdf cannot open {self.pdfs[0].name} (status {doc.status()})")
            image = doc.render(0, QSize(420, 594))
            if image.isNull() or _blank(image):
                raise CheckFailed(f"QtPdf rendered a blank page from {self.pdfs[0].name}")
            detail += f", 打印预览可显示 {doc.pageCount()} 页"
        return detail


def _blank(image) -> bool:
    """True when the rendered page (transparent where nothing is drawn) shows nothing on white."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    gray = page.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())[: gray.sizeInBytes()]
    return min(data) > 200  # no dark pixel: no text, no ruling


# -- helpers that know the service API; kept together so an API change is one edit ------------
def sample_case(pack) -> dict:
    """An application every pack accepts: each declared field filled by its type (invented text)."""
    today = dt.date.today()
    day = today if pack.is_valid_on(today) else pack.valid_from
    form = {}
    for f in pack.application_form:
        if f.type == "date":
            form[f.id] = day.isoformat()
        elif f.type == "choice":
            form[f.id] = f.choices[0]
        elif f.type == "number":
            form[f.id] = 1
        elif f.type in ("person",):
            form[f.id] = SAMPLE_NAME
        elif f.type == "unit":
            form[f.id] = "自检样例单位"
        else:
            form[f.id] = f"自检样例{f.label}"[: f.max_length or 200]
    data = {"form": form, "applicant": SAMPLE_NAME, "unit": "自检样例乡镇民政办", "position": "经办人员",
            "applied_on": day.isoformat()}
    if pack.scope.tiers:
        data["tier"] = pack.scope.tiers[0]
    if pack.scope.work_types:
        data["work_type"] = pack.scope.work_types[0]
    return data


def first_document(pack):
    """The first document that prints from the application (the case has no decision yet)."""
    docs = list(pack.documents)
    return next((d for d in docs if d.source == "application"), docs[0] if docs else None)


def render_pdf(service, case_id: int, kind: str, path: Path) -> None:
    service.documents.render_case(case_id, kind, path)


def export_ledger(service, path: Path, year: int) -> None:
    service.ledger.export(year, out_path=path)


def check_pdf(path: Path) -> int:
    """The file is a PDF with at least one page; returns the page count."""
    if not path.is_file():
        raise CheckFailed(f"{path.name} was not written")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(f"{path.name} does not start with %PDF- ({data[:8]!r})")
    if b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{path.name} is truncated (no %%EOF)")
    import re

    # ReportLab writes page objects uncompressed; QtPdf re-reads the file in the Qt check
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    if pages < 1:
        raise CheckFailed(f"{path.name} has no pages")
    return pages


def check_xlsx(path: Path, numbers: list[str]) -> str:
    """The workbook reopens with openpyxl and lists every case number."""
    if not path.is_file():
        raise CheckFailed(f"{path.name} was not written")
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        cells = set()
        total = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                total += 1
                cells.update(str(v) for v in row if v is not None)
        sheets = len(wb.worksheets)
    finally:
        wb.close()
    missing = [n for n in numbers if n not in cells]
    if missing:
        raise CheckFailed(f"{path.name} lacks case(s) {', '.join(missing)}")
    return f"{sheets} 个工作表, {total} 行"


def run(argv: Optional[list[str]] = None) -> int:
    """Run every check; 0 when all pass, else 1 (the failures are listed)."""
    out, log = _output()
    report = _Report(out)
    from . import __version__

    report.line(f"mianze-desktop {__version__} 自检 self-test（{sys.platform}, Python {sys.version.split()[0]}）")
    with tempfile.TemporaryDirectory(prefix="mianze-selftest-", ignore_cleanup_errors=True) as tmp:
        test = SelfTest(Path(tmp))
        try:
            report.run("程序文件 bundled resources", test.bundled_files)
            report.run("政策包 policy packs", test.policies)
            report.run("内置中文字体 bundled CJK font", test.font)
            report.run("临时数据库 temporary database", test.database)
            report.run("新建案件 create case", test.create_cases)
            report.run("生成 PDF 文书 render PDF", test.pdf)
            report.run("导出 Excel 台账 export xlsx", test.xlsx_export)
            report.run("用户口令 accounts", test.accounts)  # last: from here on the data folder needs a login
            report.run("Qt 界面组件 Qt GUI libraries", test.qt)
        finally:
            test.close()
    if report.failed:
        report.line(f"{FAIL} 自检未通过 self-test FAILED: {len(report.failed)} 项 — {'; '.join(report.failed)}")
        code = 1
    else:
        report.line(f"{OK} 自检通过 self-test passed")
        code = 0
    if log is not None:
        out.close()
    return code


if __name__ == "__main__":
    sys.exit(run())
