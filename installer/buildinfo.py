"""Build facts shared by the PyInstaller spec, the Windows build script and the tests.

The version comes from pyproject.toml (the one place it is written). Run as a script:

    python installer/buildinfo.py version            # 0.1.0
    python installer/buildinfo.py file-version       # 0.1.0.0 (Windows file version, four numbers)
    python installer/buildinfo.py win-version FILE   # write a Windows version resource file
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"

APP_NAME = "mianze-desktop"  # the dist folder and the GUI executable
CLI_NAME = "mianze"  # the command-line executable, in the same folder
ICON_ICO = "resources/icons/app.ico"  # relative to ROOT
PRODUCT_NAME = "社会救助容错纠错案件管理"
COMPANY = "mianze_desktop"
DESCRIPTION = "社会救助容错纠错 / 尽职免责 案件管理"


def version() -> str:
    """``[project] version`` from pyproject.toml (tomllib when present, else a strict regex)."""
    text = PYPROJECT.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        section = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
        match = section and re.search(r'^version\s*=\s*"([^"]+)"\s*$', section.group(1), re.M)
        if not match:
            raise SystemExit(f"{PYPROJECT}: no [project] version")
        return match.group(1)
    return tomllib.loads(text)["project"]["version"]


def version_tuple(ver: str | None = None) -> tuple[int, int, int, int]:
    """The four numbers of a Windows file version: 0.1.0 -> (0, 1, 0, 0); 1.2.0rc1 -> (1, 2, 0, 0)."""
    nums = [int(n) for n in re.findall(r"\d+", re.match(r"[\d.]+", ver or version()).group(0))]
    return tuple((nums + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


_VERSION_FILE = """# UTF-8
# Windows version resource for PyInstaller (EXE(version=...)); generated from pyproject.toml.
VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404B0', [{strings}])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])]),
  ]
)
"""


def windows_version_text(exe_name: str = APP_NAME) -> str:
    """The text form of a Windows version resource (0804 = Simplified Chinese, 04B0 = Unicode)."""
    ver = version()
    strings = [
        ("CompanyName", COMPANY),
        ("FileDescription", DESCRIPTION),
        ("FileVersion", ver),
        ("InternalName", exe_name),
        ("OriginalFilename", f"{exe_name}.exe"),
        ("ProductName", PRODUCT_NAME),
        ("ProductVersion", ver),
        ("LegalCopyright", "MIT License"),
    ]
    body = ", ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings)
    return _VERSION_FILE.format(nums=version_tuple(ver), strings=body)


def write_windows_version_file(path: Path | str, exe_name: str = APP_NAME) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(windows_version_text(exe_name), encoding="utf-8")
    return path


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["version"]:
        print(version())
    elif args == ["file-version"]:
        print(".".join(map(str, version_tuple())))
    elif len(args) == 2 and args[0] == "win-version":
        print(write_windows_version_file(args[1]))
    else:
        raise SystemExit(__doc__)
