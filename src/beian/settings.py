"""Settings for the beian platform.

Every value comes from the environment with an embedded default, so that a fresh clone runs with
no configuration at all: SQLite in the data directory, local file storage, the database task
queue and the ministry simulator on loopback. Production sets DATABASE_URL, S3 storage, SMTP,
Redis and a real SECRET_KEY.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BEIAN_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """An explicit key wins; otherwise one is generated once and kept in the data directory.

    A fixed default key in the source would make every demo install forgeable (tokens, sessions).
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

# Personal data at rest (ID numbers, mobiles, applications, document and face images) is sealed with
# envelope encryption under these master keys (beian.pii): BEIAN_DATA_KEYS="k2:<base64 32 bytes>,k1:<...>",
# the first encrypts, the others only decrypt until `beian manage rotate_data_keys` has moved everything.
# Without it a key is generated once into the data directory (the demo), as for SECRET_KEY.
from beian.pii.keys import configured as _configured_data_keys  # noqa: E402

DATA_KEYS, DATA_KEYS_SOURCE = _configured_data_keys(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Public base URL of this platform, used in links sent by email/SMS and in QR codes.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The ministry (工信部/管局) is reached over HTTP; by default the bundled simulator.
MINISTRY_URL = os.environ.get("MINISTRY_URL", "http://127.0.0.1:8001").rstrip("/")
MINISTRY_PROVIDER_ID = os.environ.get("MINISTRY_PROVIDER_ID", "beian-demo-provider")
MINISTRY_SHARED_SECRET = os.environ.get("MINISTRY_SHARED_SECRET", "demo-ministry-secret")

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
]

MIDDLEWARE = [
    "beian.web.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
# Cloud products come from the provider's billing system; the demo lets a new account open an instance itself.
PRODUCTS_DEMO_PURCHASE = env_bool("PRODUCTS_DEMO_PURCHASE", True)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

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
