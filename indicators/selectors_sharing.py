"""Reads of indicators shared between bodies: which indicators a body reports, under which number and target.

An indicator is at home in one body (``Indicator.committee``) and may be reported to others
(``IndicatorShare``), each printing it under its own number and rating it with its own wording and,
for a year it set one, its own target (``BodyTarget``). One figure serves every body.
``indicators.selectors.quarter_rows`` reads a body's own and shared indicators in one query (a join
restricted to the body's shares); the indicator page, the pack and publishing ask here.
"""

from __future__ import annotations

from cyp.models import Committee
from indicators.models import BodyTarget, Indicator, IndicatorShare, Target


def indicator_ids_by_number(*, committee: Committee) -> dict[int, int]:
    """{number as the body prints it: indicator id} for its own and its shared indicators. Two queries."""
    numbers = dict(Indicator.objects.filter(committee=committee).values_list("number", "pk"))
    numbers.update(IndicatorShare.objects.filter(committee=committee).values_list("number", "indicator_id"))
    return numbers


def number_in_use(*, committee: Committee, number: int, except_share: IndicatorShare | None = None) -> str | None:
    """What already carries ``number`` in the body ("indicator 12: Name"), or None when it is free.

    Numbers are unique within a body across its own and its shared indicators (the database holds each
    half; this is the check across both, asked by the services and the forms before they write).
    """
    own = Indicator.objects.filter(committee=committee, number=number).values_list("name", flat=True).first()
    if own is not None:
        return f"its own indicator {number}: {own}"
    shares = IndicatorShare.objects.filter(committee=committee, number=number).select_related("indicator__committee")
    if except_share is not None:
        shares = shares.exclude(pk=except_share.pk)
    share = shares.first()
    if share is not None:
        return f"indicator {share.indicator.number} of {share.indicator.committee.name}, shared with it as {number}"
    return None


def share_of(*, committee: Committee, indicator: Indicator) -> IndicatorShare | None:
    """The indicator's share with the body; None when the body is its home or does not report it."""
    if indicator.committee_id == committee.pk:
        return None
    return IndicatorShare.objects.filter(committee=committee, indicator=indicator).first()


def targets_for_body(*, committee: Committee, indicator: Indicator) -> list[Target | BodyTarget]:
    """The indicator's targets as the body reports them, by year: the body's own where it set one.

    Each item has ``year`` (loaded), ``value``, ``status``, ``is_numeric``, ``note`` and
    ``get_status_display``. One query at home, two for a shared indicator.
    """
    targets = {target.year_id: target for target in indicator.targets.select_related("year")}
    if indicator.committee_id != committee.pk:
        for body_target in BodyTarget.objects.filter(
            share__committee=committee, share__indicator=indicator
        ).select_related("year", "share"):
            targets[body_target.year_id] = body_target
    return sorted(targets.values(), key=lambda target: target.year.start_year)


def targets_by_year(*, committee: Committee, indicator_ids, shared_ids=()) -> dict[int, dict[int, Target | BodyTarget]]:
    """{indicator id: {financial year's start year: target}} as the body reports them (the pack's histories).

    ``shared_ids`` are the indicators among them shared with the body (their rows say so:
    ``IndicatorFacts.is_shared``); the body's own targets replace theirs, year by year. One query,
    two when any is shared.
    """
    targets: dict[int, dict[int, Target | BodyTarget]] = {}
    for target in Target.objects.filter(indicator_id__in=indicator_ids).select_related("year"):
        targets.setdefault(target.indicator_id, {})[target.year.start_year] = target
    if shared_ids:
        for body_target in BodyTarget.objects.filter(
            share__committee=committee, share__indicator_id__in=shared_ids
        ).select_related("year", "share"):
            targets.setdefault(body_target.share.indicator_id, {})[body_target.year.start_year] = body_target
    return targets


def shares_of(indicator: Indicator) -> list[IndicatorShare]:
    """The bodies the indicator is reported to besides its home, with their numbers. One query."""
    return list(indicator.shares.select_related("committee").order_by("committee__position", "committee__name"))
