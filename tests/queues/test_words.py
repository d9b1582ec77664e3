"""The sentences the queue and the read-only pages print, from their one home each."""

import datetime

from commentary.models import Return
from cyp.queues import QueueItem, first_line
from cyp.workflow import review_readonly_reason

TODAY = datetime.date(2024, 9, 24)


def _work(state, *, locked=False, at=datetime.datetime(2024, 7, 3, 10, tzinfo=datetime.UTC)):
    return Return(state=state, locked=locked, state_changed_at=at)


def test_readonly_reason_of_each_state():
    assert review_readonly_reason(obj=_work("submitted"), can_withdraw=True) == (
        "Submitted on 3 July 2024: waiting for review. Withdraw it to change it."
    )
    assert review_readonly_reason(obj=_work("submitted")) == (
        "Submitted on 3 July 2024: waiting for review. The writer can withdraw it to change it."
    )
    assert review_readonly_reason(obj=_work("approved")) == (
        "Approved on 3 July 2024: it cannot be edited now. To change it, ask the governance team to reopen the return."
    )
    assert review_readonly_reason(obj=_work("approved", locked=True)).startswith("This return is locked:")
    assert review_readonly_reason(obj=_work("draft")) == ""
    assert review_readonly_reason(obj=_work("returned")) == ""


def test_age_in_days_and_deadlines_in_words():
    def item(**fields):
        return QueueItem(kind="k", title="t", url="/", **fields).age_text(TODAY)

    three_days = datetime.datetime(2024, 9, 21, 15, tzinfo=datetime.UTC)
    assert item(since=three_days) == "waiting 3 days"
    assert item(since=datetime.datetime(2024, 9, 23, 9, tzinfo=datetime.UTC)) == "waiting 1 day"
    assert item(since=datetime.datetime(2024, 9, 24, 8, tzinfo=datetime.UTC)) == "waiting since today"
    assert item(due=datetime.date(2024, 9, 12)) == "12 days overdue (due 12 September 2024)"
    assert item(due=datetime.date(2024, 9, 23)) == "1 day overdue (due 23 September 2024)"
    assert item(due=TODAY) == "due today (24 September 2024)"
    assert item(due=datetime.date(2024, 9, 25)) == "due tomorrow (25 September 2024)"
    assert item(due=datetime.date(2024, 10, 1)) == "due in 7 days (1 October 2024)"
    assert item() == "no deadline set"


def test_first_line_skips_blank_lines_and_cuts_long_ones():
    assert first_line("\n  Check the May figure.  \nMore.") == "Check the May figure."
    assert first_line("x" * 200, limit=10) == "xxxxxxxxx…"
    assert first_line("") == ""
