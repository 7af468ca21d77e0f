"""peewee models of the case store. The same models serve SQLite and PostgreSQL.

All models bind to ``database_proxy``; ``store.db.open_store`` initialises it.
JSON-ish values are stored as TEXT (canonical JSON) so that both backends and the
audit hashes see exactly the same bytes.
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from typing import Any

import peewee as pw


class ThreadLocalDatabaseProxy(pw.DatabaseProxy):
    """A database proxy whose target is per thread, so that two Services (two databases) in two
    threads never see each other's database; ``using(db)`` sets it for the current thread."""

    __slots__ = ("_local",)

    def __init__(self):
        object.__setattr__(self, "_local", threading.local())
        super().__init__()

    @property
    def obj(self):
        return getattr(self._local, "db", None)

    def __setattr__(self, attr, value):
        if attr == "obj":
            self._local.db = value
        elif attr in ("_callbacks", "_Model", "_local"):
            object.__setattr__(self, attr, value)
        else:
            raise AttributeError("Cannot set attribute on proxy.")


database_proxy = ThreadLocalDatabaseProxy()


@contextmanager
def using(db: pw.Database):
    """Run the models against ``db`` in this thread (nests; restores the previous database)."""
    previous = database_proxy.obj
    database_proxy.obj = db
    try:
        yield db
    finally:
        database_proxy.obj = previous


def dumps(value: Any) -> str:
    """Canonical JSON: the text that audit hashes are computed over."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class JSONText(pw.TextField):
    """A JSON value kept as canonical text."""

    def db_value(self, value):
        return None if value is None else dumps(value)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(pw.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = pw.IntegerField()
    applied_at = pw.CharField()
    note = pw.CharField(default="")


class Setting(BaseModel):
    key = pw.CharField(primary_key=True, max_length=80)
    value = JSONText(null=True)


class PolicySnapshot(BaseModel):
    """The pack a case was opened under (id + revision), kept so old cases never change."""

    policy = pw.CharField(max_length=80)
    revision = pw.IntegerField()
    content = JSONText()
    sha256 = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("policy", "revision"), True),)


class NumberSequence(BaseModel):
    key = pw.CharField(primary_key=True, max_length=120)
    last = pw.IntegerField(default=0)


class Case(BaseModel):
    number = pw.CharField(max_length=80, unique=True)
    policy = pw.CharField(max_length=80, index=True)
    policy_revision = pw.IntegerField(default=1)
    status = pw.CharField(max_length=80, index=True)
    paused_from = pw.CharField(max_length=80, null=True)
    applicant = pw.CharField(max_length=120, default="")
    unit = pw.CharField(max_length=200, default="", index=True)
    position = pw.CharField(max_length=120, default="")
    unit_position = pw.CharField(max_length=300, default="")
    tier = pw.CharField(max_length=20, default="")
    work_type = pw.CharField(max_length=40, default="")
    accepting_body = pw.CharField(max_length=200, default="")
    party_org = pw.CharField(max_length=200, default="")
    party_org_opinion = pw.TextField(default="")
    matter = pw.TextField(default="")
    facts_reasons = pw.TextField(default="")
    remarks = pw.TextField(default="")
    form = JSONText(default=dict)
    candidates = JSONText(default=list)
    justification = pw.TextField(default="")
    applied_on = pw.DateField(index=True)
    stage_dates = JSONText(default=dict)
    outcome = pw.CharField(max_length=80, null=True, index=True)
    archive_number = pw.CharField(max_length=120, null=True)
    search_text = pw.TextField(default="")
    version = pw.IntegerField(default=1)
    created_at = pw.CharField(max_length=32)
    updated_at = pw.CharField(max_length=32)

    class Meta:
        table_name = "cases"  # "case" is an SQL keyword
        indexes = ((("applied_on", "id"), False),)


class Answer(BaseModel):
    case = pw.ForeignKeyField(Case, backref="answer_rows", on_delete="CASCADE")
    fact = pw.CharField(max_length=80)
    value = pw.BooleanField(null=True)

    class Meta:
        indexes = ((("case", "fact"), True),)


class Investigator(BaseModel):
    case = pw.ForeignKeyField(Case, backref="investigator_rows", on_delete="CASCADE")
    name = pw.CharField(max_length=120)
    unit = pw.CharField(max_length=200, default="")
    position = pw.CharField(max_length=120, default="")
    no_conflict_declared = pw.BooleanField(default=False)
    sort = pw.IntegerField(default=0)


class Statement(BaseModel):
    case = pw.ForeignKeyField(Case, backref="statement_rows", on_delete="CASCADE")
    kind = pw.CharField(max_length=20)
    speaker = pw.CharField(max_length=200, default="")
    content = pw.TextField()
    heard_on = pw.DateField(null=True)


class Decision(BaseModel):
    case = pw.ForeignKeyField(Case, backref="decision_rows", unique=True, on_delete="CASCADE")
    outcome = pw.CharField(max_length=80)
    outcome_label = pw.CharField(max_length=80, default="")
    matched = JSONText(default=list)
    excluded_by = JSONText(default=list)
    investigated_facts = pw.TextField(default="")
    basis = pw.TextField(default="")
    conclusion = pw.TextField(default="")
    approving_body = pw.CharField(max_length=200, default="")
    decision_number = pw.CharField(max_length=120, default="")
    decided_on = pw.DateField(null=True)
    form = JSONText(default=dict)


class Notification(BaseModel):
    case = pw.ForeignKeyField(Case, backref="notification_rows", on_delete="CASCADE")
    recipient = pw.CharField(max_length=200)
    recipient_kind = pw.CharField(max_length=20, default="other")  # applicant | unit | other
    channel = pw.CharField(max_length=40, default="")
    notified_on = pw.DateField()
    content = pw.TextField(default="")


class Report(BaseModel):
    """A report to a supervising body (procedure.report_to), e.g. the 纪检监察 body."""

    case = pw.ForeignKeyField(Case, backref="report_rows", on_delete="CASCADE")
    recipient = pw.CharField(max_length=200)
    reported_on = pw.DateField()
    reference = pw.CharField(max_length=120, default="")
    content = pw.TextField(default="")


class Attachment(BaseModel):
    case = pw.ForeignKeyField(Case, backref="attachment_rows", on_delete="CASCADE")
    name = pw.CharField(max_length=255)
    stored_path = pw.CharField(max_length=400)  # relative to the attachments folder
    sha256 = pw.CharField(max_length=64)
    size = pw.BigIntegerField()
    added_on = pw.CharField(max_length=32)
    removed_at = pw.CharField(max_length=32, null=True)


class AttachmentContent(BaseModel):
    """The bytes of an evidence file in a PostgreSQL database, so that every PC sharing the server can open
    and verify it (store/attachments.py); keyed by SHA-256. Unused with SQLite (the folder is local anyway)."""

    sha256 = pw.CharField(max_length=64, primary_key=True)
    size = pw.BigIntegerField()
    data = pw.BlobField()


class AuditEntry(BaseModel):
    """One append-only audit row; ``hash`` chains it to the previous row (``prev_hash``)."""

    seq = pw.IntegerField(unique=True)
    at = pw.CharField(max_length=32)
    user = pw.CharField(max_length=120, column_name="username")  # "user" is reserved in PostgreSQL
    case_id = pw.IntegerField(null=True, index=True)
    action = pw.CharField(max_length=40)
    entity = pw.CharField(max_length=40, default="case")
    entity_id = pw.CharField(max_length=80, default="")
    before = pw.TextField(default="null")
    after = pw.TextField(default="null")
    state_hash = pw.CharField(max_length=64, default="")
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)


class HolidayOverride(BaseModel):
    day = pw.DateField(unique=True)
    workday = pw.BooleanField()
    note = pw.CharField(max_length=120, default="")


class Unit(BaseModel):
    name = pw.CharField(max_length=200, unique=True)
    short_name = pw.CharField(max_length=80, default="")
    tier = pw.CharField(max_length=20, default="")
    parent = pw.CharField(max_length=200, default="")


class Person(BaseModel):
    name = pw.CharField(max_length=120)
    unit = pw.CharField(max_length=200, default="")
    position = pw.CharField(max_length=120, default="")
    phone = pw.CharField(max_length=40, default="")

    class Meta:
        indexes = ((("name", "unit"), True),)


class User(BaseModel):
    """A login account (schema 2). No rows: the data folder runs in single-user local mode."""

    name = pw.CharField(max_length=80, unique=True)
    display_name = pw.CharField(max_length=120, default="")
    role = pw.CharField(max_length=20)  # clerk | reviewer | admin (service/permissions.py)
    password_hash = pw.CharField(max_length=255)  # argon2id
    active = pw.BooleanField(default=True)
    created_at = pw.CharField(max_length=32)
    updated_at = pw.CharField(max_length=32)

    class Meta:
        table_name = "users"  # "user" is reserved in PostgreSQL


ALL_MODELS = [
    SchemaVersion, Setting, PolicySnapshot, NumberSequence, Case, Answer, Investigator, Statement,
    Decision, Notification, Report, Attachment, AuditEntry, HolidayOverride, Unit, Person, User,
    AttachmentContent,
]
# Tables dumped/restored by the portable (JSON) backup, parents before children. The attachment bytes
# travel as files in the backup archive instead (restoring into PostgreSQL shares them again).
TABLES_IN_ORDER = [model for model in ALL_MODELS if model is not AttachmentContent]
