"""import_figures: values by period, worked out from X and Y when asked, all of the file or none of it."""

import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from indicators.enums import Frequency, Unit
from indicators.imports.figures import default_period_start
from indicators.models import Figure
from tests.factories import FigureFactory, IndicatorFactory

FILES = Path(__file__).resolve().parent / "files"
HEADINGS = "indicator,period_end,period_label,value,numerator,denominator,sn_mean,england_mean,region_mean"


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_figures", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def rejected(path) -> list[str]:
    with pytest.raises(CommandError) as error:
        run(path)
    return str(error.value).splitlines()


def csv_file(tmp_path, text: str) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def catalogue(committee):
    return {
        201: IndicatorFactory(committee=committee, number=201, unit=Unit.PERCENT, frequency=Frequency.MONTH),
        202: IndicatorFactory(
            committee=committee,
            number=202,
            unit=Unit.RATE_PER_10000,
            frequency=Frequency.QUARTER,
            formula="(X/Y)*10000",
        ),
        203: IndicatorFactory(committee=committee, number=203, unit=Unit.COUNT, frequency=Frequency.YEAR, decimals=0),
    }


def stored(number: int, period_end: str) -> Figure:
    return Figure.objects.get(indicator__number=number, period_end=period_end)


def test_import_figures_creates_figures_with_their_comparators(catalogue):
    output = run(FILES / "figures_good.csv")

    may = stored(201, "2024-05-31")
    assert (may.period_start, may.period_label, may.value, may.sn_mean, may.england_mean, may.region_mean) == (
        datetime.date(2024, 5, 1),
        "May 2024",
        Decimal("71.2000"),
        Decimal("70.1000"),
        Decimal("72.0000"),
        None,
    )
    assert "Imported 6 figures from figures_good.csv: 6 created" in output


def test_import_figures_works_out_an_empty_value_from_numerator_and_denominator(catalogue):
    run(FILES / "figures_good.csv")

    june = stored(201, "2024-06-30")
    # 450 / 570 * 100 = 78.947..., stored to the four places figures keep.
    assert (june.numerator, june.denominator, june.value) == (Decimal("450"), Decimal("570"), Decimal("78.9474"))
    # A count is its numerator.
    assert stored(203, "2023-08-31").value == Decimal("12")


def test_import_figures_keeps_a_value_that_agrees_with_its_parts_at_the_indicators_decimals(catalogue):
    run(FILES / "figures_good.csv")

    # 1000 / 256700 * 10000 = 38.956..., which is 39.0 at one place, as is 38.96.
    assert stored(202, "2024-06-30").value == Decimal("38.9600")


def test_import_figures_derives_the_period_start_from_the_frequency(catalogue):
    run(FILES / "figures_good.csv")

    assert stored(202, "2024-06-30").period_start == datetime.date(2024, 4, 1)
    assert stored(203, "2023-08-31").period_start == datetime.date(2022, 9, 1)


@pytest.mark.parametrize(
    ("frequency", "period_end", "start"),
    [
        (Frequency.MONTH, datetime.date(2024, 2, 29), datetime.date(2024, 2, 1)),
        (Frequency.QUARTER, datetime.date(2024, 3, 31), datetime.date(2024, 1, 1)),
        (Frequency.QUARTER, datetime.date(2024, 2, 29), datetime.date(2023, 12, 1)),
        (Frequency.TERM, datetime.date(2024, 12, 20), datetime.date(2024, 9, 1)),
        (Frequency.TERM, datetime.date(2024, 3, 28), datetime.date(2024, 1, 1)),
        (Frequency.TERM, datetime.date(2024, 7, 19), datetime.date(2024, 4, 1)),
        (Frequency.YEAR, datetime.date(2024, 3, 31), datetime.date(2023, 4, 1)),
        (Frequency.YEAR, datetime.date(2024, 2, 29), datetime.date(2023, 3, 1)),
    ],
)
def test_default_period_start_is_the_first_day_of_the_period_ending_on_period_end(frequency, period_end, start):
    assert default_period_start(frequency, period_end) == start


def test_import_figures_reads_not_updated_with_its_reason_and_the_optional_columns(catalogue, tmp_path):
    run(
        csv_file(
            tmp_path,
            "indicator,period_end,period_label,value,not_updated,not_updated_reason,period_start,as_at,"
            "other_mean,other_mean_label\n"
            "201,2024-06-30,June 2024,5.19,yes,System migration,2024-06-03,2024-07-15,30.5,Local mean\n"
            "201,2024-07-31,July 2024,,Y,Awaiting data,,,,\n",
        )
    )

    june, july = stored(201, "2024-06-30"), stored(201, "2024-07-31")
    assert (june.not_updated, june.not_updated_reason, june.period_start, june.as_at) == (
        True,
        "System migration",
        datetime.date(2024, 6, 3),
        datetime.date(2024, 7, 15),
    )
    assert (june.other_mean, june.other_mean_label) == (Decimal("30.5000"), "Local mean")
    assert (july.value, july.not_updated) == (None, True)


def test_import_figures_updates_by_indicator_and_period_end(catalogue, tmp_path):
    FigureFactory(indicator=catalogue[201], period_end=datetime.date(2024, 6, 30), value=Decimal("70"), sn_mean=1)

    output = run(csv_file(tmp_path, "indicator,period_end,period_label,value\n201,2024-06-30,June 2024,71.5\n"))

    figure = stored(201, "2024-06-30")
    # sn_mean is not a column of the file, so it is left as it was.
    assert (figure.value, figure.sn_mean) == (Decimal("71.5000"), Decimal("1.0000"))
    assert "0 created, 1 updated, 0 unchanged" in output


def test_import_figures_clears_old_parts_when_a_new_value_comes_without_them(catalogue, tmp_path):
    FigureFactory(
        indicator=catalogue[201], period_end=datetime.date(2024, 6, 30), value=50, numerator=50, denominator=100
    )

    run(csv_file(tmp_path, "indicator,period_end,period_label,value\n201,2024-06-30,June 2024,60\n"))

    figure = stored(201, "2024-06-30")
    assert (figure.value, figure.numerator, figure.denominator) == (Decimal("60.0000"), None, None)


def test_import_figures_records_an_audit_event_with_the_counts_and_one_per_figure(catalogue):
    run(FILES / "figures_good.csv")

    event = AuditEvent.objects.get(action=AuditAction.IMPORT_FIGURES)
    assert AuditEvent.objects.filter(action=AuditAction.FIGURE_CHANGE).count() == 6
    assert (event.action, event.changes["created"], event.changes["rows"]) == (
        AuditAction.IMPORT_FIGURES,
        [None, 6],
        [None, 6],
    )


def test_import_figures_rejects_the_whole_file_listing_every_bad_row(catalogue):
    FigureFactory(indicator=catalogue[201], period_end=datetime.date(2024, 1, 31), value=Decimal("44"))

    lines = rejected(FILES / "figures_bad.csv")

    assert lines[1:] == [
        "Line 2, column value: \u2018abc\u2019 is not a number; write it like 78.9.",
        "Line 3, column value: indicator 201 is a percentage, so the value must be between 0 and 100 (you entered "
        "117.5).",
        "Line 4, column period_end: \u20182024-09-31\u2019 is not a real date; check the day and the month.",
        "Line 5, column period_end: \u2018end of June\u2019 is not a date or a month; write the period's last day "
        "like 2023-08-31, or the month like August 2023.",
        "Line 6, column indicator: there is no indicator 999 in the catalogue; check the number, or add the "
        "indicator first with the indicators import.",
        "Line 7, column value: 79.5 does not match the numerator and denominator: (X/Y)*100 with X=450, Y=570 "
        "gives 78.9 at 1 decimal place. Correct one of them, or leave the value empty.",
        "Line 8, column denominator: the denominator cannot be zero: a value cannot be divided by nothing.",
        "Line 9, column numerator: for a percentage the numerator cannot be more than the denominator (600 is more "
        "than 570).",
        "Line 10, column value: indicator 202 is a rate per 10,000, so the value cannot be negative (you entered -3).",
        "Line 11, column value: there is no value; write the value (or the numerator and denominator), or write "
        "yes in not_updated and say why in not_updated_reason.",
        "Line 12, column not_updated_reason: the figure is marked not updated; say why, so the report can explain it.",
        "Line 13, column not_updated: there is a reason in not_updated_reason but not_updated is not yes; write "
        "yes, or clear the reason.",
        "Line 14, column period_end: indicator 201 already has a figure (in the period) for the period ending "
        "2025-03-31 on line 13; give each period once for each basis.",
        "Line 15, column period_label: this cell is empty; write the period as printed, like June 2024.",
        "Line 15, column sn_mean: \u2018#DIV/0!\u2019 is an error from a spreadsheet formula; put the number itself.",
        "Line 15, column not_updated: \u2018maybe\u2019 is not yes or no; write yes, or leave the cell empty for no.",
    ]
    # The figure that was there before is untouched; nothing else was written.
    assert list(Figure.objects.values_list("period_end", "value")) == [(datetime.date(2024, 1, 31), Decimal("44"))]
    assert AuditEvent.objects.count() == 0


def test_import_figures_one_bad_row_among_good_ones_writes_nothing(catalogue, tmp_path):
    good = "\n".join(f"201,2024-{month:02d}-01,Month {month},{50 + month}" for month in range(1, 10))

    lines = rejected(csv_file(tmp_path, f"indicator,period_end,period_label,value\n{good}\n201,2024-10-01,October,\n"))

    assert lines[0].endswith("1 problem to fix. Nothing was written.")
    assert Figure.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "203,2024-03-31,2023/24,-1,,",
            "Line 2, column value: indicator 203 is a count, so the value cannot be negative (you entered -1).",
        ),
        (
            "201,2024-06-30,June 2024,,450,",
            "Line 2, column denominator: give the denominator too, so that the value can be worked out; or write the "
            "value.",
        ),
        (
            "202,2024-06-30,Q1,,-5,100",
            "Line 2, column numerator: the numerator cannot be negative (you entered -5).",
        ),
        (
            "202,2024-06-30,Q1,31.4%,,",
            "Line 2, column value: \u201831.4%\u2019 has a % sign, but this is not a percentage; write the number "
            "alone, like 31.4.",
        ),
        (
            "201,2024-06-30,June 2024,1e3,,",
            "Line 2, column value: \u20181e3\u2019 is not a number; write it like 78.9.",
        ),
        (
            "201,2024-06-30,June 2024,1000000000000,,",
            "Line 2, column value: 1000000000000 is too large to be a figure (the largest is 999,999,999,999).",
        ),
    ],
)
def test_import_figures_explains_each_kind_of_bad_number(catalogue, tmp_path, row, problem):
    lines = rejected(csv_file(tmp_path, f"indicator,period_end,period_label,value,numerator,denominator\n{row}\n"))

    assert lines[1:] == [problem]
    assert Figure.objects.count() == 0


def test_import_figures_refuses_a_period_that_starts_after_it_ends(catalogue, tmp_path):
    lines = rejected(
        csv_file(tmp_path, "indicator,period_end,period_label,value,period_start\n201,2024-06-30,June,5,2024-07-01\n")
    )

    assert lines[1:] == ["Line 2, column period_start: the period starts (2024-07-01) after it ends (2024-06-30)."]


def test_import_figures_needs_a_value_or_numerator_column(catalogue, tmp_path):
    lines = rejected(csv_file(tmp_path, "indicator,period_end,period_label,sn_mean\n201,2024-06-30,June,5\n"))

    assert lines[1:] == ["Line 1: the heading row needs a Value column, or X (numerator) and Y (denominator) columns."]


def test_import_figures_accepts_uk_dates_and_thousands_separators_as_excel_saves_them(catalogue, tmp_path):
    run(csv_file(tmp_path, 'indicator,period_end,period_label,value\n203,31/03/2024,2023/24,"1,204"\n'))

    assert stored(203, "2024-03-31").value == Decimal("1204")
