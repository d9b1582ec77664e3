"""Writes the derived figures (a rolling 12 months, a year to date) from an indicator's monthly figures.

The arithmetic and its words are in ``indicators.derive`` (no Django import); this module reads the
months and writes what they give through the one writer of figures (``indicators.services``), which
calls ``derive_after_write`` at the end of every write that changed a monthly figure.
"""

from __future__ import annotations

from collections.abc import Iterable

from indicators import derive
from indicators.enums import FigureSource, PeriodBasis
from indicators.models import Figure, Indicator

#: The fields a derived figure is written with (all of them, each time: it never keeps a typed value).
DERIVED_FIELDS = (
    "period_label",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "not_updated",
    "not_updated_reason",
    "not_available",
    "not_available_reason",
    "derived",
)


def is_month_figure(figure: Figure) -> bool:
    """True when the figure is one a derivation reads: the period's own figure for one calendar month."""
    return figure.basis == PeriodBasis.IN_PERIOD and derive.is_calendar_month(figure.period_start, figure.period_end)


def derived_fields(result: derive.Derived) -> dict:
    """The figure's fields for a derived result: its value, X and Y, or "not available" with the reason."""
    available = result.value is not None
    return {
        "period_label": result.period_label,
        "period_start": result.period_start,
        "value": result.value,
        "numerator": result.numerator if available else None,
        "denominator": result.denominator if available else None,
        "not_updated": False,
        "not_updated_reason": "",
        "not_available": not available,
        "not_available_reason": "" if available else result.reason[:300],
        "derived": True,
    }


def derived_results(indicators: Iterable[Indicator]) -> dict[int, list[derive.Derived]]:
    """Every derived figure each indicator's months give, by indicator id (one query for all of them)."""
    by_id = {indicator.id: indicator for indicator in indicators if indicator.derivation}
    if not by_id:
        return {}
    months: dict[int, dict] = {indicator_id: {} for indicator_id in by_id}
    figures = Figure.objects.filter(indicator_id__in=by_id, basis=PeriodBasis.IN_PERIOD).only(
        "indicator_id", "basis", "period_start", "period_end", "numerator", "denominator", "not_available"
    )
    for figure in figures:
        if is_month_figure(figure):
            months[figure.indicator_id][figure.period_start] = derive.Month(
                figure.period_start, figure.numerator, figure.denominator, not figure.not_available
            )
    return {
        indicator_id: derive.derive_all(
            derivation=indicator.derivation,
            denominator_rule=indicator.derivation_denominator,
            unit=indicator.unit,
            months=months[indicator_id],
            population=indicator.population,
        )
        for indicator_id, indicator in by_id.items()
    }


def derive_for_indicators(
    indicators: Iterable[Indicator], *, by=None, reason: str = "", correcting: bool = False, source=None
):
    """Recompute and write every derived figure of the indicators that have a derivation.

    1. reads their monthly figures (one query) and computes each month's derived figure
       (``indicators.derive``): a value with its summed X and Y, or "not available" with the reason
       that names the month missing;
    2. leaves alone every derived figure a published pack printed (``FigureLock``): they change only
       when ``correcting`` (a published month was corrected), and then through the same correction
       path (``figure.correct`` audit events with the reason);
    3. writes the others through ``indicators.services`` (history "Derived from the monthly figures: <reason>",
       a ``figure.change`` audit event with the reason per figure that changed; an unchanged one is not
       rewritten).

    ``source`` (a ``FigureSource``) is what wrote the months, named in the history and audit reason.
    Returns what was written (``FigureWritten``), corrections first.
    """
    from indicators.services import FigureChange, _figures_write, figure_lock_for, figure_locks

    indicators = [indicator for indicator in indicators if indicator.derivation]
    results = derived_results(indicators)
    if not results:
        return []
    locks = figure_locks(
        committee_ids={indicator.committee_id for indicator in indicators},
        indicator_ids={indicator.id for indicator in indicators},
    )
    open_changes, locked_changes = [], []
    for indicator in indicators:
        for result in results[indicator.id]:
            change = FigureChange(indicator, result.period_end, derived_fields(result), result.basis)
            locked = figure_lock_for(locks, indicator=indicator, period_end=result.period_end) is not None
            (locked_changes if locked else open_changes).append(change)
    written = []
    # The history row reads "Derived from the monthly figures: <reason>" (the source's label, then the reason).
    why = reason or "a monthly figure changed"
    if source is not None and FigureSource(source) != FigureSource.DERIVED:
        why = f"{FigureSource(source).label}: {why}"
    if correcting and locked_changes:
        written += _figures_write(
            changes=locked_changes, by=by, reason=why, source=FigureSource.CORRECTION, correcting=True
        )
    if open_changes:
        written += _figures_write(changes=open_changes, by=by, reason=why, source=FigureSource.DERIVED)
    return written


def derive_for_indicator(indicator: Indicator, *, by=None, reason: str = "", correcting: bool = False, source=None):
    """Recompute every derived figure of one indicator (``derive_for_indicators``)."""
    return derive_for_indicators([indicator], by=by, reason=reason, correcting=correcting, source=source)


def derive_after_write(written, *, by, reason: str, correcting: bool) -> None:
    """Called by the writer of figures with (indicator, ``FigureWritten``) pairs: rederive the indicators with a
    derivation whose months changed (no query at all when none has one)."""
    indicators = {}
    for indicator, result in written:
        if indicator.derivation and result.changes and is_month_figure(result.figure):
            indicators.setdefault(indicator.id, indicator)
    if indicators:
        derive_for_indicators(indicators.values(), by=by, reason=reason, correcting=correcting)
