"""Open data: a body's published figures as JSON and CSV, cacheable, injection-safe, and only as published."""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from cyp.models import QuarterPublication
from public.selectors import FIGURE_FIELDS
from tests.factories import FigureFactory, IndicatorFactory, QuarterFactory
from tests.public.conftest import SECRET_DRAFT_VALUE, assert_no_secret


def figures_url(name: str, body, query: str = "") -> str:
    return reverse(f"public:{name}", kwargs={"committee": body}) + query


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_json_gives_the_latest_published_quarter_as_published(client, public_world):
    response = client.get(figures_url("figures_json", public_world.body))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["body"] == {
        "slug": "children-and-young-people",
        "name": "Children and Young People Committee",
        "council": "Test County Council",
        "kind": "committee",
    }
    assert document["quarter"] == {
        "id": "2024-25-Q1",
        "label": "2024/25-Q1",
        "name": "Quarter 1 2024/25",
        "start": "2024-04-01",
        "end": "2024-06-30",
    }
    assert document["published_quarters"] == ["2024-25-Q1"]
    [figure] = document["figures"]
    assert figure == {
        "indicator": 11,
        "name": "Two-year-olds taking up free early education",
        "service_area": "Children's Social Care",
        "unit": "percent",
        "direction": "higher_is_better",
        "frequency": "month",
        "period_label": "June 2024",
        "period_end": "2024-06-30",
        "value": 78.9,
        "target": 75.0,
        "target_status": "numeric",
        "deviation_pct": 5.2,
        "rag": "Blue",
        "change": "Improving",
        "sn_mean": None,
        "england_mean": None,
        "region_mean": None,
        "not_updated": False,
        "not_updated_reason": "",
    }
    assert_no_secret(response.content.decode())


def test_csv_has_the_documented_columns_and_the_same_figures(client, public_world):
    response = client.get(figures_url("figures_csv", public_world.body))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="children-and-young-people-figures-2024-25-Q1.csv"'
    rows = read_csv(response)
    assert list(rows[0]) == list(FIGURE_FIELDS)
    assert rows == [
        {
            "indicator": "11",
            "name": "Two-year-olds taking up free early education",
            "service_area": "Children's Social Care",
            "unit": "percent",
            "direction": "higher_is_better",
            "frequency": "month",
            "period_label": "June 2024",
            "period_end": "2024-06-30",
            "value": "78.9",
            "target": "75.0",
            "target_status": "numeric",
            "deviation_pct": "5.2",
            "rag": "Blue",
            "change": "Improving",
            "sn_mean": "",
            "england_mean": "",
            "region_mean": "",
            "not_updated": "No",
            "not_updated_reason": "",
        }
    ]
    assert SECRET_DRAFT_VALUE not in response.content.decode()


def test_csv_text_a_spreadsheet_could_run_is_guarded(client, public_world):
    indicator = IndicatorFactory(committee=public_world.body, number=12, name='=HYPERLINK("https://evil.example","x")')
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        not_updated=True,
        not_updated_reason="+cmd|' /C calc'!A0",
    )

    rows = read_csv(client.get(figures_url("figures_csv", public_world.body)))

    guarded = next(row for row in rows if row["indicator"] == "12")
    assert guarded["name"] == '\'=HYPERLINK("https://evil.example","x")'
    assert guarded["not_updated_reason"] == "'+cmd|' /C calc'!A0"
    assert guarded["not_updated"] == "Yes"


def test_a_quarter_named_shows_that_published_quarter(client, public_world):
    earlier = QuarterFactory(year__start_year=2023, number=4)
    QuarterPublication.objects.create(committee=public_world.body, quarter=earlier)
    FigureFactory(indicator=public_world.indicator, period_end=datetime.date(2024, 3, 31), value=Decimal("70.2"))

    document = client.get(figures_url("figures_json", public_world.body, "?quarter=2023-24-Q4")).json()

    assert document["quarter"]["id"] == "2023-24-Q4"
    assert document["published_quarters"] == ["2024-25-Q1", "2023-24-Q4"]
    assert document["figures"][0]["value"] == 70.2


@pytest.mark.parametrize("name", ["figures_json", "figures_csv"])
def test_an_unpublished_quarter_is_not_found_with_the_quarters_that_are(client, public_world, name):
    response = client.get(figures_url(name, public_world.body, "?quarter=2024-25-Q2"))

    assert response.status_code == 404
    message = (
        "quarter: Children and Young People Committee has not published 2024-25-Q2. Published quarters: 2024-25-Q1."
    )
    assert (response.json()["error"] if name == "figures_json" else response.content.decode()) == message
    assert_no_secret(response.content.decode())


@pytest.mark.parametrize("name", ["figures_json", "figures_csv"])
def test_a_quarter_written_wrongly_is_refused_saying_how_to_write_it(client, public_world, name):
    response = client.get(figures_url(name, public_world.body, "?quarter=Q1-2024"))

    assert response.status_code == 400
    assert "quarter: 'Q1-2024' is not a quarter: write it as 2024-25-Q1" in response.content.decode()


def test_a_body_that_published_nothing_has_no_figures(client, public_world):
    response = client.get(figures_url("figures_json", public_world.other_body))

    assert response.status_code == 404
    assert response.json() == {"error": "Corporate Parenting Board has not published any quarter's figures yet."}


@pytest.mark.parametrize("name", ["figures_json", "figures_csv"])
def test_figures_carry_etag_and_last_modified_and_answer_304(client, public_world, name):
    url = figures_url(name, public_world.body)

    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    changed = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"].startswith('"') and len(first["ETag"]) == 66
    assert first["Last-Modified"].endswith("GMT")
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304
    assert by_etag["Cache-Control"] == "public, max-age=300"
    assert changed.status_code == 200


def test_a_new_version_of_the_pack_changes_last_modified(client, public_world):
    from indicators.services import figures_lock

    url = figures_url("figures_json", public_world.body)
    QuarterPublication.objects.filter(pk=public_world.publication.pk).update(
        published_at=datetime.datetime(2024, 10, 8, 16, 0, tzinfo=datetime.UTC)
    )
    before = client.get(url)["Last-Modified"]

    figures_lock(
        committee=public_world.body, until=public_world.quarter.end, meeting_date=public_world.meeting.date, version=3
    )

    assert before == "Tue, 08 Oct 2024 16:00:00 GMT"
    assert client.get(url)["Last-Modified"] != before


@pytest.mark.parametrize("indicators", [3, 30])
def test_json_runs_a_fixed_number_of_queries(client, public_world, indicators, django_assert_max_num_queries):
    for n in range(indicators):
        indicator = IndicatorFactory(committee=public_world.body, number=200 + n)
        FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30))

    with django_assert_max_num_queries(8):
        response = client.get(figures_url("figures_json", public_world.body))

    assert len(json.loads(response.content)["figures"]) == indicators + 1
