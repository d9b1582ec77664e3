"""export_figures and the export page: the published Q1 2024/25 ratings come back out, safely, to whoever may."""

import csv
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cyp.models import Committee, Quarter
from indicators.enums import TargetStatus, Unit
from indicators.exports import COLUMNS, quarter_export
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
)

PUBLISHED = json.loads(
    (Path(__file__).resolve().parents[2] / "cyp" / "demo_data" / "cyp_indicators_q1_2024_25.json").read_text()
)["indicators"]


def export(*args) -> str:
    """export_figures for the first body set up (the demo's Children and Young People Committee)."""
    out = io.StringIO()
    if "--committee" not in args:
        args = (*args, "--committee", str(Committee.objects.order_by("id").values_list("pk", flat=True).first()))
    call_command("export_figures", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def hostile(committee, quarter):
    """An indicator whose texts would run as formulas in a spreadsheet if written as they are."""
    indicator = IndicatorFactory(committee=committee, number=1, name='=HYPERLINK("https://evil.example","Click")')
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("50"))
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        period_label="+June",
        value=Decimal("40"),
        not_updated=True,
        not_updated_reason="@SUM(A1:A9)",
    )
    return indicator


def test_export_after_load_demo_reproduces_every_published_rag_and_change_label(demo):
    rows = {int(row["indicator"]): row for row in read_csv(export("--quarter", "2024/25-Q1"))}

    assert len(rows) == 20
    for record in PUBLISHED:
        row = rows[record["number"]]
        assert (row["rag"], row["change"]) == (record["rag_published"], record["change_in_performance_published"]), (
            record["number"]
        )
    with_target = [record for record in PUBLISHED if record["target_status"] == "numeric"]
    contextual = [record for record in PUBLISHED if record["target_status"] == "contextual"]
    assert (len(with_target), len(contextual)) == (18, 2)
    assert {rows[record["number"]]["rag"] for record in contextual} == {"Contextual"}


def test_export_prints_plain_numbers_at_each_indicators_decimals(demo):
    rows = {int(row["indicator"]): row for row in read_csv(export("--quarter", "2024/25-Q1"))}

    assert {key: rows[11][key] for key in ("value", "previous_value", "target", "deviation_pct", "rag")} == {
        "value": "78.9",
        "previous_value": "74.6",
        "target": "75.0",
        "deviation_pct": "5.2",
        "rag": "Blue",
    }
    assert (rows[118]["value"], rows[118]["target"]) == ("1.59", "3.94")
    assert (rows[130]["deviation_pct"], rows[132]["deviation_pct"]) == ("-10.9", "-117.6")
    assert (rows[6]["target"], rows[6]["target_status"], rows[6]["deviation_pct"]) == ("", "contextual", "")
    assert (rows[128]["not_updated"], rows[128]["not_updated_reason"][:30]) == ("yes", "Following the introduction of ")
    assert rows[1]["period_label"] == "June 2024"
    assert rows[1]["previous_period_label"] == "May 2024"


def test_export_has_the_columns_in_order(db, quarter, committee):
    header = export("--quarter", "2024/25-Q1").splitlines()[0]

    assert header.split(",") == COLUMNS
    assert {
        "indicator",
        "name",
        "period_label",
        "value",
        "previous_value",
        "target",
        "direction",
        "deviation_pct",
        "rag",
        "change",
    } <= set(COLUMNS)


def test_export_writes_an_excel_workbook_with_numbers_as_numbers(demo, tmp_path):
    path = tmp_path / "q1.xlsx"

    export("--quarter", "2024/25-Q1", "--output", str(path))

    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    by_number = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert {number: row["rag"] for number, row in by_number.items()} == {
        record["number"]: record["rag_published"] for record in PUBLISHED
    }
    assert by_number[11]["value"] == pytest.approx(78.9)
    value_cell = next(cell for cell in sheet[12] if cell.column_letter == "H")
    assert value_cell.number_format == "0.0"
    assert sheet.title == "2024-25-Q1"


def test_export_writes_csv_to_a_file_with_a_byte_order_mark_for_excel(demo, tmp_path):
    path = tmp_path / "q1.csv"

    export("--quarter", "2024/25-Q1", "--format", "csv", "--output", str(path))

    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeffindicator,name,")
    assert len(read_csv(text)) == 20


def test_export_refuses_an_excel_workbook_on_standard_output(db, quarter, committee):
    with pytest.raises(CommandError, match="name a file with --output"):
        export("--quarter", "2024/25-Q1", "--format", "xlsx")


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2024/25-Q9", "'2024/25-Q9' is not a quarter: write it as 2024/25-Q1"),
        ("Q1 2024", "'Q1 2024' is not a quarter: write it as 2024/25-Q1"),
        ("2031/32-Q1", "There is no quarter 2031/32-Q1 yet."),
    ],
)
def test_export_explains_a_quarter_it_cannot_find(db, quarter, committee, label, message):
    with pytest.raises(CommandError) as error:
        export("--quarter", label)

    assert str(error.value) == message


def test_export_csv_guards_text_against_formula_injection(hostile):
    row = read_csv(export("--quarter", "2024/25-Q1"))[0]

    assert row["name"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert row["period_label"] == "'+June"
    assert row["not_updated_reason"] == "'@SUM(A1:A9)"
    # Numbers are never prefixed: a negative deviation stays a number.
    assert row["deviation_pct"] == "-20.0"


def test_export_xlsx_guards_text_against_formula_injection(hostile, tmp_path):
    path = tmp_path / "q1.xlsx"

    export("--quarter", "2024/25-Q1", "--output", str(path))

    sheet = load_workbook(path).active
    row = dict(zip(COLUMNS, sheet[2], strict=True))
    # Shown as typed, stored as text with Excel's quote prefix (cyp.cells): never a formula.
    name, label, reason = row["name"], row["period_label"], row["not_updated_reason"]
    assert (name.value, name.data_type, name.quotePrefix) == ('=HYPERLINK("https://evil.example","Click")', "s", True)
    assert (label.value, label.data_type, label.quotePrefix) == ("+June", "s", True)
    assert (reason.value, reason.data_type, reason.quotePrefix) == ("@SUM(A1:A9)", "s", True)
    assert (row["deviation_pct"].value, row["deviation_pct"].data_type) == (-20, "n")


# -- The export page -------------------------------------------------------------------------------


@pytest.fixture
def catalogue(committee, quarter, area, other_area):
    """Two indicators with figures and targets: what a forbidden download could leak."""
    for number, service_area in ((1, area), (2, other_area)):
        indicator = IndicatorFactory(committee=committee, number=number, service_area=service_area)
        TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75"))
        FigureFactory(indicator=indicator, value=Decimal("78.9"))
    return quarter


def url(quarter: Quarter, **query) -> str:
    path = reverse("export_quarter", kwargs={"quarter": quarter})
    return path + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


@pytest.mark.parametrize("persona", ["lead", "other_lead", "governance", "administrator"])
def test_export_page_downloads_an_unpublished_quarter_for_staff(as_persona, catalogue, persona):
    response = as_persona(persona).get(url(catalogue))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cyp-figures-2024-25-Q1.csv"'
    rows = read_csv(response.content.decode("utf-8"))
    assert [(row["indicator"], row["value"], row["target"], row["rag"]) for row in rows] == [
        ("1", "78.9", "75.0", "Blue"),
        ("2", "78.9", "75.0", "Blue"),
    ]


def test_export_page_is_forbidden_to_a_member_until_the_quarter_is_published(as_persona, catalogue):
    client = as_persona("member")

    forbidden = client.get(url(catalogue))
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=catalogue)
    allowed = client.get(url(catalogue))

    assert forbidden.status_code == 403
    assert b"78.9" not in forbidden.content
    assert allowed.status_code == 200
    assert len(read_csv(allowed.content.decode())) == 2


def test_export_page_sends_anonymous_visitors_to_sign_in(as_persona, catalogue):
    response = as_persona("anonymous").get(url(catalogue))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_export_page_downloads_an_excel_workbook(as_persona, catalogue):
    response = as_persona("governance").get(url(catalogue, format="xlsx"))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="cyp-figures-2024-25-Q1.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["indicator", 1, 2]


def test_export_page_refuses_an_unknown_format(as_persona, catalogue):
    response = as_persona("governance").get(url(catalogue, format="pdf"))

    assert response.status_code == 400
    assert response.content == b"Choose format=csv or format=xlsx."


def test_export_page_is_not_found_for_a_quarter_that_does_not_exist(as_persona, catalogue):
    response = as_persona("governance").get(reverse("export_quarter", kwargs={"quarter": "2030-31-Q2"}))

    assert response.status_code == 404


# -- Query counts ----------------------------------------------------------------------------------


def build(committee, quarter, size: int) -> None:
    for number in range(1, size + 1):
        indicator = IndicatorFactory(committee=committee, number=number, unit=Unit.PERCENT)
        if number % 3:
            TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("60"))
        else:
            TargetFactory(indicator=indicator, year=quarter.year, value=None, status=TargetStatus.CONTEXTUAL)
        for month in (4, 5, 6):
            FigureFactory(indicator=indicator, period_end=datetime.date(2024, month, 28), value=Decimal(50 + month))


@pytest.mark.parametrize("size", [3, 30])
def test_quarter_export_runs_the_same_queries_whatever_the_number_of_indicators(
    committee, quarter, size, django_assert_num_queries
):
    QuarterFactory(year__start_year=2023, number=4)
    build(committee, quarter, size)

    # The five of quarter_rows, the benchmarks and the current figures' breakdowns.
    with django_assert_num_queries(7):
        rows = quarter_export(committee=committee, quarter=quarter)

    assert len(rows) == size


@pytest.mark.parametrize("size", [3, 30])
def test_export_page_runs_the_same_queries_whatever_the_number_of_indicators(as_persona, committee, quarter, size):
    build(committee, quarter, size)
    client = as_persona("governance")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(quarter, format="xlsx"))

    assert response.status_code == 200
    # Session, user, quarter, committee, then the export's own (no quarter before, so four), the benchmarks
    # and the breakdowns.
    assert len(queries) == 10
