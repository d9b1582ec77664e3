"""The quarter's dashboard: what each person sees, filters, sort order, the quarter picker and its cost."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from cyp.enums import RagWording
from indicators.enums import Direction, Frequency, TargetStatus, Unit
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
)

STAFF = ["lead", "other_lead", "governance", "administrator"]


class _Tables(HTMLParser):
    """Collects the text of every cell of every row of the table with the given id."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.depth, self.rows, self.cell = table_id, 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(" " + data + " ")


def table_rows(response, table_id: str) -> list[list[str]]:
    """The table's rows as lists of cell texts, header row first; whitespace collapsed."""
    parser = _Tables(table_id)
    parser.feed(response.content.decode())
    return parser.rows


def column(response, table_id: str, index: int) -> list[str]:
    return [row[index] for row in table_rows(response, table_id)[1:]]


def indicator_with_figures(*, number, name, area, year, target="20.0", current="27.0", previous="25.0", **fields):
    """An indicator with a target for the year, June 2024 (current) and May 2024 (previous) values."""
    indicator = IndicatorFactory(number=number, name=name, service_area=area, **fields)
    if target is not None:
        TargetFactory(indicator=indicator, year=year, value=Decimal(target))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal(previous))
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        value=Decimal(current),
        sn_mean=Decimal("21.3"),
        england_mean=Decimal("21.5"),
    )
    return indicator


@pytest.fixture
def published(committee, quarter):
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)
    return quarter


@pytest.fixture
def referrals(area, quarter):
    """Indicator 1 as seed 000 prints it: 27.0% against 20.0%, lower is better, Red and Declining."""
    return indicator_with_figures(
        number=1,
        name="Re-referrals to children's social care",
        area=area,
        year=quarter.year,
        direction=Direction.LOWER_IS_BETTER,
    )


@pytest.fixture
def mixed(area, other_area, quarter):
    """Four indicators in two areas: Red, Green, Blue (higher is better) and Contextual."""
    year = quarter.year
    return {
        "red": indicator_with_figures(
            number=10, name="Special schools good", area=other_area, year=year, current="17.0"
        ),
        "green": indicator_with_figures(
            number=8, name="Primary schools good", area=other_area, year=year, current="20.5"
        ),
        "blue": indicator_with_figures(number=11, name="Two-year-olds", area=area, year=year, current="24.0"),
        "contextual": _contextual(area, year),
    }


def _contextual(area, year):
    indicator = indicator_with_figures(number=6, name="SEND NEET", area=area, year=year, target=None, current="46.0")
    TargetFactory(indicator=indicator, year=year, value=None, status=TargetStatus.CONTEXTUAL)
    return indicator


def dashboard_url(quarter, query=""):
    return f"/quarters/{quarter.year.start_year}-{(quarter.year.start_year + 1) % 100:02d}-Q{quarter.number}/{query}"


# --- What a person sees --------------------------------------------------------------------------


def test_dashboard_shows_every_column_of_an_indicator_formatted_in_its_unit(as_persona, referrals, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))

    header, row = table_rows(response, "dashboard")
    assert header == [
        "No.",
        "Indicator",
        "Current",
        "Previous",
        "Target",
        "Direction",
        "Change",
        "Statistical neighbours",
        "England",
        "Deviation",
        "RAG",
    ]
    assert row == [
        "1",
        "Re-referrals to children's social care Children's Social Care",
        "27.0% June 2024",
        "25.0% May 2024",
        "20.0%",
        "↓ Lower is better",
        "Declining",
        "21.3%",
        "21.5%",
        "−35.0%",
        "Red",
    ]
    assert '<span class="rag rag-red">Red</span>' in response.content.decode()


def test_dashboard_prints_neighbour_and_england_means_with_the_indicators_decimals(as_persona, area, quarter):
    indicator = indicator_with_figures(
        number=118, name="First time entrants", area=area, year=quarter.year, unit=Unit.RATE_PER_10000, decimals=2
    )
    indicator.figures.filter(period_end="2024-06-30").update(sn_mean=Decimal("13.2"), england_mean=Decimal("16.1"))

    response = as_persona("governance").get(dashboard_url(quarter))

    row = table_rows(response, "dashboard")[1]
    assert (row[2], row[7], row[8]) == ("27.00 June 2024", "13.20", "16.10")


def test_dashboard_shows_a_dash_for_an_indicator_with_no_figures_yet(as_persona, area, quarter):
    IndicatorFactory(number=140, name="Care leavers in touch", service_area=area)

    response = as_persona("governance").get(dashboard_url(quarter))

    assert table_rows(response, "dashboard")[1][2:] == [
        "–",
        "–",
        "No target set",
        "↑ Higher is better",
        "–",
        "–",
        "–",
        "–",
        "Not rated",
    ]


def test_dashboard_says_not_updated_this_quarter_with_the_reason(as_persona, referrals, quarter):
    referrals.figures.filter(period_end="2024-06-30").update(
        not_updated=True, not_updated_reason="Data migration to the new case system."
    )

    response = as_persona("governance").get(dashboard_url(quarter))

    assert table_rows(response, "dashboard")[1][1] == (
        "Re-referrals to children's social care Children's Social Care "
        "Not updated this quarter: Data migration to the new case system."
    )


def test_dashboard_escapes_names_and_reasons_typed_by_people(as_persona, referrals, quarter):
    referrals.name = '<b>Care</b> & "support"'
    referrals.save()
    referrals.figures.filter(period_end="2024-06-30").update(not_updated=True, not_updated_reason="<script>x</script>")

    response = as_persona("governance").get(dashboard_url(quarter))

    content = response.content.decode()
    assert "<b>Care</b>" not in content
    assert "<script>x</script>" not in content
    assert "&lt;b&gt;Care&lt;/b&gt; &amp; &quot;support&quot;" in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content


def test_dashboard_summary_counts_every_status_and_adds_up(as_persona, mixed, quarter, area):
    IndicatorFactory(number=140, name="No figures yet", service_area=area)

    response = as_persona("governance").get(dashboard_url(quarter))

    summary = response.content.decode().split('<p id="rag-summary">')[1].split("</p>")[0]
    counts = {status: int(count) for count, status in re.findall(r">(\d+) ([A-Za-z ]+)</a>", summary)}
    assert "<strong>5 indicators:</strong>" in summary
    assert counts == {
        "Red": 1,
        "Amber": 0,
        "Green": 1,
        "Blue": 1,
        "Baseline": 0,
        "Contextual": 1,
        "In development": 0,
        "Suspended": 0,
        "Not rated": 1,
    }
    assert sum(counts.values()) == 5


def test_dashboard_shows_the_committees_rag_key_wording(as_persona, committee, referrals, quarter):
    committee.rag_wording = RagWording.COVER_PAPER
    committee.save()

    response = as_persona("governance").get(dashboard_url(quarter))

    key = response.content.decode().split('id="rag-key"')[1]
    assert "Current performance is 10% or more from target" in key
    assert "off target by more than 10%" not in key


# --- Filters and sort ----------------------------------------------------------------------------


def test_dashboard_filters_by_service_area_and_counts_that_area_only(as_persona, mixed, quarter, other_area):
    response = as_persona("governance").get(dashboard_url(quarter, f"?area={other_area.slug}"))

    assert column(response, "dashboard", 0) == ["8", "10"]
    assert "<strong>2 indicators:</strong>" in response.content.decode()
    assert "2 of 2 indicators shown in Education" in response.content.decode()


def test_dashboard_filters_by_rag(as_persona, mixed, quarter):
    response = as_persona("governance").get(dashboard_url(quarter, "?rag=blue"))

    assert column(response, "dashboard", 0) == ["11"]
    assert "1 of 4 indicators shown, rated Blue" in response.content.decode()


def test_dashboard_filters_by_rag_and_area_together(as_persona, mixed, quarter, area):
    response = as_persona("governance").get(dashboard_url(quarter, f"?area={area.slug}&rag=red"))

    assert table_rows(response, "dashboard")[1:] == [["No indicator matches these filters."]]


def test_dashboard_sorts_worst_rag_first(as_persona, mixed, quarter):
    response = as_persona("governance").get(dashboard_url(quarter, "?sort=rag"))

    assert column(response, "dashboard", 0) == ["10", "8", "11", "6"]
    assert column(response, "dashboard", 10) == ["Red", "Green", "Blue", "Contextual"]


def test_dashboard_sorts_by_deviation_worst_first_with_unrated_last(as_persona, mixed, quarter):
    response = as_persona("governance").get(dashboard_url(quarter, "?sort=deviation"))

    assert column(response, "dashboard", 9) == ["−15.0%", "+2.5%", "+20.0%", "–"]


def test_dashboard_sorts_in_reverse_with_a_minus(as_persona, mixed, quarter):
    response = as_persona("governance").get(dashboard_url(quarter, "?sort=-number"))

    assert column(response, "dashboard", 0) == ["11", "10", "8", "6"]


def test_dashboard_ignores_unknown_filters_and_sorts(as_persona, mixed, quarter):
    response = as_persona("governance").get(dashboard_url(quarter, "?area=nowhere&rag=purple&sort=colour"))

    assert column(response, "dashboard", 0) == ["6", "8", "10", "11"]


# --- The quarter picker --------------------------------------------------------------------------


def test_quarter_picker_lists_every_quarter_for_staff_marking_unpublished_ones(as_persona, published):
    QuarterFactory(year=published.year, number=2)

    response = as_persona("governance").get(dashboard_url(published))

    picker = response.content.decode().split('id="choose-quarter"')[1].split("</select>")[0]
    assert '<option value="2024-25-Q2">Quarter 2 2024/25 (not published)</option>' in picker
    assert '<option value="2024-25-Q1" selected>Quarter 1 2024/25</option>' in picker


def test_quarter_picker_lists_only_published_quarters_for_a_member(as_persona, published):
    QuarterFactory(year=published.year, number=2)

    response = as_persona("member").get(dashboard_url(published))

    picker = response.content.decode().split('id="choose-quarter"')[1].split("</select>")[0]
    assert "Quarter 2" not in picker
    assert '<option value="2024-25-Q1" selected>Quarter 1 2024/25</option>' in picker


def test_choosing_another_quarter_redirects_to_its_dashboard_keeping_filters(as_persona, quarter, area):
    QuarterFactory(year=quarter.year, number=2)

    response = as_persona("governance").get(dashboard_url(quarter, f"?quarter=2024-25-Q2&area={area.slug}&sort=rag"))

    assert response.status_code == 302
    assert response["Location"] == f"/bodies/children-and-young-people/quarters/2024-25-Q2/?area={area.slug}&sort=rag"


def test_choosing_a_quarter_that_does_not_exist_is_not_found(as_persona, quarter):
    assert as_persona("governance").get(dashboard_url(quarter, "?quarter=2031-32-Q3")).status_code == 404


# --- Who may see it ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(as_persona, referrals, quarter):
    response = as_persona("anonymous").get(dashboard_url(quarter))

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/quarters/2024-25-Q1/"


@pytest.mark.parametrize("persona", STAFF)
def test_staff_can_see_an_unpublished_quarter(as_persona, persona, referrals, quarter):
    response = as_persona(persona).get(dashboard_url(quarter))

    assert response.status_code == 200
    assert column(response, "dashboard", 0) == ["1"]
    assert "Not yet published to the committee." in response.content.decode()


def test_member_cannot_see_an_unpublished_quarter_and_nothing_of_it_leaks(as_persona, referrals, quarter):
    response = as_persona("member").get(dashboard_url(quarter))

    assert response.status_code == 403
    assert "Re-referrals" not in response.content.decode()
    assert "27.0" not in response.content.decode()


def test_member_cannot_reach_an_unpublished_quarter_through_the_picker(as_persona, published, referrals):
    QuarterFactory(year=published.year, number=2)
    client = as_persona("member")

    response = client.get(dashboard_url(published, "?quarter=2024-25-Q2"), follow=True)

    assert response.status_code == 403
    assert "Re-referrals" not in response.content.decode()


def test_member_can_see_a_published_quarter(as_persona, published, referrals):
    response = as_persona("member").get(dashboard_url(published))

    assert response.status_code == 200
    assert table_rows(response, "dashboard")[1][2] == "27.0% June 2024"
    assert "Published to the committee on" in response.content.decode()


def test_member_is_offered_the_download_of_a_published_quarter(as_persona, published, referrals):
    response = as_persona("member").get(dashboard_url(published))

    assert 'href="/bodies/children-and-young-people/quarters/2024-25-Q1/export/"' in response.content.decode()


def test_member_does_not_see_figures_after_the_quarter_on_its_dashboard(as_persona, published, referrals):
    FigureFactory(indicator=referrals, period_end=datetime.date(2024, 7, 31), value=Decimal("99.9"))

    response = as_persona("member").get(dashboard_url(published))

    assert table_rows(response, "dashboard")[1][2] == "27.0% June 2024"
    assert "99.9" not in response.content.decode()


@pytest.mark.parametrize("slug", ["2024-25-Q9", "2024-26-Q1", "not-a-quarter", "2030-31-Q1"])
def test_a_quarter_that_does_not_exist_is_not_found(as_persona, quarter, slug):
    assert as_persona("governance").get(f"/quarters/{slug}/").status_code == 404


# --- Cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_queries_do_not_grow_with_the_number_of_indicators(
    as_persona, django_assert_num_queries, area, other_area, published, size
):
    for number in range(1, size + 1):
        indicator = indicator_with_figures(
            number=number,
            name=f"Indicator {number}",
            area=area if number % 2 else other_area,
            year=published.year,
            frequency=Frequency.MONTH,
        )
        FigureFactory(indicator=indicator, period_end=datetime.date(2024, 4, 30), value=Decimal("24.0"))
    client = as_persona("member")

    # Session, user, quarter, the bodies the member sees (the body of the page and the menu's switcher),
    # the quarter's publication for the body, service areas, five for the rows, the quarter picker, the
    # member's model permissions (two, asked once: rules says no to view_unpublished first), the
    # corrections not yet published (a member sees figures as published) and the header's unread
    # notification count.
    with django_assert_num_queries(13):
        response = client.get(dashboard_url(published, "?sort=rag"))

    assert len(table_rows(response, "dashboard")) == size + 1


def test_dashboard_counts_a_not_updated_indicator_apart_as_the_pack_does(as_persona, mixed, quarter):
    mixed["red"].figures.filter(period_end="2024-06-30").update(not_updated=True, not_updated_reason="Migration.")

    response = as_persona("governance").get(dashboard_url(quarter))
    filtered = as_persona("governance").get(dashboard_url(quarter, "?rag=not-updated"))
    red = as_persona("governance").get(dashboard_url(quarter, "?rag=red"))

    summary = response.content.decode().split('<p id="rag-summary">')[1].split("</p>")[0]
    counts = {status: int(count) for count, status in re.findall(r">(\d+) ([A-Za-z ]+)</a>", summary)}
    assert (counts["Red"], counts["Not updated this quarter"], sum(counts.values())) == (0, 1, 4)
    assert [row[0] for row in table_rows(filtered, "dashboard")[1:]] == ["10"]
    assert "No indicator matches these filters." in red.content.decode()
