"""The OpenAPI document describes what the endpoints really answer: every real response is checked against it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from public import openapi
from public.selectors import FIGURE_FIELDS
from tests.factories import FigureFactory, IndicatorFactory
from tests.public.schema_check import problems, response_schema

JSON_PATH = "/public/{body}/figures.json"


@pytest.fixture
def document(client, db):
    response = client.get(reverse("public:openapi"))
    assert response.status_code == 200
    return response.json()


def test_the_document_is_openapi_3_1_and_served_as_written(document):
    assert document["openapi"] == "3.1.0"
    assert document == openapi.document()
    assert set(document["paths"]) == {JSON_PATH, "/public/{body}/figures.csv", "/public/api/openapi.json"}


def test_every_documented_path_is_the_address_the_site_serves(public_world):
    body = public_world.body
    assert reverse("public:figures_json", kwargs={"committee": body}) == JSON_PATH.format(body=body.slug)
    assert reverse("public:figures_csv", kwargs={"committee": body}) == f"/public/{body.slug}/figures.csv"
    assert reverse("public:openapi") == "/public/api/openapi.json"


def test_the_figure_schema_names_every_open_data_field_in_order(document):
    figure = document["components"]["schemas"]["Figure"]

    assert list(figure["properties"]) == list(FIGURE_FIELDS)
    assert figure["required"] == list(FIGURE_FIELDS)


def test_a_real_figure_set_fits_its_schema(client, public_world, document):
    # Figures of every shape: rated, not updated with a reason, no figure at all, a non-numeric target.
    not_updated = IndicatorFactory(committee=public_world.body, number=12)
    FigureFactory(
        indicator=not_updated, period_end=datetime.date(2024, 3, 31), not_updated=True, not_updated_reason="Termly"
    )
    IndicatorFactory(committee=public_world.body, number=13)

    response = client.get(reverse("public:figures_json", kwargs={"committee": public_world.body}))

    assert response.status_code == 200
    assert problems(response.json(), response_schema(document, JSON_PATH, 200), document) == []
    assert len(response.json()["figures"]) == 3


@pytest.mark.parametrize(("query", "status"), [("?quarter=2024-25-Q2", 404), ("?quarter=last", 400)])
def test_a_real_error_fits_its_schema(client, public_world, document, query, status):
    response = client.get(reverse("public:figures_json", kwargs={"committee": public_world.body}) + query)

    assert response.status_code == status
    assert problems(response.json(), response_schema(document, JSON_PATH, status), document) == []


def test_the_check_finds_a_response_that_does_not_fit(client, public_world, document):
    figure_set = client.get(reverse("public:figures_json", kwargs={"committee": public_world.body})).json()
    figure_set["figures"][0]["value"] = "78.9"
    del figure_set["figures"][0]["rag"]
    figure_set["surprise"] = True

    found = problems(figure_set, response_schema(document, JSON_PATH, 200), document)

    assert found == [
        "$: surprise is not in the schema",
        "$.figures[0]: rag is missing",
        "$.figures[0].value: '78.9' is not number or null",
    ]


def test_the_page_for_people_documents_every_field(client, db):
    text = client.get(reverse("public:api")).content.decode()

    for name in FIGURE_FIELDS:
        assert f"<code>{name}</code>" in text
    assert "?quarter=2024-25-Q1" in text
    assert reverse("public:openapi") in text
