"""THE transition table: every allowed (from, to) with the roles that may make it. Nothing else moves an order."""

from beian.filings import states as s

APPLICANT, REVIEWER, SYSTEM, MINISTRY = "applicant", "reviewer", "system", "ministry"
ROLES = (APPLICANT, REVIEWER, SYSTEM, MINISTRY)

TABLE: dict[tuple[str, str], frozenset[str]] = {
    (s.DRAFT, s.MATERIALS): frozenset({APPLICANT}),
    (s.DRAFT, s.PROVIDER_REVIEW): frozenset({APPLICANT}),  # kinds with no materials (e.g. 取消接入)
    (s.MATERIALS, s.DRAFT): frozenset({APPLICANT}),
    (s.MATERIALS, s.PROVIDER_REVIEW): frozenset({APPLICANT}),
    (s.PROVIDER_REVIEW, s.SUPPLEMENT_REQUIRED): frozenset({REVIEWER}),
    (s.PROVIDER_REVIEW, s.PENDING_MINISTRY): frozenset({REVIEWER}),
    (s.SUPPLEMENT_REQUIRED, s.PROVIDER_REVIEW): frozenset({APPLICANT}),
    (s.PENDING_MINISTRY, s.SMS_VERIFICATION): frozenset({MINISTRY, SYSTEM}),
    (s.PENDING_MINISTRY, s.BUREAU_REVIEW): frozenset({MINISTRY, SYSTEM}),  # no SMS targets (取消接入)
    (s.PENDING_MINISTRY, s.RETURNED): frozenset({MINISTRY, REVIEWER}),
    (s.SMS_VERIFICATION, s.BUREAU_REVIEW): frozenset({MINISTRY}),
    (s.SMS_VERIFICATION, s.RETURNED): frozenset({MINISTRY, SYSTEM}),  # timeout or too many wrong entries
    (s.BUREAU_REVIEW, s.APPROVED): frozenset({MINISTRY}),
    (s.BUREAU_REVIEW, s.BUREAU_REJECTED): frozenset({MINISTRY}),
    (s.BUREAU_REJECTED, s.PROVIDER_REVIEW): frozenset({APPLICANT}),
    (s.RETURNED, s.PROVIDER_REVIEW): frozenset({APPLICANT}),
}
# 取消接入 goes from the applicant straight to the ministry (no 初审: nothing to review; docs/decisions.md).
# filings.services.submit_order is the only caller and takes this path for that kind only.
for _state in (s.DRAFT, s.MATERIALS, s.BUREAU_REJECTED, s.RETURNED):
    TABLE[(_state, s.PENDING_MINISTRY)] = frozenset({APPLICANT})
# Cancelling: the applicant, before the order is with the ministry (the real system has no recall then).
for _state in (s.DRAFT, s.MATERIALS, s.PROVIDER_REVIEW, s.SUPPLEMENT_REQUIRED, s.BUREAU_REJECTED, s.RETURNED):
    TABLE[(_state, s.CANCELLED)] = frozenset({APPLICANT})
for _state in s.EXPIRABLE:
    TABLE[(_state, s.EXPIRED)] = frozenset({SYSTEM})


def allowed(from_state: str, to_state: str, role: str) -> bool:
    return role in TABLE.get((from_state, to_state), ())


def targets(from_state: str, role: str) -> list[str]:
    return [to for (frm, to), roles in TABLE.items() if frm == from_state and role in roles]
