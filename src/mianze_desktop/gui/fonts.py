"""Register the bundled CJK font so Chinese renders without any system font."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

# System families tried when no bundled font is present (Windows first, then common Linux fonts).
SYSTEM_CJK = ["Microsoft YaHei", "微软雅黑", "SimSun", "宋体", "Noto Sans CJK SC", "Noto Sans SC",
              "Source Han Sans SC", "WenQuanYi Micro Hei", "LXGW WenKai", "PingFang SC"]


def bundled_font_files() -> list[Path]:
    from .. import paths

    try:
        folder = paths.fonts_dir()
    except FileNotFoundError:
        return []
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc"))


def register_fonts() -> Optional[str]:
    """Add the bundled fonts to the application; returns the bundled family (or None if absent)."""
    family = None
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("font file %s could not be loaded", path.name)
            continue
        family = family or families[0]
    return family


def ui_families(bundled: Optional[str]) -> list[str]:
    """The UI font list: Windows' own UI font when present, else the bundled font, else any system CJK font."""
    preferred = ["Microsoft YaHei UI", "Microsoft YaHei"]
    if bundled:
        return preferred + [bundled]
    return preferred + [f for f in SYSTEM_CJK if f not in preferred]


def apply_app_font(app, bundled: Optional[str], point_size: int = 11) -> None:
    font = QFont(app.font())
    font.setFamilies(ui_families(bundled))
    if point_size:
        font.setPointSize(point_size)
    app.setFont(font)
