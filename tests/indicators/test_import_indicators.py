"""import_indicators: the catalogue from a spreadsheet, all of it or none of it."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cyp.enums import AuditAction, Role
from cyp.models import AuditEvent, ServiceArea
from indicators.enums import Direction, Frequency, IndicatorStatus, Unit
from indicators.models import Indicator, UsefulLink
from tests.factories import CommitteeFactory, IndicatorFactory, UsefulLinkFactory, UserFactory

FILES = Path(__file__).resolve().parent / "files"
HEADINGS = "number,name,unit,direction,frequency,service_area"


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_indicators", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def rejected(path) -> list[str]:
    with pytest.raises(CommandError) as error:
        run(path)
    return str(error.value).splitlines()


def csv_file(tmp_path, text: str, name: str = "indicators.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def owner(db):
    return UserFactory(username="priya", email="Priya.Shah@example.org", role=Role.SERVICE_LEAD)


def test_import_indicators_creates_every_field_of_the_catalogue(committee, governance):
    output = run(FILES / "indicators_good.csv")

    indicator = Indicator.objects.get(number=201)
    assert (indicator.name, indicator.unit, indicator.direction, indicator.frequency) == (
        "Percentage of Early Help assessments completed within 45 days",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        Frequency.MONTH,
    )
    assert (indicator.formula, indicator.x_definition, indicator.y_definition, indicator.decimals) == (
        "(X/Y)*100",
        "Assessments completed within 45 days",
        "Assessments completed",
        1,
    )
    assert indicator.owner == governance
    assert indicator.sources == ["Early Help Module", "Policy Insight & Programmes Team"]
    assert [(link.title, link.url) for link in indicator.useful_links.all()] == [
        ("Early Help strategy", "https://www.example.org/early-help"),
        ("LAIT", ""),
    ]
    custody = Indicator.objects.get(number=203)
    assert custody.status == IndicatorStatus.SUSPENDED
    assert custody.decimals == 0
    assert [link.title for link in custody.useful_links.all()] == ["Youth Justice Board", "LAIT"]
    assert "Imported 3 indicators from indicators_good.csv: 3 created, 0 updated" in output


def test_import_indicators_creates_an_unknown_service_area_and_says_so(committee, governance):
    ServiceArea.objects.create(committee=committee, name="Youth Justice", slug="youth-justice")

    output = run(FILES / "indicators_good.csv")

    assert sorted(ServiceArea.objects.values_list("name", flat=True)) == [
        "Children's Social Care",
        "Early Help",
        "Youth Justice",
    ]
    # "youth justice" in the file is the existing area, whatever its case.
    assert Indicator.objects.get(number=203).service_area.name == "Youth Justice"
    assert "New service area created: Early Help." in output
    assert "New service area created: Children's Social Care." in output
    assert "New service area created: youth justice" not in output


def test_import_indicators_updates_by_number_and_counts_unchanged_rows(committee, tmp_path):
    first = csv_file(tmp_path, f"{HEADINGS}\n7,Old name,percent,higher_is_better,month,Education\n")
    run(first)
    second = csv_file(
        tmp_path,
        f"{HEADINGS}\n7,New name,percent,higher_is_better,month,Education\n"
        "8,Other,count,lower_is_better,year,Education\n",
    )

    output = run(second)
    again = run(second)

    assert Indicator.objects.get(number=7).name == "New name"
    assert Indicator.objects.count() == 2
    assert "1 created, 1 updated, 0 unchanged" in output
    assert "0 created, 0 updated, 2 unchanged" in again


def test_import_indicators_leaves_fields_of_columns_not_in_the_file_as_they_are(committee, tmp_path):
    indicator = IndicatorFactory(committee=committee, number=7, description="Kept as written.", decimals=2)
    UsefulLinkFactory(indicator=indicator, title="Kept link")

    run(csv_file(tmp_path, f"{HEADINGS}\n7,Renamed,percent,higher_is_better,month,Education\n"))

    indicator.refresh_from_db()
    assert (indicator.name, indicator.description, indicator.decimals) == ("Renamed", "Kept as written.", 2)
    assert [link.title for link in indicator.useful_links.all()] == ["Kept link"]


def test_import_indicators_clears_a_field_whose_column_is_in_the_file_but_empty(committee, tmp_path, owner):
    IndicatorFactory(committee=committee, number=7, description="Old text.", owner=owner)

    run(csv_file(tmp_path, f"{HEADINGS},description,owner\n7,Same,percent,higher_is_better,month,Education,,\n"))

    indicator = Indicator.objects.get(number=7)
    assert (indicator.description, indicator.owner) == ("", None)


def test_import_indicators_finds_the_owner_by_email_in_any_case(committee, tmp_path, owner):
    run(
        csv_file(
            tmp_path, f"{HEADINGS},owner\n7,Named,percent,higher_is_better,month,Education,priya.shah@EXAMPLE.org\n"
        )
    )

    assert Indicator.objects.get(number=7).owner == owner


def test_import_indicators_accepts_labels_and_arrows_for_unit_direction_and_frequency(committee, tmp_path):
    run(
        csv_file(
            tmp_path,
            f"{HEADINGS}\n7,Labels,Percentage,\u2193,Quarterly,Education\n"
            "8,Words,Rate per 10000,Higher is better,Termly,Education\n",
        )
    )

    assert list(Indicator.objects.values_list("number", "unit", "direction", "frequency")) == [
        (7, Unit.PERCENT, Direction.LOWER_IS_BETTER, Frequency.QUARTER),
        (8, Unit.RATE_PER_10000, Direction.HIGHER_IS_BETTER, Frequency.TERM),
    ]


def test_import_indicators_records_one_audit_event_without_an_actor_from_the_command(committee, governance):
    run(FILES / "indicators_good.csv")

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_id) == (AuditAction.IMPORT_INDICATORS, None, committee.pk)
    assert event.changes == {
        "file": [None, "indicators_good.csv"],
        "rows": [None, 3],
        "created": [None, 3],
        "updated": [None, 0],
        "unchanged": [None, 0],
    }


def test_import_indicators_dry_run_reports_the_counts_and_writes_nothing(committee, governance):
    output = run(FILES / "indicators_good.csv", "--dry-run")

    assert "Checked 3 indicators from indicators_good.csv, and wrote nothing: 3 would be created" in output
    assert (Indicator.objects.count(), ServiceArea.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


def test_import_indicators_rejects_the_whole_file_listing_every_bad_row(committee):
    lines = rejected(FILES / "indicators_bad.csv")

    assert lines[0] == "indicators_bad.csv: The file was not imported: 11 problems to fix. Nothing was written."
    assert lines[1:] == [
        "Line 3, column name: this cell is empty; every indicator needs a name.",
        "Line 4, column unit: \u2018percent of pupils\u2019 is not a unit; write Percentage, Rate per 10,000, "
        "Average score, Count, Average in days, Ratio, Money (\u00a3) or Per FTE (a caseload per full-time worker).",
        "Line 4, column direction: \u2018sideways\u2019 is not a direction for improvement; write Higher is better, "
        "Lower is better, or None (also: No direction).",
        "Line 4, column frequency: \u2018fortnightly\u2019 is not a frequency; write Monthly, Quarterly, Termly or "
        "Yearly.",
        "Line 4, column service_area: this cell is empty; every indicator needs a service area.",
        "Line 4, column decimals: 7 is out of range: write a whole number from 0 to 6.",
        "Line 4, column status: \u2018retired\u2019 is not a status; write Active or Suspended (Active if empty).",
        "Line 4, column useful_links: \u2018htp//nowhere\u2019 is not a web address; write each link as "
        "Title|https://www.example.org/page.",
        "Line 4, column owner: no one with the user name or e-mail address \u2018nobody@example.org\u2019 has an "
        "account; add them first, or leave the cell empty.",
        "Line 5, column number: indicator 301 is already on line 2; list each indicator once.",
        "Line 6, column number: \u201830.5\u2019 is not a whole number; write it like 117.",
    ]
    # Line 2 was good, and still nothing at all was written.
    assert (Indicator.objects.count(), ServiceArea.objects.count(), UsefulLink.objects.count()) == (0, 0, 0)
    assert AuditEvent.objects.count() == 0


def test_import_indicators_refuses_an_owner_that_matches_two_people(committee, tmp_path):
    UserFactory(username="sam", email="team@example.org")
    UserFactory(username="jo", email="TEAM@example.org")

    lines = rejected(
        csv_file(tmp_path, f"{HEADINGS},owner\n7,Shared,percent,higher_is_better,month,Education,team@example.org\n")
    )

    assert (
        lines[1]
        == "Line 2, column owner: \u2018team@example.org\u2019 matches 2 people; write the owner's user name instead."
    )


def test_import_indicators_names_the_missing_required_columns(committee, tmp_path):
    lines = rejected(csv_file(tmp_path, "number,name,unit\n7,A,percent\n"))

    assert lines[1] == (
        "Line 1: the heading row has no Direction for improvement, Frequency, Service area columns. The first row must "
        "hold the "
        "column headings: download the template to see them."
    )


def test_import_indicators_needs_a_committee_id_when_there_are_several(committee, tmp_path):
    other = CommitteeFactory(council="Another Council")
    path = csv_file(tmp_path, f"{HEADINGS}\n7,A,percent,higher_is_better,month,Education\n")

    with pytest.raises(CommandError, match="several committees; choose one with --committee ID"):
        run(path)
    run(path, "--committee", str(other.pk))

    assert Indicator.objects.get().committee == other


def test_import_indicators_says_when_the_file_does_not_exist(committee, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run(tmp_path / "missing.csv")
