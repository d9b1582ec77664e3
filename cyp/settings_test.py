"""Settings for the test suite: production settings with what tests must change, and nothing else."""

import os
import tempfile

# Long and varied enough for the production rule (debug is off here too); used by tests only.
os.environ.setdefault("DJANGO_SECRET_KEY", "cyp-tests-only-7f3a9c2e51d84b06a7e9f1c3d5b8e2a4c6f0d9b1e3a5c7f9")

from cyp.settings import *  # noqa: F403
from cyp.settings import STORAGES

DEBUG = False
CYP_DEMO_ALLOWED = True  # the demo's own tests load it under these production-like settings
ALLOWED_HOSTS = ["*"]
# The live server for browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker started by tests/reports/test_worker.py shares the test process's media directory.
MEDIA_ROOT = os.environ.get("CYP_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="cyp-test-media-")
# Tasks run in-process unless a test starts a real worker (tests/reports/test_worker.py does, with
# CYP_CELERY_EAGER=0 and a short visibility timeout so a killed worker's task is redelivered in seconds).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CYP_CELERY_EAGER", "1") != "0"
if os.environ.get("CYP_CELERY_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(os.environ["CYP_CELERY_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Each developer (or helper) running the suite at once on one PostgreSQL needs its own test database.
if os.environ.get("CYP_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["CYP_TEST_DB_NAME"]}  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="cyp-test-static-")
WHITENOISE_USE_FINDERS = True
