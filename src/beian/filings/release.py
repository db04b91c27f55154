"""取消接入 / 注销网站 / 注销主体: what an order that gives a filing up asks of the applicant (seed 003 §9).

Seed 003 §9's SMS table: "取消接入 | 不验证"; "注销备案（注销主体或注销网站） | 验证主体负责人或网站负责人手机号码 |
若注销主体信息，则验证主体负责人手机号码。若注销网站信息，则验证网站负责人手机号码". None of these kinds carries new
data, so none needs the first filing's uploads or a face check (docs/decisions.md): the application is the filed
record as approved, the proof of control is the filed principal's SMS code at the ministry, and the account that
filed it is the only one that can start it. Another unit's record, or a subject no provider serves any more (空壳),
cannot be deregistered through a provider: "需向备案所在地的通信管理局提交书面申请，进行线下注销" (`offline_reason`).

APPs (FiledWebsite.service_type "app") are given up through the same kinds: 取消接入 / 注销网站 of one APP (its
principal gets the 注销 code as a website principal does), and the subject-level kinds take the subject's APPs
with its websites. The application carries them under `apps` (changes.with_filed).
"""

from beian.filings.changes import with_filed
from beian.filings.models import RELEASE_KINDS, FiledWebsite, Filing

# Skips 初审: nothing in it for a reviewer to check (no data, no materials, no person); docs/decisions.md.
STRAIGHT_TO_MINISTRY = frozenset({"cancel_access"})
# The number can never be restored ("备案号 once 注销 cannot be restored", reference.md): said before submitting.
IRREVERSIBLE = frozenset({"deregister_subject", "deregister_website"})


def is_release(kind: str) -> bool:
    return kind in RELEASE_KINDS


def sms_people(kind: str, application: dict) -> list[dict]:
    """The principals the ministry sends a code to for a release order (the simulator's `sms_targets` agrees)."""
    subject = application.get("subject") or {}
    principal = subject.get("principal") or {}
    if kind == "deregister_subject":
        return [principal]
    if kind == "deregister_website":  # a website's principal, or an APP's (the order concerns one of them)
        concerned = [*(application.get("websites") or ()), *(application.get("apps") or ())]
        return [w.get("principal") or principal for w in concerned if isinstance(w, dict)]
    return []  # cancel_access: "不验证"


def sms_targets(kind: str, application: dict) -> list[str]:
    """Distinct mobiles, in order (one code per mobile, seed 003 §9)."""
    mobiles = [(p.get("mobile") or "").strip() for p in sms_people(kind, application)]
    return [m for m in dict.fromkeys(mobiles) if m]


def precheck_result(kind: str, application: dict) -> dict:
    """What checks.run answers for a release order: the application is the filed record and is not edited, so
    today's rules on its content (a name, a domain's real name, an instance's term) do not hold back giving it
    up (docs/decisions.md 48 said so for the real-name rules); nothing to upload; the SMS targets of §9."""
    return {"ok": True, "filing_type": kind, "findings": [], "required_materials": [],
            "sms_targets": sms_targets(kind, application)}


def websites_concerned(filing: Filing, kind: str, website: FiledWebsite | None) -> list[FiledWebsite]:
    """The filed websites and APPs the order gives up: one website or APP; every one this provider serves (取消接入 of
    the subject); every one still filed (注销主体). Websites first, then APPs."""
    if website is not None:
        return [website]
    sites = filing.websites.exclude(status=FiledWebsite.DEREGISTERED).order_by("-service_type", "seq")
    if kind == "cancel_access":
        sites = sites.filter(status=FiledWebsite.ACTIVE)
    return list(sites)


def application_for(filing: Filing, kind: str, website: FiledWebsite | None) -> dict:
    return with_filed(filing.application, websites_concerned(filing, kind, website))


def offline_reason(filing: Filing, kind: str, website: FiledWebsite | None) -> str | None:
    """Why this release cannot go through this provider (then: the written application to the 管局), or None.
    "shell": no website of the subject (or not this website) is served here any more — the provider is not its
    接入商, so it cannot submit for it; "deregistered": nothing left to release."""
    if filing.status == Filing.DEREGISTERED:
        return "deregistered"
    if website is not None:
        if website.status == FiledWebsite.DEREGISTERED:
            return "deregistered"
        return "shell" if website.status != FiledWebsite.ACTIVE else None
    if not filing.websites.filter(status=FiledWebsite.ACTIVE).exists():
        return "shell"
    return None
