"""Stale figures (data older than the cycle shows them in) and figures the source system could not produce."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from indicators import reporting
from indicators.enums import Frequency, Unit
from indicators.exports import quarter_export
from reports.performance import performance_report_build
from reports.render.html import _indicator as html_indicator
from reports.render.pdf_performance import indicator_page as pdf_indicator_page
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_import_figures import csv_file, rejected, run, stored
from tests.indicators.test_views_dashboard import dashboard_url, table_rows
from tests.test_reporting_consumers import _pdf_texts

# The quarter reported: 1 April to 30 June 2024.
Q_START, Q_END = datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)


# --- The rule --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "period_end", "stale"),
    [
        # Monthly and quarterly: the figure must end within the quarter.
        (Frequency.MONTH, datetime.date(2024, 4, 30), False),
        (Frequency.MONTH, datetime.date(2024, 3, 31), True),
        (Frequency.QUARTER, datetime.date(2024, 6, 30), False),
        (Frequency.QUARTER, datetime.date(2024, 3, 31), True),
        # Termly and yearly: up to one year before the quarter's last day, and not a day more.
        (Frequency.YEAR, datetime.date(2023, 6, 30), False),
        (Frequency.YEAR, datetime.date(2023, 6, 29), True),
        (Frequency.YEAR, datetime.date(2022, 6, 30), True),
        (Frequency.TERM, datetime.date(2023, 7, 31), False),
        (Frequency.TERM, datetime.date(2023, 4, 30), True),
    ],
)
def test_a_figure_is_stale_when_older_than_its_frequency_allows(frequency, period_end, stale):
    assert (
        reporting.is_stale(frequency=frequency, period_end=period_end, quarter_start=Q_START, quarter_end=Q_END)
        is stale
    )


def test_a_yearly_figure_is_allowed_a_year_before_29_february():
    leap_end = datetime.date(2024, 2, 29)
    allowed = {"frequency": Frequency.YEAR, "quarter_start": datetime.date(2023, 12, 1), "quarter_end": leap_end}
    assert reporting.is_stale(period_end=datetime.date(2023, 2, 28), **allowed) is False
    assert reporting.is_stale(period_end=datetime.date(2023, 2, 27), **allowed) is True


def test_no_figure_is_never_stale_and_the_flag_is_the_period_as_printed():
    assert reporting.is_stale(frequency="month", period_end=None, quarter_start=Q_START, quarter_end=Q_END) is False
    assert reporting.stale_flag(period_label="June 2022", stale=True) == "Data from June 2022"
    assert reporting.stale_flag(period_label="June 2022", stale=False) == ""


# --- Every screen and the pack ----------------------------------------------------------------------


@pytest.fixture
def stale_yearly(committee, area, quarter):
    """A yearly indicator whose latest figure is June 2022's, shown in 2024/25 Q1 (ends 30 June 2024)."""
    indicator = IndicatorFactory(
        committee=committee, service_area=area, number=81, frequency=Frequency.YEAR, unit=Unit.PERCENT
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("50.0"))
    FigureFactory(
        indicator=indicator, period_end=datetime.date(2021, 6, 30), period_label="June <2021>", value=Decimal("48")
    )
    FigureFactory(
        indicator=indicator, period_end=datetime.date(2022, 6, 30), period_label="June <2022>", value=Decimal("52")
    )
    return indicator


@pytest.fixture
def current_monthly(committee, area, quarter):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=82, frequency=Frequency.MONTH)
    FigureFactory(indicator=indicator, period_end=Q_END, period_label="June 2024", value=Decimal("10"))
    return indicator


def test_dashboard_flags_the_stale_figure_in_words_and_not_the_current_one(
    as_persona, stale_yearly, current_monthly, quarter
):
    response = as_persona("governance").get(dashboard_url(quarter))

    rows = {row[0]: row for row in table_rows(response, "dashboard")[1:]}
    assert rows["81"][2] == "52.0% June <2022> Data from June <2022>"
    assert "Data from" not in rows["82"][2]
    assert "Data from June &lt;2022&gt;" in response.content.decode()
    assert rows["81"][10] == "Green"  # still counted under its status: stale is not "not updated"


def test_indicator_page_says_the_data_is_from_an_old_period(as_persona, stale_yearly):
    response = as_persona("governance").get("/indicators/81/?quarter=2024-25-Q1")

    page = response.content.decode()
    assert "Data from June &lt;2022&gt;.</strong> No more recent figure has been recorded for this yearly" in page


def test_indicator_page_without_a_stale_figure_has_no_flag(as_persona, current_monthly):
    response = as_persona("governance").get("/indicators/82/?quarter=2024-25-Q1")

    assert "Data from" not in response.content.decode()


def test_the_pack_flags_the_stale_figure_in_html_and_pdf(stale_yearly, current_monthly, committee, quarter):
    report = performance_report_build(committee=committee, quarter=quarter)
    stale, current = report.entry(81), report.entry(82)

    assert (stale.stale_flag, current.stale_flag) == ("Data from June <2022>", "")
    html = render_to_string(
        "reports/pack/_indicator.html", {"indicator": html_indicator(stale, 8), "item": {"anchor": "item-8"}}
    )
    assert '<strong class="stale-figure">Data from June &lt;2022&gt;</strong>' in html
    # The PDF's paragraph markup, the typed label escaped as everywhere in the pack.
    pdf = _pdf_texts(pdf_indicator_page(stale, 480, "item-8"))
    assert "<b>52.0%</b><br/><b>Data from June &lt;2022&gt;</b>" in pdf
    assert not any("Data from" in text for text in _pdf_texts(pdf_indicator_page(current, 480, "item-8")))


def test_a_stale_figure_keeps_the_counts_as_they_were(stale_yearly, committee, quarter):
    report = performance_report_build(committee=committee, quarter=quarter)
    [line] = quarter_export(committee=committee, quarter=quarter)

    assert line["counted_as"] == "Green"
    assert report.entry(81).not_updated is False


# --- Figures not available ------------------------------------------------------------------------


@pytest.fixture
def monthly(committee):
    return IndicatorFactory(committee=committee, number=201, unit=Unit.PERCENT, frequency=Frequency.MONTH)


@pytest.mark.parametrize("marker", ["#N/A", "N/A", "n/a", "-"])
def test_a_not_available_value_is_stored_as_not_available_with_the_default_reason(monthly, tmp_path, marker):
    run(csv_file(tmp_path, f"indicator,period_end,period_label,value\n201,2024-06-30,June 2024,{marker}\n"))

    figure = stored(201, "2024-06-30")
    assert (figure.value, figure.not_available, figure.not_available_reason, figure.not_updated) == (
        None,
        True,
        "Not available in the source system",
        False,
    )


def test_a_not_available_value_takes_the_reason_the_file_gives(monthly, tmp_path):
    run(
        csv_file(
            tmp_path,
            "indicator,period_end,period_label,value,not_updated_reason\n"
            "201,2024-06-30,June 2024,#N/A,Case system upgrade: no extract in June\n"
            "201,2024-05-31,May 2024,31.4,\n",
        )
    )

    june, may = stored(201, "2024-06-30"), stored(201, "2024-05-31")
    assert (june.value, june.not_available, june.not_available_reason, june.not_updated_reason) == (
        None,
        True,
        "Case system upgrade: no extract in June",
        "",
    )
    assert (may.value, may.not_available, may.not_updated) == (Decimal("31.4000"), False, False)


def test_a_not_available_value_replaces_a_stored_value(monthly, tmp_path):
    FigureFactory(indicator=monthly, period_end=Q_END, period_label="June 2024", value=Decimal("30"))

    run(csv_file(tmp_path, "indicator,period_end,period_label,value\n201,2024-06-30,June 2024,N/A\n"))

    figure = stored(201, "2024-06-30")
    assert (figure.value, figure.not_available, figure.not_updated) == (None, True, False)


def test_a_value_replaces_a_figure_not_available(monthly, tmp_path):
    run(csv_file(tmp_path, "indicator,period_end,period_label,value\n201,2024-06-30,June 2024,#N/A\n"))

    run(csv_file(tmp_path, "indicator,period_end,period_label,value\n201,2024-06-30,June 2024,31.4\n"))

    figure = stored(201, "2024-06-30")
    assert (figure.value, figure.not_available, figure.not_available_reason) == (Decimal("31.4000"), False, "")


def test_a_not_available_value_marked_not_updated_too_is_refused_naming_the_column(monthly, tmp_path):
    problems = rejected(
        csv_file(
            tmp_path,
            "indicator,period_end,period_label,value,not_updated,not_updated_reason\n"
            "201,2024-06-30,June 2024,#N/A,yes,System down\n",
        )
    )

    assert any("not_updated" in line and "cannot also be not updated" in line for line in problems)


def test_a_not_available_value_with_parts_is_refused_naming_the_column_and_the_fix(monthly, tmp_path):
    problems = rejected(
        csv_file(
            tmp_path,
            "indicator,period_end,period_label,value,numerator,denominator\n201,2024-06-30,June 2024,#N/A,3,10\n",
        )
    )

    assert any(
        "numerator" in line and "not available" in line and "clear the numerator, or write the value" in line
        for line in problems
    )


def test_other_spreadsheet_errors_are_still_refused(monthly, tmp_path):
    problems = rejected(csv_file(tmp_path, "indicator,period_end,period_label,value\n201,2024-06-30,June 2024,#REF!\n"))

    assert any("error from a spreadsheet formula" in line for line in problems)
