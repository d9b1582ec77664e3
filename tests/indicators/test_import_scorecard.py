"""The check of issue 11: a monthly scorecard the developers have never seen, loaded through the documented
import files, gives the variances and ratings the scorecard prints.

The Riverside Corporate Parenting Panel (invented for this test) reports monthly, on a three-band scheme
(Red beyond 10 off target, else Amber below target, Green on target or better). Its fifteen measures mix
percentages in points and rates, counts, days, money, ratios and caseloads relatively; above/below and
better/worse signs; a strict "above 95%", "≤ 10%" and "at most"; no direction; a year-to-date measure held
beside its month; a rolling rate; the last 4 weeks; #N/A; two targets; benchmarks with their own years; a
breakdown. The files are written as Excel writes them, starting from the templates the Import page offers
(their example rows left in): dates as real dates, percentages as 0.886 formatted as a percentage and as
"88.6%" text, blanks.
"""

import csv
import datetime
import io
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from cyp.enums import PeriodKind, ReportLayout
from cyp.models import Quarter
from indicators.enums import PeriodBasis
from indicators.exports import quarter_export
from indicators.formatting import format_variance, period_covered
from indicators.imports import template_xlsx
from indicators.models import Benchmark, Figure, FigureBreakdown, Indicator, Target
from indicators.selectors import quarter_rows
from tests.factories import CommitteeFactory

SEPTEMBER = datetime.date(2023, 9, 30)
AUGUST = datetime.date(2023, 8, 31)
PERCENT = "0.0%"

# number, name, unit, direction, variance measured in, printed as, reported figure
CATALOGUE = [
    (601, "Initial health assessments within 20 working days", "Percentage", "Higher is better", "Points",
     "Above/below", ""),
    (602, "Review health assessments in time", "percent", "higher_is_better", "points", "better_worse", ""),
    (603, "Children in care with a personal education plan reviewed in 6 months", "Percentage", "↑", "Points",
     "Above/below", "Month"),
    (604, "Care leavers aged 19 to 21 in suitable accommodation", "Percentage", "Higher is better", "Per cent",
     "Better/worse", ""),
    (605, "Children in care per 10,000 children", "Rate per 10,000", "None", "", "", "Snapshot"),
    (606, "Children starting to be looked after per 10,000 children", "Rate per 10,000", "Lower is better", "", "",
     "Rolling 12 months"),
    (607, "Children in care placed more than 20 miles from home", "Percentage", "Lower is better", "Points",
     "Above/below", ""),
    (608, "Average days between entering care and moving in with an adoptive family", "Average in days",
     "Lower is better", "", "", "Rolling 12 months"),
    (609, "Children in care per social worker", "Per FTE", "Lower is better", "Per cent", "Above/below",
     "Snapshot"),
    (610, "Children in care missing from placement in the month", "Count", "No direction", "", "", ""),
    (611, "Spend on residential placements outside the county (£000s)", "Money (£)", "Lower is better", "", "",
     "Year to date"),
    (612, "Approved foster carers for each child in foster care", "Ratio", "Higher is better", "", "", "Snapshot"),
    (613, "Care leavers in education, employment or training", "Percentage", "Higher is better", "Points",
     "Above/below", "Year to date"),
    (614, "Children in care with an up-to-date dental check", "Percentage", "Higher is better", "Points", "", ""),
    (615, "Statutory visits to children in care within timescale", "Percentage", "Higher is better", "", "",
     "Last 4 weeks"),
]  # fmt: skip

# number, target as written, second target, its name (or a status instead of a target)
TARGETS = [
    (601, "98", "", ""),
    (602, "at least 90%", "", ""),
    (603, "above 95%", "", ""),
    (604, "90", "95", "Stretch"),
    (605, "55", "", ""),
    (606, "at most 30", "", ""),
    (607, "\u2264 10%", "", ""),
    (608, "426", "", ""),
    (609, "15", "", ""),
    (610, "Contextual", "", ""),
    (611, "1200", "", ""),
    (612, "1.2", "", ""),
    (613, "at least 62%", "65%", "National"),
    (614, "80", "", ""),
    (615, "95%", "", ""),
]

# What the scorecard prints for September 2023, worked out by hand: the variance and the rating.
PRINTED = {
    601: ("9.4 points below target", "Amber"),  # 88.6% against 98%: -9.4 points, within 10 points
    602: ("+1.5 points", "Green"),  # 91.5 against at least 90
    603: ("on target", "Amber"),  # 95.0% is not "above 95%": off target by the smallest margin
    604: ("\u22123.3%", "Amber"),  # 74 of 85 = 87.06% against 90: (87.06 - 90) / 90 = -3.3%
    605: ("6.2% above target", "Contextual"),  # no direction: (58.4 - 55) / 55 = 6.2% above
    606: ("\u22124.0%", "Amber"),  # rolling 31.2 against at most 30, lower is better: -4.0%
    607: ("3.2 points above target", "Amber"),  # 13.2% against 10% or less: 3.2 points above
    608: ("\u221219.7%", "Red"),  # 510 days against 426: (426 - 510) / 426 = -19.7%
    609: ("10.0% above target", "Amber"),  # 16.5 against 15: exactly 10% off is not beyond 10%
    610: ("\u2013", "Contextual"),  # a count with no target
    611: ("\u221212.5%", "Red"),  # £1,350k against £1,200k
    612: ("+5.0%", "Green"),  # 1.26 against 1.2: three bands, so no Blue
    613: ("3.5 points below target", "Amber"),  # year to date 117 of 200 = 58.5% against at least 62%
    614: ("\u2013", None),  # #N/A: no value, no rating
    615: ("\u22121.9%", "Amber"),  # last 4 weeks 93.2% against 95%
}


def workbook_from_template(kind: str) -> openpyxl.Workbook:
    """The template the Import page offers, opened as a person opens it in Excel."""
    return openpyxl.load_workbook(io.BytesIO(template_xlsx(kind)))


def add_row(sheet, values: dict, formats: dict | None = None) -> None:
    """A row under the template's headings, by heading; ``formats`` sets a cell's number format."""
    headings = [cell.value for cell in sheet[1]]
    row = sheet.max_row + 1
    for heading, value in values.items():
        cell = sheet.cell(row=row, column=headings.index(heading) + 1, value=value)
        if formats and heading in formats:
            cell.number_format = formats[heading]


def saved(workbook: openpyxl.Workbook, path) -> str:
    workbook.save(path)
    return str(path)


def catalogue_file(tmp_path) -> str:
    workbook = workbook_from_template("indicators")
    sheet = workbook["indicators"]
    for number, name, unit, direction, variance, sign, reported in CATALOGUE:
        add_row(
            sheet,
            {
                "Indicator number": number,
                "Name": name,
                "Unit": unit,
                "Direction for improvement": direction,
                "Frequency": "Monthly",
                "Service area": "Children in Care",
                "Variance measured in": variance or None,
                "Variance printed as": sign or None,
                "Reported figure": reported or None,
                "Decimal places": 2 if number == 612 else (0 if number in (608, 610, 611) else 1),
            },
        )
    add_row(
        sheet,
        {
            "Indicator number": 616,
            "Name": "Children starting to be looked after, worked out from the months",
            "Unit": "Rate per 10,000",
            "Direction for improvement": "None",
            "Frequency": "Monthly",
            "Service area": "Children in Care",
            "Calculation": "(X/Y)*10,000",
            "Reported figure": "Rolling 12 months",
            "Worked out as": "Rolling 12 months",
            "Worked-out figure divides by": "Population",
            "Population": 61200,
            "Population source": "ONS mid-2022 estimate, 0 to 17",
        },
    )
    return saved(workbook, tmp_path / "scorecard-measures.xlsx")


def targets_file(tmp_path) -> str:
    workbook = workbook_from_template("targets")
    sheet = workbook["targets"]
    for number, target, second, second_name in TARGETS:
        status = target if target == "Contextual" else None
        add_row(
            sheet,
            {
                "Indicator number": number,
                "Financial year": "2023/24",
                "Target": None if status else target,
                "Target status": status,
                "Second target": second or None,
                "Second target's name": second_name or None,
            },
        )
    return saved(workbook, tmp_path / "scorecard-targets.xlsx")


def figures_file(tmp_path) -> str:
    workbook = workbook_from_template("figures")
    sheet = workbook["figures"]
    month_cell = {"Period end": "mmm-yy"}  # Excel shows the month: Sep-23
    september = datetime.datetime(2023, 9, 1)
    rows = [
        # As fractions formatted as percentages, and the month as an Excel date shown as a month.
        ({"Indicator number": 601, "Period end": september, "Value": 0.886}, {**month_cell, "Value": PERCENT}),
        ({"Indicator number": 601, "Period end": "Aug-23", "Value": 0.901}, {"Value": PERCENT}),
        ({"Indicator number": 602, "Period end": "September 2023", "Value": "91.5%"}, None),
        ({"Indicator number": 603, "Period end": september, "Value": 0.95}, {**month_cell, "Value": PERCENT}),
        # X of Y with the value left blank, and a date with its label.
        (
            {
                "Indicator number": 604,
                "Period end": SEPTEMBER,
                "Period as printed": "September 2023",
                "X (numerator)": 74,
                "Y (denominator)": 85,
            },
            {"Period end": "dd/mm/yyyy"},
        ),
        ({"Indicator number": 605, "Period end": "2023-09", "Value": 58.4, "Figure covers": "Snapshot"}, None),
        (
            {
                "Indicator number": 606,
                "Period end": "2023-09",
                "Value": 31.2,
                "Figure covers": "Rolling 12 months",
                "Region": 29.0,
                "Other comparator": 27.5,
                "Other comparator's name": "Core cities",
            },
            None,
        ),
        ({"Indicator number": 607, "Period end": "2023-09", "Value": "13.2%"}, None),
        ({"Indicator number": 608, "Period end": "2023-09", "Value": 510, "Figure covers": "rolling 12"}, None),
        ({"Indicator number": 609, "Period end": "2023-09", "Value": 16.5, "Figure covers": "Snapshot"}, None),
        ({"Indicator number": 610, "Period end": "2023-09", "Value": 14}, None),
        ({"Indicator number": 611, "Period end": "2023-09", "Value": 1350, "Figure covers": "YTD"}, None),
        ({"Indicator number": 612, "Period end": "2023-09", "Value": 1.26, "Figure covers": "snapshot"}, None),
        # The month's own figure and the year to date for the same date: two rows, never duplicates.
        (
            {
                "Indicator number": 613,
                "Period end": "2023-09",
                "Figure covers": "Month",
                "X (numerator)": 30,
                "Y (denominator)": 50,
            },
            None,
        ),
        (
            {
                "Indicator number": 613,
                "Period end": "2023-09",
                "Figure covers": "Year to date",
                "X (numerator)": 117,
                "Y (denominator)": 200,
            },
            None,
        ),
        ({"Indicator number": 614, "Period end": "2023-09", "Value": "#N/A"}, None),
        (
            {
                "Indicator number": 615,
                "Period end": "2023-09",
                "Period start": datetime.datetime(2023, 9, 3),
                "Value": 0.932,
                "Figure covers": "Last 4 weeks",
            },
            {"Value": PERCENT, "Period start": "dd/mm/yyyy"},
        ),
        # A measure worked out from its months: the months' X only (Y is the population).
        ({"Indicator number": 616, "Period end": "2023-09", "Figure covers": "Month", "X (numerator)": 9}, None),
        ({"Indicator number": 616, "Period end": "2023-08", "Figure covers": "Month", "X (numerator)": 11}, None),
    ]
    for values, formats in rows:
        add_row(sheet, values, formats)
    benchmarks = workbook["benchmarks"]
    for values in [
        {"Indicator number": 601, "Comparator": "England", "Period": "2022/23", "Value": "89%", "Source": "DfE CLA"},
        {"Indicator number": 601, "Comparator": "SN", "Period": "2022/23", "Value": 0.91},
        {"Indicator number": 605, "Comparator": "Own", "Period": "31 March 2023", "Value": 56.1},
        {"Indicator number": 605, "Comparator": "Region", "Comparator's name": "East of England", "Period": "2022/23",
         "Value": 60},
        {"Indicator number": 608, "Comparator": "England", "Period": "2019 to 2022",
         "Period end": datetime.datetime(2022, 3, 31), "Value": 367},
    ]:  # fmt: skip
        add_row(benchmarks, values, {"Value": PERCENT} if values["Value"] == 0.91 else None)
    breakdowns = workbook["breakdowns"]
    for category, value in [("Under 10", 2), ("10 to 15", 8), ("16 and over", 4)]:
        add_row(
            breakdowns,
            {
                "Indicator number": 610,
                "Period end": "2023-09",
                "Broken down by": "Age band",
                "Category": category,
                "Value": value,
            },
        )
    return saved(workbook, tmp_path / "scorecard-september.xlsx")


def run(command: str, path: str, committee) -> str:
    out = StringIO()
    call_command(command, path, "--committee", str(committee.pk), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def panel(db):
    CommitteeFactory()  # a second body: the commands must be told which
    return CommitteeFactory(
        name="Riverside Corporate Parenting Panel",
        report_period=PeriodKind.MONTH,
        report_layout=ReportLayout.SCORECARD,
        rag_bands=3,
    )


@pytest.fixture
def loaded(panel, tmp_path):
    """The panel's measures, targets and September figures, loaded through the three import commands."""
    outputs = [
        run("import_indicators", catalogue_file(tmp_path), panel),
        run("import_targets", targets_file(tmp_path), panel),
        run("import_figures", figures_file(tmp_path), panel),
    ]
    return outputs


def september(panel) -> Quarter:
    """The panel's September 2023 (month 6 of 2023/24), made by the targets import with the year's months."""
    assert panel.report_period == PeriodKind.MONTH
    return Quarter.objects.get(kind=PeriodKind.MONTH, year__start_year=2023, number=6)


def test_the_scorecard_s_measures_print_the_variances_and_ratings_the_scorecard_prints(panel, loaded):
    month = september(panel)
    rows = {row.indicator.number: row for row in quarter_rows(committee=panel, quarter=month)}

    printed = {number: (format_variance(rows[number].rating), rows[number].rag) for number in PRINTED}

    assert printed == PRINTED


def test_the_import_commands_say_what_they_did_and_skip_the_template_s_example_rows(panel, loaded):
    catalogue, targets, figures = loaded

    assert "Imported 16 indicators from scorecard-measures.xlsx: 16 created" in catalogue
    assert "Lines 2 and 3 are example rows of the template" in catalogue
    assert "New financial year created: 2023/24, with its four quarters and twelve months." in targets
    assert "Imported 19 figures from scorecard-september.xlsx: 19 created" in figures
    assert "Benchmarks: 5 created, 0 updated, 0 unchanged." in figures
    assert "Breakdown categories: 3 created, 0 updated, 0 unchanged." in figures
    assert not Indicator.objects.filter(number__in=(501, 502)).exists()  # the examples were skipped


def test_the_catalogue_reads_the_performance_team_s_words(panel, loaded):
    measures = {indicator.number: indicator for indicator in Indicator.objects.filter(committee=panel)}

    assert [
        (measures[n].unit, measures[n].direction, measures[n].variance_basis, measures[n].variance_sign)
        for n in (601, 605, 608, 609, 611, 612)
    ] == [
        ("percent", "higher_is_better", "points", "above_below"),
        ("rate_per_10000", "none", "relative", "better_worse"),
        ("days", "lower_is_better", "relative", "better_worse"),
        ("per_fte", "lower_is_better", "relative", "above_below"),
        ("currency", "lower_is_better", "relative", "better_worse"),
        ("ratio", "higher_is_better", "relative", "better_worse"),
    ]
    assert [measures[n].reporting_basis for n in (603, 606, 613, 615)] == [
        "in_period",
        "rolling_12_months",
        "year_to_date",
        "last_n_weeks",
    ]
    derived = measures[616]
    assert (derived.derivation, derived.derivation_denominator, derived.population, derived.population_note) == (
        "rolling_12_months",
        "population",
        Decimal("61200.0000"),
        "ONS mid-2022 estimate, 0 to 17",
    )


def test_targets_keep_their_words_and_second_target(panel, loaded):
    targets = {target.indicator.number: target for target in Target.objects.select_related("indicator")}

    assert (targets[603].comparator, targets[603].value) == ("above", Decimal("95.0000"))
    assert (targets[607].comparator, targets[607].value) == ("at_most", Decimal("10.0000"))
    assert (targets[613].second_value, targets[613].second_label) == (Decimal("65.0000"), "National")
    assert targets[610].status == "contextual"


def test_month_and_year_to_date_are_held_side_by_side(panel, loaded):
    month_value, year_to_date = (
        Figure.objects.filter(indicator__number=613, period_end=SEPTEMBER)
        .order_by("basis")
        .values_list("basis", "value", "numerator", "denominator", "period_label")
    )

    assert month_value == ("in_period", Decimal("60.0000"), Decimal("30.0000"), Decimal("50.0000"), "September 2023")
    assert year_to_date == (
        "year_to_date",
        Decimal("58.5000"),
        Decimal("117.0000"),
        Decimal("200.0000"),
        "September 2023",
    )
    row = {row.indicator.number: row for row in quarter_rows(committee=panel, quarter=september(panel))}[613]
    assert period_covered(row.current) == "September 2023, year to date"


def test_months_written_every_way_excel_writes_them_are_the_month_s_last_day(panel, loaded):
    ends = dict(
        Figure.objects.filter(indicator__number__in=(601, 602, 604, 605), basis=PeriodBasis.IN_PERIOD)
        .exclude(indicator__number=605)
        .values_list("period_label", "period_end")
        .distinct()
    )

    assert ends == {"September 2023": SEPTEMBER, "August 2023": AUGUST}
    visits = Figure.objects.get(indicator__number=615)
    assert (visits.period_start, visits.value, period_covered(visits)) == (
        datetime.date(2023, 9, 3),
        Decimal("93.2000"),
        "September 2023, last 4 weeks",
    )


def test_not_available_has_no_value_and_the_rolling_rate_keeps_its_comparators(panel, loaded):
    dental = Figure.objects.get(indicator__number=614)
    rolling = Figure.objects.get(indicator__number=606)

    assert (dental.value, dental.not_available, dental.not_available_reason, dental.not_updated) == (
        None,
        True,
        "Not available in the source system",
        False,
    )
    assert (rolling.basis, rolling.region_mean, rolling.other_mean, rolling.other_mean_label) == (
        "rolling_12_months",
        Decimal("29.0000"),
        Decimal("27.5000"),
        "Core cities",
    )


def test_benchmarks_carry_their_own_years_and_the_breakdown_its_categories(panel, loaded):
    benchmarks = list(
        Benchmark.objects.order_by("indicator__number", "kind", "label").values_list(
            "indicator__number", "kind", "label", "period_label", "period_end", "value", "source"
        )
    )
    breakdown = list(
        FigureBreakdown.objects.filter(figure__indicator__number=610).values_list(
            "dimension", "category", "value", "position"
        )
    )

    assert benchmarks == [
        (601, "england", "", "2022/23", datetime.date(2023, 3, 31), Decimal("89.0000"), "DfE CLA"),
        (601, "statistical_neighbours", "", "2022/23", datetime.date(2023, 3, 31), Decimal("91.0000"), ""),
        (605, "own", "", "31 March 2023", datetime.date(2023, 3, 31), Decimal("56.1000"), ""),
        (605, "region", "East of England", "2022/23", datetime.date(2023, 3, 31), Decimal("60.0000"), ""),
        (608, "england", "", "2019 to 2022", datetime.date(2022, 3, 31), Decimal("367.0000"), ""),
    ]
    assert breakdown == [
        ("Age band", "Under 10", Decimal("2.0000"), 0),
        ("Age band", "10 to 15", Decimal("8.0000"), 1),
        ("Age band", "16 and over", Decimal("4.0000"), 2),
    ]


def test_the_month_exports(panel, loaded):
    lines = {line["indicator"]: line for line in quarter_export(committee=panel, quarter=september(panel))}

    assert (lines[601]["value"], lines[601]["previous_value"], lines[601]["rag"]) == (
        Decimal("88.6"),
        Decimal("90.1"),
        "Amber",
    )
    assert (lines[613]["period_label"], lines[613]["basis"], lines[613]["value"]) == (
        "September 2023",
        "year_to_date",
        Decimal("58.5"),
    )


def test_loading_the_same_files_again_changes_nothing(panel, loaded, tmp_path):
    again = run("import_figures", figures_file(tmp_path), panel)

    assert "Imported 19 figures from scorecard-september.xlsx: 0 created, 0 updated, 19 unchanged." in again
    assert "Benchmarks: 0 created, 0 updated, 5 unchanged." in again
    assert "Breakdown categories: 0 created, 0 updated, 3 unchanged." in again


def test_a_worked_out_figure_typed_in_is_refused_saying_to_give_the_months(panel, loaded, tmp_path):
    workbook = workbook_from_template("figures")
    add_row(
        workbook["figures"],
        {"Indicator number": 616, "Period end": "2023-09", "Value": 1.9, "Figure covers": "Rolling 12 months"},
    )

    with pytest.raises(CommandError) as error:
        run("import_figures", saved(workbook, tmp_path / "typed.xlsx"), panel)

    assert str(error.value).splitlines()[1:] == [
        "Sheet figures, line 4, column Figure covers: indicator 616's rolling 12 months figure is worked out from "
        "its monthly figures, so it cannot be typed in. Give each month's X and Y on a row of its own with Figure "
        "covers: Month, and the rolling 12 months figure follows."
    ]


def test_a_bad_benchmark_names_the_sheet_line_and_column_in_the_team_s_words(panel, loaded, tmp_path):
    workbook = workbook_from_template("figures")
    add_row(workbook["figures"], {"Indicator number": 610, "Period end": "2023-10", "Value": 12})
    add_row(workbook["benchmarks"], {"Indicator number": 605, "Comparator": "Wales", "Period": "2022/23", "Value": 1})
    add_row(workbook["benchmarks"], {"Indicator number": 605, "Comparator": "Other", "Period": "Spring", "Value": 1})

    with pytest.raises(CommandError) as error:
        run("import_figures", saved(workbook, tmp_path / "bad.xlsx"), panel)

    assert str(error.value).splitlines()[1:] == [
        "Sheet benchmarks, line 4, column Comparator: \u2018Wales\u2019 is not a comparator; write Our last "
        "published figure (or Own), Statistical neighbours (or SN), Region, England or Other.",
        "Sheet benchmarks, line 5, column Comparator's name: an Other comparator needs its name as printed, like "
        "Core cities.",
        "Sheet benchmarks, line 5, column Period end: the period \u2018Spring\u2019 is not a financial year or a "
        "month, so its last day cannot be worked out; write it in Period end, like 2023-03-31.",
    ]
    assert not Figure.objects.filter(period_end=datetime.date(2023, 10, 31)).exists()


def test_a_worked_out_measure_takes_its_months_and_its_rolling_figure_follows(panel, loaded):
    months = list(
        Figure.objects.filter(indicator__number=616, basis=PeriodBasis.IN_PERIOD)
        .order_by("period_end")
        .values_list("period_label", "numerator", "denominator", "derived")
    )
    rolling = Figure.objects.filter(indicator__number=616, basis=PeriodBasis.ROLLING_12_MONTHS, derived=True)

    # The month's Y is the measure's population, as the catalogue gives it.
    assert months == [
        ("August 2023", Decimal("11.0000"), Decimal("61200.0000"), False),
        ("September 2023", Decimal("9.0000"), Decimal("61200.0000"), False),
    ]
    assert rolling.filter(period_end=SEPTEMBER).exists()


def test_export_figures_writes_the_month_with_period(panel, loaded):
    out = StringIO()
    call_command("export_figures", "--period", "2023-09", stdout=out, stderr=StringIO())

    lines = {int(line["indicator"]): line for line in csv.DictReader(io.StringIO(out.getvalue()))}

    assert len(lines) == 16
    assert (lines[601]["period_label"], lines[601]["value"], lines[601]["rag"]) == ("September 2023", "88.6", "Amber")
    assert (lines[613]["basis"], lines[613]["value"]) == ("year_to_date", "58.5")
