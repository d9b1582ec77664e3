"""The admin: benchmarks on the indicator, the breakdown on the figure, and a body target's wording and second
target."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.enums import BenchmarkKind, Direction
from indicators.models import Benchmark, BodyTarget, FigureBreakdown, FigureLock
from tests.factories import CommitteeFactory, FigureFactory, IndicatorFactory, IndicatorShareFactory
from tests.indicators.benchmark_factories import FigureBreakdownFactory
from tests.indicators.test_admin_sharing import form_values


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_the_admin_adds_a_benchmark_on_the_indicator(admin_client, committee):
    indicator = IndicatorFactory(committee=committee, number=5)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = form_values(admin_client.get(url)) | {
        "benchmarks-TOTAL_FORMS": "1",
        "benchmarks-0-kind": BenchmarkKind.REGION,
        "benchmarks-0-label": "East of England",
        "benchmarks-0-period_label": "2022/23",
        "benchmarks-0-period_end": "2023-03-31",
        "benchmarks-0-value": "61.5",
        "benchmarks-0-source": "LG Inform",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Benchmark.objects.get().name == "East of England"


def test_the_admin_shows_a_figures_breakdown_and_adds_to_it(admin_client, committee):
    figure = FigureFactory(indicator=IndicatorFactory(committee=committee))
    FigureBreakdownFactory(figure=figure, category="Under 1")
    url = reverse("admin:indicators_figure_change", args=[figure.pk])
    page = admin_client.get(url)
    data = form_values(page) | {
        "breakdown-TOTAL_FORMS": "2",
        "breakdown-1-dimension": "Age band",
        "breakdown-1-category": "1 to 4",
        "breakdown-1-value": "7",
        "breakdown-1-position": "2",
    }

    response = admin_client.post(url, data)

    assert "Under 1" in page.content.decode()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(FigureBreakdown.objects.values_list("category", flat=True)) == ["Under 1", "1 to 4"]


def test_the_admin_cannot_change_the_breakdown_of_a_figure_a_published_pack_printed(admin_client, committee):
    figure = FigureFactory(indicator=IndicatorFactory(committee=committee))
    FigureBreakdownFactory(figure=figure, category="Under 1", value=Decimal("3"))
    FigureLock.objects.create(
        committee=committee, until=datetime.date(2024, 6, 30), meeting_date=datetime.date(2024, 10, 8), version=1
    )

    page = admin_client.get(reverse("admin:indicators_figure_change", args=[figure.pk])).content.decode()

    assert "Under 1" in page
    assert 'name="breakdown-0-category"' not in page and 'name="breakdown-0-DELETE"' not in page


def test_the_admin_sets_a_body_target_as_written_with_a_second_target(admin_client, committee, quarter):
    panel = CommitteeFactory(name="Corporate Parenting Panel")
    share = IndicatorShareFactory(indicator=IndicatorFactory(committee=committee, number=5), committee=panel)
    url = reverse("admin:indicators_bodytarget_add")
    base = {"share": share.pk, "year": quarter.year.pk, "status": "numeric"}

    form = admin_client.get(url).content.decode()
    refused = admin_client.post(url, base | {"value": "below 95%"})
    saved = admin_client.post(
        url, base | {"value": "above 95%", "second_value": "at least 98", "second_label": "Stretch"}
    )

    assert 'name="second_value"' in form and 'name="comparator"' in form
    assert refused.status_code == 200
    assert "points the other way from the indicator (higher is better)" in refused.content.decode()
    assert saved.status_code == 302
    target = BodyTarget.objects.get()
    assert (target.value, target.comparator, target.second_value, target.second_comparator, target.second_label) == (
        Decimal("95"),
        "above",
        Decimal("98"),
        "at_least",
        "Stretch",
    )
    assert share.indicator.direction == Direction.HIGHER_IS_BETTER
