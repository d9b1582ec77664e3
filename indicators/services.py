"""Writes to the indicator catalogue, targets and figures.

``figures_write`` (and ``figure_write`` for one) is the only code that creates or changes an
``indicators.Figure``: approvals, imports, the admin and the demo call it. It refuses a period a
published pack printed (``FigureLock``); ``figure_correct`` is the explicit, audited way to change one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import IntegerField, Value

from cyp.audit import audit_record, changes_between
from cyp.enums import AuditAction
from cyp.models import AuditEvent, Committee
from indicators.derive import DERIVED_TYPED_MESSAGE
from indicators.enums import FigureSource, PeriodBasis
from indicators.formatting import format_value
from indicators.imports import MODULES, ImportKind, ImportRejected, ImportSummary, Problem
from indicators.imports.reading import read_table
from indicators.models import Figure, FigureLock, Indicator

IMPORT_AUDIT_ACTION = {
    ImportKind.INDICATORS: AuditAction.IMPORT_INDICATORS,
    ImportKind.TARGETS: AuditAction.IMPORT_TARGETS,
    ImportKind.FIGURES: AuditAction.IMPORT_FIGURES,
}


def spreadsheet_import(
    *,
    kind: ImportKind | str,
    committee: Committee,
    data: bytes,
    filename: str,
    by=None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import a CSV or Excel file of indicators, targets or figures, all of it or none of it.

    Steps: read the file; check every row against the catalogue (every problem is
    collected, with its line and column); then, in one transaction, create or update
    the rows and record one audit event ``import.<kind>`` with the counts, by ``by``
    (None for a management command). On a dry run the writes are rolled back and no
    event is recorded, so the summary says exactly what an import would do.

    Side effects: indicators (with new service areas and their useful links), targets
    (with new financial years and their four quarters) or figures are created or
    updated; django-simple-history records each saved row. Figures are written by
    ``figures_write``: one ``figure.change`` event per figure written, and a file that
    would change a period a published pack printed is refused whole.

    Raises ImportRejected, having written nothing, when the file or any row is wrong.
    """
    kind = ImportKind(kind)
    module = MODULES[kind]
    table = read_table(data=data, filename=filename, kind=kind, columns=module.COLUMNS)
    summary = ImportSummary(kind=kind, filename=filename, rows=len(table.rows), dry_run=dry_run)
    try:
        with transaction.atomic():
            plans, summary.warnings = module.plan(table=table, committee=committee)
            # Figures go through the one writer, which audits each figure in the import's name; so do the
            # bodies an indicator is also reported to (indicators.services_sharing).
            writer = {"by": by, "filename": filename} if kind == ImportKind.FIGURES else {}
            if kind == ImportKind.INDICATORS:
                writer = {"by": by}
            summary.created, summary.updated, summary.unchanged, summary.notes = module.apply(
                plans=plans, committee=committee, **writer
            )
            if dry_run:
                transaction.set_rollback(True)
            else:
                audit_record(
                    action=IMPORT_AUDIT_ACTION[kind],
                    target=committee,
                    actor=by,
                    changes={"file": [None, filename], **{name: [None, n] for name, n in summary.counts().items()}},
                    comment="\n".join(summary.lines()),
                )
    except IntegrityError:
        # Someone else wrote the same rows between the check and the write.
        raise ImportRejected(
            [Problem("the data changed while this file was being imported, so nothing was written. Try again.")],
            table.warnings,
        ) from None
    return summary


# --- Figures: the one writer ---------------------------------------------------------------------------

#: What a write may set on a figure (``indicator`` and ``period_end`` name it).
FIGURE_FIELDS = (
    "period_label",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "sn_mean",
    "england_mean",
    "region_mean",
    "other_mean",
    "other_mean_label",
    "as_at",
    "not_updated",
    "not_updated_reason",
    "not_available",
    "not_available_reason",
    "derived",
)
#: Fields a published pack fixes. "Not updated" and its reason are left out on purpose: they say whether
#: the latest quarter refreshed the figure, so the next quarter's return of a termly or yearly indicator
#: must be able to set them on a period an earlier pack printed. Each such write is still audited.
LOCKED_FIELDS = tuple(name for name in FIGURE_FIELDS if name not in ("not_updated", "not_updated_reason"))
#: As the change log and the correction messages name them.
FIGURE_FIELD_LABELS = {
    "period_label": "period label",
    "period_start": "period start",
    "value": "value",
    "numerator": "numerator",
    "denominator": "denominator",
    "sn_mean": "statistical neighbour mean",
    "england_mean": "England mean",
    "region_mean": "regional mean",
    "other_mean": "other comparator",
    "other_mean_label": "other comparator's label",
    "as_at": "data as at",
    "not_updated": "not updated",
    "not_updated_reason": "reason not updated",
    "not_available": "not available",
    "not_available_reason": "reason not available",
    "derived": "derived",
}


@dataclass(frozen=True)
class FigureChange:
    """One figure to write: which (indicator, period end) and the fields to set."""

    indicator: Indicator
    period_end: datetime.date
    fields: dict
    #: What the figure covers (``indicators.enums.PeriodBasis``); None: the figure that is entered, the
    #: indicator's reporting basis or, for a derived indicator, the month's own (``indicators.derive``).
    basis: str | None = None

    @property
    def figure_basis(self) -> str:
        return self.basis or entered_basis(self.indicator)


def entered_basis(indicator: Indicator) -> str:
    """The basis an indicator's figures are entered on: its reporting basis, or "in the period" (the months)
    when its reported figure is derived from them."""
    return PeriodBasis.IN_PERIOD if indicator.derivation else indicator.reporting_basis


class FigureDerived(ValidationError):
    """A typed write to a derived figure: nothing was written. ``refused`` lists (index in the request, message)."""

    def __init__(self, refused: list[tuple[int, str]]):
        self.refused = refused
        super().__init__([message for _, message in refused])


@dataclass(frozen=True)
class FigureWritten:
    """What a write did: the figure, whether it was created, and {"field": [old, new]} (empty when unchanged)."""

    figure: Figure
    created: bool
    changes: dict


@dataclass(frozen=True)
class LockedFigure:
    """A change refused because a published pack printed the period. ``index`` is its place in the request."""

    index: int
    indicator: Indicator
    period_end: datetime.date
    lock: FigureLock
    message: str


class FigureLocked(ValidationError):
    """One or more figures are in a published pack; nothing was written. ``locked`` lists them in order."""

    def __init__(self, locked: list[LockedFigure]):
        self.locked = locked
        super().__init__([item.message for item in locked])


LOCK_FIELDS = ("id", "committee_id", "until", "meeting_date", "version", "created_at")


def figure_locks(*, committee_ids, indicator_ids=()) -> dict[object, list[FigureLock]]:
    """The locks of the committees, earliest period first: one query whatever the number of figures.

    With ``indicator_ids``, the same query brings the locks of the other bodies those indicators are
    reported to (``IndicatorShare``): a pack of that body printed their figures too, so they lock
    them as well (keyed ``("shared", indicator id)``; ``figure_lock_for`` reads both).
    """
    # No ORDER BY (the model's ordering) inside the union: SQLite refuses it in a compound statement.
    home = (
        FigureLock.objects.filter(committee_id__in=set(committee_ids))
        .order_by()
        .values_list(*LOCK_FIELDS, Value(0, output_field=IntegerField()))
    )
    rows = home
    if indicator_ids:
        shared = (
            FigureLock.objects.filter(committee__shared_indicators__indicator_id__in=set(indicator_ids))
            .order_by()
            .values_list(*LOCK_FIELDS, "committee__shared_indicators__indicator_id")
        )
        rows = home.union(shared, all=True)
    locks: dict[object, list[FigureLock]] = {}
    for *values, shared_indicator in sorted(rows, key=lambda row: (row[2], row[3], -row[4])):
        lock = FigureLock(**dict(zip(LOCK_FIELDS, values, strict=True)))
        locks.setdefault(("shared", shared_indicator) if shared_indicator else lock.committee_id, []).append(lock)
    return locks


def figure_lock_for(locks: dict[object, list[FigureLock]], *, indicator: Indicator, period_end: datetime.date):
    """The pack that first printed the period, at its latest version, or None when no pack has printed it.

    Its home body's packs and, when ``locks`` were read with the indicator's id, those of the bodies it
    is reported to.
    """
    candidates = locks.get(indicator.committee_id, []) + locks.get(("shared", indicator.id), [])
    covering = sorted(
        (lock for lock in candidates if period_end <= lock.until),
        key=lambda lock: (lock.until, lock.meeting_date, -lock.version),
    )
    if not covering:
        return None
    first = covering[0]
    return max(
        (
            lock
            for lock in covering
            if (lock.committee_id, lock.meeting_date) == (first.committee_id, first.meeting_date)
        ),
        key=lambda lock: lock.version,
    )


def figure_locked_message(*, indicator: Indicator, period_end: datetime.date, label: str, lock: FigureLock) -> str:
    """ "Indicator 1, June 2024 is in the published pack for 8 October 2024 (v1): it cannot be changed. …" """
    return (
        f"Indicator {indicator.number}, {label or period_end.isoformat()} is in {lock.pack}: it cannot be changed. "
        "A correction needs a reason: the governance team corrects it from the indicator's page (Correct a "
        f"published figure) or with manage.py correct_figure {indicator.number} {period_end.isoformat()} "
        '--value … --reason "…", and the next version of the pack names the correction.'
    )


def figures_lock(
    *, committee: Committee, until: datetime.date, meeting_date: datetime.date, version: int
) -> FigureLock:
    """Record that a published version printed the committee's figures up to ``until`` (publishing calls it).

    Running it twice for the same version records it once. Holds the committee's row until the
    publication commits, so that no figure write runs between this and the commit (see ``figures_write``).
    """
    Committee.objects.select_for_update().filter(pk=committee.pk).values_list("pk").first()
    lock, _ = FigureLock.objects.get_or_create(
        committee=committee, meeting_date=meeting_date, version=version, defaults={"until": until}
    )
    return lock


def _figure_values(figure: Figure | None) -> dict:
    return {name: getattr(figure, name) for name in FIGURE_FIELDS} if figure is not None else {}


def figures_write(*, changes: list[FigureChange], by, reason: str, source: FigureSource | str) -> list[FigureWritten]:
    """Create or update figures, all of them or none: the one writer of ``indicators.Figure``.

    1. locks the committees' rows (against a publication committing meanwhile), then reads their
       figure locks (one query) and the stored figures (one query, locked for update);
    2. refuses the whole request with FigureLocked, writing nothing, when any change would alter a
       period a published pack printed (see ``FigureLock``); a figure that already has the values given
       is left alone, so a file that restates published history is accepted;
    3. writes each changed figure, with a history row (by, "<source>: <reason>");
    4. records one ``figure.change`` audit event per figure written with the old and new values
       and the reason.

    Fields not in ``FIGURE_FIELDS`` raise ValueError. Corrections of published figures go through
    ``figure_correct``, not here.
    """
    return _figures_write(changes=changes, by=by, reason=reason, source=FigureSource(source))


def figure_write(
    *,
    indicator: Indicator,
    period_end: datetime.date,
    fields: dict,
    by,
    reason: str,
    source: FigureSource | str,
    basis: str | None = None,
) -> FigureWritten:
    """Create or update one figure through ``figures_write`` (same checks, history and audit).

    ``basis`` is what the figure covers; None writes the indicator's reported figure.
    """
    change = FigureChange(indicator, period_end, fields, basis)
    return figures_write(changes=[change], by=by, reason=reason, source=source)[0]


def figures_refused(*, changes: list[FigureChange]) -> list[LockedFigure]:
    """The changes ``figures_write`` would refuse because a published pack printed their period; writes nothing.

    Two queries whatever the number of changes (the locks, the stored figures), so the admin's form
    and an import's check cost the same for one figure or five hundred.
    """
    return _plan(changes=changes, for_update=False, correcting=False)[1]


def _plan(*, changes: list[FigureChange], for_update: bool, correcting: bool):
    """(planned writes, refusals): each planned write is (change, stored figure or None, {"field": [old, new]})."""
    for change in changes:
        unknown = set(change.fields) - set(FIGURE_FIELDS)
        if unknown:
            raise ValueError(f"A figure has no field {', '.join(sorted(unknown))}.")
    if not changes:
        return [], []
    locks = figure_locks(
        committee_ids={change.indicator.committee_id for change in changes},
        indicator_ids={change.indicator.id for change in changes},
    )
    figures = Figure.objects.filter(
        indicator_id__in={change.indicator.id for change in changes},
        period_end__in={change.period_end for change in changes},
        basis__in={change.figure_basis for change in changes},
    )
    stored = {
        (figure.indicator_id, figure.basis, figure.period_end): figure
        for figure in (figures.select_for_update() if for_update else figures)
    }
    planned = []
    refused: list[LockedFigure] = []
    for index, change in enumerate(changes):
        figure = stored.get((change.indicator.id, change.figure_basis, change.period_end))
        old = _figure_values(figure)
        diff = changes_between(old, {**old, **change.fields}) if figure is not None else {}
        planned.append((change, figure, diff))
        touches_lock = figure is None or any(name in LOCKED_FIELDS for name in diff)
        if touches_lock and not correcting:
            lock = figure_lock_for(locks, indicator=change.indicator, period_end=change.period_end)
            if lock is not None:
                label = (figure.period_label if figure else "") or str(change.fields.get("period_label") or "")
                refused.append(
                    LockedFigure(
                        index,
                        change.indicator,
                        change.period_end,
                        lock,
                        figure_locked_message(
                            indicator=change.indicator, period_end=change.period_end, label=label, lock=lock
                        ),
                    )
                )
    return planned, refused


@transaction.atomic
def _figures_write(
    *, changes: list[FigureChange], by, reason: str, source: FigureSource, correcting: bool = False
) -> list[FigureWritten]:
    # The committees' rows serialise writers with publishing (``figures_lock`` takes the same lock), so a
    # write cannot slip in after a pack's lock is recorded but before it is committed.
    typed = [
        (index, f"Indicator {change.indicator.number}, {change.period_end.isoformat()}: {DERIVED_TYPED_MESSAGE}")
        for index, change in enumerate(changes)
        if change.indicator.derivation
        and change.figure_basis == change.indicator.derivation
        and source not in (FigureSource.DERIVED, FigureSource.CORRECTION)
    ]
    if typed:
        raise FigureDerived(typed)
    changes = [_with_availability(change) for change in changes]
    committee_ids = sorted({change.indicator.committee_id for change in changes})
    list(Committee.objects.select_for_update().filter(pk__in=committee_ids).order_by("pk").values_list("pk"))
    planned, refused = _plan(changes=changes, for_update=True, correcting=correcting)
    if refused:
        raise FigureLocked(refused)
    written = []
    action = AuditAction.FIGURE_CORRECT if correcting else AuditAction.FIGURE_CHANGE
    for change, figure, diff in planned:
        created = figure is None
        if created:
            figure = Figure(indicator=change.indicator, period_end=change.period_end, basis=change.figure_basis)
        elif not diff:
            written.append(FigureWritten(figure, False, {}))
            continue
        for name, value in change.fields.items():
            setattr(figure, name, value)
        if created:
            diff = {
                name: pair
                for name, pair in changes_between(
                    {}, {"period_end": change.period_end, **_figure_values(figure)}
                ).items()
                if pair[1] not in (None, "", False)
            }
        figure._history_user = by if by is not None and by.is_authenticated else None
        figure._change_reason = f"{source.label}: {reason}"[:100]
        figure.save()
        audit_record(action=action, target=figure, actor=by, changes=diff, comment=reason)
        written.append(FigureWritten(figure, created, diff))
    if source != FigureSource.DERIVED:
        # Every derived figure follows its months, in the same transaction (``indicators.services_derive``).
        from indicators.services_derive import derive_after_write

        derive_after_write(
            [(change.indicator, result) for (change, _, _), result in zip(planned, written, strict=True)],
            by=by,
            reason=reason,
            correcting=correcting,
        )
    return written


def _with_availability(change: FigureChange) -> FigureChange:
    """A value given clears "not available", and "not available" clears the value: the two never stand together."""
    fields = dict(change.fields)
    if fields.get("value") is not None and "not_available" not in fields:
        fields.update(not_available=False, not_available_reason="")
    elif fields.get("not_available"):
        fields.update(value=None, not_updated=False, not_updated_reason="")
        fields.setdefault("not_available_reason", "")
    if fields == change.fields:
        return change
    return FigureChange(change.indicator, change.period_end, fields, change.basis)


def figure_correct(
    *, indicator: Indicator, period_end: datetime.date, fields: dict, by, reason: str, basis: str | None = None
) -> FigureWritten:
    """Correct a figure a published pack printed: governance only, with a reason, in the open.

    1. checks permission (``indicators.correct_figure``), that there is a reason, that the figure
       exists and is locked by a published pack (an unpublished figure is changed by a return or
       an import), that something changes and that the corrected figure is valid;
    2. writes it (history row "Published figure corrected: <reason>") and records ``figure.correct``
       with the old and new values and the reason.

    ``basis`` is the figure's (None: the one entered, ``entered_basis``: a derived indicator's month). A
    derived figure is not corrected itself: correcting its month corrects it (``indicators.services_derive``).

    The published versions are not touched: their files and snapshots stay as published. The
    next version's change log names the correction (``figure_corrections_since``), and a final
    build assembled before it cannot be published.
    """
    if by is None or not by.has_perm("indicators.correct_figure", indicator):
        raise PermissionDenied("Only the governance team can correct a published figure.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why the figure is corrected: the reason is recorded and printed in the pack's change log."}
        )
    unknown = set(fields) - set(FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"A figure has no field {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        # The committee first, then the figure: the order every writer takes its locks in.
        Committee.objects.select_for_update().filter(pk=indicator.committee_id).values_list("pk").first()
        basis = basis or entered_basis(indicator)
        if indicator.derivation and basis == indicator.derivation:
            raise ValidationError({"value": DERIVED_TYPED_MESSAGE})
        figure = (
            Figure.objects.select_for_update().filter(indicator=indicator, basis=basis, period_end=period_end).first()
        )
        if figure is None:
            raise ValidationError(
                f"Indicator {indicator.number} has no figure for the period ending {period_end.isoformat()}: "
                "there is nothing to correct."
            )
        lock = figure_lock_for(
            figure_locks(committee_ids={indicator.committee_id}, indicator_ids={indicator.id}),
            indicator=indicator,
            period_end=period_end,
        )
        if lock is None:
            raise ValidationError(
                f"Indicator {indicator.number}, {figure.period_label} is not in a published pack: change it with "
                "the quarter's return or the figures import, not a correction."
            )
        old = _figure_values(figure)
        if not changes_between(old, {**old, **fields}):
            raise ValidationError(
                f"Indicator {indicator.number}, {figure.period_label} already has these values: nothing to correct."
            )
        problems = _figure_problems({**old, **fields, "period_end": period_end})
        if problems:
            raise ValidationError(problems)
        candidate = Figure(pk=figure.pk, indicator=indicator, period_end=period_end, **{**old, **fields})
        try:
            candidate.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ValidationError(
                {
                    field: [f"The {FIGURE_FIELD_LABELS.get(field, field)}: {message}" for message in messages]
                    for field, messages in error.message_dict.items()
                }
            ) from None
        return _figures_write(
            changes=[FigureChange(indicator, period_end, fields, basis)],
            by=by,
            reason=reason,
            source=FigureSource.CORRECTION,
            correcting=True,
        )[0]


def _figure_problems(values: dict) -> dict[str, str]:
    """The database's rules of a figure, in words that name the field and the fix (before the write)."""
    problems = {}
    if values.get("denominator") is not None and values["denominator"] == 0:
        problems["denominator"] = "The denominator cannot be zero: a value cannot be divided by nothing."
    if values.get("value") is None and not values.get("not_updated") and not values.get("not_available"):
        problems["value"] = (
            "There is no value: write the value, mark the figure not available, or mark it not updated and say why."
        )
    if values.get("not_updated") and not (values.get("not_updated_reason") or "").strip():
        problems["not_updated_reason"] = "The figure is marked not updated: say why, so the report can explain it."
    start, end = values.get("period_start"), values.get("period_end")
    if start is not None and end is not None and start > end:
        problems["period_start"] = f"The period starts ({start.isoformat()}) after it ends ({end.isoformat()})."
    return problems


def figure_corrections_since(*, committee: Committee, since) -> list[str]:
    """The change log's lines for the corrections recorded after ``since``, oldest first (three queries).

    "Indicator 1, June 2024 corrected: 31.4 → 32.0 (reason: the May return was resubmitted) by Ruth Ellis"
    """
    if since is None:
        return []
    events = list(
        AuditEvent.objects.filter(
            action=AuditAction.FIGURE_CORRECT,
            target_type=ContentType.objects.get_for_model(Figure),
            target_id__in=Figure.objects.filter(indicator__committee=committee).values("pk"),
            created_at__gt=since,
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    figures = Figure.objects.select_related("indicator").in_bulk({event.target_id for event in events})
    lines = []
    for event in events:
        figure = figures.get(event.target_id)
        if figure is None:
            continue
        indicator = figure.indicator
        shown = {
            name: " → ".join(_shown(indicator, name, value) for value in pair) for name, pair in event.changes.items()
        }
        if list(shown) == ["value"]:
            what = shown["value"]
        else:
            what = "; ".join(f"{FIGURE_FIELD_LABELS.get(name, name)} {text}" for name, text in shown.items())
        who = (event.actor.get_full_name() or event.actor.username) if event.actor else "an administrator"
        lines.append(
            f"Indicator {indicator.number}, {figure.period_label} corrected: {what} (reason: {event.comment}) by {who}"
        )
    return lines


def _shown(indicator: Indicator, name: str, value) -> str:
    """A value as the change log prints it: numbers at the indicator's decimals, an en dash for none."""
    if value is None or value == "":
        return "–"
    if name in ("value", "numerator", "denominator", "sn_mean", "england_mean", "region_mean", "other_mean"):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        decimals = indicator.decimals if name not in ("numerator", "denominator") else 0
        if name in ("numerator", "denominator") and number != number.to_integral_value():
            decimals = indicator.decimals
        return format_value(number, "", decimals)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
