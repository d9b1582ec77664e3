"""The indicators import: the catalogue, one row per indicator, upserted by number within the committee.

- A column that is in the file sets its field on every row (an empty cell clears it, or
  puts back the default: 1 decimal place, status active); a column not in the file
  leaves the field as it is.
- ``service_area`` is matched to an existing area by name or slug, ignoring case. An
  area that does not exist is created and the summary names it.
- ``owner`` is a user name or an e-mail address of someone with an account.
- ``sources`` are separated by semicolons (or put one per line in the cell).
- ``useful_links`` are ``Title|https://address``, one per line in the cell or separated
  by `` ; `` (a semicolon with a space each side, because addresses may hold a bare
  semicolon). A link may be a title alone. The file's links replace the indicator's.
- ``reported_to`` lists the other bodies the indicator is also reported to
  (``IndicatorShare``): a body's name or short name (its slug), with ``:12`` when it
  prints the indicator as number 12. Numbers stay unique within each body, across its
  own and its shared indicators. The file's list replaces the indicator's; an empty cell
  stops reporting it elsewhere. Written by ``indicators.services_sharing`` (audited).
- ``variance`` is ``relative`` (per cent of the target, the default) or ``points``
  (percentage points, for a percentage only); ``variance_sign`` is ``better_worse``
  (positive is better, the default) or ``above_below`` (``indicators.rag``).
- ``derivation`` (empty: typed in) says the reported figure is worked out from the monthly
  figures (``indicators.derive``), dividing by the months added up or the ``population``;
  such a measure is monthly.
- Every choice is taken in the performance team's words ("Rate per 10,000", "Lower is better",
  "Year to date", "Above/below") or as today's code (``indicators.imports.columns``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.text import slugify

import indicators.imports.columns as columns
from cyp import limits
from cyp.models import Committee, ServiceArea
from indicators.enums import (
    DenominatorRule,
    Derivation,
    Direction,
    Frequency,
    IndicatorStatus,
    PeriodBasis,
    Unit,
    VarianceBasis,
    VarianceSign,
)
from indicators.imports.base import ImportRejected, Problem
from indicators.imports.cells import RowCells
from indicators.imports.figures import read_basis
from indicators.imports.reading import Table
from indicators.models import Indicator, IndicatorShare, UsefulLink
from indicators.services_sharing import indicator_share, indicator_unshare

COLUMNS = columns.CATALOGUE
ACCEPTED = {column.name: column.accepted for column in COLUMNS}
UNIT_ALIASES = {
    "%": Unit.PERCENT,
    "percentage": Unit.PERCENT,
    "rate": Unit.RATE_PER_10000,
    "number": Unit.COUNT,
    "average days": Unit.DAYS,
    "day": Unit.DAYS,
    "£": Unit.CURRENCY,
    "gbp": Unit.CURRENCY,
    "money": Unit.CURRENCY,
    "per fte": Unit.PER_FTE,
    "caseload": Unit.PER_FTE,
    "rate per 10000": Unit.RATE_PER_10000,
    "rate per 10k": Unit.RATE_PER_10000,
    "pounds": Unit.CURRENCY,
    "days": Unit.DAYS,
    "average": Unit.SCORE,
    "score": Unit.SCORE,
}
DIRECTION_ALIASES = {
    "\u2191": Direction.HIGHER_IS_BETTER,
    "higher": Direction.HIGHER_IS_BETTER,
    "up": Direction.HIGHER_IS_BETTER,
    "\u2193": Direction.LOWER_IS_BETTER,
    "lower": Direction.LOWER_IS_BETTER,
    "down": Direction.LOWER_IS_BETTER,
    "no direction": Direction.NONE,
    "neither": Direction.NONE,
    "monitored": Direction.NONE,
    "n/a": Direction.NONE,
    "none": Direction.NONE,
    "no polarity": Direction.NONE,
    "higher is better": Direction.HIGHER_IS_BETTER,
    "lower is better": Direction.LOWER_IS_BETTER,
}
VARIANCE_ALIASES = {
    "relative": VarianceBasis.RELATIVE,
    "per cent": VarianceBasis.RELATIVE,
    "percent": VarianceBasis.RELATIVE,
    "%": VarianceBasis.RELATIVE,
    "percentage points": VarianceBasis.POINTS,
    "pp": VarianceBasis.POINTS,
    "points": VarianceBasis.POINTS,
    "per cent of the target": VarianceBasis.RELATIVE,
}
VARIANCE_SIGN_ALIASES = {
    "better or worse": VarianceSign.BETTER_WORSE,
    "better/worse": VarianceSign.BETTER_WORSE,
    "above or below": VarianceSign.ABOVE_BELOW,
    "above/below": VarianceSign.ABOVE_BELOW,
    "better worse": VarianceSign.BETTER_WORSE,
    "above below": VarianceSign.ABOVE_BELOW,
    "above or below target": VarianceSign.ABOVE_BELOW,
    "better or worse than target": VarianceSign.BETTER_WORSE,
}
DERIVATION_ALIASES = {
    "rolling 12 months": Derivation.ROLLING_12_MONTHS,
    "rolling 12": Derivation.ROLLING_12_MONTHS,
    "rolling": Derivation.ROLLING_12_MONTHS,
    "year to date": Derivation.YEAR_TO_DATE,
    "ytd": Derivation.YEAR_TO_DATE,
    "academic year to date": Derivation.ACADEMIC_YEAR_TO_DATE,
    "entered": Derivation.NONE,
    "typed in": Derivation.NONE,
    "none": Derivation.NONE,
}
DENOMINATOR_ALIASES = {
    "the months added up": DenominatorRule.SUM,
    "months added up": DenominatorRule.SUM,
    "added up": DenominatorRule.SUM,
    "x of y": DenominatorRule.SUM,
    "sum of the months": DenominatorRule.SUM,
    "the population": DenominatorRule.POPULATION,
}
FREQUENCY_ALIASES = {
    "monthly": Frequency.MONTH,
    "quarterly": Frequency.QUARTER,
    "termly": Frequency.TERM,
    "yearly": Frequency.YEAR,
    "annual": Frequency.YEAR,
    "annually": Frequency.YEAR,
}
TEXT_FIELDS = {
    "description": limits.DEFINITION,
    "formula": Indicator._meta.get_field("formula").max_length,
    "x_definition": limits.DEFINITION,
    "y_definition": limits.DEFINITION,
    "calculation_note": limits.DEFINITION,
}
LINK_SEPARATOR = re.compile(r"\r?\n|\r| ; ")


@dataclass
class IndicatorPlan:
    """One valid row: the fields its columns set, its area's name and its links (None: not in the file)."""

    line: int
    number: int
    fields: dict[str, object]
    service_area: str
    owner: str | None
    links: list[tuple[str, str]] | None
    shares: list[tuple[Committee, int]] | None = None  # (body, number there); None: not in the file


def plan(*, table: Table, committee: Committee) -> tuple[list[IndicatorPlan], list[str]]:
    """Every row checked: (plans, warnings). Raises ImportRejected listing every problem when any row is wrong."""
    problems = list(table.problems)
    plans: list[IndicatorPlan] = []
    owner_lines: list[tuple[int, str]] = []
    first_line: dict[int, int] = {}
    for row in table.rows:
        cells = RowCells(row, problems)
        number = cells.whole_number("number", required=True, minimum=1, maximum=2_147_483_647)
        if number is not None:
            if number in first_line:
                cells.fail(
                    "number", f"indicator {number} is already on line {first_line[number]}; list each indicator once."
                )
            else:
                first_line[number] = row.line
        fields: dict[str, object] = {
            "name": cells.text("name", required=True, max_length=300, needed="every indicator needs a name."),
            "unit": cells.choice(
                "unit", Unit, required=True, aliases=UNIT_ALIASES, what="unit", listed=ACCEPTED["unit"]
            ),
            "direction": cells.choice(
                "direction",
                Direction,
                required=True,
                aliases=DIRECTION_ALIASES,
                what="direction for improvement",
                listed=ACCEPTED["direction"],
            ),
            "frequency": cells.choice(
                "frequency",
                Frequency,
                required=True,
                aliases=FREQUENCY_ALIASES,
                what="frequency",
                listed=ACCEPTED["frequency"],
            ),
        }
        area = cells.text("service_area", required=True, max_length=120, needed="every indicator needs a service area.")
        if area and not slugify(area):
            cells.fail("service_area", f"\u2018{area}\u2019 cannot be a service area's name; use letters or numbers.")
        for name, max_length in TEXT_FIELDS.items():
            if cells.present(name):
                fields[name] = cells.text(name, max_length=max_length) or ""
        if cells.present("decimals"):
            decimals = cells.whole_number("decimals", minimum=0, maximum=6)
            fields["decimals"] = 1 if decimals is None else decimals
        if cells.present("sources"):
            fields["sources"] = _sources(cells.text("sources"))
        if cells.present("status"):
            fields["status"] = (
                cells.choice("status", IndicatorStatus, what="status", listed=ACCEPTED["status"])
                or IndicatorStatus.ACTIVE
            )
        if cells.present("variance"):
            basis = cells.choice(
                "variance",
                VarianceBasis,
                aliases=VARIANCE_ALIASES,
                what="way to measure variance",
                listed=ACCEPTED["variance"],
            )
            fields["variance_basis"] = basis or VarianceBasis.RELATIVE
            if basis == VarianceBasis.POINTS and fields["unit"] not in (None, Unit.PERCENT):
                cells.fail(
                    "variance",
                    "only a percentage's variance can be measured in points; write Per cent, or make the unit "
                    "Percentage.",
                )
        if cells.present("reporting_basis"):
            fields["reporting_basis"] = read_basis(cells, "reporting_basis") or PeriodBasis.IN_PERIOD
        if cells.present("variance_sign"):
            sign = cells.choice(
                "variance_sign",
                VarianceSign,
                aliases=VARIANCE_SIGN_ALIASES,
                what="way to print the variance",
                listed=ACCEPTED["variance_sign"],
            )
            fields["variance_sign"] = sign or VarianceSign.BETTER_WORSE
        _derivation(cells, fields)
        owner = cells.text("owner") if cells.present("owner") else None
        if owner:
            owner_lines.append((row.line, owner))
        links = _links(cells) if cells.present("useful_links") else None
        shares = _reported_to(cells) if cells.present("reported_to") else None
        if not cells.bad and number is not None:
            plans.append(IndicatorPlan(row.line, number, fields, area, owner, links, shares))
    _check_shares(plans, committee, problems)
    _check_points(plans, committee, problems)
    owners = _owners(owner_lines, problems)
    problems.sort(key=lambda problem: problem.line or 0)
    if problems:
        raise ImportRejected(table.named(problems), table.warnings)
    if "owner" in table.headings:
        for item in plans:
            item.fields["owner_id"] = owners.get(item.owner.lower()) if item.owner else None
    return plans, list(table.warnings)


def _derivation(cells: RowCells, fields: dict[str, object]) -> None:
    """The derivation columns into ``fields``: what the reported figure is worked out as, what it divides by,
    and the population. A worked-out measure is monthly, and a population is a positive number."""
    if cells.present("derivation"):
        derivation = cells.choice(
            "derivation",
            Derivation,
            aliases=DERIVATION_ALIASES,
            what="way to work the figure out",
            listed=ACCEPTED["derivation"],
        )
        fields["derivation"] = derivation or Derivation.NONE
        if derivation and fields["frequency"] not in (None, Frequency.MONTH):
            cells.fail(
                "derivation",
                f"a figure worked out as {Derivation(derivation).label.lower()} comes from monthly figures, so the "
                "measure's frequency must be Monthly; make it Monthly, or clear this cell.",
            )
    if cells.present("derivation_denominator"):
        rule = cells.choice(
            "derivation_denominator",
            DenominatorRule,
            aliases=DENOMINATOR_ALIASES,
            what="way to divide the worked-out figure",
            listed=ACCEPTED["derivation_denominator"],
        )
        fields["derivation_denominator"] = rule or DenominatorRule.SUM
    if cells.present("population"):
        population = cells.number("population")
        if population is not None and population <= 0:
            cells.fail("population", f"a population is more than zero (you entered {population.normalize():f}).")
        fields["population"] = population
    if cells.present("population_note"):
        fields["population_note"] = cells.text("population_note", max_length=200) or ""


def _sources(text: str | None) -> list[str]:
    return [source.strip() for source in re.split(r"[;\r\n]+", text or "") if source.strip()]


def _links(cells: RowCells) -> list[tuple[str, str]]:
    text = cells.text("useful_links") or ""
    links = []
    check_url = URLValidator(schemes=["http", "https"])
    for entry in LINK_SEPARATOR.split(text):
        entry = entry.strip().rstrip(";").strip()
        if not entry:
            continue
        title, separator, url = entry.rpartition("|")
        if not separator:
            title, url = entry, ""
        title, url = title.strip(), url.strip()
        if not title:
            cells.fail("useful_links", f"the link \u2018{entry}\u2019 has no title; write it as Title|{url}.")
            continue
        if url:
            try:
                check_url(url)
            except ValidationError:
                cells.fail(
                    "useful_links",
                    f"\u2018{url}\u2019 is not a web address; write each link as Title|https://www.example.org/page.",
                )
                continue
        if len(title) > 300 or len(url) > 500:
            cells.fail(
                "useful_links",
                f"the link \u2018{title[:40]}\u2026\u2019 is too long (300 characters for a "
                "title, 500 for an address).",
            )
            continue
        links.append((title, url))
    return links


def _reported_to(cells: RowCells) -> list[tuple[str, int | None]]:
    """The ``reported_to`` cell as (body as written, number or None), checked for form only."""
    entries = []
    for entry in re.split(r"[;\r\n]+", cells.text("reported_to") or ""):
        body, separator, number = entry.strip().rpartition(":")
        if not separator:
            body, number = entry.strip(), ""
        body, number = body.strip(), number.strip()
        if not body and not number:
            continue
        if not body:
            cells.fail("reported_to", f"\u2018{entry.strip()}\u2019 names no body; write it as body:number.")
        elif number and not (number.isdigit() and 0 < int(number) <= 2_147_483_647):
            cells.fail(
                "reported_to",
                f"\u2018{number}\u2019 after {body} is not a whole number; write the number that body prints "
                f"it as ({body}:12), or the body alone.",
            )
        else:
            entries.append((body, int(number) if number else None))
    return entries


def _check_shares(plans: list[IndicatorPlan], committee: Committee, problems: list[Problem]) -> None:
    """Resolve each ``reported_to`` body and check the numbers, turning the plans' entries into (body, number).

    Two queries for the bodies and the numbers in use, whatever the number of rows.
    """
    bodies = list(Committee.objects.all())
    by_key = {key: body for body in bodies for key in (body.slug.lower(), body.name.lower())}
    # (body, number) -> what carries it there, and the (home body, number) of a shared one.
    in_use: dict[tuple[int, int], tuple[str, tuple[int, int] | None]] = {
        (body_id, number): (f"its own indicator {number}: {name}", None)
        for body_id, number, name in Indicator.objects.exclude(committee=committee).values_list(
            "committee_id", "number", "name"
        )
    }
    shared_here: set[int] = set()  # numbers this committee prints for indicators shared with it
    for body_id, number, home_committee_id, home_number, home_name in IndicatorShare.objects.values_list(
        "committee_id", "number", "indicator__committee_id", "indicator__number", "indicator__committee__name"
    ):
        if body_id == committee.pk:
            shared_here.add(number)
        else:
            in_use[(body_id, number)] = (
                f"indicator {home_number} of {home_name}, shared with it as {number}",
                (home_committee_id, home_number),
            )
    claimed: dict[tuple[int, int], int] = {}
    for item in plans:
        if item.number in shared_here:
            problems.append(
                Problem(
                    f"number {item.number} is already printed here for an indicator shared with "
                    f"{committee.name}; choose another number.",
                    line=item.line,
                    column="number",
                )
            )
        if item.shares is None:
            continue
        resolved: list[tuple[Committee, int]] = []
        for text, number in item.shares:
            body = by_key.get(text.lower())
            number = item.number if number is None else number
            if body is None:
                known = ", ".join(sorted(body.slug for body in bodies if body.pk != committee.pk)) or "none yet"
                message = f"there is no body \u2018{text}\u2019; use a body's name or short name ({known})."
            elif body.pk == committee.pk:
                message = f"{body.name} is the indicator's own body; list only the other bodies it is reported to."
            elif (body.pk, number) in in_use and in_use[(body.pk, number)][1] != (committee.pk, item.number):
                message = (
                    f"{body.name} already prints {in_use[(body.pk, number)][0]} as number {number}; write "
                    f"{body.slug}:NUMBER with a number it does not use."
                )
            elif (body.pk, number) in claimed:
                message = (
                    f"line {claimed[(body.pk, number)]} already reports an indicator to {body.name} as "
                    f"number {number}; give each its own number there."
                )
            else:
                claimed[(body.pk, number)] = item.line
                resolved.append((body, number))
                continue
            problems.append(Problem(message, line=item.line, column="reported_to"))
        item.shares = resolved


def _check_points(plans: list[IndicatorPlan], committee: Committee, problems: list[Problem]) -> None:
    """An indicator measured in points stays a percentage unless the file also changes its variance. One query."""
    in_points = set(
        Indicator.objects.filter(committee=committee, variance_basis=VarianceBasis.POINTS).values_list(
            "number", flat=True
        )
    )
    for item in plans:
        if item.number in in_points and "variance_basis" not in item.fields and item.fields["unit"] != Unit.PERCENT:
            problems.append(
                Problem(
                    f"indicator {item.number}'s variance is measured in percentage points, so its unit must stay "
                    "percent; add a variance column with relative to change the unit.",
                    line=item.line,
                    column="unit",
                )
            )


def _owners(owner_lines: list[tuple[int, str]], problems: list[Problem]) -> dict[str, int]:
    """Owner text (lower case) -> user id, adding a problem for each that matches no one or several people."""
    wanted = {owner.lower() for _, owner in owner_lines}
    if not wanted:
        return {}
    query = Q()
    for text in wanted:
        query |= Q(username__iexact=text) | Q(email__iexact=text)
    matches: dict[str, set[int]] = {}
    for user_id, username, email in get_user_model().objects.filter(query).values_list("id", "username", "email"):
        for key in {username.lower(), (email or "").lower()} & wanted:
            matches.setdefault(key, set()).add(user_id)
    for line, owner in owner_lines:
        found = matches.get(owner.lower(), set())
        if not found:
            problems.append(
                Problem(
                    f"no one with the user name or e-mail address \u2018{owner}\u2019 has an account; "
                    "add them first, or leave the cell empty.",
                    line=line,
                    column="owner",
                )
            )
        elif len(found) > 1:
            problems.append(
                Problem(
                    f"\u2018{owner}\u2019 matches {len(found)} people; write the owner's user name instead.",
                    line=line,
                    column="owner",
                )
            )
    return {key: next(iter(ids)) for key, ids in matches.items() if len(ids) == 1}


def apply(*, plans: list[IndicatorPlan], committee: Committee, by=None) -> tuple[int, int, int, list[str]]:
    """Create or update every planned indicator: (created, updated, unchanged, notes).

    The bodies each is also reported to go through ``indicators.services_sharing`` (audited, by ``by``).
    """
    areas, new_names = _areas(plans, committee)
    notes = [f"New service area created: {name}." for name in new_names]
    existing = {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(committee=committee).prefetch_related("useful_links")
    }
    created = updated = unchanged = 0
    for item in plans:
        fields = {**item.fields, "service_area_id": areas[_area_key(item.service_area)].id}
        indicator = existing.get(item.number)
        if indicator is None:
            indicator = Indicator(committee=committee, number=item.number, **fields)
            indicator.save()
            _replace_links(indicator, item.links or [])
            notes.extend(_replace_shares(indicator, item.shares, by=by))
            created += 1
            continue
        changed = [name for name, value in fields.items() if getattr(indicator, name) != value]
        current_links = [(link.title, link.url) for link in indicator.useful_links.all()]
        links_changed = item.links is not None and item.links != current_links
        if changed:
            for name in changed:
                setattr(indicator, name, fields[name])
            indicator.save()
        if links_changed:
            _replace_links(indicator, item.links)
        shared = _replace_shares(indicator, item.shares, by=by)
        notes.extend(shared)
        if changed or links_changed or shared:
            updated += 1
        else:
            unchanged += 1
    return created, updated, unchanged, notes


def _area_key(name: str) -> str:
    return name.strip().lower()


def _areas(plans: list[IndicatorPlan], committee: Committee) -> tuple[dict[str, ServiceArea], list[str]]:
    """Each named area, matched by name or slug or else created; and the names of those created."""
    known = list(ServiceArea.objects.filter(committee=committee))
    by_name = {area.name.lower(): area for area in known}
    by_slug = {area.slug: area for area in known}
    result: dict[str, ServiceArea] = {}
    created: list[str] = []
    for item in plans:
        key = _area_key(item.service_area)
        if key in result:
            continue
        slug = slugify(item.service_area)[:120]
        area = by_name.get(key) or by_slug.get(slug)
        if area is None:
            unique_slug, suffix = slug, 2
            while unique_slug in by_slug:
                unique_slug = f"{slug[:115]}-{suffix}"
                suffix += 1
            area = ServiceArea.objects.create(committee=committee, name=item.service_area.strip(), slug=unique_slug)
            created.append(area.name)
            by_slug[unique_slug] = area
            by_name[key] = area
        result[key] = area
    return result, created


def _replace_links(indicator: Indicator, links: list[tuple[str, str]]) -> None:
    indicator.useful_links.all().delete()
    UsefulLink.objects.bulk_create(
        UsefulLink(indicator=indicator, title=title, url=url, position=position)
        for position, (title, url) in enumerate(links)
    )


def _replace_shares(indicator: Indicator, shares: list[tuple[Committee, int]] | None, *, by) -> list[str]:
    """Report the indicator to exactly the bodies the file lists (None: leave them); a note for each change."""
    if shares is None:
        return []
    notes = []
    current = {share.committee_id: share for share in indicator.shares.select_related("committee")}
    wanted = {body.pk for body, _number in shares}
    for body_id, share in current.items():
        if body_id not in wanted:
            indicator_unshare(share=share, by=by)
            notes.append(f"Indicator {indicator.number} is no longer reported to {share.committee.name}.")
    for body, number in shares:
        share = current.get(body.pk)
        if share is None or share.number != number:
            indicator_share(indicator=indicator, committee=body, number=number, by=by)
            notes.append(f"Indicator {indicator.number} reported to {body.name} as {number}.")
    return notes
