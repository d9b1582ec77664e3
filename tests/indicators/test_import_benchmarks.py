"""The figures workbook's benchmarks and breakdowns sheets: upserted, replaced by dimension, locked by a published
pack, and every problem named by sheet, line and column."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from indicators.imports import ImportRejected, template_xlsx
from indicators.models import Benchmark, FigureBreakdown, FigureLock
from indicators.services import spreadsheet_import
from tests.factories import FigureFactory, IndicatorFactory

AUGUST = datetime.date(2023, 8, 31)


@pytest.fixture
def placements(committee):
    """Children in care (a count), with August 2023's figure."""
    indicator = IndicatorFactory(committee=committee, number=21, unit="count", decimals=0)
    FigureFactory(indicator=indicator, period_end=AUGUST, period_label="August 2023", value=Decimal("40"))
    return indicator


def workbook(*, benchmarks=(), breakdowns=()) -> bytes:
    """The figures template with its example rows, and these rows under them (the figures sheet left empty)."""
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("figures")))
    del book["figures"]
    sheet = book.create_sheet("figures", 0)
    sheet.append(["Indicator number", "Period end", "Value"])
    for row in benchmarks:
        book["benchmarks"].append([None, *row])
    for row in breakdowns:
        book["breakdowns"].append([None, *row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def imported(committee, data: bytes):
    return spreadsheet_import(kind="figures", committee=committee, data=data, filename="figures.xlsx")


def test_a_breakdown_s_dimension_is_replaced_by_the_file_s_categories_in_its_order(committee, placements):
    august = [(21, "2023-08", 40)]
    imported(
        committee, with_figures(workbook(breakdowns=[(21, "2023-08", None, "Legal status", "Care order", 30)]), august)
    )
    again = [
        (21, "2023-08", None, "Legal status", "Interim care order", 30),
        (21, "2023-08", None, "Legal status", "Section 20", 10),
    ]

    summary = imported(committee, with_figures(workbook(breakdowns=again), august))

    assert "Breakdown categories: 2 created, 0 updated, 0 unchanged, 1 removed." in summary.notes
    assert list(FigureBreakdown.objects.values_list("category", "value", "position")) == [
        ("Interim care order", Decimal("30.0000"), 0),
        ("Section 20", Decimal("10.0000"), 1),
    ]


def test_a_workbook_of_benchmarks_alone_is_imported(committee, placements):
    summary = imported(committee, workbook(benchmarks=[(21, "SN", None, "2022/23", None, 36)]))

    assert summary.headline.startswith("Imported 0 figures from figures.xlsx")
    assert "Benchmarks: 1 created, 0 updated, 0 unchanged." in summary.notes


def with_figures(data: bytes, rows) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for row in rows:
        book["figures"].append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_benchmark_for_the_same_comparator_and_period_is_updated_not_doubled(committee, placements):
    first = with_figures(workbook(benchmarks=[(21, "England", None, "2022/23", None, 38)]), [(21, "2023-08", 40)])
    imported(committee, first)
    again = with_figures(
        workbook(benchmarks=[(21, "England", None, "2022/23", None, 39, "DfE 2023")]), [(21, "2023-08", 40)]
    )

    summary = imported(committee, again)

    assert "Benchmarks: 0 created, 1 updated, 0 unchanged." in summary.notes
    assert list(Benchmark.objects.values_list("kind", "period_end", "value", "source")) == [
        ("england", datetime.date(2023, 3, 31), Decimal("39.0000"), "DfE 2023")
    ]


def test_a_published_figure_s_breakdown_cannot_change(committee, placements):
    FigureLock.objects.create(
        committee=committee, until=datetime.date(2023, 9, 30), meeting_date=datetime.date(2023, 10, 10), version=1
    )
    data = with_figures(workbook(breakdowns=[(21, "2023-08", None, "Age band", "Under 10", 12)]), [(21, "2023-08", 40)])

    with pytest.raises(ImportRejected) as error:
        imported(committee, data)

    [problem] = error.value.lines()
    assert problem.startswith(
        "Sheet breakdowns, line 4, column Period end: Indicator 21, August 2023 is in the published pack"
    )
    assert FigureBreakdown.objects.count() == 0


def test_a_breakdown_of_a_figure_that_is_nowhere_is_refused_with_the_fix(committee, placements):
    data = with_figures(workbook(breakdowns=[(21, "2023-07", None, "Age band", "Under 10", 12)]), [(21, "2023-08", 40)])

    with pytest.raises(ImportRejected) as error:
        imported(committee, data)

    assert error.value.lines() == [
        "Sheet breakdowns, line 4, column Period end: indicator 21 has no figure (in the period) for the period "
        "ending 2023-07-31 to break down; add it to the figures sheet."
    ]
