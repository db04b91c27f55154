"""What the 取消接入 / 注销 page says, before the order exists (views.start_change) and on a release order's
信息确认 step (steps.confirm, e.g. a resubmission after the ministry returned it)."""

from beian.filings import release
from beian.filings.models import FiledWebsite
from beian.pii.mask import mask_mobile, mask_name
from beian.wizard import messages as msg


def release_context(*, filing, kind, website, application) -> dict:
    """What the release page says (also the confirm step of a release order): the kind, its consequences, the
    websites it concerns, who gets the ministry's code, and the declaration to tick."""
    sites = release.websites_concerned(filing, kind, website) if filing is not None else []
    people = []
    subject_principal = ((application.get("subject") or {}).get("principal")) or {}
    if kind == "deregister_subject":
        people = [(msg.PERSON_SUBJECT, subject_principal)]
    elif kind == "deregister_website":
        people = [(msg.PERSON_WEBSITE.format(site=w.get("name") or ""), w.get("principal") or subject_principal)
                  for w in application.get("websites") or ()]
    seen, sms = set(), []
    for label, person in people:
        if person.get("mobile") and person["mobile"] not in seen:
            seen.add(person["mobile"])
            sms.append({"label": label, "name": mask_name(person.get("name") or ""), "mobile": mask_mobile(person["mobile"])})
    last_site = (kind == "deregister_website" and filing is not None
                 and not filing.websites.filter(status=FiledWebsite.ACTIVE).exclude(pk__in=[w.pk for w in sites]).exists())
    return {"filing": filing, "kind": kind, "title": msg.RELEASE_TITLES[kind], "what": msg.RELEASE_WHAT[kind],
            "consequences": msg.RELEASE_CONSEQUENCES[kind] + ([msg.LAST_SITE_NOTE] if last_site else []),
            "sites": sites, "sms": sms, "sms_none": msg.RELEASE_SMS_NONE, "declaration": msg.RELEASE_DECLARATION[kind],
            "submit_label": msg.RELEASE_SUBMIT[kind], "offline_link": msg.OFFLINE_LINK}
