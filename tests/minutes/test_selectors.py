"""The action log on a day: statuses, flags (the rules of plans.flags) and what the log lists."""

import datetime

import pytest

from cyp.enums import ReviewState
from minutes.enums import LogStatus
from minutes.selectors import action_log_rows, minutes_view, rows_by_meeting
from plans.enums import Flag
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory, MinuteItemFactory, MinutesFactory
from tests.reports.workflow_factories import MeetingFactory

pytestmark = pytest.mark.django_db

DAY_AFTER_DUE = datetime.date(2024, 10, 1)


def _flags(row):
    return [flag for flag, _ in row.flags]


def test_an_action_past_its_due_date_without_a_response_is_overdue_and_unanswered(action, committee):
    (row,) = action_log_rows(on=DAY_AFTER_DUE, committee=committee)

    assert _flags(row) == [Flag.OVERDUE, Flag.NO_PROGRESS]
    assert row.flag_words == ["Overdue: due 30 September 2024", "No approved response"]


def test_an_action_due_on_the_day_is_not_yet_overdue(action, committee):
    (row,) = action_log_rows(on=datetime.date(2024, 9, 30), committee=committee)

    assert _flags(row) == [Flag.NO_PROGRESS]


def test_a_draft_or_submitted_response_does_not_answer_the_action(action, committee):
    ActionResponseFactory(action=action, state=ReviewState.SUBMITTED, date=datetime.date(2024, 9, 20))

    (row,) = action_log_rows(on=DAY_AFTER_DUE, committee=committee)

    assert row.latest is None
    assert Flag.NO_PROGRESS in _flags(row)


def test_the_latest_approved_response_dated_by_the_day_sets_the_status(action, committee):
    ActionResponseFactory(action=action, date=datetime.date(2024, 9, 20), text="First", status=LogStatus.IN_PROGRESS)
    ActionResponseFactory(action=action, date=datetime.date(2024, 10, 5), text="Later", status=LogStatus.COMPLETED)

    (before,) = action_log_rows(on=DAY_AFTER_DUE, committee=committee)
    (after,) = action_log_rows(on=datetime.date(2024, 10, 8), committee=committee)

    assert (before.latest.text, before.status, _flags(before)) == ("First", LogStatus.IN_PROGRESS, [Flag.OVERDUE])
    assert (after.latest.text, after.status, _flags(after)) == ("Later", LogStatus.COMPLETED, [])


def test_a_closed_action_leaves_the_log_unless_asked_for(action, committee):
    ActionResponseFactory(action=action, status=LogStatus.CLOSED)

    assert action_log_rows(on=DAY_AFTER_DUE, committee=committee) == []
    (row,) = action_log_rows(on=DAY_AFTER_DUE, committee=committee, statuses=(LogStatus.CLOSED,))
    assert row.status == LogStatus.CLOSED and row.flags == []


def test_the_log_keeps_to_its_body_and_to_meetings_before_a_date(action, committee, other_body, october):
    other_meeting = MeetingFactory(committee=other_body, date=datetime.date(2024, 9, 1))
    MinuteActionFactory(minute=MinuteItemFactory(minutes=MinutesFactory(meeting=other_meeting), number=12))
    later = MinuteActionFactory(minute=MinuteItemFactory(minutes=MinutesFactory(meeting=october), number=230))

    rows = action_log_rows(on=october.date, committee=committee)
    earlier_only = action_log_rows(on=october.date, committee=committee, before=october.date)

    assert [row.action for row in rows] == [action, later]
    assert [row.action for row in earlier_only] == [action]
    assert [group.meeting for group in rows_by_meeting(rows)] == [action.minute.minutes.meeting, october]


def test_the_printed_status_word_shows_while_the_status_is_unchanged(minute, committee):
    action = MinuteActionFactory(minute=minute, status=LogStatus.IN_PROGRESS, status_as_printed="See action 206")
    (row,) = action_log_rows(on=DAY_AFTER_DUE, committee=committee)
    assert row.status_display == "See action 206"

    ActionResponseFactory(action=action, status=LogStatus.COMPLETED)
    (row,) = action_log_rows(on=DAY_AFTER_DUE, committee=committee)
    assert row.status_display == "Completed"


def test_the_action_log_reads_a_fixed_number_of_queries(committee, minutes, django_assert_max_num_queries):
    for number in range(3):
        action = MinuteActionFactory(minute=MinuteItemFactory(minutes=minutes, number=300 + number))
        ActionResponseFactory(action=action)
    with django_assert_max_num_queries(2):
        small = action_log_rows(on=DAY_AFTER_DUE, committee=committee)
    for number in range(30):
        action = MinuteActionFactory(minute=MinuteItemFactory(minutes=minutes, number=400 + number))
        ActionResponseFactory(action=action)
    with django_assert_max_num_queries(2):
        large = action_log_rows(on=DAY_AFTER_DUE, committee=committee)
    assert (len(small), len(large)) == (3, 33)


def test_the_minutes_view_carries_each_minutes_actions_in_a_fixed_number_of_queries(
    september, minutes, django_assert_max_num_queries
):
    for number in range(20):
        item = MinuteItemFactory(minutes=minutes, number=500 + number)
        ActionResponseFactory(action=MinuteActionFactory(minute=item))
    with django_assert_max_num_queries(4):
        view = minutes_view(meeting=september, on=DAY_AFTER_DUE)
        numbers = [(block.item.number, len(block.rows), block.rows[0].latest.text) for block in view.blocks]
    assert len(numbers) == 20 and numbers[0] == (
        500,
        1,
        "A briefing on this project will be provided to Spokes in November.",
    )
