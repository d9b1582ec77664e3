"""The plans pages: who can see and do what, what they show, and their query counts."""

import datetime
import io

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import Workbook

from cyp.enums import ReviewState
from plans.enums import ActionStatus
from plans.models import Action, ProgressUpdate
from tests.conftest import PERSONAS
from tests.plans.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory, SliProgrammeFactory

STAFF_AND_MEMBERS = ["lead", "other_lead", "governance", "member", "administrator"]
STAFF = ["lead", "other_lead", "governance", "administrator"]


@pytest.fixture
def approved(action):
    return ProgressUpdateFactory(action=action, text="Approved: caseloads at 29", date=datetime.date(2024, 7, 31))


@pytest.fixture
def draft(action, lead, approved):
    return ProgressUpdateFactory(action=action, text="Draft: caseloads at 27", state=ReviewState.DRAFT, author=lead)


def expected(persona, allowed):
    if persona == "anonymous":
        return 302
    return 200 if persona in allowed else 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("plans:plan_list", STAFF_AND_MEMBERS),
        ("plans:plan_detail", STAFF_AND_MEMBERS),
        ("plans:plan_report", STAFF),
        ("plans:plan_report_pdf", STAFF),
        ("plans:plan_export", ["governance", "administrator"]),
        ("plans:plan_import", ["governance", "administrator"]),
    ],
)
def test_plan_pages_by_persona(as_persona, persona, name, allowed, plan, action, draft):
    kwargs = {} if name == "plans:plan_list" else {"plan_id": plan.pk}

    response = as_persona(persona).get(reverse(name, kwargs=kwargs))

    assert response.status_code == expected(persona, allowed)
    if response.status_code == 200 and name in ("plans:plan_detail", "plans:plan_report"):
        content = response.content.decode()
        # Members see only published progress (tests/plans/test_member_visibility.py); this is not published.
        assert ("Approved: caseloads at 29" in content) is (persona != "member")
        assert "Draft: caseloads at 27" not in content


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("plans:action_detail", STAFF_AND_MEMBERS),
        ("plans:action_edit", ["governance", "administrator"]),
        ("plans:progress_edit", ["lead", "administrator"]),
    ],
)
def test_action_pages_by_persona(as_persona, persona, name, allowed, action, draft):
    response = as_persona(persona).get(reverse(name, kwargs={"action_id": action.pk}))

    assert response.status_code == expected(persona, allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_sli_programme_page_by_persona(as_persona, persona, committee):
    programme = SliProgrammeFactory(committee=committee)

    response = as_persona(persona).get(reverse("plans:sli_programme", kwargs={"programme_id": programme.pk}))

    assert response.status_code == expected(persona, STAFF_AND_MEMBERS)


@pytest.mark.parametrize(
    ("persona", "sees_draft"),
    [("lead", True), ("governance", True), ("other_lead", False), ("member", False)],
)
def test_unapproved_progress_is_seen_only_by_its_writers_and_reviewers(as_persona, persona, sees_draft, action, draft):
    content = as_persona(persona).get(reverse("plans:action_detail", kwargs={"action_id": action.pk})).content.decode()

    # Members see only published progress (tests/plans/test_member_visibility.py); this is not published.
    assert ("Approved: caseloads at 29" in content) is (persona != "member")
    assert ("Draft: caseloads at 27" in content) is sees_draft


def test_members_see_approved_progress_but_not_its_review_history(as_persona, action, approved):
    from cyp.audit import audit_record

    audit_record(action="progress.return", target=approved, comment="Internal: figure looks wrong")

    member = as_persona("member").get(reverse("plans:action_detail", kwargs={"action_id": action.pk})).content.decode()
    governance = as_persona("governance").get(reverse("plans:action_detail", kwargs={"action_id": action.pk}))

    assert "Internal: figure looks wrong" not in member
    assert "Internal: figure looks wrong" in governance.content.decode()


def test_the_officer_records_and_submits_progress_through_the_form(as_persona, action):
    client = as_persona("lead")
    url = reverse("plans:progress_edit", kwargs={"action_id": action.pk})

    response = client.post(
        url, {"date": "2024-09-30", "status": "at_risk", "text": "Behind on recruitment", "submit": "1"}
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.state, update.status, update.text) == (ReviewState.SUBMITTED, "at_risk", "Behind on recruitment")


def test_the_progress_form_keeps_what_was_typed_and_names_the_problem(as_persona, action):
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()

    response = as_persona("lead").post(
        reverse("plans:progress_edit", kwargs={"action_id": action.pk}),
        {"date": future, "status": "on_track", "text": "Words I typed", "save": "1"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Progress cannot be reported as at a future date: give today&#x27;s date or earlier." in content
    assert "Words I typed" in content
    assert ProgressUpdate.objects.count() == 0


def test_governance_approves_from_the_action_page(as_persona, action, lead):
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead, status=ActionStatus.AT_RISK)

    response = as_persona("governance").post(
        reverse("plans:progress_review", kwargs={"update_id": update.pk}),
        {"decision": "approve", "version": update.version},
        follow=True,
    )

    assert "Progress on action 1.1 approved: the plan now shows it." in response.content.decode()
    assert ProgressUpdate.objects.get().state == ReviewState.APPROVED
    assert Action.objects.get().status == ActionStatus.AT_RISK


def test_returning_without_a_comment_is_refused_with_a_message(as_persona, action, lead):
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)

    response = as_persona("governance").post(
        reverse("plans:progress_review", kwargs={"update_id": update.pk}), {"decision": "return"}, follow=True
    )

    assert "To return it, write a comment that says what needs to change and why." in response.content.decode()
    assert ProgressUpdate.objects.get().state == ReviewState.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "status"), [("lead", 403), ("other_lead", 404), ("member", 404), ("anonymous", 302)]
)
def test_people_outside_governance_cannot_review_progress(as_persona, persona, status, action, lead):
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)

    response = as_persona(persona).post(
        reverse("plans:progress_review", kwargs={"update_id": update.pk}), {"decision": "approve"}
    )

    assert response.status_code == status
    assert ProgressUpdate.objects.get().state == ReviewState.SUBMITTED


def test_members_cannot_reopen_approved_progress(as_persona, approved):
    ProgressUpdate.objects.filter(pk=approved.pk).update(locked=True)  # published, so members may see it

    response = as_persona("member").post(
        reverse("plans:progress_review", kwargs={"update_id": approved.pk}), {"decision": "reopen", "comment": "x"}
    )

    assert response.status_code == 403
    assert ProgressUpdate.objects.get().state == ReviewState.APPROVED


def test_governance_changes_an_action_through_the_form(as_persona, action, lead):
    response = as_persona("governance").post(
        reverse("plans:action_edit", kwargs={"action_id": action.pk}),
        {
            "item": action.item,
            "outcome": action.outcome,
            "responsible_post": action.responsible_post,
            "responsible_user": lead.pk,
            "delegates": [lead.pk],
            "timescale": "June 2025",
            "success_criteria": "Agency staff to 15%\nCaseloads at most 25",
            "status": "on_track",
            "comment": "Timescale agreed at DMT",
        },
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.due_date, action.success_criteria) == (
        datetime.date(2025, 6, 30),
        ["Agency staff to 15%", "Caseloads at most 25"],
    )


def test_the_import_page_lists_every_problem_and_imports_nothing(as_persona, plan):
    book = Workbook()
    book.active.append(["No", "Item", "Outcome", "Responsible Officer", "Timescale", "Success criteria", "Progress"])
    book.active.append(["1.1", "Item", "", "Officer", "Spring", "", ""])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "plan.xlsx"

    response = as_persona("governance").post(
        reverse("plans:plan_import", kwargs={"plan_id": plan.pk}), {"file": data, "as_at": "2024-09-30"}
    )

    content = response.content.decode()
    assert "Nothing was imported: 2 problems to fix" in content
    assert "Sheet Sheet, row 2, column Timescale: &#x27;Spring&#x27; is not a timescale" in content
    assert Action.objects.count() == 0


def test_the_plan_page_shows_flags_and_the_latest_approved_progress_with_its_date(as_persona, plan, action, approved):
    action.due_date = datetime.date(2024, 9, 30)
    action.save()
    ProgressUpdate.objects.filter(pk=approved.pk).update(locked=True)  # published, so members see it

    content = as_persona("member").get(reverse("plans:plan_detail", kwargs={"plan_id": plan.pk}) + "?on=2024-10-08")

    html = content.content.decode()
    assert "Overdue: due 30 September 2024" in html
    assert "As at 31 July 2024" in html
    assert '<span class="plan-status plan-status-on-track">On track</span>' in html


def test_the_report_preview_escapes_user_text(as_persona, plan, recommendation):
    ActionFactory(recommendation=recommendation, item="<img src=x onerror=alert(1)>")

    html = as_persona("lead").get(reverse("plans:plan_report", kwargs={"plan_id": plan.pk})).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_board_partial_lists_actions_needing_attention_with_links(governance, plan, action, quarter):
    action.due_date = datetime.date(2024, 9, 30)
    action.save()
    request = RequestFactory().get("/")
    request.user = governance

    html = render_to_string(
        "plans/partials/board_flags.html", {"quarter": quarter, "user": governance}, request=request
    )

    assert "Improvement plan actions needing attention" in html
    assert f'href="{reverse("plans:action_detail", kwargs={"action_id": action.pk})}"' in html
    assert "Overdue (1)" in html


def test_the_board_partial_is_empty_for_someone_who_cannot_see_plans(plan, action, quarter, django_user_model):
    nobody = django_user_model.objects.create(username="no-role", role="unknown")

    assert render_to_string("plans/partials/board_flags.html", {"quarter": quarter, "user": nobody}).strip() == ""


@pytest.mark.parametrize("size", [3, 30])
def test_the_plan_page_runs_a_fixed_number_of_queries(as_persona, django_assert_num_queries, plan, size):
    for rec_number in (1, 2, 3):
        rec = RecommendationFactory(plan=plan, number=rec_number)
        for n in range(size // 3):
            action = ActionFactory(recommendation=rec, number=f"{rec_number}.{n + 1}")
            ProgressUpdateFactory(action=action, locked=True)
    client = as_persona("member")
    url = reverse("plans:plan_detail", kwargs={"plan_id": plan.pk})

    with django_assert_num_queries(11):  # with the bodies the person sees (the plan's body, the switcher)
        response = client.get(url)

    assert response.content.decode().count("plan-status plan-status-on-track") == size + 0


@pytest.mark.parametrize("size", [3, 30])
def test_the_report_preview_runs_a_fixed_number_of_queries(as_persona, django_assert_num_queries, plan, size):
    for rec_number in (1, 2, 3):
        rec = RecommendationFactory(plan=plan, number=rec_number)
        for n in range(size // 3):
            ActionFactory(recommendation=rec, number=f"{rec_number}.{n + 1}")
    client = as_persona("governance")

    with django_assert_num_queries(11):  # with the bodies the person sees (the plan's body, the switcher)
        client.get(reverse("plans:plan_report", kwargs={"plan_id": plan.pk}))


def test_a_conflicting_save_shows_their_version_keeps_mine_and_lets_me_save_over_it(as_persona, action, lead):
    from plans.services import progress_save

    mine = progress_save(action=action, by=lead, date=datetime.date(2024, 9, 30), status="on_track", text="First")
    progress_save(
        action=action,
        by=lead,
        date=datetime.date(2024, 9, 30),
        status="on_track",
        text="Theirs",
        expected_version=mine.version,
    )
    client = as_persona("lead")
    url = reverse("plans:progress_edit", kwargs={"action_id": action.pk})
    form = {"date": "2024-09-30", "status": "on_track", "text": "Mine", "save": "1", "version": mine.version}

    response = client.post(url, form)

    html = response.content.decode()
    assert "Someone else changed this progress update while you were working on it." in html
    assert "Theirs" in html and "Mine" in html
    assert client.post(url, {**form, "version": response.context["form"].data["version"]}).status_code == 302
    assert ProgressUpdate.objects.get().text == "Mine"
