"""Where the app finds its bundled resources and keeps its data."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "mianze_desktop"
_PKG_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # 1. a frozen PyInstaller bundle; 2. an installed wheel (mapped by setup.py);
    # 3. the source checkout (editable install, tests).
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates += [_PKG_DIR / name, _PKG_DIR.parents[1] / name]
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(f"bundled folder {name!r} not found (looked in {', '.join(map(str, candidates))})")


def resources_dir() -> Path:
    return _bundled("resources")


def ui_dir() -> Path:
    return _bundled("ui")


def policies_dir() -> Path:
    return resources_dir() / "policies"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def default_data_dir() -> Path:
    """The per-user data folder; MIANZE_DATA_DIR overrides it (tests, portable installs)."""
    env = os.environ.get("MIANZE_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
