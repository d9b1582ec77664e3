"""The in-app scorecard page: who may see it (as the dashboard), what a member sees, and what it costs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyp.enums import ReportLayout, Role
from tests.factories import CommitteeFactory, UserFactory
from tests.reports.scorecard_factories import HOSTILE, month, publish, scorecard_body

pytestmark = pytest.mark.django_db

LEAKS = ["Children in care with an up-to-date health assessment", "88.6%", "alert("]


@pytest.fixture
def board():
    return scorecard_body()


@pytest.fixture
def board_member(board):
    return UserFactory(username="board-member", role=Role.MEMBER, committees=[board[0]])


def url(committee, period=None) -> str:
    return f"/bodies/{committee.slug}/scorecard/" + (f"{period.slug}/" if period else "")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_governance_sees_the_scorecard_of_an_unpublished_month_with_its_commentary_escaped(client, governance, board):
    committee, august = board
    client.force_login(governance)

    response = client.get(url(committee, august))

    assert response.status_code == 200
    text = text_of(response)
    assert '<h1 id="scorecard-title">Scorecard: August 2023</h1>' in text
    assert '<h3 id="indicator-1-title" dir="auto">Indicator 1: Children in care with an up-to-date health' in text
    assert "Not yet published to the board." in text or "Not yet published to the" in text
    assert HOSTILE not in text
    assert "&lt;script&gt;alert(&#x27;scorecard&#x27;)&lt;/script&gt; &amp; more" in text
    assert '<th scope="row">Variance</th><td>9.4 points below target</td>' in text
    assert f'href="/bodies/{committee.slug}/quarters/2023-08/"' in text


def test_without_a_period_the_page_redirects_to_the_one_the_person_lands_on(client, governance, board):
    committee, august = board
    client.force_login(governance)

    response = client.get(url(committee))

    assert (response.status_code, response["Location"]) == (302, url(committee, august))


def test_a_member_of_the_board_sees_a_published_month_without_return_commentary(client, board, board_member):
    committee, august = board
    publish(committee, august)
    client.force_login(board_member)

    response = client.get(url(committee, august))

    assert response.status_code == 200
    text = text_of(response)
    assert "88.6%" in text
    assert "The commentary and actions on this measure are in the published pack." in text
    assert "alert(" not in text
    assert "Chase the outstanding assessments." not in text


def test_a_member_of_the_board_cannot_see_a_month_before_it_is_published(client, board, board_member):
    committee, august = board
    client.force_login(board_member)

    response = client.get(url(committee, august))

    assert response.status_code == 403
    assert not any(leak in text_of(response) for leak in LEAKS)


def test_a_member_lands_on_the_latest_published_month_and_never_on_an_unpublished_one(client, board, board_member):
    committee, _august = board
    july = month(2023, 4)
    publish(committee, july)
    client.force_login(board_member)

    response = client.get(url(committee))

    assert (response.status_code, response["Location"]) == (302, url(committee, july))


def test_a_member_of_another_body_cannot_see_the_boards_scorecard(client, board, member):
    committee, august = board
    publish(committee, august)
    client.force_login(member)

    for address in (url(committee, august), url(committee)):
        response = client.get(address)
        assert response.status_code == 404
        assert not any(leak in text_of(response) for leak in LEAKS)


def test_someone_signed_out_is_sent_to_sign_in(client, board):
    committee, august = board

    response = client.get(url(committee, august))

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_a_body_whose_report_is_not_a_scorecard_has_no_scorecard_page(client, governance, board):
    _committee, august = board
    quarterly = CommitteeFactory(name="Children and Young People Committee")
    assert quarterly.report_layout == ReportLayout.PERFORMANCE_REPORT
    client.force_login(governance)

    assert client.get(url(quarterly, august)).status_code == 404


@pytest.mark.parametrize("extra", [0, 15])
def test_the_scorecard_page_queries_do_not_grow_with_the_number_of_measures(client, extra):
    committee, august = scorecard_body(extra=extra)
    publish(committee, august)
    viewer = UserFactory(username="board-member", role=Role.MEMBER, committees=[committee])
    client.force_login(viewer)
    client.get(url(committee, august))  # the first request fills caches (content types, templates)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(committee, august))

    assert response.status_code == 200
    assert text_of(response).count('<article class="measure"') == 5 + extra
    assert len(queries) == PAGE_QUERIES, "\n".join(query["sql"][:140] for query in queries)


#: The body and the period (the address), session, user, the bodies the member sees, the period's publication,
#: the performance report's (its rows with the corrections not yet published, links, figures, targets, content,
#: benchmarks, breakdowns), the scorecard's own three (current figures, every basis of their period, the
#: corrections again) and the header's notification count: the same at any size.
PAGE_QUERIES = 23


def test_the_dashboard_of_a_scorecard_body_links_to_its_scorecard_and_others_do_not(client, governance, board):
    committee, august = board
    client.force_login(governance)

    response = client.get(f"/bodies/{committee.slug}/quarters/{august.slug}/")

    assert response.status_code == 200
    assert f'<a href="{url(committee, august)}">The scorecard for August 2023</a>' in response.content.decode()
    committee.report_layout = ReportLayout.PERFORMANCE_REPORT
    committee.save()
    assert "/scorecard/" not in client.get(f"/bodies/{committee.slug}/quarters/{august.slug}/").content.decode()
