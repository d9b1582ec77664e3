"""Benchmark: the return page, its editor and the indicator page with every text at its limit.

    .venv/bin/python bench/text_limits.py                      # PostgreSQL (a throwaway database)
    .venv/bin/python bench/text_limits.py --db sqlite          # or SQLite in a temporary file
    .venv/bin/python bench/text_limits.py --saves 20 --requests 20

The data: one indicator whose description, X and Y definitions and calculation note are at
their limit (cyp.limits.DEFINITION), with a target whose note is at its limit, eight figures
and two returns of the same quarter's indicator pair:

- "rewritten": the lead saves the return ``--saves`` times, each time with a commentary and
  actions of 12,000 characters entirely different from the last (the worst case for the
  timeline's word diffs: every entry diffs two texts at the limit rewritten throughout);
- "edited": ``--saves`` saves of texts at the limit that each change a sentence or two (what
  autosave and real editing produce).

Each return ends with a reason at its limit, is submitted and sent back with a comment at
its limit. Pages are requested through Django's test client (the whole request: middleware,
view, queries, template) after a warm-up: the return page (governance), the editor (the
lead) and the indicator page with its history (governance). Prints the median and worst
wall-clock time, the median processor time, the page size and the query count.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "bench_text_limits"

# A throwaway database, made and dropped as the dashboard benchmark does.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard import configure, drop  # noqa: E402

#: Common words first, then 3,000 rarer ones, drawn with Zipf's weights as in real prose (a
#: small vocabulary would flatter the word diff: difflib's autojunk ignores popular words).
COMMON = ["the", "of", "and", "to", "in", "a", "is", "for", "was", "were", "with", "on", "as", "by", "at"]
COMMON += ["children", "social", "care", "caseloads", "fell", "rose", "assessment", "teams", "workers", "target"]
VOCABULARY = COMMON + [f"service{rank}" for rank in range(3_000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def prose(length: int, rng: random.Random) -> str:
    """Ordinary sentences in paragraphs, exactly ``length`` characters."""
    paragraphs, size = [], 0
    while size < length:
        sentences = [
            " ".join(rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(10, 24))).capitalize() + "."
            for _ in range(rng.randint(3, 6))
        ]
        paragraph = " ".join(sentences) + "\n\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
    text = "".join(paragraphs)[:length].rstrip()
    return text + "." * (length - len(text))  # no trailing space for the form to trim


def edited(text: str, rng: random.Random) -> str:
    """``text`` with one sentence changed, still exactly as long."""
    start = rng.randrange(0, len(text) - 200)
    replacement = " ".join(rng.choices(VOCABULARY, WEIGHTS, k=12))[:120]
    changed = text[:start] + replacement + text[start + len(replacement) :]
    return changed[: len(text)]


def build(*, saves: int) -> dict:
    from commentary.models import Return
    from commentary.services import return_return, return_save, return_submit
    from cyp import limits
    from cyp.enums import ReviewState, Role
    from cyp.models import Committee, FinancialYear, Quarter, ServiceArea, User
    from indicators.enums import Direction, Frequency, Unit
    from indicators.models import Figure, Indicator, Target

    rng = random.Random(2024)
    committee = Committee.objects.create(name="Children and Young People Committee", council="Bench County Council")
    area = ServiceArea.objects.create(committee=committee, name="Early Years", slug="early-years")
    year = FinancialYear.objects.create(start_year=2024)
    quarter = Quarter.objects.create(year=year, number=1, is_open=True, data_deadline=datetime.date(2024, 7, 31))
    lead = User.objects.create(username="bench-lead", role=Role.SERVICE_LEAD, first_name="Lee", last_name="Lead")
    lead.service_areas.add(area)
    governance = User.objects.create(username="bench-governance", role=Role.GOVERNANCE, first_name="Gwen")
    returns = {}
    for number, how in ((1, "rewritten"), (2, "edited")):
        indicator = Indicator.objects.create(
            committee=committee,
            number=number,
            name=f"Two-year-olds taking up their funded entitlement ({how})",
            description=prose(limits.DEFINITION, rng),
            formula="(X/Y)*100",
            x_definition=prose(limits.DEFINITION, rng),
            y_definition=prose(limits.DEFINITION, rng),
            calculation_note=prose(limits.DEFINITION, rng),
            unit=Unit.PERCENT,
            direction=Direction.HIGHER_IS_BETTER,
            frequency=Frequency.MONTH,
            service_area=area,
        )
        Target.objects.create(
            indicator=indicator, year=year, value=Decimal("75.0"), note=prose(limits.TARGET_NOTE, rng)
        )
        for month in range(1, 9):
            end = datetime.date(2024 + (month + 3) // 12, (month + 3) % 12 + 1, 1) - datetime.timedelta(days=1)
            Figure.objects.create(
                indicator=indicator,
                period_start=end.replace(day=1),
                period_end=end,
                period_label=f"{end:%B %Y}",
                value=Decimal("70") + month,
            )
        ret = Return.objects.create(indicator=indicator, quarter=quarter, state=ReviewState.DRAFT)
        commentary, actions = prose(limits.COMMENTARY, rng), prose(limits.ACTIONS, rng)
        for _ in range(saves):
            if how == "rewritten":
                commentary, actions = prose(limits.COMMENTARY, rng), prose(limits.ACTIONS, rng)
            else:
                commentary, actions = edited(commentary, rng), edited(actions, rng)
            ret = return_save(
                ret=ret,
                by=lead,
                content={
                    "period_label": "June 2024",
                    "period_start": datetime.date(2024, 6, 1),
                    "period_end": datetime.date(2024, 6, 30),
                    "value": Decimal("78.9"),
                    "commentary": commentary,
                    "actions": actions,
                    "not_updated_reason": prose(limits.REASON, rng),
                },
                expected_version=ret.version,
            )
        ret = return_submit(ret=ret, by=lead, expected_version=ret.version)
        return_return(ret=ret, by=governance, comment=prose(limits.COMMENT, rng), expected_version=ret.version)
        returns[how] = Return.objects.get(pk=ret.pk)
    return {"lead": lead, "governance": governance, "returns": returns}


def measure(data: dict, *, requests: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for persona in ("lead", "governance"):
        clients[persona] = Client()
        clients[persona].force_login(data[persona])
    pages = []
    for how, ret in data["returns"].items():
        pages += [
            (f"return page ({how})", "governance", f"/returns/{ret.pk}/"),
            (f"return editor ({how})", "lead", f"/returns/{ret.pk}/edit/"),
            (f"indicator page ({how})", "governance", f"/indicators/{ret.indicator.number}/"),
        ]
    rows = []
    for name, persona, url in pages:
        client = clients[persona]
        for _ in range(2):
            client.get(url)
        times, cpu_times = [], []
        for _ in range(requests):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        rows.append(
            {
                "page": name,
                "persona": persona,
                "median_ms": statistics.median(times),
                "max_ms": max(times),
                "cpu_ms": statistics.median(cpu_times),
                "kb": len(response.content) / 1024,
                "queries": len(queries),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--saves", type=int, default=10, help="saves of each return before it is submitted")
    parser.add_argument("--requests", type=int, default=10, help="timed requests per page (after 2 warm-up ones)")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--database", default=DATABASE, help="name of the throwaway PostgreSQL database")
    options = parser.parse_args()
    configure(options)
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        data = build(saves=options.saves)
        load_before = os.getloadavg()[0]
        rows = measure(data, requests=options.requests)
        load_after = os.getloadavg()[0]
    finally:
        drop(options)
    print(
        f"cyp text limits benchmark on {options.db}: every text at its limit, {options.saves} saves per return, "
        f"{options.requests} requests per page; load average {load_before:.1f} before, {load_after:.1f} after, "
        f"on {os.cpu_count()} CPUs"
    )
    header = f"{'page':<28} {'as':<11} {'median ms':>9} {'max ms':>7} {'cpu ms':>7} {'KB':>6} {'queries':>7}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['page']:<28} {row['persona']:<11} {row['median_ms']:>9.1f} {row['max_ms']:>7.1f} "
            f"{row['cpu_ms']:>7.1f} {row['kb']:>6.0f} {row['queries']:>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
