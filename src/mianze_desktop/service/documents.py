"""Printed documents for the GUI and the CLI: the PDFs a case's policy pack declares."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .errors import UserError


class DocumentService:
    def __init__(self, service):
        self._service = service

    def list_docs(self, policy: str) -> list[dict]:
        """[{"kind", "title"}] for a policy id or pack file."""
        from ..documents import list_documents

        return list_documents(self._service.policies.get(policy))

    def render_case(self, case_id, kind: str, out_path) -> dict:
        """Print document ``kind`` of a stored case (under the pack revision the case was opened with)."""
        record = self._service.cases.get(case_id)
        cases = self._service.cases
        if hasattr(cases, "pack_of"):
            pack = cases.pack_of(record["policy"], record.get("policy_revision") or 1)
        else:
            pack = self._service.policies.get(record["policy"])
        return self._render(pack, kind, record, out_path)

    # the self-test and older callers use render(case_id, kind, path)
    render = render_case

    def render_blank(self, policy: str, kind: str, out_path) -> dict:
        """A blank form of ``kind`` for filling by hand."""
        return self._render(self._service.policies.get(policy), kind, None, out_path)

    def render_record(self, record: dict, kind: str, out_path, policy: Optional[str] = None) -> dict:
        """Print from a case record dict (the case record contract) without the store."""
        if not isinstance(record, dict):
            raise UserError("a case record must be a JSON object")
        pid = policy or record.get("policy")
        if not pid:
            raise UserError("the case record names no policy (key 'policy')")
        return self._render(self._service.policies.get(pid), kind, record, out_path)

    def fonts(self) -> list[dict]:
        """The fonts documents print with, for the settings screen."""
        from ..documents import available_fonts

        return available_fonts()

    def _render(self, pack, kind, record, out_path) -> dict:
        from ..documents import render

        if not out_path:
            raise UserError("no output file given")
        out = Path(out_path)
        if out.suffix.lower() != ".pdf":
            raise UserError(f"{out}: the output file must end in .pdf")
        return render(pack, kind, record, out)
