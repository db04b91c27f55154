"""The wizard's steps as functions of (order, what was typed): the step pages (wizard/steps.py, views.py) and the
JSON API (api/order_steps.py) both call them, so a step reads, validates and refuses the same way whichever
way it is filled. `post` is anything with `in`, `get` and `getlist` (a QueryDict, or the API's adapter).

What stays in the pages: the merging of a stale tab field by field (conflicts.py), the step bar, the redirects.
"""

from beian.documents import messages as documents_msg
from beian.documents.services import UploadError, upload_to_slot
from beian.filings import checks
from beian.filings.claims import CHANGE_KINDS
from beian.filings.models import NEW_FILING_KINDS
from beian.filings.selectors import prefilled_from_filing
from beian.filings.services import OrderError, submit_order
from beian.products import access as product_access
from beian.rules.codes import Code
from beian.verification.selectors import outstanding_findings, verification_status
from beian.web import limits
from beian.wizard import fields, missing, mobile
from beian.wizard import messages as msg

UPLOAD_READ_LIMIT = 5 * 1024 * 1024  # more than documents.services.MAX_BYTES: a larger file is read as too large


def present(field_list, post) -> list:
    """The fields that were sent (a multi-choice field posts an empty marker)."""
    return [f for f in field_list if f.name in post]


def read(post, field_list, application: dict, *, notes=None, codes=None) -> tuple[dict[str, str], list]:
    """Copy the sent fields of a step into `application`: ({path: error} for values not kept, the fields sent)."""
    posted = present(field_list, post)
    return fields.read_post(post, posted, application, notes, codes), posted


# ---- 1 基础信息 -----------------------------------------------------------------------------------------------

def basic_prefill(*, order, account, application: dict, result: dict):
    """新增网站 to a subject filed here: the filed subject fills the application (application, filing or None)."""
    if result["filing_type"] == "new_site_here" and (order is None or order.kind != "new_site_here"):
        return prefilled_from_filing(account=account, application=application)
    return application, None


def basic_kind(order, result: dict) -> str | None:
    """The order's kind follows the filing type the engine determines, for a new filing only."""
    return result["filing_type"] if order.kind in NEW_FILING_KINDS and result["filing_type"] else None


# ---- 3 主体信息 -----------------------------------------------------------------------------------------------

def subject_field_list(application: dict) -> list:
    return fields.subject_fields(individual=(application.get("subject") or {}).get("nature") == "individual")


# ---- 4 网站信息 -----------------------------------------------------------------------------------------------

def website_field_list(application: dict) -> list:
    individual = (application.get("subject") or {}).get("nature") == "individual"
    province = (application.get("region") or {}).get("province") or ""
    return [f for i in range(len(application.get("websites") or ()))
            for f in fields.website_fields(i, province=province, individual=individual)]


def principal_spec(i: int) -> fields.Field:
    """The website principal as one pseudo-field (its own, or the subject's reused)."""
    from beian.wizard import conflicts

    return fields.Field(f"websites[{i}].principal", "网站负责人", conflicts.PRINCIPAL)


def read_websites(post, order, application: dict, *, notes=None, codes=None) -> tuple[dict[str, str], list]:
    """Each website's fields and its principal: `websites[i].reuse` "1" reuses the subject's principal, anything
    else reads the website's own; a website whose `reuse` was not sent keeps its saved principal.
    Returns ({path: error}, the fields sent, for the stale-tab merge)."""
    saved_sites = order.application.get("websites") or []
    individual = (application.get("subject") or {}).get("nature") == "individual"
    form_errors, specs = read(post, website_field_list(application), application, notes=notes, codes=codes)
    for i in range(len(application.get("websites") or ())):
        site, reuse = application["websites"][i], post.get(f"websites[{i}].reuse")
        if individual:
            site["principal"] = None
        elif reuse is None:
            continue  # this website was not on the page that was posted: keep what is saved
        elif reuse == "1":
            site["principal"] = None
            specs.append(principal_spec(i))
        else:
            site["principal"] = site.get("principal") or checks.blank_application()["subject"]["principal"]
            errors, posted = read(post, fields.principal_fields(f"websites[{i}].principal", individual=False),
                                  application, notes=notes, codes=codes)
            form_errors.update(errors)
            specs.append(principal_spec(i))
            if i < len(saved_sites) and isinstance(saved_sites[i].get("principal"), dict):
                specs += posted  # field by field only when both sides have their own principal
    return form_errors, specs


def sites_gone(post, count: int) -> list[str]:
    """What the posted page held for websites another tab has removed meanwhile: said, not dropped unseen."""
    gone = []
    for k in range(count, count + 20):
        name, domain = post.get(f"websites[{k}].name"), post.get(f"websites[{k}].domains[0]")
        if name is None and domain is None:
            break
        if (name or "").strip() or (domain or "").strip():
            gone.append(msg.SITE_GONE.format(number=k + 1, name=(name or "").strip()[:50] or "—",
                                             domain=(domain or "").strip()[:100] or "—"))
    return gone


def website_specs(count: int) -> list:
    """Every field of the websites step, principal pseudo-field included (what a conflict may name)."""
    return [f for i in range(count) for f in fields.website_fields(i)
            + fields.principal_fields(f"websites[{i}].principal", individual=False) + [principal_spec(i)]]


def finish_websites(order, application: dict) -> dict:
    """Tidy the step's application; a change order's website keeps each domain once (it may only remove domains,
    seed 003 §3.1: typing a kept one in the first-domain field removes the others, it does not repeat it)."""
    fields.tidy(application)
    if order.kind in CHANGE_KINDS:
        for site in application.get("websites") or ():
            site["domains"] = list(dict.fromkeys(site.get("domains") or ()))
    return application


# ---- 2 产品验证 -----------------------------------------------------------------------------------------------

def read_product(*, account, order, application: dict, post, keep=frozenset(), codes=None):
    """Each website's instance or 备案服务号 from `post` (except the websites in `keep`), checked:
    ({path: error}, {service number: domain} to reserve once saved)."""
    return product_access.apply_choices(account=account, order=order, application=application, post=post, keep=keep,
                                        codes=codes)


def access_missing(application: dict, errors: dict[str, str], codes=None) -> None:
    """A website without any access (e.g. one the posted page did not show) is an error of the step."""
    for path, text in ([(f"websites[{i}].access", msg.ACCESS_MISSING_SITE.format(site=missing.site_label(application, i)))
                        for i in missing.sites_without_access(application)]
                       + [(f"apps[{i}].access", msg.ACCESS_MISSING_APP.format(app=missing.app_label(application, i)))
                          for i in missing.apps_without_access(application)]):
        errors.setdefault(path, text)
        if codes is not None:
            codes.setdefault(path, Code.ACCESS_MISSING.value)


def reserve_service_numbers(*, order, application: dict, numbers: dict[str, str], actor=None,
                            codes: dict | None = None) -> dict[str, str]:
    """Reserve the step's 备案服务号 for this order; returns {field path: error} for numbers lost to a race
    (their stable codes into `codes`)."""
    return product_access.reserve_service_numbers(order=order, application=application, in_use=numbers, actor=actor,
                                                  codes=codes)


# ---- 5 上传资料 -----------------------------------------------------------------------------------------------

def upload_material(*, order, user, kind: str, owner: str, side: str, upload, via: str = "pc"):
    """One file for one of the order's slots: rate limited per order and account (limits.Limited), then the
    checks of documents.services (content sniffed, size, pixels, slot). Raises UploadError."""
    limits.hit(("upload_order", order.pk), ("upload_account", user.pk))
    if upload is None:
        raise UploadError("no_file", documents_msg.NO_FILE)
    return upload_to_slot(order=order, kind=kind[:32], owner=owner[:40], side=side[:8],
                          data=upload.read(UPLOAD_READ_LIMIT), via=via, user=user)


# ---- 6 信息确认 -----------------------------------------------------------------------------------------------

def mobile_unverified(order) -> list[dict]:
    """The subject principal's mobile must be confirmed by its SMS code before a new filing's first submission
    (a resubmission keeps the number confirmed then; a change, cancellation or deregistration is about a
    filed record whose principal the ministry's own SMS check reaches)."""
    phone = fields.get_path(order.application, "subject.principal.mobile")
    if (order.kind not in NEW_FILING_KINDS or order.submitted_at is not None
            or mobile.is_verified(order=order, mobile=phone)):
        return []
    return [{"code": "MOBILE_NOT_VERIFIED", "severity": "error", "path": "subject.principal.mobile",
             "message": msg.CODE_REQUIRED}]


def submit(*, order, actor, agreement: bool):
    """提交: the SMS-confirmed mobile first (the step bar lets a person jump past 填写主体信息 without its code),
    then everything submit_order checks. Raises OrderError with the reasons in `details`."""
    unverified = mobile_unverified(order)
    if unverified:
        raise OrderError("mobile_not_verified", msg.SUBMIT_REFUSED.format(count=1), details=unverified)
    return submit_order(order=order, actor=actor, agreement=agreement)


def standing(order, result: dict, details=(), *, unverified=None, status=None) -> list[dict]:
    """Every finding between the order and 提交 (the engine's, a refusal's details, the SMS code, each person who
    must still verify), for the confirm page's list and the API's refusal."""
    unverified = mobile_unverified(order) if unverified is None else unverified
    status = status if status is not None else verification_status(order, required=result["required_materials"])
    gaps = outstanding_findings(order, status=status)
    found = list(details) + result["findings"] + ([] if details else unverified) + gaps
    return found + _apps_without_access(order, {f.get("path") for f in found})


def _apps_without_access(order, paths: set) -> list[dict]:
    """An APP without access, said even where the engine does not (yet) say it (ACCESS_MISSING, as for a website)."""
    if order.kind not in NEW_FILING_KINDS:
        return []
    return [{"code": Code.ACCESS_MISSING.value, "severity": "error", "path": f"apps[{i}].access",
             "message": msg.ACCESS_MISSING_APP.format(app=missing.app_label(order.application, i))}
            for i in missing.apps_without_access(order.application) if f"apps[{i}].access" not in paths]
