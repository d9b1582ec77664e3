"""Files no one here has seen: generated catalogues, targets and figures go in through the real importer,
and the export rates them exactly as the RAG rule does, boundaries included, under both wordings."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from cyp.enums import RagWording
from cyp.models import Quarter
from indicators import rag
from indicators.enums import Direction, Unit
from indicators.exports import export_csv, quarter_export
from indicators.services import spreadsheet_import

STEP = Decimal("0.0001")
INDICATOR_HEADINGS = ["number", "name", "unit", "direction", "frequency", "service_area", "decimals"]
FIGURE_HEADINGS = ["indicator", "period_end", "period_label", "value", "numerator", "denominator"]


def decimals(low: int, high: int, places: int = 4):
    """Decimals from low to high in steps of 10**-places, as a person would type them."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: Decimal(n) / scale)


@st.composite
def cases(draw, number: int) -> dict:
    """One indicator with a target and two figures; the current value often exactly on a boundary."""
    unit = draw(st.sampled_from(list(Unit)))
    # The directed rule; a series with no direction is Contextual (tests/indicators/test_no_direction.py).
    direction = draw(st.sampled_from([Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER]))
    if unit == Unit.PERCENT:
        target = draw(st.one_of(st.just(Decimal(0)), decimals(1, 75, 2)))
    elif unit == Unit.SCORE:
        target = draw(st.one_of(st.just(Decimal(0)), decimals(-50, 50, 2)))
    else:
        target = draw(st.one_of(st.just(Decimal(0)), decimals(1, 5000, 2)))
    sign = 1 if direction == Direction.HIGHER_IS_BETTER else -1
    # The value that puts s exactly at -10%, 0 or +5%, a hair either side of one, or anywhere near.
    boundary = draw(st.sampled_from([Decimal("-0.10"), Decimal(0), Decimal("0.05")]))
    on_boundary = target + sign * boundary * abs(target)
    current = draw(
        st.one_of(
            st.just(on_boundary),
            st.sampled_from([on_boundary + STEP, on_boundary - STEP]),
            st.just(target + sign * draw(decimals(-30, 30, 2)) / 100 * abs(target)),
        )
    )
    low = Decimal(0) if unit != Unit.SCORE else Decimal(-1000)
    high = Decimal(100) if unit == Unit.PERCENT else Decimal(100000)
    current = min(max(current, low), high)
    previous = draw(decimals(int(low), int(min(high, 1000)), 2))
    return {
        "number": number,
        "unit": unit,
        "direction": direction,
        "decimals": draw(st.integers(0, 3)),
        "target": target,
        "current": current,
        "previous": previous,
        "as_parts": draw(st.booleans()),
    }


def parts(case: dict, value: Decimal) -> tuple[str, str]:
    """A numerator and denominator that the formula turns into exactly ``value``."""
    if case["unit"] == Unit.PERCENT:
        return f"{value * 100:f}", "10000"
    if case["unit"] == Unit.RATE_PER_10000:
        return f"{value:f}", "10000"
    if case["unit"] in (Unit.SCORE, Unit.DAYS, Unit.RATIO, Unit.PER_FTE):  # X/Y
        return f"{value * 4:f}", "4"
    return f"{value:f}", ""


def csv_text(headings: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def import_cases(committee, all_cases: list[dict], figure_order: list[int]) -> None:
    indicator_rows = [
        [
            str(c["number"]),
            f"Generated {c['number']}",
            c["unit"],
            c["direction"],
            "month",
            "Generated",
            str(c["decimals"]),
        ]
        for c in all_cases
    ]
    target_rows = [[str(c["number"]), "2024/25", f"{c['target']:f}", ""] for c in all_cases]
    figure_rows = []
    for c in all_cases:
        for end, label, value, use_parts in (
            ("2024-05-31", "May 2024", c["previous"], False),
            ("2024-06-30", "June 2024", c["current"], c["as_parts"]),
        ):
            numerator, denominator = parts(c, value) if use_parts else ("", "")
            figure_rows.append(
                [str(c["number"]), end, label, "" if use_parts else f"{value:f}", numerator, denominator]
            )
    headings = [FIGURE_HEADINGS[i] for i in figure_order]
    figure_rows = [[row[i] for i in figure_order] for row in figure_rows]
    spreadsheet_import(
        kind="indicators", committee=committee, data=csv_text(INDICATOR_HEADINGS, indicator_rows), filename="i.csv"
    )
    spreadsheet_import(
        kind="targets",
        committee=committee,
        data=csv_text(["indicator", "year", "target", "status"], target_rows),
        filename="t.csv",
    )
    spreadsheet_import(kind="figures", committee=committee, data=csv_text(headings, figure_rows), filename="f.csv")


def exported(committee, wording: str) -> dict[int, dict]:
    committee.rag_wording = wording
    committee.save()
    quarter = Quarter.objects.quarters().select_related("year").get(year__start_year=2024, number=1)
    text = export_csv(quarter_export(committee=committee, quarter=quarter))
    return {int(row["indicator"]): row for row in csv.DictReader(io.StringIO(text))}


@settings(max_examples=60)
@given(
    all_cases=st.integers(1, 5).flatmap(lambda n: st.tuples(*(cases(number) for number in range(1, n + 1)))),
    figure_order=st.permutations(range(len(FIGURE_HEADINGS))),
)
def test_imported_files_are_rated_exactly_as_the_rule_says_under_both_wordings(committee, all_cases, figure_order):
    with transaction.atomic():
        import_cases(committee, list(all_cases), list(figure_order))
        for wording in (RagWording.REPORT_KEY, RagWording.COVER_PAPER):
            rows = exported(committee, wording)
            for case in all_cases:
                row = rows[case["number"]]
                expected = rag.rate(case["current"], case["target"], case["direction"], wording)
                assert row["rag"] == expected.value, (wording, case)
                change = rag.change_for(case["current"], case["previous"], case["direction"], case["decimals"])
                assert row["change"] == change.value, case
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("direction", "current", "report_key", "cover_paper"),
    [
        # Exactly 10% worse than a target of 80: Amber by the report key, Red by the cover paper.
        (Direction.HIGHER_IS_BETTER, "72.0", "Amber", "Red"),
        (Direction.LOWER_IS_BETTER, "88.0", "Amber", "Red"),
        # Exactly 5% better: Green by the report key, Blue by the cover paper.
        (Direction.HIGHER_IS_BETTER, "84.0", "Green", "Blue"),
        (Direction.LOWER_IS_BETTER, "76.0", "Green", "Blue"),
        # A hair either side, both wordings agree.
        (Direction.HIGHER_IS_BETTER, "71.9999", "Red", "Red"),
        (Direction.HIGHER_IS_BETTER, "72.0001", "Amber", "Amber"),
        (Direction.HIGHER_IS_BETTER, "84.0001", "Blue", "Blue"),
        (Direction.HIGHER_IS_BETTER, "83.9999", "Green", "Green"),
        (Direction.HIGHER_IS_BETTER, "80", "Green", "Green"),
    ],
)
def test_imported_values_exactly_on_a_boundary_follow_the_committees_wording(
    committee, direction, current, report_key, cover_paper
):
    case = {
        "number": 1,
        "unit": Unit.PERCENT,
        "direction": direction,
        "decimals": 1,
        "target": Decimal("80"),
        "current": Decimal(current),
        "previous": Decimal("70"),
        "as_parts": False,
    }

    import_cases(committee, [case], list(range(len(FIGURE_HEADINGS))))

    assert exported(committee, RagWording.REPORT_KEY)[1]["rag"] == report_key
    assert exported(committee, RagWording.COVER_PAPER)[1]["rag"] == cover_paper


def test_a_boundary_value_worked_out_from_numerator_and_denominator_is_rated_exactly(committee):
    # 720 / 1000 * 100 = 72.0: exactly 10% below a target of 80.
    case = {
        "number": 1,
        "unit": Unit.PERCENT,
        "direction": Direction.HIGHER_IS_BETTER,
        "decimals": 1,
        "target": Decimal("80"),
        "current": Decimal("72"),
        "previous": Decimal("70"),
        "as_parts": True,
    }

    import_cases(committee, [case], list(range(len(FIGURE_HEADINGS))))

    assert exported(committee, RagWording.REPORT_KEY)[1]["rag"] == "Amber"
    assert exported(committee, RagWording.COVER_PAPER)[1]["rag"] == "Red"
