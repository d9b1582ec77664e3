"""import_targets: a number or a status per indicator and financial year, all of the file or none of it."""

import datetime
import io
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cyp.enums import AuditAction
from cyp.models import AuditEvent, FinancialYear, Quarter
from indicators.enums import TargetStatus, Unit
from indicators.models import Target
from tests.factories import FinancialYearFactory, IndicatorFactory, TargetFactory

FILES = Path(__file__).resolve().parent / "files"


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_targets", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def rejected(path) -> list[str]:
    with pytest.raises(CommandError) as error:
        run(path)
    return str(error.value).splitlines()


def csv_file(tmp_path, text: str) -> Path:
    path = tmp_path / "targets.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def catalogue(committee):
    FinancialYearFactory(start_year=2024)
    return {
        201: IndicatorFactory(committee=committee, number=201, unit=Unit.PERCENT),
        202: IndicatorFactory(committee=committee, number=202, unit=Unit.RATE_PER_10000),
        203: IndicatorFactory(committee=committee, number=203, unit=Unit.COUNT),
    }


def test_import_targets_creates_numbers_and_statuses(catalogue):
    output = run(FILES / "targets_good.csv")

    assert sorted(Target.objects.values_list("indicator__number", "year__start_year", "value", "status", "note")) == [
        (201, 2024, Decimal("75.0000"), TargetStatus.NUMERIC, "Set by the Early Help board in April 2024"),
        (201, 2025, Decimal("80.0000"), TargetStatus.NUMERIC, ""),
        (202, 2024, Decimal("40.5000"), TargetStatus.NUMERIC, ""),
        (203, 2024, None, TargetStatus.CONTEXTUAL, ""),
    ]
    assert "Imported 4 targets from targets_good.csv: 4 created" in output


def test_import_targets_creates_a_missing_year_with_its_four_quarters_and_says_so(catalogue):
    output = run(FILES / "targets_good.csv")

    assert list(FinancialYear.objects.values_list("start_year", flat=True)) == [2024, 2025]
    assert list(Quarter.objects.filter(year__start_year=2025).values_list("number", flat=True)) == [1, 2, 3, 4]
    assert "New financial year created: 2025/26, with its four quarters." in output


def test_import_targets_updates_by_indicator_and_year_and_turns_a_number_into_a_status(catalogue, tmp_path):
    TargetFactory(indicator=catalogue[201], year=FinancialYear.objects.get(start_year=2024), value=Decimal("70"))
    TargetFactory(indicator=catalogue[202], year=FinancialYear.objects.get(start_year=2024), value=Decimal("40"))

    output = run(csv_file(tmp_path, "indicator,year,target,status\n201,2024-25,,baseline\n202,2024/2025,40,\n"))

    assert sorted(Target.objects.values_list("indicator__number", "value", "status")) == [
        (201, None, TargetStatus.BASELINE),
        (202, Decimal("40.0000"), TargetStatus.NUMERIC),
    ]
    assert "0 created, 1 updated, 1 unchanged" in output


def test_import_targets_accepts_a_percent_sign_for_a_percentage_and_the_status_label(catalogue, tmp_path):
    run(csv_file(tmp_path, "indicator,year,target,status\n201,2024/25,72.5%,\n202,2024/25,,In development\n"))

    assert sorted(Target.objects.values_list("indicator__number", "value", "status")) == [
        (201, Decimal("72.5000"), TargetStatus.NUMERIC),
        (202, None, TargetStatus.IN_DEVELOPMENT),
    ]


def test_import_targets_warns_about_a_zero_target_and_imports_it(catalogue, tmp_path):
    output = run(csv_file(tmp_path, "indicator,year,target\n203,2024/25,0\n"))

    assert Target.objects.get().value == 0
    assert (
        "Warning: Line 2: indicator 203's target for 2024/25 is zero, so it is rated by the zero-target rule: "
        "equal is Green, better is Blue, worse is Red."
    ) in output


def test_import_targets_records_an_audit_event_with_the_counts(catalogue):
    run(FILES / "targets_good.csv")

    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == (AuditAction.IMPORT_TARGETS, None)
    assert event.changes["created"] == [None, 4]


def test_import_targets_rejects_the_whole_file_listing_every_bad_row(catalogue):
    lines = rejected(FILES / "targets_bad.csv")

    assert lines[1:] == [
        "Line 2, column target: there is both a target (75) and a status (contextual); keep the number, or the "
        "status for an indicator without a target.",
        "Line 3, column target: there is neither a target nor a status; write a number in target, or Contextual, "
        "Baseline or In development in status.",
        "Line 4, column year: \u20182024\u2019 is not a financial year; write it like 2024/25.",
        "Line 5, column year: \u20182025-27\u2019 is not a financial year; write it like 2024/25.",
        "Line 6, column target: indicator 202 is a rate per 10,000, so the target cannot be negative (you entered -1).",
        "Line 7, column target: indicator 201 is a percentage, so the target must be between 0 and 100 (you entered "
        "150).",
        "Line 8, column indicator: there is no indicator 999 in the catalogue; check the number, or add the "
        "indicator first with the indicators import.",
        "Line 9, column status: \u2018retired\u2019 is not a target status; write Contextual, Baseline or "
        "In development.",
        "Line 10, column year: indicator 202 already has a target for 2027/28 on line 9; give each indicator one "
        "target a year.",
    ]
    assert (Target.objects.count(), FinancialYear.objects.count(), AuditEvent.objects.count()) == (0, 1, 0)


def test_import_targets_writes_no_year_when_a_later_row_is_bad(catalogue, tmp_path):
    rejected(csv_file(tmp_path, "indicator,year,target\n201,2030/31,50\n201,2031/32,abc\n"))

    assert not FinancialYear.objects.filter(start_year__gte=2030).exists()
    assert Target.objects.count() == 0


def test_import_targets_needs_a_target_or_a_status_column(catalogue, tmp_path):
    lines = rejected(csv_file(tmp_path, "indicator,year,note\n201,2024/25,Agreed\n"))

    assert lines[1] == "Line 1: the heading row needs a Target column, a Target status column, or both."


def test_import_targets_explains_a_year_that_excel_turned_into_a_date(catalogue, tmp_path):
    workbook = Workbook()
    workbook.active.append(["indicator", "year", "target"])
    workbook.active.append([201, datetime.datetime(2024, 1, 25), 75])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "targets.xlsx"
    path.write_bytes(buffer.getvalue())

    lines = rejected(path)

    assert lines[1] == (
        "Line 2, column year: the spreadsheet turned this into a date; format the column as text and write 2024/25."
    )
