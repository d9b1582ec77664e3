"""Benchmark: the council overview with 500 indicators over 5 bodies, some shared between them.

    .venv/bin/python bench/overview.py                      # PostgreSQL (the default)
    .venv/bin/python bench/overview.py --db sqlite
    .venv/bin/python bench/overview.py --indicators 500 --bodies 5 --quarters 8 --requests 30

A fresh, throwaway database, as bench/dashboard.py makes one (its ``configure`` and ``drop``). The
data: ``--bodies`` bodies sharing ``--indicators`` indicators equally, mixed units and directions, a
quarter of figures each for ``--quarters`` quarters, a target for every year; the first body's first
20 indicators are also reported to every other body under numbers of their own, half of them with that
body's own target; statuses published for the quarter before. The page is requested through Django's
test client as a governance officer, after a warm-up: median and 95th percentile wall-clock time,
median processor time, the query count, and the query count again with a tenth of the indicators and
two bodies (it must not change).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard  # bench/dashboard.py: configure, drop, periods

SHARED_PER_BODY = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres"], default="postgres")
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--bodies", type=int, default=5)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--requests", type=int, default=30, help="timed requests (after 5 warm-up ones)")
    parser.add_argument("--postgres-url", default=dashboard.POSTGRES_URL)
    parser.add_argument("--database", default="bench_cyp_overview")
    options = parser.parse_args()

    dashboard.configure(options)
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        large = build(indicators=options.indicators, bodies=options.bodies, quarters=options.quarters)
        result = measure(large, requests=options.requests)
        result["queries_small"] = small_query_count(result, indicators=options.indicators // 10)
    finally:
        dashboard.drop(options)
    print(
        f"council overview, {options.db}: {options.indicators} indicators over {options.bodies} bodies "
        f"({result['rows']} rows with the shared ones), {result['figures']:,} figures, {options.requests} requests"
    )
    print(
        f"  median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, processor {result['cpu_ms']:.1f} ms "
        f"per request; {result['queries']} queries ({result['queries_small']} with {options.indicators // 10} "
        "indicators over 2 bodies)"
    )
    print(json.dumps(result))
    return 0


def build(*, indicators: int, bodies: int, quarters: int) -> dict:
    from django.utils import timezone

    from cyp.enums import Role
    from cyp.models import Committee, FinancialYear, Quarter, QuarterPublication, ServiceArea, User
    from indicators.enums import Direction, Frequency, TargetStatus, Unit
    from indicators.models import BodyTarget, Figure, Indicator, IndicatorShare, PublishedStatus, Target

    rng = random.Random(2024)
    committees = [
        Committee.objects.create(name=f"Bench body {n + 1}", council="Bench County Council", position=n)
        for n in range(bodies)
    ]
    areas = {
        committee.pk: [
            ServiceArea.objects.create(committee=committee, name=f"Area {n}", slug=f"area-{n}") for n in range(4)
        ]
        for committee in committees
    }
    years = (quarters + 3) // 4
    year_objects = [FinancialYear.objects.create(start_year=2024 - years + n) for n in range(years)]
    quarter_objects = [Quarter.objects.create(year=year, number=n) for year in year_objects for n in range(1, 5)][
        :quarters
    ]
    now = timezone.now()
    QuarterPublication.objects.bulk_create(
        QuarterPublication(committee=committee, quarter=quarter, published_at=now)
        for committee in committees
        for quarter in quarter_objects[:-1]
    )
    governance = User.objects.create(username="bench-governance", role=Role.GOVERNANCE)

    units = [Unit.PERCENT, Unit.PERCENT, Unit.RATE_PER_10000, Unit.SCORE, Unit.COUNT]
    per_body = indicators // bodies
    created = Indicator.objects.bulk_create(
        Indicator(
            committee=committee,
            number=number,
            name=f"Bench indicator {number} of {committee.name}: children and young people measured each quarter",
            unit=units[number % len(units)],
            decimals=1,
            direction=Direction.HIGHER_IS_BETTER if number % 3 else Direction.LOWER_IS_BETTER,
            frequency=Frequency.QUARTER,
            service_area=areas[committee.pk][number % 4],
        )
        for committee in committees
        for number in range(1, per_body + 1)
    )
    targets, figures = [], []
    for indicator in created:
        base = rng.uniform(20, 80)
        for year in year_objects:
            if indicator.number % 17 == 0:
                targets.append(Target(indicator=indicator, year=year, status=TargetStatus.CONTEXTUAL))
            else:
                targets.append(Target(indicator=indicator, year=year, value=Decimal(f"{base:.1f}")))
        for start, end, label in dashboard.periods("quarter", quarter_objects):
            figures.append(
                Figure(
                    indicator=indicator,
                    period_start=start,
                    period_end=end,
                    period_label=label,
                    value=Decimal(f"{base * rng.uniform(0.8, 1.2):.2f}"),
                    sn_mean=Decimal(f"{base * rng.uniform(0.9, 1.1):.2f}"),
                    england_mean=Decimal(f"{base * rng.uniform(0.9, 1.1):.2f}"),
                )
            )
    Target.objects.bulk_create(targets, batch_size=1000)
    Figure.objects.bulk_create(figures, batch_size=1000)
    first = [indicator for indicator in created if indicator.committee_id == committees[0].pk][:SHARED_PER_BODY]
    shares = IndicatorShare.objects.bulk_create(
        IndicatorShare(indicator=indicator, committee=committee, number=900 + indicator.number)
        for committee in committees[1:]
        for indicator in first
    )
    BodyTarget.objects.bulk_create(
        BodyTarget(share=share, year=year_objects[-1], value=Decimal("50.0")) for share in shares[::2]
    )
    before = quarter_objects[-2]
    statuses = ["Red", "Amber", "Green", "Blue"]
    PublishedStatus.objects.bulk_create(
        PublishedStatus(
            indicator=indicator, committee_id=indicator.committee_id, quarter=before, rag=rng.choice(statuses)
        )
        for indicator in created
    )
    return {
        "quarter": quarter_objects[-1],
        "governance": governance,
        "figures": len(figures),
        "rows": len(created) + len(shares),
    }


def measure(data: dict, *, requests: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(data["governance"])
    url = f"/overview/{data['quarter'].slug}/"
    for _ in range(5):
        assert client.get(url).status_code == 200
    times, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200
    return {
        "median_ms": statistics.median(times),
        "p95_ms": statistics.quantiles(times, n=20)[-1],
        "cpu_ms": statistics.median(cpu),
        "queries": query_count(client, url),
        "figures": data["figures"],
        "rows": data["rows"],
        "url": url,
        "governance": data["governance"].pk,
    }


def query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def small_query_count(result: dict, *, indicators: int) -> int:
    """The query count with ``indicators`` indicators left over the first two bodies (plain SQL deletes)."""
    from django.db import connection
    from django.test import Client

    from cyp.models import Committee, QuarterPublication, ServiceArea, User
    from indicators.models import BodyTarget, Figure, Indicator, IndicatorShare, PublishedStatus, Target

    keep_bodies = list(Committee.objects.order_by("position").values_list("pk", flat=True)[:2])
    kept = list(Indicator.objects.filter(committee_id__in=keep_bodies).order_by("number").values_list("pk", flat=True))
    kept = kept[:indicators]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {BodyTarget._meta.db_table}")
        cursor.execute(f"DELETE FROM {IndicatorShare._meta.db_table} WHERE NOT committee_id = ANY(%s)", [keep_bodies])
        cursor.execute(f"DELETE FROM {IndicatorShare._meta.db_table} WHERE NOT indicator_id = ANY(%s)", [kept])
        for model in (Figure, Target, PublishedStatus):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE NOT indicator_id = ANY(%s)", [kept])
        cursor.execute(f"DELETE FROM {Indicator._meta.db_table} WHERE NOT id = ANY(%s)", [kept])
        cursor.execute(
            f"DELETE FROM {QuarterPublication._meta.db_table} WHERE NOT committee_id = ANY(%s)", [keep_bodies]
        )
        cursor.execute(f"DELETE FROM {ServiceArea._meta.db_table} WHERE NOT committee_id = ANY(%s)", [keep_bodies])
        cursor.execute(f"DELETE FROM {Committee._meta.db_table} WHERE NOT id = ANY(%s)", [keep_bodies])
    client = Client()
    client.force_login(User.objects.get(pk=result["governance"]))
    return query_count(client, result["url"])


if __name__ == "__main__":
    sys.exit(main())
