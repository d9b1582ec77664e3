"""Writing a measure's benchmarks and its figures' breakdowns: the one writer of ``Benchmark`` and
``FigureBreakdown`` outside the admin (the figures import calls it).

Reading them, with the gaps, is ``indicators.benchmarks`` and ``indicators.breakdowns``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from indicators.models import Benchmark, Figure, FigureBreakdown, Indicator

BENCHMARK_FIELDS = ("period_label", "value", "source")


@dataclass(frozen=True)
class BenchmarkChange:
    """One benchmark to write, named by (indicator, kind, label, period end), and the fields to set."""

    indicator: Indicator
    kind: str
    label: str
    period_end: datetime.date
    fields: dict


@dataclass(frozen=True)
class BreakdownChange:
    """One dimension of a figure's breakdown: its categories and values in the order they are printed."""

    figure: Figure
    dimension: str
    categories: list[tuple[str, Decimal]]


@dataclass(frozen=True)
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def _history(row, *, by, reason: str) -> None:
    row._history_user = by if by is not None and by.is_authenticated else None
    row._change_reason = reason[:100]


@transaction.atomic
def benchmarks_write(*, changes: list[BenchmarkChange], by, reason: str) -> WriteCounts:
    """Create or update benchmarks, matched by indicator, kind, label and period end (two queries to read).

    Side effects: a history row for each benchmark created or changed (by, ``reason``). Fields other
    than ``BENCHMARK_FIELDS`` raise ValueError.
    """
    for change in changes:
        unknown = set(change.fields) - set(BENCHMARK_FIELDS)
        if unknown:
            raise ValueError(f"A benchmark has no field {', '.join(sorted(unknown))}.")
    stored = {
        (row.indicator_id, row.kind, row.label.lower(), row.period_end): row
        for row in Benchmark.objects.select_for_update().filter(
            indicator_id__in={change.indicator.id for change in changes},
            period_end__in={change.period_end for change in changes},
        )
    }
    created = updated = unchanged = 0
    for change in changes:
        row = stored.get((change.indicator.id, change.kind, change.label.lower(), change.period_end))
        if row is None:
            row = Benchmark(
                indicator=change.indicator,
                kind=change.kind,
                label=change.label,
                period_end=change.period_end,
                **change.fields,
            )
            created += 1
        elif all(getattr(row, name) == value for name, value in change.fields.items()):
            unchanged += 1
            continue
        else:
            for name, value in change.fields.items():
                setattr(row, name, value)
            updated += 1
        _history(row, by=by, reason=reason)
        row.save()
    return WriteCounts(created, updated, unchanged)


@transaction.atomic
def breakdowns_write(*, changes: list[BreakdownChange], by, reason: str) -> WriteCounts:
    """Make each figure's dimension hold exactly the categories given, in that order (one query to read).

    Categories are matched by name (ignoring case); one not given is removed, and positions follow
    the order given. Side effects: a history row for each category created, changed or removed.
    Whether a published pack fixes the figure is the caller's check (``breakdowns_refused``).
    """
    stored: dict[tuple[int, str], dict[str, FigureBreakdown]] = {}
    for row in FigureBreakdown.objects.select_for_update().filter(
        figure_id__in={change.figure.id for change in changes}
    ):
        stored.setdefault((row.figure_id, row.dimension.lower()), {})[row.category.lower()] = row
    created = updated = unchanged = removed = 0
    for change in changes:
        current = stored.get((change.figure.id, change.dimension.lower()), {})
        wanted = {category.lower() for category, _value in change.categories}
        for key, row in current.items():
            if key not in wanted:
                _history(row, by=by, reason=reason)
                row.delete()
                removed += 1
        for position, (category, value) in enumerate(change.categories):
            row = current.get(category.lower())
            fields = {"dimension": change.dimension, "category": category, "value": value, "position": position}
            if row is None:
                row = FigureBreakdown(figure=change.figure, **fields)
                created += 1
            elif all(getattr(row, name) == field_value for name, field_value in fields.items()):
                unchanged += 1
                continue
            else:
                for name, field_value in fields.items():
                    setattr(row, name, field_value)
                updated += 1
            _history(row, by=by, reason=reason)
            row.save()
    return WriteCounts(created, updated, unchanged, removed)


def breakdowns_refused(*, changes: list[BreakdownChange]) -> list[tuple[int, str]]:
    """(index, message) for each change that would alter the breakdown of a figure a published pack printed.

    A change that restates the stored categories unchanged is never refused. Two queries.
    """
    from indicators.services import figure_lock_for, figure_locked_message, figure_locks

    if not changes:
        return []
    locks = figure_locks(
        committee_ids={change.figure.indicator.committee_id for change in changes},
        indicator_ids={change.figure.indicator_id for change in changes},
    )
    stored: dict[tuple[int, str], list[tuple[str, Decimal]]] = {}
    for row in FigureBreakdown.objects.filter(figure_id__in={change.figure.id for change in changes}).order_by(
        "position", "id"
    ):
        stored.setdefault((row.figure_id, row.dimension.lower()), []).append((row.category, row.value))
    refused = []
    for index, change in enumerate(changes):
        if stored.get((change.figure.id, change.dimension.lower()), []) == list(change.categories):
            continue
        figure = change.figure
        lock = figure_lock_for(locks, indicator=figure.indicator, period_end=figure.period_end)
        if lock is not None:
            refused.append(
                (
                    index,
                    figure_locked_message(
                        indicator=figure.indicator, period_end=figure.period_end, label=figure.period_label, lock=lock
                    ),
                )
            )
    return refused
