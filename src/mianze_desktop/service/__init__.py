"""The one service API that the GUI and the CLI both call.

Each area lives in its own module and is reached as an attribute of ``Service``:
``svc.policies`` (policy packs, suggestions, checks), ``svc.cases`` (store and
workflow), ``svc.documents`` (PDF), ``svc.ledger`` (xlsx). Areas are created on
first use so that a command which only lists policies never opens a database
or imports ReportLab/openpyxl.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .. import paths
from .errors import ServiceError, UserError

if TYPE_CHECKING:  # imported on first use: the pack model (pydantic) is not needed to open the case list
    from .policies import PolicyService

__all__ = ["Service", "ServiceError", "UserError"]


class Service:
    def __init__(self, data_dir: Optional[Path | str] = None, database_url: Optional[str] = None,
                 user: Optional[str] = None, password=None):
        """``user``/``password`` log in when the data folder has accounts (``password`` may be a
        callable, asked only then); without accounts ``user`` only names the audit entries."""
        self.data_dir = Path(data_dir) if data_dir else paths.default_data_dir()
        self.database_url = database_url
        self.user = user
        self.password = password

    @cached_property
    def policies(self) -> PolicyService:
        from .policies import PolicyService

        return PolicyService(self)

    @cached_property
    def cases(self):
        from .cases import CaseService

        return CaseService(self)

    @cached_property
    def documents(self):
        from .documents import DocumentService

        return DocumentService(self)

    @cached_property
    def ledger(self):
        from .ledger import LedgerService

        return LedgerService(self)

    # -- accounts and permissions (service/accounts.py, service/permissions.py) ----------------------
    @cached_property
    def users(self):
        from .accounts import AccountService

        return AccountService(self)

    def login(self, name: str, password: str):
        """Log in as an account (the GUI's login dialog); raises AuthError, audited, on failure."""
        return self.users.login(name, password, record=True)

    def current_user(self):
        """The acting Principal (an account, or the local administrator when there are no accounts)."""
        return self.users.current()

    def authorize(self, action: str):
        """The acting Principal, if its role may do ``action``; else PermissionDenied / AuthError."""
        from .permissions import require_role

        principal = self.users.current()
        require_role(principal, action)
        return principal

    def close(self) -> None:
        cases = self.__dict__.get("cases")
        if cases is not None and hasattr(cases, "close"):
            cases.close()
