"""load_demo loads the July 2024 Ofsted plan exactly as published, and the SLI programme."""

import datetime
import json

import pytest

from cyp.demo import demo_load
from cyp.enums import ReviewState
from plans.demo import DATA, PUBLISHED_PROGRESS_NOTE
from plans.enums import ActionStatus, FindingType, PlanSource
from plans.models import Action, Finding, Plan, ProgressUpdate, Recommendation, SliPhase, SliProgramme

PUBLISHED = json.loads((DATA / "ofsted_action_plan_2024.json").read_text(encoding="utf-8"))
SLI = json.loads((DATA / "sli_programme_2024.json").read_text(encoding="utf-8"))
PUBLISHED_ACTIONS = {a["number"]: a for r in PUBLISHED["recommendations"] for a in r["actions"]}


@pytest.fixture
def demo(demo_plan, db):
    return demo_plan


def test_the_plan_has_the_seven_recommendations_as_published(demo):
    recommendations = list(demo.recommendations.order_by("number").values_list("number", "theme", "text"))

    assert recommendations == [(r["number"], r["theme"], r["recommendation"]) for r in PUBLISHED["recommendations"]]


def test_the_plan_holds_every_published_action_with_its_texts(demo):
    actions = {a.number: a for a in Action.objects.filter(plan=demo).select_related("recommendation")}

    assert len(actions) == 32
    assert sorted(actions) == sorted(PUBLISHED_ACTIONS)
    for number, published in PUBLISHED_ACTIONS.items():
        action = actions[number]
        assert (
            action.recommendation.number,
            action.item,
            action.outcome,
            action.outcome_points,
            action.responsible_post,
            action.timescale,
            action.due_date.isoformat() if action.due_date else None,
            action.success_criteria,
        ) == (
            int(number.split(".")[0]),
            published["item"],
            published["outcome"],
            published["outcome_points"],
            published["responsible_officer"],
            published["timescale"],
            published["due_date"],
            published["success_criteria"],
        ), number


def test_published_progress_is_approved_and_dated_honestly(demo):
    updates = {u.action.number: u for u in ProgressUpdate.objects.filter(action__plan=demo).select_related("action")}

    with_progress = {n for n, a in PUBLISHED_ACTIONS.items() if a["progress"].strip()}
    assert set(updates) == with_progress
    assert len(updates) == 22
    for number, update in updates.items():
        assert update.text == PUBLISHED_ACTIONS[number]["progress"].strip()
        assert (update.state, update.date, update.date_note, update.author, update.locked) == (
            ReviewState.APPROVED,
            datetime.date(2024, 7, 31),
            PUBLISHED_PROGRESS_NOTE,
            None,
            True,
        )


def test_members_see_the_published_progress_of_the_demo_plan(demo, member):
    from plans.selectors import plan_view

    view = plan_view(plan=demo, on=datetime.date(2024, 10, 8), user=member)

    shown = {state.action.number: state.latest.text for state in view.states if state.latest is not None}
    assert len(shown) == 22
    assert shown["1.1"] == PUBLISHED_ACTIONS["1.1"]["progress"].strip()


def test_the_ten_actions_without_progress_have_none_and_are_not_started(demo):
    without = sorted(
        Action.objects.filter(plan=demo, progress_updates__isnull=True).values_list("number", flat=True),
        key=lambda n: [int(p) for p in n.split(".")],
    )

    assert without == PUBLISHED["counts"]["actions_with_empty_progress"]
    assert set(Action.objects.filter(number__in=without).values_list("status", flat=True)) == {ActionStatus.NOT_STARTED}


def test_actions_reported_done_are_complete_and_the_rest_with_progress_on_track(demo):
    statuses = dict(Action.objects.filter(plan=demo).values_list("number", "status"))

    assert {n for n, s in statuses.items() if s == ActionStatus.COMPLETE} == {"4.1", "5.4"}
    assert sum(s == ActionStatus.ON_TRACK for s in statuses.values()) == 20


def test_action_5_9_is_ongoing_without_a_due_date(demo):
    action = Action.objects.get(plan=demo, number="5.9")

    assert (action.timescale, action.due_date, action.ongoing) == ("ongoing", None, True)


def test_action_1_2_moves_the_re_referral_and_children_in_care_indicators(demo):
    links = {
        a.number: sorted(a.indicators.values_list("number", flat=True))
        for a in demo.actions.all()
        if a.indicators.exists()
    }

    assert links == {"1.2": [1, 3]}


def test_the_inspection_is_kept_as_printed(demo):
    assert (demo.inspection_type, demo.inspection_dates, demo.judgement, demo.plan_date) == (
        "ILACS",
        "March 2024",
        "Requires Improvement to good",
        datetime.date(2024, 7, 31),
    )


def test_the_sli_programme_has_both_phases_and_every_finding(demo):
    programme = SliProgramme.objects.get()
    phases = list(SliPhase.objects.filter(programme=programme).order_by("number"))

    assert programme.partner_council == "Essex County Council"
    assert [(p.number, p.services_visited) for p in phases] == [
        (p["phase"], p["services_visited"]) for p in SLI["phases"]
    ]
    assert (phases[0].start_date, phases[0].end_date) == (datetime.date(2023, 8, 1), datetime.date(2024, 3, 31))
    assert (phases[1].start_date, phases[1].end_date) == (datetime.date(2024, 4, 1), None)
    by_type = {
        kind: list(Finding.objects.filter(finding_type=kind).values_list("text", flat=True)) for kind in FindingType
    }
    assert by_type[FindingType.STAFF_SURVEY_THEME] == SLI["staff_survey"]["themes"]
    assert by_type[FindingType.STRENGTH] == [i for g in SLI["strengths"]["groups"] for i in g["items"]]
    assert by_type[FindingType.AREA_FOR_DEVELOPMENT] == [
        *(i for g in SLI["areas_for_development"]["groups"] for i in g["items"]),
        SLI["smart_planning"]["text"],
    ]
    lower_caseloads = Finding.objects.get(text="Lower caseloads")
    assert sorted(lower_caseloads.actions.values_list("number", flat=True)) == ["1.1", "1.3", "1.4"]


def test_load_demo_twice_changes_nothing(demo):
    # The self-assessment's plan (selfassessment.demo) is counted by its own tests.
    plans = Plan.objects.exclude(source=PlanSource.SELF_ASSESSMENT)
    counts = (
        plans.count(),
        Recommendation.objects.filter(plan__in=plans).count(),
        Action.objects.filter(plan__in=plans).count(),
        ProgressUpdate.objects.count(),
        Finding.objects.count(),
    )

    demo_load()

    assert (
        (
            plans.count(),
            Recommendation.objects.filter(plan__in=plans).count(),
            Action.objects.filter(plan__in=plans).count(),
            ProgressUpdate.objects.count(),
            Finding.objects.count(),
        )
        == counts
        == (1, 7, 32, 22, 25)
    )


def test_the_demo_lead_is_a_delegate_on_the_childrens_social_care_actions(demo):
    numbers = sorted(Action.objects.filter(delegates__username="lead").values_list("number", flat=True))

    assert numbers == ["3.1", "3.2", "3.3", "3.4", "3.5", "6.1", "7.1", "7.2"]


def test_the_published_plan_exported_and_imported_into_an_empty_plan_comes_back_whole(demo, django_user_model):
    from cyp.enums import Role
    from plans.imports import plan_import
    from plans.selectors import actions_with_state
    from plans.xlsx import plan_xlsx_read, plan_xlsx_write
    from tests.plans.factories import PlanFactory

    governance = django_user_model.objects.get(username="governance")
    assert governance.role == Role.GOVERNANCE
    states = actions_with_state(Action.objects.filter(plan=demo).order_by("position"), on=datetime.date(2024, 10, 8))
    copy = PlanFactory(committee=demo.committee, title="Copy")

    result = plan_import(
        plan=copy,
        parsed=plan_xlsx_read(plan_xlsx_write(plan=demo, states=states)),
        by=governance,
        as_at=datetime.date(2024, 10, 8),
    )

    assert (result.errors, len(result.created), len(result.progress)) == ([], 32, 22)
    fields = ("number", "item", "outcome", "responsible_post", "timescale", "due_date", "success_criteria", "status")
    assert list(Action.objects.filter(plan=copy).order_by("position").values_list(*fields)) == list(
        Action.objects.filter(plan=demo).order_by("position").values_list(*fields)
    )
    assert set(ProgressUpdate.objects.filter(action__plan=copy).values_list("date", flat=True)) == {
        datetime.date(2024, 7, 31)
    }
