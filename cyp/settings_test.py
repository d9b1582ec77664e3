"""Settings for the test suite: production settings with what tests must change, and nothing else."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")

from cyp.settings import *  # noqa: F403
from cyp.settings import STORAGES

DEBUG = False
ALLOWED_HOSTS = ["*"]
# The live server for browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="cyp-test-media-")
# Tasks run in-process unless a test starts a real worker (tests/reports/test_worker.py does).
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Each developer (or helper) running the suite at once on one PostgreSQL needs its own test database.
if os.environ.get("CYP_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["CYP_TEST_DB_NAME"]}  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="cyp-test-static-")
WHITENOISE_USE_FINDERS = True
