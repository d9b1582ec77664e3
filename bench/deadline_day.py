"""Benchmark: deadline day. 50 service leads save and submit their returns at once, through gunicorn and PostgreSQL.

    .venv/bin/python bench/deadline_day.py
    .venv/bin/python bench/deadline_day.py --leads 50 --returns 2 --saves 3 --workers 4 --think-ms 1000
    .venv/bin/python bench/deadline_day.py --think-ms 0     # saturation: how many requests a second at most

What it does, all on loopback and bounded in count and time:

1. creates a fresh PostgreSQL database ``bench_deadline`` on
   postgresql://postgres@127.0.0.1:5432/postgres (``--postgres-url``), migrates it
   and seeds one committee, an open quarter and, for each lead, a service area
   with ``--returns`` percentage indicators whose returns are opened by the
   governance team (``returns_open_quarter``);
2. starts gunicorn (``cyp.wsgi``, ``--workers`` sync workers) on a free port of
   127.0.0.1 with production settings (debug off), static files from the
   finders so that nothing is collected into the checkout;
3. runs one thread per lead, each with its own cookie jar: it signs in through
   the form (CSRF token and all), then for each of its returns opens the editor,
   saves ``--saves`` times a new value (reading the version and CSRF token from
   the page each time, as a browser would) and finally saves and submits,
   pausing about ``--think-ms`` before each request but the first of a page
   (before the list, each return, each save, each reload) as a person would:
   a second on average by default, each pause drawn between half and one and
   a half times it, so that the leads neither click in the same millisecond
   nor stay in lock-step. ``--think-ms 0`` turns the leads into a load
   generator that measures throughput, where latency is the queue of 50
   clients on the machine's cores;
4. prints requests per second, median and 95th-percentile latency and errors
   (sign-in is reported apart: its password hashing is deliberately slow), and
   checks that no update was lost: every return's value in the database is the
   last value its lead saved, and every return is submitted.

Aim: no errors, no lost update, p95 under 200 ms on this machine. Exit status 1
when an error or a lost update is found. The database is dropped at the end
(``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "bench_deadline"
PASSWORD = "deadline-day-bench-password"
AIM_P95_MS = 200.0
TIME_LIMIT_S = 600

BENCH_SETTINGS = """
from cyp.settings import *  # noqa: F403
from cyp.settings import STORAGES

# Serve static files from the finders: nothing is collected into the checkout.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
"""

SEED = """
import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from commentary.services import returns_open_quarter
from cyp.enums import Role
from cyp.models import Committee, FinancialYear, Quarter, ServiceArea, User
from indicators.models import Figure, Indicator, Target

leads, per_lead = {leads}, {returns}
committee = Committee.objects.create(name="Children and Young People Committee", council="Bench County Council")
year = FinancialYear.objects.create(start_year=2024)
quarter = Quarter.objects.create(year=year, number=1, is_open=True, data_deadline=datetime.date(2024, 9, 12))
password = make_password({password!r})
User.objects.create(username="governance", role=Role.GOVERNANCE, password=password, email="governance@example.org")
number = 0
for lead_number in range(leads):
    area = ServiceArea.objects.create(committee=committee, name=f"Area {{lead_number}}", slug=f"area-{{lead_number}}")
    lead = User.objects.create(username=f"lead{{lead_number}}", role=Role.SERVICE_LEAD, password=password)
    lead.service_areas.add(area)
    for _ in range(per_lead):
        number += 1
        indicator = Indicator.objects.create(
            committee=committee, number=number, name=f"Indicator {{number}}", unit="percent", decimals=1,
            direction="higher_is_better", frequency="month", service_area=area,
        )
        Target.objects.create(indicator=indicator, year=year, value=Decimal("75.0"))
        Figure.objects.create(
            indicator=indicator, period_start=datetime.date(2024, 5, 1), period_end=datetime.date(2024, 5, 31),
            period_label="May 2024", value=Decimal("74.6"),
        )
print(returns_open_quarter(quarter=quarter, by=User.objects.get(username="governance")))
"""

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
EDIT_LINK = re.compile(r'href="/returns/(\d+)/edit/"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(base: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(base: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def drop_database(base: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to time, not to follow: a save answers 302."""

    def redirect_request(self, *args, **kwargs):
        return None


class Lead(threading.Thread):
    """One service lead on deadline day, with their own cookies."""

    def __init__(self, *, base: str, username: str, saves: int, think: float, gate: threading.Barrier):
        super().__init__(daemon=True)
        self.base, self.username, self.saves, self.think, self.gate = base, username, saves, think, gate
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        self.timings: list[float] = []
        self.sign_in_ms: float | None = None
        self.errors: list[str] = []
        self.last_saved: dict[int, Decimal] = {}
        self.pauses = random.Random(username)

    def request(self, path: str, data: dict | None = None, *, expect: int, timed: bool = True) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            response = self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=60)
            status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as answer:
            status, text = answer.code, answer.read().decode(errors="replace")
        elapsed = (time.perf_counter() - started) * 1000
        if timed:
            self.timings.append(elapsed)
        if status != expect:
            raise RuntimeError(f"{self.username}: {'POST' if data is not None else 'GET'} {path} answered {status}")
        return text

    def run(self) -> None:
        try:
            page = self.request("/sign-in/", expect=200, timed=False)
            started = time.perf_counter()
            self.request(
                "/sign-in/",
                {"csrfmiddlewaretoken": CSRF.search(page)[1], "username": self.username, "password": PASSWORD},
                expect=302,
                timed=False,
            )
            self.sign_in_ms = (time.perf_counter() - started) * 1000
        except Exception as error:
            self.errors.append(f"sign-in: {error}")
        # Everyone signs in first (slow on purpose: password hashing), then the deadline-day work starts at once.
        self.gate.wait(timeout=TIME_LIMIT_S)
        if self.errors:
            return
        try:
            self.pause()  # 50 people at their desks, not 50 clicks in the same millisecond
            listing = self.request("/returns/", expect=200)
            for pk in sorted({int(pk) for pk in EDIT_LINK.findall(listing)}):
                self.pause()
                self.work_on(pk)
        except Exception as error:  # every failure is counted and printed, none stops the others
            self.errors.append(str(error))

    def work_on(self, pk: int) -> None:
        for attempt in range(self.saves + 1):
            if attempt:
                self.pause()
            page = self.request(f"/returns/{pk}/edit/", expect=200)
            value = Decimal("76.0") + Decimal(pk % 10) + Decimal(attempt) / 10
            form = {
                "csrfmiddlewaretoken": CSRF.search(page)[1],
                "version": VERSION.search(page)[1],
                "period_label": "June 2024",
                "period_start": "2024-06-01",
                "period_end": "2024-06-30",
                "value": str(value),
                "commentary": f"{self.username}: take-up rose to {value}% (save {attempt + 1}).",
                "actions": "",
            }
            if attempt == self.saves:
                form["submit"] = "1"
            self.pause()  # typing
            self.request(f"/returns/{pk}/edit/", form, expect=302)
            self.last_saved[pk] = value

    def pause(self) -> None:
        if self.think:
            # People do not pause in step: half to one and a half times the pause, the same on every run.
            time.sleep(self.think * self.pauses.uniform(0.5, 1.5))


def server_cpu_seconds(pid: int) -> float:
    """Processor seconds (user and system) of gunicorn's master and workers so far, from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")
    for process in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def load_average() -> str:
    try:
        return "/".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=50)
    parser.add_argument("--returns", type=int, default=2, help="returns per lead")
    parser.add_argument("--saves", type=int, default=3, help="saves of each return before the save-and-submit")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--think-ms", type=int, default=1000, help="a lead's pause between saves (0: as fast as the server answers)"
    )
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    options = parser.parse_args()
    if not (1 <= options.leads <= 200 and 1 <= options.returns <= 20 and 0 <= options.saves <= 20):
        parser.error("keep it bounded: at most 200 leads, 20 returns each, 20 saves each")

    settings_dir = tempfile.mkdtemp(prefix="cyp-bench-")
    Path(settings_dir, "bench_settings.py").write_text(f"{BENCH_SETTINGS}STATIC_ROOT = {settings_dir!r}\n")
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CYP_", "REDIS_URL"))},
        "PYTHONPATH": os.pathsep.join([settings_dir, str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DATABASE_URL": database_url(options.postgres_url, DATABASE),
        "DJANGO_SECRET_KEY": "deadline-day-bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "CYP_SSL_REDIRECT": "0",
        "CYP_SECURE_COOKIES": "0",
        "CYP_HSTS_SECONDS": "0",
        "CYP_DATA_DIR": settings_dir,
    }
    python = sys.executable
    print(f"Creating {DATABASE} and seeding {options.leads} leads x {options.returns} returns ...", flush=True)
    recreate_database(options.postgres_url)
    server = None
    try:
        subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
        seed = SEED.format(leads=options.leads, returns=options.returns, password=PASSWORD)
        subprocess.run([python, "manage.py", "shell", "-c", seed], cwd=ROOT, env=env, check=True, timeout=300)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn = str(Path(python).with_name("gunicorn"))
        server = subprocess.Popen(
            [
                gunicorn,
                "cyp.wsgi",
                "--workers",
                str(options.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/health/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)

        print(f"gunicorn: {options.workers} workers on {base}; {options.leads} leads sign in ...", flush=True)
        started: list[float] = []
        cpu_before: list[float] = []

        def release():
            cpu_before.append(server_cpu_seconds(server.pid))
            started.append(time.perf_counter())

        gate = threading.Barrier(options.leads, action=release)
        leads = [
            Lead(base=base, username=f"lead{n}", saves=options.saves, think=options.think_ms / 1000, gate=gate)
            for n in range(options.leads)
        ]
        for lead in leads:
            lead.start()
        for lead in leads:
            lead.join(timeout=TIME_LIMIT_S)
        wall = time.perf_counter() - started[0] if started else float("nan")
        server_cpu = server_cpu_seconds(server.pid) - cpu_before[0] if cpu_before else float("nan")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    timings = [ms for lead in leads for ms in lead.timings]
    sign_ins = [lead.sign_in_ms for lead in leads if lead.sign_in_ms is not None]
    errors = [error for lead in leads for error in lead.errors] + [
        f"{lead.username}: still running after {TIME_LIMIT_S} s" for lead in leads if lead.is_alive()
    ]
    lost = verify(env, {pk: value for lead in leads for pk, value in lead.last_saved.items()}, options)
    if not options.keep:
        drop_database(options.postgres_url)

    expected_requests = options.leads * (1 + options.returns * 2 * (options.saves + 1))
    print()
    work = f"{options.returns} returns each, {options.saves} saves + save-and-submit"
    print(f"leads at once            {options.leads} ({work})")
    print(f"requests (timed)         {len(timings)} of {expected_requests} in {wall:.1f} s")
    print(f"requests per second      {len(timings) / wall:.1f}")
    if timings:
        print(f"server processor time    {server_cpu * 1000 / len(timings):.1f} ms a request (gunicorn, all workers)")
    if timings:
        print(f"latency median           {statistics.median(timings):.1f} ms")
        print(f"latency p95              {percentile(timings, 0.95):.1f} ms   (aim < {AIM_P95_MS:.0f} ms)")
        print(f"latency max              {max(timings):.1f} ms")
    if sign_ins:
        median, p95 = statistics.median(sign_ins), percentile(sign_ins, 0.95)
        print(f"sign-in median / p95     {median:.0f} / {p95:.0f} ms (before the timed work: password hashing)")
    print(f"errors                   {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    print(f"lost updates             {len(lost)}")
    for line in lost[:10]:
        print(f"  {line}")
    aim = bool(timings) and percentile(timings, 0.95) < AIM_P95_MS
    print(f"load average (1/5/15)    {load_average()} at the end, on {os.cpu_count()} CPUs")
    print(f"aim met                  {'yes' if aim and not errors and not lost else 'no'}")
    return 1 if errors or lost else 0


VERIFY = """
import json, sys
from commentary.models import Return
rows = {{r.pk: [str(r.value), r.state] for r in Return.objects.all()}}
print(json.dumps(rows))
"""


def verify(env: dict, last_saved: dict[int, Decimal], options) -> list[str]:
    """Every return holds the last value its lead saved, and is submitted."""
    import json

    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", VERIFY.format()],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    stored = json.loads(output.strip().splitlines()[-1])
    problems = []
    if len(stored) != options.leads * options.returns:
        problems.append(f"{len(stored)} returns in the database, expected {options.leads * options.returns}")
    for pk, (value, state) in sorted(stored.items(), key=lambda item: int(item[0])):
        saved = last_saved.get(int(pk))
        if saved is None:
            problems.append(f"return {pk}: never saved by its lead")
        elif Decimal(value) != saved:
            problems.append(f"return {pk}: database holds {value}, its lead last saved {saved}")
        elif state != "submitted":
            problems.append(f"return {pk}: {state}, not submitted")
    return problems


if __name__ == "__main__":
    sys.exit(main())
