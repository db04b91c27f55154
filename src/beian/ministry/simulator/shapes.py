"""The shape of what a provider submits, as the simulated ministry's interface checks it before anything is stored.

Only the shape: whether an APP's values are right (a package name's form, a fingerprint's length) is the
provider's precheck (rules engine); the ministry refuses what it cannot even read, with a stable code.
"""

from beian.ministry.simulator import messages as msg
from beian.ministry.simulator.services import PLATFORMS, SITE_NUMBER

MAX_APPS = 50
MAX_PLATFORMS = 10
MAX_LIST = 50
TEXT_LIMITS = {"name": 200, "content": 100, "remark": 2000}
PLATFORM_TEXT = {"package_name": 255, "public_key": 8192, "signature": 200}


class ShapeError(ValueError):
    def __init__(self, path: str, problem: str, **values):
        self.message = msg.APPS_INVALID.format(path=path, problem=msg.APPS_PROBLEMS[problem].format(**values))
        super().__init__(self.message)


def _text(value, path: str, limit: int, *, required: bool = False) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str):
        raise ShapeError(path, "text")
    if required and not value.strip():
        raise ShapeError(path, "required")
    if len(value) > limit:
        raise ShapeError(path, "too_long", limit=limit)


def _text_list(value, path: str) -> None:
    if value is None:
        return
    if not isinstance(value, list) or len(value) > MAX_LIST or not all(isinstance(v, str) and len(v) <= 255 for v in value):
        raise ShapeError(path, "text_list")


def check_apps(application: dict) -> None:
    """Raise ShapeError for an `apps` the ministry cannot read; absent or null is no APP."""
    apps = application.get("apps")
    if apps is None:
        return
    if not isinstance(apps, list):
        raise ShapeError("apps", "list")
    if len(apps) > MAX_APPS:
        raise ShapeError("apps", "too_many", limit=MAX_APPS)
    for i, app in enumerate(apps):
        at = f"apps[{i}]"
        if not isinstance(app, dict):
            raise ShapeError(at, "object")
        for key, limit in TEXT_LIMITS.items():
            _text(app.get(key), f"{at}.{key}", limit, required=key == "name")
        for key in ("languages", "domains"):
            _text_list(app.get(key), f"{at}.{key}")
        approvals = app.get("pre_approvals")  # entries {category, number, issuer}
        if approvals is not None and (not isinstance(approvals, list) or len(approvals) > MAX_LIST
                                      or not all(isinstance(a, dict) for a in approvals)):
            raise ShapeError(f"{at}.pre_approvals", "list")
        for key in ("principal", "access"):
            if app.get(key) is not None and not isinstance(app.get(key), dict):
                raise ShapeError(f"{at}.{key}", "object_or_null")
        platforms = app.get("platforms")
        if not isinstance(platforms, list):
            raise ShapeError(f"{at}.platforms", "list")
        if not platforms:
            raise ShapeError(f"{at}.platforms", "required")
        if len(platforms) > MAX_PLATFORMS:
            raise ShapeError(f"{at}.platforms", "too_many", limit=MAX_PLATFORMS)
        for j, row in enumerate(platforms):
            where = f"{at}.platforms[{j}]"
            if not isinstance(row, dict):
                raise ShapeError(where, "object")
            if row.get("platform") not in PLATFORMS:
                raise ShapeError(f"{where}.platform", "platform")
            for key, limit in PLATFORM_TEXT.items():
                _text(row.get(key), f"{where}.{key}", limit, required=key == "package_name")


def app_number(value) -> str | None:
    """The APP number a website-level kind names (blank: none), or None when it is not one."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or len(value) > 48 or not (match := SITE_NUMBER.match(value.strip())) or not match["app"]:
        return None
    return value.strip()
