"""Warnings for the reviewer catch the commentary faults of the published Q1 2024/25 report."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from commentary.warnings import Reference, commentary_repeats, quoted_numbers, review_warnings, unusual_change

PUBLISHED = json.loads(
    (Path(__file__).resolve().parents[2] / "cyp" / "demo_data" / "cyp_indicators_q1_2024_25.json").read_text()
)


def _decimal(value):
    return None if value is None else Decimal(str(value))


def published_warnings(number: int) -> list[str]:
    record = next(r for r in PUBLISHED["indicators"] if r["number"] == number)
    references = [
        Reference("current", _decimal(record["current"])),
        Reference("previous", _decimal(record["previous"])),
        Reference("target", _decimal(record["target"])),
        Reference("statistical neighbour mean", _decimal(record["sn_mean"])),
        Reference("England mean", _decimal(record["england_mean"])),
        *(Reference(extra["label"], _decimal(extra["value"])) for extra in record["extra_comparators"]),
    ]
    warnings = review_warnings(
        commentary=record["commentary"],
        previous_commentary="",
        unit=record["unit"],
        decimals=record["decimals_by_field"].get("current", record["decimals"]),
        references=[reference for reference in references if reference.value is not None],
        history=[],
    )
    return [warning.message for warning in warnings]


def test_indicator_11_commentary_saying_73_2_beside_78_9_is_caught():
    assert published_warnings(11) == [
        "The commentary says 73.2%, which matches none of the figures (current 78.9%, previous 74.6%, "
        "target 75.0%, statistical neighbour mean 78.4%, England mean 74.8%): correct the commentary or the figures."
    ]


def test_indicator_135_commentary_saying_87_7_beside_87_1_is_caught():
    warnings = published_warnings(135)
    assert warnings[0] == (
        "The commentary says 87.7 per cent, which matches none of the figures (current 87.1%, previous 86.5%, "
        "target 91.0%, statistical neighbour mean 85.6%, England mean 82.9%): correct the commentary or the figures."
    )


def test_indicator_129_rate_quoted_as_3_6_percent_where_326_per_10000_is_3_26_is_caught():
    assert published_warnings(129)[0] == (
        "The commentary says 3.6%, but the current value of 326.0 per 10,000 is 3.26%: "
        "correct the commentary or the figures."
    )


def test_indicator_132_quoting_last_years_21_2_and_an_england_figure_of_22_7_is_caught():
    warnings = published_warnings(132)
    assert any("22.7%" in warning and "England mean 22.5%" in warning for warning in warnings)
    assert any(
        warning.startswith("The commentary quotes 21.2 %, the previous value") and "18.5%" in warning
        for warning in warnings
    )


@pytest.mark.parametrize("number", [2, 3, 7, 8, 9, 10, 116, 117, 118, 128, 130, 131, 133, 134])
def test_published_commentaries_that_agree_with_their_figures_raise_no_number_warning(number):
    assert published_warnings(number) == []


def test_quoted_numbers_reads_percentages_and_decimals_but_not_years_ranges_or_counts():
    text = "In 2021/22, 21.2 % of 7,224 pupils; between 25%-34%; 87.7 per cent; a rate of 44.0; 8th of 11."
    assert [(q.text, q.value, q.percent) for q in quoted_numbers(text)] == [
        ("21.2 %", Decimal("21.2"), True),
        ("87.7 per cent", Decimal("87.7"), True),
        ("44.0", Decimal("44.0"), False),
    ]


def test_commentary_the_same_or_nearly_the_same_as_last_quarter_is_flagged():
    last = "Take-up rose to 74.6% this term, above the national rate, as more families used their codes."
    assert commentary_repeats(commentary=last, previous_commentary=last).message.startswith(
        "The commentary is the same as last quarter's"
    )
    nearly = last.replace("74.6%", "78.9%")
    assert "nearly the same" in commentary_repeats(commentary=nearly, previous_commentary=last).message
    assert commentary_repeats(commentary="Something else entirely.", previous_commentary=last) is None


def test_a_change_far_outside_the_indicators_history_is_flagged():
    history = [Decimal(v) for v in ("70.0", "70.5", "71.0", "70.8", "71.2")]
    warning = unusual_change(
        current=Decimal("80.0"), previous=Decimal("71.2"), history=history, unit="percent", decimals=1
    )
    assert warning.message == (
        "The change from the previous value (71.2% to 80.0%, +8.8%) is more than three times this indicator's "
        "usual change (0.5%, the median over 4 periods): check the figures."
    )
    assert (
        unusual_change(current=Decimal("71.5"), previous=Decimal("71.2"), history=history, unit="percent", decimals=1)
        is None
    )


def test_a_short_history_raises_no_change_warning():
    history = [Decimal("70"), Decimal("71"), Decimal("70")]
    assert (
        unusual_change(current=Decimal("99"), previous=Decimal("70"), history=history, unit="percent", decimals=1)
        is None
    )
