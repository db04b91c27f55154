"""What the 取消接入 / 注销 page says, before the order exists (views.start_change) and on a release order's
信息确认 step (steps.confirm, e.g. a resubmission after the ministry returned it)."""

from beian.filings import release
from beian.filings.models import FiledWebsite
from beian.pii.mask import mask_mobile, mask_name
from beian.wizard import messages as msg


def texts(kind: str, website) -> dict:
    """The page's words for the kind: those for one APP when `website` is an APP (取消接入后…APP备案号…)."""
    if website is not None and website.service_type == FiledWebsite.APP and kind in msg.RELEASE_TITLES_APP:
        return {"title": msg.RELEASE_TITLES_APP[kind], "what": msg.RELEASE_WHAT_APP[kind],
                "consequences": list(msg.RELEASE_CONSEQUENCES_APP[kind]), "declaration": msg.RELEASE_DECLARATION_APP[kind],
                "submit_label": msg.RELEASE_SUBMIT_APP[kind], "submitted": msg.RELEASE_SUBMITTED_APP[kind],
                "done": msg.RELEASE_DONE_APP[kind]}
    return {"title": msg.RELEASE_TITLES[kind], "what": msg.RELEASE_WHAT[kind],
            "consequences": list(msg.RELEASE_CONSEQUENCES[kind]), "declaration": msg.RELEASE_DECLARATION[kind],
            "submit_label": msg.RELEASE_SUBMIT[kind], "submitted": msg.RELEASE_SUBMITTED[kind],
            "done": msg.RELEASE_DONE[kind]}


def release_context(*, filing, kind, website, application) -> dict:
    """What the release page says (also the confirm step of a release order): the kind, its consequences, the
    websites and APPs it concerns, who gets the ministry's code, and the declaration to tick."""
    concerned = release.websites_concerned(filing, kind, website) if filing is not None else []
    sites = [w for w in concerned if w.service_type != FiledWebsite.APP]
    apps = [w for w in concerned if w.service_type == FiledWebsite.APP]
    for app in apps:
        app.platform_names = platform_names(app.website)
    people = []
    subject_principal = ((application.get("subject") or {}).get("principal")) or {}
    if kind == "deregister_subject":
        people = [(msg.PERSON_SUBJECT, subject_principal)]
    elif kind == "deregister_website":
        people = [(msg.PERSON_WEBSITE.format(site=w.get("name") or ""), w.get("principal") or subject_principal)
                  for w in application.get("websites") or ()]
        people += [(msg.PERSON_APP.format(app=a.get("name") or ""), a.get("principal") or subject_principal)
                   for a in application.get("apps") or () if isinstance(a, dict)]
    seen, sms = set(), []
    for label, person in people:
        if person.get("mobile") and person["mobile"] not in seen:
            seen.add(person["mobile"])
            sms.append({"label": label, "name": mask_name(person.get("name") or ""), "mobile": mask_mobile(person["mobile"])})
    last_site = (kind == "deregister_website" and filing is not None
                 and not filing.websites.filter(status=FiledWebsite.ACTIVE).exclude(pk__in=[w.pk for w in concerned]).exists())
    words = texts(kind, website)
    consequences = words["consequences"] + ([msg.LAST_SITE_NOTE] if last_site else [])
    if website is None and apps and kind in msg.RELEASE_SUBJECT_APPS:
        consequences.append(msg.RELEASE_SUBJECT_APPS[kind])
    return {"filing": filing, "kind": kind, "title": words["title"], "what": words["what"],
            "consequences": consequences, "sites": sites, "apps": apps, "sms": sms, "sms_none": msg.RELEASE_SMS_NONE,
            "declaration": words["declaration"], "submit_label": words["submit_label"], "offline_link": msg.OFFLINE_LINK}


def platform_names(app: dict) -> str:
    """An APP's platforms as a list shows them: 安卓 com.example.shop、iOS com.example.shop."""
    from beian.filings.diff import platforms_text

    return platforms_text(app) or "—"
