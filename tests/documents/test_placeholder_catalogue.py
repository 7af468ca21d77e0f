"""The placeholders the pack format accepts are exactly the ones the renderer fills."""
from __future__ import annotations

from mianze_desktop.documents.values import context, resolve
from mianze_desktop.policy.registry import PolicyRegistry
from mianze_desktop.policy.schema import LETTER_PLACEHOLDERS


def test_every_accepted_placeholder_resolves():
    pack = PolicyRegistry().get("weihai-2023")
    doc = next(d for d in pack.documents if d.layout == "letter")
    record = {"number": "威海-2026-0001", "applicant": "林某某", "form": {"matter": "测试事项"},
              "decision": {"outcome_label": "容错免责", "conclusion": "予以容错"}}
    ctx = context(pack, doc, record)
    for name in LETTER_PLACEHOLDERS + ("form.matter", "decision.conclusion", "case.number"):
        assert isinstance(resolve(name, ctx, record, doc), str), name
    assert resolve("applicant", ctx, record, doc) == "林某某"
    assert resolve("form.matter", ctx, record, doc) == "测试事项"
