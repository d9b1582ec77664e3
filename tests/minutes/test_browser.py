"""The officer answers a minute action and governance approves it, through the pages; every page passes axe-core."""

import datetime

import pytest

from cyp.enums import Role
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem, Meeting
from reports.render import pack_render
from reports.services.assembly import pack_input_build
from tests.factories import UserFactory
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory, MinuteItemFactory, MinutesFactory
from tests.reports.workflow_factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = " ".join(f"Sentence {n} of a response about the home to school transport review." for n in range(75))


@pytest.fixture
def log_setup(committee, area, quarter):
    lead = UserFactory(
        username="lead", first_name="Chris", last_name="Lee", role=Role.SERVICE_LEAD, service_areas=[area]
    )
    UserFactory(username="governance", first_name="Priya", last_name="Shah", role=Role.GOVERNANCE)
    UserFactory(username="member", role=Role.MEMBER, committees=[committee])
    meeting = MeetingFactory(committee=committee, date=datetime.date(2024, 9, 10), quarter=quarter)
    MeetingFactory(committee=committee, date=datetime.date(2024, 10, 8), quarter=quarter)
    minutes = MinutesFactory(meeting=meeting)
    minute = MinuteItemFactory(minutes=minutes, number=225, title="Education Capital Projects", text=LONG)
    action = MinuteActionFactory(minute=minute, officer_user=lead, due_date=datetime.date(2024, 9, 30))
    other = MinuteActionFactory(minute=MinuteItemFactory(minutes=minutes, number=226, title="Risk Report"))
    ActionResponseFactory(action=other, text=LONG)
    return meeting, action


def test_an_officer_answers_an_action_and_governance_approves_it(
    page, sign_in, assert_accessible, log_setup, committee
):
    _, action = log_setup

    sign_in(page, "lead")
    page.goto(f"/minute-actions/{action.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Action of minute 225: Education Capital Projects"
    assert "Overdue: due 30 September 2024" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Write a response").click()
    assert_accessible(page)
    page.locator("#id_text").fill("The note on Waterbeach Primary School was sent on 1 October.")
    page.get_by_label("Status of the action").select_option("completed")
    page.get_by_role("button", name="Submit for approval").click()
    assert "Your response is submitted for approval." in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, "governance")
    page.goto(f"/minute-actions/{action.pk}/")
    page.get_by_role("button", name="Approve").click()
    assert "The response is approved" in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"/bodies/{committee.slug}/action-log/")
    assert_accessible(page)
    log = page.inner_text("main")
    assert "The note on Waterbeach Primary School was sent on 1 October." in log
    assert "Completed" in log


def test_the_minutes_page_and_its_forms_are_accessible_and_long_text_wraps(page, sign_in, assert_accessible, log_setup):
    meeting, _ = log_setup

    sign_in(page, "governance")
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert width, "the long minute widens the page"
    page.get_by_role("link", name="Write a minute").click()
    assert_accessible(page)
    page.get_by_label("Minute number").fill("225")
    page.get_by_label("Title (report title)").fill("Duplicate")
    page.get_by_role("button", name="Save the minute").click()
    assert "These minutes already have minute 225: choose another number." in page.inner_text("main")
    assert page.get_by_label("Title (report title)").input_value() == "Duplicate"
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "member")
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    assert_accessible(page)
    assert page.get_by_role("link", name="Write a minute").count() == 0


def test_the_packs_accessible_html_carries_the_action_log_accessibly(page, assert_accessible, log_setup, committee):
    october = Meeting.objects.get(committee=committee, date=datetime.date(2024, 10, 8))
    AgendaItem.objects.create(
        meeting=october,
        number=2,
        section=AgendaSection.CONSTITUTIONAL,
        kind=AgendaItemKind.ACTION_LOG,
        title="Children and Young People Committee Minutes 10 September 2024",
    )
    html = pack_render(pack=pack_input_build(meeting=october, draft=True)).html

    page.set_content(html)

    assert_accessible(page)
    table = page.get_by_role(
        "table", name="Actions of the minutes of 10 September 2024 as they stand on 8 October 2024"
    )
    assert table.get_by_role("columnheader").all_inner_texts() == [
        "Minute",
        "Report title",
        "Officer responsible",
        "Action",
        "Response",
        "Status",
    ]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
