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

    def save(self, key: str, payload: dict) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        data = dict(payload, saved_at=dt.datetime.now().isoformat(timespec="seconds"))
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
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
                if value and any(str(v).strip() for v in (value.get("form") or {}).values()):
                    out.append((path.stem, value))
        return out
