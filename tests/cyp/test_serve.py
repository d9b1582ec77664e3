"""The production start, run for real: ``scripts/serve`` (web) and ``scripts/serve worker`` on a fresh PostgreSQL
database and Redis, as deploy/README.md documents them, behind a pretend reverse proxy.

The web is reached the way nginx reaches it (X-Forwarded-Proto: https, X-Forwarded-For) with
CYP_TRUSTED_PROXY_COUNT=1, so the production settings apply unchanged: ``check --deploy`` passes with no
warning, cookies are secure and HTTP would be redirected. Needs PostgreSQL and ``CYP_TEST_REDIS_URL`` (as
tests/reports/test_worker.py does): skipped without them, a failure under CI.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
import pytest
import redis
from django.conf import settings

from cyp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

ROOT = Path(settings.BASE_DIR)
SERVE = ROOT / "scripts" / "serve"
ADMIN_DATABASE = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _needs(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


def production_env(**extra) -> dict[str, str]:
    """What a systemd unit gives scripts/serve: only the documented variables (and PATH)."""
    return {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8", **extra}


def serve(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SERVE), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


# --- refusals before anything starts (no services needed) -------------------------------------------


def test_serve_names_each_missing_variable_and_how_to_set_it():
    result = serve(env=production_env(REDIS_URL="redis://127.0.0.1:6379/0"))

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "scripts/serve: DATABASE_URL is not set: set it to the PostgreSQL database, "
        "e.g. DATABASE_URL=postgresql://cyp:PASSWORD@127.0.0.1:5432/cyp",
        "scripts/serve: DJANGO_SECRET_KEY is not set: generate one with: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
        "scripts/serve: DJANGO_ALLOWED_HOSTS is not set: set it to the host names people type, "
        "e.g. DJANGO_ALLOWED_HOSTS=cyp.example.gov.uk",
        "scripts/serve: put these in the environment file (deploy/cyp.env.example) and start again.",
    ]


def test_serve_refuses_a_sample_secret_key_with_how_to_make_one():
    env = production_env(
        DATABASE_URL="postgresql://cyp@127.0.0.1:5432/cyp",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_SECRET_KEY="change-me",
        DJANGO_ALLOWED_HOSTS="cyp.example.gov.uk",
    )

    result = serve(env=env)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "scripts/serve: DJANGO_SECRET_KEY is too weak (it is a published sample): generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )


def test_serve_stops_on_any_deployment_warning_before_touching_the_database():
    env = production_env(
        DATABASE_URL="postgresql://nobody@127.0.0.1:5432/no_such_database",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="cyp.example.gov.uk",
        CYP_SSL_REDIRECT="false",
    )

    result = serve(env=env)

    assert result.returncode == 1
    assert "(security.W008) Your SECURE_SSL_REDIRECT setting is not set to True." in result.stderr
    assert "Applying" not in result.stdout


def test_serve_refuses_sqlite_and_points_at_the_demo():
    env = production_env(
        DATABASE_URL="sqlite:///tmp/cyp.sqlite3",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="cyp.example.gov.uk",
    )

    result = serve(env=env)

    assert result.returncode == 1
    assert "DATABASE_URL must be a PostgreSQL address" in result.stderr
    assert "for the demo on SQLite run scripts/demo" in result.stderr


def test_demo_refuses_a_production_database_and_points_at_serve():
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "demo")],
        cwd=ROOT,
        env=production_env(DATABASE_URL="postgresql://cyp@127.0.0.1:5432/cyp"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "scripts/demo: DATABASE_URL is set, but the demo runs only on the embedded default (SQLite, tasks in-process)."
    )
    assert "For production start scripts/serve (deploy/README.md)" in result.stderr


def test_collectstatic_with_the_manifest_storage_accepts_every_vendored_file(tmp_path):
    env = production_env(
        DJANGO_SETTINGS_MODULE="cyp.settings",
        DATABASE_URL="postgresql://cyp@127.0.0.1:5432/cyp",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        CYP_STATIC_ROOT=str(tmp_path / "static"),
    )

    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    vendored = sorted(path.name for path in (ROOT / "static" / "vendor").iterdir())
    assert vendored == ["bootstrap.bundle.min.js", "bootstrap.min.css", "htmx.min.js"]
    assert all((tmp_path / "static" / manifest[f"vendor/{name}"]).is_file() for name in vendored)


def test_no_vendored_file_points_at_a_source_map_that_is_not_shipped():
    for path in (ROOT / "static").rglob("*"):
        if path.suffix in {".js", ".css"}:
            for target in re.findall(r"sourceMappingURL=(\S+?)(?:\s|\*/|$)", path.read_text()):
                assert (path.parent / target).exists(), f"{path.relative_to(ROOT)} points at a missing {target}"


def test_the_deploy_examples_start_scripts_serve_and_let_the_largest_upload_through():
    deploy = ROOT / "deploy"
    units = {name: (deploy / f"cyp-{name}.service").read_text() for name in ("web", "worker", "beat")}
    env_example = (deploy / "cyp.env.example").read_text()
    body_limit = re.search(r"client_max_body_size (\d+)m;", (deploy / "nginx-cyp.conf").read_text()).group(1)

    assert [re.search(r"^ExecStart=(\S+ ?\w*)", unit, re.M).group(1) for unit in units.values()] == [
        "/opt/cyp/scripts/serve",
        "/opt/cyp/scripts/serve worker",
        "/opt/cyp/scripts/serve beat",
    ]
    assert all("EnvironmentFile=/etc/cyp/cyp.env" in unit for unit in units.values())
    for required in ("DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
        assert re.search(rf"^{required}=\S+", env_example, re.M), required
    assert int(body_limit) > max(settings.CYP_PAPER_MAX_MB, settings.CYP_IMPORT_MAX_MB)
    assert "CYP_TRUSTED_PROXY_COUNT=1" in env_example


# --- the real start ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A browser behind the pretend nginx: HTTPS as far as Django knows, our own cookie jar (cookies are Secure)."""

    def __init__(self, port: int, *, address: str):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, dict, bytes]:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers.update(
                {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://127.0.0.1:{self.port}"}
            )
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, {key.lower(): value for key, value in response.getheaders()}, content
        finally:
            connection.close()

    def get(self, path: str):
        return self.request("GET", path)

    def post_form(self, path: str, data: dict, *, form_page: str | None = None):
        """POSTs ``data`` with the CSRF token of the form on ``form_page`` (``path`` unless given)."""
        _, _, page = self.get(form_page or path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token})

    def sign_in(self, username: str, password: str) -> int:
        status, _, _ = self.post_form("/sign-in/", {"username": username, "password": password})
        return status


def wait_for(condition, *, timeout: float, what: str, logs=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    tails = "\n".join(f"--- {log.name}:\n{log.read_text(errors='replace')[-3000:]}" for log in logs if log.exists())
    pytest.fail(f"Timed out after {timeout} s waiting for {what}.\n{tails}")


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Process:
    def __init__(self, args: list[str], *, env: dict[str, str], log: Path):
        self.log = log
        self.process = subprocess.Popen(
            ["bash", str(SERVE), *args],
            cwd=ROOT,
            env=env,
            stdout=open(log, "ab"),  # noqa: SIM115 - the child owns it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def terminate(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def wait(self) -> None:
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def production(tmp_path):
    """A fresh PostgreSQL database and a Redis queue of its own, dropped and deleted afterwards."""
    redis_url = os.environ.get("CYP_TEST_REDIS_URL", "")
    _needs(bool(redis_url), "CYP_TEST_REDIS_URL is not set: the production start needs Redis (scripts/test sets it)")
    _needs(ADMIN_DATABASE.startswith("postgres"), "the production start needs PostgreSQL (DATABASE_URL)")
    name = f"cyp_serve_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_DATABASE, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(ADMIN_DATABASE)
    database_url = urlunsplit(parts._replace(path=f"/{name}"))
    # The same Redis server, another database number than the test suite's, and a queue of this run's own.
    redis_parts = urlsplit(redis_url)
    broker = urlunsplit(redis_parts._replace(path="/14"))
    queue = f"cyp-serve-{uuid.uuid4().hex[:10]}"
    port = free_port()
    env = production_env(
        DATABASE_URL=database_url,
        REDIS_URL=broker,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        CYP_PORT=str(port),
        CYP_WORKERS="2",
        CYP_TRUSTED_PROXY_COUNT="1",
        CYP_PACK_QUEUE=queue,
        CYP_DATA_DIR=str(tmp_path / "data"),
        CYP_STATIC_ROOT=str(tmp_path / "static"),
    )
    processes: list[Process] = []

    def start(*args: str) -> Process:
        process = Process(list(args), env=env, log=tmp_path / f"serve-{'-'.join(args) or 'web'}.log")
        processes.append(process)
        return process

    yield {"env": env, "port": port, "database_url": database_url, "queue": queue, "start": start}
    for process in processes:  # all at once: each takes a moment to shut down warmly
        process.terminate()
    for process in processes:
        process.wait()
    redis.Redis.from_url(broker).delete(queue)
    with psycopg.connect(ADMIN_DATABASE, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str, **extra_env: str) -> str:
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "cyp.settings", **extra_env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]  # the shell first says what it imported


@pytest.mark.worker
def test_serve_starts_the_production_web_and_worker_serves_pages_and_static_files_and_assembles_a_pack(production):
    env, port = production["env"], production["port"]
    web = production["start"]()
    worker = production["start"]("worker", "-Q", production["queue"], "--pool=solo", "--without-gossip")
    logs = (web.log, worker.log)
    wait_for(lambda: answers(port) or web.process.poll() is not None, timeout=120, what="gunicorn", logs=logs)
    assert web.process.poll() is None, web.log.read_text()
    browser = Browser(port, address="198.51.100.10")

    status, headers, page = browser.get("/sign-in/")
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert b"<h1>Sign in</h1>" in page
    css = re.search(rb'href="(/static/vendor/bootstrap\.min\.[0-9a-f]{12}\.css)"', page).group(1).decode()
    status, headers, body = browser.get(css)
    assert (status, headers["content-type"]) == (200, 'text/css; charset="utf-8"')
    assert b"sourceMappingURL" not in body
    assert browser.get("/sign-in/")[0] == 200
    # Plain HTTP (no proxy header) is sent to HTTPS: the production settings are on.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/sign-in/", headers={"Host": f"127.0.0.1:{port}"})
    assert connection.getresponse().status == 301
    connection.close()

    # scripts/serve created no account, so no demo account signs in.
    for account in DEMO_ACCOUNTS:
        assert browser.sign_in(account.username, DEMO_PASSWORD) == 200, account.username

    # A meeting whose pack nothing blocks, and a governance officer with a password nobody has seen.
    password = secrets.token_urlsafe(24)
    accounts_before, meeting = manage(
        env,
        "shell",
        "-c",
        "import os; from cyp.enums import Role; from cyp.models import User; "
        "from tests.factories import CommitteeFactory, QuarterFactory, ServiceAreaFactory; "
        "from tests.reports.workflow_factories import pack_ready_meeting; "
        "before = User.objects.count(); committee = CommitteeFactory(); "
        "meeting = pack_ready_meeting(committee=committee, area=ServiceAreaFactory(committee=committee), "
        "quarter=QuarterFactory()); "
        "user = User(username='governance.officer', role=Role.GOVERNANCE); "
        "user.set_password(os.environ['CYP_TEST_PASSWORD']); user.save(); print(before, meeting.pk)",
        CYP_TEST_PASSWORD=password,
    ).split()
    assert accounts_before == "0"
    officer = Browser(port, address="198.51.100.12")
    assert officer.sign_in("governance.officer", password) == 302

    status, headers, _ = officer.post_form(
        f"/meetings/{meeting}/assemble/",
        {"draft": "1", "idempotency_key": uuid.uuid4().hex},
        form_page=f"/meetings/{meeting}/",
    )
    assert (status, headers["location"]) == (302, f"/meetings/{meeting}/")

    with psycopg.connect(production["database_url"], autocommit=True) as db:

        def finished():
            row = db.execute("SELECT id, status, failure_reason FROM reports_packbuild ORDER BY id DESC").fetchone()
            return row if row and row[1] in ("ready", "failed") else None

        build, status, reason = wait_for(finished, timeout=180, what="the worker to assemble the pack", logs=logs)
    assert (status, reason) == ("ready", "")
    assert "pack_assemble_task" in worker.log.read_text()
    status, headers, pdf = officer.get(f"/meetings/{meeting}/builds/{build}/download/pdf/")
    assert (status, headers["content-type"], pdf[:5]) == (200, "application/pdf", b"%PDF-")
