"""Importing a plan from its XLSX workbook: checked whole, then written in one transaction.

``plan_import_check`` adds to the parsed file's errors what only the database
can tell (a recommendation without text, an e-mail that is nobody's);
``plan_import`` writes nothing at all unless there are no errors.

What an import does to the plan:

- recommendations in the file are created or updated (number, theme, text);
- actions in the file are created or updated by number (item, outcome,
  responsible officer, timescale, due date, success criteria, and status when
  the file has a Status column); actions not in the file are left as they are
  (nothing is deleted);
- a Progress cell that differs from the action's latest approved progress
  becomes a new progress update, approved by the person importing (who must be
  allowed to approve progress), dated the Progress date column or the day given
  as ``as_at``, with the status in the file (or, without one, the action's);
- a new action without a Status column is "Not started" when its Progress is
  empty and "On track" otherwise.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from cyp import limits
from cyp.audit import audit_record, changes_between
from cyp.dates import long_date
from cyp.enums import AuditAction, ReviewState
from cyp.limits import limit_problem
from plans.enums import ActionStatus
from plans.models import Action, Plan, ProgressUpdate, Recommendation, action_sort_key
from plans.xlsx import ActionRow, ParsedPlan


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    recommendations: list[int] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def plan_import_check(*, plan: Plan, parsed: ParsedPlan) -> list[str]:
    """Every error of the file, the parser's and the database's, in row order."""
    errors = list(parsed.errors) + _length_errors(parsed)
    existing = {rec.number: rec for rec in plan.recommendations.all()}
    for action in parsed.actions:
        rec = parsed.recommendations.get(action.recommendation)
        if action.recommendation not in existing and (rec is None or not rec.text):
            errors.append(
                f"Sheet {parsed.sheet}, row {action.row}, column No: action {action.number} belongs to recommendation "
                f"{action.recommendation}, which is not in the plan: add it to the Recommendations sheet "
                "with its text"
            )
    known = _people_by_email(parsed)
    for action in parsed.actions:
        if action.responsible_email and action.responsible_email.lower() not in known:
            errors.append(
                f"Sheet {parsed.sheet}, row {action.row}, column Responsible Officer: "
                f"nobody in cyp has the e-mail address {action.responsible_email}: correct it, or leave only the post"
            )
    return errors


def _length_errors(parsed: ParsedPlan) -> list[str]:
    """A cell longer than its field may hold refuses the file: sheet, row, column, length and limit."""
    errors = []

    def check(where: str, column: str, value: str, limit: int) -> None:
        too_long = limit_problem("this cell", value, limit)
        if too_long:
            errors.append(f"{where}, column {column}: {too_long}")

    for rec in sorted(parsed.recommendations.values(), key=lambda rec: rec.row):
        where = f"Sheet Recommendations, row {rec.row}" if rec.row else f"Sheet {parsed.sheet}"
        check(where, "Theme", rec.theme, _max_length(Recommendation, "theme"))
        check(where, "Recommendation", rec.text, limits.RECOMMENDATION)
    for row in parsed.actions:
        where = f"Sheet {parsed.sheet}, row {row.row}"
        check(where, "Item", row.item, limits.ACTION_TEXT)
        check(where, "Outcome", row.outcome, limits.ACTION_TEXT)
        check(where, "Responsible Officer", row.responsible_post, _max_length(Action, "responsible_post"))
        check(where, "Timescale", row.timescale, _max_length(Action, "timescale"))
        check(where, "Success criteria", "\n".join(row.success_criteria), limits.SUCCESS_CRITERIA)
        check(where, "Progress", row.progress, limits.PROGRESS)
    return errors


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _people_by_email(parsed: ParsedPlan) -> dict:
    """Active people whose e-mail (in any case) the file names, by lower-cased e-mail."""
    emails = {action.responsible_email.lower() for action in parsed.actions if action.responsible_email}
    if not emails:
        return {}
    people = (
        get_user_model().objects.annotate(email_lower=Lower("email")).filter(is_active=True, email_lower__in=emails)
    )
    return {person.email_lower: person for person in people}


def _default_status(row: ActionRow) -> ActionStatus:
    return ActionStatus.ON_TRACK if row.progress else ActionStatus.NOT_STARTED


def plan_import(
    *, plan: Plan, parsed: ParsedPlan, by, as_at: datetime.date, filename: str = "", check_only: bool = False
) -> ImportResult:
    """Check the whole file, then (unless ``check_only`` or there is any error) write it in one transaction.

    Side effects when written: recommendations, actions (and their history),
    approved progress updates; audit events ``plan.import`` on the plan (what was
    created and changed, and the file), ``plan.action_change`` per changed action
    and ``progress.approve`` per imported progress update.
    """
    if not by.has_perm("plans.import_plan", plan):
        raise PermissionDenied("Only the governance team imports plans.")
    result = ImportResult(errors=plan_import_check(plan=plan, parsed=parsed))
    if result.errors:
        return result
    users = _people_by_email(parsed)
    existing = {action.number: action for action in plan.actions.select_related("responsible_user")}
    latest = {}
    for update in ProgressUpdate.objects.filter(action__plan=plan, state=ReviewState.APPROVED).order_by("date", "id"):
        latest[update.action_id] = update
    in_file = {row.number for row in parsed.actions}
    result.not_in_file = sorted((n for n in existing if n not in in_file), key=action_sort_key)
    if check_only:
        _plan_changes(parsed, existing, latest, users, result)
        return result
    with transaction.atomic():
        recommendations = _write_recommendations(plan, parsed, result)
        _write_actions(plan, parsed, by, as_at, filename, recommendations, existing, latest, users, result)
        audit_record(
            action=AuditAction.PLAN_IMPORT,
            target=plan,
            actor=by,
            changes={
                "created": [[], result.created],
                "changed": [[], result.changed],
                "progress": [[], result.progress],
            },
            comment=f"Imported from {filename or 'a workbook'}: {len(result.created)} created, "
            f"{len(result.changed)} changed, {len(result.progress)} progress updates.",
        )
        result.written = True
    return result


def _action_values(row: ActionRow, users: dict, current: Action | None) -> dict:
    values = {
        "item": row.item,
        "outcome": row.outcome,
        "responsible_post": row.responsible_post,
        "responsible_user": users.get(row.responsible_email.lower()) if row.responsible_email else None,
        "timescale": row.timescale,
        "due_date": row.due_date,
        "ongoing": row.ongoing,
        "success_criteria": row.success_criteria,
    }
    if current is None or current.outcome != row.outcome:
        # The points of an outcome are its lines; an outcome left as it was keeps its points.
        values["outcome_points"] = [line.strip() for line in row.outcome.split("\n") if line.strip()]
    if row.status is not None:
        values["status"] = row.status.value
    elif current is None:
        values["status"] = _default_status(row).value
    return values


def _plan_changes(parsed, existing, latest, users, result: ImportResult) -> None:
    """What writing would do, for a check-only run."""
    for row in parsed.actions:
        current = existing.get(row.number)
        if current is None:
            result.created.append(row.number)
        elif changes_between(
            {f: getattr(current, f) for f in _action_values(row, users, current)}, _action_values(row, users, current)
        ):
            result.changed.append(row.number)
        else:
            result.unchanged.append(row.number)
        previous = latest.get(current.pk) if current else None
        if row.progress and (previous is None or previous.text.strip() != row.progress.strip()):
            result.progress.append(row.number)


def _write_recommendations(plan: Plan, parsed: ParsedPlan, result: ImportResult) -> dict[int, Recommendation]:
    recommendations = {rec.number: rec for rec in plan.recommendations.all()}
    for number, row in sorted(parsed.recommendations.items()):
        rec = recommendations.get(number)
        if rec is None:
            recommendations[number] = Recommendation.objects.create(
                plan=plan, number=number, theme=row.theme, text=row.text
            )
            result.recommendations.append(number)
            continue
        theme, text = row.theme or rec.theme, row.text or rec.text
        if (theme, text) != (rec.theme, rec.text):
            rec.theme, rec.text = theme, text
            rec.save()
            result.recommendations.append(number)
    return recommendations


def _write_actions(plan, parsed, by, as_at, filename, recommendations, existing, latest, users, result) -> None:
    all_numbers = sorted(set(existing) | {row.number for row in parsed.actions}, key=action_sort_key)
    positions = {number: index for index, number in enumerate(all_numbers, start=1)}
    for row in parsed.actions:
        current = existing.get(row.number)
        values = _action_values(row, users, current)
        values["recommendation"] = recommendations[row.recommendation]
        values["position"] = positions[row.number]
        if current is None:
            action = Action(plan=plan, number=row.number, **values)
            action._history_user = by
            action.save()
            result.created.append(row.number)
        else:
            before = {field: getattr(current, field) for field in values}
            changes = changes_between(before, values)
            changes.pop("position", None)
            for field, value in values.items():
                setattr(current, field, value)
            if changes or before["position"] != values["position"]:
                current._history_user = by
                current.save()
            if changes:
                audit_record(
                    action=AuditAction.PLAN_ACTION_CHANGE,
                    target=current,
                    actor=by,
                    changes=changes,
                    comment=f"Imported from {filename or 'a workbook'}",
                )
                result.changed.append(row.number)
            else:
                result.unchanged.append(row.number)
            action = current
        previous = latest.get(action.pk)
        if row.progress and (previous is None or previous.text.strip() != row.progress.strip()):
            _import_progress(action, row, by, as_at, filename)
            result.progress.append(row.number)


def _import_progress(action: Action, row: ActionRow, by, as_at: datetime.date, filename: str) -> None:
    if not by.has_perm("plans.approve_progressupdate"):
        raise PermissionDenied("Importing progress approves it: only the governance team may.")
    date = row.progress_date or as_at
    update = ProgressUpdate(
        action=action,
        date=date,
        date_note="" if row.progress_date else f"Dated the day given for the import ({long_date(as_at)}).",
        status=(row.status or ActionStatus(action.status)).value,
        text=row.progress,
        author=by,
        state=ReviewState.APPROVED,
        state_changed_by=by,
        state_changed_at=timezone.now(),
    )
    update._history_user = by
    update.save()
    audit_record(
        action=AuditAction.PROGRESS_APPROVE,
        target=update,
        actor=by,
        changes=changes_between({}, {"date": update.date, "status": update.status, "text": update.text}),
        comment=f"Approved on import of {filename or 'a workbook'}",
    )
