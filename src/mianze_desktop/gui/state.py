"""Per-data-folder UI state in an INI file (QSettings): window geometry, last filters, setup done."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

STATE_NAME = "gui.ini"


class UiState:
    def __init__(self, data_dir: Path):
        self.settings = QSettings(str(Path(data_dir) / STATE_NAME), QSettings.Format.IniFormat)

    # -- geometry ---------------------------------------------------------
    def restore_geometry(self, widget, key: str) -> bool:
        value = self.settings.value(f"geometry/{key}")
        if isinstance(value, (QByteArray, bytes)) and value:
            return bool(widget.restoreGeometry(QByteArray(value)))
        return False

    def save_geometry(self, widget, key: str) -> None:
        self.settings.setValue(f"geometry/{key}", widget.saveGeometry())

    def restore_window_state(self, window, key: str) -> None:
        value = self.settings.value(f"state/{key}")
        if isinstance(value, (QByteArray, bytes)) and value:
            window.restoreState(QByteArray(value))

    def save_window_state(self, window, key: str) -> None:
        self.settings.setValue(f"state/{key}", window.saveState())

    # -- values -----------------------------------------------------------
    def get_json(self, key: str, default=None):
        raw = self.settings.value(key)
        if raw in (None, ""):
            return default
        try:
            return json.loads(raw)
        except (TypeError, ValueError):
            return default

    def set_json(self, key: str, value) -> None:
        self.settings.setValue(key, json.dumps(value, ensure_ascii=False))

    @property
    def filters(self) -> dict:
        value = self.get_json("main/filters", {})
        return value if isinstance(value, dict) else {}

    @filters.setter
    def filters(self, value: dict) -> None:
        self.set_json("main/filters", value)

    @property
    def setup_done(self) -> bool:
        return str(self.settings.value("setup/done", "false")).lower() == "true"

    @setup_done.setter
    def setup_done(self, value: bool) -> None:
        self.settings.setValue("setup/done", "true" if value else "false")

    def sync(self) -> None:
        self.settings.sync()


def user_settings() -> QSettings:
    """Per-user choices that live outside any data folder (which data folder to open)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "mianze", "mianze_desktop")


def saved_data_dir() -> str:
    return str(user_settings().value("data_dir", "") or "")
