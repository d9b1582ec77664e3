"""A body that reports monthly (``Committee.report_period``): its cycle end to end, month by month.

August 2024 is opened for returns; the lead saves and submits; governance approves; the dashboard, the
export and the pack are of August 2024; publishing records the month, locks the figures to 31 August and
makes August's statuses the base of September's movements. A quarterly body beside it keeps its quarters.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from commentary.models import Return
from commentary.reminders import returns_remind
from commentary.services import return_approve, return_save, return_submit, returns_open_quarter
from cyp.bodies import period_word
from cyp.enums import PeriodKind, ReviewState
from cyp.models import Notification, QuarterPublication
from indicators.enums import Direction, Frequency
from indicators.models import FigureLock, PublishedStatus
from indicators.selectors import landing_quarter_for, previous_quarter, quarter_rows
from reports.services import files
from reports.services.publishing import pack_publish
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    ServiceAreaFactory,
    TargetFactory,
)
from tests.indicators.test_views_dashboard import table_rows
from tests.reports import workflow_factories
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

assemble = workflow_factories.assemble

JULY, AUGUST, SEPTEMBER = 4, 5, 6  # months of the 2024/25 financial year (1 is April)


@pytest.fixture
def committee(db):
    """The body of every persona (conftest): a board that reports monthly."""
    return CommitteeFactory(name="Corporate Parenting Board", report_period=PeriodKind.MONTH)


def month(number: int, **fields):
    return QuarterFactory(kind=PeriodKind.MONTH, number=number, year__start_year=2024, **fields)


@pytest.fixture
def august(db):
    return month(AUGUST, is_open=False, data_deadline=datetime.date(2024, 9, 13))


@pytest.fixture
def quarterly(db):
    """A quarterly body beside the board, with one indicator and its June figure."""
    body = CommitteeFactory(name="Children and Young People Committee")
    indicator = IndicatorFactory(committee=body, number=1, service_area=ServiceAreaFactory(committee=body))
    TargetFactory(indicator=indicator, year__start_year=2024, value=Decimal("50.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("52.0"))
    return body


def stability(*, committee, area, number: int = 303):
    """Placement stability, lower is better, target 10.0%: July 9.6%, August 9.9% (Green)."""
    indicator = IndicatorFactory(
        committee=committee,
        service_area=area,
        number=number,
        name=f"Three or more placements ({number})",
        direction=Direction.LOWER_IS_BETTER,
        frequency=Frequency.MONTH,
    )
    TargetFactory(indicator=indicator, year__start_year=2024, value=Decimal("10.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 7, 31), value=Decimal("9.6"))
    return indicator


def august_pack_meeting(committee, august):
    meeting = MeetingFactory(committee=committee, quarter=august, date=datetime.date(2024, 9, 24))
    AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Corporate Parenting performance",
        kind="performance_report",
        green_blue_examples=[303],
    )
    return meeting


# --- The cycle, end to end ---------------------------------------------------------------------------


def test_a_monthly_body_runs_august_2024_from_returns_to_the_published_pack(
    committee, area, lead, governance, august, quarterly, as_persona, assemble, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    indicator = stability(committee=committee, area=area)

    # Governance opens August: the board's return only (the quarterly body reports by quarter).
    assert returns_open_quarter(quarter=august, by=governance) == 1
    ret = Return.objects.get(quarter=august)
    assert (ret.indicator, ret.period_label, ret.period_start, ret.period_end) == (
        indicator,
        "August 2024",
        datetime.date(2024, 8, 1),
        datetime.date(2024, 8, 31),
    )

    # The lead saves and submits; governance approves, and the figure follows.
    ret = return_save(
        ret=ret,
        by=lead,
        content={"value": Decimal("9.9"), "commentary": "Stable in August: 9.9% against 10.0%."},
        expected_version=ret.version,
    )
    ret = return_submit(ret=ret, by=lead)
    ret = return_approve(ret=ret, by=governance)
    assert ret.state == ReviewState.APPROVED
    assert indicator.figures.get(period_end=datetime.date(2024, 8, 31)).value == Decimal("9.9")

    # The dashboard of 2024-08 says "August 2024" and "month", and offers the board's months only.
    page = as_persona("governance").get("/bodies/corporate-parenting-board/quarters/2024-08/").content.decode()
    assert "<h1>Corporate Parenting Board: August 2024</h1>" in page
    assert "31 August 2024, the end of the month." in page
    assert '<label class="form-label" for="choose-quarter">Month</label>' in page
    assert '<option value="2024-08" selected>August 2024 (not published)</option>' in page
    assert "Quarter 1 2024/25" not in page

    # The export of the month, from the command line.
    out = io.StringIO()
    call_command("export_figures", "--period", "2024-08", "--committee", str(committee.pk), stdout=out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (row["indicator"], row["period_label"], row["value"], row["rag"]) == ("303", "August 2024", "9.9", "Green")

    # The pack of the month: its cover and paper say August 2024, never a quarter.
    build = assemble(august_pack_meeting(committee, august), draft=False)
    html = files.read(build.html_path).decode()
    assert "August 2024" in html
    assert "Quarter 5" not in html and "this quarter" not in html

    # Publishing records the month, locks its figures to 31 August and August's statuses.
    pack_publish(build=build, by=governance)
    assert list(QuarterPublication.objects.values_list("committee", "quarter")) == [(committee.pk, august.pk)]
    assert list(FigureLock.objects.values_list("committee", "until")) == [(committee.pk, datetime.date(2024, 8, 31))]
    assert list(PublishedStatus.objects.values_list("quarter", "indicator", "rag")) == [
        (august.pk, indicator.pk, "Green")
    ]
    assert Return.objects.get(pk=ret.pk).locked

    # September's movements start from August's published statuses.
    september = month(SEPTEMBER)
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 9, 30), value=Decimal("11.5"))
    (row,) = quarter_rows(committee=committee, quarter=september)
    assert (row.previous_published, row.rag, row.current.period_label) == ("Green", "Red", "September 2024")


def test_the_paper_of_a_monthly_report_says_month_where_the_quarterly_one_says_quarter(
    committee, area, august, governance
):
    from reports.performance import performance_report_build
    from reports.render.paper import performance_sections

    stability(committee=committee, area=area)

    report = performance_report_build(committee=committee, quarter=august)

    text = repr(performance_sections(report))
    assert (report.quarter_label, report.quarter_code, report.period_word) == ("August 2024", "August 2024", "month")
    assert "delivered monthly" in text and "updated this month" in text
    assert "this quarter" not in text and "quarterly" not in text


# --- Opening, defaults and reminders -------------------------------------------------------------------


def test_opening_a_quarter_leaves_the_monthly_body_out_and_a_month_the_quarterly_one(
    committee, area, governance, august, quarterly
):
    stability(committee=committee, area=area)
    second_quarter = QuarterFactory(number=2, year__start_year=2024, is_open=False)

    returns_open_quarter(quarter=second_quarter, by=governance)
    returns_open_quarter(quarter=august, by=governance)

    assert sorted(Return.objects.values_list("quarter__kind", "indicator__committee__name")) == [
        ("month", "Corporate Parenting Board"),
        ("quarter", "Children and Young People Committee"),
    ]


def test_a_quarterly_indicator_in_a_monthly_cycle_reports_the_latest_quarter_ended(committee, area, governance, august):
    IndicatorFactory(committee=committee, service_area=area, number=9, frequency=Frequency.QUARTER)

    returns_open_quarter(quarter=august, by=governance)

    ret = Return.objects.get(quarter=august)
    assert (ret.period_label, ret.period_start, ret.period_end) == (
        "April to June 2024",
        datetime.date(2024, 4, 1),
        datetime.date(2024, 6, 30),
    )


def test_reminders_follow_the_months_deadline(committee, area, lead, governance, august):
    stability(committee=committee, area=area)
    returns_open_quarter(quarter=august, by=governance)

    sent = returns_remind(today=datetime.date(2024, 9, 16))

    notification = Notification.objects.get(recipient=lead)
    assert sent == 1
    assert notification.subject == "August 2024: 1 return is 3 days overdue"
    assert notification.body.startswith("This return was due on 13 September 2024 and is 3 days overdue:")


# --- The body's periods -------------------------------------------------------------------------------


def test_a_monthly_body_lands_on_its_open_month_and_its_previous_period_is_the_month_before(
    committee, governance, august
):
    july = month(JULY, is_open=False)
    QuarterFactory(number=2, year__start_year=2024, is_open=True)  # the quarterly bodies' open quarter
    august.is_open = True
    august.save()

    assert landing_quarter_for(user=governance, committee=committee) == august
    assert previous_quarter(august) == july
    assert (period_word(committee), period_word(august), period_word(None)) == ("month", "month", "quarter")


def test_a_member_of_a_monthly_body_lands_on_its_latest_published_month(committee, member, august):
    QuarterPublicationFactory(committee=committee, quarter=month(JULY))
    QuarterPublicationFactory(committee=committee, quarter=august)

    assert landing_quarter_for(user=member, committee=committee) == august


def test_a_member_of_a_monthly_body_cannot_open_a_month_it_has_not_published(committee, area, as_persona, august):
    stability(committee=committee, area=area)
    QuarterPublicationFactory(committee=committee, quarter=month(JULY))

    response = as_persona("member").get("/bodies/corporate-parenting-board/quarters/2024-08/")

    assert response.status_code == 403
    assert "9.6" not in response.content.decode()


def test_export_figures_names_a_period_it_cannot_read_or_find(committee, august):
    from django.core.management.base import CommandError

    for period, message in (
        ("2024-13", "'2024-13' is not a period: write a month as 2023-09 or a quarter as 2024/25-Q1"),
        ("Augustus 2024", "'Augustus 2024' is not a period: write a month as 2023-09 or a quarter as 2024/25-Q1"),
        ("2024-09", "There is no month 2024-09 yet."),
        ("2024/25-Q2", "There is no quarter 2024/25-Q2 yet."),
    ):
        with pytest.raises(CommandError) as error:
            call_command("export_figures", "--period", period, stdout=io.StringIO())
        assert str(error.value) == message


def test_export_figures_takes_a_month_by_its_name_and_the_body_that_reports_monthly(committee, area, august, quarterly):
    stability(committee=committee, area=area)
    FigureFactory(indicator=committee.indicators.get(), period_end=datetime.date(2024, 8, 31), value=Decimal("9.9"))
    out = io.StringIO()

    call_command("export_figures", "--period", "August 2024", stdout=out)  # two bodies: the monthly one

    assert [row["indicator"] for row in csv.DictReader(io.StringIO(out.getvalue()))] == ["303"]


# --- Cost: the monthly dashboard costs what the quarterly one does --------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_monthly_dashboard_queries_do_not_grow_with_the_number_of_indicators(
    as_persona, django_assert_num_queries, committee, area, august, size
):
    QuarterPublicationFactory(committee=committee, quarter=august)
    for number in range(1, size + 1):
        indicator = stability(committee=committee, area=area, number=number)
        FigureFactory(indicator=indicator, period_end=datetime.date(2024, 8, 31), value=Decimal("9.9"))
    client = as_persona("member")

    # As the quarterly dashboard's guard (tests/indicators/test_views_dashboard.py), at the same address
    # without the body (the member's one body): thirteen.
    with django_assert_num_queries(13):
        response = client.get("/quarters/2024-08/?sort=rag")

    assert len(table_rows(response, "dashboard")) == size + 1


# --- The public site: ?period= (or ?quarter=) names a published month -----------------------------------


def test_the_public_figures_of_a_published_month_are_named_by_period(client, committee, area, august):
    indicator = stability(committee=committee, area=area)
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 8, 31), value=Decimal("9.9"))
    QuarterPublicationFactory(committee=committee, quarter=month(JULY))
    QuarterPublicationFactory(committee=committee, quarter=august)

    by_period = client.get("/public/corporate-parenting-board/figures.json?period=2024-07").json()
    by_quarter = client.get("/public/corporate-parenting-board/figures.json?quarter=2024-08").json()
    page = client.get("/public/corporate-parenting-board/indicators/?period=2024-07").content.decode()

    assert (by_period["quarter"]["name"], by_period["figures"][0]["value"]) == ("July 2024", 9.6)
    assert (by_quarter["quarter"]["name"], by_quarter["published_quarters"]) == ("August 2024", ["2024-08", "2024-07"])
    assert "July 2024" in page and "9.9" not in page


def test_the_public_site_refuses_a_period_written_wrongly_saying_how_to_write_it(client, committee, august):
    response = client.get("/public/corporate-parenting-board/figures.json?period=August-2024")

    assert response.status_code == 400
    assert response.json() == {
        "error": "period: 'August-2024' is not a quarter: write it as 2024-25-Q1 (Quarter 1 of 2024/25), "
        "or a month as 2024-08 (August 2024)."
    }
