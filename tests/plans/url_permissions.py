"""The plans app's entries in the URL permission table (tests/test_url_permissions.py).

The world gets a plan whose action 1.1 the lead is responsible for, with
approved progress and the lead's draft, and action 1.2 with progress
submitted for review: the drafts must not leak.
"""

import datetime

from cyp.enums import ReviewState
from tests.plans.factories import (
    ActionFactory,
    FindingFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    SliProgrammeFactory,
)
from tests.test_url_permissions import Entry, answers

EVERYONE_SIGNED_IN = answers(302, 200, 200, 200, 200, 200)
GOVERNANCE_ONLY = answers(302, 403, 403, 200, 403, 200)
STAFF = answers(302, 200, 200, 200, 403, 200)


def arrange(world) -> None:
    plan = PlanFactory(committee=world.committee, title="Children's Services Ofsted Action Plan July 2024")
    recommendation = RecommendationFactory(plan=plan, number=1)
    action = ActionFactory(recommendation=recommendation, number="1.1", responsible_user=world.lead)
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31), text="Approved progress")
    ProgressUpdateFactory(action=action, state=ReviewState.DRAFT, author=world.lead, text="The lead's draft")
    submitted_action = ActionFactory(recommendation=recommendation, number="1.2", delegates=[world.lead])
    world.plan_submitted = ProgressUpdateFactory(
        action=submitted_action, state=ReviewState.SUBMITTED, author=world.lead, text="Submitted for review"
    )
    world.plan = plan
    world.plan_action = action
    programme = SliProgrammeFactory(committee=world.committee)
    FindingFactory(programme=programme).actions.set([action])
    world.sli_programme = programme


def plan_kwargs(world) -> dict:
    return {"plan_id": world.plan.pk}


def action_kwargs(world) -> dict:
    return {"action_id": world.plan_action.pk}


ENTRIES = {
    "plans:plan_list": Entry(lambda w: {}, EVERYONE_SIGNED_IN),
    "plans:plan_detail": Entry(plan_kwargs, EVERYONE_SIGNED_IN),
    # The preview may show ratings of an unpublished quarter: members read the report in the published pack.
    "plans:plan_report": Entry(plan_kwargs, STAFF),
    "plans:plan_report_pdf": Entry(plan_kwargs, STAFF),
    "plans:plan_export": Entry(plan_kwargs, GOVERNANCE_ONLY),
    "plans:plan_import": Entry(plan_kwargs, GOVERNANCE_ONLY),
    "plans:action_detail": Entry(action_kwargs, EVERYONE_SIGNED_IN),
    "plans:action_edit": Entry(action_kwargs, GOVERNANCE_ONLY),
    # Only the responsible officer (the lead) and delegates record progress; an administrator can do anything.
    "plans:progress_edit": Entry(action_kwargs, answers(302, 200, 403, 403, 403, 200)),
    # Submitted progress is invisible (404) to those who neither write nor review it.
    "plans:progress_review": Entry(
        lambda w: {"update_id": w.plan_submitted.pk},
        answers(302, 403, 404, 302, 404, 302),
        method="post",
        data=lambda w: {"decision": "approve", "version": w.plan_submitted.version},
    ),
    "plans:sli_programme": Entry(lambda w: {"programme_id": w.sli_programme.pk}, EVERYONE_SIGNED_IN),
}
