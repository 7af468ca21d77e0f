"""What the checklist wizard knows about one case, with no Qt in it.

The wizard owns one ``WizardState``: the answers (fact id -> True / False / None,
where None is an explicit "不清楚" and an absent key means "not asked yet"), the
candidate items, the written justification and the page the user was on. Pages
read and write this state and never keep answers of their own, so going back and
forth loses nothing. Every decision (what holds, what is still missing, which
outcomes are allowed) is asked of the policy engine; nothing here knows a pack.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ...policy.engine import CheckResult, check
from ...policy.schema import Item, Pack
from ...policy.suggest import suggest

DEFAULT_KIND_LABELS = {"applicable": "适用情形", "mitigation": "减责情形", "exclusion": "排除情形"}
ANSWER_LABELS = {True: "是", False: "否", None: "不清楚"}
SUGGESTION_LIMIT = 10


def kind_label(pack: Pack, kind: str) -> str:
    """The pack's own word for a kind of item if it has one (terms), else a neutral default."""
    for key in (f"{kind}_items", kind):
        value = pack.terms.get(key)
        if value and value.endswith("情形"):
            return value
    return DEFAULT_KIND_LABELS[kind]


@dataclass
class WizardState:
    pack: Pack
    facts_text: str = ""
    answers: dict[str, Optional[bool]] = field(default_factory=dict)
    candidates: list[str] = field(default_factory=list)
    justification: str = ""
    page: Optional[str] = None

    # -- loading / saving -------------------------------------------------
    @classmethod
    def from_record(cls, pack: Pack, record: dict, progress: Optional[dict] = None) -> "WizardState":
        """State from a case record (answers, candidates, justification) plus saved wizard progress.

        ``progress`` (if any) carries what the case record cannot: explicit "不清楚"
        answers and the page the user was on.
        """
        known_facts = {f.id for f in pack.facts}
        known_items = {i.id for i in pack.items}
        answers: dict[str, Optional[bool]] = {}
        for fact, value in (record.get("answers") or {}).items():
            if fact in known_facts and (value is None or isinstance(value, bool)):
                answers[fact] = value
        progress = progress or {}
        for fact in progress.get("unknown", []):
            if fact in known_facts and fact not in answers:
                answers[fact] = None
        candidates = [c for c in (record.get("candidates") or []) if c in known_items]
        return cls(
            pack=pack,
            facts_text=record.get("facts_reasons") or (record.get("form") or {}).get("facts_reasons") or "",
            answers=answers,
            candidates=candidates,
            justification=record.get("justification") or "",
            page=progress.get("page"),
        )

    def saved_answers(self) -> dict[str, bool]:
        """The yes/no answers, as the case record keeps them."""
        return {k: v for k, v in self.answers.items() if v is not None}

    def unknown_facts(self) -> list[str]:
        return [k for k, v in self.answers.items() if v is None]

    # -- answers and candidates ------------------------------------------
    def answer(self, fact: str, value: Optional[bool]) -> None:
        self.pack.fact(fact)  # KeyError for a fact the pack does not have
        self.answers[fact] = value

    def is_asked(self, fact: str) -> bool:
        return fact in self.answers

    def set_candidate(self, item_id: str, on: bool) -> None:
        self.pack.item(item_id)
        if on and item_id not in self.candidates:
            self.candidates.append(item_id)
        elif not on and item_id in self.candidates:
            self.candidates.remove(item_id)

    def candidate_items(self, kind: Optional[str] = None) -> list[Item]:
        """Ticked items in the pack's order (optionally of one kind)."""
        chosen = set(self.candidates)
        return [i for i in self.pack.items if i.id in chosen and (kind is None or i.kind == kind)]

    # -- the engine --------------------------------------------------------
    def suggestions(self, limit: int = SUGGESTION_LIMIT) -> list[dict]:
        """The engine's ranked items for the case's facts; only those with some evidence."""
        if not self.facts_text.strip():
            return []
        return [s for s in suggest(self.pack, self.facts_text) if s["score"] > 0][:limit]

    def result(self, candidates: Optional[Iterable[str]] = None) -> CheckResult:
        """The engine's result when only ``candidates`` (default: the ticked ones) are considered."""
        cands = list(self.candidates if candidates is None else candidates)
        if not cands:
            # Nothing ticked means nothing is in focus; the engine reads "no candidates" as
            # "every item", so name an exclusion instead (exclusions are always considered).
            cands = [i.id for i in self.pack.items_of("exclusion")][:1]
        return check(self.pack, self.answers, candidates=cands or None, justification=self.justification)

    def missing_for(self, item: Item, result: Optional[CheckResult] = None) -> list[str]:
        """Facts of ``item`` that the engine still lists as missing."""
        missing = set((result or self.result()).missing_facts)
        return [f for f in item.facts if f in missing]

    def holds_on_facts(self, result: CheckResult) -> list[str]:
        """Items that hold by their facts: matched, plus catch-alls only waiting for a justification."""
        out = list(result.matched) + list(result.excluded_by)
        out += [i for i in result.needs_justification if i not in out]
        return out

    # -- routing questions the pages ask ----------------------------------
    def exclusion_items(self) -> list[Item]:
        return self.pack.items_of("exclusion")

    def excluded(self) -> bool:
        return bool(self.result().excluded_by)

    def preconditions(self):
        """Preconditions of the kinds of the ticked items (asked once, on their own page)."""
        kinds = {i.kind for i in self.candidate_items()}
        return [p for p in self.pack.preconditions if kinds & set(p.applies_to)]

    def preconditions_missing(self, kind: str, result: Optional[CheckResult] = None) -> list[str]:
        """Precondition facts for ``kind`` that the engine still lists as missing."""
        missing = set((result or self.result()).missing_facts)
        return [p.fact for p in self.pack.preconditions if kind in p.applies_to and p.fact in missing]

    def applicable_holds(self) -> bool:
        if not self.candidate_items("applicable"):
            return False
        result = self.result(i.id for i in self.candidate_items("applicable"))
        held = self.holds_on_facts(result)
        return any(self.pack.item(i).kind == "applicable" for i in held)

    def needs_mitigation(self) -> bool:
        """Mitigation is looked at when the pack has it, nothing excludes and no applicable item holds."""
        if not self.pack.items_of("mitigation") or self.excluded():
            return False
        return not self.applicable_holds()

    def catch_alls_in_play(self, result: Optional[CheckResult] = None) -> list[Item]:
        """Catch-all items that hold on their facts (so they need a written justification)."""
        result = result or self.result()
        return [self.pack.item(i) for i in self.holds_on_facts(result) if self.pack.item(i).catch_all]

    def needs_justification(self) -> bool:
        return bool(self.catch_alls_in_play())

    def review_groups(self) -> list[tuple[str, Optional[Item], list[str]]]:
        """(heading, item or None, fact ids) for every question that bears on this case."""
        groups: list[tuple[str, Optional[Item], list[str]]] = []
        seen: set[str] = set()

        def add(heading, item, facts):
            facts = [f for f in facts if f not in seen]
            seen.update(facts)
            if facts:
                groups.append((heading, item, facts))

        for item in self.exclusion_items():
            add(kind_label(self.pack, "exclusion"), item, item.facts)
        pre = [p.fact for p in self.pack.preconditions if p.fact in self.answers] + [
            p.fact for p in self.preconditions()]
        add("前提条件", None, list(dict.fromkeys(pre)))
        for item in self.candidate_items():
            if item.kind != "exclusion":
                add(kind_label(self.pack, item.kind), item, item.facts)
        # Anything answered earlier that no longer belongs to a shown item stays visible too.
        add("其他已回答的问题", None, [f.id for f in self.pack.facts if f.id in self.answers])
        return groups

    def outcome_label(self, outcome_id: Optional[str]) -> str:
        for o in self.pack.outcomes:
            if o.id == outcome_id:
                return o.label
        return ""
