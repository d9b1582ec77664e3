"""The demo's Q1 2024/25 returns: approved where the published text passes the checks, drafts where it does not."""

import io

import pytest
from django.core.management import call_command

from commentary.checks import SubmissionBlocked
from commentary.models import Return
from commentary.selectors import return_rows, returns_for_quarter
from commentary.services import return_submit
from cyp.demo import BOARD_SLUG, COMMITTEE_SLUG
from cyp.models import AuditEvent, Quarter, User


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Quarter.objects.quarters().get(year__start_year=2024, number=1)


def test_the_red_indicators_printed_without_actions_are_drafts_and_the_rest_approved(demo):
    returns = returns_for_quarter(quarter=demo)
    states = {ret.indicator.number: ret.state for ret in returns if ret.indicator.committee.slug == COMMITTEE_SLUG}
    board = [ret.state for ret in returns if ret.indicator.committee.slug == BOARD_SLUG]

    assert len(states) == 20
    assert board == []  # the board reports monthly: its returns are August 2024's
    august = returns_for_quarter(quarter=Quarter.objects.months().get(year__start_year=2024, number=5))
    assert [ret.state for ret in august] == ["not_started"] * 13  # the board's, for its lead to complete
    assert {ret.indicator.committee.slug for ret in august} == {BOARD_SLUG}
    assert sorted(number for number, state in states.items() if state == "draft") == [2, 10, 128, 130, 133]
    assert all(state == "approved" for number, state in states.items() if number not in (2, 10, 128, 130, 133))


def test_the_approvals_are_recorded_as_the_governance_demo_user_with_the_reason(demo):
    events = AuditEvent.objects.filter(action="return.approve")

    assert events.count() == 15
    assert set(events.values_list("actor__username", "comment")) == {
        ("governance", "Loaded from the published Q1 2024/25 report")
    }


def test_the_demo_lead_is_stopped_submitting_indicator_2_for_want_of_actions(demo):
    ret = Return.objects.get(indicator__number=2, quarter=demo)

    with pytest.raises(SubmissionBlocked) as blocked:
        return_submit(ret=ret, by=User.objects.get(username="lead"))

    assert [problem.field for problem in blocked.value.problems] == ["actions"]


def test_the_demo_board_shows_the_published_commentary_faults_as_warnings(demo):
    rows = return_rows(returns_for_quarter(quarter=demo))
    warned = {row.indicator.number for row in rows if row.warnings}

    assert {11, 129, 132, 135} <= warned


def test_loading_the_demo_twice_changes_no_return(demo):
    before = list(Return.objects.order_by("pk").values_list("pk", "state", "version"))
    events = AuditEvent.objects.count()

    call_command("load_demo", stdout=io.StringIO())

    assert list(Return.objects.order_by("pk").values_list("pk", "state", "version")) == before
    assert AuditEvent.objects.count() == events
