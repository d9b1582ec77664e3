"""'Not available' (the source system could not produce the figure) is its own state, apart from 'not updated'
in every count, screen and export; and a three-band body's counts and paper have no Blue."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from indicators import reporting
from indicators.enums import Frequency, Unit
from indicators.exports import quarter_export
from indicators.rag import Status
from indicators.reporting import NOT_AVAILABLE, NOT_RATED, NOT_UPDATED, Movement, RowFacts, tally
from reports.performance import performance_report_build
from reports.performance_counts import CountedRow, IndicatorRef, performance_counts_derive
from reports.render.html import _indicator as html_indicator
from reports.render.paper import performance_sections
from reports.render.pdf_performance import indicator_page as pdf_indicator_page
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_views_dashboard import dashboard_url, table_rows
from tests.test_reporting_consumers import _pdf_texts

Q_END = datetime.date(2024, 6, 30)
WORDS = "Not available: the source system could not produce this figure"

# --- The rule --------------------------------------------------------------------------------------


def test_not_available_is_its_own_group_and_never_not_updated():
    assert reporting.group_of(status=None, not_updated=False, not_available=True) == NOT_AVAILABLE
    assert reporting.group_of(status="Red", not_updated=True, not_available=False) == NOT_UPDATED
    assert reporting.group_slug(NOT_AVAILABLE) == "not-available"
    assert reporting.GROUPS[-3:] == (NOT_UPDATED, NOT_AVAILABLE, NOT_RATED)


def test_a_not_available_row_is_counted_nowhere_compared_with_nothing_and_no_example():
    assert reporting.counted_status(status="Green", not_updated=False, not_available=True) is None
    assert reporting.example_kind(status="Green", not_updated=False, not_available=True) is None
    assert reporting.movement_of(status=None, previous_status="Red", not_updated=False, not_available=True) == (
        Movement.NOT_COMPARABLE,
        "not available this quarter",
    )


def test_not_available_words_carry_a_reason_only_when_it_says_more():
    assert reporting.not_available_text() == f"{WORDS}."
    assert reporting.not_available_text("Not available in the source system") == f"{WORDS}."
    assert reporting.not_available_text("Case system upgrade.") == f"{WORDS} (Case system upgrade)."
    assert reporting.not_available_text("Not derived for May 2024: it needs …", derived=True) == (
        "Not available: not derived for May 2024: it needs …."
    )


facts = st.builds(
    RowFacts,
    status=st.sampled_from([None, *(status.value for status in reporting.REPORT_ORDER)]),
    not_updated=st.booleans(),
    previous_status=st.sampled_from([None, "Red", "Amber", "Green", "Blue", "Contextual"]),
    not_available=st.booleans(),
).filter(lambda f: not (f.not_updated and f.not_available))


@given(rows=st.lists(facts, max_size=40))
def test_every_row_is_in_exactly_one_group_and_one_movement(rows):
    tallied = tally(enumerate(rows))

    groups = [index for _, items in tallied.groups() for index in items]
    assert sorted(groups) == list(range(len(rows)))
    assert tallied.counted_total + len(tallied.not_updated) + len(tallied.not_available) + len(
        tallied.not_rated
    ) == len(rows)
    moved = len(tallied.improved) + len(tallied.declined) + len(tallied.unchanged) + len(tallied.not_comparable)
    assert moved == len(rows)
    assert all(rows[index].not_available for index in tallied.not_available)


def counted(number, status, **extra):
    return CountedRow(IndicatorRef(number, number, f"Indicator {number}"), status, None, **extra)


def test_the_cover_papers_counts_list_not_available_apart():
    counts = performance_counts_derive(
        [
            counted(1, "Green"),
            counted(2, None, not_available=True, not_available_reason="Case system upgrade"),
            counted(3, "Red", not_updated=True, not_updated_reason="Late"),
        ]
    )

    assert [(item.ref.number, item.reason) for item in counts.not_available] == [(2, "Case system upgrade")]
    assert [item.ref.number for item in counts.not_updated] == [3]
    assert counts.not_rated == []
    assert counts.counted_total == 1


def test_a_three_band_table_has_no_blue_row():
    from indicators.rag import Scheme

    four = performance_counts_derive([counted(1, "Green")])
    three = performance_counts_derive([counted(1, "Green")], scheme=Scheme.of(bands=3))

    assert "Blue" in [row.status for row in four.table]
    assert [row.status for row in three.table][:3] == ["Red", "Amber", "Green"]
    assert "Blue" not in [row.status for row in three.table]
    assert three.count_of(Status.BLUE) == 0 and three.green_blue_count == 1


# --- Screens, export and pack -----------------------------------------------------------------------


@pytest.fixture
def unavailable(committee, area, quarter):
    indicator = IndicatorFactory(
        committee=committee, service_area=area, number=91, frequency=Frequency.MONTH, unit=Unit.PERCENT
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("50.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal("48"))
    FigureFactory(
        indicator=indicator,
        period_end=Q_END,
        value=None,
        not_available=True,
        not_available_reason="Case system <upgrade>",
    )
    return indicator


@pytest.fixture
def rated(committee, area, quarter):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=92, frequency=Frequency.MONTH)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("50.0"))
    FigureFactory(indicator=indicator, period_end=Q_END, value=Decimal("52"))
    return indicator


def test_the_dashboard_says_not_available_in_words(as_persona, unavailable, rated, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))

    rows = {row[0]: row for row in table_rows(response, "dashboard")[1:]}
    page = response.content.decode()
    assert f"{WORDS} (Case system &lt;upgrade&gt;)." in page
    assert rows["91"][10] == NOT_AVAILABLE
    assert rows["92"][10] == "Green"
    assert "Not updated this quarter:" not in page


def test_the_dashboard_counts_not_available_apart(as_persona, unavailable, rated, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))

    counts = {group: count for group, _, count in response.context["counts"]}
    assert counts[NOT_AVAILABLE] == 1 and counts["Green"] == 1
    assert NOT_UPDATED not in counts


def test_the_indicator_page_says_not_available_in_words(as_persona, unavailable):
    response = as_persona("governance").get("/indicators/91/?quarter=2024-25-Q1")

    assert f'<p class="not-available"><strong>{WORDS} (Case system &lt;upgrade&gt;).</strong></p>' in (
        response.content.decode()
    )


def test_a_member_sees_no_figure_of_an_unpublished_quarter_not_available_or_not(as_persona, unavailable):
    response = as_persona("member").get("/indicators/91/?quarter=2024-25-Q1")

    assert response.status_code == 403
    assert "Case system" not in response.content.decode()


def test_the_export_counts_not_available_apart(unavailable, rated, committee, quarter):
    lines = {line["indicator"]: line for line in quarter_export(committee=committee, quarter=quarter)}

    assert (lines[91]["counted_as"], lines[91]["not_available"], lines[91]["not_updated"]) == (
        NOT_AVAILABLE,
        "yes",
        "no",
    )
    assert lines[91]["not_available_reason"] == "Case system <upgrade>"
    assert (lines[92]["counted_as"], lines[92]["not_available"]) == ("Green", "no")


def test_the_pack_lists_not_available_apart_and_says_so_on_its_page(unavailable, rated, committee, quarter):
    report = performance_report_build(committee=committee, quarter=quarter)

    assert [item.ref.number for item in report.counts.not_available] == [91]
    assert report.counts.not_rated == [] and report.counts.counted_total == 1
    entry = report.entry(91)
    assert (entry.status_display, entry.not_available) == (NOT_AVAILABLE, True)
    html = render_to_string(
        "reports/pack/_indicator.html",
        {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}, "report": report},
    )
    assert f"<strong>{WORDS} (Case system &lt;upgrade&gt;).</strong>" in html
    pdf = _pdf_texts(pdf_indicator_page(entry, 480, "item-8"))
    assert any(f"<b>{WORDS} (Case system &lt;upgrade&gt;).</b>" in text for text in pdf)
    paper = " ".join(str(block) for section in performance_sections(report) for block in section.blocks)
    assert "not available this quarter (the source system could not produce them)" in paper
    assert "Indicator 91" in paper


def test_a_three_band_bodys_paper_lists_no_blue(unavailable, rated, committee, quarter):
    committee.rag_bands = 3
    committee.save()

    report = performance_report_build(committee=committee, quarter=quarter)

    assert [status for status, _ in report.key][:3] == ["Red", "Amber", "Green"]
    assert "Blue" not in [status for status, _ in report.key]
    assert "Blue" not in [row.status for row in report.counts.table]
    paper = " ".join(str(block) for section in performance_sections(report) for block in section.blocks)
    assert "Red / Amber / Green (RAG) status" in paper and "RAGB" not in paper
    assert "Green and Blue" not in paper


def test_a_three_band_bodys_dashboard_offers_no_blue_in_its_filter_or_key(as_persona, rated, committee, quarter):
    committee.rag_bands = 3
    committee.save()

    response = as_persona("governance").get(dashboard_url(quarter))

    assert "Blue" not in [label for _, label in response.context["rag_filters"]]
    assert NOT_AVAILABLE in [label for _, label in response.context["rag_filters"]]
    assert Status.BLUE not in response.context["key"]
    assert response.context["key"][Status.GREEN] == "current performance is on target or better"
