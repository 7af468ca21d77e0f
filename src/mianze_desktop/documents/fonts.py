"""Chinese fonts for the printed documents: find, register, and check text against them.

Roles (GB/T 9704-2012): ``fangsong`` body text (仿宋), ``title`` document titles (小标宋,
黑体 where it is missing), ``hei`` annex labels and headings (黑体), ``song`` page numbers
(宋体). Each role is looked up in order:

1. an explicit path (``configure(overrides)`` from the settings screen, or the
   environment variable ``MIANZE_FONT_<ROLE>``);
2. Windows: ``%WINDIR%\\Fonts`` (simfang.ttf, simhei.ttf, simsun.ttc subfont 0 ...);
3. elsewhere fontconfig (``fc-list :lang=zh``), accepting only the families listed for
   the role (never fontconfig's substitute for a missing family);
4. the open font bundled in ``resources/fonts/`` (LXGW WenKai subset, SIL OFL 1.1).

Only TrueType-outline fonts qualify (a .ttf, or a .ttc whose chosen subfont has a
``glyf`` table): ReportLab embeds nothing else. ``MIANZE_FONTS=bundled`` forces step 4
(reproducible output in tests). There is no fallback to a Latin font: ``check_text``
raises ``FontError`` naming every character the font cannot draw.
"""
from __future__ import annotations

import os
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .. import paths
from ..service.errors import UserError

ROLES = ("fangsong", "title", "hei", "song")
ROLE_LABELS = {
    "fangsong": "仿宋（正文、表格）",
    "title": "小标宋（文件标题）",
    "hei": "黑体（附件标识、小标题）",
    "song": "宋体（页码）",
}
BUNDLED_FILE = "MianzeKai-GB2312.ttf"
BUNDLED_NAME = "Mianze Kai GB2312（霞鹜文楷子集，SIL OFL 1.1）"
# characters every candidate must have: otherwise it is not a Chinese font
_PROBE = "仿宋黑体年月日，。（）〔〕"

_WINDOWS_FILES = {
    "fangsong": [("simfang.ttf", 0), ("STFANGSO.TTF", 0)],
    "title": [("FZXBSJW.TTF", 0), ("方正小标宋简体.ttf", 0), ("simhei.ttf", 0)],
    "hei": [("simhei.ttf", 0), ("STHEITI.TTF", 0)],
    "song": [("simsun.ttc", 0), ("simsun.ttf", 0), ("STSONG.TTF", 0)],
}
_HEI_FAMILIES = ["SimHei", "黑体", "STHeiti", "华文黑体", "WenQuanYi Micro Hei", "文泉驿微米黑",
                 "WenQuanYi Zen Hei", "文泉驿正黑"]
_FAMILIES = {
    "fangsong": ["FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋"],
    "title": ["FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", "方正小标宋_GBK",
              "方正小标宋"] + _HEI_FAMILIES,
    "hei": _HEI_FAMILIES,
    "song": ["SimSun", "宋体", "NSimSun", "新宋体", "STSong", "华文宋体", "AR PL UMing CN",
             "AR PL SungtiL GB"],
}


class FontError(UserError):
    """No usable font, or text a font cannot draw."""


@dataclass(frozen=True)
class FontChoice:
    role: str
    name: str  # human-readable family name
    path: str
    index: int  # subfont index in a .ttc
    source: str  # override | windows | fontconfig | bundled

    @property
    def reportlab_name(self) -> str:
        return f"MZ-{self.role}"

    def to_dict(self) -> dict:
        return {"role": self.role, "label": ROLE_LABELS[self.role], "name": self.name, "path": self.path,
                "index": self.index, "source": self.source, "embedded": self.source == "bundled"}


_overrides: dict[str, str] = {}
_resolved: dict[str, FontChoice] = {}
_registered: dict[str, FontChoice] = {}
_fc_cache: Optional[list[tuple[list[str], str, int]]] = None


def configure(overrides: Optional[dict] = None) -> None:
    """Set per-role font files (``{"fangsong": "D:/fonts/fs.ttf"}``); forgets earlier choices."""
    global _overrides
    unknown = sorted(set(overrides or {}) - set(ROLES))
    if unknown:
        raise FontError(f"unknown font role(s) {', '.join(unknown)}; roles are {', '.join(ROLES)}")
    _overrides = {k: str(v) for k, v in (overrides or {}).items() if v}
    _resolved.clear()


def bundled_path() -> Path:
    return paths.fonts_dir() / BUNDLED_FILE


# -- TrueType checks (reads the sfnt table directory; no font library needed) ------------------
def _table_tags(path: str, index: int) -> set[bytes]:
    with open(path, "rb") as fh:
        head = fh.read(12)
        offset = 0
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            if index >= count:
                return set()
            fh.seek(12 + 4 * index)
            offset = struct.unpack(">I", fh.read(4))[0]
            fh.seek(offset)
            head = fh.read(12)
        num_tables = struct.unpack(">H", head[4:6])[0]
        fh.seek(offset + 12)
        data = fh.read(16 * num_tables)
    return {data[i * 16:i * 16 + 4] for i in range(num_tables)}


def is_truetype_outline(path: str, index: int = 0) -> bool:
    """A .ttf/.ttc whose (sub)font has TrueType (glyf) outlines; OpenType/CFF fonts do not qualify."""
    if Path(path).suffix.lower() not in (".ttf", ".ttc"):
        return False
    try:
        tags = _table_tags(path, index)
    except (OSError, struct.error):
        return False
    return {b"glyf", b"loca", b"cmap"} <= tags


def _load(choice: FontChoice):
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(choice.reportlab_name, choice.path, subfontIndex=choice.index)
    except (TTFError, OSError, ValueError) as exc:
        raise FontError(f"{choice.path}: cannot load font for {ROLE_LABELS[choice.role]}: {exc}") from None
    missing = [c for c in _PROBE if ord(c) not in font.face.charToGlyph]
    if missing:
        raise FontError(f"{choice.path}: not a Chinese font (lacks {''.join(missing)})")
    return font


def _fontconfig_fonts() -> list[tuple[list[str], str, int]]:
    global _fc_cache
    if _fc_cache is None:
        _fc_cache = []
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "family", "file", "index", "-f",
                                  "%{family}\t%{file}\t%{index}\n"],
                                 capture_output=True, text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                families = [f.strip() for f in parts[0].split(",")]
                try:
                    _fc_cache.append((families, parts[1], int(parts[2] or 0)))
                except ValueError:
                    continue
    return _fc_cache


def _candidates(role: str):
    env = os.environ.get(f"MIANZE_FONT_{role.upper()}")
    explicit = _overrides.get(role) or env
    if explicit:
        path, _, idx = explicit.partition("#")
        yield FontChoice(role, Path(path).stem, path, int(idx or 0), "override")
        return
    if os.environ.get("MIANZE_FONTS", "").lower() != "bundled":
        if sys.platform == "win32":
            dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
            local = os.environ.get("LOCALAPPDATA")
            if local:
                dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
            for fname, idx in _WINDOWS_FILES[role]:
                for d in dirs:
                    if (d / fname).is_file():
                        yield FontChoice(role, Path(fname).stem, str(d / fname), idx, "windows")
        else:
            fonts = _fontconfig_fonts()
            for family in _FAMILIES[role]:
                for families, path, idx in fonts:
                    if family.lower() in (f.lower() for f in families):
                        yield FontChoice(role, family, path, idx, "fontconfig")
    yield FontChoice(role, BUNDLED_NAME, str(bundled_path()), 0, "bundled")


def resolve(role: str) -> FontChoice:
    """The font file used for a role (the first usable candidate)."""
    if role not in ROLES:
        raise FontError(f"unknown font role {role!r}")
    if role in _resolved:
        return _resolved[role]
    problems = []
    for choice in _candidates(role):
        if not Path(choice.path).is_file():
            problems.append(f"{choice.path}: no such file")
            continue
        if not is_truetype_outline(choice.path, choice.index):
            problems.append(f"{choice.path}: not a TrueType-outline font (.ttf/.ttc with glyf)")
            continue
        _resolved[role] = choice
        return choice
    raise FontError(f"no usable font for {ROLE_LABELS[role]}: " + "; ".join(problems))


def register_all() -> dict[str, str]:
    """Register every role's font with ReportLab; returns {role: ReportLab font name}."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.lib.fonts import addMapping

    names = {}
    for role in ROLES:
        choice = resolve(role)
        if _registered.get(role) != choice:
            font = _load(choice)
            pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(choice.reportlab_name, bold, italic, choice.reportlab_name)
            _registered[role] = choice
        names[role] = choice.reportlab_name
    return names


def available_fonts() -> list[dict]:
    """For the settings screen: [{role, label, name, path, index, source, embedded}].

    ``embedded`` is true when the font is the one shipped inside the application
    (every font is embedded in the PDFs either way).
    """
    return [resolve(role).to_dict() for role in ROLES]


def missing_chars(font_name: str, text: str) -> list[str]:
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(font_name).face.charToGlyph
    seen, out = set(), []
    for ch in text:
        if ch in seen or ch in "\n\r\t":
            continue
        seen.add(ch)
        if ord(ch) not in cmap:
            out.append(ch)
    return out


def check_text(font_name: str, text: str, where: str) -> None:
    """Raise FontError naming the characters of ``text`` that the font cannot draw."""
    missing = missing_chars(font_name, text)
    if missing:
        role = font_name[3:] if font_name.startswith("MZ-") else font_name
        choice = _registered.get(role)
        font = choice.name if choice else font_name
        shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in missing[:20])
        more = f" 等{len(missing)}个" if len(missing) > 20 else ""
        raise FontError(f"{where}: 字体 {font} 无法显示字符 {shown}{more}；请改用系统字体或修改文字")
