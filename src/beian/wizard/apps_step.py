"""APPs at 填写网站信息 (issue 17 #2): reading an APP's fields, platform rows and principal from the step's POST,
adding and removing APPs and platform rows, and the rows the page shows.

It follows the websites' patterns (services.read_websites, steps.websites): a POST starts from the saved
application and overlays only the fields that were posted, so an APP or a platform row added in another tab
keeps what is saved; the stale-tab merge (conflicts.py) compares every posted field; what the posted page held
for APPs or rows another tab removed is said, not dropped unseen. `apps` is precheck.md's "APP filing" shape.
"""

import re

from django.contrib import messages

from beian.filings import messages as fmsg
from beian.filings.claims import CHANGE_KINDS
from beian.rules import normalize
from beian.wizard import app_fields, app_signing, conflicts, fields, missing, services
from beian.wizard import messages as msg
from beian.wizard.app_fields import LINES

STRUCTURAL = ("remove_app:", "add_platform:", "remove_platform:")
_SPLIT = re.compile(r"[\s,，、;；]+")


def count(application: dict) -> int:
    return len(application.get("apps") or ())


def is_structural(action: str) -> bool:
    return action == "add_app" or action.startswith(STRUCTURAL)


def label(application: dict, i: int) -> str:
    return missing.app_label(application, i)


def principal_spec(i: int) -> fields.Field:
    return fields.Field(f"apps[{i}].principal", "APP负责人", conflicts.PRINCIPAL)


def specs(application: dict) -> list[fields.Field]:
    """Every field of every APP, the principal pseudo-field included (what a conflict may name)."""
    out = []
    for i in range(count(application)):
        out += (app_fields.app_fields(i) + app_fields.all_platform_fields(application, i)
                + fields.principal_fields(f"apps[{i}].principal", individual=False) + [principal_spec(i)])
    return out


def read(post, order, application: dict, *, notes=None, codes=None) -> tuple[dict[str, str], list]:
    """Each APP's fields, platform rows, domains and principal from `post` into `application`.
    Returns ({path: error}, the fields sent)."""
    errors, sent = {}, []
    saved_apps = order.application.get("apps") or []
    individual = (application.get("subject") or {}).get("nature") == "individual"
    for i, app in enumerate(application.get("apps") or ()):
        if not isinstance(app, dict):
            continue
        plain = [f for f in app_fields.app_fields(i) if f.kind != LINES] + app_fields.all_platform_fields(application, i)
        found, posted = services.read(post, plain, application, notes=notes, codes=codes)
        errors.update(found)
        sent += posted
        _tidy_signing(application, posted, notes)
        domains = next(f for f in app_fields.app_fields(i) if f.kind == LINES)
        if domains.name in post:
            _read_domains(post.get(domains.name, ""), app, domains, errors, notes, codes)
            sent.append(domains)
        reuse = post.get(f"apps[{i}].reuse")
        if individual:
            app["principal"] = None
        elif reuse == "1":
            app["principal"] = None
            sent.append(principal_spec(i))
        elif reuse is not None:
            from beian.filings.checks import blank_application

            app["principal"] = app.get("principal") or blank_application()["subject"]["principal"]
            found, posted = services.read(post, fields.principal_fields(f"apps[{i}].principal", individual=False),
                                          application, notes=notes, codes=codes)
            errors.update(found)
            sent.append(principal_spec(i))
            if i < len(saved_apps) and isinstance(saved_apps[i], dict) and isinstance(saved_apps[i].get("principal"), dict):
                sent += posted  # field by field only when both sides have their own principal
    return errors, sent


def read_step(request, order, application: dict, form_errors: dict, *, notes=None) -> list:
    """The APPs of a 填写网站信息 POST and their signing files: errors into `form_errors`; the fields sent."""
    from beian.web import limits

    errors, sent = read(request.POST, order, application, notes=notes)
    form_errors.update(errors)
    try:
        form_errors.update(app_signing.read_uploads(request.FILES, application, order=order, user=request.user)[0])
    except limits.Limited as exc:
        form_errors.update({name: exc.message for name in request.FILES})
    return sent


def page_extras() -> dict:
    return {"platform_labels": labels_json(), "signing_max": app_signing.MAX_BYTES, "paste_help": msg.PASTE_HELP}


def basic_extras(application: dict) -> dict:
    return {"service_kind": service_kind(application), "service_kinds": msg.SERVICE_KINDS,
            "service_kind_help": msg.SERVICE_KIND_HELP}


def _tidy_signing(application: dict, posted: list, notes) -> None:
    """A pasted fingerprint or key is stored without its colons, spaces and line breaks (and said so)."""
    for f in posted:
        leaf = fields.steps_of(f.name)[-1]
        if leaf not in ("signature", "public_key"):
            continue
        typed = fields.get_path(application, f.name)
        value = app_fields.normalise_signature(typed) if leaf == "signature" else app_fields.normalise_public_key(typed)
        if value != typed:
            fields.set_path(application, f.name, value)
            if notes is not None and leaf == "signature" and typed.strip().upper() != value:
                notes[f.name] = msg.NORMALISED.format(typed=typed.strip(), value=value)


def _read_domains(text: str, app: dict, spec, errors: dict, notes, codes) -> None:
    typed = [d for d in _SPLIT.split(normalize.printable(text or "")) if d]
    if len(typed) > app_fields.MAX_DOMAINS:
        errors[spec.name] = msg.APP_TOO_MANY_DOMAINS.format(limit=app_fields.MAX_DOMAINS)
        if codes is not None:
            codes[spec.name] = "app_too_many_domains"
        return
    values = []
    for k, domain in enumerate(typed):
        value = normalize.field(f"{spec.name}[{k}]", domain)
        if len(value) > spec.maxlength:
            errors[spec.name] = msg.TOO_LONG.format(limit=spec.maxlength)
            if codes is not None:
                codes[spec.name] = fields.TOO_LONG
            return
        values.append(value)
    values = list(dict.fromkeys(values))
    if notes is not None and values != typed:
        notes[spec.name] = msg.NORMALISED.format(typed="、".join(typed), value="、".join(values))
    app["domains"] = values


def act(order, application: dict, action: str, *, websites: int):
    """Add or remove an APP or a platform row. Returns ((messages level, text) or None, query for the redirect)."""
    apps = application.setdefault("apps", [])
    if action == "add_app":
        if order.kind in CHANGE_KINDS:
            return (messages.error, fmsg.CHANGE_WEBSITE_ADD_FORBIDDEN), ""
        apps.append(app_fields.blank_app())
        return (messages.info, msg.APP_ADDED), f"?new_app={len(apps) - 1}"
    name, _, rest = action.partition(":")
    parts = rest.split(":")
    if not all(p.isdigit() and len(p) < 4 for p in parts) or not 0 <= int(parts[0]) < len(apps) \
            or not isinstance(apps[int(parts[0])], dict):
        return None, ""
    i = int(parts[0])
    platforms = apps[i].setdefault("platforms", [])
    if name == "remove_app":
        if len(apps) <= 1 and websites == 0:
            return (messages.error, msg.LAST_SERVICE), ""
        apps.pop(i)
        return (messages.info, msg.APP_REMOVED), ""
    if name == "add_platform":
        taken = {p.get("platform") for p in platforms if isinstance(p, dict)}
        platforms.append(app_fields.blank_platform(next((p for p in app_fields.PLATFORMS if p not in taken), "other")))
        return (messages.info, msg.PLATFORM_ADDED.format(app=label(application, i))), ""
    if name == "remove_platform" and len(parts) == 2:
        j = int(parts[1])
        if len(platforms) <= 1:
            return (messages.error, msg.LAST_PLATFORM), ""
        if 0 <= j < len(platforms):
            platforms.pop(j)
            return (messages.info, msg.PLATFORM_REMOVED), ""
    return None, ""


def gone(post, application: dict) -> list[str]:
    """What the posted page held for APPs or platform rows another tab removed meanwhile."""
    out, lost = [], []
    n = count(application)
    for k in range(n, n + 20):
        name, package = post.get(f"apps[{k}].name"), post.get(f"apps[{k}].platforms[0].package_name")
        if name is None and package is None:
            break
        if (name or "").strip() or (package or "").strip():
            lost.append(msg.APP_GONE.format(number=k + 1, name=(name or "").strip()[:50] or "—"))
    if lost:
        out.append(msg.APPS_GONE.format(apps="；".join(lost)))
    for i, app in enumerate(application.get("apps") or ()):
        m = len((app or {}).get("platforms") or ()) if isinstance(app, dict) else 0
        rows = []
        for j in range(m, m + 20):
            package, signature = (post.get(f"apps[{i}].platforms[{j}].{key}") for key in ("package_name", "signature"))
            if package is None and signature is None:
                break
            if (package or "").strip() or (signature or "").strip():
                rows.append(str(j + 1))
        if rows:
            out.append(msg.PLATFORMS_GONE.format(app=label(application, i), numbers="、".join(rows)))
    return out


def page(order, application: dict, result, form_errors: dict, *, context, notes, show, found, fresh="") -> list[dict]:
    """Each APP as the step page shows it: its rows, its platform rows (with what was read from a file and what
    no longer matches it), its principal. `context` is steps._context."""
    from beian.filings import checks

    if result and fresh.isdigit():  # an APP just added opens blank, not covered in red
        result = {**result, "findings": [f for f in result["findings"] if not f["path"].startswith(f"apps[{fresh}]")]}
    findings = checks.by_path(result["findings"]) if result and show else {}
    out = []

    def rows(field_list):
        return context(order, "websites", application, result, form_errors, field_list, notes=notes, show=show,
                       found=found)["rows"]

    for i, app in enumerate(application.get("apps") or ()):
        if not isinstance(app, dict):
            continue
        app_rows = rows(app_fields.app_fields(i))
        for row in app_rows:
            if row["f"].kind == LINES:
                row["value"] = "\n".join(str(d) for d in row["value"] or () if isinstance(d, str))
                row["errors"] += [msg.APP_DOMAINS_INVALID.format(domain=fields.get_path(application, path), message=f["message"])
                                  for path, fs in findings.items() if path.startswith(f"apps[{i}].domains[")
                                  for f in fs if f["severity"] == "error"]
        platforms = []
        for j, row in enumerate(app.get("platforms") or ()):
            if not isinstance(row, dict):
                continue
            platform = app_fields.platform_of(application, i, j)
            p_rows = rows(app_fields.platform_fields(i, j, platform))
            differs = app_signing.differences(row)
            for r in p_rows:
                leaf = fields.steps_of(r["f"].name)[-1]
                if leaf in differs:
                    r["warnings"].append(differs[leaf])
            file_name = app_signing.file_field(i, j)
            platforms.append({"j": j, "rows": p_rows, "platform": platform, "help": msg.SIGNING_HELP[platform],
                              "file": file_name, "file_error": form_errors.get(file_name),
                              "read": app_signing.described(row), "differs": bool(differs)})
        general = [f["message"] for key in (f"apps[{i}]", f"apps[{i}].platforms", f"apps[{i}].principal",
                                            f"apps[{i}].domains")
                   for f in findings.get(key, []) if f["severity"] == "error"]
        out.append({"i": i, "label": label(application, i), "rows": app_rows, "platforms": platforms,
                    "reuse": app.get("principal") is None, "principal_conflict": found.get(f"apps[{i}].principal"),
                    "principal_rows": rows(fields.principal_fields(f"apps[{i}].principal", individual=False)),
                    "app_errors": general})
    return out


def labels_json() -> str:
    """The labels and help of a platform row by platform, for apps.js to follow a changed 平台 select."""
    import json

    return json.dumps({p: {"package": app_fields.PACKAGE_LABELS[p], "package_help": app_fields.PACKAGE_HELP[p],
                           "signature": app_fields.SIGNATURE_LABELS[p], "signature_help": app_fields.SIGNATURE_HELP[p],
                           "help": msg.SIGNING_HELP[p]} for p in app_fields.PLATFORMS}, ensure_ascii=False)


# ---- 1 基础信息: 服务类型 -------------------------------------------------------------------------------------------

def service_kind(application: dict) -> str:
    """What step 1 shows as 服务类型: "app" for an APP-only application, else "website"."""
    return "app" if not (application.get("websites") or ()) and (application.get("apps") or ()) else "website"


def basic_before(application: dict) -> None:
    """An APP-only application has no website: step 1's domain field needs one to be read into."""
    from beian.filings.checks import blank_website

    if not application.get("websites"):
        application["websites"] = [blank_website("")]


def basic_after(post, application: dict) -> None:
    """服务类型 APP at step 1: an untouched first website (no domain, no name) is dropped and the application
    carries an APP to fill in at 填写网站信息. 网站 keeps the website (its empty domain is then an error)."""
    if post.get("service_kind") != "app":
        return
    sites = application.get("websites") or []
    first = sites[0] if sites and isinstance(sites[0], dict) else None
    if first is not None and not any(first.get("domains") or ()) and not str(first.get("name") or "").strip():
        sites.pop(0)
    if not application.get("apps"):
        application["apps"] = [app_fields.blank_app()]


# ---- 信息确认, progress -------------------------------------------------------------------------------------------

def shown(application: dict) -> list[dict]:
    """Each APP as 信息确认 and the progress page list it: label, access, platform rows (with the platform's label,
    whether an uploaded file's values still match)."""
    names = dict(app_fields.PLATFORM_CHOICES)
    out = []
    for i, app in enumerate(application.get("apps") or ()):
        if not isinstance(app, dict):
            continue
        rows = [{"label": names.get(p.get("platform"), p.get("platform")), "package_name": p.get("package_name") or "",
                 "signature_label": app_fields.SIGNATURE_LABELS.get(p.get("platform"), "签名"),
                 "signature": p.get("signature") or "", "from_file": (p.get("from_file") or {}).get("filename"),
                 "differs": bool(app_signing.differences(p))}
                for p in app.get("platforms") or () if isinstance(p, dict)]
        out.append({"a": app, "i": i, "label": label(application, i), "access": missing.has_access(app),
                    "platforms": rows})
    return out
