"""Orders and filings as the API answers them (beian.api.schemas), masked as the progress page shows them.

`order_out` is for every router that answers with an order (orders.py, order_steps.py): one place decides what of
an order leaves the platform."""

import copy

from beian.filings import states
from beian.filings.models import KIND_LABELS, FiledWebsite, Filing, Order
from beian.filings.selectors import progress, sla_due
from beian.pii.mask import mask_cert, mask_mobile, mask_name, mask_text

MOBILE_KEYS = ("mobile", "contact2", "emergency_mobile")


def _mask_person(person) -> None:
    if not isinstance(person, dict):
        return
    if person.get("cert_number"):
        person["cert_number"] = mask_cert(person["cert_number"])
    for key in MOBILE_KEYS:
        if isinstance(person.get(key), str) and person[key]:
            person[key] = mask_mobile(person[key])


def mask_application(application) -> dict:
    """The application with every person's certificate number and phone numbers masked. A unit's certificate
    number (统一社会信用代码) is public and stays, so that a caller can tell its orders apart; an individual's is
    their ID number and is masked."""
    if not isinstance(application, dict):
        return {}
    app = copy.deepcopy(application)
    app.pop("context", None)
    subject = app.get("subject")
    if isinstance(subject, dict):
        if subject.get("nature") == "individual" and subject.get("cert_number"):
            subject["cert_number"] = mask_cert(subject["cert_number"])
        _mask_person(subject.get("principal"))
    for website in [*(app.get("websites") or ()), *(app.get("apps") or ())]:  # APP principals too (issue 17)
        if isinstance(website, dict):
            _mask_person(website.get("principal"))
    return app


def domains_of(application) -> list[str]:
    out = []
    for website in (application or {}).get("websites") or ():
        for domain in (website or {}).get("domains") or () if isinstance(website, dict) else ():
            if isinstance(domain, str) and domain.strip() and domain not in out:
                out.append(domain)
    return out


def customer_ref(order: Order, own_id: int | None) -> dict | None:
    """The customer whose order this is when the caller (an agent, `own_id`) acts for it; None for the caller's
    own orders, and when the caller is not known."""
    if own_id is None or order.account_id == own_id:
        return None
    account = order.account
    return {"id": account.pk, "email": account.email or account.get_username()}


def order_summary(order: Order, *, own_id: int | None = None) -> dict:
    return {
        "reference": order.reference, "kind": order.kind, "kind_label": KIND_LABELS.get(order.kind, order.kind),
        "state": order.state, "state_label": order.state_label, "province": order.province,
        "subject_name": order.subject_name, "domains": domains_of(order.application),
        "created_at": order.created_at, "updated_at": order.updated_at, "submitted_at": order.submitted_at,
        "customer": customer_ref(order, own_id),
    }


def _findings(order: Order) -> list[dict]:
    """The engine's findings for the order as it stands (what its wizard pages show). None once the order has
    left the applicant's hands for good: there is nothing left to fix."""
    from beian.documents.selectors import materials_for_precheck
    from beian.filings import checks

    if order.state in states.TERMINAL:
        return []
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    return [{**f, "message": mask_text(f.get("message", ""))} for f in result["findings"]]


def icp_numbers(order: Order) -> dict | None:
    number = order.meta.get("icp_number") if order.state == states.APPROVED else None
    if not number:
        return None
    sites = order.meta.get("website_numbers") or {}
    return {"subject_number": number, "website_numbers": {str(k): str(v) for k, v in sites.items()},
            "app_numbers": [str(n) for n in order.meta.get("app_numbers") or ()]}


def order_out(order: Order, *, findings: list[dict] | None = None, own_id: int | None = None) -> dict:
    """The order in full (OrderOut). `findings`: when the caller already ran the engine; `own_id`: the caller's
    own account (request.user), to name the customer of an agent's order."""
    info = progress(order=order)
    return {
        **order_summary(order, own_id=own_id), "version": order.version, "editable": order.editable,
        "application": mask_application(order.application),
        "findings": _findings(order) if findings is None else findings,
        "next_step": {"text": info["next_step"], "who": info["who"], "expires_at": info["expires_at"],
                      "days_left": info["days_left"]},
        "sla_due": sla_due(order=order), "icp": icp_numbers(order), "filing_id": order.filing_id,
    }


def events_out(order: Order) -> list[dict]:
    """The history of the progress page (the applicant's view: created, edits, transitions; repeats merged)."""
    return [{"at": run.at, "first_at": run.first_at, "count": run.count, "kind": run.kind, "role": run.role,
             "from_state": run.from_state, "to_state": run.to_state,
             "to_label": states.PUBLIC_LABELS.get(run.to_state, ""), "reason": mask_text(run.reason)}
            for run in progress(order=order)["events"]]


def website_out(website: FiledWebsite) -> dict:
    return {"id": website.pk, "service_type": website.service_type, "website_number": website.website_number,
            "domain": website.domain, "name": website.name, "status": website.status, "approved_at": website.approved_at}


def app_out(app: FiledWebsite) -> dict:
    """A filed APP (issue 17): its number (…号-NA), name and platforms (platform and package name: public data)."""
    rows = [r for r in (app.website or {}).get("platforms") or () if isinstance(r, dict)]
    return {"id": app.pk, "service_type": app.service_type, "website_number": app.website_number, "name": app.name,
            "platforms": [{"platform": str(r.get("platform") or ""), "package_name": str(r.get("package_name") or "")}
                          for r in rows],
            "status": app.status, "approved_at": app.approved_at}


def filing_out(filing: Filing, *, detail: bool = False) -> dict:
    rows = sorted(filing.websites.all(), key=lambda w: w.seq)
    sites, apps = [w for w in rows if not w.is_app], [w for w in rows if w.is_app]
    out = {"id": filing.pk, "subject_number": filing.subject_number, "subject_name": filing.subject_name,
           "province": filing.province, "nature": filing.nature, "status": filing.status,
           "approved_at": filing.approved_at,
           "websites": [website_out(w) for w in sites], "apps": [app_out(a) for a in apps]}
    if detail:
        from beian.filings.changes import with_filed

        out["application"] = mask_application(with_filed(filing.application or {}, [*sites, *apps]))
    return out


def person_name(name: str) -> str:
    return mask_name(name)
