"""Returns move through the review workflow: saved, submitted after the checks, returned, approved, reopened, locked."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from commentary.checks import SubmissionBlocked
from commentary.models import Return
from commentary.selectors import approved_content, returns_for_quarter
from commentary.services import (
    return_approve,
    return_reopen,
    return_return,
    return_save,
    return_share,
    return_submit,
    returns_lock,
    returns_open_quarter,
)
from cyp.enums import ReviewState
from cyp.models import AuditEvent, Notification
from cyp.workflow import ConcurrentChange, TransitionError
from indicators.enums import IndicatorStatus
from indicators.models import Figure
from tests.factories import FigureFactory, IndicatorFactory


def actions_of(ret):
    return list(AuditEvent.objects.filter(target_id=ret.pk).values_list("action", flat=True))


def test_return_save_writes_the_content_records_what_changed_and_bumps_the_version(ret, lead):
    saved = return_save(ret=ret, by=lead, content={"commentary": "New words."}, expected_version=ret.version)

    assert (saved.commentary, saved.version, saved.updated_by) == ("New words.", 2, lead)
    event = AuditEvent.objects.get(action="return.save")
    assert event.changes == {"commentary": ["Take-up rose to 78.9%, above the target of 75.0%.", "New words."]}
    assert (event.actor, event.actor_role) == (lead, "service_lead")


def test_return_save_moves_a_not_started_return_to_draft(ret, lead):
    Return.objects.filter(pk=ret.pk).update(state=ReviewState.NOT_STARTED)
    ret.refresh_from_db()

    saved = return_save(ret=ret, by=lead, content={}, expected_version=ret.version)

    assert saved.state == ReviewState.DRAFT
    assert AuditEvent.objects.get().changes == {"state": ["not_started", "draft"]}


def test_return_save_with_nothing_changed_writes_nothing(ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": ret.commentary}, expected_version=ret.version)

    ret.refresh_from_db()
    assert ret.version == 1
    assert AuditEvent.objects.count() == 0


def test_return_save_computes_the_value_from_numerator_and_denominator(ret, lead):
    saved = return_save(
        ret=ret,
        by=lead,
        content={"value": None, "numerator": Decimal("789"), "denominator": Decimal("1000")},
        expected_version=1,
    )

    assert saved.value == Decimal("78.9000")


def test_return_save_against_a_stale_version_is_refused_and_keeps_the_stored_text(ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Theirs."}, expected_version=1)
    stale = Return.objects.get(pk=ret.pk)

    with pytest.raises(ConcurrentChange):
        return_save(ret=stale, by=lead, content={"commentary": "Mine."}, expected_version=1)

    assert Return.objects.get(pk=ret.pk).commentary == "Theirs."


def test_another_areas_lead_cannot_save_the_return(ret, other_lead):
    with pytest.raises(PermissionDenied):
        return_save(ret=ret, by=other_lead, content={"commentary": "Mine."}, expected_version=1)

    assert Return.objects.get(pk=ret.pk).version == 1


def test_governance_cannot_save_a_leads_draft(ret, governance):
    with pytest.raises(PermissionDenied):
        return_save(ret=ret, by=governance, content={"commentary": "Ours."}, expected_version=1)


def test_return_submit_moves_a_draft_that_passes_the_checks_and_tells_governance(
    ret, lead, governance, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = return_submit(ret=ret, by=lead)

    assert submitted.state == ReviewState.SUBMITTED
    assert (submitted.state_changed_by, actions_of(ret)) == (lead, ["return.submit"])
    assert Notification.objects.get(recipient=governance).kind == "return.submitted"


def test_return_submit_of_a_red_value_without_actions_is_stopped_with_the_field_and_the_fix(ret, lead):
    ret.value = Decimal("60.0")
    ret.save()

    with pytest.raises(SubmissionBlocked) as blocked:
        return_submit(ret=ret, by=lead)

    assert [(p.field, p.message) for p in blocked.value.problems] == [
        (
            "actions",
            "Indicator 11: the indicator is Red (60.0% against a target of 75.0%), so actions are required: "
            "write what will be done to bring it back on target, by whom and by when.",
        )
    ]
    assert Return.objects.get(pk=ret.pk).state == ReviewState.DRAFT
    assert actions_of(ret) == []


def test_return_return_needs_a_comment(ret, lead, governance):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()

    with pytest.raises(ValidationError):
        return_return(ret=ret, by=governance, comment="  ")

    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_return_return_sends_it_back_with_the_comment_and_tells_the_lead_once(
    ret, lead, governance, django_capture_on_commit_callbacks
):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        returned = return_return(ret=ret, by=governance, comment="Say why take-up rose.")

    assert returned.state == ReviewState.RETURNED
    event = AuditEvent.objects.get(action="return.return")
    assert (event.comment, event.changes) == ("Say why take-up rose.", {"state": ["submitted", "returned"]})
    notification = Notification.objects.get(recipient=lead)
    assert notification.kind == "return.returned"
    assert "Say why take-up rose." in notification.body
    assert [message.to for message in mail.outbox] == [[lead.email]]


def test_a_lead_cannot_approve_their_own_return(ret, lead):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()

    with pytest.raises(PermissionDenied):
        return_approve(ret=ret, by=lead)

    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_return_approve_writes_the_figures_the_dashboard_reads(
    ret, lead, governance, django_capture_on_commit_callbacks
):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        approved = return_approve(ret=ret, by=governance, comment="Clear and complete.")

    assert approved.state == ReviewState.APPROVED
    figure = Figure.objects.get(indicator=ret.indicator, period_end=datetime.date(2024, 6, 30))
    assert (figure.value, figure.period_label) == (Decimal("78.9"), "June 2024")
    assert AuditEvent.objects.filter(action="figure.change", target_id=figure.pk).count() == 1
    assert Notification.objects.get(recipient=lead).kind == "return.approved"
    assert approved_content(quarter=ret.quarter) == {ret.indicator_id: approved}


def test_return_approve_updates_the_existing_figure_of_the_period(ret, lead, governance):
    FigureFactory(indicator=ret.indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("70.0"))
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()

    return_approve(ret=ret, by=governance)

    assert list(Figure.objects.filter(period_end=datetime.date(2024, 6, 30)).values_list("value", flat=True)) == [
        Decimal("78.9")
    ]


def test_a_draft_cannot_be_approved(ret, governance):
    with pytest.raises(TransitionError):
        return_approve(ret=ret, by=governance)

    assert not Figure.objects.filter(period_end=datetime.date(2024, 6, 30)).exists()


def test_return_reopen_needs_a_reason_and_sends_it_back(ret, lead, governance):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()
    return_approve(ret=ret, by=governance)
    ret.refresh_from_db()

    with pytest.raises(ValidationError):
        return_reopen(ret=ret, by=governance, comment="")
    reopened = return_reopen(ret=ret, by=governance, comment="The target was wrong.")

    assert reopened.state == ReviewState.RETURNED


def test_a_locked_return_cannot_be_reopened(ret, lead, governance):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()
    return_approve(ret=ret, by=governance)

    assert returns_lock(quarter=ret.quarter, by=governance) == 1
    assert returns_lock(quarter=ret.quarter, by=governance) == 0
    ret.refresh_from_db()
    with pytest.raises(TransitionError):
        return_reopen(ret=ret, by=governance, comment="Too late?")

    assert (ret.locked, ret.state) == (True, ReviewState.APPROVED)
    assert actions_of(ret) == ["return.submit", "return.approve", "return.lock"]


def test_returns_lock_leaves_returns_not_approved_unlocked(ret, other_ret, lead, governance):
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()
    return_approve(ret=ret, by=governance)

    returns_lock(quarter=ret.quarter, by=governance)

    assert dict(Return.objects.values_list("pk", "locked")) == {ret.pk: True, other_ret.pk: False}


def test_return_share_lets_other_leads_see_a_draft_and_is_recorded(ret, governance, other_lead):
    assert not other_lead.has_perm("commentary.view_return", ret)

    shared = return_share(ret=ret, by=governance, shared=True)

    assert shared.shared is True
    assert other_lead.has_perm("commentary.view_return", shared)
    assert not other_lead.has_perm("commentary.save_return", shared)
    assert AuditEvent.objects.get().changes == {"shared": [False, True]}


def test_a_lead_cannot_share_a_return(ret, lead):
    with pytest.raises(PermissionDenied):
        return_share(ret=ret, by=lead, shared=True)


def test_returns_open_quarter_creates_a_prefilled_not_started_return_for_every_active_indicator(
    committee, area, quarter, governance
):
    monthly = IndicatorFactory(committee=committee, number=1, service_area=area)
    FigureFactory(indicator=monthly, period_end=datetime.date(2024, 6, 30), value=Decimal("27.0"))
    IndicatorFactory(committee=committee, number=2, service_area=area)
    IndicatorFactory(committee=committee, number=3, service_area=area, status=IndicatorStatus.SUSPENDED)

    assert returns_open_quarter(quarter=quarter, by=governance) == 2
    assert returns_open_quarter(quarter=quarter, by=governance) == 0

    returns = returns_for_quarter(quarter=quarter)
    assert [(r.indicator.number, r.state, r.period_label, r.value) for r in returns] == [
        (1, "not_started", "June 2024", Decimal("27.0")),
        (2, "not_started", "June 2024", None),
    ]
    assert all(r.history.count() == 1 for r in returns)


def test_a_lead_cannot_open_a_quarter(quarter, lead):
    with pytest.raises(PermissionDenied):
        returns_open_quarter(quarter=quarter, by=lead)


def test_every_stored_change_has_a_history_row_and_every_move_an_audit_event(ret, lead, governance):
    ret = return_save(ret=ret, by=lead, content={"commentary": "First."}, expected_version=1)
    ret = return_submit(ret=ret, by=lead)
    ret = return_return(ret=ret, by=governance, comment="More detail.")
    ret = return_save(ret=ret, by=lead, content={"commentary": "Second."}, expected_version=ret.version)
    ret = return_submit(ret=ret, by=lead)
    ret = return_share(ret=ret, by=governance, shared=True)
    ret = return_approve(ret=ret, by=governance)
    ret = return_reopen(ret=ret, by=governance, comment="Typo.")

    history = list(ret.history.order_by("history_date", "history_id"))
    # the factory's create, then one row per stored change, each at its version
    assert [row.version for row in history] == list(range(1, ret.version + 1))
    assert [row.history_user for row in history[1:]] == [
        lead,
        lead,
        governance,
        lead,
        lead,
        governance,
        governance,
        governance,
    ]
    assert actions_of(ret) == [
        "return.save",
        "return.submit",
        "return.return",
        "return.save",
        "return.submit",
        "return.share",
        "return.approve",
        "return.reopen",
    ]
    figure = Figure.objects.get(indicator=ret.indicator, period_end=ret.period_end)
    assert list(figure.history.values_list("history_type", "history_user__username")) == [("+", "governance")]
    assert AuditEvent.objects.filter(action="figure.change", target_id=figure.pk).count() == 1
