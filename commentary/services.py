"""Writes: quarterly returns through the shared review workflow (cyp.workflow.review_transition).

Every function here is keyword-only and says its side effects. State moves and
saves go through ``review_transition`` (permission, the MOVES table, the lock,
compare-and-set on (state, version), history row, audit event ``return.<action>``,
on-commit side effects). Sharing and locking are not moves between states, so
they have their own compare-and-set with the same history row and audit event.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from commentary.checks import SubmissionBlocked
from commentary.models import CONTENT_FIELDS, FIGURE_FIELDS, Return
from cyp.audit import audit_record, changes_between
from cyp.enums import AuditAction, ReviewAction, ReviewState
from cyp.limits import text_limits_check
from cyp.models import Quarter
from cyp.notifications import task_queue
from cyp.workflow import ConcurrentChange, history_record, reload_fields, review_check, review_lock, review_transition
from indicators.enums import FigureSource, Frequency, IndicatorStatus
from indicators.models import Figure, Indicator
from indicators.reporting import value_from_parts
from indicators.services import figure_write

AUDIT_PREFIX = "return"


def _with_computed_value(*, ret: Return, content: dict) -> dict:
    """X and Y given without a value: the value is what the indicator's formula gives (never for a figure marked
    not available, which has no value: ``commentary.checks.availability_problems``)."""
    content = dict(content)
    if (
        content.get("value") is None
        and not content.get("not_available")
        and content.get("numerator") is not None
        and content.get("denominator")
    ):
        computed = value_from_parts(
            numerator=content["numerator"], denominator=content["denominator"], unit=ret.indicator.unit
        )
        if computed is not None:
            content["value"] = computed.quantize(Decimal("0.0001"))
    return content


def return_save(*, ret: Return, by, content: dict, expected_version: int) -> Return:
    """Save a lead's draft: the content fields in ``content`` (others are left as they are).

    A not-started return becomes a draft; a returned one stays returned until
    it is resubmitted. Nothing is written when the content is already what is
    stored. Raises
    ConcurrentChange when ``expected_version`` is not the stored one (someone
    saved in between): the caller shows both versions.
    Side effects: one history row and one ``return.save`` audit event with the
    changed fields, old and new.
    """
    content = {
        name: value for name, value in _with_computed_value(ret=ret, content=content).items() if name in CONTENT_FIELDS
    }
    if content.get("value") is not None and "not_available" not in content:
        # As figure_write: a value given, saying nothing of availability, makes the figure available again.
        content.update(not_available=False, not_available_reason="")
    review_check(obj=ret, action=ReviewAction.SAVE, by=by)
    text_limits_check(model=Return, values=content)  # the form refuses first; this guards every other caller
    changes = changes_between(ret.content(), {**ret.content(), **content})
    if not changes and ret.state != ReviewState.NOT_STARTED:
        return ret  # the same content as stored, whatever version the editor started from: nothing to lose
    return review_transition(
        obj=ret,
        action=ReviewAction.SAVE,
        by=by,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        changes=changes,
        extra_updates={**content, "updated_at": timezone.now(), "updated_by": by},
    )


def return_problems(*, ret: Return):
    """The blocking checks for the return as stored (commentary.checks), with its target and previous figure."""
    from commentary.selectors import return_rows

    return return_rows([ret])[0].problems


def return_submit(*, ret: Return, by, expected_version: int | None = None) -> Return:
    """Submit for review after the blocking checks (commentary.checks); raises SubmissionBlocked listing them.

    Side effects: history row, ``return.submit`` audit event, and after commit a
    notification to the governance team.
    """
    review_check(obj=ret, action=ReviewAction.SUBMIT, by=by)
    problems = return_problems(ret=ret)
    if problems:
        raise SubmissionBlocked(problems)
    ret = review_transition(
        obj=ret, action=ReviewAction.SUBMIT, by=by, audit_prefix=AUDIT_PREFIX, expected_version=expected_version
    )
    transaction.on_commit(_notify_after_commit(ret, ReviewAction.SUBMIT))
    return ret


def return_withdraw(*, ret: Return, by, expected_version: int | None = None) -> Return:
    """Take a submitted return back before anyone has reviewed it, to change it: it becomes a draft again.

    Refused once it is returned, approved or locked (the MOVES table). Side effects: history row,
    ``return.withdraw`` audit event, and after commit a notification to the governance team.
    """
    ret = review_transition(
        obj=ret, action=ReviewAction.WITHDRAW, by=by, audit_prefix=AUDIT_PREFIX, expected_version=expected_version
    )
    transaction.on_commit(_notify_after_commit(ret, ReviewAction.WITHDRAW))
    return ret


def _notify_after_commit(ret: Return, action: ReviewAction):
    return task_queue(
        "commentary.tasks.return_decision_notify_task", return_id=ret.pk, action=action.value, version=ret.version
    )


def return_return(*, ret: Return, by, comment: str, expected_version: int | None = None) -> Return:
    """Send a submitted return back to its lead with a comment (required).

    Side effects: history row, ``return.return`` audit event with the comment,
    and after commit a notification (in the app and by e-mail) to the area's leads
    and the indicator's owner.
    """
    ret = review_transition(
        obj=ret,
        action=ReviewAction.RETURN,
        by=by,
        comment=comment,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
    )
    transaction.on_commit(_notify_after_commit(ret, ReviewAction.RETURN))
    return ret


@transaction.atomic
def return_approve(*, ret: Return, by, comment: str = "", expected_version: int | None = None) -> Return:
    """Approve a submitted return and publish its figures to ``indicators.Figure``, in one transaction.

    The checks run again (a target may have changed since submission). The
    figure for the return's period is created or updated (by indicator and
    period end), so the dashboard and the pack, which read figures, show only
    approved data. Side effects: history rows for the return and the figure,
    ``return.approve`` and (when the figure changed) ``figure.change`` audit
    events, and after commit a notification to the area's leads and the owner.
    """
    review_check(obj=ret, action=ReviewAction.APPROVE, by=by)
    problems = return_problems(ret=ret)
    if problems:
        raise SubmissionBlocked(problems)
    ret = review_transition(
        obj=ret,
        action=ReviewAction.APPROVE,
        by=by,
        comment=comment,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
    )
    figure_from_return(ret=ret, by=by)
    transaction.on_commit(_notify_after_commit(ret, ReviewAction.APPROVE))
    return ret


def figure_from_return(*, ret: Return, by) -> Figure:
    """Create or update the indicator's figure for the return's period with the return's figures.

    Through ``indicators.services.figure_write``: refused (FigureLocked) when a published pack
    printed the period; a ``figure.change`` audit event when the figure changed. A return marked not
    available makes the figure not available (no value), listed apart on the dashboard and in the pack.
    """
    fields = {name: getattr(ret, name) for name in FIGURE_FIELDS if name != "period_end"}
    if not ret.not_available:
        fields["not_available_reason"] = ""  # a reason left typed when the box was unticked says nothing
    written = figure_write(
        indicator=ret.indicator,
        period_end=ret.period_end,
        fields=fields,
        by=by,
        reason=f"Approved {ret}",
        source=FigureSource.APPROVAL,
    )
    return written.figure


def return_reopen(*, ret: Return, by, comment: str, expected_version: int | None = None) -> Return:
    """Reopen an approved return with a reason (required), until it is locked by a published pack.

    It goes back to the lead as returned. The figure already approved stays in
    place until the return is approved again. Side effects: history row,
    ``return.reopen`` audit event, notification to the area's leads after commit.
    """
    ret = review_transition(
        obj=ret,
        action=ReviewAction.REOPEN,
        by=by,
        comment=comment,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
    )
    transaction.on_commit(_notify_after_commit(ret, ReviewAction.REOPEN))
    return ret


def return_share(*, ret: Return, by, shared: bool, comment: str = "", expected_version: int | None = None) -> Return:
    """Share a return with every service lead (or stop sharing it): governance shows a good draft as an example.

    Not a move between states, so not in the MOVES table: a compare-and-set on
    the version. Side effects: history row, ``return.share`` audit event with
    ``shared`` old and new.
    """
    if not by.has_perm("commentary.share_return", ret):
        raise PermissionDenied("You cannot share this return.")
    if ret.shared == shared:
        return ret
    version = ret.version if expected_version is None else expected_version
    with transaction.atomic():
        updated = Return.objects.filter(pk=ret.pk, version=version).update(shared=shared, version=F("version") + 1)
        if not updated:
            raise ConcurrentChange("Someone else changed this return first: look at it again and retry.")
        reload_fields(ret)
        history_record(obj=ret, by=by, reason="return.share")
        audit_record(
            action=AuditAction.RETURN_SHARE,
            target=ret,
            actor=by,
            changes={"shared": [not shared, shared]},
            comment=comment,
        )
    return ret


def returns_lock(*, quarter: Quarter, by) -> int:
    """Lock the quarter's approved returns when its pack is published; returns how many were locked.

    Called by the reports app inside its publishing transaction. Returns already
    locked are left alone (running it twice locks nothing twice). Side effects:
    a history row and a ``return.lock`` audit event per return.
    """
    return review_lock(
        queryset=Return.objects.filter(quarter=quarter).select_related("indicator", "quarter", "quarter__year"),
        by=by,
        audit_action=AuditAction.RETURN_LOCK,
        comment=f"Published in the {quarter.display} pack",
    )


def default_period(
    *, indicator: Indicator, quarter: Quarter, latest: Figure | None
) -> tuple[str, datetime.date | None, datetime.date | None]:
    """The period a return reports: the quarter's last month (the month itself in a monthly cycle) for monthly
    indicators; for quarterly ones the quarter itself, or in a monthly cycle the latest quarter of the year
    that has ended by the month's end (April to June 2024 in August 2024); for termly and yearly ones, the
    latest period with a figure (the lead changes it when new data arrives)."""
    if indicator.frequency == Frequency.MONTH:
        start = quarter.end.replace(day=1)
        return start.strftime("%B %Y"), start, quarter.end
    if indicator.frequency == Frequency.QUARTER:
        if not quarter.is_month:
            return f"{quarter.start:%B} to {quarter.end:%B %Y}", quarter.start, quarter.end
        end = quarter.end
        while end.month not in (3, 6, 9, 12):  # the last day of the month before
            end = end.replace(day=1) - datetime.timedelta(days=1)
        start = datetime.date(end.year, end.month - 2, 1)  # the quarter's first month: end.month is 3, 6, 9 or 12
        return f"{start:%B} to {end:%B %Y}", start, end
    if latest is not None:
        return latest.period_label, latest.period_start, latest.period_end
    return "", None, None


def returns_open_quarter(*, quarter: Quarter, by) -> int:
    """Create a not-started return for every active indicator that has none in the period, and open the period.

    The period is a quarter or a month (``quarter.kind``): the indicators are those of the bodies that report
    on that kind of period (``Committee.report_period``), so opening August 2024 creates the monthly
    scorecard's returns and opening a quarter the quarterly report's. Each return is prefilled with its
    period and, where the period already has a figure, that figure's values. Running it twice creates
    nothing twice. Side effects: history rows for the new returns, ``quarter.open`` audit event.
    """
    if not by.has_perm("commentary.open_quarter", quarter):
        raise PermissionDenied("You cannot open a quarter for returns.")
    with transaction.atomic():
        Quarter.objects.select_for_update().filter(pk=quarter.pk).first()
        have = set(Return.objects.filter(quarter=quarter).values_list("indicator_id", flat=True))
        indicators = list(
            Indicator.objects.filter(status=IndicatorStatus.ACTIVE, committee__report_period=quarter.kind)
            .exclude(pk__in=have)
            .order_by("number")
        )
        latest = {}
        for figure in (
            Figure.objects.filter(indicator__in=indicators, period_end__lte=quarter.end)
            .reported()
            .order_by("period_end")
        ):
            latest[figure.indicator_id] = figure
        by_period = {
            (figure.indicator_id, figure.period_end): figure
            for figure in Figure.objects.filter(indicator__in=indicators).reported()
        }
        now = timezone.now()
        new_returns = []
        for indicator in indicators:
            label, start, end = default_period(indicator=indicator, quarter=quarter, latest=latest.get(indicator.id))
            ret = Return(
                indicator=indicator,
                quarter=quarter,
                period_label=label,
                period_start=start,
                period_end=end,
                created_at=now,
                updated_at=now,
            )
            figure = by_period.get((indicator.id, end))
            if figure is not None:
                for name in FIGURE_FIELDS:
                    setattr(ret, name, getattr(figure, name))
            new_returns.append(ret)
        bulk_create_with_history(new_returns, Return, default_user=by, default_change_reason="quarter.open")
        if not quarter.is_open:
            Quarter.objects.filter(pk=quarter.pk).update(is_open=True)
        audit_record(
            action=AuditAction.QUARTER_OPEN,
            target=quarter,
            actor=by,
            changes={"returns_created": [len(have), len(have) + len(new_returns)], "is_open": [quarter.is_open, True]},
        )
    quarter.is_open = True
    return len(new_returns)
