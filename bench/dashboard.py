"""Benchmark: the quarter's dashboard and an indicator's page with 200 indicators and 40 quarters of figures.

    .venv/bin/python bench/dashboard.py                 # SQLite and PostgreSQL
    .venv/bin/python bench/dashboard.py --db sqlite     # or one of them
    .venv/bin/python bench/dashboard.py --requests 100 --indicators 400

Each database gets a fresh, throwaway copy: SQLite a temporary file, PostgreSQL a
database ``bench_cyp`` created and dropped on postgresql://postgres@127.0.0.1:5432/postgres
(``--postgres-url`` and ``--database`` to change). Each runs in its own process, because Django's
settings are read once.

The data: 200 indicators in 6 service areas, with mixed units and directions; three
in four are quarterly with 40 quarters of figures (2014/15-Q1 to 2023/24-Q4), one in
four monthly with the 120 months of the same ten years (12,000 figures in all);
targets for every year; every quarter published. Pages are requested through
Django's test client (the whole request: middleware, view, queries, template) as a
governance officer and as a committee member, after a warm-up, N times each. The
query count is measured again with only 20 indicators left, to show it does not
depend on the number of indicators.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "bench_cyp"
AIM_P95_MS = 50.0


# --- The parent: one child process per database, then the table --------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (after 5 warm-up ones)")
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help="server to create the bench database on")
    parser.add_argument("--database", default=BENCH_DATABASE, help="name of the throwaway PostgreSQL database")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(run_one(options)))
        return 0

    databases = ["sqlite", "postgres"] if options.db == "both" else [options.db]
    results = []
    for database in databases:
        print(f"Building {options.indicators} indicators x {options.quarters} quarters on {database} ...", flush=True)
        command = [
            sys.executable,
            __file__,
            "--child",
            "--db",
            database,
            "--indicators",
            str(options.indicators),
            "--quarters",
            str(options.quarters),
            "--requests",
            str(options.requests),
            "--postgres-url",
            options.postgres_url,
            "--database",
            options.database,
        ]
        child = subprocess.run(command, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(child.stdout + child.stderr, file=sys.stderr)
            return child.returncode
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
    print_table(results, options)
    return 0 if all(row["p95_ms"] < AIM_P95_MS for result in results for row in result["rows"]) else 1


def print_table(results: list[dict], options) -> None:
    print()
    print(
        f"cyp dashboard benchmark: {options.indicators} indicators, {options.quarters} quarters of figures, "
        f"{options.requests} requests per page after warm-up (server time through Django's test client)"
    )
    for result in results:
        print(
            f"  {result['database']}: {result['figures']:,} figures, {result['database_version']}; "
            f"load average {result['load'][0]:.1f} before, {result['load'][1]:.1f} after, on {os.cpu_count()} CPUs"
        )
    header = (
        f"{'database':<9} {'page':<33} {'as':<11} {'median ms':>9} {'p95 ms':>7} {'cpu ms':>7} "
        f"{'queries':>7} {'at 20':>5}"
    )
    print()
    print(header)
    print("-" * len(header))
    for result in results:
        for row in result["rows"]:
            print(
                f"{result['database']:<9} {row['page']:<33} {row['persona']:<11} {row['median_ms']:>9.1f} "
                f"{row['p95_ms']:>7.1f} {row['cpu_median_ms']:>7.1f} {row['queries']:>7} {row['queries_small']:>5}"
            )
    print()
    print(
        f"Aim: p95 under {AIM_P95_MS:.0f} ms. 'cpu ms' is the median processor time of this process (for SQLite "
        "it includes the database's work); 'at 20' is the query count with 20 indicators left."
    )


# --- The child: one database ---------------------------------------------------------------------


def configure(options) -> None:
    """Points cyp at a fresh database before Django starts."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cyp.settings_test"
    os.environ.pop("CYP_TEST_DB_NAME", None)
    if options.db == "sqlite":
        directory = tempfile.mkdtemp(prefix="cyp-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(options.postgres_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {options.database}")
            connection.execute(f"CREATE DATABASE {options.database}")
        os.environ["DATABASE_URL"] = options.postgres_url.rsplit("/", 1)[0] + f"/{options.database}"


def drop(options) -> None:
    if options.db != "postgres":
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(options.postgres_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {options.database}")


def run_one(options) -> dict:
    configure(options)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        data = build(indicators=options.indicators, quarters=options.quarters)
        load_before = os.getloadavg()[0]
        rows = measure(data, requests=options.requests)
        load_after = os.getloadavg()[0]
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
            version = cursor.fetchone()[0]
        return {
            "database": options.db,
            "database_version": f"{connection.display_name} {version}",
            "figures": data["figures"],
            "load": [load_before, load_after],
            "rows": rows,
        }
    finally:
        drop(options)


def build(*, indicators: int, quarters: int) -> dict:
    """The committee, quarters (all published), indicators with targets and figures, two people."""
    from django.utils import timezone

    from cyp.enums import Role
    from cyp.models import Committee, FinancialYear, Quarter, QuarterPublication, ServiceArea, User
    from indicators.enums import Direction, Frequency, TargetStatus, Unit
    from indicators.models import Figure, Indicator, Target, UsefulLink

    rng = random.Random(2024)
    committee = Committee.objects.create(name="Children and Young People Committee", council="Bench County Council")
    areas = [
        ServiceArea.objects.create(committee=committee, name=name, slug=name.lower().replace(" ", "-"))
        for name in ["Childrens Social Care", "Education", "Early Years", "SEND", "Youth Justice", "Skills"]
    ]
    years = (quarters + 3) // 4
    first_year = 2024 - years
    year_objects = [FinancialYear.objects.create(start_year=first_year + offset) for offset in range(years)]
    now = timezone.now()
    quarter_objects = [
        Quarter.objects.create(year=year, number=number) for year in year_objects for number in range(1, 5)
    ][:quarters]
    QuarterPublication.objects.bulk_create(
        QuarterPublication(committee=committee, quarter=quarter, published_at=now) for quarter in quarter_objects
    )
    governance = User.objects.create(username="bench-governance", role=Role.GOVERNANCE)
    member = User.objects.create(username="bench-member", role=Role.MEMBER)
    member.committees.add(committee)

    units = [Unit.PERCENT, Unit.PERCENT, Unit.RATE_PER_10000, Unit.SCORE, Unit.COUNT]
    created = Indicator.objects.bulk_create(
        Indicator(
            committee=committee,
            number=number,
            name=f"Bench indicator {number}: children and young people measured every period",
            description="What the indicator measures, in a paragraph or two.\n\nAnd how it is counted.",
            formula="(X/Y)*100",
            x_definition="The number of children counted.",
            y_definition="The number of children.",
            unit=units[number % len(units)],
            decimals=1 if number % 5 else 0,
            direction=Direction.HIGHER_IS_BETTER if number % 3 else Direction.LOWER_IS_BETTER,
            frequency=Frequency.MONTH if number % 4 == 0 else Frequency.QUARTER,
            service_area=areas[number % len(areas)],
            sources=["Department for Education", "Local Authority Interactive Tool (LAIT)"],
        )
        for number in range(1, indicators + 1)
    )
    links, targets, figures = [], [], []
    for indicator in created:
        base = rng.uniform(20, 80)
        links.append(UsefulLink(indicator=indicator, title="LAIT", url="https://example.org/lait"))
        for year in year_objects:
            if indicator.number % 17 == 0:
                targets.append(Target(indicator=indicator, year=year, status=TargetStatus.CONTEXTUAL))
            else:
                targets.append(Target(indicator=indicator, year=year, value=Decimal(f"{base:.1f}")))
        for start, end, label in periods(indicator.frequency, quarter_objects):
            value = base * rng.uniform(0.8, 1.2)
            figures.append(
                Figure(
                    indicator=indicator,
                    period_start=start,
                    period_end=end,
                    period_label=label,
                    value=Decimal(f"{value:.2f}"),
                    sn_mean=Decimal(f"{base * rng.uniform(0.9, 1.1):.2f}"),
                    england_mean=Decimal(f"{base * rng.uniform(0.9, 1.1):.2f}"),
                )
            )
    UsefulLink.objects.bulk_create(links)
    Target.objects.bulk_create(targets, batch_size=1000)
    Figure.objects.bulk_create(figures, batch_size=1000)
    monthly = next(i for i in created if i.frequency == Frequency.MONTH)
    quarterly = next(i for i in created if i.frequency == Frequency.QUARTER)
    return {
        "quarter": quarter_objects[-1],
        "governance": governance,
        "member": member,
        "monthly": monthly.number,
        "quarterly": quarterly.number,
        "figures": len(figures),
    }


def periods(frequency: str, quarters) -> list[tuple[datetime.date, datetime.date, str]]:
    """The periods an indicator of this frequency has figures for, across the quarters."""
    if frequency == "quarter":
        return [(q.start, q.end, f"{q.start:%B} to {q.end:%B %Y}") for q in quarters]
    months = []
    for quarter in quarters:
        start = quarter.start
        for offset in range(3):
            month_start = datetime.date(
                start.year + (start.month + offset - 1) // 12, (start.month + offset - 1) % 12 + 1, 1
            )
            next_month = datetime.date(month_start.year + month_start.month // 12, month_start.month % 12 + 1, 1)
            months.append((month_start, next_month - datetime.timedelta(days=1), f"{month_start:%B %Y}"))
    return months


def measure(data: dict, *, requests: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    slug = data["quarter"].slug
    pages = [
        ("dashboard", f"/quarters/{slug}/"),
        ("dashboard, worst RAG first", f"/quarters/{slug}/?sort=rag"),
        (f"indicator {data['quarterly']} (40 quarters)", f"/indicators/{data['quarterly']}/"),
        (f"indicator {data['monthly']} (120 months)", f"/indicators/{data['monthly']}/"),
    ]
    clients = {}
    for persona in ("governance", "member"):
        client = Client()
        client.force_login(data[persona])
        clients[persona] = client

    def count_queries(client, url) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(context)

    rows = []
    for persona, client in clients.items():
        for name, url in pages:
            for _ in range(5):
                client.get(url)
            times, cpu_times = [], []
            for _ in range(requests):
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                cpu_times.append((time.process_time() - cpu_started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            rows.append(
                {
                    "page": name,
                    "persona": persona,
                    "url": url,
                    "median_ms": statistics.median(times),
                    "p95_ms": statistics.quantiles(times, n=20)[-1],
                    "cpu_median_ms": statistics.median(cpu_times),
                    "queries": count_queries(client, url),
                }
            )
    shrink_to(20, keep={data["quarterly"], data["monthly"]})
    for row in rows:
        row["queries_small"] = count_queries(clients[row["persona"]], row["url"])
    return rows


def shrink_to(size: int, *, keep: set[int]) -> None:
    """Leaves ``size`` indicators (those numbered in ``keep`` among them), deleting the rest in bulk.

    Plain SQL: deleting 10,000 figures through the ORM would write a history row for each.
    """
    from django.db import connection

    from indicators.models import Figure, Indicator, PublishedStatus, Target, UsefulLink

    kept = set(Indicator.objects.filter(number__in=keep).values_list("id", flat=True))
    kept |= set(
        Indicator.objects.exclude(id__in=kept).order_by("number").values_list("id", flat=True)[: size - len(kept)]
    )
    gone = list(Indicator.objects.exclude(id__in=kept).values_list("id", flat=True))
    marks = ", ".join(["%s"] * len(gone))
    with connection.cursor() as cursor:
        for model in (Figure, Target, UsefulLink, PublishedStatus):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE indicator_id IN ({marks})", gone)
        cursor.execute(f"DELETE FROM {Indicator._meta.db_table} WHERE id IN ({marks})", gone)


if __name__ == "__main__":
    sys.exit(main())
