"""Reads of post-filing compliance: what the applicant must do after approval, per website."""

from __future__ import annotations

from django.utils import timezone

from beian.compliance import messages as msg
from beian.compliance import psb
from beian.compliance.footer import copyright_holder
from beian.compliance.models import PsbFollowup
from beian.compliance.services import portal, site_line
from beian.filings import states
from beian.filings.models import FiledWebsite, Order
from beian.rules.provinces import PROVINCES, normalise_province

# 经营性 (seed 003 §11: "通过互联网上网用户有偿提供信息或者网页制作等服务活动"): of what the form collects, the one
# 服务类型 that is a paid service to users is 网络购物 (reference.md: 内蒙古 "电商需增值电信许可证").
COMMERCIAL_SERVICE_TYPES = ("网络购物",)


def licence_note(application: dict) -> str:
    """The 经营性 ICP 许可证 note for the websites whose 服务类型 is a paid service, or ""."""
    commercial = [w for w in application.get("websites") or () if (w.get("service_type") or "") in COMMERCIAL_SERVICE_TYPES]
    if not commercial:
        return ""
    domains = "、".join(d for w in commercial for d in (w.get("domains") or [])[:1]) or "网站"
    return msg.LICENCE_NOTE.format(domains=domains, service_type=commercial[0]["service_type"])


def subject_name(order: Order) -> str:
    return ((order.application.get("subject") or {}).get("name") or order.subject_name or "").strip()


def copyright_note(order: Order) -> str:
    holder = copyright_holder(province=order.province, subject_name=subject_name(order))
    if holder is None:
        return ""
    return msg.COPYRIGHT_NOTE.format(province=psb_province_short(order.province), name=holder)


def psb_province_short(province: str) -> str:
    record = PROVINCES.get(normalise_province(province or "") or "")
    return record.short if record else province


def approval_notes(order: Order) -> str:
    """What the approval message adds after the footer: where to file with the 公安, 版权所有, 经营性 licence."""
    notes = [portal(order.province), copyright_note(order), licence_note(order.application)]
    return "".join(f"\n{note}" for note in notes if note)


def after_approval(*, order: Order, now=None) -> dict | None:
    """The approved order page's follow-up card: each website's 公安联网备案 (dates, deadline, form bounds), the
    portal, the 版权所有 and 经营性 notes. None before approval, and for an order without websites (APPs only)."""
    if order.state != states.APPROVED or not order.meta.get("icp_number"):
        return None
    if not (order.application or {}).get("websites"):
        return None  # an APP-only order: no website to open, nothing of this card applies
    today = timezone.localdate(now or timezone.now())
    rows = [_row(f, today) for f in PsbFollowup.objects.filter(order=order).select_related("website__filing", "order")]
    return {"websites": rows, "portal": portal(order.province), "after": msg.PSB_AFTER_APPROVAL,
            "copyright": copyright_note(order), "licence": licence_note(order.application),
            "reminder_days": "、".join(f"第{d}天" for d in psb.REMINDER_DAYS)}


def _row(followup: PsbFollowup, today) -> dict:
    """One website's 公安联网备案 as the forms show it (the date's bounds are parse_opened_on's)."""
    website = followup.website
    deadline = psb.deadline(followup.opened_on)
    next_at = psb.next_reminder(followup.opened_on, sent=followup.reminded)
    return {
        "followup": followup, "website": website, "number": website.website_number,
        "active": website.status == FiledWebsite.ACTIVE, "opened_on": followup.opened_on,
        "confirmed": followup.opened_confirmed_at is not None, "deadline": deadline,
        "days_left": (deadline - today).days, "done": followup.done_at is not None,
        "next_reminder": next_at if next_at and followup.done_at is None else None,
        "min_date": "" if followup.order.kind == "access" else timezone.localdate(website.approved_at).isoformat(),
        "max_date": today.isoformat(), "line": site_line(followup, today=today),
    }


def psb_by_website(*, websites, now=None) -> dict:
    """{website pk: row} for the filed websites that have a follow-up (我的备案 lists them per filing)."""
    today = timezone.localdate(now or timezone.now())
    followups = PsbFollowup.objects.filter(website__in=list(websites)).select_related("website__filing", "order")
    return {f.website_id: _row(f, today) for f in followups}
