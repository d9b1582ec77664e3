"""The admin holds the bodies with their addresses, cadence and clear-day rules, closure days, and people's bodies."""

import datetime

import pytest
from django.urls import reverse

from cyp.enums import Cadence, CommitteeKind, Role
from cyp.models import Committee, NonWorkingDay, QuarterPublication
from tests.factories import CommitteeFactory, QuarterFactory, UserFactory


@pytest.fixture
def admin_client_signed_in(client, administrator):
    client.force_login(administrator)
    return client


def test_an_administrator_adds_a_body_with_its_kind_cadence_and_clear_day_rules(admin_client_signed_in):
    response = admin_client_signed_in.post(
        reverse("admin:cyp_committee_add"),
        {
            "name": "Corporate Parenting Board",
            "council": "Test County Council",
            "kind": CommitteeKind.BOARD,
            "cadence": Cadence.MONTHLY,
            "position": "2",
            "email": "",
            "slug": "corporate-parenting-board",
            "rag_wording": "report_key",
            "rag_bands": "3",
            "rag_red_threshold": "15",
            "rag_blue_threshold": "5",
            "report_period": "month",
            "report_layout": "scorecard",
            "inspection_clear_days": "5",
            "key_decision_clear_days": "28",
            "clear_days_exclude_weekends": "on",
            "service_areas-TOTAL_FORMS": "1",
            "service_areas-INITIAL_FORMS": "0",
            "service_areas-0-name": "Corporate Parenting",
            "service_areas-0-slug": "corporate-parenting",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    board = Committee.objects.get(slug="corporate-parenting-board")
    assert (board.rag_bands, board.rag_red_threshold, board.report_period, board.report_layout) == (
        3,
        15,
        "month",
        "scorecard",
    )
    assert (board.kind, board.cadence, board.inspection_clear_days, board.key_decision_clear_days) == (
        CommitteeKind.BOARD,
        Cadence.MONTHLY,
        5,
        28,
    )
    assert (board.clear_days_exclude_weekends, board.clear_days_exclude_bank_holidays) == (True, False)
    assert list(board.service_areas.values_list("name", flat=True)) == ["Corporate Parenting"]


def test_the_body_list_shows_each_bodys_kind_cadence_and_address(admin_client_signed_in):
    CommitteeFactory(name="Corporate Parenting Board", kind=CommitteeKind.BOARD, cadence=Cadence.MONTHLY)

    text = admin_client_signed_in.get(reverse("admin:cyp_committee_changelist")).content.decode()

    row = text[text.index("Corporate Parenting Board") :].split("</tr>")[0]
    assert "corporate-parenting-board" in row
    assert "Board" in row and "Monthly" in row


def test_an_administrator_records_a_council_closure_day(admin_client_signed_in):
    response = admin_client_signed_in.post(
        reverse("admin:cyp_nonworkingday_add"), {"date": "2024-12-27", "name": "Council closure day"}
    )

    assert response.status_code == 302
    assert NonWorkingDay.objects.get(date=datetime.date(2024, 12, 27)).name == "Council closure day"


def test_an_administrator_puts_a_member_on_a_body(admin_client_signed_in, committee):
    member = UserFactory(username="councillor", role=Role.MEMBER)
    page = admin_client_signed_in.get(reverse("admin:cyp_user_change", args=[member.pk])).content.decode()

    assert 'name="committees"' in page
    assert "The bodies this person sits on" in page


def test_publications_are_read_only_in_the_admin(admin_client_signed_in, committee):
    publication = QuarterPublication.objects.create(committee=committee, quarter=QuarterFactory())

    change = admin_client_signed_in.get(reverse("admin:cyp_quarterpublication_change", args=[publication.pk]))
    add = admin_client_signed_in.get(reverse("admin:cyp_quarterpublication_add"))

    assert change.status_code == 200
    assert 'type="submit" value="Save"' not in change.content.decode()
    assert add.status_code == 403


def test_people_who_are_not_administrators_cannot_open_the_body_admin(client, governance):
    client.force_login(governance)

    response = client.get(reverse("admin:cyp_committee_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
