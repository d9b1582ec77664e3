"""Refusals and missing pages explain themselves in the product's own layout."""

import pytest

from tests.factories import QuarterFactory


@pytest.mark.django_db
def test_a_member_refused_an_unpublished_quarter_sees_the_explanation(as_persona):
    QuarterFactory()  # not published for the member's body

    response = as_persona("member").get("/quarters/2024-25-Q1/")

    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()
    assert "Go to your dashboard" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_says_so_in_plain_words(as_persona):
    response = as_persona("governance").get("/quarters/1999-00-Q1/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
