"""Per-application facts computed once and shared by the checks (keeps the hot path free of repeats)."""

import datetime as dt

from beian.rules import domains as dom
from beian.rules.codes import Code, severity
from beian.rules.messages import finding_message
from beian.rules.provinces import PROVINCES, Province, normalise_province
from beian.rules.schema import parse_date


def text(obj: dict | None, key: str) -> str:
    """A string field as given, stripped; null, absent and "" all mean "not given"."""
    if obj is None:
        return ""
    value = obj.get(key)
    return value.strip() if value else ""


class Findings:
    __slots__ = ("items", "errors")

    def __init__(self):
        self.items: list[dict] = []
        self.errors = 0

    def add(self, code: Code, path: str, **fmt) -> None:
        sev = severity(code)
        self.items.append({"code": code.value, "severity": sev.value, "path": path,
                           "message": finding_message(code, fmt)})
        if sev == "error":
            self.errors += 1


class App:
    """The application plus derived facts. Attribute access, no copying of the input."""

    __slots__ = ("raw", "region", "subject", "principal", "websites", "apps", "context", "today", "province_name",
                 "province", "nature", "individual", "subject_name", "subject_cert", "domain_entries",
                 "domain_info", "has_materials")

    def __init__(self, raw: dict):
        self.raw = raw
        self.region = raw["region"]
        self.subject = raw["subject"]
        self.principal = self.subject["principal"]
        self.websites = raw.get("websites") or []
        self.apps = raw.get("apps") or []  # precheck.md "APP filing": optional, absent = []
        self.context = raw.get("context") or {}
        today = self.context.get("today")
        self.today: dt.date | None = parse_date(today, "context.today") if today else None
        self.province_name = normalise_province(self.region["province"])
        self.province: Province | None = PROVINCES.get(self.province_name) if self.province_name else None
        self.nature = self.subject["nature"]
        self.individual = self.nature == "individual"
        self.subject_name = text(self.subject, "name")
        self.subject_cert = text(self.subject, "cert_number")
        # (website index, domain index, raw string, parsed Domain or None) for every domain entered.
        self.domain_entries = [
            (i, j, raw_domain, dom.parse(raw_domain))
            for i, website in enumerate(self.websites)
            for j, raw_domain in enumerate(website.get("domains") or ())
        ]
        self.domain_info: dict = self.context.get("domains") or {}
        self.has_materials = "materials" in raw

    def website_principal(self, i: int) -> dict:
        """The effective principal of website i: its own, or the subject principal (复用)."""
        return self.websites[i].get("principal") or self.principal

    def app_principal(self, i: int) -> dict:
        """The effective principal of APP i: its own, or the subject principal (复用)."""
        return self.apps[i].get("principal") or self.principal

    def service_principals(self) -> list[tuple[str, dict | None]]:
        """(path, own principal or None for 复用) of every website, then every APP: the order in which their
        principals receive the SMS code and file their IDs (precheck.md "APP filing")."""
        return ([(f"websites[{i}].principal", w.get("principal")) for i, w in enumerate(self.websites)]
                + [(f"apps[{i}].principal", a.get("principal")) for i, a in enumerate(self.apps)])
