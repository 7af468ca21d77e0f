"""Policy packs, free-text suggestions and fact checks, for the GUI and the CLI."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Mapping, Optional

from ..policy.engine import AnswerError, CheckResult, check
from ..policy.loader import PolicyError, load_pack_file
from ..policy.registry import PolicyRegistry
from ..policy.schema import Pack
from .errors import UserError


class PolicyService:
    def __init__(self, service):
        self._service = service
        self.registry = PolicyRegistry(extra_dirs=[self.imported_dir])

    @property
    def imported_dir(self) -> Path:
        return self._service.data_dir / "policies"

    def list(self) -> list[Pack]:
        return self.registry.all()

    def get(self, id_or_path: str) -> Pack:
        try:
            return self.registry.get(id_or_path)
        except PolicyError as exc:
            raise UserError(str(exc)) from None

    def validate_file(self, path: str | Path) -> Pack:
        """Raises PolicyError (with every problem and its line) for a bad pack."""
        return load_pack_file(path)

    def import_file(self, path: str | Path) -> Pack:
        """Validate a pack file and copy it into the data dir; an invalid file changes nothing.

        A pack with a new id is added. An imported pack may be replaced by a higher
        revision of itself (cases keep the revision they were judged under, recorded
        on the case). Built-in packs cannot be replaced: give a new version its own id.
        Administrators only.
        """
        self._service.authorize("policy.import")
        pack = load_pack_file(path)
        target = self.imported_dir / f"{pack.id}.yaml"
        existing = {p.id: p for p in self.registry.all()}
        if pack.id in existing:
            old = existing[pack.id]
            if not target.exists():
                raise UserError(f"{path}: {pack.id!r} is a built-in policy; give the new version its own id")
            if pack.revision <= old.revision:
                raise UserError(f"{path}: policy {pack.id!r} revision {old.revision} already exists; "
                                f"raise 'revision' to replace it")
        self.imported_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".yaml.tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(target)  # atomic: a crash leaves the old pack or the new one, never half
        return pack

    def in_force(self, day: dt.date) -> list[Pack]:
        return self.registry.in_force(day)

    def suggest(self, id_or_path: str, text: str, top: Optional[int] = None) -> list[dict]:
        from ..policy.suggest import suggest

        if not text or not text.strip():
            raise UserError("text is empty: describe the case (主要事实及理由)")
        return suggest(self.get(id_or_path), text, top=top)

    def check(self, id_or_path: str, answers: Mapping, candidates=None, justification: str = "") -> CheckResult:
        pack = self.get(id_or_path)
        try:
            return check(pack, answers, candidates=candidates, justification=justification)
        except AnswerError as exc:
            raise UserError(str(exc)) from None
