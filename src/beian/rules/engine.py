"""precheck(): the one entry point of the rules engine (precheck.md)."""

from typing import Any

from beian.rules import filing_type as ft
from beian.rules import materials, schema, special
from beian.rules.apps import check_apps
from beian.rules.context import App, Findings
from beian.rules.schema import ApplicationError
from beian.rules.subject import check_subject
from beian.rules.websites import CONTENTS, check_websites

__all__ = ["ApplicationError", "precheck"]


def precheck(application: Any) -> dict:
    """Check one application; raises ApplicationError when the input is not an application."""
    schema.validate(application, CONTENTS)
    app = App(application)
    out = Findings()
    check_subject(app, out)
    check_websites(app, out)
    check_apps(app, out)
    filing_type = ft.determine(app, out)
    special.check(app, filing_type, out)
    required = materials.required(app, filing_type)
    if app.has_materials:
        materials.check(app, required, out)
    return {
        "ok": out.errors == 0,
        "filing_type": filing_type,
        "findings": out.items,
        "sms_targets": ft.sms_targets(app, filing_type),
        "required_materials": required,
    }
