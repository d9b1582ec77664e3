"""The council overview: every body's indicators for a quarter, read at once (a fixed number of queries).

Each body's rows are what ``indicators.selectors.quarter_rows`` gives it (its own indicators and those
shared with it, its numbers, targets and wording: the same row builder, ``rows_of``), read for all
bodies in one set of queries instead of one set per body. Its counts and movements come from
``indicators.reporting`` (``group_counts``, ``tally``), as the dashboard's and the pack's do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.db.models import IntegerField, Value

from cyp.models import Committee, Quarter, QuarterPublication
from indicators import reporting
from indicators.facts import BODY_TARGET_FACTS, INDICATOR_FACTS, TARGET_FACTS, AreaFacts, IndicatorFacts, TargetFacts
from indicators.models import BodyTarget, Indicator, IndicatorShare, PublishedStatus, Target
from indicators.selectors import IndicatorRow, latest_two_figures, previous_quarter, rag_counts, rows_of


@dataclass
class BodyOverview:
    """One body's part of the overview."""

    committee: Committee
    rows: list[IndicatorRow]
    counts: list[tuple[str, str, int]]  # (group, slug, count) as the dashboard's summary (``rag_counts``)
    tally: reporting.Tally
    published_at: object | None  # when the body published the quarter, None when it has not

    @property
    def shared_count(self) -> int:
        return sum(1 for row in self.rows if row.indicator.is_shared)


def council_overview(*, quarter: Quarter) -> list[BodyOverview]:
    """Every body that reports on the period's kind (``Committee.report_period``), in the council's order,
    with its rows for the period (a quarter or a month), counts and movements.

    Eight queries whatever the number of bodies and indicators. Figures as staff see them (the page is
    the governance team's): corrections show at once.
    """
    # The bodies that report on this kind of period: the quarterly ones for a quarter, the monthly for a month.
    committees = list(Committee.objects.filter(report_period=quarter.kind).order_by("position", "name"))
    home_names = {committee.pk: committee.name for committee in committees}
    areas: dict[int, AreaFacts] = {}
    own: dict[int, list[IndicatorFacts]] = {committee.pk: [] for committee in committees}
    by_id: dict[int, IndicatorFacts] = {}
    for *values, area_id, area_name, area_slug, committee_id in Indicator.objects.order_by("number").values_list(
        *INDICATOR_FACTS, "service_area_id", "service_area__name", "service_area__slug", "committee_id"
    ):
        area = areas.get(area_id) or areas.setdefault(area_id, AreaFacts(area_id, area_name, area_slug))
        indicator = IndicatorFacts(*values, area)
        own.setdefault(committee_id, []).append(indicator)
        by_id[indicator.id] = indicator
    home_of = {indicator.id: committee_id for committee_id, items in own.items() for indicator in items}
    shared: dict[int, list[IndicatorFacts]] = {committee.pk: [] for committee in committees}
    for indicator_id, committee_id, number in IndicatorShare.objects.values_list(
        "indicator_id", "committee_id", "number"
    ):
        home = by_id[indicator_id]
        shared.setdefault(committee_id, []).append(
            dataclasses.replace(home, number=number, home_number=home.number, home_body=home_names[home_of[home.id]])
        )

    figures = latest_two_figures(Indicator.objects.all(), quarter.end)
    own_targets, body_targets = _targets_of_year(quarter.year_id)
    before = previous_quarter(quarter)
    published_before: dict[int, dict[int, str]] = {}
    if before is not None:
        for committee_id, indicator_id, status in PublishedStatus.objects.filter(quarter=before).values_list(
            "committee_id", "indicator_id", "rag"
        ):
            published_before.setdefault(committee_id, {})[indicator_id] = status
    publications = dict(QuarterPublication.objects.filter(quarter=quarter).values_list("committee_id", "published_at"))

    overview = []
    for committee in committees:
        indicators = sorted(own[committee.pk] + shared[committee.pk], key=lambda indicator: indicator.number)
        targets = dict(own_targets)
        targets.update(body_targets.get(committee.pk, {}))
        rows = rows_of(
            indicators=indicators,
            figures=figures,
            targets=targets,
            published_before=published_before.get(committee.pk, {}),
            wording=committee.rag_scheme,
            quarter=quarter,
        )
        overview.append(
            BodyOverview(
                committee=committee,
                rows=rows,
                counts=rag_counts(rows),
                tally=reporting.tally((row, row.facts) for row in rows),
                published_at=publications.get(committee.pk),
            )
        )
    return overview


def _targets_of_year(year_id: int) -> tuple[dict[int, TargetFacts], dict[int, dict[int, TargetFacts]]]:
    """Every indicator's own target for the year, and every body's own targets for its shared indicators
    ({body id: {indicator id: target}}): one query (a union)."""
    # No ORDER BY (the models' ordering) inside the union: SQLite refuses it in a compound statement.
    own_query = (
        Target.objects.filter(year_id=year_id)
        .order_by()
        .values_list(*TARGET_FACTS, Value(0, output_field=IntegerField()))
    )
    body_query = (
        BodyTarget.objects.filter(year_id=year_id).order_by().values_list(*BODY_TARGET_FACTS, "share__committee_id")
    )
    own_targets: dict[int, TargetFacts] = {}
    body_targets: dict[int, dict[int, TargetFacts]] = {}
    for *values, committee_id in own_query.union(body_query, all=True):
        target = TargetFacts(*values)
        if committee_id:
            body_targets.setdefault(committee_id, {})[target.indicator_id] = target
        else:
            own_targets[target.indicator_id] = target
    return own_targets, body_targets
