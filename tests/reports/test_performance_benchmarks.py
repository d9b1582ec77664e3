"""The quarterly pack's indicator page carries the benchmark table and the breakdown where the indicator has them."""

import datetime
import types
from decimal import Decimal

import pytest

from indicators.benchmarks import benchmark_table
from indicators.breakdowns import BreakdownPart, breakdown_tables
from indicators.enums import BenchmarkKind, Unit, VarianceBasis
from reports.performance import performance_report_build
from reports.render import pack_render
from tests.factories import FigureFactory, IndicatorFactory, QuarterFactory, TargetFactory
from tests.indicators.benchmark_factories import BenchmarkFactory, FigureBreakdownFactory
from tests.reports.pack_helpers import synthetic_pack
from tests.reports.render_helpers import read_back

SCRIPT = "<script>alert(1)</script>"


@pytest.mark.django_db
def test_report_entries_carry_benchmarks_and_breakdown_only_where_the_indicator_has_them(committee, area):
    quarter = QuarterFactory()
    measured = IndicatorFactory(committee=committee, number=1, service_area=area, variance_basis=VarianceBasis.POINTS)
    plain = IndicatorFactory(committee=committee, number=2, service_area=area)
    for indicator in (measured, plain):
        TargetFactory(indicator=indicator, year=quarter.year)
    figure = FigureFactory(indicator=measured, value=Decimal("58.4"), england_mean=Decimal("56.0"))
    FigureFactory(indicator=plain, sn_mean=Decimal("50.0"))
    BenchmarkFactory(indicator=measured, value=Decimal("54.2"))
    FigureBreakdownFactory(figure=figure, dimension="Age", category="Under 16", value=Decimal("12"))

    report = performance_report_build(committee=committee, quarter=quarter)

    first, second = report.entry(1), report.entry(2)
    assert [(b.name, b.period, b.gap_phrase) for b in first.benchmarks] == [
        ("England", "June 2024", "+2.4 points (better)"),
        ("England", "2022/23", "+4.2 points (better)"),
    ]
    assert [t.dimension for t in first.breakdowns] == ["Age"]
    # Its statistical neighbour mean prints among the comparators, as the published report does; no table.
    assert (second.benchmarks, second.breakdowns) == ([], [])


def _measures():
    indicator = types.SimpleNamespace(
        id=1,
        unit=Unit.COUNT,
        decimals=0,
        direction="lower_is_better",
        variance_basis="relative",
        variance_sign="better_worse",
    )
    figure = types.SimpleNamespace(
        value=Decimal("54"),
        period_label="June 2024",
        period_end=datetime.date(2024, 6, 30),
        sn_mean=None,
        region_mean=None,
        england_mean=None,
        other_mean=None,
        other_mean_label="",
    )
    benchmark = types.SimpleNamespace(
        kind=BenchmarkKind.REGION,
        label=f"East {SCRIPT}",
        name=f"East {SCRIPT}",
        period_label="2022/23",
        period_end=datetime.date(2023, 3, 31),
        value=Decimal("50"),
        source="LG Inform",
    )
    parts = [
        BreakdownPart(1, 1, "Placement", "Foster care", Decimal("40"), 0),
        BreakdownPart(2, 1, "Placement", SCRIPT, Decimal("14"), 1),
    ]
    return benchmark_table(indicator=indicator, figure=figure, benchmarks=[benchmark]), breakdown_tables(
        indicator=indicator, parts=parts
    )


def test_pack_pdf_and_html_print_the_benchmark_table_and_breakdown_with_text_escaped():
    pack = synthetic_pack(2)
    entry = pack.items[1].performance.indicators[0]
    entry.benchmarks, entry.breakdowns = _measures()

    rendered = pack_render(pack=pack)
    text = read_back(rendered.pdf).text

    assert "Benchmarks" in text and "Breakdown by placement" in text
    assert "East <script>alert(1)</" in text and "script> 2022/23 50 −8.0% (worse) LG Inform" in text  # wrapped
    assert f"Foster care 40 74.1% {SCRIPT} 14 25.9% Total 54 100%" in text
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html
    assert "<h5>Breakdown by placement</h5>" in rendered.html
    assert 'id="item-2-breakdown-1-0-title"' in rendered.html


def test_a_pack_without_benchmarks_or_breakdowns_prints_neither():
    rendered = pack_render(pack=synthetic_pack(2))

    assert "Breakdown by" not in read_back(rendered.pdf).text
    assert "<h5>Benchmarks</h5>" not in rendered.html
