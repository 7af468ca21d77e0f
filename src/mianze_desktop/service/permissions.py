"""Who may do what: the one permission table (action → roles) and the checks that use it.

Three roles: 经办人 (clerk) opens and edits their own cases and prints forms; 审核人 (reviewer)
investigates, decides and notifies; 管理员 (admin) manages policy packs, users, settings and
backups, and may do everything else. A data folder without accounts runs in single-user
local mode as its administrator.

Every public method of the case service names its action in ``METHOD_ACTIONS`` and is wrapped
by ``guarded`` (a method missing from the table fails at import time). Changes of one case are
checked again with the case in hand (``check_case``): a clerk only changes cases they created;
the applicant never investigates, decides or notifies their own case; an archived case is
read-only except for an administrator's amendment with a reason.
"""
from __future__ import annotations

import functools
from typing import Iterable, Optional

from .errors import ServiceError, UserError

CLERK, REVIEWER, ADMIN = "clerk", "reviewer", "admin"
ROLE_LABELS = {CLERK: "经办人", REVIEWER: "审核人", ADMIN: "管理员"}
ALL = frozenset(ROLE_LABELS)

PERMISSIONS: dict[str, frozenset] = {
    "case.read": ALL,
    "case.create": frozenset({CLERK, ADMIN}),
    "case.edit": ALL,  # a clerk: own cases only (OWN_CASES_ONLY)
    "case.investigate": frozenset({REVIEWER, ADMIN}),
    "case.decide": frozenset({REVIEWER, ADMIN}),
    "case.notify": frozenset({REVIEWER, ADMIN}),
    "case.archive": ALL,  # a clerk: own cases only
    "case.amend_archived": frozenset({ADMIN}),
    "case.import": frozenset({ADMIN}),
    "policy.import": frozenset({ADMIN}),
    "settings.read": ALL,
    "settings.edit": frozenset({ADMIN}),
    "holiday.edit": frozenset({ADMIN}),
    "directory.edit": ALL,
    "audit.read": ALL,
    "db.verify": ALL,
    "db.backup": frozenset({ADMIN}),
    "db.restore": frozenset({ADMIN}),
    "samples.load": frozenset({ADMIN}),
    "user.manage": frozenset({ADMIN}),
}

ACTION_LABELS = {
    "case.read": "查看案件", "case.create": "新建案件", "case.edit": "修改案件", "case.investigate": "调查核实",
    "case.decide": "作出认定", "case.notify": "告知与报送", "case.archive": "归档",
    "case.amend_archived": "修改已归档案件", "case.import": "批量导入案件", "policy.import": "导入政策包",
    "settings.read": "查看设置", "settings.edit": "修改设置", "holiday.edit": "维护节假日", "directory.edit": "维护单位人员名录",
    "audit.read": "查看审计记录", "db.verify": "校验数据库", "db.backup": "备份", "db.restore": "恢复备份",
    "samples.load": "载入示例案件", "user.manage": "管理用户",
}

OWN_CASES_ONLY = {CLERK: frozenset({"case.edit", "case.archive"})}
NOT_BY_APPLICANT = frozenset({"case.investigate", "case.decide", "case.notify"})

# What entering a stage of a given role counts as.
STAGE_ACTIONS = {"apply": "case.edit", "accept": "case.edit", "other": "case.edit",
                 "investigate": "case.investigate", "pause": "case.investigate", "decide": "case.decide",
                 "report": "case.notify", "notify": "case.notify", "archive": "case.archive"}
# What a payload key of ``advance`` counts as (other keys: case.edit).
PAYLOAD_ACTIONS = {"investigators": "case.investigate", "investigator": "case.investigate",
                   "statements": "case.investigate", "statement": "case.investigate",
                   "decision": "case.decide", "notifications": "case.notify", "notification": "case.notify",
                   "reports": "case.notify", "report": "case.notify", "date": None}
# The audit action of a change of one case -> what it needs.
CHANGE_ACTIONS = {
    "update": {"case.edit"}, "attach": {"case.edit"}, "remove_attachment": {"case.edit"},
    "add_investigator": {"case.investigate"}, "remove_investigator": {"case.investigate"},
    "add_statement": {"case.investigate"}, "record_decision": {"case.decide"},
    "notify": {"case.notify"}, "add_report": {"case.notify"}, "wizard": {"case.edit"},
    "amend_archived": {"case.amend_archived"},
}

# Public methods of the case service (and of the policy service's import) -> their action.
METHOD_ACTIONS = {
    "create": "case.create", "get": "case.read", "records": "case.read", "list": "case.read", "count": "case.read",
    "list_rows": "case.read", "dashboard": "case.read", "running_deadline": "case.read",
    "update": "case.edit", "advance": "case.read", "resume": "case.read", "next_stages": "case.read",
    "check": "case.read", "add_investigator": "case.investigate", "remove_investigator": "case.investigate",
    "add_statement": "case.investigate", "preview_decision": "case.read", "record_decision": "case.decide",
    "notify": "case.notify", "add_report": "case.notify", "attach": "case.edit", "remove_attachment": "case.edit",
    "attachment_path": "case.read", "save_checklist": "case.edit", "checklist_progress": "case.read",
    "save_checklist_progress": "case.edit", "amend_archived": "case.amend_archived",
    "existing_numbers": "case.read", "import_records": "case.import",
    "get_setting": "settings.read", "settings": "settings.read", "set_setting": "settings.edit",
    "calendar": "case.read", "deadline": "case.read", "list_holidays": "case.read",
    "set_holiday": "holiday.edit", "import_holidays": "holiday.edit", "remove_holiday": "holiday.edit",
    "list_units": "case.read", "save_unit": "directory.edit", "list_persons": "case.read",
    "save_person": "directory.edit", "history": "audit.read", "verify": "db.verify", "backup": "db.backup",
    "restore": "db.restore", "upgrade": "db.verify", "load_samples": "samples.load",
    "import_file": "policy.import",
}


class PermissionDenied(ServiceError):
    """The logged-in user's role may not do this (or not to this case); nothing was changed."""


class AuthError(ServiceError):
    """Not logged in, unknown user, wrong password or a disabled account."""


def role_label(role: str) -> str:
    return f"{ROLE_LABELS.get(role, role)} ({role})"


def allowed(role: str, action: str) -> bool:
    return role in PERMISSIONS[action]


def require_role(principal, action: str) -> None:
    if not allowed(principal.role, action):
        who = ", ".join(ROLE_LABELS[r] for r in ROLE_LABELS if r in PERMISSIONS[action])
        raise PermissionDenied(f"permission denied: {principal.name} is {role_label(principal.role)} and may not "
                               f"{ACTION_LABELS.get(action, action)} ({action}; allowed: {who}); nothing was changed")


def guarded(method):
    """Check the method's action (``METHOD_ACTIONS``) for the logged-in user before running it."""
    action = METHOD_ACTIONS[method.__name__]

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        self._service.authorize(action)
        return method(self, *args, **kwargs)

    wrapper.permission = action
    return wrapper


def api(method):
    """A public case-service method: checked by ``guarded``, run with the models bound to the service's
    database, a constraint violation reported as a one-line UserError (nothing was saved)."""
    import peewee as pw  # imported by the store before any service method runs

    method = guarded(method)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.store.session():
            try:
                return method(self, *args, **kwargs)
            except pw.IntegrityError as exc:
                raise UserError(f"the change conflicts with saved data ({str(exc).splitlines()[0]}); "
                                "nothing was saved") from None

    return wrapper


def _norm(name: Optional[str]) -> str:
    return "".join((name or "").split())


def is_applicant(principal, applicant: str) -> bool:
    """The logged-in user is the case's applicant (display name or account name, spaces ignored)."""
    applicant = _norm(applicant)
    return bool(applicant) and applicant in {_norm(principal.display_name), _norm(principal.name)}


def advance_needs(pack, to_stage: str, payload: dict) -> set[str]:
    """What moving a case to ``to_stage`` with ``payload`` needs."""
    needs = set()
    try:
        needs.add(STAGE_ACTIONS.get(pack.stage(to_stage).role, "case.edit"))
    except (KeyError, ValueError, StopIteration, AttributeError):
        needs.add("case.edit")  # an unknown stage: the workflow refuses it with its own message
    for key in payload or {}:
        action = PAYLOAD_ACTIONS.get(key, "case.edit")
        if action:
            needs.add(action)
    return needs


def is_archived(pack, status: str) -> bool:
    try:
        return pack.stage(status).role == "archive"
    except (KeyError, ValueError, StopIteration, AttributeError):
        return status == getattr(pack.procedure, "archive_stage", None)


def check_case(principal, case_row, pack, needs: Iterable[str], creator: Optional[str]) -> None:
    """Raise PermissionDenied unless ``principal`` may do ``needs`` to this case."""
    needs = sorted(set(needs))
    for action in needs:
        require_role(principal, action)
    if is_archived(pack, case_row.status) and "case.amend_archived" not in needs:
        raise PermissionDenied(f"case {case_row.number} is archived and read-only; an administrator may amend it "
                               "with a reason (`mianze case amend`); nothing was changed")
    own_only = OWN_CASES_ONLY.get(principal.role, frozenset())
    if own_only.intersection(needs) and creator != principal.name:
        raise PermissionDenied(f"permission denied: {principal.name} is {role_label(principal.role)} and may only "
                               f"change cases they opened; case {case_row.number} was opened by "
                               f"{creator or 'someone else'}; nothing was changed")
    acting = NOT_BY_APPLICANT.intersection(needs)
    if acting and is_applicant(principal, case_row.applicant):
        raise PermissionDenied(f"{principal.display_name or principal.name} is the applicant of case {case_row.number} "
                               "and cannot investigate, decide or notify it (回避); nothing was changed")
