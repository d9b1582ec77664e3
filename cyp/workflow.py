"""The review workflow shared by quarterly returns and improvement-plan progress updates.

The allowed moves are one table (``MOVES``). ``review_transition`` is the one
transition function: it

1. checks permission: ``by.has_perm(f"{app_label}.{action}_{model}", obj)``,
   e.g. ``commentary.approve_return``;
2. refuses a locked object (in a published pack) and a move the table forbids;
3. requires a comment where the table says so (returning, reopening);
4. writes with a compare-and-set on (state, version): zero rows updated means
   someone else moved or saved it first, and ``ConcurrentChange`` is raised;
   ``state_changed_at``/``state_changed_by`` change only when the state does;
5. writes the field-level history row (django-simple-history) when the model
   keeps one, because a queryset ``update`` sends no signals;
6. records the audit event (``<audit_prefix>.<action>``);
7. queues ``after_commit`` (notifications and the like) with transaction.on_commit.

Steps 1 to 3 are also ``review_check``, which pages use to decide which buttons
to offer (``review_actions_for``) without trying the move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cyp.audit import audit_record
from cyp.dates import long_date
from cyp.enums import ReviewAction, ReviewState

S, A = ReviewState, ReviewAction


@dataclass(frozen=True)
class Move:
    to: ReviewState
    comment_required: bool = False


#: (state, action) -> the move. Anything not here is forbidden.
MOVES: dict[tuple[ReviewState, ReviewAction], Move] = {
    (S.NOT_STARTED, A.SAVE): Move(S.DRAFT),
    (S.DRAFT, A.SAVE): Move(S.DRAFT),
    (S.RETURNED, A.SAVE): Move(S.RETURNED),
    (S.DRAFT, A.SUBMIT): Move(S.SUBMITTED),
    (S.RETURNED, A.SUBMIT): Move(S.SUBMITTED),
    (S.SUBMITTED, A.RETURN): Move(S.RETURNED, comment_required=True),
    (S.SUBMITTED, A.APPROVE): Move(S.APPROVED),
    # The author takes a submission back before anyone has reviewed it, to change it.
    (S.SUBMITTED, A.WITHDRAW): Move(S.DRAFT),
    (S.APPROVED, A.REOPEN): Move(S.RETURNED, comment_required=True),
}


def allowed_actions(state: ReviewState | str) -> list[ReviewAction]:
    """The actions the table allows from a state (permission aside)."""
    return [action for (from_state, action) in MOVES if from_state == state]


class TransitionError(Exception):
    """A move the table forbids, or an object that is locked. The message is for the user."""


class ConcurrentChange(Exception):
    """Someone else saved or moved the object first. The message is for the user."""


def review_check(*, obj, action: ReviewAction | str, by) -> Move:
    """Steps 1 and 2: raise PermissionDenied or TransitionError, or return the move the table allows."""
    action = ReviewAction(action)
    model = type(obj)
    perm = f"{model._meta.app_label}.{action.value}_{model._meta.model_name}"
    if not by.has_perm(perm, obj):
        raise PermissionDenied(f"You cannot {action.label.lower()} this {model._meta.verbose_name}.")
    if obj.locked:
        raise TransitionError(f"This {model._meta.verbose_name} is in a published pack and can no longer be changed.")
    move = MOVES.get((ReviewState(obj.state), action))
    if move is None:
        raise TransitionError(
            f"A {model._meta.verbose_name} that is {ReviewState(obj.state).label.lower()} cannot be {_past(action)}."
        )
    return move


def review_actions_for(*, obj, by) -> list[ReviewAction]:
    """The actions ``by`` may take on ``obj`` now: allowed by the table, the lock and permission."""
    actions = []
    for action in allowed_actions(obj.state):
        try:
            review_check(obj=obj, action=action, by=by)
        except (PermissionDenied, TransitionError):
            continue
        actions.append(action)
    return actions


def review_transition(
    *,
    obj,
    action: ReviewAction | str,
    by,
    comment: str = "",
    audit_prefix: str,
    expected_version: int | None = None,
    changes: dict | None = None,
    extra_updates: dict | None = None,
    after_commit: Callable[[], None] | None = None,
):
    """Move ``obj`` by ``action`` (see the module docstring for the steps). Returns the object, refreshed.

    ``extra_updates`` are field values written in the same compare-and-set (a
    save's new content); ``changes`` are recorded in the audit event.
    """
    action = ReviewAction(action)
    model = type(obj)
    move = review_check(obj=obj, action=action, by=by)
    if move.comment_required and not comment.strip():
        raise ValidationError({"comment": "Write a comment that says what needs to change and why."})
    version = obj.version if expected_version is None else expected_version
    old_state = ReviewState(obj.state)
    updates = {"state": move.to, "version": F("version") + 1, **(extra_updates or {})}
    if old_state != move.to:
        updates.update(state_changed_at=timezone.now(), state_changed_by=by)
    with transaction.atomic():
        updated = model.objects.filter(pk=obj.pk, state=old_state, version=version, locked=False).update(**updates)
        if updated == 0:
            raise ConcurrentChange(
                f"Someone else changed this {model._meta.verbose_name} while you were working on it. "
                "Your version has not been saved; compare it with theirs below."
            )
        reload_fields(obj)
        history_record(obj=obj, by=by, reason=f"{audit_prefix}.{action.value}")
        recorded = dict(changes or {})
        if old_state != move.to:
            recorded["state"] = [old_state.value, move.to.value]
        audit_record(action=f"{audit_prefix}.{action.value}", target=obj, actor=by, changes=recorded, comment=comment)
        if after_commit is not None:
            transaction.on_commit(after_commit)
    return obj


def reload_fields(obj) -> None:
    """Read obj's own columns back after an ``update`` (one query).

    Unlike ``refresh_from_db`` it keeps the related objects already loaded
    (select_related), which the audit record and the caller print; a changed
    foreign key id still drops its stale cached object.
    """
    model = type(obj)
    names = [field.attname for field in model._meta.concrete_fields]
    for name, value in model.objects.filter(pk=obj.pk).values(*names).get().items():
        setattr(obj, name, value)


def history_record(*, obj, by, reason: str) -> None:
    """Write obj's django-simple-history row for a change made with a queryset ``update``.

    ``save()`` writes the row through a signal; ``update()`` (the compare-and-set)
    does not, so every writer that uses ``update`` calls this. No-op for models
    without HistoricalRecords.
    """
    manager_name = getattr(type(obj)._meta, "simple_history_manager_attribute", None)
    if manager_name is None:
        return
    getattr(type(obj), manager_name).bulk_history_create(
        [obj],
        update=True,
        default_user=by if by is not None and by.is_authenticated else None,
        default_change_reason=reason,
    )


def review_lock(*, queryset, by, audit_action, comment: str) -> int:
    """Lock the approved, unlocked objects of ``queryset`` because a published pack shows them.

    Returns how many were locked; locked ones are left alone, so running it twice
    locks nothing twice. A locked object can no longer be moved (``review_transition``
    refuses it). Side effects: the version goes up, and each object gets a history
    row and an ``audit_action`` event with ``comment``.
    """
    with transaction.atomic():
        to_lock = list(queryset.select_for_update().filter(state=ReviewState.APPROVED, locked=False))
        if not to_lock:
            return 0
        queryset.model.objects.filter(pk__in=[obj.pk for obj in to_lock]).update(locked=True, version=F("version") + 1)
        for obj in to_lock:
            obj.locked = True
            obj.version += 1
            history_record(obj=obj, by=by, reason=str(audit_action))
            audit_record(action=audit_action, target=obj, actor=by, changes={"locked": [False, True]}, comment=comment)
    return len(to_lock)


def status_follow_approved(*, target, updates, audit_action, by, reason: str) -> None:
    """Set ``target``'s status (a plan action, a minute's action) to that of its latest approved update
    (``updates``: the target's updates, each with ``date``, ``state`` and ``status``), if it has one.

    The one home of "an action's status follows its approved progress". Side effect: an ``audit_action``
    event with the old and new status when the status changes.
    """
    latest = updates.filter(state=ReviewState.APPROVED).order_by("-date", "-id").first()
    if latest is None or latest.status == target.status:
        return
    old = target.status
    type(target).objects.filter(pk=target.pk).update(status=latest.status)
    target.refresh_from_db(fields=["status"])
    audit_record(action=audit_action, target=target, actor=by, changes={"status": [old, latest.status]}, comment=reason)


def _past(action: ReviewAction) -> str:
    return {
        A.SAVE: "saved",
        A.SUBMIT: "submitted",
        A.RETURN: "returned",
        A.APPROVE: "approved",
        A.REOPEN: "reopened",
        A.WITHDRAW: "withdrawn",
    }[action]


def review_readonly_reason(*, obj, can_withdraw: bool = False) -> str:
    """Why a piece of work under review cannot be edited now, and what to do, in one sentence for its writer
    ("Submitted on 3 July 2024: waiting for review. Withdraw it to change it."); "" when it can be edited.

    The one home of that wording: returns, progress updates, responses and sections print it on their
    read-only pages.
    """
    when = f" on {long_date(timezone.localtime(obj.state_changed_at).date())}" if obj.state_changed_at else ""
    name = type(obj)._meta.verbose_name
    if obj.locked:
        return f"This {name} is locked: a published pack or a signed-off document shows it, so it can no longer change."
    if obj.state == S.SUBMITTED:
        then = "Withdraw it to change it." if can_withdraw else "The writer can withdraw it to change it."
        return f"Submitted{when}: waiting for review. {then}"
    if obj.state == S.APPROVED:
        return f"Approved{when}: it cannot be edited now. To change it, ask the governance team to reopen the {name}."
    return ""
