"""The ministry port: what the platform needs from the ministry's enterprise interface (接入商接口).

The workflow only talks to this interface; the HTTP adapter reaches the bundled simulator by default,
and a provider adds an adapter for the real interface without touching the workflow.
"""

from dataclasses import dataclass, field
from typing import Protocol


class MinistryError(Exception):
    code = "ministry_error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class MinistryUnavailable(MinistryError):
    """Network trouble or a 5xx: retry later (the order waits; nothing is lost)."""

    code = "ministry_unavailable"


class MinistryRejected(MinistryError):
    """The ministry refused the request itself (bad signature, invalid body): retrying will not help."""

    code = "ministry_rejected"


STATUSES = ("accepted", "sms", "bureau", "approved", "rejected", "returned")


@dataclass
class Status:
    request_id: str
    status: str  # accepted | sms | bureau | approved | rejected | returned
    reason: str = ""
    icp_number: str = ""
    website_numbers: dict = field(default_factory=dict)  # first domain of each website -> 网站备案号
    # APP备案号 (`<subject>-<N>A`) per entry of the submitted application's `apps`, in its order: app_numbers[i] is
    # apps[i]'s ("" when the ministry issued none for it). An APP has no domain to key it by, and two APPs may share
    # a name, so the position in `apps` is what maps a number back to the order's APP unambiguously.
    app_numbers: list = field(default_factory=list)
    result_id: str = ""
    cursor: int = 0


class MinistryPort(Protocol):
    def submit(self, *, request_id: str, order_ref: str, kind: str, application: dict, filing_number: str = "",
               domain: str = "", app_number: str = "", changes: list | None = None) -> Status:
        """`changes`: a change filing's per-field changes (beian.filings.diff: path, group, label, before, after).
        A website-level kind names its website by `domain`, or its APP by `app_number` (APP备案号, `…号-NA`)."""
        ...

    def status(self, *, request_id: str) -> Status: ...

    def claim_record(self, *, subject_number: str = "", domain: str = "", cert_number: str = "") -> dict:
        """认领: the ministry's record of a subject (by number or one of its domains, with its certificate number) as
        this provider may see it: {"found": False} | {"found": True, "at_provider": False} | {"found": True,
        "at_provider": True, "record": {subject_number, province, name, nature, region, subject, websites}}."""
        ...

    def results(self, *, cursor: int) -> tuple[list[Status], int]: ...

    def register_callback(self, *, url: str) -> str:
        """Ask the ministry to push results to `url` (blank = pull only); returns the registered url."""
        ...
