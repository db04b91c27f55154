"""Settings for the beian platform.

Every value comes from the environment. A demo run (BEIAN_DEMO=1, as scripts/run does) needs no
configuration at all: SQLite in the data directory, local file storage, the database task queue and
the ministry simulator on loopback. A production run must give the settings that production_problems()
lists (the process refuses to start without them) and sets DATABASE_URL, S3 storage, SMTP and Redis.
"""

import os
from pathlib import Path

import dj_database_url

from beian import profile
from beian.profile import DATA_DIR, env_bool  # noqa: F401  (env_bool: other settings modules import it here)

BASE_DIR = Path(__file__).resolve().parent

# Demo or production (beian.profile): BEIAN_DEMO=1 is a demo run with embedded defaults; without it the
# settings at the end (production_problems) must be given or the process refuses to start.
BEIAN_DEMO = profile.DEMO
SECRET_KEY = profile.secret_key()

# Personal data at rest (ID numbers, mobiles, applications, document and face images) is sealed with
# envelope encryption under these master keys (beian.pii): BEIAN_DATA_KEYS="k2:<base64 32 bytes>,k1:<...>",
# the first encrypts, the others only decrypt until `beian manage rotate_data_keys` has moved everything.
# Without it a demo run generates one into the data directory, as for SECRET_KEY; production must give it.
from beian.pii.keys import configured as _configured_data_keys  # noqa: E402

DATA_KEYS, DATA_KEYS_SOURCE = _configured_data_keys(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
_demo_hosts = "127.0.0.1,localhost,[::1],testserver" if BEIAN_DEMO else ""
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", _demo_hosts).split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Public base URL of this platform, used in links sent by email/SMS and in QR codes.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if BEIAN_DEMO else "").rstrip("/")
# The ministry (工信部/管局) is reached over HTTP; by default the bundled simulator.
MINISTRY_URL = os.environ.get("MINISTRY_URL", "http://127.0.0.1:8001").rstrip("/")
MINISTRY_PROVIDER_ID = os.environ.get("MINISTRY_PROVIDER_ID", "beian-demo-provider")
# Whoever holds it can sign ministry results (approvals, ICP numbers): given in production, public in demo.
MINISTRY_SHARED_SECRET = profile.ministry_secret()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # in INSTALLED_APPS so the OpenAPI docs use its bundled static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "beian.web",
    "beian.accounts",
    "beian.products",
    "beian.filings",
    "beian.wizard",
    "beian.documents",
    "beian.verification",
    "beian.review",
    "beian.ministry",
    "beian.registries",
    "beian.notifications",
    "beian.compliance",
    "beian.api",
    "beian.pii",
    "beian.agents",
    "beian.webhooks",
]

MIDDLEWARE = [
    "beian.web.requestid.RequestIdMiddleware",
    "beian.web.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A session signed in by 在手机上继续 reaches its one order only, and ends with its hand-off (wizard/handoff.py).
    "beian.wizard.handoff.HandOffScopeMiddleware",
    # 代客户办理: the customer an agent acts for, re-checked against its link on every request (beian.agents).
    "beian.agents.middleware.ActingMiddleware",
    "beian.web.middleware.ErrorPageMiddleware",
    "beian.web.middleware.RequestSizeMiddleware",
    "beian.web.middleware.ControlCharacterMiddleware",
]
# Error pages (beian.web.errors): Chinese, in the site's look, with a request id and a stable code; JSON
# routes answer {"code", "message", "request_id"}.
CSRF_FAILURE_VIEW = "beian.web.errors.csrf_failure"
ERROR_PAGE_TEMPLATE = "web/error.html"
ERROR_PAGE_BRAND = "beian · ICP代备案管理系统"
ERROR_JSON_PATHS = ("/api/", "/ministry/callback/")
# Content-Security-Policy (beian.web.csp; Django 6's setting names): no inline script or style on any page.
# CSP_REPORT_ONLY=1 only reports violations (e.g. to try a changed policy on a running site).
from beian.web.csp import DEFAULT_POLICY as _CSP  # noqa: E402

SECURE_CSP, SECURE_CSP_REPORT_ONLY = ({}, _CSP) if env_bool("CSP_REPORT_ONLY", False) else (_CSP, {})

ROOT_URLCONF = "beian.urls"
WSGI_APPLICATION = "beian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beian.web.requestid.context",
                "beian.agents.context.agents",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'beian.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes (web, worker, pushed ministry results) share the file: wait for locks instead of
    # failing at once, and take the write lock when a transaction starts (a read lock upgraded later
    # can fail at once with "database is locked" when two writers meet).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins are limited per account and per address wherever a password is checked (beian.accounts.backends).
AUTHENTICATION_BACKENDS = ["beian.accounts.backends.LimitedModelBackend"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/orders/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

# Uploaded materials: local files by default; S3-compatible object storage when S3_BUCKET is set.
if os.environ.get("S3_BUCKET"):
    _materials_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "region_name": os.environ.get("S3_REGION", "cn-hangzhou"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _materials_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "materials"), "base_url": None},
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Sealed before they reach the disk or bucket (beian.pii.storage), whichever backend holds them.
    "materials": {"BACKEND": "beian.pii.storage.EncryptedStorage",
                  "OPTIONS": {"backend": _materials_storage["BACKEND"], "options": _materials_storage["OPTIONS"]}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: the materials rule is < 4 MiB per image; the request cap leaves room for form fields.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
# Any request (the phone page's face check posts up to 16 frames of 1 MiB); bigger ones get the 413 page unread.
REQUEST_MAX_BYTES = 20 * 1024 * 1024
# 填写网站信息 alone may carry an APP's signed .apk (documents/appsign.py reads at most 200 MB; the file is not kept).
SIGNING_REQUEST_MAX_BYTES = 201 * 1024 * 1024

# Evidence retention (docs/decisions.md #20): ID photos, material files, OCR readings and face frames are 备案审核资料
# (seed 003 §5). An order that reached the ministry keeps them while its filing lives and this many days after the
# filing's 注销; an order that never reached the ministry (cancelled, expired) keeps them this many days after it
# closed. Nothing else is purged.
EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS = int(os.environ.get("EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS", "730"))
EVIDENCE_RETENTION_UNFILED_DAYS = int(os.environ.get("EVIDENCE_RETENTION_UNFILED_DAYS", "90"))

# Webhooks (beian.webhooks.urlcheck): when on, deliveries go to loopback receivers only and no other host name
# is even resolved (the test suite, and any run that must send nothing out).
WEBHOOKS_LOOPBACK_ONLY = env_bool("WEBHOOKS_LOOPBACK_ONLY", False)

# Background work: the database queue by default (`manage.py db_worker`), RQ on Redis for scale.
if os.environ.get("REDIS_URL"):
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"]}}
elif env_bool("TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The cache holds rate-limit counters and single-use nonces, so every web and worker process must see
# the same one: Redis when configured, else a table in the database (never per-process memory).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "beian_cache"}}

# How many reverse proxies in front of the platform append to X-Forwarded-For. 0 (the default): the header is
# ignored and the client is REMOTE_ADDR, since any client can send one. Read by beian.web.limits.client_ip
# (logins, SMS, uploads, the phone page, the simulator) and by django-ninja's API throttle.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
NINJA_NUM_PROXIES = TRUSTED_PROXY_COUNT
# Abuse limits (beian.web.limits), fixed windows "count/window[,count/window]"; each can be set from the
# environment as RATE_LIMIT_<NAME> (e.g. RATE_LIMIT_SMS_MOBILE="5/h,10/d"). docs/decisions.md says why these.
RATE_LIMITS = {name: os.environ.get(f"RATE_LIMIT_{name.upper()}", default) for name, default in {
    "sms_mobile": "5/h,10/d",        # SMS codes to one mobile, across orders and accounts
    "sms_account": "10/h,30/d",      # SMS codes one account asks for
    "sms_ip": "20/h,60/d",           # SMS codes asked from one address (an office shares one)
    "register_ip": "20/h,100/d",     # registration posts from one address
    "register_email": "10/h,20/d",   # registration posts naming one email
    "reset_ip": "10/h,50/d",         # password-reset requests from one address
    "reset_email": "3/h,10/d",       # password-reset mails to one address
    "login_account": "10/15m",       # failed logins of one account, from any address
    "login_ip": "30/15m",            # failed logins from one address, any account
    "upload_order": "60/h,200/d",    # material uploads to one order (PC and phone page together)
    "upload_account": "200/h,600/d",  # material uploads by one account on the PC
    "phone_view": "120/m",           # phone page views and status polls per link and address
    "phone_upload": "20/10m",        # phone page uploads per link and address
    "phone_face": "10/10m",          # face-check attempts per link and address
    "phone_manual": "5/10m",         # manual-review requests per link and address
    "claim_lookup_account": "20/h,50/d",  # 认领备案 lookups (number/domain + certificate) by one account
    "claim_lookup_ip": "30/h,100/d",  # … and from one address: a lookup must not become a certificate oracle
    "handoff_open": "30/10m,100/d",  # 在手机上继续 links opened or confirmed from one address (any token)
    "handoff_create": "20/h,60/d",   # 在手机上继续 links made for one order, and by one account
    "agent_customer": "30/h,200/d",  # customers an agent creates or invites (per agent and per address)
}.items()}

# Email: SMTP from the environment; in the demo the console backend shows mails in the log.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1025"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "beian <noreply@beian.localhost>")

# SMS gateway port: "sink" writes to the demo SMS sink page; a provider plugs its gateway here.
SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "beian.notifications.sms.SinkGateway")
# Who besides the website principals does the face check (docs/decisions.md, issue 13 #1): "never" (the
# default: the seeds ask it of the website principals, and a website that reuses the subject principal covers
# them), "legal_representative" (also an enterprise's subject principal in the provinces where that principal
# must be the 法定代表人) or "always" (both principals, seed 004's special case).
VERIFY_SUBJECT_PRINCIPAL = os.environ.get("VERIFY_SUBJECT_PRINCIPAL", "never")
# Document reading: a field read with a confidence below this is shown as "未能识别，请核对", never compared with
# what was typed and never prefilled (docs/decisions.md, issue 14). Unset: the measured default in
# beian.documents.fields.MIN_CONFIDENCE.
OCR_MIN_CONFIDENCE = float(os.environ["OCR_MIN_CONFIDENCE"]) if os.environ.get("OCR_MIN_CONFIDENCE") else None
# Cloud products come from the provider's billing system; the demo lets a new account open an instance itself.
PRODUCTS_DEMO_PURCHASE = BEIAN_DEMO and env_bool("PRODUCTS_DEMO_PURCHASE", True)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line carries the request id shown on error pages and in the X-Request-ID header.
    # Mobiles and ID numbers are masked in every line, exception text included (beian.pii.logmask).
    "filters": {"request_id": {"()": "beian.web.requestid.RequestIdFilter"},
                "mask_pii": {"()": "beian.pii.logmask.MaskFilter"}},
    "formatters": {"default": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id", "mask_pii"],
                            "formatter": "default"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Production (issue 12) ---------------------------------------------------------------------------------
# HTTPS: SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS (+ _INCLUDE_SUBDOMAINS, _PRELOAD), SESSION_COOKIE_SECURE and
# CSRF_COOKIE_SECURE are on by default in production and off in demo runs, each switched by the environment
# variable of its name; SECURE_PROXY_SSL_HEADER behind a TLS proxy; X_FRAME_OPTIONS = DENY.
globals().update(profile.security_settings())
SILENCED_SYSTEM_CHECKS = profile.silenced_checks()


def production_problems() -> list[str]:
    """The one list of settings a production run must give: each missing, weak or demo value is a line.

    Every part of the platform adds its own requirement here (a line calling a beian.profile helper).
    """
    return [
        *profile.secret_key_problems(SECRET_KEY),
        *profile.secret_problems("MINISTRY_SHARED_SECRET", MINISTRY_SHARED_SECRET,
                                 "the secret the ministry issued to sign requests and results"),
        *profile.hosts_problems(ALLOWED_HOSTS),
        *profile.https_url_problems("SITE_URL", SITE_URL, "this platform's public address, used in mails and QR codes"),
        *profile.debug_problems(DEBUG),
        # Requests and results carry ID numbers and mobiles: the signature protects them from change, only TLS
        # from being read.
        *profile.https_url_problems("MINISTRY_URL", os.environ.get("MINISTRY_URL", ""),
                                    "the ministry's interface, reached over TLS"),
        *([] if VERIFY_SUBJECT_PRINCIPAL in ("never", "legal_representative", "always") else
          [f"VERIFY_SUBJECT_PRINCIPAL: {VERIFY_SUBJECT_PRINCIPAL!r} is not never, legal_representative or always"]),
        # A key generated into the data directory would differ per host and be lost with the disk.
        *([] if DATA_KEYS_SOURCE == "BEIAN_DATA_KEYS" else
          ["BEIAN_DATA_KEYS: not set (the master keys that seal personal data at rest, the same on every host)"]),
    ]


profile.refuse_to_start("beian", production_problems())
