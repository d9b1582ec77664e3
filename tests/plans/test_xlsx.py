"""XLSX import and export in the published plan's columns, checked whole before anything is written."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cyp.audit import audit_events_for
from cyp.enums import ReviewState
from cyp.imports import import_max_rows
from plans.enums import ActionStatus
from plans.imports import plan_import
from plans.models import Action, ProgressUpdate, Recommendation
from plans.selectors import actions_with_state
from plans.xlsx import REQUIRED, plan_xlsx_read, plan_xlsx_write
from tests.cyp.xlsx_files import (
    bomb_workbook,
    damaged_workbook,
    entity_bomb_workbook,
    inline_string_workbook,
    with_dimension,
)
from tests.plans.factories import ActionFactory, ProgressUpdateFactory

AS_AT = datetime.date(2024, 9, 30)
HEADER = [*REQUIRED, "Status", "Due date"]


def workbook(
    rows, *, recommendations=((1, "WORKFORCE", "The stability and capacity of the workforce"),), header=HEADER
):
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Children's Services Ofsted Action Plan"])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    if recommendations is not None:
        recs = book.create_sheet("Recommendations")
        recs.append(["No", "Theme", "Recommendation"])
        for rec in recommendations:
            recs.append([str(rec[0]), rec[1], rec[2]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def action_row(number="1.1", *, item="Building capacity", timescale="March 25", progress="", status=None, due=None):
    return [
        number,
        item,
        "Practice is consistent",
        "Executive Director",
        timescale,
        "Agency staff to 15%",
        progress,
        status,
        due,
    ]


def run_import(plan, data, by, **kwargs):
    return plan_import(plan=plan, parsed=plan_xlsx_read(data), by=by, as_at=AS_AT, filename="plan.xlsx", **kwargs)


def test_import_creates_recommendations_and_actions_with_due_dates_from_timescales(plan, governance):
    data = workbook(
        [
            ["1", "WORKFORCE"],
            action_row("1.1", timescale="March 25"),
            action_row("1.2", timescale="ongoing"),
            action_row("1.10", timescale="December 2024", progress="Caseloads at 29"),
        ]
    )

    result = run_import(plan, data, governance)

    assert (result.errors, result.created, result.progress, result.written) == (
        [],
        ["1.1", "1.2", "1.10"],
        ["1.10"],
        True,
    )
    actions = {a.number: a for a in Action.objects.filter(plan=plan)}
    assert [
        (n, a.due_date, a.ongoing, a.status, a.position)
        for n, a in sorted(actions.items(), key=lambda i: i[1].position)
    ] == [
        ("1.1", datetime.date(2025, 3, 31), False, ActionStatus.NOT_STARTED, 1),
        ("1.2", None, True, ActionStatus.NOT_STARTED, 2),
        ("1.10", datetime.date(2024, 12, 31), False, ActionStatus.ON_TRACK, 3),
    ]
    assert actions["1.1"].success_criteria == ["Agency staff to 15%"]
    assert Recommendation.objects.get(plan=plan).theme == "WORKFORCE"
    progress = ProgressUpdate.objects.get()
    assert (progress.text, progress.date, progress.state, progress.author) == (
        "Caseloads at 29",
        AS_AT,
        ReviewState.APPROVED,
        governance,
    )
    assert [e.action for e in audit_events_for(plan)] == ["plan.import"]
    assert [e.action for e in audit_events_for(progress)] == ["progress.approve"]


def test_a_file_with_errors_writes_nothing_and_lists_every_problem_by_row_and_column(plan, governance):
    data = workbook(
        [
            action_row("1.1", timescale="Spring"),
            action_row("1.2", status="Green"),
            action_row("1.1"),
            action_row("one", item=""),
            action_row("2.1"),
            [*action_row("1.3")[:3], "Head of Service <nobody@example.org>", *action_row("1.3")[4:]],
            action_row("1.4", due="the end of March"),
        ]
    )

    result = run_import(plan, data, governance)

    assert result.written is False
    assert result.errors == [
        "Sheet Plan, row 3, column Timescale: 'Spring' is not a timescale cyp can read: write a month and year such "
        "as 'March 2025', a date such as 31/03/2025, or 'ongoing', or fill in the Due date column",
        "Sheet Plan, row 4, column Status: 'Green' is not a status: write one of Complete, On track, At risk, "
        "Off track, Not started",
        "Sheet Plan, row 5, column No: action 1.1 is also on row 3",
        "Sheet Plan, row 6, column No: 'one' is not an action number: write the recommendation's number, a dot and "
        "the action's, such as 1.1",
        "Sheet Plan, row 9, column Due date: 'the end of March' is not a date: write it as 31/03/2025",
        "Sheet Plan, row 7, column No: action 2.1 belongs to recommendation 2, which is not in the plan: add it to the "
        "Recommendations sheet with its text",
        "Sheet Plan, row 8, column Responsible Officer: nobody in cyp has the e-mail address "
        "nobody@example.org: correct it, or leave only the post",
    ]
    assert (Action.objects.count(), Recommendation.objects.count(), ProgressUpdate.objects.count()) == (0, 0, 0)
    assert list(audit_events_for(plan)) == []


def test_a_number_typed_as_a_number_is_refused_because_5_1_and_5_10_look_alike(plan, governance):
    result = run_import(plan, workbook([[5.1, *action_row()[1:]]]), governance)

    assert result.errors == [
        "Sheet Plan, row 3, column No: 5.1 is stored as a number, so 5.1 and 5.10 cannot be told apart: "
        "format the column as Text and type the numbers again"
    ]


def test_missing_columns_are_named_with_the_published_layout(plan, governance):
    result = run_import(plan, workbook([["1.1", "Item"]], header=["No", "Item", "Outcome"]), governance)

    assert result.errors == [
        "Sheet Plan: the header row is missing the columns Responsible Officer, Timescale, Success criteria, "
        "Progress. The columns are those of the published plan: No, Item, Outcome, Responsible Officer, Timescale, "
        "Success criteria, Progress (and, optionally, Status, Due date, Progress date)."
    ]


def test_a_file_that_is_not_a_workbook_is_refused(plan, governance):
    result = run_import(plan, b"No,Item\n1.1,Something", governance)

    assert result.errors[0].startswith("The file is not an Excel workbook (.xlsx) cyp can read")


def test_an_excel_date_in_the_timescale_is_read_as_its_month(plan, governance):
    run_import(plan, workbook([action_row(timescale=datetime.datetime(2025, 3, 1))]), governance)

    action = Action.objects.get()
    assert (action.timescale, action.due_date) == ("March 2025", datetime.date(2025, 3, 31))


def test_reimporting_leaves_unchanged_actions_alone_and_records_only_new_progress(plan, governance, recommendation):
    existing = ActionFactory(recommendation=recommendation, number="1.1", item="Building capacity")
    ProgressUpdateFactory(action=existing, text="Caseloads at 29")
    untouched = ActionFactory(recommendation=recommendation, number="1.2")

    result = run_import(
        plan,
        workbook([action_row("1.1", progress="Caseloads at 29"), action_row("1.3", progress="New")]),
        governance,
    )

    assert (result.created, result.changed, result.progress, result.not_in_file) == (["1.3"], ["1.1"], ["1.3"], ["1.2"])
    assert ProgressUpdate.objects.filter(action=existing).count() == 1
    assert Action.objects.get(pk=untouched.pk).item == untouched.item


def test_check_only_reports_what_would_happen_and_writes_nothing(plan, governance):
    result = run_import(plan, workbook([action_row("1.1", progress="Started")]), governance, check_only=True)

    assert (result.errors, result.created, result.progress, result.written) == ([], ["1.1"], ["1.1"], False)
    assert Action.objects.count() == 0


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_only_governance_imports(request, plan, persona):
    with pytest.raises(PermissionDenied):
        run_import(plan, workbook([action_row()]), request.getfixturevalue(persona))

    assert Action.objects.count() == 0


def test_export_has_the_published_columns_a_heading_per_recommendation_and_approved_progress_only(plan, action):
    ProgressUpdateFactory(action=action, text="Approved words", date=datetime.date(2024, 7, 31))
    ProgressUpdateFactory(action=action, text="Draft words", state=ReviewState.DRAFT)
    states = actions_with_state(Action.objects.filter(plan=plan), on=datetime.date(2024, 10, 8))

    book = load_workbook(io.BytesIO(plan_xlsx_write(plan=plan, states=states)))

    rows = list(book["Plan"].iter_rows(values_only=True))
    assert rows[2] == (
        "No",
        "Item",
        "Outcome",
        "Responsible Officer",
        "Timescale",
        "Success criteria",
        "Progress",
        "Status",
        "Due date",
        "Progress date",
    )
    assert rows[3][:2] == ("1", "WORKFORCE")
    assert rows[4][0] == "1.1" and rows[4][6] == "Approved words" and rows[4][7] == "On track"
    assert rows[4][3] == f"{action.responsible_post} <{action.responsible_user.email}>".strip()
    assert list(book["Recommendations"].iter_rows(values_only=True))[1][0] == "1"


def test_an_exported_plan_imports_back_unchanged(plan, action, governance):
    ProgressUpdateFactory(action=action, text="Approved words")
    states = actions_with_state(Action.objects.filter(plan=plan), on=datetime.date(2024, 10, 8))

    result = run_import(plan, plan_xlsx_write(plan=plan, states=states), governance)

    assert (result.errors, result.created, result.changed, result.progress) == ([], [], [], [])
    assert result.unchanged == ["1.1"]


def test_the_management_commands_export_and_import(plan, action, governance, tmp_path):
    output = tmp_path / "plan.xlsx"

    call_command("export_plan", str(plan.pk), "--output", str(output))
    call_command("import_plan", str(output), "--plan", str(plan.pk), "--user", "governance", "--as-at", "2024-09-30")

    assert Action.objects.get().item == action.item


def test_the_import_command_fails_loudly_and_writes_nothing_on_errors(plan, governance, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([action_row(timescale="Spring")]))

    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_plan", str(bad), "--plan", str(plan.pk), "--user", "governance")

    assert Action.objects.count() == 0


# -- Exports that never fail and never run, files as other tools write them, and the import limits ------------

#: Approved progress as Word leaves it (a manual line break, control characters) after a live formula.
HOSTILE = '=HYPERLINK("http://x","y")\vsecond line\x01\x08\x1b\x1f end'
SHOWN = '=HYPERLINK("http://x","y")\nsecond line end'


def test_export_of_hostile_approved_progress_opens_shows_the_text_and_has_no_formula(plan, action):
    action.item = "-" + HOSTILE
    action.save()
    ProgressUpdateFactory(action=action, text=HOSTILE, date=datetime.date(2024, 7, 31))
    states = actions_with_state(Action.objects.filter(plan=plan), on=datetime.date(2024, 10, 8))

    book = load_workbook(io.BytesIO(plan_xlsx_write(plan=plan, states=states)))

    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    progress, item = book["Plan"]["G5"], book["Plan"]["B5"]
    assert (progress.value, progress.data_type, progress.quotePrefix) == (SHOWN, "s", True)
    assert (item.value, item.data_type, item.quotePrefix) == ("-" + SHOWN, "s", True)


def test_a_plan_whose_declared_dimension_is_too_small_is_imported_to_its_last_row(plan, governance):
    rows = [["1", "WORKFORCE"], *(action_row(f"1.{n}") for n in range(1, 12))]
    data = with_dimension(workbook(rows), "A1:D2")

    result = run_import(plan, data, governance)

    assert result.errors == []
    assert len(result.created) == 11


def test_a_plan_written_with_inline_strings_and_no_dimension_is_imported(plan, recommendation, governance):
    data = inline_string_workbook([HEADER, ["1", "WORKFORCE"], action_row("1.1")], title="Plan")

    result = run_import(plan, data, governance)

    assert (result.errors, result.created) == ([], ["1.1"])


def test_a_plan_workbook_that_unpacks_far_beyond_a_real_plan_is_refused_whole(plan, governance):
    result = run_import(plan, bomb_workbook(unpacked_mb=60, title="Plan"), governance)

    assert len(result.errors) == 1
    assert result.errors[0].startswith("The file unpacks to 60.1 MB; the limit is 50 MB.")
    assert Action.objects.count() == 0


def test_a_plan_with_more_rows_than_the_limit_is_refused_whole(plan, governance):
    rows = [["1", "WORKFORCE"], *(action_row(f"1.{n}") for n in range(1, import_max_rows()))]

    result = run_import(plan, inline_string_workbook([HEADER, *rows], title="Plan"), governance)

    assert result.errors == [
        "The file, sheet \u201cPlan\u201d has more than 2,000 rows; the limit is 2,000. Split it into smaller files."
    ]


def test_the_import_page_refuses_a_file_over_the_size_limit_naming_it(plan, as_persona, settings):
    settings.CYP_IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("plan.xlsx", b"PK\x03\x04" + b"x" * 1024 * 1024)

    response = as_persona("governance").post(
        reverse("plans:plan_import", kwargs={"plan_id": plan.pk}), {"file": upload, "as_at": "2024-09-30"}
    )

    assert "plan.xlsx is 1.1 MB; the largest file an import accepts is 1 MB." in response.content.decode()
    assert Action.objects.count() == 0


def test_the_import_page_shows_the_limit_of_a_bomb_instead_of_failing(plan, as_persona):
    upload = SimpleUploadedFile("plan.xlsx", bomb_workbook(unpacked_mb=60, title="Plan"))

    response = as_persona("governance").post(
        reverse("plans:plan_import", kwargs={"plan_id": plan.pk}), {"file": upload, "as_at": "2024-09-30"}
    )

    assert response.status_code == 200
    assert "plan.xlsx unpacks to 60.1 MB; the limit is 50 MB." in response.content.decode()


@pytest.mark.parametrize("data", [damaged_workbook(), entity_bomb_workbook()], ids=["damaged", "entity-bomb"])
def test_a_plan_workbook_whose_sheet_cannot_be_parsed_is_refused_not_a_crash(plan, governance, data):
    result = run_import(plan, data, governance)

    assert len(result.errors) == 1
    assert result.errors[0].startswith("The file cannot be read: sheet \u201cSheet1\u201d is damaged (ParseError).")
