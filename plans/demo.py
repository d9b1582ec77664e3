"""Loads the July 2024 Ofsted action plan and the Sector Led Improvement programme as published.

Reads only ``cyp/demo_data/ofsted_action_plan_2024.json`` and
``sli_programme_2024.json``. Safe to run twice: everything is keyed by its
natural key (plan title, recommendation number, action number, the published
progress of an action, a finding's type and text) and updated in place.

Decisions where the published plan is silent (all visible in the data):

- **Progress is undated** in the published plan. Each published progress entry
  is loaded as one approved progress update dated 31 July 2024, the last day of
  the month the plan is dated, with the note ``PUBLISHED_PROGRESS_NOTE``. Some
  entries mention August 2024 events, which the note says too. Approved, with no
  author and no approver, because the council published it; the plan's audit
  log has one ``plan.import`` event saying so. It is locked, as a pack cyp
  published would lock it, so committee members see it (they see only published
  progress: ``plans.selectors.progress_visible_to``).
- **The ten actions with empty progress** (2.1, 2.2, 2.4, 2.6, 3.4, 4.2, 5.1,
  5.10, 5.11, 7.2) get no progress update and the status "Not started".
- **There is no status column.** cyp has exactly five statuses. An action whose
  published progress reports it done is "Complete": 5.4 ("Complete") and 4.1
  ("This is finalised and approved by the Directorate Management Team (DMT)": the
  protocol the action was to develop and agree). Every other action with
  progress is "On track": work is reported and no problem is. So on 8 October
  2024 the overdue actions are 4.2, 5.2, 5.8 and 5.11; 4.1 and 5.4 had passed
  their timescales too but are complete.
- **Indicators** are linked only where an action's text names what an
  indicator measures: 1.2's "Reduction in the number of repeat referrals" is
  indicator 1 (re-referrals within 12 months) and its "Reduction in the number
  of children and young people coming into care" is indicator 3 (children in
  care per 10,000). No action mentions child protection plans (2, 117).
- **Responsible officers** are posts as printed; no officer has a cyp account.
  So that the demo service lead (``lead``, Children's Social Care) can record
  progress, they are a delegate on the actions of the "Service Director:
  Children's Social Care", alone or jointly (3.1 to 3.5, 6.1, 7.1, 7.2).
- **SLI findings** are not attributed to a phase or a service in the source, so
  both are empty. A finding is linked to the actions that answer it only where
  the words match: "Lower caseloads" (1.1, 1.3, 1.4, whose criteria cap
  caseloads), "Continued professional development" (1.1), "More focus on
  creating the right capacity" (1.1, 3.2), "Improve partnership working with
  other agencies" (3.4) and "Recording was inconsistent on children's files"
  (1.3, "improvement in case recording").
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from cyp.audit import audit_record
from cyp.enums import AuditAction, ReviewState
from cyp.models import Committee, User
from indicators.models import Indicator
from plans.enums import ActionStatus, FindingType, InspectionType, PlanSource
from plans.models import Action, Finding, Plan, ProgressUpdate, Recommendation, SliPhase, SliProgramme

DATA = Path(__file__).resolve().parent.parent / "cyp" / "demo_data"

PLAN_DATE = datetime.date(2024, 7, 31)
PUBLISHED_PROGRESS_NOTE = (
    "Undated in the published plan (July 2024): dated the last day of the plan's month. "
    "Some entries mention events of August 2024."
)
DONE_AS_PUBLISHED = {"4.1", "5.4"}
INDICATOR_LINKS = {"1.2": (1, 3)}
DEMO_DELEGATE = "lead"
DELEGATE_FOR_POST = "Service Director: Children's Social Care"
FINDING_ACTIONS = {
    "Lower caseloads": ("1.1", "1.3", "1.4"),
    "Continued professional development": ("1.1",),
    "More focus on creating the right capacity": ("1.1", "3.2"),
    "Improve partnership working with other agencies": ("3.4",),
    "Recording was inconsistent on children's files": ("1.3",),
}


def read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _month(text: str | None) -> datetime.date | None:
    """ "2023-08" -> 1 August 2023."""
    return datetime.date.fromisoformat(f"{text}-01") if text else None


def _month_end(text: str | None) -> datetime.date | None:
    if not text:
        return None
    start = _month(text)
    following = start.replace(year=start.year + (start.month == 12), month=start.month % 12 + 1)
    return following - datetime.timedelta(days=1)


@transaction.atomic
def load(*, committee: Committee) -> Plan:
    """The Ofsted plan (7 recommendations, 32 actions, published progress) and the SLI programme."""
    plan = _load_ofsted_plan(committee)
    _load_sli(committee, plan)
    return plan


def _load_ofsted_plan(committee: Committee) -> Plan:
    data = read("ofsted_action_plan_2024.json")
    inspection = data["inspection"]
    plan, created = Plan.objects.update_or_create(
        committee=committee,
        title=data["title"],
        defaults={
            "source": PlanSource.OFSTED_INSPECTION,
            "plan_date": PLAN_DATE,
            "plan_date_as_printed": "July 2024",
            "introduction": data["principles"],
            "inspection_type": InspectionType.ILACS,
            "inspection_dates": inspection["date"],
            "judgement": inspection["judgement"],
            "judgement_published": inspection["judgement_published"],
            "notes": "\n\n".join(data["notes"] + inspection["notes"]),
        },
    )
    delegate = User.objects.filter(username=DEMO_DELEGATE).first()
    position = 0
    for rec_data in data["recommendations"]:
        recommendation, _ = Recommendation.objects.update_or_create(
            plan=plan,
            number=rec_data["number"],
            defaults={"theme": rec_data["theme"], "text": rec_data["recommendation"]},
        )
        for item in rec_data["actions"]:
            position += 1
            action = _load_action(plan, recommendation, item, position)
            if delegate is not None and DELEGATE_FOR_POST in item["responsible_officer"]:
                action.delegates.add(delegate)
    if created:
        audit_record(
            action=AuditAction.PLAN_IMPORT,
            target=plan,
            changes={"actions": [0, position]},
            comment="Loaded as published in the committee pack of 8 October 2024 (Appendix 1); "
            "published progress recorded as approved, dated 31 July 2024 (undated in the source).",
        )
    return plan


def _load_action(plan: Plan, recommendation: Recommendation, item: dict, position: int) -> Action:
    progress = item["progress"].strip()
    if item["number"] in DONE_AS_PUBLISHED:
        status = ActionStatus.COMPLETE
    elif progress:
        status = ActionStatus.ON_TRACK
    else:
        status = ActionStatus.NOT_STARTED
    due_date = datetime.date.fromisoformat(item["due_date"]) if item["due_date"] else None
    action, _ = Action.objects.update_or_create(
        plan=plan,
        number=item["number"],
        defaults={
            "recommendation": recommendation,
            "position": position,
            "item": item["item"],
            "outcome": item["outcome"],
            "outcome_points": item["outcome_points"],
            "responsible_post": item["responsible_officer"],
            "timescale": item["timescale"],
            "due_date": due_date,
            "ongoing": item["timescale"].strip().lower() == "ongoing",
            "success_criteria": item["success_criteria"],
            "status": status,
            "notes": "\n".join(item["notes"]),
        },
    )
    numbers = INDICATOR_LINKS.get(item["number"], ())
    action.indicators.set(Indicator.objects.filter(committee=plan.committee, number__in=numbers))
    if progress:
        update = ProgressUpdate.objects.filter(action=action, author=None, date_note=PUBLISHED_PROGRESS_NOTE).first()
        if update is None:
            ProgressUpdate.objects.create(
                action=action,
                date=PLAN_DATE,
                date_note=PUBLISHED_PROGRESS_NOTE,
                status=status,
                text=progress,
                state=ReviewState.APPROVED,
                locked=True,
            )
        elif (update.text, update.status, update.locked) != (progress, status, True):
            ProgressUpdate.objects.filter(pk=update.pk).update(text=progress, status=status, locked=True)
    # Progress approved since the demo was first loaded decides the status, as it does in the app.
    latest = action.progress_updates.filter(state=ReviewState.APPROVED).order_by("-date", "-id").first()
    if latest is not None and latest.status != action.status:
        Action.objects.filter(pk=action.pk).update(status=latest.status)
        action.status = latest.status
    return action


def _load_sli(committee: Committee, plan: Plan) -> SliProgramme:
    data = read("sli_programme_2024.json")
    funding = data["funding"]
    programme, _ = SliProgramme.objects.update_or_create(
        committee=committee,
        title=data["title"],
        defaults={
            "partner_council": data["partner"]["name"],
            "partner_rating": data["partner"]["ofsted_rating_as_printed"],
            "funder": funding["funder"],
            "funding": f"{funding['text']} {funding['phase_2_funding_text']}.",
            "method": f"{data['method']['diagnostic_visits']}\n\n{data['method']['other_support']}",
            "background": data["background"]["2.2"],
            "notes": "\n\n".join([*data["notes"], *funding["notes"], data["spotlight_big_six"]["areas_note"]]),
        },
    )
    for phase in data["phases"]:
        SliPhase.objects.update_or_create(
            programme=programme,
            number=phase["phase"],
            defaults={
                "dates_as_printed": phase["dates_as_printed"],
                "start_date": _month(phase["start"]),
                "end_date": _month_end(phase["end"]),
                "description": phase["text"] + (f"\n\n{phase['update_3_7']}" if phase.get("update_3_7") else ""),
                "services_visited": phase["services_visited"],
            },
        )
    actions = {action.number: action for action in plan.actions.all()}
    findings = [(FindingType.STAFF_SURVEY_THEME, "3.1", "", text) for text in data["staff_survey"]["themes"]]
    for kind, section in (
        (FindingType.STRENGTH, "strengths"),
        (FindingType.AREA_FOR_DEVELOPMENT, "areas_for_development"),
    ):
        for group in data[section]["groups"]:
            findings += [(kind, group["number"], group["group"], text) for text in group["items"]]
    smart = data["smart_planning"]
    findings.append((FindingType.AREA_FOR_DEVELOPMENT, smart["number"], "Planning", smart["text"]))
    for position, (kind, number, group, text) in enumerate(findings, start=1):
        finding, _ = Finding.objects.update_or_create(
            programme=programme,
            finding_type=kind,
            text=text,
            defaults={"number": number, "group": group, "position": position},
        )
        finding.actions.set([actions[n] for n in FINDING_ACTIONS.get(text, ()) if n in actions])
    return programme
