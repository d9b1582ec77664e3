"""The cover paper's counts: one list of rows, counts that always add up, 128 listed apart."""

from hypothesis import given
from hypothesis import strategies as st

from reports.performance_counts import (
    ROUNDING_NOTE,
    CountedRow,
    IndicatorRef,
    percentage_of,
    performance_counts_derive,
)

STATUSES = ["Red", "Amber", "Green", "Blue", "Baseline", "Contextual", "In development", "Suspended"]


def row(number, status, previous=None, *, not_updated=False, reason="", commentary=""):
    return CountedRow(
        ref=IndicatorRef(number, number, f"Indicator name {number}"),
        status=status,
        previous_status=previous,
        not_updated=not_updated,
        not_updated_reason=reason,
        not_rated_reason="No target has been set for this year." if status is None else "",
        commentary=commentary,
    )


def test_a_not_updated_indicator_is_listed_apart_and_counted_nowhere():
    counts = performance_counts_derive(
        [row(1, "Red", "Red"), row(128, "Red", "Red", not_updated=True, reason="System migration.")]
    )

    assert counts.red_count == 1
    assert [item.ref.number for item in counts.not_updated] == [128]
    assert counts.not_updated[0].reason == "System migration."
    assert [ref.number for ref in counts.unchanged] == [1]
    assert [(item.ref.number, item.reason) for item in counts.not_comparable] == [(128, "not updated this quarter")]
    assert counts.counted_total == 1


def test_percentages_are_of_the_counted_total_rounded_half_up():
    rows = [row(n, "Red") for n in range(8)] + [row(10 + n, "Amber") for n in range(2)]
    rows += [row(20 + n, "Green") for n in range(4)] + [row(30 + n, "Blue") for n in range(3)]
    rows += [row(40 + n, "Contextual") for n in range(2)] + [row(50, "Red", not_updated=True, reason="r")]

    counts = performance_counts_derive(rows)

    table = {entry.status: (entry.count_display, entry.percentage_display) for entry in counts.table}
    assert table == {
        "Red": ("8", "42%"),
        "Amber": ("2", "11%"),
        "Green": ("4", "21%"),
        "Blue": ("3", "16%"),
        "Baseline": ("-", "-"),
        "Contextual": ("2", "11%"),
        "In development": ("-", "-"),
        "Suspended": ("-", "-"),
    }
    assert counts.counted_total == 19
    assert ROUNDING_NOTE == "*Figures may not add to 100 due to rounding."


def test_percentage_rounds_half_up_not_to_even():
    assert percentage_of(1, 8) == 13  # 12.5
    assert percentage_of(5, 200) == 3  # 2.5
    assert percentage_of(0, 19) is None


def test_movements_are_grouped_from_to_and_worded_as_the_cover_paper():
    counts = performance_counts_derive(
        [
            row(117, "Blue", "Red"),
            row(9, "Amber", "Red"),
            row(131, "Amber", "Green"),
            row(1, "Red", "Red"),
            row(6, "Contextual", "Contextual"),
            row(2, "Green", None),
        ]
    )

    assert [(m.sentence, [r.number for r in m.indicators]) for m in counts.improved] == [
        ("1 indicator moved from Red to Blue", [117]),
        ("1 indicator moved from Red to Amber", [9]),
    ]
    assert [(m.sentence, [r.number for r in m.indicators]) for m in counts.declined] == [
        ("1 indicator moved from Green to Amber", [131])
    ]
    assert [ref.number for ref in counts.unchanged] == [1]
    assert {item.ref.number: item.reason for item in counts.not_comparable} == {
        2: "no status was published for the previous quarter",
        6: "Contextual: no performance target in either quarter",
    }


def test_several_indicators_with_the_same_move_share_one_sentence():
    counts = performance_counts_derive([row(3, "Amber", "Red"), row(4, "Amber", "Red")])

    assert [m.sentence for m in counts.improved] == ["2 indicators moved from Red to Amber"]


def test_an_indicator_without_a_status_is_not_rated_and_not_counted():
    counts = performance_counts_derive([row(5, None, "Green"), row(6, "Green", "Green")])

    assert [item.ref.number for item in counts.not_rated] == [5]
    assert counts.counted_total == 1
    assert counts.not_comparable[0].reason.startswith("no status this quarter")


def test_examples_split_green_blue_and_red_and_bad_choices_are_explained():
    counts = performance_counts_derive(
        [
            row(8, "Green", commentary="Green text"),
            row(118, "Blue", commentary="Blue text"),
            row(3, "Red", commentary="Red text"),
            row(131, "Amber"),
            row(128, "Red", not_updated=True, reason="r"),
        ],
        examples=[8, 3, 118, 131, 128, 999, 8],
    )

    assert [(e.ref.number, e.commentary) for e in counts.examples_green_blue] == [(8, "Green text"), (118, "Blue text")]
    assert [e.ref.number for e in counts.examples_red] == [3]
    assert counts.example_problems == [
        "Indicator 131 is Amber: examples are of Green, Blue or Red indicators.",
        "Indicator 128 is not rated this quarter, so it cannot be an example.",
        "Indicator 999 is not in this report, so it cannot be an example.",
    ]


def test_no_examples_chosen_leaves_both_lists_empty():
    counts = performance_counts_derive([row(8, "Green"), row(3, "Red")])

    assert counts.examples_green_blue == [] and counts.examples_red == [] and counts.example_problems == []


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from([*STATUSES, None]),
        st.sampled_from([*STATUSES, None]),
        st.booleans(),
    ),
    max_size=60,
)


@given(rows_strategy)
def test_every_indicator_is_in_exactly_one_group_whatever_the_rows(specs):
    rows = [
        row(n, status, previous, not_updated=stale, reason="r") for n, (status, previous, stale) in enumerate(specs)
    ]

    counts = performance_counts_derive(rows)

    assert counts.counted_total + len(counts.not_updated) + len(counts.not_rated) == len(rows)
    compared = counts.improved_count + counts.declined_count + len(counts.unchanged) + len(counts.not_comparable)
    assert compared == len(rows) == counts.total
    numbers = [ref.number for m in counts.improved + counts.declined for ref in m.indicators]
    numbers += [ref.number for ref in counts.unchanged] + [item.ref.number for item in counts.not_comparable]
    assert sorted(numbers) == list(range(len(rows)))
    assert all(entry.count == len(entry.indicators) for entry in counts.table)
    if counts.counted_total:
        total = sum(entry.percentage or 0 for entry in counts.table)
        assert abs(total - 100) <= len(STATUSES)
