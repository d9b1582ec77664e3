"""The council overview: every body's counts, movements and indicators for a quarter, for governance only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils.formats import date_format

from cyp.enums import RagWording
from indicators.selectors import quarter_rows, rag_counts
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
)
from tests.indicators.test_views_dashboard import table_rows


def _indicator(committee, number, value, target="75.0", **kwargs):
    indicator = IndicatorFactory(committee=committee, number=number, **kwargs)
    TargetFactory(indicator=indicator, year=QuarterFactory().year, value=Decimal(target))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal(value))
    return indicator


@pytest.fixture
def two_bodies(committee, quarter):
    """The committee: 5 Blue (78.9 against 75.0), 6 Red (60.0), 7 not updated. The panel: its own 1 Green
    (76.0) and the committee's 5 as 12 with its own target of 80.0 (Amber)."""
    panel = CommitteeFactory(name="Corporate Parenting Panel", rag_wording=RagWording.COVER_PAPER, position=2)
    shared = _indicator(committee, 5, "78.9", name="Care leavers in education or work")
    _indicator(committee, 6, "60.0", name="Re-referrals within a year")
    stale = _indicator(committee, 7, "70.0", name="Stale figure")
    stale.figures.update(not_updated=True, not_updated_reason="The data owner was away.")
    _indicator(panel, 1, "76.0", name="Panel's own indicator")
    share = IndicatorShareFactory(indicator=shared, committee=panel, number=12)
    BodyTargetFactory(share=share, year=quarter.year, value=Decimal("80.0"))
    QuarterPublicationFactory(committee=committee, quarter=quarter)
    return committee, panel


def test_governance_sees_every_body_s_counts_movements_and_indicators(client, governance, quarter, two_bodies):
    committee, panel = two_bodies
    client.force_login(governance)

    response = client.get(f"/overview/{quarter.slug}/")

    assert response.status_code == 200
    counts = table_rows(response, "overview-counts")
    header = counts[0]
    assert header[:6] == ["Body", "Indicators", "Red", "Amber", "Green", "Blue"]
    by_body = {row[0]: dict(zip(header, row, strict=True)) for row in counts[1:]}
    home, there = by_body[committee.name], by_body[panel.name]
    assert (home["Indicators"], home["Red"], home["Blue"], home["Not updated this quarter"]) == ("3", "1", "1", "1")
    assert home["Published"] == date_format(committee.publications.get().published_at, "j F Y")
    assert (there["Indicators"], there["Amber"], there["Green"], there["Blue"]) == ("2", "1", "1", "0")
    assert there["Published"] == "Not yet"
    panel_table = table_rows(response, f"table-body-{panel.slug}")
    assert [(row[0], row[4], row[-1]) for row in panel_table[1:]] == [("1", "75.0%", "Green"), ("12", "80.0%", "Amber")]


def test_the_overview_links_into_each_body_s_dashboard_and_filters(client, governance, quarter, two_bodies):
    committee, panel = two_bodies
    client.force_login(governance)

    page = client.get(f"/overview/{quarter.slug}/").content.decode()

    assert f'href="/bodies/{committee.slug}/quarters/{quarter.slug}/"' in page
    assert f'href="/bodies/{panel.slug}/quarters/{quarter.slug}/?rag=amber"' in page
    assert f'href="/bodies/{panel.slug}/indicators/12/?quarter={quarter.slug}"' in page


def test_row_ids_are_unique_across_the_bodies_tables(client, governance, quarter, two_bodies):
    committee, panel = two_bodies
    IndicatorShareFactory(indicator=committee.indicators.get(number=6), committee=panel, number=6)
    client.force_login(governance)

    page = client.get(f"/overview/{quarter.slug}/").content.decode()

    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert f'id="body-{panel.slug}-indicator-6"' in page and f'id="body-{committee.slug}-indicator-6"' in page


def test_the_overview_counts_agree_with_each_dashboard_and_pack(client, governance, quarter, two_bodies):
    client.force_login(governance)
    response = client.get(f"/overview/{quarter.slug}/")

    for body in response.context["sections"]:
        committee = body["overview"].committee
        shown = {group: count for group, _slug, count, _url in body["groups"]}
        dashboard = {
            group: count for group, _s, count in rag_counts(quarter_rows(committee=committee, quarter=quarter))
        }
        pack = performance_report_build(committee=committee, quarter=quarter).counts
        assert {group: count for group, count in shown.items() if count} == {
            group: count for group, count in dashboard.items() if count
        }
        for status in ("Red", "Amber", "Green", "Blue"):
            assert shown[status] == pack.count_of(status)
        assert shown["Not updated this quarter"] == len(pack.not_updated)
        movements = dict(body["movements"])
        assert (movements["Improved"], movements["Declined"], movements["Unchanged"]) == (
            pack.improved_count,
            sum(movement.count for movement in pack.declined),
            len(pack.unchanged),
        )


def test_movements_are_counted_from_each_body_s_published_statuses(client, governance, quarter, two_bodies):
    committee, panel = two_bodies
    before = QuarterFactory(year__start_year=2023, number=4)
    shared = committee.indicators.get(number=5)
    PublishedStatusFactory(indicator=shared, quarter=before, committee=committee, rag="Red")  # now Blue: improved
    PublishedStatusFactory(indicator=shared, quarter=before, committee=panel, rag="Blue")  # now Amber: declined
    client.force_login(governance)

    response = client.get(f"/overview/{quarter.slug}/")

    movements = {row[0]: row[1:] for row in table_rows(response, "overview-movements")[1:]}
    assert movements[committee.name] == ["1", "0", "0", "2"]
    assert movements[panel.name] == ["0", "1", "0", "1"]


def test_the_overview_without_a_quarter_shows_the_landing_quarter(client, governance, quarter, two_bodies):
    client.force_login(governance)

    response = client.get("/overview/")

    assert response.status_code == 200
    assert response.context["quarter"] == quarter


def test_choosing_another_quarter_redirects_to_its_overview(client, governance, quarter, two_bodies):
    other = QuarterFactory(number=2)
    client.force_login(governance)

    response = client.get(f"/overview/{quarter.slug}/?quarter={other.slug}")

    assert response.status_code == 302
    assert response["Location"] == f"/overview/{other.slug}/"


def test_an_administrator_sees_the_overview(client, administrator, quarter, two_bodies):
    client.force_login(administrator)

    assert client.get(f"/overview/{quarter.slug}/").status_code == 200


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_no_one_else_sees_the_overview(as_persona, persona, quarter, two_bodies):
    response = as_persona(persona).get(f"/overview/{quarter.slug}/")

    assert response.status_code == 403
    assert "Corporate Parenting Panel" not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, quarter, two_bodies):
    response = client.get(f"/overview/{quarter.slug}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_the_menu_offers_the_overview_to_governance_only(client, governance, member, quarter, two_bodies):
    committee, _panel = two_bodies
    client.force_login(governance)
    assert 'href="/overview/"' in client.get(f"/bodies/{committee.slug}/quarters/{quarter.slug}/").content.decode()
    client.force_login(member)
    assert 'href="/overview/"' not in client.get(f"/bodies/{committee.slug}/quarters/{quarter.slug}/").content.decode()


def test_ratings_are_words_not_only_colours(client, governance, quarter, two_bodies):
    client.force_login(governance)

    page = client.get(f"/overview/{quarter.slug}/").content.decode()

    assert '<span class="rag rag-amber">Amber</span>' in page
    assert '<span class="rag rag-not-updated">Not updated this quarter</span>' in page


def test_typed_text_is_escaped(client, governance, committee, quarter):
    _indicator(committee, 9, "70.0", name="<script>alert('x')</script> measure")
    client.force_login(governance)

    page = client.get(f"/overview/{quarter.slug}/").content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; measure" in page


def _bodies_with_indicators(quarter, bodies: int, per_body: int) -> None:
    committees = [CommitteeFactory(name=f"Body {n}", position=n) for n in range(bodies)]
    number = 0
    for committee in committees:
        for _ in range(per_body):
            number += 1
            _indicator(committee, number, "70.0")
    first = committees[0].indicators.order_by("number").first()
    for committee in committees[1:]:
        IndicatorShareFactory(indicator=first, committee=committee, number=900)
        BodyTargetFactory(share=first.shares.get(committee=committee), year=quarter.year, value=Decimal("60.0"))
    QuarterPublicationFactory(committee=committees[0], quarter=quarter)
    PublishedStatusFactory(indicator=first, quarter=QuarterFactory(year__start_year=2023, number=4), rag="Red")


@pytest.mark.parametrize(("bodies", "per_body"), [(1, 3), (4, 30)])
def test_overview_queries_do_not_grow_with_bodies_or_indicators(
    client, governance, quarter, django_assert_num_queries, bodies, per_body
):
    _bodies_with_indicators(quarter, bodies, per_body)
    client.force_login(governance)

    # The quarter (address), session, user; committees, indicators, shares, figures, targets (one union),
    # the previous quarter, its published statuses, the quarter's publications, the quarter list; the
    # header's body switcher, Django's two model-permission lookups and the unread notification count.
    with django_assert_num_queries(14):
        response = client.get(f"/overview/{quarter.slug}/")

    assert response.status_code == 200
    assert len(response.context["sections"]) == bodies
