"""The Windows installer and the bundle: the Inno Setup script refers only to what the PyInstaller
spec produces, the version everywhere comes from pyproject.toml, the Qt trimming keeps what the
app imports, and `mianze-desktop --self-test` passes (and reports a failure as one)."""
from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"
SPEC = INSTALLER / "mianze-desktop.spec"
ISS = INSTALLER / "mianze-desktop.iss"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_installer_{name}", INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


buildinfo = _load("buildinfo")
qt_trim = _load("qt_trim")


# -- the spec, read without running PyInstaller ----------------------------------------------------
class SpecModel:
    """Top-level assignments and the EXE/COLLECT calls of the spec, with names resolved to
    constants or buildinfo attributes."""

    def __init__(self, path: Path):
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.assigns: dict[str, ast.expr] = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.assigns[node.targets[0].id] = node.value

    def value(self, expr: ast.expr):
        """A string constant, a buildinfo.X attribute, or a name bound to one: the first inside ``expr``
        that resolves (``str(ROOT / buildinfo.ICON_ICO)`` -> buildinfo.ICON_ICO)."""
        for node in ast.walk(expr):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                return node.value
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "buildinfo":
                return getattr(buildinfo, node.attr)
            if isinstance(node, ast.Name) and node.id in self.assigns:
                try:
                    return self.value(self.assigns[node.id])
                except LookupError:
                    continue
        raise LookupError(f"cannot resolve {ast.unparse(expr)} in the spec")

    def calls(self, func: str) -> list[dict[str, ast.expr]]:
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func:
                found.append({k.arg: k.value for k in node.keywords})
        return found

    def list_of_strings(self, name: str) -> list[str]:
        return [e.value for e in self.assigns[name].elts]


@pytest.fixture(scope="module")
def spec() -> SpecModel:
    return SpecModel(SPEC)


@pytest.fixture(scope="module")
def produced(spec) -> dict:
    """What the spec builds: the dist folder, the executables (Windows names), the icon."""
    exes = spec.calls("EXE")
    collects = spec.calls("COLLECT")
    assert len(exes) == 2 and len(collects) == 1, "the spec should build two executables in one folder"
    for exe in exes:
        # PyInstaller 6 puts everything but the executables in _internal unless told otherwise
        assert "contents_directory" not in exe
    names = [spec.value(e["name"]) for e in exes]
    icons = {spec.value(e["icon"]) for e in exes}
    assert len(icons) == 1
    return {"folder": spec.value(collects[0]["name"]), "exes": {f"{n}.exe" for n in names},
            "icon": icons.pop(), "contents": "_internal"}


# -- the Inno Setup script -------------------------------------------------------------------------
def _iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def iss_defines(text: str) -> dict[str, str]:
    """String #defines (not the conditional ones inside #ifndef blocks, which are expressions)."""
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"\s*$', text, re.M))


def iss_section(text: str, name: str) -> list[str]:
    lines, current = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            continue
        if current == name and line and not line.startswith(";"):
            lines.append(line)
    return lines


def iss_entries(text: str, section: str) -> list[dict[str, str]]:
    """[Files]/[Icons]/[Run] lines as {param: value} with {#Define}s expanded."""
    defines = iss_defines(text)

    def expand(value: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)

    entries = []
    for line in iss_section(text, section):
        params = dict(re.findall(r'(\w+):\s*("[^"]*"|[^;]+)', line))
        entries.append({k: expand(v.strip().strip('"')) for k, v in params.items()})
    return entries


def iss_setup(text: str) -> dict[str, str]:
    defines = iss_defines(text)
    values = {}
    for line in iss_section(text, "Setup"):
        key, _, value = line.partition("=")
        values[key.strip()] = re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value.strip())
    return values


def test_iss_files_come_from_the_spec_output(produced):
    text = _iss_text()
    dist_prefix = "..\\dist\\" + produced["folder"] + "\\"
    files = iss_entries(text, "Files")
    assert files, "no [Files] entries"
    sources = set()
    for entry in files:
        source = entry["Source"]
        assert source.startswith(dist_prefix), f"{source}: not from the PyInstaller folder {dist_prefix}"
        sources.add(source[len(dist_prefix):])
    allowed = produced["exes"] | {produced["contents"] + "\\*"}
    assert sources <= allowed, f"the .iss installs files the spec does not build: {sources - allowed}"
    assert produced["exes"] <= sources and produced["contents"] + "\\*" in sources, "part of the bundle is not installed"
    contents = [e for e in files if e["Source"].endswith("\\*")][0]
    assert "recursesubdirs" in contents["Flags"] and contents["DestDir"] == "{app}\\" + produced["contents"]


def test_iss_shortcuts_and_run_point_at_built_executables(produced):
    text = _iss_text()
    targets = [e["Filename"] for s in ("Icons", "Run") for e in iss_entries(text, s)]
    assert targets
    for target in targets:
        if target == "{uninstallexe}":
            continue
        assert target.startswith("{app}\\"), target
        assert target[len("{app}\\"):] in produced["exes"], f"{target} is not built by the spec"
    gui = f"{buildinfo.APP_NAME}.exe"
    icons = iss_entries(text, "Icons")
    assert any(e["Name"].startswith("{group}\\") and e["Filename"] == "{app}\\" + gui for e in icons)
    desktop = [e for e in icons if e["Name"].startswith("{autodesktop}\\")]
    assert desktop and all(e.get("Tasks") == "desktopicon" for e in desktop)
    tasks = iss_entries(text, "Tasks")
    assert [t["Name"] for t in tasks] == ["desktopicon"] and "unchecked" in tasks[0]["Flags"]


def test_iss_setup_icon_and_per_user_install(produced):
    setup = iss_setup(_iss_text())
    icon = (INSTALLER / setup["SetupIconFile"].replace("\\", "/")).resolve()
    assert icon == (REPO / produced["icon"]).resolve() and icon.is_file()
    assert setup["UninstallDisplayIcon"] == "{app}\\" + f"{buildinfo.APP_NAME}.exe"
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs\\")
    assert re.fullmatch(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["OutputDir"] == "..\\dist"


def test_iss_keeps_user_data_unless_asked():
    text = _iss_text()
    defines = iss_defines(text)
    from mianze_desktop import paths

    # the folder the uninstaller offers to delete is the one the app uses (platformdirs, no author)
    assert defines["DataDirName"] == paths.APP_NAME
    assert "ExpandConstant('{localappdata}\\{#DataDirName}')" in text
    for entry in iss_entries(text, "UninstallDelete"):
        assert "DataDirName" not in entry["Name"] and "{localappdata}" not in entry["Name"]
    code = text[text.index("[Code]"):]
    assert "是否同时删除所有案件数据？" in code and "MB_DEFBUTTON2" in code  # default: No
    assert "UninstallSilent" in code  # a silent uninstall keeps the data


def test_version_comes_from_pyproject(spec):
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    section = re.search(r"^\[project\]\s*$(.*?)(?=^\[)", text, re.M | re.S).group(1)
    declared = re.search(r'^version\s*=\s*"([^"]+)"', section, re.M).group(1)
    assert buildinfo.version() == declared
    from mianze_desktop import __version__

    assert __version__ == declared, "mianze_desktop.__version__ differs from pyproject.toml"
    # the spec reads it through buildinfo; the .iss only takes it from the command line
    assert ast.unparse(spec.assigns["VERSION"]) == "buildinfo.version()"
    iss = _iss_text()
    assert iss_setup(iss)["AppVersion"] == "{#AppVersion}"
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", iss, re.M)
    assert declared not in iss, "the .iss must not hard-code the version"
    ps1 = (INSTALLER / "build-windows.ps1").read_text(encoding="ascii")  # ASCII: PowerShell 5.1 safe
    assert "installer\\buildinfo.py version" in ps1 and '"/DAppVersion=$Version"' in ps1
    assert "installer\\mianze-desktop.spec" in ps1 and "installer\\mianze-desktop.iss" in ps1
    assert "mianze-desktop.exe" in ps1 and "--self-test" in ps1


def test_windows_version_resource_matches_pyproject():
    """The version file PyInstaller embeds on Windows, evaluated the way PyInstaller does (eval of
    constructor calls), here with recording stand-ins for its classes."""
    recorded: dict = {}

    def make(name):
        def ctor(*args, **kwargs):
            recorded.setdefault(name, []).append((args, kwargs))
            return (name, args, kwargs)
        return ctor

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct"]
    eval(buildinfo.windows_version_text(), {n: make(n) for n in names})  # noqa: S307 - our own generated text
    ffi = recorded["FixedFileInfo"][0][1]
    assert ffi["filevers"] == ffi["prodvers"] == buildinfo.version_tuple() == (
        tuple(int(n) for n in buildinfo.version().split(".")) + (0, 0, 0, 0))[:4]
    strings = {args[0]: args[1] for args, _ in recorded["StringStruct"]}
    assert strings["FileVersion"] == strings["ProductVersion"] == buildinfo.version()
    assert strings["OriginalFilename"] == f"{buildinfo.APP_NAME}.exe"
    assert buildinfo.version_tuple("1.2.0rc1") == (1, 2, 0, 0)


# -- Qt trimming -----------------------------------------------------------------------------------
def _qt_modules_imported_by_the_app() -> set[str]:
    found = set()
    for path in (REPO / "src" / "mianze_desktop").rglob("*.py"):
        found.update(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return found


def test_excluded_qt_modules_are_not_imported_by_the_app(spec):
    unused = set(spec.list_of_strings("UNUSED_QT"))
    used = _qt_modules_imported_by_the_app()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not used & unused, f"the spec excludes Qt modules the app imports: {sorted(used & unused)}"


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "PySide6/Qt/lib/libQt6DBus.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6", "PySide6/Qt/lib/libicudata.so.73", "PySide6/Qt6Core.dll",
    "PySide6/Qt6Pdf.dll", "PySide6/Qt6PdfWidgets.dll", "PySide6/Qt6PrintSupport.dll",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/plugins/printsupport/windowsprintersupport.dll", "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/plugins/imageformats/qico.dll", "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/Qt/translations/qtbase_zh_CN.qm", "PySide6/translations/qt_zh_CN.qm", "resources/policies/x.yaml",
])
def test_qt_trim_keeps_what_the_app_needs(dest):
    assert qt_trim.keep(dest)
    assert qt_trim.keep(dest.replace("/", "\\"))


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt6WebEngineCore.dll",
    "PySide6/Qt/lib/libQt63DRender.so.6", "PySide6/Qt6Multimedia.dll", "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/opengl32sw.dll", "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so", "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qt_help_zh_CN.qm",
    "PySide6/Qt/qml/QtQuick/qmldir",
])
def test_qt_trim_leaves_out_unused_files(dest):
    assert not qt_trim.keep(dest)
    assert not qt_trim.keep(dest.replace("/", "\\"))


# -- the self-test -----------------------------------------------------------------------------------
def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8",
               MIANZE_DATA_DIR=str(tmp_path / "user-data"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          env=env, cwd=tmp_path, timeout=300)


def test_self_test_passes(tmp_path):
    proc = _run("import sys; from mianze_desktop.gui.app import main; sys.exit(main(['--self-test']))", tmp_path)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    checks = [line for line in out.splitlines() if line[:1] in "✓✗"]
    assert len(checks) >= 10 and all(line.startswith("✓") for line in checks), out
    for what in ("policy packs", "temporary database", "create case", "render PDF", "export xlsx",
                 "accounts", "bundled CJK font", "Qt GUI libraries"):
        assert any(what in line for line in checks), f"no check line for {what}:\n{out}"
    assert "自检通过" in checks[-1]
    # only temporary files: the user's data folder (MIANZE_DATA_DIR) was never created
    assert not (tmp_path / "user-data").exists()


def test_self_test_reports_a_failure(tmp_path):
    """A missing bundled font (a real missing file, as in a broken bundle) fails the self-test with
    a line saying what, and exit code 1; the other checks still run."""
    code = ("import sys; from pathlib import Path; import mianze_desktop.documents.fonts as f; "
            "f.bundled_path = lambda: Path('/nonexistent/MianzeKai-GB2312.ttf'); "
            "from mianze_desktop import selftest; sys.exit(selftest.run())")
    proc = _run(code, tmp_path)
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    failed = [line for line in out.splitlines() if line.startswith("✗")]
    assert any("bundled CJK font" in line and "/nonexistent/MianzeKai-GB2312.ttf not found" in line
               for line in failed), out
    assert any("policy packs" in line for line in out.splitlines() if line.startswith("✓"))
    assert "自检未通过" in failed[-1]


def test_built_bundle_has_what_the_installer_installs(produced):
    """After scripts/build-bundle.sh (CI runs it after the tests): the files the .iss installs exist
    (Linux executables have no .exe)."""
    folder = REPO / "dist" / produced["folder"]
    if not folder.is_dir():
        pytest.skip(f"{folder} not built (scripts/build-bundle.sh builds it)")
    suffix = ".exe" if sys.platform == "win32" else ""
    for exe in produced["exes"]:
        assert (folder / (exe[:-4] + suffix)).is_file(), exe
    internal = folder / produced["contents"]
    assert (internal / "resources" / "policies").is_dir() and (internal / "ui").is_dir()
    assert (internal / "resources" / "icons" / "app.png").is_file()


# -- the Linux bundle's size and what its trimming must not break ----------------------------------------
BUNDLE_LIMIT_MB = 120  # issue #8: the one-folder bundle must stay <= 120 MB (MiB, as build-bundle.sh prints)


def _linux_bundle() -> Path:
    folder = REPO / "dist" / buildinfo.APP_NAME
    if not sys.platform.startswith("linux") or not (folder / buildinfo.APP_NAME).is_file():
        pytest.skip(f"{folder} not built (scripts/build-bundle.sh builds it)")
    return folder


def test_built_bundle_is_within_the_size_limit():
    folder = _linux_bundle()
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert (total + 524288) // 1048576 <= BUNDLE_LIMIT_MB, f"{folder}: {total / 1048576:.1f} MB"


def test_built_bundle_cli_loads_the_postgresql_driver(tmp_path):
    """psycopg imports ssl (Python's OpenSSL, shared with libpq's in the bundle): against a closed
    port the bundled CLI must fail to *connect*, not report the driver missing."""
    folder = _linux_bundle()
    proc = subprocess.run([str(folder / buildinfo.CLI_NAME), "--data-dir", str(tmp_path), "--database-url",
                           "postgresql://nobody@127.0.0.1:1/nodb", "case", "list"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "cannot connect to PostgreSQL" in proc.stderr and "not installed" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("name, kept", [
    ("icudt73l/coll/zh.res", True), ("icudt73l/coll/ucadata.icu", True), ("icudt73l/zh_Hans_CN.res", True),
    ("icudt73l/en_001.res", True), ("icudt73l/root.res", True), ("icudt73l/res_index.res", True),
    ("icudt73l/zone/pool.res", True), ("icudt73l/zoneinfo64.res", True), ("icudt73l/supplementalData.res", True),
    ("icudt73l/gb18030.cnv", True), ("icudt73l/ibm-1386_P100-2001.cnv", True), ("icudt73l/cnvalias.icu", True),
    ("icudt73l/brkitr/word.brk", True),
    ("icudt73l/coll/de.res", False), ("icudt73l/fr_CA.res", False), ("icudt73l/lang/ja.res", False),
    ("icudt73l/translit/root.res", False), ("icudt73l/brkitr/cjdict.dict", False),
    ("icudt73l/ibm-943_P15A-2003.cnv", False),
])
def test_icu_trim_keeps_chinese_english_and_non_locale_data(name, kept):
    icu_trim = _load("icu_trim")
    size = 50_000 if name.endswith(".cnv") else 1000
    assert icu_trim.keep_item(name, size) is kept


def test_icu_trim_rebuilds_a_readable_common_data_blob():
    icu_trim = _load("icu_trim")
    import struct

    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) + b"CmnD" + b"\0" * 16
    items = [("icudt73l/a.res", b"A" * 20), ("icudt73l/b.cnv", b"B" * 7)]
    back_header, back = icu_trim.parse(icu_trim.build(header, items))
    assert back_header == header
    assert [(n, d[: len(items[i][1])]) for i, (n, d) in enumerate(back)] == items


def test_linux_libs_prune_keeps_extensions_and_drops_host_and_unlinked_libraries(tmp_path):
    linux_libs = _load("linux_libs")
    linux_libs.needed = lambda path: {"ext": ["liba.so.1"], "a": ["libb.so.1"]}.get(Path(path).name, [])
    for name in ("ext", "a", "b", "orphan", "cups", "top_ext"):
        (tmp_path / name).write_bytes(b"")
    toc = [("pkg/ext.so", str(tmp_path / "ext"), "EXTENSION"), ("liba.so.1", str(tmp_path / "a"), "BINARY"),
           ("libb.so.1", str(tmp_path / "b"), "BINARY"), ("liborphan.so.2", str(tmp_path / "orphan"), "BINARY"),
           ("libcups.so.2", str(tmp_path / "cups"), "BINARY"),
           ("_cffi_backend.cpython-311-x86_64-linux-gnu.so", str(tmp_path / "top_ext"), "EXTENSION")]
    kept = {e[0] for e in linux_libs.prune(toc, log=lambda _: None)}
    assert kept == {"pkg/ext.so", "liba.so.1", "libb.so.1", "_cffi_backend.cpython-311-x86_64-linux-gnu.so"}
