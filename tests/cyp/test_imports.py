"""The limits every import has, checked before a workbook is opened, and rows read whatever the dimension says."""

import io

import openpyxl
import pytest

from cyp.imports import (
    MAX_COLUMNS,
    MAX_MEMBERS,
    ImportTooLarge,
    WorkbookUnreadable,
    import_max_rows,
    import_size_problem,
    sheet_rows,
    workbook_check,
)
from tests.cyp.xlsx_files import (
    bomb_workbook,
    damaged_workbook,
    entity_bomb_workbook,
    inline_string_workbook,
    many_members_workbook,
    openpyxl_workbook,
    with_dimension,
    zipped,
)


def rows_of(data: bytes) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [cells for _line, cells in sheet_rows(workbook.worksheets[0], name="book.xlsx", values_only=True)]
    finally:
        workbook.close()


def test_a_file_over_the_import_size_is_refused_with_its_size_and_the_limit(settings):
    settings.CYP_IMPORT_MAX_MB = 5

    assert import_size_problem(name="big.csv", size=5 * 1024 * 1024) is None
    assert import_size_problem(name="big.csv", size=5 * 1024 * 1024 + 1) == (
        "big.csv is 5.1 MB; the largest file an import accepts is 5 MB. Split it into smaller files, "
        "or remove sheets and images the import does not read."
    )


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_opened():
    data = bomb_workbook(unpacked_mb=60)

    assert len(data) < 1024 * 1024
    with pytest.raises(ImportTooLarge) as error:
        workbook_check(data=data, name="bomb.xlsx")
    assert str(error.value).startswith("bomb.xlsx unpacks to 60.1 MB; the limit is 50 MB.")


def test_a_part_compressed_far_more_than_any_real_sheet_is_refused():
    data = bomb_workbook(unpacked_mb=20)

    with pytest.raises(ImportTooLarge) as error:
        workbook_check(data=data, name="bomb.xlsx")
    assert "bomb.xlsx has a part (xl/worksheets/sheet1.xml) compressed" in str(error.value)
    assert "real workbooks are compressed at most 100 times" in str(error.value)


def test_a_workbook_of_thousands_of_parts_is_refused():
    with pytest.raises(ImportTooLarge) as error:
        workbook_check(data=many_members_workbook(MAX_MEMBERS), name="parts.xlsx")
    assert str(error.value).startswith("parts.xlsx holds 1,005 files inside it;")


def test_an_ordinary_workbook_passes_every_check():
    workbook_check(data=openpyxl_workbook([["a", "b"], [1, 2]]), name="book.xlsx")


def test_rows_are_read_beyond_a_declared_dimension_that_is_too_small():
    data = with_dimension(openpyxl_workbook([["a", "b", "c", "d"]] + [[n, n, n, n] for n in range(11)]), "A1:D2")

    rows = rows_of(data)

    assert len(rows) == 12
    assert rows[-1] == (10, 10, 10, 10)


def test_columns_are_read_beyond_a_declared_dimension_that_is_too_narrow():
    data = with_dimension(openpyxl_workbook([["a", "b", "c", "d", "e", "f"], [1, 2, 3, 4, 5, 6]]), "A1:B2")

    assert rows_of(data) == [("a", "b", "c", "d", "e", "f"), (1, 2, 3, 4, 5, 6)]


def test_a_workbook_with_inline_strings_and_no_dimension_is_read():
    assert rows_of(inline_string_workbook([["a", "b"], ["x", 2]])) == [("a", "b"), ("x", 2)]


def test_a_sheet_with_more_rows_than_the_limit_is_refused_naming_the_sheet():
    data = inline_string_workbook([["a"]] + [[n] for n in range(import_max_rows())], title="Data")

    with pytest.raises(ImportTooLarge) as error:
        rows_of(data)
    assert str(error.value) == (
        "book.xlsx, sheet \u201cData\u201d has more than 2,000 rows; the limit is 2,000. Split it into smaller files."
    )


def test_blank_rows_after_the_limit_are_not_counted():
    rows = [["a"]] + [[n] for n in range(import_max_rows() - 1)] + [[None]] * 50

    assert len(rows_of(inline_string_workbook(rows))) == import_max_rows()


def test_a_cell_beyond_the_last_column_is_refused_with_its_column_letter():
    data = inline_string_workbook([["a"] + [None] * (MAX_COLUMNS - 1) + ["stray"]])

    with pytest.raises(ImportTooLarge) as error:
        rows_of(data)
    assert str(error.value).startswith(
        "book.xlsx, sheet \u201cSheet1\u201d, row 1 has something in column AY; an import reads at most 50 columns"
    )


def test_a_file_that_is_not_a_zip_is_not_taken_for_a_large_one():
    with pytest.raises(Exception) as error:
        workbook_check(data=b"PK\x03\x04 not really", name="broken.xlsx")
    assert not isinstance(error.value, ImportTooLarge)
    assert zipped({"a": "b"})  # the builder itself works


def test_the_row_limit_is_the_setting(settings):
    settings.CYP_IMPORT_MAX_ROWS = 10
    rows = [["a"]] + [[n] for n in range(10)]

    with pytest.raises(ImportTooLarge) as error:
        rows_of(inline_string_workbook(rows))
    assert "has more than 10 rows; the limit is 10." in str(error.value)
    assert len(rows_of(inline_string_workbook(rows[:10]))) == 10


@pytest.mark.parametrize("data", [damaged_workbook(), entity_bomb_workbook()], ids=["damaged", "entity-bomb"])
def test_a_sheet_whose_xml_cannot_be_read_is_refused_with_the_fix(data):
    with pytest.raises(WorkbookUnreadable) as error:
        rows_of(data)
    assert str(error.value).startswith("book.xlsx cannot be read: sheet \u201cSheet1\u201d is damaged (ParseError).")
    assert str(error.value).endswith("save it again as an Excel Workbook (.xlsx) and import the new file.")
