"""load_demo: the published Q1 2024/25 figures, statuses and change labels come back out."""

import io
import json

import pytest
from django.core.management import call_command

from cyp.models import Committee, Quarter, User
from indicators.models import Figure, Indicator, PublishedStatus
from indicators.selectors import quarter_rows
from tests.indicators.test_rag import PUBLISHED


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Committee.objects.get(name="Children and Young People Committee")


def test_load_demo_reproduces_every_published_rag_and_change(demo):
    quarter = Quarter.objects.quarters().get(year__start_year=2024, number=1)
    published = {r["number"]: (r["rag_published"], r["change_in_performance_published"]) for r in PUBLISHED}

    rows = quarter_rows(committee=demo, quarter=quarter)

    assert {row.indicator.number: (row.rag, row.change.value) for row in rows} == published


def test_load_demo_twice_changes_nothing(demo):
    def counts():
        return (
            Indicator.objects.filter(committee=demo).count(),
            Figure.objects.filter(indicator__committee=demo).count(),
            PublishedStatus.objects.filter(committee=demo).count(),
            Indicator.objects.count(),
            Figure.objects.count(),
            User.objects.count(),
        )

    before = counts()

    call_command("load_demo", stdout=io.StringIO())

    assert before[:3] == (20, 40, 20)  # the committee's own, as published
    assert counts() == before


def test_load_demo_marks_indicator_128_not_updated_with_the_published_reason(demo):
    figure = Figure.objects.get(indicator__number=128, period_end="2024-06-30")

    assert figure.not_updated is True
    assert figure.not_updated_reason.startswith("Following the introduction of the Impulse Nexus system")


def test_load_demo_keeps_the_published_texts_verbatim(demo):
    record = next(r for r in PUBLISHED if r["number"] == 1)
    indicator = Indicator.objects.get(number=1)

    assert indicator.description == record["description"]
    assert json.dumps(indicator.sources) == json.dumps(record["sources"])
    assert [link.title for link in indicator.useful_links.all()] == record["useful_links"]


def test_load_demo_gives_every_indicator_a_lead_who_can_complete_its_return(demo):
    owned = set(
        User.objects.filter(role="service_lead")
        .values_list("service_areas__name", flat=True)
        .exclude(service_areas__isnull=True)
    )

    assert set(Indicator.objects.values_list("service_area__name", flat=True)) <= owned
