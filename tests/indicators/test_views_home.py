"""Where home ("/") sends each person: the dashboard of the quarter they land on, or a page saying there is none."""

import pytest

from tests.factories import CommitteeFactory, FinancialYearFactory, QuarterFactory, QuarterPublicationFactory

STAFF = ["lead", "other_lead", "governance", "administrator"]


def publish(quarter):
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)
    return quarter


def test_anonymous_home_is_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/"


def test_member_lands_on_the_latest_published_quarter(as_persona, quarter):
    publish(quarter)
    publish(QuarterFactory(year=quarter.year, number=2, is_open=False))
    QuarterFactory(year=quarter.year, number=3, is_open=True)

    response = as_persona("member").get("/")

    assert response["Location"] == "/bodies/children-and-young-people/quarters/2024-25-Q2/"


def test_member_is_told_nothing_is_published_yet(as_persona, quarter):
    response = as_persona("member").get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Nothing published yet</h1>" in content
    assert "2024/25" not in content


@pytest.mark.parametrize("persona", STAFF)
def test_staff_land_on_the_open_quarter(as_persona, persona, quarter):
    publish(QuarterFactory(year=FinancialYearFactory(start_year=2023), number=4, is_open=False))

    response = as_persona(persona).get("/")

    assert response["Location"] == "/bodies/children-and-young-people/quarters/2024-25-Q1/"


def test_staff_land_on_the_latest_published_quarter_when_none_is_open(as_persona, quarter):
    quarter.is_open = False
    quarter.save()
    publish(QuarterFactory(year=FinancialYearFactory(start_year=2023), number=4, is_open=False))

    response = as_persona("governance").get("/")

    assert response["Location"] == "/bodies/children-and-young-people/quarters/2023-24-Q4/"


def test_staff_are_told_no_quarter_is_set_up(as_persona, db):
    response = as_persona("governance").get("/")

    assert response.status_code == 200
    assert "<h1>No quarters yet</h1>" in response.content.decode()
