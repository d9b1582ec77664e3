"""The public indicator page: the benchmark table and the breakdown of the published figure, and nothing later."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.enums import BenchmarkKind
from indicators.models import Figure
from tests.indicators.benchmark_factories import BenchmarkFactory, FigureBreakdownFactory
from tests.public.conftest import assert_no_secret

LATER_BENCHMARK = "SECRET-LATER-BENCHMARK-93"
DRAFT_CATEGORY = "SECRET-DRAFT-CATEGORY-17"
#: The public indicator page's queries, one of them for the benchmarks and one for the breakdown, whatever their sizes.
QUERIES = 10


def page_text(client, world) -> str:
    url = reverse("public:indicator", kwargs={"committee": world.body, "number": world.indicator.number})
    return client.get(url).content.decode()


def published_figure(world) -> Figure:
    return Figure.objects.get(indicator=world.indicator, period_end=datetime.date(2024, 6, 30))


def benchmarks_and_breakdown(world, *, size: int = 2) -> None:
    """England of 2022/23 and ``size`` others; the published figure's breakdown by age (``size`` categories, one
    hostile); a benchmark after the published quarter and the draft quarter's breakdown, which must never show."""
    indicator = world.indicator
    BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.ENGLAND, value=Decimal("70.0"))
    for index in range(size - 1):
        BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.OTHER, label=f"Group {index}", value=Decimal("80"))
    BenchmarkFactory(
        indicator=indicator,
        kind=BenchmarkKind.OTHER,
        label=LATER_BENCHMARK,
        period_label="2024/25",
        period_end=datetime.date(2025, 3, 31),
    )
    figure = published_figure(world)
    FigureBreakdownFactory(figure=figure, dimension="Age", category="<script>alert(1)</script>", position=0)
    for index in range(1, size):
        FigureBreakdownFactory(figure=figure, dimension="Age", category=f"Aged {index}", position=index)
    draft = Figure.objects.get(indicator=indicator, period_end=datetime.date(2024, 9, 30))
    FigureBreakdownFactory(figure=draft, dimension="Age", category=DRAFT_CATEGORY)


def rows(text: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]* id="{table_id}">(.*?)</table>', text, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", line, re.S)]
        for line in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_the_public_indicator_page_shows_the_benchmarks_of_the_published_figure(client, public_world):
    benchmarks_and_breakdown(public_world)

    text = page_text(client, public_world)

    assert '<h2 id="benchmarks-heading">Benchmarks</h2>' in text
    assert rows(text, "benchmarks")[1] == [
        "England",
        "2022/23",
        "70.0%",
        "+12.7% (better)",
        "DfE children looked after 2023",
    ]
    assert "Indicator 11: each comparator with its own period, and the gap from 78.9%" in text
    assert LATER_BENCHMARK not in text
    assert_no_secret(text)


def test_the_public_indicator_page_shows_the_published_figures_breakdown_escaped(client, public_world):
    benchmarks_and_breakdown(public_world)

    text = page_text(client, public_world)

    assert '<h2 id="breakdown-heading">Breakdown</h2>' in text
    assert [line[0] for line in rows(text, "breakdown-table-1")] == [
        "Age",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "Aged 1",
    ]
    assert 'class="breakdown-chart"' in text and "<script>alert" not in text
    assert DRAFT_CATEGORY not in text


def test_the_public_indicator_page_without_benchmarks_has_neither_section(client, public_world):
    text = page_text(client, public_world)

    assert 'id="benchmarks"' not in text and 'id="breakdown-heading"' not in text


def test_a_body_that_published_nothing_shows_no_benchmark_or_breakdown(client, public_world):
    other = public_world.other_indicator
    BenchmarkFactory(indicator=other, kind=BenchmarkKind.ENGLAND, value=Decimal("10"))
    FigureBreakdownFactory(figure=Figure.objects.get(indicator=other), category=DRAFT_CATEGORY)
    url = reverse("public:indicator", kwargs={"committee": public_world.other_body, "number": other.number})

    text = client.get(url).content.decode()

    assert 'id="benchmarks"' not in text and DRAFT_CATEGORY not in text


@pytest.mark.parametrize("size", [2, 20])
def test_the_public_indicator_page_queries_do_not_grow_with_benchmarks_or_breakdown(
    client, public_world, size, django_assert_num_queries
):
    benchmarks_and_breakdown(public_world, size=size)
    url = reverse("public:indicator", kwargs={"committee": public_world.body, "number": public_world.indicator.number})

    with django_assert_num_queries(QUERIES):
        response = client.get(url)

    text = response.content.decode()
    assert len(rows(text, "benchmarks")) == 1 + size
    assert len(rows(text, "breakdown-table-1")) == 1 + size
