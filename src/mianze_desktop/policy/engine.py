"""The matching engine: a pack plus yes/no answers to its facts -> a result.

Rules (the same for every pack):
- an exclusion holds when all its facts are 'yes'; any exclusion overrides every match;
- an applicable item holds when all its facts and the preconditions that apply to it are 'yes';
- mitigation items are considered only when no applicable item holds;
- a catch-all item also needs a written justification and is flagged for collective review;
- the result lists the facts still unanswered that could change it, so a wizard asks only those.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable, Mapping, Optional

from .schema import Item, Pack

Answers = Mapping[str, Optional[bool]]


class AnswerError(ValueError):
    """Answers that do not fit the pack (unknown fact ids, values that are not yes/no)."""


@dataclass
class CheckResult:
    outcome: Optional[str]
    outcome_label: Optional[str]
    outcome_role: Optional[str]
    complete: bool
    matched: list[str] = field(default_factory=list)
    excluded_by: list[str] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    allowed_outcomes: list[str] = field(default_factory=list)
    needs_justification: list[str] = field(default_factory=list)
    collective_review: bool = False
    failed_preconditions: list[str] = field(default_factory=list)
    basis_text: str = ""
    explanation: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def validate_answers(pack: Pack, answers: Mapping) -> dict[str, Optional[bool]]:
    known = {f.id for f in pack.facts}
    unknown = sorted(k for k in answers if k not in known)
    if unknown:
        raise AnswerError(f"unknown fact id(s) for policy {pack.id}: {', '.join(unknown)}")
    clean: dict[str, Optional[bool]] = {}
    for key, value in answers.items():
        if value is not None and not isinstance(value, bool):
            raise AnswerError(f"fact {key!r}: answer must be true, false or null, not {value!r}")
        clean[key] = value
    return clean


def basis_text(pack: Pack, items: Iterable[Item]) -> str:
    citations = "、".join(i.citation for i in items)
    if not citations:
        return ""
    return pack.basis_template.format(
        title=pack.title, doc_number=pack.doc_number, citations=citations, short_title=pack.short_title
    )


def _state(item: Item, answers: Mapping[str, Optional[bool]]) -> Optional[bool]:
    """True if all facts are yes, False if any is no, None while undecided."""
    values = [answers.get(f) for f in item.facts]
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def _unanswered(facts: Iterable[str], answers, out: list[str]) -> None:
    for f in facts:
        if answers.get(f) is None and f not in out:
            out.append(f)


def check(
    pack: Pack,
    answers: Answers,
    candidates: Optional[Iterable[str]] = None,
    justification: str = "",
) -> CheckResult:
    answers = validate_answers(pack, answers)
    focus = set(candidates) if candidates else None
    if focus:
        unknown = sorted(c for c in focus if c not in {i.id for i in pack.items})
        if unknown:
            raise AnswerError(f"unknown item id(s) for policy {pack.id}: {', '.join(unknown)}")
    has_justification = bool(justification and justification.strip())

    def considered(item: Item) -> bool:
        return focus is None or item.id in focus

    def preconditions_state(kind: str) -> tuple[Optional[bool], list[str], list[str]]:
        facts = [p.fact for p in pack.preconditions if kind in p.applies_to]
        failed = [f for f in facts if answers.get(f) is False]
        if failed:
            return False, facts, failed
        return (True if all(answers.get(f) is True for f in facts) else None), facts, []

    def holding(kind: str) -> tuple[list[Item], list[Item], list[str], list[str]]:
        """(items that hold, items still open, precondition facts, failed preconditions)."""
        pre_ok, pre_facts, failed = preconditions_state(kind)
        held, open_ = [], []
        for item in pack.items_of(kind):
            if kind != "exclusion" and not considered(item):
                continue
            state = _state(item, answers)
            if state is False or pre_ok is False:
                continue
            if state is True and pre_ok is True:
                held.append(item)
            else:
                open_.append(item)
        return held, open_, pre_facts, failed

    excl_held, excl_open, _, _ = holding("exclusion")
    refused = pack.outcome_for("refused")
    missing: list[str] = []
    needs_just = [i.id for i in excl_held if i.catch_all and not has_justification]

    if excl_held:
        app_held, _, _, _ = holding("applicable")
        res = CheckResult(
            outcome=refused.id, outcome_label=refused.label, outcome_role="refused",
            complete=not needs_just,
            excluded_by=[i.id for i in excl_held],
            overridden=[i.id for i in app_held],
            allowed_outcomes=[refused.id],
            needs_justification=needs_just,
            collective_review=any(i.catch_all for i in excl_held),
            basis_text=basis_text(pack, excl_held),
            explanation="属于排除情形，不适用：" + "、".join(i.title for i in excl_held),
        )
        return res

    _unanswered((f for i in excl_open for f in i.facts), answers, missing)

    app_held, app_open, app_pre, app_failed = holding("applicable")
    chosen = [i for i in app_held if not i.catch_all or has_justification]
    needs_just = [i.id for i in app_held if i.catch_all and not has_justification]
    role = "exempt"
    failed_pre = list(app_failed)
    if not chosen:
        if needs_just:
            # The catch-all holds on facts but waits for its written justification.
            pass
        else:
            _unanswered(app_pre if app_open else [], answers, missing)
            _unanswered((f for i in app_open for f in i.facts), answers, missing)
        mit_held, mit_open, mit_pre, mit_failed = holding("mitigation")
        failed_pre += [f for f in mit_failed if f not in failed_pre]
        mit_chosen = [i for i in mit_held if not i.catch_all or has_justification]
        needs_just += [i.id for i in mit_held if i.catch_all and not has_justification]
        if mit_chosen:
            chosen, role = mit_chosen, "reduced"
        elif not needs_just:
            _unanswered(mit_pre if mit_open else [], answers, missing)
            _unanswered((f for i in mit_open for f in i.facts), answers, missing)

    if chosen:
        grade = pack.outcome_for(role) or pack.outcome_for("exempt")
        allowed = [o.id for o in pack.outcomes if o.role != "refused"] if role == "exempt" else [
            o.id for o in pack.outcomes if o.role in ("reduced", "lighter")
        ]
        return CheckResult(
            outcome=grade.id, outcome_label=grade.label, outcome_role=grade.role,
            complete=not missing,
            matched=[i.id for i in chosen],
            missing_facts=missing,
            allowed_outcomes=allowed + [refused.id],
            collective_review=any(i.catch_all for i in chosen),
            failed_preconditions=failed_pre,
            basis_text=basis_text(pack, chosen),
            explanation="符合：" + "、".join(f"{i.citation}（{i.title}）" for i in chosen),
        )

    complete = not missing and not needs_just
    return CheckResult(
        outcome=refused.id if complete else None,
        outcome_label=refused.label if complete else None,
        outcome_role="refused" if complete else None,
        complete=complete,
        missing_facts=missing,
        allowed_outcomes=[refused.id] if complete else [o.id for o in pack.outcomes],
        needs_justification=needs_just,
        failed_preconditions=failed_pre,
        explanation=(
            "兜底情形需要书面说明理由并经集体研究" if needs_just
            else "不符合所列任何情形" if complete else "尚有事实未回答"
        ),
    )
