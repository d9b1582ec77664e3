"""Priorities into action: an area for improvement becomes a plan action, unflagged on its first day."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from plans.enums import ActionStatus, Flag, PlanSource
from plans.models import Action
from plans.selectors import actions_with_state
from selfassessment.actions import area_to_action
from selfassessment.documents import document_start_next
from selfassessment.enums import SummaryKind
from selfassessment.models import SummaryItem
from selfassessment.selectors import document_outline
from tests.plans.factories import ActionFactory
from tests.selfassessment.factories import SummaryItemFactory

IN_A_YEAR = timezone.localdate() + datetime.timedelta(days=365)


def _state(action, on):
    return actions_with_state(Action.objects.filter(pk=action.pk), on=on)[0]


@pytest.fixture
def improvement(document):
    return SummaryItemFactory(document=document, kind=SummaryKind.IMPROVE)


def test_an_area_becomes_an_action_of_the_self_assessment_plan_with_no_flag_on_its_first_day(
    improvement, governance, lead
):
    action = area_to_action(
        item=improvement,
        by=governance,
        responsible_user=lead,
        due_date=IN_A_YEAR,
        success_criteria=["Re-referrals below 20% by March 2027"],
    )

    assert action.plan.source == PlanSource.SELF_ASSESSMENT
    assert action.plan.title == "Self-assessment 2017/18: areas for improvement"
    assert (action.recommendation.theme, action.item) == (
        "Families access the right services at the right time",
        "Timeliness through the Integrated Front Door.",
    )
    assert _state(action, timezone.localdate()).flags == []
    improvement.refresh_from_db()
    assert improvement.plan_action == action


@override_settings(CYP_PROGRESS_STALE_DAYS=90)
def test_a_new_action_is_asked_for_progress_once_its_first_stale_period_is_over(improvement, governance, lead):
    action = area_to_action(
        item=improvement,
        by=governance,
        responsible_user=lead,
        due_date=IN_A_YEAR,
        success_criteria=["Below 20% by March 2027"],
    )
    today = timezone.localdate()

    assert _state(action, today + datetime.timedelta(days=90)).flags == []
    assert _state(action, today + datetime.timedelta(days=91)).flags == [(Flag.NO_PROGRESS, "No approved progress")]


def test_any_action_set_up_today_with_a_future_due_date_and_a_measure_carries_no_flag(committee):
    action = ActionFactory(due_date=IN_A_YEAR, status=ActionStatus.NOT_STARTED)

    assert _state(action, timezone.localdate()).flags == []


def test_an_action_without_an_owner_due_date_or_criterion_is_refused_with_each_field_named(improvement, governance):
    with pytest.raises(ValidationError) as error:
        area_to_action(item=improvement, by=governance, due_date=None, success_criteria=[" "])

    assert set(error.value.message_dict) == {"responsible_post", "due_date", "success_criteria"}
    assert "31 March 2018" in error.value.message_dict["due_date"][0]
    assert not Action.objects.exists()


def test_only_governance_makes_an_area_an_action_and_only_once(improvement, governance, lead, member):
    for person in (lead, member):
        with pytest.raises(PermissionDenied):
            area_to_action(
                item=improvement,
                by=person,
                responsible_post="Director",
                due_date=IN_A_YEAR,
                success_criteria=["By May 2027"],
            )
    area_to_action(
        item=improvement,
        by=governance,
        responsible_post="Director",
        due_date=IN_A_YEAR,
        success_criteria=["By May 2027"],
    )
    improvement.refresh_from_db()
    with pytest.raises(ValidationError, match=r"already action 1\.1"):
        area_to_action(
            item=improvement,
            by=governance,
            responsible_post="Director",
            due_date=IN_A_YEAR,
            success_criteria=["By May 2027"],
        )


def test_next_years_document_shows_what_became_of_each_area(improvement, governance, lead):
    action = area_to_action(
        item=improvement,
        by=governance,
        responsible_user=lead,
        due_date=IN_A_YEAR,
        success_criteria=["Below 20% by March 2027"],
    )
    new = document_start_next(document=improvement.document, by=governance, date_as_printed="August 2018")

    outline = document_outline(document=new, user=governance)

    (progress,) = outline.summary[SummaryKind.PROGRESS]
    assert progress.item.carried_from == improvement and progress.item.plan_action == action
    assert progress.became.startswith(f"Action 1.1 of “{action.plan.title}”: not started, due ")
    assert progress.became.endswith("No approved progress yet.")
    assert SummaryItem.objects.filter(document=new, kind=SummaryKind.IMPROVE).count() == 1


def test_what_became_of_an_area_names_its_latest_approved_progress(improvement, governance, lead):
    from tests.plans.factories import ProgressUpdateFactory

    action = area_to_action(
        item=improvement, by=governance, responsible_user=lead, due_date=IN_A_YEAR, success_criteria=["By May 2027"]
    )
    ProgressUpdateFactory(action=action, date=timezone.localdate(), text="Timeliness now 82% within 24 hours.")
    new = document_start_next(document=improvement.document, by=governance, date_as_printed="August 2018")

    (progress,) = document_outline(document=new, user=governance).summary[SummaryKind.PROGRESS]

    today = timezone.localdate()
    assert progress.became.endswith(
        f"Latest approved progress ({today.day} {today:%B %Y}): Timeliness now 82% within 24 hours."
    )
    assert ": on track, due " in progress.became
