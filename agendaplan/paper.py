"""The agenda plan paper of a pack (``ItemKind.AGENDA_PLAN``): the body's plan from the meeting on.

Registered with ``reports.papers`` by the app's ready(); the pack's renderers draw it
(``reports.render.pdf_agenda_plan`` and the pack's HTML). It prints what the council's
plan prints (seed 002): each meeting from this one on with its deadlines for draft reports
and despatch, and each item with its lead officer and key decision reference. Withdrawn
items are left out; a deferred item says where it came from.
"""

from __future__ import annotations

from django.utils.formats import date_format

from agendaplan.enums import PlannedItemStatus
from agendaplan.selectors import plan_meetings
from reports.document import AgendaPlanMeeting, AgendaPlanPaper, AgendaPlanRow
from reports.models import Meeting

NOTES = (
    "* indicates items expected to be recommended for determination by full Council.",
    "+ indicates items expected to be confidential, which would exclude the press and public.",
)

PRINTED = (PlannedItemStatus.PLANNED, PlannedItemStatus.DEFERRED, PlannedItemStatus.ON_AGENDA)


def _row(item) -> AgendaPlanRow:
    notes = []
    if item.deferred_from is not None:
        notes.append(f"Deferred from {date_format(item.deferred_from, 'j F Y')}.")
    if item.note:
        notes.append(item.note)
    return AgendaPlanRow(
        title=item.title,
        lead_officer=item.lead_officer_name,
        key_decision_reference=item.forward_plan_label,
        marks=item.marks,
        note="\n\n".join(notes),
    )


def agenda_plan_paper_build(*, meeting: Meeting) -> AgendaPlanPaper:
    """The plan as it stands, from ``meeting`` on (the meetings with at least one item printed)."""
    committee = meeting.committee
    plan = plan_meetings(committee=committee, since=meeting.date, today=meeting.date, statuses=PRINTED)
    added = [row.item.added_on for entry in plan for row in entry.rows]
    rules = (
        f"The agenda and reports are open to inspection {committee.inspection_clear_days} clear days before each "
        f"meeting; a key decision is on the forward plan {committee.key_decision_clear_days} clear days before "
        "it is taken."
    )
    return AgendaPlanPaper(
        committee_name=committee.name,
        published_on=min(added) if added else None,
        notes=(*NOTES, rules),
        meetings=tuple(
            AgendaPlanMeeting(
                date=entry.date,
                draft_reports_due=entry.deadlines.draft_due,
                agenda_despatch=entry.deadlines.despatch,
                rows=tuple(_row(row.item) for row in entry.rows),
            )
            for entry in plan
            if entry.rows
        ),
    )
