"""Settings for scripts/demo: the embedded default (SQLite in data/, Celery tasks in-process) with debug off,
so the demo behaves as people will run cyp: the product's own 404, 403 and 500 pages, static files from
whitenoise. Plain HTTP on this machine only (localhost), so no secure cookies and no HTTPS redirect.

The demo never runs against a production database or broker (its accounts have a published password): with
DATABASE_URL or REDIS_URL set these settings refuse to load. Its secret key is generated once per data
directory and kept there, so signing in survives a restart and no key is printed anywhere.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

for _name in ("DATABASE_URL", "REDIS_URL"):
    if os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(
            f"{_name} is set, but the demo settings (cyp.settings_demo) run only on the embedded default: "
            "unset it, or start production with scripts/serve."
        )


def _demo_secret_key() -> str:
    data_dir = Path(os.environ.get("CYP_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "demo-secret-key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


os.environ["DJANGO_DEBUG"] = "false"
os.environ["DJANGO_SECRET_KEY"] = _demo_secret_key()

from cyp.settings import *  # noqa: E402, F403
from cyp.settings import STORAGES  # noqa: E402

#: The demo's clock (cyp.demo_clock) runs only where this is true.
CYP_DEMO = True
CYP_DEMO_ALLOWED = True
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
# Whitenoise serves static/ straight from the source tree: no collectstatic in a fresh clone.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing is collected: no "No directory at staticfiles/" warning in a fresh clone
