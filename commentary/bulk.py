"""Writes: approving several clean returns with one confirmation, all of them or none.

A clean return (``commentary.board_filter.is_clean``) is submitted, unlocked, and has no failing
check and no warning. Each is approved by ``commentary.services.return_approve``, the same path as
one approval (``review_transition``: permission, the MOVES table, the compare-and-set on
(state, version), history, ``return.approve`` event, figure written, notification after commit).

**All or nothing.** The reviewer confirmed a list; if any return on it changed since (another
version, no longer submitted, a warning or a check now failing), none is approved and the
reviewer is told which ones changed, to look at them and confirm again. Approving part of a
confirmed list would approve something other than what was confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from commentary.board_filter import is_clean, why_not_clean
from commentary.checks import SubmissionBlocked
from commentary.models import Return
from commentary.selectors import ReturnRow, return_rows
from commentary.services import return_approve
from cyp.audit import audit_record
from cyp.enums import AuditAction
from cyp.models import Quarter
from cyp.workflow import ConcurrentChange, TransitionError
from indicators.services import FigureLocked

#: The most returns one confirmation approves: a quarter's whole board is well under it.
BULK_LIMIT = 200


@dataclass(frozen=True)
class Changed:
    """A return on the confirmed list that cannot be approved now, and why."""

    number: int | None  # None: a return that is not in the period at all
    name: str
    reason: str

    @property
    def message(self) -> str:
        if self.number is None:
            return f"{self.name}: {self.reason}."
        return f"Indicator {self.number} ({self.name}): {self.reason}."


class BulkRefused(Exception):
    """Nothing was approved; ``changed`` lists the returns that changed since the list was confirmed."""

    def __init__(self, changed: list[Changed]):
        self.changed = changed
        super().__init__(" ".join(item.message for item in changed))


def _changed(row: ReturnRow, reason: str) -> Changed:
    return Changed(number=row.indicator.number, name=row.indicator.name, reason=reason)


def returns_bulk_approve(*, quarter: Quarter, versions: dict[int, int], by) -> list[Return]:
    """Approve the returns ``versions`` names (return id -> the version the reviewer confirmed), all or none.

    Raises PermissionDenied when ``by`` may not approve returns, ValueError for an empty or too long
    list, and BulkRefused (nothing written) when any return is not in ``quarter``, was changed since
    (its version), or is no longer clean. Side effects, in one transaction: for each return what
    ``return_approve`` does (history rows, ``return.approve`` and ``figure.change`` events, a
    notification after commit), then one ``return.bulk_approve`` event on the quarter naming the count
    and the indicators.
    """
    if not by.has_perm("commentary.approve_return"):
        raise PermissionDenied("You cannot approve returns.")
    if not versions:
        raise ValueError("Choose at least one return to approve.")
    if len(versions) > BULK_LIMIT:
        raise ValueError(f"Approve at most {BULK_LIMIT} returns at once (you chose {len(versions)}).")
    with transaction.atomic():
        returns = list(
            Return.objects.select_for_update(of=("self",))
            .select_related("indicator", "indicator__service_area", "indicator__committee", "indicator__owner")
            .select_related("quarter", "quarter__year")
            .filter(pk__in=list(versions), quarter=quarter)
            .order_by("indicator__number")
        )
        missing = set(versions) - {ret.pk for ret in returns}
        changed = [
            Changed(number=None, name=f"Return {pk}", reason="it is not in this period") for pk in sorted(missing)
        ]
        rows = return_rows(returns)
        for row in rows:
            if row.ret.version != versions[row.ret.pk]:
                changed.append(_changed(row, "someone changed it after you chose it"))
            elif not is_clean(row):
                changed.append(_changed(row, why_not_clean(row)))
            elif not by.has_perm("commentary.approve_return", row.ret):
                raise PermissionDenied(f"You cannot approve the return of indicator {row.indicator.number}.")
        if changed:
            raise BulkRefused(changed)
        approved = []
        for row in rows:
            try:
                approved.append(return_approve(ret=row.ret, by=by, expected_version=versions[row.ret.pk]))
            except (ConcurrentChange, TransitionError, SubmissionBlocked, FigureLocked) as refused:
                # Raised inside the transaction: everything approved so far is rolled back with it.
                raise BulkRefused([_changed(row, _reason(refused))]) from refused
        audit_record(
            action=AuditAction.RETURN_BULK_APPROVE,
            target=quarter,
            actor=by,
            changes={
                "returns_approved": [None, len(approved)],
                "indicators": [None, [r.indicator.number for r in approved]],
            },
            comment=f"{len(approved)} clean return{'s' if len(approved) != 1 else ''} approved together",
        )
    return approved


def _reason(refused: Exception) -> str:
    if isinstance(refused, ConcurrentChange):
        return "someone changed it while it was being approved"
    if isinstance(refused, SubmissionBlocked):
        return f"{len(refused.problems)} check{'s' if len(refused.problems) != 1 else ''} to fix"
    return str(refused).rstrip(".")
