"""What cyp works out about an action on a day: overdue, no (recent) approved progress, not SMART."""

import datetime

import pytest
from django.test import override_settings

from cyp.enums import ReviewState
from plans.enums import ActionStatus, Flag
from plans.models import Action
from plans.selectors import actions_needing_attention, actions_with_state, plan_summary, plan_view
from tests.factories import FigureFactory, IndicatorFactory, QuarterFactory, TargetFactory
from tests.plans.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory

OCT_8 = datetime.date(2024, 10, 8)


def state_of(action, on):
    return actions_with_state(Action.objects.filter(pk=action.pk), on=on)[0]


def test_an_action_past_its_due_date_and_not_complete_is_overdue(action):
    action.due_date = datetime.date(2024, 9, 30)
    action.save()

    assert state_of(action, OCT_8).overdue is True
    assert state_of(action, datetime.date(2024, 9, 30)).overdue is False


def test_a_complete_action_is_never_overdue_and_carries_no_flag(action):
    action.due_date, action.status = datetime.date(2024, 5, 31), ActionStatus.COMPLETE
    action.save()

    state = state_of(action, OCT_8)

    assert (state.overdue, state.flags) == (False, [])


def test_an_ongoing_action_is_never_overdue_but_is_not_smart(action):
    action.due_date, action.ongoing, action.timescale = None, True, "ongoing"
    action.save()

    state = state_of(action, OCT_8)

    assert state.overdue is False
    assert state.flags == [(Flag.NO_PROGRESS, "No approved progress"), (Flag.NOT_SMART, "Not SMART: no due date")]


def test_only_approved_progress_dated_by_the_day_counts(action):
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31), text="Approved in July")
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 9, 30), text="Submitted", state=ReviewState.SUBMITTED)
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 11, 30), text="Approved in November")

    assert state_of(action, OCT_8).latest.text == "Approved in July"
    assert state_of(action, datetime.date(2024, 12, 1)).latest.text == "Approved in November"
    assert state_of(action, datetime.date(2024, 7, 1)).no_progress is True


def test_the_status_is_that_of_the_latest_approved_progress_on_the_day(action):
    action.status = ActionStatus.COMPLETE
    action.save()
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31), status=ActionStatus.AT_RISK)
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 11, 30), status=ActionStatus.COMPLETE)

    assert state_of(action, OCT_8).status == ActionStatus.AT_RISK
    assert state_of(action, datetime.date(2024, 12, 1)).status == ActionStatus.COMPLETE


@override_settings(CYP_PROGRESS_STALE_DAYS=60)
def test_progress_older_than_the_stale_period_is_flagged_with_its_age(action):
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31))

    assert state_of(action, datetime.date(2024, 9, 29)).stale is False
    state = state_of(action, datetime.date(2024, 9, 30))
    assert state.stale is True
    assert (Flag.STALE, "No approved progress for 61 days") in state.flags


def test_an_action_without_owner_due_date_or_measure_is_not_smart_and_says_why(recommendation):
    action = ActionFactory(
        recommendation=recommendation,
        responsible_post="",
        due_date=None,
        timescale="",
        success_criteria=["Better support in place"],
    )

    state = state_of(action, OCT_8)

    assert state.smart.gaps == ["no owner", "no due date", "no measurable success criterion"]
    assert (Flag.NOT_SMART, "Not SMART: no owner, no due date, no measurable success criterion") in state.flags


def test_summary_counts_each_action_once_by_status_and_the_flags_overlap(recommendation):
    due_passed = datetime.date(2024, 9, 30)
    ActionFactory(recommendation=recommendation, status=ActionStatus.COMPLETE, due_date=due_passed)
    ActionFactory(recommendation=recommendation, status=ActionStatus.ON_TRACK, due_date=due_passed)
    ActionFactory(recommendation=recommendation, status=ActionStatus.NOT_STARTED, due_date=due_passed)
    ActionFactory(recommendation=recommendation, status=ActionStatus.OFF_TRACK)

    summary = plan_summary(actions_with_state(Action.objects.all(), on=OCT_8))

    rows = {row.label: (row.actions, row.overdue, row.no_progress) for row in summary.rows}
    assert rows == {
        "Complete": (1, 0, 0),
        "On track": (1, 1, 1),
        "At risk": (0, 0, 0),
        "Off track": (1, 0, 1),
        "Not started": (1, 1, 1),
    }
    assert (summary.total.actions, summary.total.overdue, summary.total.no_progress) == (4, 2, 3)
    assert sum(row.actions for row in summary.rows) == summary.total.actions


def test_plan_view_shows_each_recommendations_indicators_with_their_rag(plan, recommendation, area):
    quarter = QuarterFactory(year__start_year=2024, number=1, is_open=True)
    indicator = IndicatorFactory(committee=plan.committee, number=1, service_area=area)
    TargetFactory(indicator=indicator, year=quarter.year)
    FigureFactory(indicator=indicator)
    ActionFactory(recommendation=recommendation, indicators=[indicator])
    RecommendationFactory(plan=plan, number=2)

    view = plan_view(plan=plan, on=OCT_8)

    assert view.quarter == quarter
    assert [[(r.indicator.number, r.rag) for r in block.indicator_rows] for block in view.blocks] == [[(1, "Blue")], []]


def test_actions_needing_attention_leaves_out_archived_plans_and_actions_with_no_flag(plan, recommendation):
    ActionFactory(recommendation=recommendation, number="1.1", due_date=datetime.date(2024, 9, 30))
    healthy = ActionFactory(recommendation=recommendation, number="1.2")
    ProgressUpdateFactory(action=healthy, date=datetime.date(2024, 10, 1))
    archived = RecommendationFactory(plan__archived=True, plan__committee=plan.committee)
    ActionFactory(recommendation=archived, due_date=datetime.date(2024, 1, 31))

    states = actions_needing_attention(on=OCT_8)

    assert [(s.action.number, s.overdue) for s in states] == [("1.1", True)]


@pytest.mark.parametrize("size", [3, 30])
def test_plan_view_runs_a_fixed_number_of_queries(django_assert_num_queries, plan, size, area):
    quarter = QuarterFactory(year__start_year=2024, number=1, is_open=True)
    indicators = [IndicatorFactory(committee=plan.committee, service_area=area) for _ in range(3)]
    for indicator in indicators:
        TargetFactory(indicator=indicator, year=quarter.year)
        FigureFactory(indicator=indicator)
    for rec_number in range(1, 4):
        rec = RecommendationFactory(plan=plan, number=rec_number)
        for n in range(size // 3):
            action = ActionFactory(recommendation=rec, number=f"{rec_number}.{n + 1}", indicators=indicators[:2])
            ProgressUpdateFactory(action=action)
            ProgressUpdateFactory(action=action, date=datetime.date(2024, 8, 31))

    with django_assert_num_queries(10):
        view = plan_view(plan=plan, on=OCT_8)

    assert len(view.states) == size
