"""Two bodies through the whole app: who sees which body's pages, and no page shows another body's content.

The world has two bodies, the Children and Young People Committee (A) and the Corporate Parenting
Board (B), each with its own service area, indicator, meeting with a published pack, plan, and
member. Every name in B carries "Bravo" and every name in A carries "Alpha", so a page of one that
shows anything of the other fails ``assert_only_own``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from cyp.bodies import SESSION_KEY
from cyp.enums import CommitteeKind, Role
from cyp.models import QuarterPublication
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    ServiceAreaFactory,
    TargetFactory,
    UserFactory,
)
from tests.plans.factories import ActionFactory, PlanFactory
from tests.reports import workflow_factories
from tests.reports.workflow_factories import MeetingFactory, ready_build

assemble = workflow_factories.assemble
QUARTER = "2024-25-Q1"


def _body(name: str, *, marker: str, number: int, position: int, kind=CommitteeKind.COMMITTEE):
    committee = CommitteeFactory(name=name, position=position, kind=kind)
    area = ServiceAreaFactory(committee=committee, name=f"{marker} service area", slug=f"{marker.lower()}-area")
    indicator = IndicatorFactory(committee=committee, service_area=area, number=number, name=f"{marker} indicator")
    TargetFactory(indicator=indicator, year__start_year=2024, value=Decimal("50.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("61.5"))
    plan = PlanFactory(committee=committee, title=f"{marker} improvement plan")
    action = ActionFactory(recommendation__plan=plan, item=f"{marker} action item")
    meeting = MeetingFactory(
        committee=committee,
        quarter=QuarterFactory(),
        date=datetime.date(2024, 10, 8 + position),
        venue=f"{marker} Room, New Shire Hall",
    )
    member = UserFactory(username=f"member-{marker.lower()}", role=Role.MEMBER, committees=[committee])
    lead = UserFactory(username=f"lead-{marker.lower()}", role=Role.SERVICE_LEAD, service_areas=[area])
    return SimpleNamespace(
        committee=committee,
        area=area,
        indicator=indicator,
        plan=plan,
        action=action,
        meeting=meeting,
        member=member,
        lead=lead,
        marker=marker,
    )


@pytest.fixture
def world(db):
    quarter = QuarterFactory()
    a = _body("Children and Young People Committee", marker="Alpha", number=11, position=1)
    b = _body("Corporate Parenting Board", marker="Bravo", number=301, position=2, kind=CommitteeKind.BOARD)
    governance = UserFactory(username="governance", role=Role.GOVERNANCE)
    for body in (a, b):
        QuarterPublicationFactory(committee=body.committee, quarter=quarter)
        body.version = _published_version(body.meeting, by=governance)
    return SimpleNamespace(a=a, b=b, quarter=quarter, governance=governance)


def _published_version(meeting, *, by):
    from reports.models import PackVersion

    build = ready_build(meeting, by=by, draft=False, title=f"{meeting.venue} pack")
    return PackVersion.objects.create(
        meeting=meeting,
        build=build,
        number=1,
        pdf_path=build.pdf_path,
        html_path=build.html_path,
        public_pdf_path=build.pdf_path,
        public_html_path=build.html_path,
        sha256=build.pdf_sha256 or "0" * 64,
        public_sha256=build.pdf_sha256 or "0" * 64,
        page_count=2,
        public_page_count=2,
        published_by=by,
        change_log=["First published version."],
        snapshot={},
    )


#: Every page of one body, addressed by the body or by its own object's id: (name, kwargs from the body).
BODY_PAGES = {
    "home": lambda body: {"committee": body.committee},
    "dashboard": lambda body: {"committee": body.committee, "quarter": QUARTER},
    "export_quarter": lambda body: {"committee": body.committee, "quarter": QUARTER},
    "indicator_detail": lambda body: {"committee": body.committee, "number": body.indicator.number},
    "meeting_list": lambda body: {"committee": body.committee},
    "plans:plan_list": lambda body: {"committee": body.committee},
    "meeting_detail": lambda body: {"pk": body.meeting.pk},
    "pack_version_download": lambda body: {"pk": body.meeting.pk, "number": 1, "fmt": "pdf"},
    "plans:plan_detail": lambda body: {"plan_id": body.plan.pk},
    "plans:action_detail": lambda body: {"action_id": body.action.pk},
}
#: Pages of one body only the governance team opens.
GOVERNANCE_PAGES = {
    "figure_correct": lambda body: {"committee": body.committee, "number": body.indicator.number},
    "meeting_create": lambda body: {"committee": body.committee},
    "governance_board": lambda body: {"committee": body.committee, "quarter": QUARTER},
    "governance_board_latest": lambda body: {"committee": body.committee},
    "plans:plan_report": lambda body: {"plan_id": body.plan.pk},
    "meeting_edit": lambda body: {"pk": body.meeting.pk},
}
ALL_PAGES = {**BODY_PAGES, **GOVERNANCE_PAGES}


def url_of(name: str, body) -> str:
    return reverse(name, kwargs=ALL_PAGES[name](body))


@pytest.mark.parametrize("name", sorted(ALL_PAGES))
def test_every_page_of_the_other_body_is_not_found_for_a_member(name, world, client):
    client.force_login(world.a.member)

    response = client.get(url_of(name, world.b))

    assert response.status_code == 404, f"{name} of body B as body A's member"


@pytest.mark.parametrize("name", sorted(ALL_PAGES))
def test_every_page_of_the_other_body_is_not_found_for_a_lead_of_this_body(name, world, client):
    client.force_login(world.a.lead)

    response = client.get(url_of(name, world.b))

    assert response.status_code == 404, f"{name} of body B as body A's lead"


@pytest.mark.parametrize("name", sorted(BODY_PAGES))
def test_a_member_opens_every_page_of_their_own_body(name, world, client):
    client.force_login(world.b.member)

    response = client.get(url_of(name, world.b))

    assert response.status_code in (200, 302), name
    if response.status_code == 302:
        assert reverse("home", kwargs={"committee": world.b.committee}) != response["Location"]
        assert f"/bodies/{world.b.committee.slug}/" in response["Location"]


@pytest.mark.parametrize("name", sorted(ALL_PAGES))
@pytest.mark.parametrize("side", ["a", "b"])
def test_governance_opens_every_page_of_both_bodies(name, side, world, client):
    client.force_login(world.governance)

    response = client.get(url_of(name, getattr(world, side)))

    assert response.status_code in (200, 302), f"{name} of body {side.upper()}"


@pytest.mark.parametrize("name", sorted(ALL_PAGES))
def test_anonymous_people_are_sent_to_sign_in_from_every_page_of_a_body(name, world, client):
    response = client.get(url_of(name, world.b))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- Each page shows only its own body's content --------------------------------------------------

#: The pages whose HTML or file names the body's content (downloads of the pack are the pack's own file).
CONTENT_PAGES = sorted(set(ALL_PAGES) - {"home", "governance_board_latest", "pack_version_download"})


def assert_only_own(text: str, *, own, other) -> None:
    assert own.marker in text, f"the page shows its own body's content ({own.marker})"
    assert other.marker not in text, f"the page shows nothing of the other body ({other.marker})"
    assert other.committee.name not in text.replace("Committee, board or panel", "")


def _page_text(client, name, body) -> str:
    response = client.get(url_of(name, body), follow=True)
    assert response.status_code == 200, name
    text = response.content.decode()
    # The switcher in the menu lists every body the person sees: it is not the page's content.
    start = text.find('id="body-switcher"')
    if start != -1:
        text = text[:start] + text[text.find("</ul>", start) :]
    # So does the filter of pages that span bodies (the returns board): it names each body to choose.
    start = text.find('aria-label="Filter by body"')
    if start != -1:
        text = text[:start] + text[text.find("</form>", start) :]
    return text


@pytest.mark.parametrize("name", CONTENT_PAGES)
@pytest.mark.parametrize(("own", "other"), [("a", "b"), ("b", "a")])
def test_every_page_shows_only_its_own_bodys_content(name, own, other, world, client):
    client.force_login(world.governance)
    own, other = getattr(world, own), getattr(world, other)

    text = _page_text(client, name, own)

    if name in ("figure_correct", "meeting_create", "meeting_edit", "plans:plan_report", "plans:action_detail"):
        assert other.marker not in text  # forms and previews need not repeat the body's content
        assert other.committee.name not in text.replace("Committee, board or panel", "")
    else:
        assert_only_own(text, own=own, other=other)


def test_the_unprefixed_addresses_follow_the_body_the_person_chose(world, client):
    client.force_login(world.governance)

    client.get(reverse("home", kwargs={"committee": world.b.committee}))
    meetings = client.get(reverse("meeting_list")).content.decode()
    plans = client.get(reverse("plans:plan_list")).content.decode()

    assert client.session[SESSION_KEY] == world.b.committee.pk
    assert "Bravo Room" in meetings and "Alpha Room" not in meetings
    assert "Bravo improvement plan" in plans and "Alpha improvement plan" not in plans


def test_the_unprefixed_address_of_a_member_is_their_first_body(world, client):
    client.force_login(world.b.member)

    response = client.get(reverse("dashboard", kwargs={"quarter": QUARTER}))

    assert response.status_code == 200
    assert "Bravo indicator" in response.content.decode()
    assert "Alpha indicator" not in response.content.decode()


def test_a_session_naming_a_body_the_person_no_longer_sees_falls_back_to_one_they_see(world, client):
    client.force_login(world.a.member)
    session = client.session
    session[SESSION_KEY] = world.b.committee.pk
    session.save()

    text = client.get(reverse("meeting_list")).content.decode()

    assert "Alpha Room" in text and "Bravo Room" not in text


def test_the_export_holds_only_its_own_bodys_indicators(world, client):
    client.force_login(world.governance)

    csv = client.get(url_of("export_quarter", world.b)).content.decode("utf-8-sig")

    assert "Bravo indicator" in csv
    assert "Alpha indicator" not in csv


# --- The switcher --------------------------------------------------------------------------------


def test_the_switcher_lists_the_bodies_the_person_sees_and_marks_the_current_one(world, client):
    client.force_login(world.governance)

    text = client.get(url_of("meeting_list", world.b)).content.decode()

    switcher = text[text.index('id="body-switcher"') : text.index("</ul>", text.index('id="body-switcher"'))]
    assert switcher.count("dropdown-item") == 2
    a_link = reverse("home", kwargs={"committee": world.a.committee})
    b_link = reverse("home", kwargs={"committee": world.b.committee})
    assert f'href="{a_link}">' in switcher
    assert f'href="{b_link}" aria-current="true">' in switcher


def test_there_is_no_switcher_for_someone_who_sees_one_body(world, client):
    client.force_login(world.a.member)

    text = client.get(url_of("meeting_list", world.a)).content.decode()

    assert 'id="body-switcher"' not in text


def test_choosing_a_body_remembers_it_and_goes_to_its_home(world, client):
    client.force_login(world.governance)

    response = client.get(reverse("home", kwargs={"committee": world.b.committee}))

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard", kwargs={"committee": world.b.committee, "quarter": QUARTER})
    assert client.session[SESSION_KEY] == world.b.committee.pk


def test_each_bodys_page_names_the_body_in_its_title(world, client):
    client.force_login(world.governance)

    text = client.get(url_of("dashboard", world.b)).content.decode()

    title = text[text.index("<title>") : text.index("</title>")]
    assert "Corporate Parenting Board" in title
    assert "Children and Young People Committee" not in title


# --- Publication per body --------------------------------------------------------------------------


def test_publishing_one_bodys_pack_does_not_publish_the_other_bodys_quarter(
    db, governance, assemble, client, settings, tmp_path
):
    from reports.services.publishing import pack_publish

    settings.MEDIA_ROOT = str(tmp_path / "media")
    quarter = QuarterFactory()
    committee = CommitteeFactory(name="Children and Young People Committee")
    board = CommitteeFactory(name="Corporate Parenting Board")
    area = ServiceAreaFactory(committee=committee)
    board_area = ServiceAreaFactory(committee=board)
    meeting = workflow_factories.pack_ready_meeting(committee=committee, area=area, quarter=quarter)
    IndicatorFactory(committee=board, service_area=board_area, number=301, name="Bravo indicator")
    board_member = UserFactory(username="board-member", role=Role.MEMBER, committees=[board])
    committee_member = UserFactory(username="committee-member", role=Role.MEMBER, committees=[committee])

    pack_publish(build=assemble(meeting, draft=False), by=governance)

    assert list(QuarterPublication.objects.values_list("committee__name", "quarter__number")) == [
        ("Children and Young People Committee", 1)
    ]
    client.force_login(board_member)
    assert client.get(reverse("dashboard", kwargs={"committee": board, "quarter": QUARTER})).status_code == 403
    client.force_login(committee_member)
    assert client.get(reverse("dashboard", kwargs={"committee": committee, "quarter": QUARTER})).status_code == 200


def test_the_pack_notification_goes_to_the_meetings_body_members_only(
    db, governance, assemble, settings, tmp_path, django_capture_on_commit_callbacks
):
    from cyp.models import Notification
    from reports.services.publishing import pack_publish

    settings.MEDIA_ROOT = str(tmp_path / "media")
    quarter = QuarterFactory()
    committee = CommitteeFactory(name="Children and Young People Committee")
    board = CommitteeFactory(name="Corporate Parenting Board")
    meeting = workflow_factories.pack_ready_meeting(
        committee=committee, area=ServiceAreaFactory(committee=committee), quarter=quarter
    )
    UserFactory(username="board-member", role=Role.MEMBER, committees=[board])
    UserFactory(username="committee-member", role=Role.MEMBER, committees=[committee])

    with django_capture_on_commit_callbacks(execute=True):
        pack_publish(build=assemble(meeting, draft=False), by=governance)

    notified = Notification.objects.filter(kind="pack.published")
    assert [(n.recipient.username, n.subject.startswith("Published: Children and Young People")) for n in notified] == [
        ("committee-member", True)
    ]


def test_a_member_sees_a_quarter_published_for_one_body_only_in_that_bodys_pages(world, client):
    QuarterPublication.objects.filter(committee=world.b.committee).delete()
    both = UserFactory(username="both", role=Role.MEMBER, committees=[world.a.committee, world.b.committee])
    client.force_login(both)

    assert client.get(url_of("dashboard", world.a)).status_code == 200
    assert client.get(url_of("dashboard", world.b)).status_code == 403
    assert client.get(url_of("export_quarter", world.b)).status_code == 403
    indicator = client.get(url_of("indicator_detail", world.b)).content.decode()
    assert "No quarter has been published to the board yet" in indicator
    assert "61.5" not in indicator


# --- Governance and leads across bodies ------------------------------------------------------------


def test_a_lead_of_areas_in_two_bodies_is_reminded_of_each_return_with_its_body(world):
    from commentary.reminders import returns_remind
    from cyp.models import Notification
    from tests.commentary.factories import ReturnFactory

    world.quarter.data_deadline = datetime.date(2024, 9, 12)
    world.quarter.save()
    both = UserFactory(username="lead-both", role=Role.SERVICE_LEAD, service_areas=[world.a.area, world.b.area])
    for body in (world.a, world.b):
        ReturnFactory(indicator=body.indicator, quarter=world.quarter)

    returns_remind(today=datetime.date(2024, 9, 5))

    body = Notification.objects.get(recipient=both).body
    assert "Indicator 11: Alpha indicator (Draft), Children and Young People Committee" in body
    assert "Indicator 301: Bravo indicator (Draft), Corporate Parenting Board" in body
    assert "Corporate Parenting Board" not in Notification.objects.get(recipient=world.a.lead).body


def test_my_returns_lists_a_leads_returns_in_every_body_and_filters_by_body(world, client):
    from tests.commentary.factories import ReturnFactory

    both = UserFactory(username="lead-both", role=Role.SERVICE_LEAD, service_areas=[world.a.area, world.b.area])
    for body in (world.a, world.b):
        ReturnFactory(indicator=body.indicator, quarter=world.quarter)
    client.force_login(both)

    every = client.get(reverse("my_returns")).content.decode()
    board_only = client.get(reverse("my_returns") + f"?body={world.b.committee.slug}").content.decode()

    assert "Alpha indicator" in every and "Bravo indicator" in every
    assert "Bravo indicator" in board_only and "Alpha indicator" not in board_only
    assert client.get(reverse("my_returns") + "?body=no-such-body").status_code == 404


def test_the_returns_board_spans_every_body_or_filters_by_one(world, client):
    from tests.commentary.factories import ReturnFactory

    for body in (world.a, world.b):
        ReturnFactory(indicator=body.indicator, quarter=world.quarter)
    client.force_login(world.governance)
    board = reverse("governance_board", kwargs={"quarter": QUARTER})

    every = client.get(board).content.decode()
    filtered = client.get(board + f"?body={world.a.committee.slug}").content.decode()

    assert "Alpha service area (Children and Young People Committee)" in every
    assert "Bravo service area (Corporate Parenting Board)" in every
    assert "Alpha indicator" in filtered and "Bravo indicator" not in filtered


def test_a_member_who_sits_on_no_body_is_told_so_at_home(world, client):
    client.force_login(UserFactory(username="new-councillor", role=Role.MEMBER))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "does not sit on any committee, board or panel yet" in response.content.decode()
    assert "Alpha" not in response.content.decode() and "Bravo" not in response.content.decode()


def test_an_address_naming_no_body_is_not_found(world, client):
    client.force_login(world.governance)

    assert client.get("/bodies/no-such-body/").status_code == 404
    assert client.get("/bodies/no-such-body/meetings/").status_code == 404
