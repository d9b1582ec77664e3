"""A plan as an XLSX workbook, in the column layout of the published plan. Reads never write.

Sheet **Plan** (the first sheet): a header row (found within the first ten rows)
with the published columns ``No, Item, Outcome, Responsible Officer, Timescale,
Success criteria, Progress`` and, optionally, ``Status``, ``Due date`` and
``Progress date``. Column order does not matter; header names are matched
without regard to case. Rows below it are:

- a recommendation heading: No is a whole number ("1" or "1."), Item is the
  theme ("WORKFORCE"), everything else empty;
- an action: No is "1.1" (the recommendation's number, a dot, the action's);
  Item is required;
- empty rows, which are skipped.

Sheet **Recommendations** (optional when every recommendation already exists
in the plan): ``No, Theme, Recommendation``.

Cells: ``No`` must be text (a number cell cannot tell 5.1 from 5.10);
``Success criteria`` holds one criterion per line (bullets "•", "-", "*" are
dropped); ``Timescale`` is as printed ("March 25", "ongoing") and gives the due
date unless a ``Due date`` is given (a date cell Excel made from "March 2025"
is read as that month); ``Responsible Officer`` is the post as printed and may
end with a person's e-mail in angle brackets, "Head of Service <sam@council.gov.uk>".
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from cyp.cells import DATE_FORMAT, xlsx_append
from cyp.imports import ImportFileRefused, sheet_rows, workbook_check
from plans.enums import ActionStatus
from plans.smart import TimescaleError, timescale_parse

REQUIRED = ["No", "Item", "Outcome", "Responsible Officer", "Timescale", "Success criteria", "Progress"]
OPTIONAL = ["Status", "Due date", "Progress date"]
RECOMMENDATION_COLUMNS = ["No", "Theme", "Recommendation"]
ACTION_NUMBER = re.compile(r"^(\d+)\.(\d+)$")
HEADING_NUMBER = re.compile(r"^(\d+)\.?$")
EMAIL = re.compile(r"<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$")
BULLET = re.compile(r"^\s*(?:[•\-*–]\s+|[•])")


@dataclass
class RecommendationRow:
    number: int
    theme: str = ""
    text: str = ""
    row: int = 0


@dataclass
class ActionRow:
    row: int
    number: str
    recommendation: int
    item: str
    outcome: str
    responsible_post: str
    responsible_email: str
    timescale: str
    due_date: datetime.date | None
    ongoing: bool
    success_criteria: list[str]
    progress: str
    status: ActionStatus | None
    progress_date: datetime.date | None


@dataclass
class ParsedPlan:
    recommendations: dict[int, RecommendationRow] = field(default_factory=dict)
    actions: list[ActionRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    has_status_column: bool = False
    sheet: str = "Plan"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def _date(value, *, where: str, errors: list[str]) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(f"{where}: '{text}' is not a date: write it as 31/03/2025")
    return None


def _status(value, *, where: str, errors: list[str]) -> ActionStatus | None:
    text = _text(value)
    if not text:
        return None
    wanted = text.lower().replace("-", " ").replace("_", " ")
    for status in ActionStatus:
        if wanted in (status.label.lower(), status.value.replace("_", " ")):
            return status
    allowed = ", ".join(status.label for status in ActionStatus)
    errors.append(f"{where}: '{text}' is not a status: write one of {allowed}")
    return None


def _header(rows: list[tuple], wanted: list[str]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, column name -> index) for the first row whose first filled cell is "No"."""
    lowered = {name.lower(): name for name in wanted}
    for index, row in enumerate(rows[:10]):
        cells = [_text(cell).lower() for cell in row]
        if "no" in cells:
            return index, {lowered[cell]: column for column, cell in enumerate(cells) if cell in lowered}
    return None


def _timescale(value, due_cell, *, where: str, errors: list[str]) -> tuple[str, datetime.date | None, bool]:
    """(timescale as printed, due date, ongoing)."""
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        # Excel turns "March 2025" into 1 March 2025: read the first of a month as the month.
        if day.day == 1:
            following = day.replace(year=day.year + (day.month == 12), month=day.month % 12 + 1)
            return f"{day:%B %Y}", following - datetime.timedelta(days=1), False
        return f"{day.day} {day:%B %Y}", day, False
    text = _text(value)
    due = _date(due_cell, where=f"{where.rsplit(',', 1)[0]}, column Due date", errors=errors)
    if due is not None:
        return text, due, False
    try:
        parsed = timescale_parse(text)
    except TimescaleError as error:
        errors.append(f"{where}: {error}, or fill in the Due date column")
        return text, None, False
    return text, parsed.due_date, parsed.ongoing


def plan_xlsx_read(data: bytes, *, name: str = "The file") -> ParsedPlan:
    """Parse and check a whole workbook. Nothing is written; ``errors`` says what to fix, by row and column.

    The limits of every import (``cyp.imports``: size, unpacked size, rows, columns) refuse the
    file whole, with one error; the rows are read as they are in the file, whatever its declared dimension.
    """
    from openpyxl import load_workbook

    parsed = ParsedPlan()
    try:
        workbook_check(data=data, name=name)
    except ImportFileRefused as error:
        parsed.errors.append(str(error))
        return parsed
    except (zipfile.BadZipFile, ValueError):
        parsed.errors.append(f"{name} is not an Excel workbook (.xlsx) cyp can read: save it from Excel as .xlsx.")
        return parsed
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        parsed.errors.append(f"The file is not an Excel workbook (.xlsx) cyp can read: {type(error).__name__}.")
        return parsed
    try:
        sheets = {sheet_name.lower(): workbook[sheet_name] for sheet_name in workbook.sheetnames}
        plan_sheet = sheets.get("plan") or workbook[workbook.sheetnames[0]]
        if "recommendations" in sheets:
            _read_recommendations(_rows(sheets["recommendations"], name), parsed)
        parsed.sheet = plan_sheet.title
        _read_actions(_rows(plan_sheet, name), parsed, plan_sheet.title)
    except ImportFileRefused as error:
        parsed.errors[:] = [str(error)]
    finally:
        workbook.close()
    return parsed


def _rows(sheet, name: str) -> list[tuple]:
    """Every row of the sheet, the first being row 1 (``cyp.imports.sheet_rows``: limits checked)."""
    return [cells for _line, cells in sheet_rows(sheet, name=name, values_only=True)]


def _read_recommendations(rows: list[tuple], parsed: ParsedPlan) -> None:
    found = _header(rows, RECOMMENDATION_COLUMNS)
    if found is None or len(found[1]) < len(RECOMMENDATION_COLUMNS):
        parsed.errors.append(
            "Sheet Recommendations: the header row must have the columns " + ", ".join(RECOMMENDATION_COLUMNS) + "."
        )
        return
    start, columns = found
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = {name: row[index] if index < len(row) else None for name, index in columns.items()}
        if not any(_text(value) for value in cells.values()):
            continue
        where = f"Sheet Recommendations, row {offset}"
        match = HEADING_NUMBER.match(_text(cells["No"]))
        if not match:
            parsed.errors.append(f"{where}, column No: '{_text(cells['No'])}' is not a recommendation number such as 1")
            continue
        number = int(match.group(1))
        if number in parsed.recommendations:
            parsed.errors.append(f"{where}, column No: recommendation {number} is listed twice")
            continue
        text = _text(cells["Recommendation"])
        if not text:
            parsed.errors.append(f"{where}, column Recommendation: write the recommendation's text")
        parsed.recommendations[number] = RecommendationRow(
            number=number, theme=_text(cells["Theme"]), text=text, row=offset
        )


def _read_actions(rows: list[tuple], parsed: ParsedPlan, sheet: str) -> None:
    found = _header(rows, REQUIRED + OPTIONAL)
    missing = [name for name in REQUIRED if found is None or name not in found[1]]
    if missing:
        parsed.errors.append(
            f"Sheet {sheet}: the header row is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. The columns are those of the published plan: {', '.join(REQUIRED)} "
            f"(and, optionally, {', '.join(OPTIONAL)})."
        )
        return
    start, columns = found
    parsed.has_status_column = "Status" in columns
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = {name: row[index] if index < len(row) else None for name, index in columns.items()}
        if not any(_text(value) for value in cells.values()):
            continue
        where = f"Sheet {sheet}, row {offset}"
        raw_number = cells["No"]
        if isinstance(raw_number, float):
            parsed.errors.append(
                f"{where}, column No: {raw_number} is stored as a number, so 5.1 and 5.10 cannot be told apart: "
                "format the column as Text and type the numbers again"
            )
            continue
        number = _text(raw_number)
        heading = HEADING_NUMBER.match(number)
        others = [name for name in cells if name not in ("No", "Item") and _text(cells[name])]
        if heading and not others:
            rec = parsed.recommendations.setdefault(
                int(heading.group(1)), RecommendationRow(number=int(heading.group(1)))
            )
            rec.theme = rec.theme or _text(cells["Item"])
            continue
        match = ACTION_NUMBER.match(number)
        if not match:
            parsed.errors.append(
                f"{where}, column No: '{number}' is not an action number: write the recommendation's number, "
                "a dot and the action's, such as 1.1"
            )
            continue
        if number in seen:
            parsed.errors.append(f"{where}, column No: action {number} is also on row {seen[number]}")
            continue
        seen[number] = offset
        item = _text(cells["Item"])
        if not item:
            parsed.errors.append(f"{where}, column Item: write what the action is")
        responsible = _text(cells["Responsible Officer"])
        email_match = EMAIL.search(responsible)
        email = email_match.group(1) if email_match else ""
        post = EMAIL.sub("", responsible).strip() if email_match else responsible
        timescale, due_date, ongoing = _timescale(
            cells["Timescale"], cells.get("Due date"), where=f"{where}, column Timescale", errors=parsed.errors
        )
        criteria = [BULLET.sub("", line).strip() for line in _text(cells["Success criteria"]).split("\n")]
        parsed.actions.append(
            ActionRow(
                row=offset,
                number=number,
                recommendation=int(match.group(1)),
                item=item,
                outcome=_text(cells["Outcome"]),
                responsible_post=post,
                responsible_email=email,
                timescale=timescale,
                due_date=due_date,
                ongoing=ongoing,
                success_criteria=[c for c in criteria if c],
                progress=_text(cells["Progress"]),
                status=_status(cells.get("Status"), where=f"{where}, column Status", errors=parsed.errors),
                progress_date=_date(
                    cells.get("Progress date"), where=f"{where}, column Progress date", errors=parsed.errors
                ),
            )
        )
    if not parsed.actions and not parsed.errors:
        parsed.errors.append(f"Sheet {sheet}: there are no actions below the header row.")


def plan_xlsx_write(*, plan, states) -> bytes:
    """The plan as a workbook: a title, the published columns plus Status, Due date and Progress date,
    a heading row per recommendation, and the Recommendations sheet. ``states`` come from
    plans.selectors.actions_with_state (latest approved progress only)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    xlsx_append(sheet, [plan.title], font=Font(bold=True, size=14))
    sheet.append([])
    xlsx_append(sheet, REQUIRED + OPTIONAL, font=Font(bold=True))
    by_recommendation: dict[int, list] = {}
    for state in states:
        by_recommendation.setdefault(state.action.recommendation_id, []).append(state)
    recommendations = list(plan.recommendations.order_by("number"))
    # No is text ("5.10" is not 5.1), the dates are days; every cell wraps at the top.
    formats = {0: "@", 8: DATE_FORMAT, 9: DATE_FORMAT}
    for rec in recommendations:
        cells = xlsx_append(sheet, [str(rec.number), rec.theme or rec.text], number_formats=formats)
        cells[1].font = Font(bold=True)
        for state in by_recommendation.get(rec.pk, []):
            action = state.action
            responsible = action.responsible_post
            if action.responsible_user is not None and action.responsible_user.email:
                responsible = f"{responsible} <{action.responsible_user.email}>".strip()
            xlsx_append(
                sheet,
                [
                    action.number,
                    action.item,
                    action.outcome,
                    responsible,
                    action.timescale or ("ongoing" if action.ongoing else ""),
                    "\n".join(action.success_criteria or []),
                    state.latest.text if state.latest else "",
                    state.status.label,
                    action.due_date,
                    state.latest.date if state.latest else None,
                ],
                number_formats=formats,
            )
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHIJ", (7, 50, 40, 30, 14, 45, 45, 12, 12, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B4"

    recs = workbook.create_sheet("Recommendations")
    xlsx_append(recs, RECOMMENDATION_COLUMNS, font=Font(bold=True))
    for rec in recommendations:
        cells = xlsx_append(recs, [str(rec.number), rec.theme, rec.text], number_formats={0: "@"})
        cells[2].alignment = Alignment(wrap_text=True, vertical="top")
    recs.column_dimensions["B"].width = 30
    recs.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
