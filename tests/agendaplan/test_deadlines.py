"""Deadlines and warnings (agendaplan.deadlines): the seed 002 meetings, key decisions, papers missing."""

import datetime

import pytest

from agendaplan.deadlines import ClearDayRules, MissingPaper, key_decision_warning, meeting_deadlines_for
from cyp.calendar import ClosedDays

D = datetime.date
RULES = ClearDayRules()
BEFORE_ANY = D(2024, 9, 1)


def _deadlines(meeting_date, *, today=BEFORE_ANY, rules=RULES, **kwargs):
    return meeting_deadlines_for(
        meeting_date=meeting_date,
        draft_due=meeting_date - datetime.timedelta(days=12),
        despatch=meeting_date - datetime.timedelta(days=8),
        rules=rules,
        today=today,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("meeting_date", "draft_due", "despatch", "inspection_by"),
    [
        # As printed in seed 002's agenda plan (draft reports and despatch), and five clear days.
        (D(2024, 10, 8), D(2024, 9, 26), D(2024, 9, 30), D(2024, 9, 30)),
        (D(2024, 11, 26), D(2024, 11, 14), D(2024, 11, 18), D(2024, 11, 18)),
        (D(2025, 1, 14), D(2025, 1, 2), D(2025, 1, 6), D(2025, 1, 6)),
        (D(2025, 2, 25), D(2025, 2, 13), D(2025, 2, 17), D(2025, 2, 17)),
        (D(2025, 6, 3), D(2025, 5, 22), D(2025, 5, 26), D(2025, 5, 23)),
    ],
)
def test_seed_002_meetings_deadlines(meeting_date, draft_due, despatch, inspection_by):
    deadlines = _deadlines(meeting_date)
    assert (deadlines.draft_due, deadlines.despatch, deadlines.inspection_by) == (draft_due, despatch, inspection_by)


def test_despatch_on_the_seed_002_bank_holiday_is_warned():
    deadlines = _deadlines(D(2025, 6, 3))
    assert deadlines.warnings == (
        "Agenda despatch falls on Monday 26 May 2025, when the council is closed (Spring bank holiday): "
        "despatch by Friday 23 May 2025.",
    )


def test_the_other_seed_002_meetings_have_no_warning():
    for meeting_date in (D(2024, 10, 8), D(2024, 11, 26), D(2025, 1, 14), D(2025, 2, 25)):
        assert _deadlines(meeting_date).warnings == ()


def test_key_decision_deadline_of_8_october_2024():
    # 28 clear days back from Tuesday 8 October 2024, leaving out weekends (no bank holiday between).
    assert _deadlines(D(2024, 10, 8)).key_decision_by == D(2024, 8, 28)


def test_despatch_too_late_for_five_clear_days_is_warned():
    deadlines = meeting_deadlines_for(
        meeting_date=D(2024, 10, 8), draft_due=D(2024, 9, 30), despatch=D(2024, 10, 2), rules=RULES, today=D(2024, 9, 1)
    )
    assert deadlines.warnings[0].startswith("Agenda despatch on Wednesday 2 October 2024 leaves 3 clear days")
    assert "despatch by Monday 30 September 2024" in deadlines.warnings[0]


def test_a_key_decision_added_20_clear_days_before_is_warned():
    meeting_date = D(2024, 10, 8)
    deadlines = _deadlines(meeting_date)
    added = D(2024, 9, 9)  # Monday: 20 working days lie between it and the meeting
    assert RULES.between(added, meeting_date) == 20
    warning = key_decision_warning(
        key_decision=True, forward_plan_on=added, deadlines=deadlines, rules=RULES, today=D(2024, 9, 9)
    )
    assert warning == (
        "Key decision put on the forward plan on Monday 9 September 2024, 20 clear days before the meeting: it "
        "needed 28 (on the plan by Wednesday 28 August 2024), so it can be taken only under the general exception "
        "or special urgency rules."
    )


def test_a_key_decision_on_the_plan_28_clear_days_before_is_not_warned():
    deadlines = _deadlines(D(2024, 10, 8))
    assert (
        key_decision_warning(
            key_decision=True, forward_plan_on=D(2024, 8, 28), deadlines=deadlines, rules=RULES, today=D(2024, 9, 9)
        )
        is None
    )
    assert (
        key_decision_warning(
            key_decision=False, forward_plan_on=D(2024, 9, 30), deadlines=deadlines, rules=RULES, today=D(2024, 9, 9)
        )
        is None
    )


def test_a_key_decision_not_on_the_plan_is_warned_once_fewer_than_28_clear_days_remain():
    deadlines = _deadlines(D(2024, 10, 8), today=D(2024, 8, 29))
    before = key_decision_warning(
        key_decision=True, forward_plan_on=None, deadlines=deadlines, rules=RULES, today=D(2024, 8, 28)
    )
    after = key_decision_warning(
        key_decision=True, forward_plan_on=None, deadlines=deadlines, rules=RULES, today=D(2024, 8, 29)
    )
    assert before is None
    assert after.startswith("Key decision not on the forward plan and 27 clear days remain, fewer than 28")


def test_nothing_still_to_do_is_warned_once_the_meeting_is_held():
    held = _deadlines(D(2024, 10, 8), today=D(2024, 10, 9), missing_papers=(MissingPaper(7, "Finance"),))
    assert held.held and held.warnings == ()
    assert (
        key_decision_warning(key_decision=True, forward_plan_on=None, deadlines=held, rules=RULES, today=D(2024, 10, 9))
        is None
    )


def test_a_missing_paper_is_warned_after_draft_reports_were_due_then_after_inspection():
    paper = (MissingPaper(7, "Finance Monitoring Report – August 2024"),)
    assert _deadlines(D(2024, 10, 8), today=D(2024, 9, 26), missing_papers=paper).warnings == ()
    after_due = _deadlines(D(2024, 10, 8), today=D(2024, 9, 27), missing_papers=paper).warnings
    assert after_due == (
        "Draft reports were due on Thursday 26 September 2024: the paper for item 7 (Finance Monitoring Report – "
        "August 2024) is still missing.",
    )
    after_inspection = _deadlines(D(2024, 10, 8), today=D(2024, 10, 1), missing_papers=paper).warnings
    assert after_inspection[0].startswith("The agenda had to be open to inspection by Monday 30 September 2024")


def test_the_body_rules_change_the_count():
    every_day = ClearDayRules(exclude_weekends=False, closed=ClosedDays(bank_holidays=False))
    assert _deadlines(D(2024, 10, 8), rules=every_day).inspection_by == D(2024, 10, 2)
    closed_day = ClearDayRules(closed=ClosedDays(extra={D(2024, 10, 4): "Council closure day"}))
    assert _deadlines(D(2024, 10, 8), rules=closed_day).inspection_by == D(2024, 9, 27)


def test_deadline_rows_read_as_the_page_prints_them():
    labels = [label for label, _ in _deadlines(D(2024, 10, 8)).rows()]
    assert labels == [
        "Key decisions on the forward plan by (28 clear days)",
        "Draft reports due",
        "Agenda despatch",
        "Agenda open to inspection by (5 clear days)",
    ]
