"""indicators.reporting: the reporting rules, each written once (no database)."""

import ast
import pathlib
from decimal import Decimal

import pytest

from indicators import reporting
from indicators.rag import Status
from indicators.reporting import (
    NOT_RATED,
    NOT_UPDATED,
    ExampleKind,
    Movement,
    RowFacts,
    actions_missing,
    actions_needed,
    counted_status,
    example_kind,
    group_of,
    group_slug,
    movement_of,
    tally,
    value_from_parts,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]

# --- Actions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["Red", Status.RED])
def test_actions_needed_for_a_red_indicator(status):
    assert actions_needed(status=status) is True


@pytest.mark.parametrize("status", ["Amber", "Green", "Blue", "Contextual", "Baseline", "Suspended", None])
def test_actions_not_needed_for_any_other_status_or_none(status):
    assert actions_needed(status=status) is False


def test_actions_missing_for_red_with_blank_actions_and_not_with_some():
    assert [actions_missing(status="Red", actions=text) for text in ("", "  \n ", None, [], ["", " "])] == [True] * 5
    assert actions_missing(status="Red", actions="- Review every case by July.") is False
    assert actions_missing(status="Red", actions=["", "Review every case"]) is False


def test_actions_missing_never_for_a_status_that_needs_none():
    assert actions_missing(status="Amber", actions="") is False
    assert actions_missing(status=None, actions="") is False


# --- Groups: what "not updated" excludes ---------------------------------------------------------


def test_not_updated_is_its_own_group_whatever_the_status():
    assert [group_of(status=status, not_updated=True) for status in ("Red", "Blue", None)] == [NOT_UPDATED] * 3


def test_groups_of_updated_rows_are_their_status_or_not_rated():
    assert [group_of(status=status, not_updated=False) for status in ("Red", Status.IN_DEVELOPMENT, None)] == [
        "Red",
        "In development",
        NOT_RATED,
    ]


def test_group_slugs_are_the_dashboards_filter_values():
    assert [group_slug(group) for group in ("Red", "In development", NOT_UPDATED, NOT_RATED)] == [
        "red",
        "in-development",
        "not-updated",
        "none",
    ]


def test_a_not_updated_row_is_counted_under_no_status_and_is_no_example():
    assert counted_status(status="Red", not_updated=True) is None
    assert example_kind(status="Red", not_updated=True) is None
    assert counted_status(status="Red", not_updated=False) == Status.RED


def test_example_kinds_are_green_or_blue_and_red_only():
    assert [example_kind(status=status, not_updated=False) for status in ("Green", "Blue", "Red", "Amber", None)] == [
        ExampleKind.GREEN_BLUE,
        ExampleKind.GREEN_BLUE,
        ExampleKind.RED,
        None,
        None,
    ]


def test_a_red_not_updated_row_still_needs_actions():
    # Indicator 128 of the published pack: listed apart, yet its Red calls for actions.
    assert group_of(status="Red", not_updated=True) == NOT_UPDATED
    assert actions_missing(status="Red", actions="") is True


# --- Movements -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        ("Red", "Blue", Movement.IMPROVED),
        ("Green", "Amber", Movement.DECLINED),
        ("Amber", "Amber", Movement.UNCHANGED),
    ],
)
def test_movement_on_the_red_amber_green_blue_scale(previous, current, expected):
    assert movement_of(status=current, previous_status=previous, not_updated=False) == (expected, None)


@pytest.mark.parametrize(
    ("previous", "current", "not_updated", "reason"),
    [
        ("Red", "Red", True, "not updated this quarter"),
        (None, "Green", False, "no status was published for the previous quarter"),
        ("Red", None, False, "no status this quarter (not rated)"),
        ("Contextual", "Contextual", False, "Contextual: no performance target in either quarter"),
        ("Baseline", "Green", False, "Baseline last quarter, Green this quarter: not rated on one scale"),
    ],
)
def test_movement_not_comparable_says_why(previous, current, not_updated, reason):
    assert movement_of(status=current, previous_status=previous, not_updated=not_updated) == (
        Movement.NOT_COMPARABLE,
        reason,
    )


# --- tally ---------------------------------------------------------------------------------------


def test_tally_puts_every_row_in_one_group_and_one_movement():
    rows = [
        ("128", RowFacts("Red", not_updated=True, previous_status="Red")),
        ("117", RowFacts("Blue", previous_status="Red")),
        ("11", RowFacts("Amber", previous_status="Green")),
        ("3", RowFacts("Red", previous_status="Red")),
        ("7", RowFacts(None, not_rated_reason="No target has been set for this year.")),
        ("9", RowFacts("Contextual", previous_status="Contextual")),
    ]

    tallied = tally(rows)

    assert {group: items for group, items in tallied.groups() if items} == {
        "Red": ["3"],
        "Amber": ["11"],
        "Blue": ["117"],
        "Contextual": ["9"],
        NOT_UPDATED: ["128"],
        NOT_RATED: ["7"],
    }
    assert [(m.item, m.from_status, m.to_status) for m in tallied.improved] == [("117", Status.RED, Status.BLUE)]
    assert [(m.item, m.from_status, m.to_status) for m in tallied.declined] == [("11", Status.GREEN, Status.AMBER)]
    assert tallied.unchanged == ["3"]
    assert [item for item, _ in tallied.not_comparable] == ["128", "7", "9"]
    assert tallied.counted_total == 4
    assert sum(len(items) for _, items in tallied.groups()) == tallied.total == 6


# --- Values from parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "numerator", "denominator", "expected"),
    [
        ("percent", "27", "120", Decimal("22.5")),
        ("rate_per_10000", "45", "90000", Decimal("5")),
        ("score", "4680", "100", Decimal("46.8")),
        ("count", "1204", None, Decimal("1204")),
        ("count", "1204", "0", Decimal("1204")),
    ],
)
def test_value_from_parts_follows_the_units_formula(unit, numerator, denominator, expected):
    value = value_from_parts(
        numerator=Decimal(numerator), denominator=Decimal(denominator) if denominator else None, unit=unit
    )

    assert value == expected


@pytest.mark.parametrize("denominator", [Decimal(0), None])
def test_value_from_parts_without_a_denominator_is_none(denominator):
    assert value_from_parts(numerator=Decimal(27), denominator=denominator, unit="percent") is None


def test_value_from_parts_without_a_numerator_is_none():
    assert value_from_parts(numerator=None, denominator=Decimal(120), unit="percent") is None


# --- One home ------------------------------------------------------------------------------------


def test_reporting_module_imports_nothing_from_django():
    tree = ast.parse(pathlib.Path(reporting.__file__).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    assert not [name for name in imported if name.split(".")[0] == "django"]


def test_no_second_copy_of_the_rules_in_the_apps_or_templates():
    needles = ("RED and not", "== RagStatus.RED", '== "Red"', "== rag.Status.RED", "/ denominator *")
    folders = [path for path in ROOT.iterdir() if path.is_dir() and path.name[0] not in "._" and path.name != "tests"]
    sources = [path for folder in folders for path in [*folder.rglob("*.py"), *folder.rglob("*.html")]]
    copies = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in sources
        if path != pathlib.Path(reporting.__file__)
        for needle in needles
        if needle in path.read_text(errors="replace")
    ]
    assert len(sources) > 100
    assert copies == []
