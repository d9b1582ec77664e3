"""The demo, published with ``publish_pack``, as the public reads it: the Quarter 1 2024/25 figures as printed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cyp.models import Committee
from tests.reports.services import test_publishing_demo

published_demo = test_publishing_demo.published_demo

pytestmark = pytest.mark.django_db


def test_the_published_demo_is_public_as_printed(client, published_demo):
    body = Committee.objects.get(name="Children and Young People Committee")

    home = client.get(reverse("public:home")).content.decode()
    meeting = client.get(reverse("public:meeting", kwargs={"committee": body, "day": "2024-10-08"})).content.decode()
    figures = client.get(reverse("public:figures_json", kwargs={"committee": body})).json()
    indicator = client.get(reverse("public:indicator", kwargs={"committee": body, "number": 1})).content.decode()

    assert "Children and Young People Committee" in home
    assert "Tuesday 8 October 2024" in meeting
    assert "Agenda and reports (PDF)" in meeting
    assert figures["quarter"]["id"] == "2024-25-Q1"
    assert len(figures["figures"]) == 20
    first = figures["figures"][0]
    assert (first["indicator"], first["value"], first["target"], first["rag"], first["change"]) == (
        1,
        27.0,
        20.0,
        "Red",
        "Declining",
    )
    assert (first["sn_mean"], first["england_mean"]) == (21.3, 21.5)
    assert "Indicator 1: Percentage children whose referral to social care occurred" in indicator
    assert "<svg" in indicator
