"""An indicator's page: its definition, targets, history and trend chart, and who sees which figures."""

import datetime
from decimal import Decimal

import pytest

from cyp.enums import Role
from indicators.enums import Direction, Frequency, IndicatorStatus, TargetStatus, Unit
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    FinancialYearFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
    UsefulLinkFactory,
    UserFactory,
)
from tests.indicators.test_views_dashboard import STAFF, column, table_rows

MONTHS = [
    (datetime.date(2024, 3, 31), "March 2024", "30.0", "22.0", "23.0"),
    (datetime.date(2024, 4, 30), "April 2024", "28.0", "21.8", "22.9"),
    (datetime.date(2024, 5, 31), "May 2024", "25.0", "21.5", "22.0"),
    (datetime.date(2024, 6, 30), "June 2024", "27.0", "21.3", "21.5"),
]


@pytest.fixture
def referrals(committee, area, quarter):
    """Indicator 1 with its seed 000 texts, targets for 2023/24 and 2024/25 and four monthly figures."""
    owner = UserFactory(username="owner", first_name="Sam", last_name="Okafor", role=Role.SERVICE_LEAD)
    owner.job_title = "Head of Service"
    owner.save()
    indicator = IndicatorFactory(
        committee=committee,
        number=1,
        name="Percentage of re-referrals within 12 months",
        description="This indicator shows the level of re-referrals.\n\nA referral is a request for services.",
        formula="(X/Y)*100",
        x_definition="The number of children with a referral who also have a previous referral.",
        y_definition="The number of children with a referral this month.",
        calculation_note="Counted at month end.",
        unit=Unit.PERCENT,
        decimals=1,
        direction=Direction.LOWER_IS_BETTER,
        frequency=Frequency.MONTH,
        service_area=area,
        owner=owner,
        sources=["Department for Education", "Local Authority Interactive Tool (LAIT)"],
    )
    UsefulLinkFactory(
        indicator=indicator, title="Local Authority Interactive Tool (LAIT)", url="https://example.org/lait"
    )
    UsefulLinkFactory(indicator=indicator, title="Children in Need statistics", url="", position=1)
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2023), value=Decimal("22.0"))
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("20.0"), note="Set by the committee in March.")
    for period_end, label, value, sn_mean, england_mean in MONTHS:
        FigureFactory(
            indicator=indicator,
            period_end=period_end,
            period_label=label,
            value=Decimal(value),
            sn_mean=Decimal(sn_mean),
            england_mean=Decimal(england_mean),
        )
    return indicator


@pytest.fixture
def published(quarter):
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)
    return quarter


@pytest.fixture
def later_figures(referrals):
    """July and August 2024: beyond Quarter 1, in a quarter that is not published."""
    QuarterFactory(year=referrals.targets.get(year__start_year=2024).year, number=2, is_open=True)
    FigureFactory(indicator=referrals, period_end=datetime.date(2024, 7, 31), period_label="July 2024", value=99.1)
    FigureFactory(indicator=referrals, period_end=datetime.date(2024, 8, 31), period_label="August 2024", value=99.2)
    TargetFactory(indicator=referrals, year=FinancialYearFactory(start_year=2025), value=Decimal("18.5"))


def page_text(response) -> str:
    return " ".join(response.content.decode().split())


# --- What the page shows -------------------------------------------------------------------------


def test_indicator_page_shows_the_definition_as_seed_000_prints_it(as_persona, referrals):
    response = as_persona("governance").get("/indicators/1/")

    text = page_text(response)
    assert "<h1>Indicator 1: Percentage of re-referrals within 12 months</h1>" in text
    assert "<p>This indicator shows the level of re-referrals.</p> <p>A referral is a request for services.</p>" in text
    assert '<p class="formula font-monospace fs-5">(X/Y)*100</p>' in text
    assert (
        '<dt class="col-sm-1">X</dt><dd class="col-sm-11">The number of children with a referral who also have a '
        "previous referral.</dd>" in text
    )
    assert (
        '<dt class="col-sm-1">Y</dt><dd class="col-sm-11">The number of children with a referral this month.</dd>'
        in (text)
    )
    assert '<p class="pre-wrap">Counted at month end.</p>' in text
    assert "<li>Department for Education</li><li>Local Authority Interactive Tool (LAIT)</li>" in text
    assert '<li><a href="https://example.org/lait">Local Authority Interactive Tool (LAIT)</a></li>' in text
    assert "<li>Children in Need statistics</li>" in text


def test_indicator_page_lists_unit_frequency_direction_area_owner_and_status(as_persona, referrals):
    response = as_persona("governance").get("/indicators/1/")

    about = page_text(response).split('id="about">')[1].split("</dl>")[0]
    pairs = [part.split("</dt>") for part in about.split('<dt class="col-sm-3">')[1:]]
    assert [(term, description.split(">", 1)[1].split("</dd>")[0]) for term, description in pairs] == [
        ("Unit", "Percentage, 1 decimal place"),
        ("Frequency", "Monthly"),
        ("Direction for improvement", "Lower is better"),
        ("Service area", "Children&#x27;s Social Care"),
        ("Owner", "Sam Okafor, Head of Service"),
        ("Status", "Active"),
    ]


def test_indicator_page_shows_the_target_of_each_year(as_persona, referrals):
    response = as_persona("governance").get("/indicators/1/")

    assert table_rows(response, "targets") == [
        ["Year", "Target", "Note"],
        ["2023/24", "22.0%", "–"],
        ["2024/25", "20.0%", "Set by the committee in March."],
    ]


def test_indicator_page_shows_a_status_target_in_words(as_persona, referrals, quarter):
    referrals.targets.filter(year=quarter.year).update(value=None, status=TargetStatus.CONTEXTUAL)

    response = as_persona("governance").get("/indicators/1/")

    assert table_rows(response, "targets")[2] == ["2024/25", "Contextual", "Set by the committee in March."]
    assert table_rows(response, "history")[1][4:7] == ["Contextual", "–", "Contextual"]


def test_indicator_page_history_lists_every_figure_newest_first_rated_against_its_years_target(as_persona, referrals):
    response = as_persona("governance").get("/indicators/1/")

    assert table_rows(response, "history") == [
        ["Period", "Value", "Statistical neighbours", "England", "Target", "Deviation", "RAG", "Change"],
        ["June 2024", "27.0%", "21.3%", "21.5%", "20.0%", "−35.0%", "Red", "Declining"],
        ["May 2024", "25.0%", "21.5%", "22.0%", "20.0%", "−25.0%", "Red", "Improving"],
        ["April 2024", "28.0%", "21.8%", "22.9%", "20.0%", "−40.0%", "Red", "Improving"],
        ["March 2024", "30.0%", "22.0%", "23.0%", "22.0%", "−36.4%", "Red", "–"],
    ]


def test_indicator_page_history_marks_a_figure_not_updated_with_its_reason(as_persona, referrals):
    referrals.figures.filter(period_end="2024-06-30").update(not_updated=True, not_updated_reason="System migration.")

    response = as_persona("governance").get("/indicators/1/")

    assert table_rows(response, "history")[1][0] == "June 2024 Not updated: System migration."


def test_indicator_page_summarises_the_quarter_as_the_dashboard_reports_it(as_persona, referrals):
    response = as_persona("governance").get("/indicators/1/?quarter=2024-25-Q1")

    assert table_rows(response, "reported") == [
        ["Target", "20.0%"],
        ["Direction for improvement", "↓ Lower is better"],
        ["Current month", "27.0% (June 2024)"],
        ["Previous month", "25.0% (May 2024)"],
        ["Change in performance", "Declining"],
        ["Statistical neighbour mean", "21.3%"],
        ["England mean", "21.5%"],
        ["Deviation from target", "−35.0%"],
        ["RAG rating", "Red"],
    ]
    assert "As reported for Quarter 1 2024/25 (not yet published)" in page_text(response)


def test_indicator_page_summary_of_an_earlier_quarter_uses_that_quarters_figures_and_target(as_persona, referrals):
    QuarterFactory(year=FinancialYearFactory(start_year=2023), number=4)

    response = as_persona("governance").get("/indicators/1/?quarter=2023-24-Q4")

    rows = dict(table_rows(response, "reported"))
    assert (rows["Target"], rows["Current month"], rows["Previous month"], rows["RAG rating"]) == (
        "22.0%",
        "30.0% (March 2024)",
        "–",
        "Red",
    )


def test_indicator_page_shows_the_other_comparator_with_its_label(as_persona, referrals):
    referrals.figures.filter(period_end="2024-06-30").update(
        other_mean=Decimal("24.6"), other_mean_label="Cambs Mean Yearly"
    )

    response = as_persona("governance").get("/indicators/1/")

    assert ["Cambs Mean Yearly", "24.6%"] in table_rows(response, "reported")


def test_indicator_page_draws_the_trend_chart_with_target_and_projection_and_describes_it(as_persona, referrals):
    response = as_persona("governance").get("/indicators/1/")

    text = page_text(response)
    figure = text.split('<figure class="trend-figure" id="trend">')[1].split("</figure>")[0]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart"' in figure
    assert 'role="img" aria-labelledby="chart-1-title chart-1-desc"' in figure
    assert (
        '<title id="chart-1-title">Trend of indicator 1: Percentage of re-referrals within 12 months</title>' in figure
    )
    assert figure.count("<circle ") == 4 + 1  # four values, and the legend's marker
    assert 'stroke="#1d70b8" stroke-width="2" stroke-dasharray="8 4"' in figure  # the target line
    assert "Projected next month" in figure
    caption = figure.split("<figcaption>")[1].split("</figcaption>")[0]
    assert caption == (
        "Indicator 1, 4 values from March 2024 to June 2024: 30.0% in March 2024 and 27.0% in June 2024, "
        "highest 30.0% (March 2024), lowest 25.0% (May 2024). The target for June 2024 is 20.0% (lower is better). "
        "The least-squares trend is falling, an improvement as lower is better; it projects 24.5% for the next "
        "month. Every figure is in the history table below."
    )


def test_indicator_page_escapes_texts_in_the_page_and_the_chart(as_persona, referrals):
    referrals.name = "<script>alert('x')</script>"
    referrals.save()
    referrals.useful_links.update(url="javascript:alert(1)")

    response = as_persona("governance").get("/indicators/1/")

    content = response.content.decode()
    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(" in content
    assert 'href="javascript:' not in content


def test_indicator_page_of_an_indicator_without_figures_says_so(as_persona, committee, area):
    IndicatorFactory(committee=committee, number=140, name="Care leavers in touch", service_area=area, sources=[])

    response = as_persona("governance").get("/indicators/140/")

    text = page_text(response)
    assert "Indicator 140 has no figures to chart yet." in text
    assert "No figures recorded yet." in text
    assert "No targets set yet." in text
    assert "No sources recorded." in text
    assert "No useful links recorded." in text


def test_indicator_page_of_a_suspended_indicator_says_suspended(as_persona, referrals):
    referrals.status = IndicatorStatus.SUSPENDED
    referrals.save()

    response = as_persona("governance").get("/indicators/1/")

    assert dict(table_rows(response, "reported"))["RAG rating"] == "Suspended"
    assert "· <strong>Suspended</strong>" in page_text(response)


# --- Who sees what -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(as_persona, referrals):
    response = as_persona("anonymous").get("/indicators/1/")

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/indicators/1/"


@pytest.mark.parametrize("persona", STAFF)
def test_staff_see_every_figure_and_target_including_unpublished_ones(as_persona, persona, later_figures):
    response = as_persona(persona).get("/indicators/1/")

    assert response.status_code == 200
    assert column(response, "history", 0)[:2] == ["August 2024", "July 2024"]
    assert len(column(response, "history", 0)) == 6
    assert column(response, "targets", 0) == ["2023/24", "2024/25", "2025/26"]


def test_member_sees_figures_up_to_the_end_of_the_latest_published_quarter_only(as_persona, published, later_figures):
    response = as_persona("member").get("/indicators/1/")

    assert response.status_code == 200
    assert column(response, "history", 0) == ["June 2024", "May 2024", "April 2024", "March 2024"]
    assert column(response, "targets", 0) == ["2023/24", "2024/25"]
    content = response.content.decode()
    for unpublished in ["July 2024", "August 2024", "99.1", "99.2", "18.5"]:
        assert unpublished not in content
    assert "Figures up to 30 June 2024, the end of the latest quarter published to the committee." in page_text(
        response
    )


def test_member_sees_no_figures_or_targets_while_nothing_is_published(as_persona, referrals):
    response = as_persona("member").get("/indicators/1/")

    assert response.status_code == 200
    text = page_text(response)
    assert "No quarter has been published to the committee yet, so no figures are shown." in text
    assert "No figures published yet." in text
    assert "No targets published yet." in text
    assert "Indicator 1 has no figures to chart yet." in text
    for figure_value in ["27.0", "25.0", "28.0", "30.0", "22.0", "20.0"]:
        assert figure_value not in text
    assert 'id="reported"' not in text


def test_member_can_read_the_definition_while_nothing_is_published(as_persona, referrals):
    response = as_persona("member").get("/indicators/1/")

    assert "This indicator shows the level of re-referrals." in page_text(response)


def test_member_cannot_ask_for_the_summary_of_an_unpublished_quarter(as_persona, published, later_figures):
    response = as_persona("member").get("/indicators/1/?quarter=2024-25-Q2")

    assert response.status_code == 403
    assert "99.1" not in response.content.decode()


def test_member_sees_the_summary_of_the_latest_published_quarter(as_persona, published, later_figures):
    response = as_persona("member").get("/indicators/1/")

    assert dict(table_rows(response, "reported"))["Current month"] == "27.0% (June 2024)"


def test_staff_land_on_the_open_quarter_in_the_summary(as_persona, published, later_figures):
    response = as_persona("governance").get("/indicators/1/")

    assert "As reported for Quarter 2 2024/25 (not yet published)" in page_text(response)
    assert dict(table_rows(response, "reported"))["Current month"] == "99.2% (August 2024)"


def test_an_indicator_that_does_not_exist_is_not_found(as_persona, referrals):
    assert as_persona("governance").get("/indicators/999/").status_code == 404


def test_an_indicator_of_an_unknown_quarter_is_not_found(as_persona, referrals):
    assert as_persona("governance").get("/indicators/1/?quarter=2040-41-Q1").status_code == 404


# --- Cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_indicator_page_queries_do_not_grow_with_figures_or_indicators(
    as_persona, django_assert_num_queries, committee, area, published, size
):
    FinancialYearFactory(start_year=2021)
    for number in range(1, size + 1):
        indicator = IndicatorFactory(committee=committee, number=number, service_area=area)
        UsefulLinkFactory(indicator=indicator)
        for year in (2021, 2022, 2023, 2024):
            TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=year))
        for month in range(size):
            period_end = datetime.date(2022 + month // 12, month % 12 + 1, 28)
            FigureFactory(
                indicator=indicator, period_end=period_end, period_label=f"{period_end:%B %Y}", value=70 + month
            )
    client = as_persona("member")

    # Session, user, model permissions (two), the bodies the member sees (the page's body and the menu's
    # switcher), latest published quarter (twice: landing and visibility) and its publication for the
    # body, indicator, its links, figures, the corrections not yet published, targets, the benchmarks, the
    # current figure's breakdown, and the header's unread notification count.
    with django_assert_num_queries(14):
        response = client.get("/indicators/2/")

    assert len(table_rows(response, "history")) == size + 1
