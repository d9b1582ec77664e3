"""Committee members see plan progress only as a published pack showed it.

The rule's home is ``plans.selectors.progress_visible_to``: staff see approved
progress as soon as it is approved; members see only the approved progress a
published pack locked (``plans.services.progress_lock``). Every test here has
approved-but-unpublished progress present, so a page that forgets the rule shows
it and fails. Action 1.1's published progress (31 July 2024) says "On track";
the progress approved since (30 September 2024) says "Complete", and approving it
set the action's recorded status to Complete.
"""

import datetime
import re

import pytest
from django.urls import reverse

from cyp.enums import ReviewState
from cyp.models import Notification
from plans.enums import ActionStatus
from plans.models import Action, ProgressUpdate
from plans.selectors import actions_with_state, progress_visible_to
from plans.services import progress_approve, progress_lock, progress_save
from reports.enums import AgendaItemKind
from reports.services.publishing import pack_publish
from tests.plans.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory
from tests.reports import workflow_factories

PUBLISHED_TEXT = "Published: caseloads at 29"
UNPUBLISHED_TEXT = "Unpublished: caseloads at 22"
DRAFT_TEXT = "Draft: caseloads at 20"
STAFF = ["lead", "other_lead", "governance", "administrator"]

# The publishing workflow's fixtures, for the test that publishes a real pack.
assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting


def approve(action, *, writer, reviewer, date, status, text) -> ProgressUpdate:
    """Progress written, submitted and approved through the services, as the app does it."""
    update = progress_save(action=action, by=writer, date=date, status=status, text=text, submit=True)
    return progress_approve(update=update, by=reviewer)


@pytest.fixture
def published(plan, action, lead, governance):
    """Action 1.1's progress as at 31 July 2024, in a published pack (locked)."""
    update = approve(
        action,
        writer=lead,
        reviewer=governance,
        date=datetime.date(2024, 7, 31),
        status="on_track",
        text=PUBLISHED_TEXT,
    )
    assert progress_lock(plan=plan, on=datetime.date(2024, 7, 31), by=governance) == 1
    return update


@pytest.fixture
def unpublished(action, lead, governance, published):
    """Action 1.1's progress as at 30 September 2024: approved, in no published pack yet; and a draft after it."""
    update = approve(
        action,
        writer=lead,
        reviewer=governance,
        date=datetime.date(2024, 9, 30),
        status="complete",
        text=UNPUBLISHED_TEXT,
    )
    ProgressUpdateFactory(action=action, state=ReviewState.DRAFT, author=lead, text=DRAFT_TEXT)
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE  # approving it changed the recorded status
    return update


def plan_url(plan) -> str:
    return reverse("plans:plan_detail", kwargs={"plan_id": plan.pk})


def action_url(action) -> str:
    return reverse("plans:action_detail", kwargs={"action_id": action.pk})


def status_span(status: ActionStatus) -> str:
    slug = status.value.replace("_", "-")
    return f'<span class="plan-status plan-status-{slug}">{status.label}</span>'


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


# --- The rule ---------------------------------------------------------------------------------------


def test_progress_visible_to_a_member_is_the_published_progress_only(member, published, unpublished):
    assert list(progress_visible_to(user=member)) == [published]


@pytest.mark.parametrize("persona", STAFF)
def test_progress_visible_to_staff_is_every_approved_update(request, persona, published, unpublished):
    user = request.getfixturevalue(persona)

    assert set(progress_visible_to(user=user)) == {published, unpublished}


def test_progress_visible_to_cyp_itself_is_every_approved_update(published, unpublished):
    assert set(progress_visible_to(user=None)) == {published, unpublished}


# --- The plan page ----------------------------------------------------------------------------------


def test_member_plan_page_shows_the_published_progress_not_the_progress_approved_since(
    as_persona, plan, published, unpublished
):
    response = as_persona("member").get(plan_url(plan) + "?on=2024-10-08")

    html = response.content.decode()
    assert response.status_code == 200
    assert PUBLISHED_TEXT in html
    assert "As at 31 July 2024" in html
    assert UNPUBLISHED_TEXT not in html
    assert DRAFT_TEXT not in html
    assert "30 September 2024" not in html
    assert "Latest published progress" in html
    assert "Progress is shown as published in the committee pack." in html


def test_member_plan_page_shows_the_status_the_published_progress_gave(as_persona, plan, published, unpublished):
    html = as_persona("member").get(plan_url(plan) + "?on=2024-10-08").content.decode()

    assert status_span(ActionStatus.ON_TRACK) in html
    assert status_span(ActionStatus.COMPLETE) not in html


@pytest.mark.parametrize("persona", STAFF)
def test_staff_plan_page_shows_approved_progress_before_it_is_published(
    as_persona, persona, plan, published, unpublished
):
    html = as_persona(persona).get(plan_url(plan) + "?on=2024-10-08").content.decode()

    assert UNPUBLISHED_TEXT in html
    assert status_span(ActionStatus.COMPLETE) in html
    assert "Latest approved progress" in html
    assert "Progress is shown as published in the committee pack." not in html


def test_member_sees_not_started_for_an_action_whose_only_approved_progress_is_unpublished(
    as_persona, plan, recommendation, lead, governance
):
    action = ActionFactory(recommendation=recommendation, number="1.5", responsible_user=lead)
    approve(
        action,
        writer=lead,
        reviewer=governance,
        date=datetime.date(2024, 9, 30),
        status="at_risk",
        text=UNPUBLISHED_TEXT,
    )

    member = as_persona("member").get(plan_url(plan) + "?on=2024-10-08").content.decode()
    staff = as_persona("governance").get(plan_url(plan) + "?on=2024-10-08").content.decode()

    assert status_span(ActionStatus.NOT_STARTED) in member
    assert status_span(ActionStatus.AT_RISK) not in member
    assert "No published progress" in member
    assert UNPUBLISHED_TEXT not in member
    assert status_span(ActionStatus.AT_RISK) in staff


def test_member_sees_the_recorded_status_of_an_action_with_no_approved_progress(as_persona, plan, recommendation):
    ActionFactory(recommendation=recommendation, number="1.6", status=ActionStatus.AT_RISK)

    html = as_persona("member").get(plan_url(plan) + "?on=2024-10-08").content.decode()

    assert status_span(ActionStatus.AT_RISK) in html
    assert "No published progress" in html


def test_actions_with_state_for_a_member_follow_the_published_progress(plan, action, member, governance, unpublished):
    on = datetime.date(2024, 10, 8)

    [member_state] = actions_with_state(Action.objects.filter(pk=action.pk), on=on, user=member)
    [staff_state] = actions_with_state(Action.objects.filter(pk=action.pk), on=on, user=governance)

    assert (member_state.status, member_state.latest.text) == (ActionStatus.ON_TRACK, PUBLISHED_TEXT)
    assert (staff_state.status, staff_state.latest.text) == (ActionStatus.COMPLETE, UNPUBLISHED_TEXT)
    assert [flag for flag, _ in member_state.flags] == []  # on track, due March 2025, SMART, progress 69 days old
    assert member_state.published_only and not staff_state.published_only


@pytest.mark.parametrize("size", [3, 30])
def test_member_plan_page_runs_a_fixed_number_of_queries_with_unpublished_progress_present(
    as_persona, django_assert_num_queries, plan, size
):
    for rec_number in (1, 2, 3):
        rec = RecommendationFactory(plan=plan, number=rec_number)
        for n in range(size // 3):
            action = ActionFactory(recommendation=rec, number=f"{rec_number}.{n + 1}")
            ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31), locked=True)
            ProgressUpdateFactory(action=action, date=datetime.date(2024, 9, 30), text=UNPUBLISHED_TEXT)
    client = as_persona("member")

    with django_assert_num_queries(11):  # with the bodies the member sees (the plan's body, the switcher)
        response = client.get(plan_url(plan))

    html = response.content.decode()
    assert html.count("As at 31 July 2024") == size
    assert UNPUBLISHED_TEXT not in html


# --- The plans list ---------------------------------------------------------------------------------


def attention_cells(response) -> list[str]:
    """The plans list's last two cells per row: actions, and actions needing attention today."""
    return re.findall(r"<td>(\d+)</td>\s*<td>(\d+)</td>\s*</tr>", response.content.decode())


def test_member_plan_list_counts_attention_from_published_progress(as_persona, plan, action, unpublished):
    # Today the action (due 31 March 2025) is overdue unless complete: only the unpublished progress says it is.
    assert attention_cells(as_persona("member").get(reverse("plans:plan_list"))) == [("1", "1")]
    assert attention_cells(as_persona("governance").get(reverse("plans:plan_list"))) == [("1", "0")]


# --- An action's page -------------------------------------------------------------------------------


def test_member_action_page_shows_only_published_progress_and_its_status(as_persona, action, unpublished):
    response = as_persona("member").get(action_url(action))

    html = response.content.decode()
    assert response.status_code == 200
    assert PUBLISHED_TEXT in html
    assert UNPUBLISHED_TEXT not in html
    assert DRAFT_TEXT not in html
    assert f"Status today: {status_span(ActionStatus.ON_TRACK)}" in text_of(response)
    assert status_span(ActionStatus.COMPLETE) not in html
    assert "Progress as at 30 September 2024" not in html


@pytest.mark.parametrize("persona", ["lead", "governance"])
def test_staff_action_page_shows_the_approved_progress_and_its_status(as_persona, persona, action, unpublished):
    response = as_persona(persona).get(action_url(action))

    assert UNPUBLISHED_TEXT in response.content.decode()
    assert f"Status today: {status_span(ActionStatus.COMPLETE)}" in text_of(response)


def test_member_action_page_says_nothing_is_published_while_progress_is_only_approved(
    as_persona, recommendation, lead, governance
):
    action = ActionFactory(recommendation=recommendation, number="1.5", responsible_user=lead)
    approve(
        action,
        writer=lead,
        reviewer=governance,
        date=datetime.date(2024, 9, 30),
        status="at_risk",
        text=UNPUBLISHED_TEXT,
    )

    html = as_persona("member").get(action_url(action)).content.decode()

    assert "No progress has been published in a committee pack yet." in html
    assert UNPUBLISHED_TEXT not in html


def test_member_cannot_open_approved_unpublished_progress_through_the_review_endpoint(as_persona, unpublished):
    response = as_persona("member").post(
        reverse("plans:progress_review", kwargs={"update_id": unpublished.pk}),
        {"decision": "reopen", "comment": "x", "version": unpublished.version},
    )

    assert response.status_code == 404
    unpublished.refresh_from_db()
    assert unpublished.state == ReviewState.APPROVED


# --- The report for the pack, its PDF and the plan export ------------------------------------------


@pytest.mark.parametrize("name", ["plans:plan_report", "plans:plan_report_pdf", "plans:plan_export"])
def test_member_cannot_open_the_report_preview_its_pdf_or_the_plan_export(as_persona, name, plan, unpublished):
    response = as_persona("member").get(reverse(name, kwargs={"plan_id": plan.pk}) + "?on=2024-10-08")

    assert response.status_code == 403
    assert UNPUBLISHED_TEXT.encode() not in response.content


def test_the_report_preview_shows_governance_the_approved_progress_the_pack_will_print(as_persona, plan, unpublished):
    html = as_persona("governance").get(reverse("plans:plan_report", kwargs={"plan_id": plan.pk}) + "?on=2024-10-08")

    assert UNPUBLISHED_TEXT in html.content.decode()


# --- Notifications ----------------------------------------------------------------------------------


def test_member_is_not_notified_of_progress_approved_before_publication(
    as_persona, action, lead, governance, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve(action, writer=lead, reviewer=governance, date=datetime.date(2024, 9, 30), status="complete", text="x")

    page = as_persona("member").get(reverse("notifications")).content.decode()

    assert Notification.objects.filter(recipient=member).count() == 0
    assert "Progress on action 1.1" not in page
    assert Notification.objects.filter(recipient=lead, kind="progress.approved").count() == 1


# --- After publication ------------------------------------------------------------------------------


def test_member_sees_the_progress_once_a_published_pack_locks_it(as_persona, plan, action, governance, unpublished):
    progress_lock(plan=plan, on=datetime.date(2024, 9, 30), by=governance)

    plan_page = as_persona("member").get(plan_url(plan) + "?on=2024-10-08").content.decode()
    action_page = as_persona("member").get(action_url(action))

    assert UNPUBLISHED_TEXT in plan_page
    assert status_span(ActionStatus.COMPLETE) in plan_page
    assert UNPUBLISHED_TEXT in action_page.content.decode()
    assert f"Status today: {status_span(ActionStatus.COMPLETE)}" in text_of(action_page)
    assert DRAFT_TEXT not in plan_page + action_page.content.decode()


def test_member_sees_what_a_published_pack_showed_and_not_what_was_approved_after_its_day(
    ready_meeting, assemble, as_persona, governance
):
    from tests.plans.factories import PlanFactory

    plan = PlanFactory(committee=ready_meeting.committee)
    action = ActionFactory(recommendation=RecommendationFactory(plan=plan))
    ProgressUpdateFactory(action=action, date=ready_meeting.date, text=PUBLISHED_TEXT)
    ProgressUpdateFactory(action=action, date=ready_meeting.date + datetime.timedelta(days=1), text=UNPUBLISHED_TEXT)
    workflow_factories.AgendaItemFactory(
        meeting=ready_meeting, number=6, title="Ofsted Action plan", kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT
    )
    client = as_persona("member")
    on = (ready_meeting.date + datetime.timedelta(days=2)).isoformat()
    before = client.get(plan_url(plan) + f"?on={on}").content.decode()

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    after = client.get(plan_url(plan) + f"?on={on}").content.decode()

    assert PUBLISHED_TEXT not in before and UNPUBLISHED_TEXT not in before
    assert PUBLISHED_TEXT in after
    assert UNPUBLISHED_TEXT not in after


def test_a_pack_with_the_plan_report_but_no_performance_report_publishes_its_progress_to_members(
    ready_meeting, assemble, as_persona, governance
):
    from tests.plans.factories import PlanFactory

    plan = PlanFactory(committee=ready_meeting.committee)
    action = ActionFactory(recommendation=RecommendationFactory(plan=plan))
    shown = ProgressUpdateFactory(action=action, date=ready_meeting.date, text=PUBLISHED_TEXT)
    ready_meeting.items.filter(kind=AgendaItemKind.PERFORMANCE_REPORT).delete()
    workflow_factories.AgendaItemFactory(
        meeting=ready_meeting, number=6, title="Ofsted Action plan", kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT
    )

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    shown.refresh_from_db()
    assert shown.locked is True
    assert PUBLISHED_TEXT in as_persona("member").get(action_url(action)).content.decode()


def test_progress_approved_after_the_pack_was_assembled_is_not_published_with_it(
    ready_meeting, assemble, as_persona, governance
):
    from django.utils import timezone

    from tests.plans.factories import PlanFactory

    plan = PlanFactory(committee=ready_meeting.committee)
    action = ActionFactory(recommendation=RecommendationFactory(plan=plan))
    ProgressUpdateFactory(action=action, date=ready_meeting.date - datetime.timedelta(days=30), text=PUBLISHED_TEXT)
    workflow_factories.AgendaItemFactory(
        meeting=ready_meeting, number=6, title="Ofsted Action plan", kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT
    )
    build = assemble(ready_meeting, draft=False)
    late = ProgressUpdateFactory(
        action=action,
        date=ready_meeting.date - datetime.timedelta(days=1),
        text=UNPUBLISHED_TEXT,
        state_changed_at=timezone.now(),
    )

    pack_publish(build=build, by=governance)

    late.refresh_from_db()
    html = as_persona("member").get(action_url(action)).content.decode()
    assert late.locked is False
    assert PUBLISHED_TEXT in html
    assert UNPUBLISHED_TEXT not in html


def test_a_member_still_listed_as_a_delegate_sees_only_published_progress_and_writes_none(
    as_persona, action, member, unpublished
):
    action.delegates.add(member)
    client = as_persona("member")

    page = client.get(action_url(action)).content.decode()
    form = client.get(reverse("plans:progress_edit", kwargs={"action_id": action.pk}))

    assert PUBLISHED_TEXT in page
    assert UNPUBLISHED_TEXT not in page
    assert DRAFT_TEXT not in page
    assert form.status_code == 403
