"""User accounts and logging in (``svc.users``).

A data folder without accounts runs in single-user local mode: whoever runs the program acts
as its administrator (scripts and ``mianze --data-dir NEW …`` need no login). The first account
must be an administrator; from then on every call logs in with a name and a password (the GUI's
login dialog, the CLI's ``--user NAME`` with MIANZE_PASSWORD or a prompt). Passwords are kept as
argon2id hashes only. Failed logins are audited (the name tried and why, never the password);
user changes are audited without the hash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

from ..store import audit
from ..store import models as m
from ..store.db import SQLITE_NAME, read_config
from . import permissions as perm
from .errors import UserError
from .permissions import ADMIN, ROLE_LABELS, AuthError, PermissionDenied

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
_NAME = re.compile(r"^[^\s\x00-\x1f\x7f]{1,80}$")
PasswordSource = Union[str, Callable[[], str], None]


def _hasher():
    from argon2 import PasswordHasher

    # OWASP's argon2id minimum (19 MiB, 2 passes): a login on an old county PC stays well under a second.
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError, ValueError):
        return False


_DUMMY_HASH: list[str] = []


def _dummy_hash() -> str:
    """Checked against for an unknown name, so that a wrong name takes as long as a wrong password."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password("not-a-password-of-anyone"))
    return _DUMMY_HASH[0]


@dataclass(frozen=True)
class Principal:
    """Who is acting: an account, or the local administrator of a folder without accounts."""

    name: str
    role: str
    display_name: str = ""
    local: bool = False

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    def to_dict(self) -> dict:
        return {"name": self.name, "display_name": self.display_name, "role": self.role,
                "role_label": self.role_label, "local": self.local}


def _user_dict(u: m.User) -> dict:
    return {"name": u.name, "display_name": u.display_name, "role": u.role, "role_label": ROLE_LABELS.get(u.role, u.role),
            "active": bool(u.active), "created_at": u.created_at, "updated_at": u.updated_at}


class AccountService:
    def __init__(self, service):
        self._service = service
        self._principal: Optional[Principal] = None

    # -- plumbing -----------------------------------------------------------------------------------
    @property
    def _store(self):
        return self._service.cases.store

    def _database_exists(self) -> bool:
        cases = self._service.__dict__.get("cases")
        if cases is not None and cases._store is not None:
            return True
        if self._service.database_url:
            return True
        try:
            if read_config(self._service.data_dir).get("database_url"):
                return True
        except Exception:  # a broken config.json: opening the store reports it
            return True
        return (self._service.data_dir / SQLITE_NAME).exists()

    def has_accounts(self) -> bool:
        """True when the data folder has at least one account (then everyone must log in)."""
        if not self._database_exists():
            return False
        store = self._store
        with store.session():
            return m.User.select().exists()

    def _audit(self, user: str, action: str, entity_id: str = "", before=None, after=None) -> None:
        audit.append(self._store, user=user[:120] or "?", action=action, entity="user",
                     entity_id=entity_id[:80], before=before, after=after)

    # -- who is acting ---------------------------------------------------------------------------------
    def current(self) -> Principal:
        """The acting user; logs in with the service's user/password on first use when accounts exist.
        The account is read again at every call: a disabled account stops, a new role applies at once.
        (No lock is held around the database: a worker thread may be writing meanwhile.)"""
        p = self._principal
        if p is not None and p.local:
            if not self.has_accounts():
                return p
            self._principal = p = None  # accounts were created meanwhile (by another program)
        if p is not None:
            with self._store.session():
                row = m.User.get_or_none(m.User.name == p.name)
            if row is None or not row.active:
                self._principal = None
                raise AuthError(f"account {p.name} was disabled or removed; log in again")
            if row.role != p.role or row.display_name != p.display_name:
                self._principal = p = Principal(row.name, row.role, row.display_name)
            return p
        if not self.has_accounts():
            p = self._principal = Principal(audit.current_user(self._service.user), ADMIN, "", local=True)
            return p
        name = (self._service.user or "").strip()
        if not name:
            raise AuthError("this data folder has user accounts: log in with --user NAME "
                            "(the password from MIANZE_PASSWORD or a prompt)")
        source = self._service.password
        password = source() if callable(source) else source
        return self.login(name, password or "")

    def audit_name(self) -> str:
        p = self._principal
        return p.name if p is not None else audit.current_user(self._service.user)

    def login(self, name: str, password: str, record: bool = False) -> Principal:
        """Check a name and password; on success the service acts as that user. A failure raises
        AuthError (one message for every reason) and is audited with the reason, never the password."""
        name = (name or "").strip()
        store = self._store
        with store.session():
            row = m.User.get_or_none(m.User.name == name) if name else None
            if row is None:
                _verify(_dummy_hash(), password or "")
                reason = "unknown user"
            elif not _verify(row.password_hash, password or ""):
                reason = "wrong password"
            elif not row.active:
                reason = "account disabled"
            else:
                reason = ""
            if reason:
                with store.write():
                    self._audit(name, "login_failed", name, after={"reason": reason})
                raise AuthError(f"login failed for {name or '(no name)'}: unknown user, wrong password or "
                                "disabled account")
            self._rehash_if_needed(row, password)
            self._principal = Principal(row.name, row.role, row.display_name)
            if record:
                with store.write():
                    self._audit(row.name, "login", row.name)
            return self._principal

    def _rehash_if_needed(self, row: m.User, password: str) -> None:
        try:
            needs = _hasher().check_needs_rehash(row.password_hash)
        except Exception:
            needs = False
        if needs:
            with self._store.write():
                m.User.update(password_hash=hash_password(password)).where(m.User.id == row.id).execute()

    def logout(self) -> None:
        self._principal = None

    def can(self, action: str) -> bool:
        """Whether the acting user's role may do ``action`` (for greying out buttons; the service checks anyway)."""
        try:
            return perm.allowed(self.current().role, action)
        except AuthError:
            return False

    # -- managing accounts (administrators) ------------------------------------------------------------
    @staticmethod
    def _clean_name(name) -> str:
        name = str(name or "").strip()
        if not _NAME.match(name):
            raise UserError(f"user name {name!r}: use 1–80 characters without spaces")
        return name

    @staticmethod
    def _clean_role(role) -> str:
        if role not in ROLE_LABELS:
            raise UserError(f"role {role!r}: use one of " + ", ".join(f"{r} ({label})" for r, label in ROLE_LABELS.items()))
        return role

    @staticmethod
    def _clean_password(password) -> str:
        if not isinstance(password, str) or len(password) < MIN_PASSWORD:
            raise UserError(f"the password must have at least {MIN_PASSWORD} characters")
        if len(password) > MAX_PASSWORD or any(ord(c) < 32 for c in password):
            raise UserError(f"the password must be at most {MAX_PASSWORD} printable characters")
        return password

    def _manage(self) -> Principal:
        return self._service.authorize("user.manage")

    def list(self) -> list[dict]:
        self._manage()
        with self._store.session():
            return [_user_dict(u) for u in m.User.select().order_by(m.User.name)]

    def add(self, name: str, role: str, password: str, display_name: str = "") -> dict:
        """Create an account. The first account of a data folder must be an administrator."""
        acting = self._manage()
        name, role = self._clean_name(name), self._clean_role(role)
        password = self._clean_password(password)
        display_name = " ".join(str(display_name or "").split())[:120]
        digest = hash_password(password)
        store = self._store
        with store.session(), store.write():
            first = not m.User.select().exists()
            if first and role != ADMIN:
                raise UserError("the first account must be an administrator (--role admin); otherwise nobody could "
                                "manage users, settings or backups once logging in is required")
            if m.User.select().where(m.User.name == name).exists():
                raise UserError(f"user {name} already exists")
            now = audit.now_stamp()
            row = m.User.create(name=name, display_name=display_name, role=role, password_hash=digest, active=True,
                                created_at=now, updated_at=now)
            self._audit(acting.name, "user_add", name, after={"name": name, "display_name": display_name,
                                                               "role": role, "active": True})
        if first and acting.local:  # whoever created the first account goes on as that administrator
            self._principal = Principal(row.name, row.role, row.display_name)
        return _user_dict(row)

    def _row(self, name: str) -> m.User:
        row = m.User.get_or_none(m.User.name == str(name or "").strip())
        if row is None:
            raise UserError(f"no user {name!r}")
        return row

    def _other_active_admins(self, row: m.User) -> int:
        return m.User.select().where(m.User.role == ADMIN, m.User.active == True, m.User.id != row.id).count()  # noqa: E712

    def set_password(self, name: str, password: str) -> dict:
        """An administrator sets anyone's password; every user may change their own."""
        acting = self._service.authorize("case.read")
        if acting.name != str(name or "").strip() and not perm.allowed(acting.role, "user.manage"):
            raise PermissionDenied(f"permission denied: {acting.name} may only change their own password")
        password = self._clean_password(password)
        digest = hash_password(password)
        store = self._store
        with store.session(), store.write():
            row = self._row(name)
            row.password_hash, row.updated_at = digest, audit.now_stamp()
            row.save()
            self._audit(acting.name, "user_password", row.name, after={"password": "changed"})
            return _user_dict(row)

    def set_active(self, name: str, active: bool) -> dict:
        acting = self._manage()
        store = self._store
        with store.session(), store.write():
            row = self._row(name)
            if not active and row.role == ADMIN and row.active and not self._other_active_admins(row):
                raise UserError(f"{row.name} is the last active administrator and cannot be disabled")
            before = bool(row.active)
            row.active, row.updated_at = bool(active), audit.now_stamp()
            row.save()
            self._audit(acting.name, "user_enable" if active else "user_disable", row.name,
                        before={"active": before}, after={"active": bool(active)})
            return _user_dict(row)

    def disable(self, name: str) -> dict:
        return self.set_active(name, False)

    def enable(self, name: str) -> dict:
        return self.set_active(name, True)

    def set_role(self, name: str, role: str, display_name: Optional[str] = None) -> dict:
        acting = self._manage()
        role = self._clean_role(role)
        store = self._store
        with store.session(), store.write():
            row = self._row(name)
            if row.role == ADMIN and role != ADMIN and row.active and not self._other_active_admins(row):
                raise UserError(f"{row.name} is the last active administrator and must stay one")
            before = {"role": row.role, "display_name": row.display_name}
            row.role = role
            if display_name is not None:
                row.display_name = " ".join(str(display_name).split())[:120]
            row.updated_at = audit.now_stamp()
            row.save()
            self._audit(acting.name, "user_change", row.name, before=before,
                        after={"role": row.role, "display_name": row.display_name})
            return _user_dict(row)
