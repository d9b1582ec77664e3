"""Writes of indicators shared between bodies: report an indicator to another body, its number and targets there.

The one writer of ``IndicatorShare`` and ``BodyTarget``: the admin and the catalogue and target
imports call these. Each checks its rule, writes (django-simple-history keeps the field versions)
and records an audit row (``cyp.enums.AuditAction``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cyp.audit import audit_record
from cyp.enums import AuditAction
from cyp.models import Committee, FinancialYear
from indicators.enums import TargetStatus
from indicators.models import BodyTarget, Indicator, IndicatorShare
from indicators.selectors_sharing import number_in_use


def share_problems(
    *, indicator: Indicator, committee: Committee, number: int, share: IndicatorShare | None = None
) -> list[str]:
    """Why the indicator cannot be reported to the body under ``number`` (empty when it can). No writes.

    The body must not be the indicator's home, and the number must be free in the body among its own
    and its shared indicators (the shares being written at once are checked by the caller).
    """
    problems = []
    if indicator.committee_id == committee.pk:
        problems.append(
            f"Indicator {indicator.number} is at home in {committee.name}: it is reported there already, "
            "choose another body."
        )
        return problems
    holder = number_in_use(committee=committee, number=number, except_share=share)
    if holder is not None:
        problems.append(
            f"{committee.name} already prints {holder} as number {number}: choose a number it does not use."
        )
    return problems


@transaction.atomic
def indicator_share(*, indicator: Indicator, committee: Committee, number: int | None = None, by) -> IndicatorShare:
    """Report the indicator to another body as well, under ``number`` there (its own number when None).

    Reporting it again to the same body changes its number there. Side effects: the share row and
    its history; an ``indicator.share`` (or ``indicator.share_change``) audit row. Raises
    ValidationError naming the body and the number when the rule refuses it; unchanged, writes nothing.
    """
    number = indicator.number if number is None else number
    share = IndicatorShare.objects.select_for_update().filter(indicator=indicator, committee=committee).first()
    problems = share_problems(indicator=indicator, committee=committee, number=number, share=share)
    if problems:
        raise ValidationError(problems)
    if share is None:
        share = IndicatorShare.objects.create(indicator=indicator, committee=committee, number=number)
        audit_record(
            action=AuditAction.INDICATOR_SHARE,
            target=share,
            actor=by,
            changes={"committee": [None, committee.name], "number": [None, number]},
        )
    elif share.number != number:
        old = share.number
        share.number = number
        share.save(update_fields=["number"])
        audit_record(
            action=AuditAction.INDICATOR_SHARE_CHANGE, target=share, actor=by, changes={"number": [old, number]}
        )
    return share


@transaction.atomic
def indicator_unshare(*, share: IndicatorShare, by) -> None:
    """Stop reporting the indicator to the body. Its figures and returns stay; the body's own targets
    for it go with the share. Side effects: an ``indicator.unshare`` audit row, then the delete."""
    audit_record(
        action=AuditAction.INDICATOR_UNSHARE,
        target=share,
        actor=by,
        changes={"committee": [share.committee.name, None], "number": [share.number, None]},
    )
    share.delete()


def target_value_problem(*, value: Decimal | None, status: str) -> str | None:
    """Why a target's value and status disagree (the database's ``body_target_value_iff_numeric``), or None."""
    if status == TargetStatus.NUMERIC and value is None:
        return "A numeric target needs a value: enter it, or choose a status without one."
    if status != TargetStatus.NUMERIC and value is not None:
        return f"A {TargetStatus(status).label} target has no value: leave the value empty."
    return None


@transaction.atomic
def body_target_set(
    *,
    share: IndicatorShare,
    year: FinancialYear,
    value: Decimal | None,
    status: str = TargetStatus.NUMERIC,
    note: str = "",
    comparator: str = "",
    range_upper: Decimal | None = None,
    second_value: Decimal | None = None,
    second_comparator: str = "",
    second_label: str = "",
    by,
) -> BodyTarget:
    """The body's own target for the shared indicator in the year (it overrides the indicator's there).

    A number, or a status without one (``TargetStatus``), written as the body writes it (``comparator``:
    "above 95%"; "between" a range, ``range_upper`` its top) with a second target beside it, never rated
    (``TargetTerms``). Side effects: the row and
    its history; a ``body_target.change`` audit row with the old and new values; unchanged, writes nothing.
    Raises ValidationError naming the field when the value and the status disagree, or the terms do.
    """
    problem = target_value_problem(value=value, status=status)
    if problem:
        raise ValidationError({"value": problem})
    target = BodyTarget.objects.select_for_update().filter(share=share, year=year).first()
    new = {
        "value": value,
        "status": str(status),
        "note": note,
        "comparator": comparator or "",
        "range_upper": range_upper,
        "second_value": second_value,
        "second_comparator": second_comparator or "",
        "second_label": second_label or "",
    }
    if target is None:
        target = BodyTarget(share=share, year=year, **new)
        target.full_clean()
        target.save()
        changes = {name: [None, new_value] for name, new_value in new.items()}
    else:
        changes = {name: [getattr(target, name), new_value] for name, new_value in new.items()}
        changes = {name: pair for name, pair in changes.items() if pair[0] != pair[1]}
        if not changes:
            return target
        for name, new_value in new.items():
            setattr(target, name, new_value)
        target.full_clean()
        target.save()
    audit_record(
        action=AuditAction.BODY_TARGET_CHANGE,
        target=target,
        actor=by,
        changes=changes,
        comment=f"{share.committee.name}, {year.label}",
    )
    return target
