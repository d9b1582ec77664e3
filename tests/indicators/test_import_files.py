"""Reading the files people actually have: Excel workbooks, Windows CSV, odd separators, and files that are wrong."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cyp.imports import import_max_rows
from indicators.enums import Unit
from indicators.imports import ImportRejected, template_csv
from indicators.models import Figure
from indicators.services import spreadsheet_import
from tests.cyp.xlsx_files import (
    bomb_workbook,
    damaged_workbook,
    entity_bomb_workbook,
    inline_string_workbook,
    openpyxl_workbook,
    with_dimension,
)
from tests.factories import IndicatorFactory

HEADINGS = ["indicator", "period_end", "period_label", "value"]


@pytest.fixture
def indicator(committee):
    return IndicatorFactory(committee=committee, number=11, unit=Unit.PERCENT, name="Two year olds taking up places")


def figures(committee, data: bytes, filename: str = "figures.csv"):
    return spreadsheet_import(kind="figures", committee=committee, data=data, filename=filename)


def problems(committee, data: bytes, filename: str = "figures.csv") -> list[str]:
    with pytest.raises(ImportRejected) as error:
        figures(committee, data, filename)
    return error.value.lines()


def workbook(*sheets: tuple[str, list[list]], percent_cells: tuple[str, ...] = ()) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for reference in percent_cells:
            sheet[reference].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def values() -> list:
    return list(Figure.objects.order_by("period_end").values_list("period_end", "value"))


def test_an_excel_workbook_is_read_with_its_dates_and_numbers(committee, indicator):
    data = workbook(("Sheet1", [HEADINGS, [11, datetime.datetime(2024, 6, 30), "Summer term 2024", 78.9]]))

    summary = figures(committee, data, "figures.xlsx")

    assert values() == [(datetime.date(2024, 6, 30), Decimal("78.9000"))]
    assert summary.warnings == []


def test_an_excel_cell_formatted_as_a_percentage_is_read_as_the_percentage_it_shows(committee, indicator):
    data = workbook(("figures", [HEADINGS, [11, "2024-06-30", "June", 0.789]]), percent_cells=("D2",))

    figures(committee, data, "figures.xlsx")

    assert values() == [(datetime.date(2024, 6, 30), Decimal("78.9000"))]


def test_the_sheet_named_like_the_import_is_read_whatever_its_place(committee, indicator):
    data = workbook(("Notes", [["Read me first"]]), ("Figures", [HEADINGS, [11, "2024-06-30", "June", 50]]))

    summary = figures(committee, data, "return.xlsx")

    assert values() == [(datetime.date(2024, 6, 30), Decimal("50.0000"))]
    assert summary.warnings == []


def test_without_a_named_sheet_the_first_is_read_and_the_others_are_named_in_a_warning(committee, indicator):
    data = workbook(("Q1", [HEADINGS, [11, "2024-06-30", "June", 50]]), ("Q2", [HEADINGS]), ("Notes", []))

    summary = figures(committee, data, "return.xlsx")

    assert values() == [(datetime.date(2024, 6, 30), Decimal("50.0000"))]
    assert summary.warnings == [
        "return.xlsx has 3 sheets: read the first, \u201cQ1\u201d, and left \u201cQ2\u201d, \u201cNotes\u201d unread. "
        "To read another sheet, name it \u201cfigures\u201d."
    ]


def test_a_csv_saved_by_excel_on_windows_is_read_and_the_summary_says_how(committee, indicator):
    indicator.name = "Café places"
    data = "indicator,period_end,period_label,value\r\n11,2024-06-30,June \u201924 – café,50\r\n".encode("cp1252")

    summary = figures(committee, data)

    assert Figure.objects.get().period_label == "June \u201924 – café"
    assert summary.warnings[0].startswith("figures.csv is not UTF-8, so it was read as Windows (Excel) text")


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffindicator,period_end,period_label,value\n11,2024-06-30,June,50\n".encode(),
        "indicator,period_end,period_label,value\r\n11,2024-06-30,June,50\r\n".encode("utf-16"),
        b"Indicator;Period End;Period label;Value\n11;2024-06-30;June;50\n",
        b"indicator\tperiod_end\tperiod_label\tvalue\n11\t2024-06-30\tJune\t50\n",
        b"\n\nINDICATOR , period-end,Period Label,VALUE\n\n11,2024-06-30,June,50\n\n",
    ],
    ids=["utf-8 with byte order mark", "utf-16", "semicolons and spaced headings", "tabs", "blank lines and case"],
)
def test_encodings_separators_and_heading_styles_are_all_read(committee, indicator, data):
    figures(committee, data)

    assert values() == [(datetime.date(2024, 6, 30), Decimal("50.0000"))]


def test_lines_are_numbered_as_a_spreadsheet_numbers_rows_even_past_blank_and_multi_line_rows(committee, indicator):
    data = b'indicator,period_end,period_label,value\n11,2024-05-31,"May\n2024",50\n\n11,2024-06-30,June,abc\n'

    assert problems(committee, data) == ["Line 4, column value: \u2018abc\u2019 is not a number; write it like 78.9."]


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"", "figures.csv", "The file figures.csv is empty: there is nothing to import."),
        (b"\r\n\r\n", "figures.csv", "The file figures.csv is empty: there is nothing to import."),
        (
            b"indicator,period_end,period_label,value\n",
            "figures.csv",
            "figures.csv has the column headings but no rows under them: there is nothing to import.",
        ),
        (
            b"%PDF-1.7 binary",
            "figures.pdf",
            "figures.pdf is a .pdf file, which cannot be read. Upload a CSV file (.csv) or an Excel workbook (.xlsx). "
            "In Excel choose File, Save As, and pick \u201cCSV UTF-8 (Comma delimited)\u201d or \u201cExcel Workbook "
            "(.xlsx)\u201d.",
        ),
        (
            b"\xd0\xcf\x11\xe0 old excel",
            "figures.xls",
            "figures.xls is an old-style Excel file (.xls), which cannot be read. Upload a CSV file (.csv) or an Excel "
            "workbook (.xlsx). In Excel choose File, Save As, and pick \u201cCSV UTF-8 (Comma delimited)\u201d or "
            "\u201cExcel Workbook (.xlsx)\u201d.",
        ),
        (
            b"indicator,period_end\n",
            "figures.xlsx",
            "figures.xlsx is named as an Excel workbook but is not one (was it renamed?). In Excel choose File, Save "
            "As, and pick \u201cCSV UTF-8 (Comma delimited)\u201d or \u201cExcel Workbook (.xlsx)\u201d.",
        ),
        (
            b"PK\x03\x04 not really a workbook",
            "figures.xlsx",
            "figures.xlsx cannot be opened as an Excel workbook: it may be damaged or not a workbook.",
        ),
        (
            b"\x00\x01\x02binary\x00",
            "figures.csv",
            "figures.csv is not a text file, so it cannot be a CSV file. In Excel choose File, Save As, and pick "
            "\u201cCSV UTF-8 (Comma delimited)\u201d or \u201cExcel Workbook (.xlsx)\u201d.",
        ),
        (
            b"indicator,period_end,period_label,value\n11,2024-06-30,June\x81,50\n",
            "figures.csv",
            "figures.csv has characters that cannot be read on line 2. In Excel choose File, Save As, and pick "
            "\u201cCSV UTF-8 (Comma delimited)\u201d or \u201cExcel Workbook (.xlsx)\u201d.",
        ),
    ],
    ids=[
        "empty",
        "only blank lines",
        "headings only",
        "pdf",
        "old excel",
        "text named xlsx",
        "damaged workbook",
        "binary named csv",
        "unreadable bytes",
    ],
)
def test_a_file_that_cannot_be_read_is_refused_in_plain_words(committee, indicator, data, filename, problem):
    assert problems(committee, data, filename) == [problem]
    assert Figure.objects.count() == 0


def test_a_workbook_named_as_csv_is_refused_with_the_fix(committee, indicator):
    data = workbook(("figures", [HEADINGS, [11, "2024-06-30", "June", 50]]))

    assert problems(committee, data, "figures.csv") == [
        "figures.csv is named as a CSV file but is an Excel workbook: rename it to end in .xlsx."
    ]


def test_repeated_headings_are_refused_naming_both_columns(committee, indicator):
    data = b"indicator,period_end,period_label,value,value\n11,2024-06-30,June,50,51\n"

    assert problems(committee, data) == [
        "Line 1: the heading \u201cvalue\u201d appears twice (columns D and E); keep one."
    ]


def test_a_value_in_a_column_without_a_heading_is_refused(committee, indicator):
    data = b"indicator,period_end,period_label,value\n11,2024-06-30,June,50,51\n"

    assert problems(committee, data) == [
        "Line 2: there is something in column E, which has no heading. Check for a stray comma or a value typed "
        "in the wrong column."
    ]


def test_an_unknown_column_is_ignored_with_a_warning_suggesting_the_likely_one(committee, indicator):
    data = b"indicator,period_end,period_label,value,sn_maen\n11,2024-06-30,June,50,40\n"

    summary = figures(committee, data)

    assert summary.warnings == [
        "Column \u201csn_maen\u201d is not one this import reads, so it was ignored. Did you mean \u201csn_mean\u201d?"
    ]
    assert Figure.objects.get().sn_mean is None


def test_a_missing_required_column_is_named_with_a_likely_typo(committee, indicator):
    with pytest.raises(ImportRejected) as error:
        figures(committee, b"indicator,period end date,period_label,value\n11,2024-06-30,June,50\n")

    assert error.value.lines() == [
        "Line 1: the heading row has no Period end column. The first row must hold the column headings: download "
        "the template to see them."
    ]
    assert error.value.warnings == [
        "Column \u201cperiod end date\u201d is not one this import reads, so it was ignored. Did you mean "
        "\u201cperiod_end\u201d?"
    ]


@pytest.mark.parametrize(
    ("kind", "headings"),
    [
        (
            "indicators",
            "Example,Indicator number,Name,Unit,Direction for improvement,Frequency,Service area,Description,"
            "Calculation,X is,Y is,Calculation note,Decimal places,Owner,Sources,Useful links,Status,"
            "Variance measured in,Reported figure,Variance printed as,Worked out as,Worked-out figure divides by,"
            "Population,Population source,Also reported to",
        ),
        (
            "targets",
            "Example,Indicator number,Financial year,Target,Target status,Note,Second target,Second target's name",
        ),
        (
            "figures",
            "Example,Indicator number,Period end,Period as printed,Value,X (numerator),Y (denominator),"
            "Statistical neighbours,England,Region,Period start,Data as at,Not updated,Why not updated,"
            "Other comparator,Other comparator's name,Figure covers",
        ),
    ],
)
def test_each_template_is_the_heading_row_in_words_then_marked_example_rows(kind, headings):
    heading_row, *examples = template_csv(kind).splitlines()

    assert heading_row == headings
    assert len(examples) == 2
    assert all(row.startswith("Example \u2013 delete this row,") for row in examples)


def test_a_workbook_that_unpacks_far_beyond_a_real_return_is_refused_whole(committee, indicator):
    data = bomb_workbook(unpacked_mb=60, title="figures", header=HEADINGS)

    [problem] = problems(committee, data, "figures.xlsx")

    assert problem.startswith("figures.xlsx unpacks to 60.1 MB; the limit is 50 MB.")
    assert Figure.objects.count() == 0


def test_a_workbook_whose_declared_dimension_is_too_small_is_read_to_its_last_row(committee, indicator):
    rows = [[11, datetime.date(2024, month, 28), f"Month {month}", 50 + month] for month in range(1, 13)]
    data = with_dimension(openpyxl_workbook([HEADINGS, *rows], title="figures"), "A1:D2")

    summary = figures(committee, data, "figures.xlsx")

    assert (summary.rows, Figure.objects.count()) == (12, 12)
    assert values()[-1] == (datetime.date(2024, 12, 28), Decimal("62.0000"))


def test_a_workbook_with_inline_strings_no_dimension_and_no_shared_strings_is_read(committee, indicator):
    data = inline_string_workbook([HEADINGS, [11, "2024-06-30", "June 2024", 78.9]], title="figures")

    figures(committee, data, "figures.xlsx")

    assert values() == [(datetime.date(2024, 6, 30), Decimal("78.9000"))]


def test_a_csv_file_of_more_rows_than_the_limit_is_refused_whole(committee, indicator):
    lines = [",".join(HEADINGS)] + [f"11,2024-06-30,June,{n % 100}" for n in range(import_max_rows())]

    [problem] = problems(committee, "\n".join(lines).encode())

    assert problem == "figures.csv has more than 2,000 rows; the limit is 2,000. Split it into smaller files."
    assert Figure.objects.count() == 0


def test_a_file_over_the_import_size_is_refused_before_it_is_read(committee, indicator, settings):
    settings.CYP_IMPORT_MAX_MB = 1

    [problem] = problems(committee, b"indicator,period_end,period_label,value\n" + b"x" * 1024 * 1024)

    assert problem.startswith("figures.csv is 1.1 MB; the largest file an import accepts is 1 MB.")


def test_the_import_page_shows_the_limit_of_a_bomb_instead_of_failing(as_persona, indicator):
    data = bomb_workbook(unpacked_mb=60, title="figures", header=HEADINGS)
    upload = SimpleUploadedFile("return.xlsx", data)

    response = as_persona("governance").post(reverse("import_upload"), {"kind": "figures", "file": upload})

    assert response.status_code == 200
    assert "Return.xlsx unpacks to 60.1 MB; the limit is 50 MB." in response.content.decode()  # the page capitalises
    assert Figure.objects.count() == 0


@pytest.mark.parametrize("data", [damaged_workbook(), entity_bomb_workbook()], ids=["damaged", "entity-bomb"])
def test_a_workbook_whose_sheet_cannot_be_parsed_is_refused_not_a_crash(committee, indicator, data):
    [problem] = problems(committee, data, "figures.xlsx")

    assert problem.startswith("figures.xlsx cannot be read: sheet \u201cSheet1\u201d is damaged (ParseError).")
