"""Policy packs, free-text suggestions and fact checks, for the GUI and the CLI."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional

from ..policy.registry import PolicyRegistry
from .errors import UserError

if TYPE_CHECKING:  # the engine, the loader and the pack model (pydantic) are imported on first use
    from ..policy.digest import PackDigest
    from ..policy.engine import CheckResult
    from ..policy.schema import Pack


class PolicyService:
    def __init__(self, service):
        self._service = service
        self.registry = PolicyRegistry(extra_dirs=[self.imported_dir])

    @property
    def imported_dir(self) -> Path:
        return self._service.data_dir / "policies"

    def list(self) -> list[Pack]:
        return self.registry.all()

    def digests(self) -> list[PackDigest]:
        """The installed packs as ``list()`` gives them, as digests (ids, titles, stages, outcomes, dates):
        from an index in the data folder, so only new or changed pack files are parsed and validated."""
        return self.registry.digests(self._service.data_dir / "cache" / "policy-index.json")

    def get(self, id_or_path: str) -> Pack:
        from ..policy.loader import PolicyError

        try:
            return self.registry.get(id_or_path)
        except PolicyError as exc:
            raise UserError(str(exc)) from None

    def validate_file(self, path: str | Path) -> Pack:
        """Raises PolicyError (with every problem and its line) for a bad pack."""
        from ..policy.loader import load_pack_file

        return load_pack_file(path)

    def import_file(self, path: str | Path) -> Pack:
        """Validate a pack file and copy it into the data dir; an invalid file changes nothing.

        A pack with a new id is added. An imported pack may be replaced by a higher
        revision of itself (cases keep the revision they were judged under, recorded
        on the case). Built-in packs cannot be replaced: give a new version its own id.
        Administrators only.
        """
        self._service.authorize("policy.import")
        from ..policy.loader import load_pack_file

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
        from ..policy.engine import AnswerError, check

        pack = self.get(id_or_path)
        try:
            return check(pack, answers, candidates=candidates, justification=justification)
        except AnswerError as exc:
            raise UserError(str(exc)) from None
