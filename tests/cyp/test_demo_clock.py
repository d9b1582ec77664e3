"""The demo replays its cycle at a fixed date (cyp/demo_clock.py) with debug off (cyp/settings_demo.py), and
production never uses either."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from django.utils import timezone

from cyp.demo_clock import DEMO_NOW, demo_clock_announcement, demo_clock_travel

ROOT = Path(__file__).resolve().parents[2]


def run(args, tmp_path, **env):
    """Python in a fresh process with only the given environment (and PATH), its data in ``tmp_path``."""
    clean = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "CYP_DATA_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def test_demo_clock_freezes_at_24_september_2024_nine_in_the_morning_uk_time():
    with demo_clock_travel(tick=False):
        assert timezone.now() == DEMO_NOW
        assert timezone.localtime().strftime("%Y-%m-%d %H:%M %Z") == "2024-09-24 09:00 BST"
        assert datetime.date.today() == datetime.date(2024, 9, 24)


def test_demo_clock_runs_on_from_its_date():
    with demo_clock_travel():
        first = timezone.now()
        second = timezone.now()

    assert DEMO_NOW <= first <= second < DEMO_NOW + datetime.timedelta(minutes=1)


def test_demo_clock_announcement_says_the_date_and_why():
    assert demo_clock_announcement() == (
        "The demo's clock starts at 24 September 2024, 09:00 UK time, during the Q1 2024/25 cycle, before the "
        "committee meeting of 8 October 2024: returns were due on 12 September, draft reports are due on "
        "26 September and the pack is being prepared."
    )


def test_demo_clock_runs_a_manage_command_at_the_demo_date(tmp_path):
    result = run(
        ["-m", "cyp.demo_clock", "shell", "-c", "from django.utils import timezone; print(timezone.localdate())"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="cyp.settings_demo",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2024-09-24"


def test_demo_clock_refuses_production_settings(tmp_path):
    result = run(
        ["-m", "cyp.demo_clock", "check"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="cyp.settings",
        DJANGO_SECRET_KEY="cyp-tests-only-7f3a9c2e51d84b06a7e9f1c3d5b8e2a4c6f0d9b1e3a5c7f9",
    )

    assert result.returncode == 1
    assert "cyp.demo_clock runs only under the demo settings" in result.stderr


def test_demo_settings_turn_debug_off_for_this_machine_over_plain_http(tmp_path):
    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.CYP_DEMO, s.CYP_DEMO_ALLOWED, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.CELERY_TASK_ALWAYS_EAGER)",
        ],
        tmp_path,
        DJANGO_SETTINGS_MODULE="cyp.settings_demo",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True ['localhost', '127.0.0.1', '[::1]'] False False False 0 True"
    # A key of its own, kept in the data directory, so signing in survives a restart.
    assert len((tmp_path / "demo-secret-key").read_text()) >= 50


def test_demo_settings_refuse_a_production_database(tmp_path):
    result = run(
        ["-c", "import django; django.setup()"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="cyp.settings_demo",
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/postgres",
    )

    assert result.returncode != 0
    assert "DATABASE_URL is set, but the demo settings (cyp.settings_demo) run only on the embedded default" in (
        result.stderr
    )


DEMO_PAGES = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/no-such-page/")
page = missing.content.decode()
print(missing.status_code, "<h1>Page not found</h1>" in page, "Traceback" in page)
static = client.get("/static/css/cyp.css")
print(static.status_code, static["Content-Type"])
"""


def test_a_missing_page_under_the_demo_shows_the_products_404_page_and_static_files_are_served(tmp_path):
    result = run(["-c", DEMO_PAGES], tmp_path, DJANGO_SETTINGS_MODULE="cyp.settings_demo")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["404 True False", '200 text/css; charset="utf-8"']


def test_production_start_never_uses_the_demo_clock_or_settings():
    for path in ("scripts/serve", "cyp/wsgi.py", "cyp/celery.py", "manage.py"):
        text = (ROOT / path).read_text()
        assert "demo_clock" not in text, path
        assert "settings_demo" not in text, path
    demo = (ROOT / "scripts" / "demo").read_text()
    assert "export DJANGO_SETTINGS_MODULE=cyp.settings_demo" in demo
    assert 'exec .venv/bin/python -m cyp.demo_clock runserver "127.0.0.1:${PORT}" --noreload' in demo
