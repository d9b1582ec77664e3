"""Settings for cyp, read from the environment.

No variables at all is the embedded default: SQLite in ./data, Celery tasks run
in-process, debug on. Production sets DATABASE_URL (PostgreSQL), REDIS_URL
(broker and result backend), DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; scripts/serve
starts it and deploy/README.md explains every variable. Every setting is read here, by the
readers in cyp/env.py, which refuse a value they cannot read with the variable's name.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from cyp.env import (
    HOW_TO_MAKE_A_KEY,
    env_all_or_none,
    env_bool,
    env_int,
    env_int_list,
    env_list,
    env_str,
    https_address_problem,
    secret_key_weakness,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")

# The embedded default is a developer's machine; production is DATABASE_URL.
DEBUG = env_bool("DJANGO_DEBUG", default=not DATABASE_URL)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY must be set when debug is off: generate one with {HOW_TO_MAKE_A_KEY}"
        )
    if weakness := secret_key_weakness(SECRET_KEY):
        raise ImproperlyConfigured(f"DJANGO_SECRET_KEY is too weak ({weakness}): generate one with {HOW_TO_MAKE_A_KEY}")
elif not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"

# Demo data (load_demo, with its published password) belongs to the embedded default only: under
# production settings load_demo refuses unless told --allow-production, and then sets no password.
CYP_DEMO_ALLOWED = DEBUG and not DATABASE_URL
# scripts/demo sets this (cyp/settings_demo.py): only then may cyp.demo_clock move the clock.
CYP_DEMO = False

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "cyp",
    "indicators",
    "commentary",
    "reports",
    "plans",
    "agendaplan",
    "minutes",
    "selfassessment",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cyp.urls"
WSGI_APPLICATION = "cyp.wsgi.application"

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
                "cyp.context_processors.navigation",
            ],
            "string_if_invalid": "",
            # {{ text|clean_text }} in every template: user text without control or bidi-override characters.
            "builtins": ["cyp.templatetags.cyp_text"],
        },
    },
]

DATA_DIR = Path(env_str("CYP_DATA_DIR", str(BASE_DIR / "data")))

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "cyp.sqlite3",
            "OPTIONS": {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cyp.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "cyp.backends.PasswordBackend",  # passwords only: permissions are rules
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling: five failures lock the username from that address for an hour.
AXES_FAILURE_LIMIT = env_int("CYP_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Reverse proxies in front of cyp that add the client's address to X-Forwarded-For (and set
# X-Forwarded-Proto): 0 when gunicorn faces the browsers (the embedded default), 1 behind one nginx.
# Axes then counts failures per real client instead of per proxy (cyp/proxy.py).
CYP_TRUSTED_PROXY_COUNT = env_int("CYP_TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
AXES_CLIENT_IP_CALLABLE = "cyp.proxy.client_ip"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "static/"
# collectstatic writes here (scripts/serve runs it); whitenoise serves it.
STATIC_ROOT = Path(env_str("CYP_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("CYP_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: downloads go through views that check permission
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Every field with an error is marked: is-invalid, aria-invalid and aria-describedby to the message (cyp/forms.py).
FORM_RENDERER = "cyp.forms.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions and cookies: secure by default outside the embedded default.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("CYP_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("CYP_SSL_REDIRECT", default=not DEBUG)
# Only a trusted proxy may say the browser spoke HTTPS; without one the header could come from anyone.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CYP_TRUSTED_PROXY_COUNT else None
SECURE_HSTS_SECONDS = env_int("CYP_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Celery: a real broker with REDIS_URL, otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Quarterly returns: reminders before the deadline and daily while overdue (commentary.tasks).
    "returns-remind": {"task": "commentary.tasks.returns_remind_task", "schedule": crontab(hour=7, minute=0)},
    # Improvement plans: overdue and stale actions, to officers and delegates (plans.tasks).
    "plan-reminders": {"task": "plans.tasks.plan_reminders_send_task", "schedule": crontab(hour=7, minute=15)},
}
#: Days before a quarter's data deadline on which owners of unsubmitted returns are reminded.
CYP_REMINDER_DAYS_BEFORE = env_int_list("CYP_REMINDER_DAYS_BEFORE", "7,1", minimum=0)
# An action with no approved progress for this many days is flagged "no recent approved progress".
CYP_PROGRESS_STALE_DAYS = env_int("CYP_PROGRESS_STALE_DAYS", 90, minimum=1)
# The Celery queue pack assemblies go to; empty means Celery's default queue. A dedicated queue
# lets big packs run on workers of their own: ``scripts/serve worker -Q packs`` and CYP_PACK_QUEUE=packs.
CYP_PACK_QUEUE = env_str("CYP_PACK_QUEUE")
# The largest committee paper (PDF) accepted for upload, in megabytes; nginx's client_max_body_size
# must be at least this (deploy/nginx-cyp.conf).
CYP_PAPER_MAX_MB = env_int("CYP_PAPER_MAX_MB", 50, minimum=1, maximum=1024)
# The largest file any import accepts (indicators, targets, figures, plans), in megabytes, and the most
# rows it reads: 2,000 rows are checked and written in about 30 s, inside CYP_WEB_TIMEOUT. The other
# import limits (unpacked size, columns) are in cyp/imports.py.
CYP_IMPORT_MAX_MB = env_int("CYP_IMPORT_MAX_MB", 5, minimum=1, maximum=100)
CYP_IMPORT_MAX_ROWS = env_int("CYP_IMPORT_MAX_ROWS", 2000, minimum=10, maximum=100_000)

CACHES = (
    {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true: choose one (STARTTLS or SMTPS)")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cyp@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("CYP_LOG_LEVEL", "WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
}

# The address people use to reach cyp, for links in e-mails.
CYP_BASE_URL = env_str("CYP_BASE_URL", "http://127.0.0.1:8000")

# Forgotten passwords (cyp/signin.py): links asked for one address, and from one client address, in an
# hour; past either nothing more is sent. The link works for PASSWORD_RESET_TIMEOUT (Django's 3 days).
CYP_PASSWORD_RESET_LIMIT = env_int("CYP_PASSWORD_RESET_LIMIT", 3, minimum=1, maximum=100)
CYP_PASSWORD_RESET_IP_LIMIT = env_int("CYP_PASSWORD_RESET_IP_LIMIT", 20, minimum=1, maximum=10_000)

# Single sign-on with OpenID Connect (cyp/oidc.py), e.g. Microsoft Entra ID: off unless the issuer, the
# client id and its secret are all set; half a configuration stops the start naming what is missing.
# People are matched to their cyp account by e-mail and never created; roles and service areas stay cyp's.
CYP_OIDC_ENABLED = env_all_or_none(
    ("CYP_OIDC_ISSUER", "CYP_OIDC_CLIENT_ID", "CYP_OIDC_CLIENT_SECRET"),
    ("CYP_OIDC_PROVIDER_NAME", "CYP_OIDC_EMAIL_CLAIM", "CYP_OIDC_REQUIRE_VERIFIED_EMAIL", "CYP_OIDC_SCOPES"),
    feature="single sign-on",
)
CYP_OIDC_ISSUER = env_str("CYP_OIDC_ISSUER").rstrip("/")
if CYP_OIDC_ENABLED and (problem := https_address_problem(CYP_OIDC_ISSUER)):
    raise ImproperlyConfigured(f"CYP_OIDC_ISSUER {problem}")
CYP_OIDC_CLIENT_ID = env_str("CYP_OIDC_CLIENT_ID")
CYP_OIDC_CLIENT_SECRET = env_str("CYP_OIDC_CLIENT_SECRET")
# The button reads "Sign in with <this>".
CYP_OIDC_PROVIDER_NAME = env_str("CYP_OIDC_PROVIDER_NAME", "your council account")
# The claim holding the person's e-mail address; Entra ID sends "email" when the app asks for it.
CYP_OIDC_EMAIL_CLAIM = env_str("CYP_OIDC_EMAIL_CLAIM", "email")
# On: the provider must say the address is verified (email_verified). Off only for a provider whose
# directory is the council's own (a single-tenant Entra ID app), which does not send that claim.
CYP_OIDC_REQUIRE_VERIFIED_EMAIL = env_bool("CYP_OIDC_REQUIRE_VERIFIED_EMAIL", default=True)
CYP_OIDC_SCOPES = env_str("CYP_OIDC_SCOPES", "openid email profile")
if CYP_OIDC_ENABLED and "openid" not in CYP_OIDC_SCOPES.split():
    raise ImproperlyConfigured(f"CYP_OIDC_SCOPES must include openid (you set {CYP_OIDC_SCOPES!r})")
