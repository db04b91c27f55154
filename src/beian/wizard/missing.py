"""What still stands between an order and 提交, grouped the way a person fixes it: the subject, each
website (access, principal, name …), each person's authenticity verification and the materials, each item
with a link to the step that fixes it."""

import re

from django.urls import reverse

from beian.verification.selectors import CODE as VERIFICATION_CODE
from beian.wizard import messages as msg
from beian.wizard.findings import step_of

_SITE = re.compile(r"websites\[(\d+)\]")
_APP = re.compile(r"apps\[(\d+)\]")
STEP_LABELS = dict(msg.STEPS)


def site_label(application: dict, index: int) -> str:
    sites = application.get("websites") or []
    site = sites[index] if 0 <= index < len(sites) and isinstance(sites[index], dict) else {}
    domains = [d for d in site.get("domains") or () if isinstance(d, str) and d]
    return msg.SITE_LABEL.format(number=index + 1, name=domains[0] if domains else (site.get("name") or msg.SITE_UNNAMED))


def has_access(website: dict) -> bool:
    access = website.get("access") if isinstance(website, dict) else None
    return isinstance(access, dict) and bool(access.get("ip") or access.get("service_number"))


def sites_without_access(application: dict) -> list[int]:
    return [i for i, w in enumerate(application.get("websites") or ()) if not has_access(w)]


def app_label(application: dict, index: int) -> str:
    """「APP：示例商城」 (numbered when two APPs share a name or it is empty)."""
    apps = application.get("apps") or []
    app = apps[index] if 0 <= index < len(apps) and isinstance(apps[index], dict) else {}
    name = str(app.get("name") or "").strip()
    if not name:
        return msg.APP_UNNAMED.format(number=index + 1)
    same = [a for a in apps if isinstance(a, dict) and str(a.get("name") or "").strip() == name]
    return msg.APP_LABEL_NUMBERED.format(number=index + 1, name=name) if len(same) > 1 else msg.APP_LABEL.format(name=name)


def label_of(application: dict, prefix: str) -> str:
    """The label of `websites[i]` or `apps[i]`."""
    index = int(prefix[prefix.index("[") + 1:-1])
    return app_label(application, index) if prefix.startswith("apps[") else site_label(application, index)


def apps_without_access(application: dict) -> list[int]:
    return [i for i, a in enumerate(application.get("apps") or ()) if not has_access(a)]


def labels_without_access(application: dict) -> list[str]:
    """The websites, then the APPs, that have no access yet, by their labels."""
    return ([site_label(application, i) for i in sites_without_access(application)]
            + [app_label(application, i) for i in apps_without_access(application)])


def no_access_messages(application: dict) -> list[str]:
    return ([msg.ACCESS_MISSING_SITE.format(site=site_label(application, i)) for i in sites_without_access(application)]
            + [msg.ACCESS_MISSING_APP.format(app=app_label(application, i)) for i in apps_without_access(application)])


def missing_parts(order, findings: list[dict]) -> list[dict]:
    """Groups of {label, items: [{message, url, go}]} from the error findings (engine and product check)."""
    application = order.application or {}
    groups: dict[str, dict] = {}
    seen = set()
    access_missing = {f["path"] for f in findings if f.get("code") == "ACCESS_MISSING"}
    for f in findings:
        if f.get("severity", "error") != "error":
            continue
        path, code = f.get("path") or "", f.get("code") or ""
        # The product check repeats the engine's ACCESS_MISSING for a website without access: say it once.
        if path in access_missing and code != "ACCESS_MISSING":
            continue
        if (path, f["message"]) in seen:
            continue
        seen.add((path, f["message"]))
        step = "product" if path.endswith(".access") else step_of({"path": path, "code": code})
        site, app = _SITE.match(path), _APP.match(path)
        if code == VERIFICATION_CODE:  # done on the phone, from the QR code of 上传资料
            step, key, label, rank = "materials", "verification", msg.MISSING_VERIFICATION, 10**6 - 1
        elif step == "materials":
            key, label, rank = "materials", msg.MISSING_MATERIALS, 10**6
        elif site and step != "basic":
            index = int(site.group(1))
            key, label, rank = f"site{index}", site_label(application, index), 1 + index
        elif app and step != "basic":
            index = int(app.group(1))
            key, label, rank = f"app{index}", app_label(application, index), 10**5 + index
        else:
            key, label, rank = "subject", msg.MISSING_SUBJECT, 0
        group = groups.setdefault(key, {"label": label, "rank": rank, "items": []})
        group["items"].append({"message": f["message"], "path": path, "step": step,
                               "url": reverse(f"wizard:{step}", args=[order.pk]),
                               "go": msg.MISSING_GO.format(step=STEP_LABELS[step])})
    return sorted(groups.values(), key=lambda g: g["rank"])
