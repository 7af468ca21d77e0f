"""Autosaved drafts of what the user typed, one small JSON file per open case form.

Written on every edit (atomically: temp file + rename) under <data_dir>/drafts/,
deleted once the service has saved the values; left-over drafts after a crash are
offered back when the case (or a new application) is opened again.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
from pathlib import Path
from typing import Optional


class DraftStore:
    def __init__(self, data_dir: Path):
        self.dir = Path(data_dir) / "drafts"

    @staticmethod
    def key_for_case(case_id: Optional[int]) -> str:
        return f"case-{case_id}" if case_id else f"new-{uuid.uuid4().hex[:12]}"

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"[A-Za-z0-9_-]+", key):
            raise ValueError(f"bad draft key {key!r}")
        return self.dir / f"{key}.json"

    def save(self, key: str, payload: dict) -> Optional[Path]:
        """Write the draft so that a crash or power cut leaves either the old or the new one complete
        (temp file, fsync, rename, fsync of the folder). None when it cannot be written (disk full,
        read-only folder): the typed text stays in the form and the previous draft stays intact."""
        path = self._path(key)
        data = dict(payload, saved_at=dt.datetime.now().isoformat(timespec="seconds"))
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(data, ensure_ascii=False, indent=1))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            _fsync_dir(self.dir)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass
            return None
        return path

    def load(self, key: str) -> Optional[dict]:
        path = self._path(key)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def delete(self, key: str) -> None:
        try:
            self._path(key).unlink()
        except FileNotFoundError:
            pass

    def new_drafts(self) -> list[tuple[str, dict]]:
        """Drafts of applications never saved as a case (left by a crash or a closed window)."""
        out = []
        if self.dir.is_dir():
            for path in sorted(self.dir.glob("new-*.json")):
                value = self.load(path.stem)
                base = value.get("base") or {} if value else {}
                if value and any(str(v).strip() and v != base.get(k) for k, v in (value.get("form") or {}).items()):
                    out.append((path.stem, value))
        return out


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
