"""Priorities into action: an area for improvement becomes an action of the self-assessment's plan.

The plan is the body's improvement plan whose source is "Self-assessment", one per document
("Self-assessment 2017/18: areas for improvement"); each area is a theme (a plans Recommendation)
with one action. The action is set up complete enough to be tracked from its first day: an owner,
a due date and success criteria; ``plans.selectors`` gives a new action its first stale period to
report progress, so it carries no flag on the day it is created.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from cyp.audit import audit_record
from cyp.enums import AuditAction
from cyp.limits import text_limits_check
from cyp.text import text_clean
from plans.enums import ActionStatus, PlanSource
from plans.models import Action, Plan, Recommendation
from selfassessment.enums import SummaryKind
from selfassessment.models import SelfAssessment, SummaryItem


def plan_title_for(document: SelfAssessment) -> str:
    return f"Self-assessment {document.year.label}: areas for improvement"


def self_assessment_plan(*, document: SelfAssessment, plan_date: datetime.date) -> Plan:
    """The document's improvement plan (source "Self-assessment"), created the first time it is needed."""
    plan, _ = Plan.objects.get_or_create(
        committee=document.committee,
        title=plan_title_for(document),
        defaults={
            "source": PlanSource.SELF_ASSESSMENT,
            "plan_date": plan_date,
            "plan_date_as_printed": document.date_as_printed,
            "introduction": (
                f"The areas for improvement of the {document.template.programme} self-assessment "
                f"({document.date_as_printed}), each with its owner, due date and success criteria."
            ),
        },
    )
    return plan


def area_to_action(
    *,
    item: SummaryItem,
    by,
    responsible_user=None,
    responsible_post: str = "",
    due_date: datetime.date | None,
    success_criteria: list[str],
    on: datetime.date | None = None,
) -> Action:
    """Make the area for improvement an action of the document's plan, and link the two.

    Refuses an item that is not an area for improvement or is already an action, and an action that
    would not be SMART enough to track (no owner, no due date, no success criterion). Side effects: the
    plan (first time), a Recommendation (the theme) and an Action, ``item.plan_action``, audit
    ``plan.action_change`` on the action and ``self_assessment.action_create`` on the document.
    """
    document = item.document
    if not by.has_perm("selfassessment.create_action", document):
        raise PermissionDenied("Only the governance team turns areas for improvement into plan actions.")
    if item.kind not in (SummaryKind.IMPROVE, SummaryKind.REGIONAL, SummaryKind.PROGRESS):
        raise ValidationError("Only an area for improvement becomes a plan action.")
    if item.plan_action_id is not None:
        raise ValidationError(f"This area for improvement is already action {item.plan_action.number}.")
    criteria = [text_clean(c).strip() for c in success_criteria if text_clean(c).strip()]
    responsible_post = text_clean(responsible_post).strip()
    errors = {}
    if responsible_user is None and not responsible_post:
        errors["responsible_post"] = "Name the responsible officer: choose a person or write the post."
    if due_date is None:
        errors["due_date"] = "Give the due date, for example 31 March 2018."
    if not criteria:
        errors["success_criteria"] = "Write at least one success criterion, one a line: what will show it is done."
    if errors:
        raise ValidationError(errors)
    text_limits_check(model=Action, values={"item": item.text})
    theme, _, rest = item.text.partition(" - ")
    with transaction.atomic():
        plan = self_assessment_plan(document=document, plan_date=on or datetime.date.today())
        number = (plan.recommendations.aggregate(top=Max("number"))["top"] or 0) + 1
        recommendation = Recommendation.objects.create(
            plan=plan, number=number, theme=theme.strip()[:200] if rest else "", text=item.text
        )
        action = Action.objects.create(
            plan=plan,
            recommendation=recommendation,
            number=f"{number}.1",
            position=number,
            item=rest.strip() or item.text,
            outcome=theme.strip() if rest else "",
            responsible_user=responsible_user,
            responsible_post=responsible_post[:300],
            timescale=f"{due_date:%B %Y}",
            due_date=due_date,
            success_criteria=criteria,
            status=ActionStatus.NOT_STARTED,
        )
        SummaryItem.objects.filter(pk=item.pk).update(plan_action=action)
        item.plan_action = action
        audit_record(
            action=AuditAction.PLAN_ACTION_CHANGE,
            target=action,
            actor=by,
            changes={"created": [None, f"from {document}"]},
            comment=item.text[:500],
        )
        audit_record(
            action=AuditAction.SA_ACTION_CREATE,
            target=document,
            actor=by,
            changes={"plan action": [None, f"{plan.title}, action {action.number}"]},
        )
    return action
