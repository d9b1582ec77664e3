"""Every column of every import, in one place: the imports read them, and the templates (CSV and Excel, with
their example rows and Read me sheet), the import page and the README's column lists are written from them.

Each column has the code files have always used (``period_end``) and the performance team's words
("Period end"); a file may head a column with either, in any case, or with one of its aliases. No
Django import: ``templates`` and the docs test read these without a database.
"""

from __future__ import annotations

from indicators.imports.base import Column, ImportKind, Sheet

#: What the first cell of a template's example rows says; the import skips any row marked so.
EXAMPLE_MARK = "Example \u2013 delete this row"
EXAMPLE = Column(
    "example",
    False,
    f"\u201c{EXAMPLE_MARK}\u201d marks a template's example rows: the import skips them. Leave it empty in your own "
    "rows, or delete the column.",
    EXAMPLE_MARK,
    heading="Example",
    accepted=f"Empty, or {EXAMPLE_MARK}",
)

BASIS_WORDS = (
    "Month (the period's own figure), Year to date (from 1 April), Academic year to date (from 1 September), "
    "Rolling 12 months, Snapshot (at the period's end) or Last 4 weeks (any number of weeks)"
)
#: What people write for what a figure covers (the values of ``indicators.enums.PeriodBasis``), besides its
#: code and label; "Last 4 weeks" (any number) is read by ``indicators.imports.figures.read_basis``.
BASIS_ALIASES = {
    "month": "in_period",
    "in month": "in_period",
    "the month": "in_period",
    "monthly": "in_period",
    "in the month": "in_period",
    "period": "in_period",
    "quarter": "in_period",
    "in quarter": "in_period",
    "year to date": "year_to_date",
    "ytd": "year_to_date",
    "financial year to date": "year_to_date",
    "academic year to date": "academic_year_to_date",
    "academic ytd": "academic_year_to_date",
    "rolling 12 months": "rolling_12_months",
    "rolling 12": "rolling_12_months",
    "rolling year": "rolling_12_months",
    "rolling": "rolling_12_months",
    "r12": "rolling_12_months",
    "12 months rolling": "rolling_12_months",
    "snapshot": "snapshot",
    "at period end": "snapshot",
    "at month end": "snapshot",
    "point in time": "snapshot",
    "last n weeks": "last_n_weeks",
}
INDICATOR_NUMBER = Column(
    "indicator",
    True,
    "The measure's number in the catalogue.",
    "501",
    heading="Indicator number",
    accepted="A whole number already in the catalogue",
    aliases=("Indicator", "Number", "No", "Measure number", "KPI"),
)

CATALOGUE = [
    Column(
        "number",
        True,
        "The measure's number, unique in the body.",
        "501",
        heading="Indicator number",
        accepted="A whole number",
        aliases=("Number", "No", "Indicator", "Measure number", "KPI"),
    ),
    Column(
        "name",
        True,
        "The measure's name as printed.",
        "Children in care with an up-to-date health assessment",
        heading="Name",
        accepted="Text, up to 300 characters",
        aliases=("Indicator name", "Measure", "Measure name", "Title"),
    ),
    Column(
        "unit",
        True,
        "What the value is.",
        "Percentage",
        heading="Unit",
        accepted="Percentage, Rate per 10,000, Average score, Count, Average in days, Ratio, Money (\u00a3) or Per FTE "
        "(a caseload per full-time worker)",
        aliases=("Unit of measure", "Measure type"),
    ),
    Column(
        "direction",
        True,
        "Which way is better. A measure with no direction is monitored: shown above or below its target and not "
        "rated (Contextual), unless its target is written with above, below, at least or at most.",
        "Higher is better",
        heading="Direction for improvement",
        accepted="Higher is better, Lower is better, or None (also: No direction)",
        aliases=("Direction", "Polarity", "Good is"),
    ),
    Column(
        "frequency",
        True,
        "How often a new value comes.",
        "Monthly",
        heading="Frequency",
        accepted="Monthly, Quarterly, Termly or Yearly",
        aliases=("How often",),
    ),
    Column(
        "service_area",
        True,
        "The service area's name; a new name creates the area, and the summary says so.",
        "Children in Care",
        heading="Service area",
        accepted="Text",
        aliases=("Area", "Service"),
    ),
    Column("description", False, "What the measure measures.", "", heading="Description", accepted="Text"),
    Column(
        "formula",
        False,
        "The calculation as printed.",
        "(X/Y)*100",
        heading="Calculation",
        accepted="Text: (X/Y)*100, (X/Y)*10,000, X/Y",
        aliases=("Formula",),
    ),
    Column(
        "x_definition",
        False,
        "What X (the numerator) counts.",
        "Children in care for a year or more with a health assessment in time",
        heading="X is",
        accepted="Text",
        aliases=("X definition", "Numerator is", "What X counts"),
    ),
    Column(
        "y_definition",
        False,
        "What Y (the denominator) counts.",
        "Children in care for a year or more",
        heading="Y is",
        accepted="Text",
        aliases=("Y definition", "Denominator is", "What Y counts"),
    ),
    Column(
        "calculation_note",
        False,
        "Anything else about the calculation.",
        "",
        heading="Calculation note",
        accepted="Text",
    ),
    Column(
        "decimals",
        False,
        "Decimal places the value is printed with.",
        "1",
        heading="Decimal places",
        accepted="0 to 6 (1 if empty)",
        aliases=("Decimals", "DP"),
    ),
    Column(
        "owner",
        False,
        "The owner's user name or e-mail address (they need an account).",
        "",
        heading="Owner",
        accepted="A user name or e-mail address",
    ),
    Column(
        "sources",
        False,
        "The data sources.",
        "Mosaic; Health assessments tracker",
        heading="Sources",
        accepted="Text, separated by semicolons",
        aliases=("Source", "Data source"),
    ),
    Column(
        "useful_links",
        False,
        "Links printed with the measure; the file's links replace the measure's.",
        "Statutory guidance|https://www.gov.uk/government/publications/promoting-the-health-and-wellbeing-of-"
        "looked-after-children--2",
        heading="Useful links",
        accepted="Title|https://address, one per line or separated by \u201c ; \u201d",
        aliases=("Links",),
    ),
    Column(
        "status",
        False,
        "Whether the measure is reported.",
        "Active",
        heading="Status",
        accepted="Active or Suspended (Active if empty)",
    ),
    Column(
        "variance",
        False,
        "How the variance from target is measured and rated.",
        "Points",
        heading="Variance measured in",
        accepted="Per cent (of the target, if empty) or Points (percentage points, for a percentage only: 88.6% "
        "against 98% is \u22129.4)",
        aliases=("Variance", "Variance basis"),
    ),
    Column(
        "reporting_basis",
        False,
        "Which of the measure's figures for a period is reported, rated and charted.",
        "Year to date",
        heading="Reported figure",
        accepted=f"{BASIS_WORDS}; Month if empty",
        aliases=("Reporting basis", "Reported figure basis"),
    ),
    Column(
        "variance_sign",
        False,
        "How the variance is printed; the rating is the same either way.",
        "Above/below",
        heading="Variance printed as",
        accepted="Better/worse (positive is better, if empty) or Above/below (above or below target)",
        aliases=("Variance sign",),
    ),
    Column(
        "derivation",
        False,
        "Empty when the reported figure is typed in. A measure worked out from its monthly figures takes each "
        "month's X and Y in the figures file, and its rolling or year-to-date figure follows, with the calculation.",
        "",
        heading="Worked out as",
        accepted="Empty (typed in), Rolling 12 months, Year to date or Academic year to date",
        aliases=("Derivation", "Derived as", "Derived"),
    ),
    Column(
        "derivation_denominator",
        False,
        "What a worked-out figure divides by.",
        "",
        heading="Worked-out figure divides by",
        accepted="The months added up (X of Y, if empty) or Population (a rate over the population)",
        aliases=("Denominator rule", "Derivation denominator", "Divides by"),
    ),
    Column(
        "population",
        False,
        "The population a rate is per 10,000 of, when a month's Y does not give it.",
        "",
        heading="Population",
        accepted="A number: 61200",
    ),
    Column(
        "population_note",
        False,
        "Where the population comes from, as printed.",
        "",
        heading="Population source",
        accepted="Text, up to 200 characters: ONS mid-2023 estimate, 0 to 17",
        aliases=("Population note", "Population's source"),
    ),
    Column(
        "reported_to",
        False,
        "Other bodies it is also reported to: each body's name or short name, with :number when that body prints "
        "it under another number. The file's list replaces the measure's; an empty cell stops reporting it "
        "elsewhere.",
        "",
        heading="Also reported to",
        accepted="Bodies separated by semicolons: corporate-parenting-board:12; Schools Forum",
        aliases=("Reported to", "Shared with"),
    ),
]

TARGETS = [
    INDICATOR_NUMBER,
    Column(
        "year",
        True,
        "The financial year the target is for.",
        "2023/24",
        heading="Financial year",
        accepted="2023/24 (also 2023-24, 2023/2024); format the column as text in Excel",
        aliases=("Year",),
    ),
    Column(
        "target",
        False,
        "The target as the council writes it; empty when there is a status instead.",
        "at least 90%",
        heading="Target",
        accepted="A number (78.9 for 78.9%), or words and a number: above 95%, at least 90, at most 10, below 10, "
        "\u2264 10, > 5; or a range, bounds included: between 10 and 15, 10\u201315, 10 to 15, 10-15%",
    ),
    Column(
        "status",
        False,
        "Instead of a number, for a measure without a target.",
        "",
        heading="Target status",
        accepted="Contextual, Baseline or In development",
        aliases=("Status", "No target because"),
    ),
    Column(
        "note",
        False,
        "When and why the target was set.",
        "",
        heading="Note",
        accepted="Text",
        aliases=("Target note",),
    ),
    Column(
        "second_target",
        False,
        "A second target for the year (a stretch or national one), printed beside the year's and not rated.",
        "98%",
        heading="Second target",
        accepted="Written as the target, but one number (never a range)",
    ),
    Column(
        "second_target_name",
        False,
        "The second target's name as printed.",
        "National",
        heading="Second target's name",
        accepted="Text, up to 60 characters: Stretch, National",
        aliases=("Second target name",),
    ),
]

PERIOD_END = Column(
    "period_end",
    True,
    "The period the value covers: its last day, or for a month the month itself.",
    "August 2023",
    heading="Period end",
    accepted="A date (2023-08-31, 31/08/2023) or a month (August 2023, Aug 2023, 2023-08, Aug-23, or an Excel date "
    "shown as a month)",
    aliases=("Period", "Month", "Period ending", "Date"),
)
FIGURE_COVERS = Column(
    "basis",
    False,
    "What the value covers. A month's value and its year-to-date value for the same date go on two rows.",
    "Month",
    heading="Figure covers",
    accepted=f"{BASIS_WORDS}; empty: the figure the measure reports",
    aliases=("Basis", "Covers"),
)

FIGURES = [
    INDICATOR_NUMBER,
    PERIOD_END,
    Column(
        "period_label",
        False,
        "The period as printed; empty for a month, which prints as August 2023.",
        "August 2023",
        heading="Period as printed",
        accepted="Text, up to 60 characters",
        aliases=("Period label", "Label"),
    ),
    Column(
        "value",
        False,
        "The value; empty when X and Y are given (it is worked out from them). #N/A when the source system "
        "could not produce the figure: it is recorded as not available.",
        "88.6%",
        heading="Value",
        accepted="A number (88.6, 88.6%, or a cell formatted as a percentage), or #N/A",
    ),
    Column(
        "numerator",
        False,
        "X in the calculation (35 of 132: 35).",
        "35",
        heading="X (numerator)",
        accepted="A number, not negative",
        aliases=("X", "Numerator"),
    ),
    Column(
        "denominator",
        False,
        "Y in the calculation (35 of 132: 132).",
        "",
        heading="Y (denominator)",
        accepted="A number above zero",
        aliases=("Y", "Denominator"),
    ),
    Column(
        "sn_mean",
        False,
        "The statistical neighbours' figure for the same period.",
        "",
        heading="Statistical neighbours",
        accepted="A number",
        aliases=("SN mean", "SN", "Statistical neighbour mean"),
    ),
    Column(
        "england_mean",
        False,
        "England's figure for the same period.",
        "",
        heading="England",
        accepted="A number",
        aliases=("England mean", "National"),
    ),
    Column(
        "region_mean",
        False,
        "The region's figure for the same period.",
        "",
        heading="Region",
        accepted="A number",
        aliases=("Region mean", "Regional mean"),
    ),
    Column(
        "period_start",
        False,
        "The first day of the period; worked out from the frequency and what the figure covers when empty.",
        "",
        heading="Period start",
        accepted="A date",
    ),
    Column("as_at", False, "The date the data is as at.", "", heading="Data as at", accepted="A date"),
    Column(
        "not_updated",
        False,
        "Yes when the figure was not updated this period (say why).",
        "",
        heading="Not updated",
        accepted="Yes, or empty for no",
    ),
    Column(
        "not_updated_reason",
        False,
        "Why it was not updated, or why it is not available.",
        "",
        heading="Why not updated",
        accepted="Text",
        aliases=("Not updated reason", "Reason"),
    ),
    Column(
        "other_mean",
        False,
        "Another comparator's figure for the same period (a local or core cities mean).",
        "",
        heading="Other comparator",
        accepted="A number",
        aliases=("Other mean", "Other"),
    ),
    Column(
        "other_mean_label",
        False,
        "That comparator's name as printed.",
        "",
        heading="Other comparator's name",
        accepted="Text, up to 100 characters",
        aliases=("Other mean label", "Other comparator name"),
    ),
    FIGURE_COVERS,
]

BENCHMARKS = [
    INDICATOR_NUMBER,
    Column(
        "comparator",
        True,
        "Who the measure is compared with.",
        "England",
        heading="Comparator",
        accepted="Our last published figure (or Own), Statistical neighbours (or SN), Region, England or Other",
        aliases=("Benchmark", "Compared with"),
    ),
    Column(
        "label",
        False,
        "The comparator's name as printed, when not the comparator's own (needed for Other).",
        "",
        heading="Comparator's name",
        accepted="Text, up to 100 characters: North West, Core cities",
        aliases=("Comparator name", "Name"),
    ),
    Column(
        "period_label",
        True,
        "The benchmark's own period as printed: often a year or two older than the figure.",
        "2022/23",
        heading="Period",
        accepted="Text, up to 60 characters: 2022/23, 31 March 2023, 2023",
        aliases=("Year", "Period as printed"),
    ),
    Column(
        "period_end",
        False,
        "The last day of that period; empty when Period is a financial year (31 March) or a month.",
        "",
        heading="Period end",
        accepted="A date (2023-03-31)",
    ),
    Column("value", True, "The benchmark's value.", "89%", heading="Value", accepted="A number"),
    Column(
        "source",
        False,
        "Where the benchmark comes from, as printed.",
        "DfE Children looked after 2023",
        heading="Source",
        accepted="Text, up to 200 characters",
    ),
]

BREAKDOWNS = [
    INDICATOR_NUMBER,
    PERIOD_END,
    FIGURE_COVERS,
    Column(
        "dimension",
        True,
        "What the figure is broken down by. The file's categories of a figure's dimension replace those stored.",
        "Age band",
        heading="Broken down by",
        accepted="Text, up to 100 characters: Age band, Legal status, Placement type",
        aliases=("Dimension", "Breakdown"),
    ),
    Column(
        "category",
        True,
        "One category, in the order it is printed.",
        "Under 1",
        heading="Category",
        accepted="Text, up to 100 characters",
    ),
    Column("value", True, "The category's value.", "12", heading="Value", accepted="A number"),
]

SHEETS: dict[ImportKind, list[Sheet]] = {
    ImportKind.INDICATORS: [
        Sheet(
            "indicators",
            CATALOGUE,
            "One row per measure, matched by its number: a new number adds a measure, a known one is updated. A "
            "column left out of the file leaves that field as it is; an empty cell clears it.",
            [
                {
                    "number": 501,
                    "name": "Children in care with an up-to-date health assessment",
                    "unit": "Percentage",
                    "direction": "Higher is better",
                    "frequency": "Monthly",
                    "service_area": "Children in Care",
                    "formula": "(X/Y)*100",
                    "variance": "Points",
                    "variance_sign": "Above/below",
                    "reporting_basis": "Month",
                },
                {
                    "number": 502,
                    "name": "Rate of children coming into care per 10,000 children",
                    "unit": "Rate per 10,000",
                    "direction": "None",
                    "frequency": "Monthly",
                    "service_area": "Children in Care",
                    "formula": "(X/Y)*10,000",
                    "reporting_basis": "Rolling 12 months",
                    "derivation": "Rolling 12 months",
                    "derivation_denominator": "Population",
                    "population": 61200,
                    "population_note": "ONS mid-2023 estimate, 0 to 17",
                },
            ],
        )
    ],
    ImportKind.TARGETS: [
        Sheet(
            "targets",
            TARGETS,
            "One row per measure and financial year, with a target or a status (never both). A year not set up "
            "yet is created with its quarters.",
            [
                {
                    "indicator": 501,
                    "year": "2023/24",
                    "target": "at least 90%",
                    "second_target": "98%",
                    "second_target_name": "National",
                },
                {"indicator": 502, "year": "2023/24", "status": "Contextual"},
            ],
        )
    ],
    ImportKind.FIGURES: [
        Sheet(
            "figures",
            FIGURES,
            "One row per measure, period and what the figure covers: a month's value and its year-to-date value "
            "for the same date are two rows. Leave the value empty to work it out from X and Y.",
            [
                {
                    "indicator": 501,
                    "period_end": "August 2023",
                    "basis": "Month",
                    "value": "88.6%",
                    "numerator": 31,
                    "denominator": 35,
                },
                {
                    "indicator": 501,
                    "period_end": "August 2023",
                    "basis": "Year to date",
                    "numerator": 140,
                    "denominator": 160,
                },
            ],
        ),
        Sheet(
            "benchmarks",
            BENCHMARKS,
            "Optional, in a workbook: each measure's comparators, each with its own period. A row for a "
            "comparator and period already stored updates it.",
            [
                {
                    "indicator": 501,
                    "comparator": "England",
                    "period_label": "2022/23",
                    "value": "89%",
                    "source": "DfE Children looked after 2023",
                },
                {"indicator": 501, "comparator": "Statistical neighbours", "period_label": "2022/23", "value": "91%"},
            ],
            main=False,
        ),
        Sheet(
            "breakdowns",
            BREAKDOWNS,
            "Optional, in a workbook: a figure broken down by category. The figure must be in the figures sheet "
            "or already stored.",
            [
                {
                    "indicator": 501,
                    "period_end": "August 2023",
                    "basis": "Month",
                    "dimension": "Age band",
                    "category": "Under 5",
                    "value": 9,
                },
                {
                    "indicator": 501,
                    "period_end": "August 2023",
                    "basis": "Month",
                    "dimension": "Age band",
                    "category": "5 and over",
                    "value": 22,
                },
            ],
            main=False,
        ),
    ],
}


def sheets_for(kind: ImportKind | str) -> list[Sheet]:
    return SHEETS[ImportKind(kind)]


def main_sheet(kind: ImportKind | str) -> Sheet:
    return sheets_for(kind)[0]


def extra_sheets(kind: ImportKind | str) -> list[Sheet]:
    """The sheets a workbook of this import may carry beside its own (the figures' benchmarks and breakdowns)."""
    return [sheet for sheet in sheets_for(kind) if not sheet.main]
