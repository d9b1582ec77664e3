"""The one cell writer: every CSV and XLSX export opens, shows approved text as typed and runs nothing."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cyp.cells import XLSX_MAX_CHARACTERS, cell_text, csv_text, csv_value, looks_like_formula, xlsx_append
from indicators.exports import export_csv, export_xlsx, quarter_export
from reports.render.figures import figures_csv, figures_xlsx
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory
from tests.reports.pack_helpers import synthetic_pack

FORMULA = '=HYPERLINK("http://x","y")'
#: Approved text as Word and a careless paste leave it: a manual line break (\v), control characters,
#: a lone surrogate, all after a live formula.
HOSTILE = FORMULA + "\vsecond line\x00\x01\x08\x1b\x1f\ud800 end"
SHOWN = FORMULA + "\nsecond line end"
#: PostgreSQL stores no NUL and no lone surrogate, so text that went through the database has neither.
STORED_HOSTILE = FORMULA + "\vsecond line\x01\x08\x1b\x1f end"


def xlsx_cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_cell_text_keeps_line_breaks_and_drops_what_openpyxl_refuses():
    assert cell_text(HOSTILE) == SHOWN
    assert cell_text("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd\te"
    assert cell_text(None) == ""


@pytest.mark.parametrize("typed", [FORMULA, "+1", "-1+2", "@SUM(A1)", "\tTab", "\rReturn", "\nLine", "  =1"])
def test_text_that_a_spreadsheet_could_run_looks_like_a_formula(typed):
    assert looks_like_formula(typed)


@pytest.mark.parametrize("typed", ["Children's Social Care", "a=b", "1-2", "e-mail@example.org", ""])
def test_ordinary_text_does_not_look_like_a_formula(typed):
    assert not looks_like_formula(typed)


def test_csv_guards_text_with_an_apostrophe_but_never_a_number():
    assert [csv_value(value) for value in (FORMULA, "-5 cases", Decimal("-5.0"), -5, None, "plain")] == [
        "'" + FORMULA,
        "'-5 cases",
        "-5.0",
        "-5",
        "",
        "plain",
    ]


def test_csv_writes_dates_as_iso_and_decimals_without_exponents():
    assert csv_value(datetime.date(2025, 3, 31)) == "2025-03-31"
    assert csv_value(Decimal("10").normalize()) == "10"
    assert csv_value(True) == "Yes"


def test_csv_text_keeps_the_line_break_inside_one_quoted_cell():
    text = csv_text([["heading"], [HOSTILE]], byte_order_mark=True)

    assert text.startswith("\ufeffheading\r\n")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1] == ["'" + SHOWN]


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_text_is_a_string_cell_and_numbers_and_dates_stay_numbers_and_dates(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Sheet") if write_only else book.active
    xlsx_append(sheet, [HOSTILE, Decimal("78.90"), 12, datetime.date(2025, 3, 31), None, "plain"])
    buffer = io.BytesIO()
    book.save(buffer)

    row = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    assert [cell.value for cell in row] == [SHOWN, 78.9, 12, datetime.datetime(2025, 3, 31), None, "plain"]
    assert [cell.data_type for cell in row[:4]] == ["s", "n", "n", "d"]
    assert (row[0].quotePrefix, row[5].quotePrefix) == (True, False)
    assert (row[1].number_format, row[3].number_format) == ("0.00", "DD/MM/YYYY")


def test_xlsx_text_longer_than_a_cell_holds_is_cut_and_says_so():
    book = Workbook()
    xlsx_append(book.active, ["x" * 40_000])
    buffer = io.BytesIO()
    book.save(buffer)

    value = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"].value
    assert len(value) == XLSX_MAX_CHARACTERS
    assert value.endswith("the text has 40,000]")


# -- Every export in the tree -------------------------------------------------------------------


def hostile_pack():
    """Indicator 5 is not updated, with the hostile text as its reason; indicator 1's service area is it too."""
    pack = synthetic_pack(5, text=HOSTILE)
    pack.items[1].performance.indicators[0].service_area = HOSTILE
    return pack


def test_the_pack_figures_csv_shows_approved_text_guarded_and_cleaned():
    rows = list(csv.DictReader(io.StringIO(figures_csv(hostile_pack()))))

    assert rows[0]["Service area"] == "'" + SHOWN
    assert rows[4]["Reason not updated"] == "'" + SHOWN
    assert rows[0]["Name"] == "Synthetic indicator 1 " + SHOWN
    assert not any(set(cell) & {"\x00", "\v", "\ud800"} for row in rows for cell in row.values())


def test_the_pack_figures_xlsx_opens_shows_the_text_and_has_no_formula():
    cells = xlsx_cells(figures_xlsx(hostile_pack()))

    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    shown = [(cell.parent.title, cell.coordinate) for cell in cells if cell.value == SHOWN]
    assert shown == [("Indicators", "D2"), ("Indicators", "T6")]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells if cell.value == SHOWN)


@pytest.fixture
def hostile_indicator(committee, quarter):
    indicator = IndicatorFactory(committee=committee, number=1, name=STORED_HOSTILE)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("50"))
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        value=Decimal("40"),
        not_updated=True,
        not_updated_reason=STORED_HOSTILE,
    )
    return indicator


def test_the_quarter_export_xlsx_opens_shows_the_text_and_has_no_formula(hostile_indicator, committee, quarter):
    cells = xlsx_cells(export_xlsx(quarter_export(committee=committee, quarter=quarter), title="2024-25 Q1"))

    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    shown = [cell.column_letter for cell in cells if cell.value == SHOWN]
    assert shown == ["B", "T"]  # the name and the reason it was not updated


def test_the_quarter_export_csv_shows_the_text_guarded(hostile_indicator, committee, quarter):
    rows = list(csv.DictReader(io.StringIO(export_csv(quarter_export(committee=committee, quarter=quarter)))))

    assert (rows[0]["name"], rows[0]["not_updated_reason"]) == ("'" + SHOWN, "'" + SHOWN)


def test_no_export_has_a_formula_guard_of_its_own():
    """One home for the rule: the exports call cyp.cells and write no cell themselves."""
    root = Path(__file__).resolve().parents[2]
    writers = ("csv.writer", "cell.value =", "quotePrefix", "ILLEGAL_CHARACTERS_RE", "FORMULA_STARTS")
    found = [
        f"{path.relative_to(root)}: {writer}"
        for app in ("cyp", "indicators", "plans", "reports", "commentary")
        for path in (root / app).rglob("*.py")
        if path.name != "cells.py" and "migrations" not in path.parts
        for writer in writers
        if writer in path.read_text()
    ]
    assert found == []
