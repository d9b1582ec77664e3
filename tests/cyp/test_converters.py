"""A quarter in a URL is its slug, "2024-25-Q1"; the view gets the Quarter. Every quarter URL uses the converter."""

import pytest
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from cyp.converters import QuarterConverter
from cyp.models import Quarter
from tests.factories import FinancialYearFactory, QuarterFactory


def test_a_quarters_slug_is_its_label_with_a_dash(db):
    assert [QuarterFactory(year=FinancialYearFactory(start_year=2099), number=n).slug for n in (1, 4)] == [
        "2099-00-Q1",
        "2099-00-Q4",
    ]


def test_from_slug_finds_the_quarter_its_slug_names(db):
    quarters = [QuarterFactory(number=n) for n in range(1, 5)]

    assert [Quarter.objects.from_slug(quarter.slug) for quarter in quarters] == quarters


@pytest.mark.parametrize("slug", ["2024-25-Q5", "2024-26-Q1", "2024/25-Q1", "not-a-quarter", "", "2030-31-Q1"])
def test_from_slug_is_none_for_a_slug_that_names_no_quarter(quarter, slug):
    assert Quarter.objects.from_slug(slug) is None


def test_urls_are_reversed_from_the_quarter_or_its_slug(quarter):
    assert reverse("dashboard", kwargs={"quarter": quarter}) == "/quarters/2024-25-Q1/"
    assert reverse("governance_board", kwargs={"quarter": "2024-25-Q1"}) == "/quarters/2024-25-Q1/board/"


def test_a_url_cannot_be_reversed_from_a_slug_that_is_not_a_quarter():
    with pytest.raises(NoReverseMatch):
        reverse("dashboard", kwargs={"quarter": "2024-26-Q1"})


@pytest.mark.parametrize("path", ["/quarters/2024-25-Q1/export/", "/quarters/2024-25-q1/export/"])
def test_the_view_is_given_the_quarter(quarter, path):
    assert resolve(path).kwargs == {"quarter": quarter}


@pytest.mark.parametrize("slug", ["2030-31-Q1", "2024-26-Q1", "2024-25-Q9"])
def test_a_url_naming_no_quarter_resolves_to_nothing(quarter, slug):
    with pytest.raises(Resolver404):
        resolve(f"/quarters/{slug}/board/")


def quarter_patterns(patterns=None, prefix=""):
    """(route, converter of its ``quarter``) for every URL pattern that takes a quarter."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found.extend(quarter_patterns(pattern.url_patterns, prefix + str(pattern.pattern)))
        elif isinstance(pattern, URLPattern) and "quarter" in getattr(pattern.pattern, "converters", {}):
            found.append((prefix + str(pattern.pattern), type(pattern.pattern.converters["quarter"])))
    return found


def test_every_url_that_takes_a_quarter_takes_it_through_the_converter():
    found = quarter_patterns()

    routes = {route for route, _converter in found}
    # The dashboard, its export and the returns board, each also at the body's own address; opening a quarter.
    assert {
        "quarters/<quarter:quarter>/",
        "quarters/<quarter:quarter>/export/",
        "quarters/<quarter:quarter>/board/",
        "quarters/<quarter:quarter>/open/",
        "bodies/<body:committee>/quarters/<quarter:quarter>/",
        "bodies/<body:committee>/quarters/<quarter:quarter>/export/",
        "bodies/<body:committee>/quarters/<quarter:quarter>/board/",
    } <= routes
    assert {converter for _route, converter in found} == {QuarterConverter}
