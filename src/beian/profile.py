"""Demo or production: the one switch both services read before anything else in their settings.

`BEIAN_DEMO=1` (scripts/run and the test suite set it) is a demo run: it may start with no configuration
(a generated secret key, the public demo ministry secret, loopback hosts) and has the demo conveniences
(the SMS/mail sink page, `beian demo`, the simulator's demo seed and automatic bureau, the demo purchase
button). Without it a service refuses to start until every production setting is given, and names each
one that is missing, weak or a public demo value, all at once so one restart fixes them all.

The settings modules import this before Django is configured: nothing here needs Django set up.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class SettingsRefused(ImproperlyConfigured):
    """A production run lacks settings; `beian manage`/`beian demo` print the message without a traceback."""


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEMO = env_bool("BEIAN_DEMO", False)
DATA_DIR = Path(os.environ.get("BEIAN_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEMO_MINISTRY_SECRET = "demo-ministry-secret"
# Values published in this repository (README, demo data, tests): whoever has the source has them.
DEMO_VALUES = frozenset({DEMO_MINISTRY_SECRET})


def secret_key() -> str:
    """An explicit key wins; a demo run generates one once and keeps it in the data directory.

    A fixed default key in the source would make every install forgeable (tokens, sessions); a production
    run must be given its key, so that every web process and host signs with the same one.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    if not DEMO:
        return ""  # refused by secret_key_problems(), named with the other missing settings
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def ministry_secret() -> str:
    """The secret the ministry and the provider sign their requests with; the demo one is public."""
    return os.environ.get("MINISTRY_SHARED_SECRET") or (DEMO_MINISTRY_SECRET if DEMO else "")


# Each helper below returns the problems of one setting, as lines `NAME: what is wrong (what it is)`.

def secret_key_problems(value: str) -> list[str]:
    # Django's own deploy check: at least 50 characters of at least 5 different ones.
    if not value:
        return ["SECRET_KEY: not set (Django's signing key: sessions, password-reset links, phone links)"]
    if len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure-"):
        return ["SECRET_KEY: too weak (at least 50 random characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"]
    return demo_value_problems("SECRET_KEY", value)


def secret_problems(name: str, value: str, meaning: str) -> list[str]:
    if not value:
        return [f"{name}: not set ({meaning})"]
    return demo_value_problems(name, value)


def demo_value_problems(name: str, value: str) -> list[str]:
    if value in DEMO_VALUES:
        return [f"{name}: {value!r} is the public demo value; give the real one"]
    return []


def hosts_problems(hosts: list[str]) -> list[str]:
    if not hosts:
        return ["ALLOWED_HOSTS: not set (the host names this service answers to, comma separated)"]
    return []


def https_url_problems(name: str, value: str, meaning: str) -> list[str]:
    if not value:
        return [f"{name}: not set ({meaning}; an https:// URL)"]
    if not value.startswith("https://"):
        return [f"{name}: {value!r} is not an https:// URL ({meaning})"]
    return []


def debug_problems(debug: bool) -> list[str]:
    return ["DEBUG: must be off in production (it shows settings and tracebacks to anyone)"] if debug else []


def silenced_checks() -> list[str]:
    # HSTS preload is a promise for the whole registrable domain, its owner's decision, not a default.
    return [] if env_bool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]


def refuse_to_start(service: str, problems: list[str]) -> None:
    """Stop a production run that lacks settings; a demo run starts whatever the problems."""
    if DEMO or not problems:
        return
    lines = "\n".join(f"  - {p}" for p in problems)
    raise SettingsRefused(
        f"{service} refuses to start: this is a production run (BEIAN_DEMO is not set) and it lacks "
        f"settings.\n{lines}\nGive each as an environment variable (README: Production settings), "
        f"or set BEIAN_DEMO=1 for a local demo with public demo secrets.")


def security_settings(*, demo: bool = DEMO) -> dict:
    """HTTPS and framing settings for both services: on by default in production, off in demo runs (plain
    http on loopback), each switchable by an environment variable of the same name."""
    https = not demo
    header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
    values = {
        "SECURE_SSL_REDIRECT": env_bool("SECURE_SSL_REDIRECT", https),
        # Load balancers probe over plain http; the probe needs an answer, not a redirect.
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
        "SECURE_HSTS_SECONDS": int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if https else "0") or 0),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True),
        "SECURE_HSTS_PRELOAD": env_bool("SECURE_HSTS_PRELOAD", False),
        "SESSION_COOKIE_SECURE": env_bool("SESSION_COOKIE_SECURE", https),
        "CSRF_COOKIE_SECURE": env_bool("CSRF_COOKIE_SECURE", https),
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
    }
    if header:
        # Behind a TLS-terminating proxy that sets e.g. `X-Forwarded-Proto: https` (and strips it from clients).
        values["SECURE_PROXY_SSL_HEADER"] = ("HTTP_" + header.upper().replace("-", "_"), "https")
    return values
