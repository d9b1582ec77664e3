"""One indicator reported to two bodies: each body's number, target and wording in its rows, pages, export
and pack; one figure for both; numbers unique within a body; every change audited."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cyp.enums import AuditAction, RagWording, Role
from cyp.models import AuditEvent
from indicators.enums import TargetStatus
from indicators.exports import quarter_export
from indicators.models import FigureLock, Indicator, IndicatorShare
from indicators.selectors import quarter_rows, rag_counts
from indicators.services import FigureChange, figures_refused
from indicators.services_sharing import body_target_set, indicator_share, indicator_unshare
from reports.performance import performance_report_build
from tests.factories import (
    BodyTargetFactory,
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    IndicatorShareFactory,
    PublishedStatusFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
    UserFactory,
)


@pytest.fixture
def panel(db):
    """The second body: the Corporate Parenting Panel, rating with the cover paper's wording."""
    return CommitteeFactory(name="Corporate Parenting Panel", rag_wording=RagWording.COVER_PAPER)


@pytest.fixture
def shared(committee, panel, quarter):
    """Indicator 5 of the committee (target 75.0, figure 78.9: Blue there), reported to the panel as 12 with
    the panel's own target of 80.0 for the year (Amber there)."""
    indicator = IndicatorFactory(committee=committee, number=5, name="Care leavers in education or work")
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("78.9"))
    share = IndicatorShareFactory(indicator=indicator, committee=panel, number=12)
    BodyTargetFactory(share=share, year=quarter.year, value=Decimal("80.0"))
    return indicator


def _row(rows, number):
    return next(row for row in rows if row.indicator.number == number)


def test_a_shared_indicator_is_in_the_other_body_s_rows_under_its_number_target_and_rating(
    committee, panel, quarter, shared
):
    home = quarter_rows(committee=committee, quarter=quarter)
    there = quarter_rows(committee=panel, quarter=quarter)

    assert [(r.indicator.number, r.target_display, r.rag) for r in home] == [(5, "75.0%", "Blue")]
    assert [(r.indicator.number, r.target_display, r.rag) for r in there] == [(12, "80.0%", "Amber")]
    assert there[0].indicator.home_number == 5
    assert there[0].indicator.home_body == committee.name
    assert there[0].current_display == home[0].current_display == "78.9%"  # one figure serves both


def test_without_a_body_target_the_other_body_uses_the_indicator_s_own(committee, panel, quarter):
    indicator = IndicatorFactory(committee=committee, number=5)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(indicator=indicator, value=Decimal("78.9"))
    IndicatorShareFactory(indicator=indicator, committee=panel, number=12)

    (row,) = quarter_rows(committee=panel, quarter=quarter)

    assert (row.indicator.number, row.target_display, row.rag) == (12, "75.0%", "Blue")


def test_a_body_target_of_another_year_does_not_replace_this_year_s(committee, panel, quarter):
    indicator = IndicatorFactory(committee=committee, number=5)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(indicator=indicator, value=Decimal("78.9"))
    share = IndicatorShareFactory(indicator=indicator, committee=panel, number=12)
    BodyTargetFactory(share=share, year=QuarterFactory(year__start_year=2023).year, value=Decimal("99.0"))

    (row,) = quarter_rows(committee=panel, quarter=quarter)

    assert row.target_display == "75.0%"


def test_a_body_s_own_indicators_and_shared_ones_are_listed_together_by_number(committee, panel, quarter, shared):
    IndicatorFactory(committee=panel, number=3, name="Panel's own indicator")
    IndicatorFactory(committee=committee, number=7, name="Not shared")

    assert [row.indicator.number for row in quarter_rows(committee=panel, quarter=quarter)] == [3, 12]
    assert [row.indicator.number for row in quarter_rows(committee=committee, quarter=quarter)] == [5, 7]


def test_the_export_of_each_body_carries_its_number_and_target(committee, panel, quarter, shared):
    home = quarter_export(committee=committee, quarter=quarter)
    there = quarter_export(committee=panel, quarter=quarter)

    assert len(home) == len(there) == 1
    assert (home[0]["indicator"], home[0]["rag"]) == (5, "Blue")
    assert (there[0]["indicator"], there[0]["rag"]) == (12, "Amber")
    assert str(there[0]["target"]).startswith("80")


def test_the_pack_of_each_body_rates_the_shared_indicator_its_way_and_counts_agree(committee, panel, quarter, shared):
    home = performance_report_build(committee=committee, quarter=quarter)
    there = performance_report_build(committee=panel, quarter=quarter)

    assert (home.entry(5).status, home.entry(5).target_display) == ("Blue", "75.0%")
    assert (there.entry(12).status, there.entry(12).target_display) == ("Amber", "80.0%")
    assert there.counts.count_of("Amber") == 1 and there.counts.count_of("Blue") == 0
    dashboard = {group: count for group, _slug, count in rag_counts(quarter_rows(committee=panel, quarter=quarter))}
    assert dashboard["Amber"] == there.counts.count_of("Amber")


def test_the_pack_history_of_a_shared_indicator_uses_the_body_s_targets(committee, panel, quarter, shared):
    there = performance_report_build(committee=panel, quarter=quarter)

    chart = there.entry(12).chart
    assert [point.target for point in chart.points if point.target is not None] == [Decimal("80.0")]


def test_movements_in_each_body_start_from_the_status_that_body_published(committee, panel, quarter, shared):
    before = QuarterFactory(year__start_year=2023, number=4)
    PublishedStatusFactory(indicator=shared, quarter=before, committee=committee, rag="Green")
    PublishedStatusFactory(indicator=shared, quarter=before, committee=panel, rag="Red")

    (home,) = quarter_rows(committee=committee, quarter=quarter)
    (there,) = quarter_rows(committee=panel, quarter=quarter)

    assert home.previous_published == "Green"
    assert there.previous_published == "Red"


# --- Writes: the share, its number, the body's targets ---------------------------------------------


def test_sharing_an_indicator_is_audited_with_the_body_and_number(committee, panel, governance):
    indicator = IndicatorFactory(committee=committee, number=5)

    share = indicator_share(indicator=indicator, committee=panel, number=12, by=governance)

    event = AuditEvent.objects.get(action=AuditAction.INDICATOR_SHARE)
    assert (event.target_id, event.actor, event.changes) == (
        share.pk,
        governance,
        {"committee": [None, "Corporate Parenting Panel"], "number": [None, 12]},
    )


def test_sharing_without_a_number_keeps_the_indicator_s_own(committee, panel, governance):
    indicator = IndicatorFactory(committee=committee, number=5)

    assert indicator_share(indicator=indicator, committee=panel, by=governance).number == 5


def test_sharing_again_changes_the_number_and_audits_the_change(committee, panel, governance, shared):
    indicator_share(indicator=shared, committee=panel, number=14, by=governance)

    assert IndicatorShare.objects.get(indicator=shared, committee=panel).number == 14
    event = AuditEvent.objects.get(action=AuditAction.INDICATOR_SHARE_CHANGE)
    assert event.changes == {"number": [12, 14]}


def test_a_number_the_body_uses_for_its_own_indicator_is_refused_naming_it(committee, panel, governance):
    IndicatorFactory(committee=panel, number=12, name="Panel's own indicator")
    indicator = IndicatorFactory(committee=committee, number=5)

    with pytest.raises(ValidationError) as refused:
        indicator_share(indicator=indicator, committee=panel, number=12, by=governance)

    assert refused.value.messages == [
        "Corporate Parenting Panel already prints its own indicator 12: Panel's own indicator as number 12: "
        "choose a number it does not use."
    ]
    assert not IndicatorShare.objects.exists()


def test_a_number_another_shared_indicator_carries_in_the_body_is_refused(committee, panel, governance, shared):
    other = IndicatorFactory(committee=committee, number=6)

    with pytest.raises(ValidationError, match="already prints indicator 5 of Children and Young People Committee"):
        indicator_share(indicator=other, committee=panel, number=12, by=governance)


def test_an_indicator_cannot_be_shared_with_its_own_body(committee, governance):
    indicator = IndicatorFactory(committee=committee, number=5)

    with pytest.raises(ValidationError, match="is at home in Children and Young People Committee"):
        indicator_share(indicator=indicator, committee=committee, by=governance)


def test_a_new_own_indicator_cannot_take_a_number_a_shared_one_carries(panel, shared):
    clash = Indicator(
        committee=panel,
        number=12,
        name="Clash",
        unit=shared.unit,
        direction=shared.direction,
        frequency=shared.frequency,
        service_area=shared.service_area,
    )

    with pytest.raises(ValidationError) as refused:
        clash.clean()

    assert "number" in refused.value.message_dict
    assert "indicator 5 of Children and Young People Committee" in refused.value.message_dict["number"][0]


def test_a_body_target_is_set_and_changed_with_audit_rows(panel, quarter, governance, shared):
    share = IndicatorShare.objects.get(indicator=shared, committee=panel)

    body_target_set(share=share, year=quarter.year, value=Decimal("85.0"), by=governance)
    body_target_set(share=share, year=quarter.year, value=Decimal("85.0"), by=governance)  # unchanged: no row

    events = AuditEvent.objects.filter(action=AuditAction.BODY_TARGET_CHANGE)
    assert [event.changes["value"] for event in events] == [["80", "85"]]
    (row,) = quarter_rows(committee=panel, quarter=quarter)
    assert row.target_display == "85.0%"


def test_a_body_target_without_a_value_must_say_its_status(panel, quarter, governance, shared):
    share = IndicatorShare.objects.get(indicator=shared, committee=panel)

    with pytest.raises(ValidationError) as refused:
        body_target_set(share=share, year=quarter.year, value=None, by=governance)

    assert refused.value.message_dict == {
        "value": ["A numeric target needs a value: enter it, or choose a status without one."]
    }
    body_target_set(share=share, year=quarter.year, value=None, status=TargetStatus.CONTEXTUAL, by=governance)
    (row,) = quarter_rows(committee=panel, quarter=quarter)
    assert (row.target_display, row.rag) == ("Contextual", "Contextual")


def test_unsharing_removes_the_indicator_from_the_body_and_is_audited(committee, panel, quarter, governance, shared):
    share = IndicatorShare.objects.get(indicator=shared, committee=panel)

    indicator_unshare(share=share, by=governance)

    assert quarter_rows(committee=panel, quarter=quarter) == []
    assert [row.indicator.number for row in quarter_rows(committee=committee, quarter=quarter)] == [5]
    assert AuditEvent.objects.get(action=AuditAction.INDICATOR_UNSHARE).changes == {
        "committee": ["Corporate Parenting Panel", None],
        "number": [12, None],
    }


# --- Pages: each body's dashboard and indicator page; members see only their body ------------------


def test_each_body_s_dashboard_shows_its_target_and_rating(client, governance, committee, panel, quarter, shared):
    client.force_login(governance)

    home = client.get(f"/bodies/{committee.slug}/quarters/{quarter.slug}/").content.decode()
    there = client.get(f"/bodies/{panel.slug}/quarters/{quarter.slug}/").content.decode()

    assert 'id="indicator-5"' in home and "75.0%" in home and "rag-blue" in home
    assert 'id="indicator-12"' in there and "80.0%" in there and "rag-amber" in there
    assert "75.0%" not in there
    assert "from the Children and Young People Committee (its indicator 5)" in there
    assert "its indicator" not in home


def test_the_indicator_page_under_the_other_body_shows_its_number_and_target(
    client, governance, panel, quarter, shared
):
    client.force_login(governance)

    response = client.get(f"/bodies/{panel.slug}/indicators/12/?quarter={quarter.slug}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "80.0%" in page
    assert "Indicator 12" in page
    assert "from the Children and Young People Committee, where it is indicator 5" in page
    assert response.context["page"].share.committee == panel


def test_a_member_of_the_home_body_sees_nothing_of_the_other_body(client, committee, panel, quarter, shared):
    QuarterPublicationFactory(committee=committee, quarter=quarter)
    QuarterPublicationFactory(committee=panel, quarter=quarter)
    IndicatorFactory(committee=panel, number=3, name="Panel's own indicator")
    member = UserFactory(username="home-member", role=Role.MEMBER, committees=[committee])
    client.force_login(member)

    assert client.get(f"/bodies/{panel.slug}/quarters/{quarter.slug}/").status_code == 404
    assert client.get(f"/bodies/{panel.slug}/indicators/12/").status_code == 404
    home = client.get(f"/bodies/{committee.slug}/quarters/{quarter.slug}/").content.decode()
    assert "Panel&#x27;s own indicator" not in home and "Panel's own indicator" not in home
    assert "80.0%" not in home
    assert client.get(f"/bodies/{committee.slug}/indicators/12/").status_code == 404


# --- Published figures: a pack of the other body locks the shared indicator's figures too ----------------


def test_a_figure_the_other_body_s_published_pack_printed_is_locked(committee, panel, shared):
    FigureLock.objects.create(
        committee=panel, until=datetime.date(2024, 6, 30), meeting_date=datetime.date(2024, 9, 10), version=1
    )
    june = FigureChange(shared, datetime.date(2024, 6, 30), {"value": Decimal("81.0")})
    july = FigureChange(shared, datetime.date(2024, 7, 31), {"value": Decimal("82.0")})

    refused = figures_refused(changes=[june, july])

    assert [item.message.split(":")[0] for item in refused] == [
        "Indicator 5, June 2024 is in the published pack for 10 September 2024 (v1)"
    ]


def test_a_pack_of_a_body_the_indicator_is_not_reported_to_locks_nothing(committee, shared):
    FigureLock.objects.create(
        committee=CommitteeFactory(name="Schools Forum"),
        until=datetime.date(2024, 6, 30),
        meeting_date=datetime.date(2024, 9, 10),
        version=1,
    )

    assert figures_refused(changes=[FigureChange(shared, datetime.date(2024, 6, 30), {"value": Decimal("81")})]) == []


@pytest.mark.parametrize("shared_count", [3, 30])
def test_a_body_s_dashboard_queries_do_not_grow_with_its_shared_indicators(
    client, governance, committee, panel, quarter, django_assert_num_queries, shared_count
):
    for number in range(1, shared_count + 1):
        indicator = IndicatorFactory(committee=committee, number=number)
        TargetFactory(indicator=indicator, year=quarter.year)
        FigureFactory(indicator=indicator)
        share = IndicatorShareFactory(indicator=indicator, committee=panel, number=100 + number)
        if number % 2:
            BodyTargetFactory(share=share, year=quarter.year)
    IndicatorFactory(committee=panel, number=1, name="Panel's own")
    client.force_login(governance)
    url = f"/bodies/{panel.slug}/quarters/{quarter.slug}/"
    client.get(url)

    # The same at 3 and 30: the shared indicators come in the indicators query (a join restricted to the
    # body's shares) and the body's own targets with the year's targets (one union); five for the rows
    # as for a body without shared indicators (tests/indicators/test_views_dashboard.py).
    with django_assert_num_queries(13):
        response = client.get(url)

    assert len(response.context["rows"]) == shared_count + 1
