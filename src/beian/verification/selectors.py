"""Who must verify an order's authenticity, why, and how far each of them has got (issue 13 #1).

One answer for every place that asks: the submit gate (filings.services.submit_order), the reviewer's
初审通过 (review.services.approve), the wizard's materials and confirm pages and the reviewer's order page.

Who must verify (docs/decisions.md): every website principal (seeds 000/001: "网站负责人真实性核验"); a
website that reuses the subject principal makes them one. The subject principal otherwise only where the
provider's VERIFY_SUBJECT_PRINCIPAL asks: "never" (default), "legal_representative" (enterprises in the
provinces where the subject principal must be the 法定代表人) or "always" (seed 004's both principals).
"""

from django.conf import settings
from django.utils import timezone

from beian.documents.models import Material
from beian.filings.checks import person_record
from beian.rules.provinces import PROVINCES
from beian.verification import messages as msg
from beian.verification import persons, services

# Orders that change nothing about a person (the ministry already holds the principals): no face check.
EXEMPT_KINDS = frozenset({"cancel_access", "deregister_subject", "deregister_website"})
POLICIES = ("never", "legal_representative", "always")
CODE = "VERIFICATION_REQUIRED"


def subject_policy() -> str:
    value = getattr(settings, "VERIFY_SUBJECT_PRINCIPAL", "never")
    return value if value in POLICIES else "always"  # an unknown value errs on the side of checking


def _sites_reusing_subject(application: dict) -> list[int]:
    subject = (application.get("subject") or {}).get("principal") or {}
    cert = (subject.get("cert_number") or "").strip().upper()
    out = []
    for i, website in enumerate(application.get("websites") or ()):
        principal = (website or {}).get("principal")
        if principal is None or (cert and (principal.get("cert_number") or "").strip().upper() == cert):
            out.append(i)
    return out


def _apps_reusing_subject(application: dict) -> list[int]:
    subject = (application.get("subject") or {}).get("principal") or {}
    cert = (subject.get("cert_number") or "").strip().upper()
    apps = application.get("apps")
    out = []
    for i, app in enumerate(apps if isinstance(apps, list) else ()):
        principal = app.get("principal") if isinstance(app, dict) else None
        if not isinstance(principal, dict) or (cert and (principal.get("cert_number") or "").strip().upper() == cert):
            out.append(i)
    return out


def _must(order, person: str, record: dict, reused: list[int], policy: str) -> tuple[bool, str]:
    if order.kind == "claim":  # 认领: the filed subject principal proves control (filings.claiming)
        return True, msg.WHY_CLAIM
    if person != "subject_principal":
        return True, msg.WHY_APP if person.startswith("apps[") else msg.WHY_WEBSITE
    # An APP without a principal of its own has the subject principal as its principal (precheck.md "APP filing").
    apps = _apps_reusing_subject(order.application or {})
    if reused or apps:
        return True, "；".join(([msg.WHY_REUSED.format(sites="、".join(f"网站{i + 1}" for i in reused))] if reused else [])
                              + ([msg.WHY_REUSED_APP.format(apps="、".join(f"APP{i + 1}" for i in apps))] if apps else []))
    if policy == "always":
        return True, msg.WHY_PROVIDER_BOTH
    province = PROVINCES.get(order.province)
    nature = (order.application.get("subject") or {}).get("nature")
    if policy == "legal_representative" and nature == "enterprise" and province and province.requires_legal_representative:
        return True, msg.WHY_LEGAL_REP.format(province=province.short)
    return False, msg.WHY_EXEMPT if persons.method(record) == persons.REGISTRY else msg.WHY_EXEMPT_NON_MAINLAND


def threshold_for(evidence: dict, key: str) -> float:
    """The threshold an attempt used for one comparison: its own record of it (attempts before decision 51
    recorded one "threshold" for all comparisons)."""
    return (evidence.get("thresholds") or {}).get(key, evidence.get("threshold", 0.6))


def _state(evidence: dict, key: str) -> str:
    value = evidence.get(key)
    return "not_done" if value is None else ("passed" if value <= threshold_for(evidence, key) else "failed")


def _checks(method: str, latest) -> list[dict]:
    """Each check of the person's method with the latest finished attempt's outcome for it."""
    evidence = (latest.evidence or {}) if latest is not None else {}
    rows = []
    for key in persons.CHECKS[method]:
        if key == "liveness":
            done = evidence.get("liveness")
            state = "not_done" if not done else ("passed" if done.get("passed") else "failed")
        else:
            state = _state(evidence, key)
        rows.append({"key": key, "label": msg.CHECK_LABELS[key], "state": state, "state_label": msg.CHECK_STATES[state]})
    return rows


COMPARISONS = ("live_vs_registry", "id_vs_registry", "live_vs_id")


def comparisons(evidence: dict | None, method: str | None = None) -> list[dict]:
    """An attempt's three face comparisons for the reviewer, in COMPARISONS order: the distance, the threshold
    it was held to, the outcome, and whether it decides for the person's method (a resident ID's live vs card
    distance is recorded, the registry's two comparisons decide)."""
    evidence = evidence or {}
    method = evidence.get("method") or method or persons.REGISTRY
    card = "live_vs_id" if method == persons.DOCUMENT else "id_vs_registry"  # where the ID photo's face is noted
    return [{"key": key, "distance": evidence.get(key), "threshold": threshold_for(evidence, key),
             "state": _state(evidence, key), "decides": key in persons.CHECKS[method],
             "id_face": evidence.get("id_face") if key == card else None} for key in COMPARISONS]


def _has_id_photo(order, person: str) -> bool:
    return Material.objects.filter(order=order, owner=person, kind="principal_id", side__in=["front", ""],
                                   status=Material.ACTIVE).exists()


def _needs(order, person: str, method: str, face: dict) -> list[str]:
    """What this person still has to do, in the order they do it."""
    needs = []
    if not _has_id_photo(order, person):
        needs.append(msg.NEED_ID_PHOTO.format(side=msg.NEED_ID_FRONT if method == persons.REGISTRY else msg.NEED_ID_PAGE))
    manual, latest = face["manual"], face["latest"]
    if face["pending"]:
        needs.append(msg.NEED_RUNNING)
    elif manual is not None and manual.resolved_at is None:
        needs.append(msg.NEED_MANUAL_OPEN)
    elif manual is not None and manual.outcome == "rejected" and (latest is None or latest.created_at < manual.resolved_at):
        needs.append(msg.NEED_MANUAL_REJECTED.format(reason=manual.reason or "—"))
    elif latest is not None:
        reason = msg.FACE_CODES.get(latest.code) or (latest.message or "").split("。")[0]
        needs.append((msg.NEED_RETRY_OR_MANUAL if face["can_request_manual"] else msg.NEED_RETRY).format(reason=reason))
    else:
        needs.append(msg.NEED_FACE)
    return needs


def verification_status(order, *, required: list[dict] | None = None, now=None) -> dict:
    """{"applies", "ok", "people": [...], "outstanding": [...]} — per person (everyone whose ID the order
    needs): who, why they must (or need not) verify, the method, each check's outcome in the latest attempt,
    the manual review, whether they are verified and what is still missing."""
    exempt = order.kind in EXEMPT_KINDS
    now = now or timezone.now()
    application = order.application or {}
    reused, policy = _sites_reusing_subject(application), subject_policy()
    rows = []
    for p in services.people(order, required):
        key = p["person"]
        record = person_record(application, key) or {}
        must, why = (False, msg.WHY_KIND_EXEMPT) if exempt else _must(order, key, record, reused, policy)
        method = persons.method(record)
        face = services.face_status(order, key, now=now)
        manual = face["manual"]
        approved = bool(manual and manual.outcome == "approved")
        verified = face["passed"] or approved
        rows.append({
            **p, "must": must, "why": why, "method": method, "method_label": msg.METHODS[method],
            "checks": _checks(method, face["latest"]), "face": face, "manual": manual,
            "passed": face["passed"], "manual_approved": approved, "verified": verified,
            "state_label": (msg.STATE_VERIFIED if face["passed"] else msg.STATE_MANUAL_APPROVED if approved
                            else msg.STATE_PENDING if must else msg.STATE_NOT_REQUIRED),
            "needs": _needs(order, key, method, face) if must and not verified else [],
        })
    outstanding = [r for r in rows if r["must"] and not r["verified"]]
    return {"applies": not exempt, "ok": not outstanding, "people": rows, "outstanding": outstanding}


def _path(person: str) -> str:
    return "subject.principal" if person == "subject_principal" else person


def outstanding_findings(order, *, status: dict | None = None) -> list[dict]:
    """One error per person who must still verify, in the shape of the engine's findings (the submit
    refusal's details, the confirm page's list of what is missing)."""
    status = status if status is not None else verification_status(order)
    return [{"code": CODE, "severity": "error", "path": _path(r["person"]), "person": r["person"],
             "message": msg.PERSON_MISSING.format(label=r["label"], name=r["name"], needs="；".join(r["needs"]))}
            for r in status["outstanding"]]


def who(findings: list[dict]) -> str:
    """"网站1负责人 李四、主体负责人 王五" for a refusal message."""
    return "、".join(f["message"].split("：", 1)[0] for f in findings)
