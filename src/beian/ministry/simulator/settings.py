"""Settings of the ministry simulator: a separate WSGI service with its own database.

It stands in for the ministry's enterprise-system interface (工信部/管局), its public SMS verification
page and public ICP query, and a simulated bureau console. It shares no tables with the platform.
"""

import os

import dj_database_url

from beian import profile
from beian.profile import DATA_DIR, env_bool

# Demo or production, as the platform (beian.profile): one data dir and key file in demo runs; in production
# the settings at the end must be given or the simulator refuses to start.
BEIAN_DEMO = profile.DEMO
SECRET_KEY = profile.secret_key()
DEBUG = env_bool("DEBUG", False)
_demo_hosts = "127.0.0.1,localhost,[::1],testserver" if BEIAN_DEMO else ""
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", _demo_hosts).split(",") if h.strip()]
# The demo provider's secret (ministry_seed): the simulated ministry issues it, the platform signs with it.
MINISTRY_SHARED_SECRET = profile.ministry_secret()
ROOT_URLCONF = "beian.ministry.simulator.urls"
WSGI_APPLICATION = "beian.ministry.simulator.wsgi.application"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "beian.ministry.simulator",
]
MIDDLEWARE = [
    "beian.web.requestid.RequestIdMiddleware",
    "beian.web.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The bureau console decides filings with one click: no other site may frame it.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "beian.web.middleware.ErrorPageMiddleware",
    "beian.web.middleware.RequestSizeMiddleware",
    "beian.web.middleware.ControlCharacterMiddleware",
]
# The platform's Content-Security-Policy (and its CSP_REPORT_ONLY switch): the simulator's pages need no more.
from beian.settings import SECURE_CSP, SECURE_CSP_REPORT_ONLY  # noqa: E402, F401

# The platform's error pages (beian.web.errors) in the simulator's own look.
CSRF_FAILURE_VIEW = "beian.web.errors.csrf_failure"
ERROR_PAGE_TEMPLATE = "simulator/error.html"
ERROR_PAGE_BRAND = "工信部备案管理系统（模拟）"
ERROR_JSON_PATHS = ("/api/", "/query/api")
REQUEST_MAX_BYTES = 10 * 1024 * 1024
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beian.web.requestid.context",
            ]
        },
    }
]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("MINISTRY_DATABASE_URL", f"sqlite:///{DATA_DIR / 'ministry.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web process and its push thread and the tick process share the file (see beian.settings).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

# Automatic bureau policy for demo runs: decide N working days after bureau review starts (0 = at the
# next tick); unset, or not a demo run = only the bureau console decides. Rejection rate 0..1.
_auto = os.environ.get("MINISTRY_AUTO_DELAY_WORKDAYS", "")
MINISTRY_AUTO_DELAY_WORKDAYS = int(_auto) if BEIAN_DEMO and _auto.strip().isdigit() else None
MINISTRY_AUTO_REJECT_RATE = float(os.environ.get("MINISTRY_AUTO_REJECT_RATE", "0") or 0)
LOGIN_URL = "/bureau/login/"
# Abuse limits of the public pages (beian.web.limits). The simulator runs as one process (scripts/run), so its
# default in-memory cache holds the counters; the client address follows TRUSTED_PROXY_COUNT as on the platform.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
RATE_LIMITS = {name: os.environ.get(f"RATE_LIMIT_{name.upper()}", default) for name, default in {
    "sim_sms_ip": "30/m",        # SMS page posts per address
    "sim_sms_mobile": "10/h",    # entries for a mobile that identify no waiting filing (e.g. a wrong last 6)
    "sim_login_ip": "30/15m",    # failed bureau-console logins per address
}.items()}
# Push each new result to the provider's callback at once (from a background thread); the tick
# retries failed pushes either way.
MINISTRY_PUSH_IMMEDIATE = env_bool("MINISTRY_PUSH_IMMEDIATE", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "beian.web.requestid.RequestIdFilter"}},
    "formatters": {"default": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "default"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Production (issue 12): HTTPS and framing as the platform's (beian.profile.security_settings).
globals().update(profile.security_settings())
SILENCED_SYSTEM_CHECKS = profile.silenced_checks()


def production_problems() -> list[str]:
    """The settings a production run of the simulator must give (the platform's list, less its URL)."""
    return [
        *profile.secret_key_problems(SECRET_KEY),
        *profile.secret_problems("MINISTRY_SHARED_SECRET", MINISTRY_SHARED_SECRET,
                                 "the provider's signing secret, the same as the platform's"),
        *profile.hosts_problems(ALLOWED_HOSTS),
        *profile.debug_problems(DEBUG),
    ]


profile.refuse_to_start("the ministry simulator", production_problems())
