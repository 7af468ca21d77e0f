"""The policy pack schema (pydantic models).

A policy pack is a YAML file that encodes one city's 容错纠错 / 尽职免责 policy:
its items (applicable situations, mitigation cases, exclusions), the yes/no facts
that establish them, outcome grades, procedure, deadlines and annex forms.
docs/policy-format.md documents every field for people who encode a pack.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION = 1

ItemKind = Literal["applicable", "mitigation", "exclusion"]
ITEM_KINDS: tuple[str, ...] = ("applicable", "mitigation", "exclusion")
ITEM_ID_RE = re.compile(r"^(applicable|mitigation|exclusion)-([1-9][0-9]*)$")
SLUG_RE = r"^[a-z0-9][a-z0-9_.-]*$"


class _Strict(BaseModel):
    # Unknown keys are errors: a typo in a pack must not be silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Fact(_Strict):
    """A yes/no question; items hold when all their facts are answered 'yes'."""

    id: str = Field(pattern=SLUG_RE)
    question: str = Field(min_length=2)
    help: str = ""


class Precondition(_Strict):
    """A general condition every applicable item needs (濮阳: 已经履职尽责且能够及时报告并积极予以整改纠正)."""

    fact: str
    text: str = Field(min_length=2, description="verbatim policy text of the condition")
    citation: str = ""
    applies_to: list[ItemKind] = Field(default_factory=lambda: ["applicable"])


class Item(_Strict):
    id: str
    kind: ItemKind
    number: int = Field(ge=1)
    title: str = Field(min_length=2, max_length=40)
    citation: str = Field(min_length=2)
    text: str = Field(min_length=4, description="verbatim text of the item")
    facts: list[str] = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    synonyms: list[str] = Field(default_factory=list)
    catch_all: bool = False

    @model_validator(mode="after")
    def _id_matches_kind_and_number(self) -> "Item":
        m = ITEM_ID_RE.match(self.id)
        if not m:
            raise ValueError(f"id {self.id!r} must look like <kind>-<number>, e.g. applicable-13")
        if m.group(1) != self.kind or int(m.group(2)) != self.number:
            raise ValueError(
                f"id {self.id!r} does not match kind {self.kind!r} and number {self.number}"
            )
        return self


OutcomeRole = Literal["exempt", "lighter", "reduced", "refused"]


class Outcome(_Strict):
    """An outcome grade. role tells the engine what the grade means."""

    id: str = Field(pattern=SLUG_RE)
    label: str = Field(min_length=1)
    role: OutcomeRole
    description: str = ""


StageRole = Literal["apply", "accept", "investigate", "pause", "decide", "report", "notify", "archive", "other"]
# What the workflow checks before a case may enter a stage (see docs/policy-format.md).
REQUIREMENTS = (
    "application_fields",  # every required application_form field is filled
    "investigators",  # at least min_investigators, none of them the applicant (回避)
    "statement",  # the applicant's 申辩申诉 / opinions heard are recorded
    "decision",  # a decision with an outcome the engine allows; decision_form required fields
    "decision_number",  # the decision carries a document number
    "justification",  # a catch-all match has its written justification and collective review
    "report",  # the report to the bodies in procedure.report_to is recorded
    "notification",  # the applicant and the unit were notified
    "archive_number",  # an archive number is assigned
)


class Stage(_Strict):
    id: str = Field(pattern=SLUG_RE)
    label: str
    role: StageRole
    actor: str = ""
    description: str = ""
    optional: bool = False
    next: list[str] = Field(default_factory=list)
    requires: list[Literal[REQUIREMENTS]] = Field(default_factory=list)  # type: ignore[valid-type]


class Deadline(_Strict):
    id: str = Field(pattern=SLUG_RE)
    label: str
    start: str = Field(description="stage id whose date starts the count")
    end: str = Field(description="stage id that must be reached by the due date")
    days: int = Field(ge=1, le=365)
    unit: Literal["working", "calendar"] = "working"
    action: str = ""
    citation: str = ""


class Procedure(_Strict):
    accepting_body: str
    deciding_body: str
    investigating_body: str = ""
    min_investigators: int = Field(default=1, ge=1)
    recusal: bool = True
    report_to: list[str] = Field(default_factory=list)
    escalation: str = ""
    appeal: str = ""
    initial_stage: str
    archive_stage: str
    stages: list[Stage] = Field(min_length=2)
    deadlines: list[Deadline] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


FieldType = Literal["text", "textarea", "date", "choice", "person", "unit", "number"]


class FormField(_Strict):
    id: str = Field(pattern=SLUG_RE)
    label: str
    type: FieldType = "text"
    required: bool = False
    choices: list[str] = Field(default_factory=list)
    help: str = ""
    max_length: Optional[int] = Field(default=None, ge=1)
    signature: bool = Field(default=False, description="an opinion cell that ends in （盖章） and 年 月 日")
    default: str = ""
    # consecutive fields with the same group share a merged label cell in table documents
    # (威海 附件2: 容错对象情况 over 单位 / 姓名 / 职务)
    group: str = ""

    @model_validator(mode="after")
    def _choices_need_type(self) -> "FormField":
        if self.type == "choice" and not self.choices:
            raise ValueError(f"field {self.id!r} has type choice but no choices")
        return self


class Document(_Strict):
    kind: str = Field(pattern=SLUG_RE)
    title: str
    annex: str = ""
    layout: Literal["table", "letter"] = "table"
    source: Literal["application", "decision", "notification", "report"] = "application"
    # ids from application_form / decision_form, in the order the annex lists them
    fields: list[str] = Field(default_factory=list)
    # letter layout: body text with {placeholders} (see docs/policy-format.md)
    body: str = ""
    footer: str = ""


class Scope(_Strict):
    subjects: str = ""
    tiers: list[str] = Field(min_length=1)
    work_types: list[str] = Field(min_length=1)


class Pack(_Strict):
    format_version: Literal[1] = 1
    id: str = Field(pattern=SLUG_RE)
    revision: int = Field(default=1, ge=1)
    title: str
    short_title: str = ""
    region: str = ""
    doc_number: str
    issuers: list[str] = Field(min_length=1)
    issued_on: dt.date
    valid_from: dt.date
    valid_until: Optional[dt.date] = None
    supersedes: list[str] = Field(default_factory=list)
    terms: dict[str, str] = Field(default_factory=dict)
    scope: Scope
    facts: list[Fact] = Field(min_length=1)
    preconditions: list[Precondition] = Field(default_factory=list)
    items: list[Item] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=2)
    basis_template: str = "根据《{title}》（{doc_number}）{citations}之规定"
    procedure: Procedure
    application_form: list[FormField] = Field(min_length=1)
    decision_form: list[FormField] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)

    @field_validator("valid_until")
    @classmethod
    def _until_after_from(cls, v, info):
        start = info.data.get("valid_from")
        if v is not None and start is not None and v < start:
            raise ValueError(f"valid_until {v} is before valid_from {start}")
        return v

    @model_validator(mode="after")
    def _cross_references(self) -> "Pack":
        problems = cross_reference_problems(self.model_dump(mode="json"))
        if problems:
            raise PackCrossRefError(problems)
        return self

    # -- convenience -----------------------------------------------------
    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def items_of(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    def counts(self) -> dict[str, int]:
        return {k: len(self.items_of(k)) for k in ITEM_KINDS}

    def outcome_for(self, role: str) -> Optional[Outcome]:
        for o in self.outcomes:
            if o.role == role:
                return o
        return None

    def stage(self, stage_id: str) -> Stage:
        for s in self.procedure.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def document(self, kind: str) -> Document:
        for d in self.documents:
            if d.kind == kind:
                return d
        raise KeyError(kind)

    def is_valid_on(self, day: dt.date) -> bool:
        if day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def term(self, key: str, default: str) -> str:
        return self.terms.get(key, default)


class PackCrossRefError(ValueError):
    """Raised inside validation with (location, message) pairs so the loader can give lines."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(m for _, m in problems))


def _list_of(data, *path) -> list:
    node = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, list) else []


def _get(obj, key):
    return obj.get(key) if isinstance(obj, dict) else None


def _str(obj, key):
    """A text value, or None: hostile packs put lists where ids belong."""
    value = _get(obj, key)
    return value if isinstance(value, str) else None


def cross_reference_problems(data) -> list[tuple[tuple, str]]:
    """References between parts of a pack (ids, facts, stages, form fields).

    Works on the raw mapping too, so that these problems are reported together
    with type errors instead of only after every field is valid.
    """
    problems: list[tuple[tuple, str]] = []
    if not isinstance(data, dict):
        return problems

    def ids(path, key="id"):
        return [_get(x, key) for x in _list_of(data, *path)]

    def dupes(path, key="id"):
        seen: set = set()
        for i, v in enumerate(ids(path, key)):
            if isinstance(v, str) and v in seen:
                problems.append(((*path, i, key), f"duplicate id {v!r}"))
            if isinstance(v, str):
                seen.add(v)

    for path in (("facts",), ("items",), ("outcomes",), ("procedure", "stages"), ("procedure", "deadlines"),
                 ("application_form",), ("decision_form",)):
        dupes(path)
    dupes(("documents",), "kind")
    fact_ids = {x for x in ids(("facts",)) if isinstance(x, str)}
    for i, item in enumerate(_list_of(data, "items")):
        for j, fid in enumerate(_list_of(item, "facts")):
            if isinstance(fid, str) and fid not in fact_ids:
                problems.append((("items", i, "facts", j), f"unknown fact {fid!r} in {_get(item, 'id')}"))
    for i, pre in enumerate(_list_of(data, "preconditions")):
        fid = _get(pre, "fact")
        if isinstance(fid, str) and fid not in fact_ids:
            problems.append((("preconditions", i, "fact"), f"unknown fact {fid!r}"))
    outcomes = _list_of(data, "outcomes")
    roles = {_str(o, "role") for o in outcomes}
    for need in ("exempt", "refused"):
        if outcomes and need not in roles:
            problems.append((("outcomes",), f"no outcome with role {need!r}"))
    procedure = _get(data, "procedure")
    stage_ids = {x for x in ids(("procedure", "stages")) if isinstance(x, str)}
    if isinstance(procedure, dict) and stage_ids:
        for key in ("initial_stage", "archive_stage"):
            value = _str(procedure, key)
            if value is not None and value not in stage_ids:
                problems.append((("procedure", key), f"unknown stage {value!r}"))
        for i, stage in enumerate(_list_of(procedure, "stages")):
            for j, n in enumerate(_list_of(stage, "next")):
                if isinstance(n, str) and n not in stage_ids:
                    problems.append((("procedure", "stages", i, "next", j), f"unknown stage {n!r}"))
        for i, d in enumerate(_list_of(procedure, "deadlines")):
            for key in ("start", "end"):
                value = _get(d, key)
                if isinstance(value, str) and value not in stage_ids:
                    problems.append((("procedure", "deadlines", i, key), f"unknown stage {value!r}"))
        stages = {_str(st, "id"): st for st in _list_of(procedure, "stages") if _str(st, "id")}
        seen, todo = set(), [_str(procedure, "initial_stage")]
        while todo:
            sid = todo.pop()
            if sid in stages and sid not in seen:
                seen.add(sid)
                todo += [n for n in _list_of(stages[sid], "next") if isinstance(n, str)]
        if _str(procedure, "initial_stage") in stages:
            for i, sid in enumerate(stages):
                if sid not in seen:
                    problems.append((("procedure", "stages", i, "id"), f"stage {sid!r} cannot be reached from the initial stage"))
        problems += _deadline_path_problems(procedure, stages)
    if _list_of(data, "outcomes") and any(_str(it, "kind") == "mitigation" for it in _list_of(data, "items")):
        if "reduced" not in roles:
            problems.append((("outcomes",), "the pack has mitigation items but no outcome with role 'reduced'"))
    scope = _get(data, "scope")
    for i, field in enumerate(_list_of(data, "application_form")):
        allowed_key = {"tier": "tiers", "work_type": "work_types"}.get(_str(field, "id") or "")
        allowed = _list_of(scope, allowed_key) if allowed_key else []
        if allowed and _str(field, "type") == "choice":
            for j, choice in enumerate(_list_of(field, "choices")):
                if isinstance(choice, str) and choice not in allowed:
                    problems.append((("application_form", i, "choices", j),
                                     f"{choice!r} is not in scope.{allowed_key} ({'、'.join(map(str, allowed))})"))
    form_ids = {x for x in ids(("application_form",)) + ids(("decision_form",)) if isinstance(x, str)}
    for i, doc in enumerate(_list_of(data, "documents")):
        for j, fid in enumerate(_list_of(doc, "fields")):
            if isinstance(fid, str) and fid not in form_ids:
                problems.append((("documents", i, "fields", j), f"unknown form field {fid!r}"))
        for key in ("body", "footer"):
            for name in _placeholders(_get(doc, key)):
                dotted = "." in name and name.split(".", 1)[0] in DOTTED_ROOTS
                if name == UNBALANCED:
                    problems.append((("documents", i, key), UNBALANCED_MESSAGE))
                elif name not in LETTER_PLACEHOLDERS and name not in form_ids and not dotted:
                    problems.append((("documents", i, key), f"unknown placeholder {{{name}}}"))
    for name in _placeholders(_get(data, "basis_template")):
        if name == UNBALANCED:
            problems.append((("basis_template",), UNBALANCED_MESSAGE))
        elif name not in BASIS_PLACEHOLDERS:
            problems.append((("basis_template",), f"unknown placeholder {{{name}}} (use {', '.join(BASIS_PLACEHOLDERS)})"))
    return problems


def _deadline_path_problems(procedure: dict, stages: dict) -> list[tuple[tuple, str]]:
    """A deadline is done once its end stage has a date. If a case can go from the start stage to the
    archive stage without passing the end stage (it is optional, or on one branch only), that case would
    show the deadline running, then overdue, for good: such an end stage is refused."""
    problems: list[tuple[tuple, str]] = []
    archive = _str(procedure, "archive_stage")
    if archive not in stages:
        return problems
    for i, d in enumerate(_list_of(procedure, "deadlines")):
        start, end = _get(d, "start"), _get(d, "end")
        if not (isinstance(start, str) and isinstance(end, str) and start in stages and end in stages):
            continue
        if start == end:
            problems.append((("procedure", "deadlines", i, "end"), f"the deadline starts and ends at stage {end!r}"))
            continue
        reached, todo = set(), [start]
        while todo:  # every stage reachable from the start without passing the end stage
            sid = todo.pop()
            if sid == end or sid in reached or sid not in stages:
                continue
            reached.add(sid)
            todo += [n for n in _list_of(stages[sid], "next") if isinstance(n, str)]
        if archive in reached:
            problems.append((("procedure", "deadlines", i, "end"),
                             f"a case can go from stage {start!r} to the archive stage {archive!r} without passing "
                             f"stage {end!r}, so this deadline would never be met for it: end the deadline on a "
                             "stage every case passes through after its start"))
    return problems


# Placeholders a letter body may use besides the ids of the pack's form fields
# (documents/values.py fills them; docs/policy-format.md lists them for pack authors).
CASE_PLACEHOLDERS = ("number", "applicant", "unit", "position", "unit_position", "tier", "work_type",
                     "status_label", "archive_number", "justification")
DATE_PLACEHOLDERS = ("applied_on", "accepted_on", "decided_on", "notified_on", "archived_on")
DECISION_PLACEHOLDERS = ("outcome", "outcome_label", "basis", "conclusion", "investigated_facts",
                         "approving_body", "decision_number")
PROCEDURE_PLACEHOLDERS = ("accepting_body", "deciding_body", "investigating_body", "appeal", "escalation")
OTHER_PLACEHOLDERS = ("today", "matched_items", "matched_citations", "attachments", "report_to", "policy_title",
                      "policy_doc_number", "policy_short_title", "region", "issuers", "document_title",
                      "signing_body")
LETTER_PLACEHOLDERS = (CASE_PLACEHOLDERS + DATE_PLACEHOLDERS + DECISION_PLACEHOLDERS + PROCEDURE_PLACEHOLDERS
                       + OTHER_PLACEHOLDERS)
# A dotted name reads the record or the pack: {case.number}, {form.matter}, {decision.conclusion}, {policy.title}
DOTTED_ROOTS = ("case", "form", "decision", "policy")
BASIS_PLACEHOLDERS = ("title", "doc_number", "citations", "short_title")


UNBALANCED = "<unbalanced braces>"
UNBALANCED_MESSAGE = "a '{' without its '}' (or the reverse): placeholders are written {name}; use no other braces"


def _placeholders(text) -> list[str]:
    if not isinstance(text, str):
        return []
    import string

    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name]
    except ValueError:
        return [UNBALANCED]
