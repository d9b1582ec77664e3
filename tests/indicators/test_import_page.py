"""The governance team's upload page: who may use it, the summary, and every problem with nothing written."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cyp.enums import AuditAction
from cyp.imports import import_max_bytes
from cyp.models import AuditEvent
from indicators.models import Figure
from tests.factories import IndicatorFactory

URL = reverse("import_upload")
GOOD = b"indicator,period_end,period_label,value\n11,2024-06-30,June 2024,78.9\n"
BAD = b"indicator,period_end,period_label,value\n11,2024-06-30,June 2024,abc\n11,2024-07-31,,50\n"


@pytest.fixture
def indicator(committee):
    return IndicatorFactory(committee=committee, number=11)


def upload(client, data: bytes, name: str = "figures.csv", kind: str = "figures", **extra):
    return client.post(URL, {"kind": kind, "file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_import_page_is_forbidden_to_leads_and_members(as_persona, persona, indicator):
    client = as_persona(persona)

    assert client.get(URL).status_code == 403
    assert client.get(URL, {"template": "figures"}).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert Figure.objects.count() == 0


def test_import_page_sends_anonymous_visitors_to_sign_in(as_persona, indicator):
    client = as_persona("anonymous")

    response = upload(client, GOOD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Figure.objects.count() == 0


@pytest.mark.parametrize("persona", ["governance", "administrator"])
def test_import_page_is_open_to_governance_and_administrators(as_persona, persona, indicator):
    response = as_persona(persona).get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Import indicators, targets or figures</h1>" in content
    for kind in ("indicators", "targets", "figures"):
        assert f'href="?template={kind}"' in content


def test_import_page_chooses_figures_unless_told_otherwise(as_persona, db):
    client = as_persona("governance")

    assert (
        'value="figures" class="form-check-input" id="id_kind_2" required checked' in client.get(URL).content.decode()
    )
    assert (
        'value="targets" class="form-check-input" id="id_kind_1" required checked'
        in client.get(URL, {"kind": "targets"}).content.decode()
    )


def test_import_page_imports_a_good_file_and_shows_the_summary(as_persona, governance, indicator):
    client = as_persona("governance")

    response = upload(client, GOOD)

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?kind=figures"
    page = client.get(response["Location"]).content.decode()
    assert "Imported 1 figure from figures.csv: 1 created, 0 updated, 0 unchanged." in page
    assert list(Figure.objects.values_list("period_end", "value")) == [(datetime.date(2024, 6, 30), Decimal("78.9"))]
    event = AuditEvent.objects.get(action=AuditAction.IMPORT_FIGURES)
    assert (event.action, event.actor, event.actor_role) == (AuditAction.IMPORT_FIGURES, governance, "governance")
    figure_event = AuditEvent.objects.get(action=AuditAction.FIGURE_CHANGE)
    assert (figure_event.actor, figure_event.changes["value"]) == (governance, [None, "78.9"])


def test_import_page_imports_an_excel_workbook(as_persona, indicator):
    book = Workbook()
    book.active.append(["indicator", "period_end", "period_label", "value"])
    book.active.append([11, datetime.datetime(2024, 6, 30), "June 2024", 61.5])
    data = io.BytesIO()
    book.save(data)

    response = upload(as_persona("governance"), data.getvalue(), name="return.xlsx")

    assert response.status_code == 302
    assert Figure.objects.get().value == Decimal("61.5")


def test_import_page_lists_every_problem_with_line_and_column_and_writes_nothing(as_persona, indicator):
    response = upload(as_persona("governance"), BAD)

    assert response.status_code == 200
    content = response.content.decode()
    assert "The file was not imported" in content
    assert "2 problems to fix, listed below. Nothing was written: correct the file and upload it again." in content
    assert "<tr><td>2</td><td>value</td><td>\u2018abc\u2019 is not a number; write it like 78.9.</td></tr>" in content
    assert (
        "<tr><td>3</td><td>period_label</td><td>This cell is empty; write the period as printed, like June 2024."
        "</td></tr>" in content
    )
    assert Figure.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    # The kind chosen is kept for the next try.
    assert 'value="figures" class="form-check-input" id="id_kind_2" required checked' in content


def test_import_page_shows_a_whole_file_problem_without_a_line(as_persona, indicator):
    content = upload(as_persona("governance"), b"", name="figures.csv").content.decode()

    assert "The submitted file is empty." not in content
    assert "The file is empty: there is nothing to import." in content


def test_import_page_escapes_what_the_file_says(as_persona, indicator):
    content = upload(
        as_persona("governance"), b"indicator,period_end,period_label,value\n11,2024-06-30,June,<script>x</script>\n"
    ).content.decode()

    assert "<script>x</script>" not in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content


def test_import_page_asks_for_a_file_and_a_kind(as_persona, db):
    response = as_persona("governance").post(URL, {})

    content = response.content.decode()
    assert "Choose what the file holds: indicators, targets or figures." in content
    assert "Choose the file to import." in content


def test_import_page_refuses_a_file_over_the_size_limit(as_persona, indicator):
    response = upload(as_persona("governance"), b"x" * (import_max_bytes() + 1))

    assert (
        "figures.csv is 5.1 MB; the largest file an import accepts is 5 MB. Split it into smaller files"
        in response.content.decode()
    )
    assert Figure.objects.count() == 0


def test_import_page_dry_run_says_what_would_change_and_writes_nothing(as_persona, indicator):
    client = as_persona("governance")

    response = upload(client, GOOD, dry_run="on")

    page = client.get(response["Location"]).content.decode()
    assert (
        "Checked 1 figure from figures.csv, and wrote nothing: 1 would be created, 0 would be updated, 0 would stay "
        "unchanged." in page
    )
    assert (Figure.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_import_page_shows_created_service_areas_and_warnings_after_the_import(as_persona, committee):
    client = as_persona("governance")
    data = (
        b"number,name,unit,direction,frequency,service_area,colour\n"
        b"5,Fostering,count,higher_is_better,month,Fostering,red\n"
    )

    response = upload(client, data, name="indicators.csv", kind="indicators")

    page = client.get(response["Location"]).content.decode()
    assert "New service area created: Fostering." in page
    assert "Warning: Column \u201ccolour\u201d is not one this import reads, so it was ignored." in page


@pytest.mark.parametrize("kind", ["indicators", "targets", "figures"])
def test_import_page_template_is_a_csv_heading_row_and_example_rows(as_persona, db, kind):
    response = as_persona("governance").get(URL, {"template": kind})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="cyp-{kind}-template.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffExample,Indicator number,")
    assert body.count("\r\n") == 3  # the heading row and two example rows


def test_import_page_has_no_template_for_an_unknown_kind(as_persona, db):
    assert as_persona("governance").get(URL, {"template": "payroll"}).status_code == 404
