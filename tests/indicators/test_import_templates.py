"""The import templates: headings in the performance team's words, example rows the import skips, a Read me sheet
on every column, and the README's column lists, all written from the one set of column definitions."""

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.imports import ImportKind, ImportRejected, sheets_for, template_csv, template_xlsx
from indicators.imports.figures import plan
from indicators.imports.reading import normalise_heading, read_table
from indicators.imports.templates import READ_ME_TITLE, readme_with_columns, template_columns
from indicators.models import Figure
from indicators.services import spreadsheet_import
from tests.factories import IndicatorFactory

URL = reverse("import_upload")
README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_column_as_the_code_defines_it():
    text = README.read_text(encoding="utf-8")

    assert readme_with_columns(text) == text, (
        "README.md's import columns are out of date: rewrite them with the command in its Import columns section."
    )


@pytest.mark.parametrize("kind", list(ImportKind))
def test_the_excel_template_has_each_sheet_with_its_examples_and_a_read_me_on_every_column(kind):
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(kind)))
    sheets = sheets_for(kind)

    assert workbook.sheetnames == [*(sheet.name for sheet in sheets), READ_ME_TITLE]
    for sheet in sheets:
        rows = list(workbook[sheet.name].iter_rows(values_only=True))
        assert list(rows[0]) == [column.title for column in template_columns(sheet)]
        assert [row[0] for row in rows[1:]] == ["Example \u2013 delete this row"] * len(sheet.examples)
    documented = {
        (row[0], row[1]) for row in workbook[READ_ME_TITLE].iter_rows(values_only=True) if row and row[0] and row[1]
    }
    expected = {(sheet.name, column.title) for sheet in sheets for column in template_columns(sheet)}
    assert expected <= documented
    read_me = {row[1]: row for row in workbook[READ_ME_TITLE].iter_rows(values_only=True) if row and row[1]}
    first = template_columns(sheets[0])[1]
    assert read_me[first.title][3] == first.help
    assert read_me[first.title][4].startswith(first.accepted)


def test_every_column_says_what_it_means_what_it_takes_and_gives_an_example_or_its_words():
    for kind in ImportKind:
        for sheet in sheets_for(kind):
            for column in sheet.columns:
                assert column.heading and column.help and column.accepted, (kind, sheet.name, column.name)


@pytest.mark.parametrize("kind", list(ImportKind))
def test_a_template_straight_from_the_page_has_only_examples_so_imports_nothing(committee, kind):
    for data, filename in ((template_xlsx(kind), f"{kind}.xlsx"), (template_csv(kind).encode(), f"{kind}.csv")):
        with pytest.raises(ImportRejected) as error:
            spreadsheet_import(kind=kind, committee=committee, data=data, filename=filename)

        assert error.value.lines()[-1].endswith(
            "has only the template's example rows: add your own rows under the headings, and delete the examples."
        )


def test_the_template_s_example_rows_with_a_row_of_one_s_own_import_the_row_alone(committee):
    IndicatorFactory(committee=committee, number=11)
    data = template_csv("figures") + ",11,August 2023,,78.9,,,,,,,,,,,,Month\r\n"

    summary = spreadsheet_import(kind="figures", committee=committee, data=data.encode(), filename="figures.csv")

    assert summary.headline.startswith("Imported 1 figure from figures.csv: 1 created")
    assert summary.warnings == [
        "Lines 2 and 3 are example rows of the template (\u201cExample \u2013 delete this row\u201d), so skipped."
    ]
    assert list(Figure.objects.values_list("period_label", "value")) == [("August 2023", Decimal("78.9"))]


def test_something_else_in_the_example_column_is_refused_naming_the_fix(committee):
    IndicatorFactory(committee=committee, number=11)
    data = b"Example,Indicator number,Period end,Value\nmine,11,2023-08,78.9\n"

    with pytest.raises(ImportRejected) as error:
        spreadsheet_import(kind="figures", committee=committee, data=data, filename="figures.csv")

    assert error.value.lines() == [
        "Line 2, column Example: only the template's example rows have something here (\u201cExample \u2013 delete "
        "this row\u201d); clear this cell for a row of your own, or delete the row."
    ]


def test_headings_in_words_codes_and_aliases_mean_the_same_columns(committee):
    IndicatorFactory(committee=committee, number=11)
    data = b"KPI;Month;X;Y;Figure covers\n11;Aug 2023;45;57;YTD\n"

    spreadsheet_import(kind="figures", committee=committee, data=data, filename="figures.csv")

    figure = Figure.objects.get()
    assert (figure.basis, figure.period_label, figure.numerator, figure.denominator) == (
        "year_to_date",
        "August 2023",
        45,
        57,
    )


@pytest.mark.parametrize("persona", ["governance", "administrator"])
def test_the_import_page_offers_each_template_as_excel(as_persona, db, persona):
    client = as_persona(persona)

    page = client.get(URL).content.decode()
    response = client.get(URL, {"template": "figures", "format": "xlsx"})

    assert 'href="?template=figures&amp;format=xlsx"' in page
    assert '<h3 class="h5" id="columns-figures-benchmarks">The benchmarks sheet</h3>' in page
    assert response["Content-Disposition"] == 'attachment; filename="cyp-figures-template.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == [
        "figures",
        "benchmarks",
        "breakdowns",
        READ_ME_TITLE,
    ]
    assert client.get(URL, {"template": "figures", "format": "ods"}).status_code == 404


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member", "anonymous"])
def test_the_excel_template_is_not_for_leads_members_or_the_public(as_persona, db, persona):
    response = as_persona(persona).get(URL, {"template": "figures", "format": "xlsx"})

    assert response.status_code in (302, 403)
    assert response.get("Content-Disposition") is None


def test_the_page_names_the_sheet_of_each_problem(as_persona, committee):
    IndicatorFactory(committee=committee, number=11)
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx("figures")))
    workbook["figures"].append([None, 11, "2023-08", None, 50])
    workbook["benchmarks"].append([None, 11, "Wales", None, "2022/23", None, 1])
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = as_persona("governance").post(
        URL, {"kind": "figures", "file": SimpleUploadedFile("figures.xlsx", buffer.getvalue())}
    )

    page = response.content.decode()
    assert '<th scope="col">Sheet</th>' in page
    assert "<tr><td>benchmarks</td><td>4</td><td>Comparator</td><td>\u2018Wales\u2019 is not a comparator" in page


def workbook_of(rows: int) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx("figures")))
    for index in range(rows):
        number, month = 11 + index % 3, f"{2020 + index // 12}-{index % 12 + 1:02d}"
        workbook["figures"].append([None, number, month, None, 50])
        workbook["benchmarks"].append(
            [None, number, "England", None, f"{2000 + index}/{(index + 1) % 100:02d}", None, 40]
        )
        workbook["breakdowns"].append([None, number, month, None, "Age band", f"Band {index}", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("rows", [3, 30])
def test_checking_a_workbook_costs_the_same_queries_whatever_its_rows(committee, rows):
    for number in (11, 12, 13):
        IndicatorFactory(committee=committee, number=number)
    table = read_table(
        data=workbook_of(rows),
        filename="figures.xlsx",
        kind=ImportKind.FIGURES,
        columns=sheets_for("figures")[0].columns,
    )

    with CaptureQueriesContext(connection) as queries:
        checked, _warnings = plan(table=table, committee=committee)

    assert (len(checked.figures), len(checked.benchmarks)) == (rows, rows)
    assert len(queries) == 1  # the indicators named on any sheet


def test_no_two_columns_of_a_sheet_answer_to_the_same_heading():
    for kind in ImportKind:
        for sheet in sheets_for(kind):
            owners: dict[str, set[str]] = {}
            for column in template_columns(sheet):
                for written in (*column.aliases, column.heading, column.name):
                    owners.setdefault(normalise_heading(written), set()).add(column.name)
            assert {key: names for key, names in owners.items() if len(names) > 1} == {}, (kind, sheet.name)
