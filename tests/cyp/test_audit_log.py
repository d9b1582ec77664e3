"""The audit log page: newest first, in words, filtered by body, action, person and dates, exported safely."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cyp.audit import audit_record
from cyp.audit_log import PAGE_SIZE, audit_sentence
from cyp.enums import AuditAction
from cyp.models import AuditEvent
from tests.commentary.factories import ReturnFactory
from tests.factories import CommitteeFactory, IndicatorFactory, ServiceAreaFactory, UserFactory

AUDIT = reverse("audit_log")


def at(day: datetime.date, hour: int = 10, minute: int = 4) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def events(committee, area, quarter, governance, lead):
    """An approval (3 July 2024), a save by the lead (1 July) and an import into another body (2 July)."""
    governance.first_name, governance.last_name = "Sam", "Jones"
    governance.save()
    ret = ReturnFactory(
        indicator=IndicatorFactory(committee=committee, service_area=area, number=117, name="Fostering"),
        quarter=quarter,
    )
    saved = audit_record(action=AuditAction.RETURN_SAVE, target=ret, actor=lead, changes={"value": ["60", "61"]})
    approved = audit_record(action=AuditAction.RETURN_APPROVE, target=ret, actor=governance, comment="Clear.")
    other = CommitteeFactory(name="Corporate Parenting Board")
    ServiceAreaFactory(committee=other, name="Children in Care")
    imported = audit_record(
        action=AuditAction.IMPORT_FIGURES, target=other, actor=governance, comment='=HYPERLINK("http://x")'
    )
    for event, when in ((saved, at(datetime.date(2024, 7, 1))), (approved, at(datetime.date(2024, 7, 3)))):
        AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    AuditEvent.objects.filter(pk=imported.pk).update(created_at=at(datetime.date(2024, 7, 2)))
    return {"saved": saved, "approved": approved, "imported": imported, "other": other}


def sentences(response) -> list[str]:
    return [row["sentence"] for row in response.context["rows"]]


def test_the_log_reads_newest_first_in_words(as_persona, events):
    response = as_persona("governance").get(AUDIT)

    assert sentences(response) == [
        "Sam Jones (Governance team): return approved: Return 2024/25-Q1, indicator 117, on 3 July 2024 at 10:04",
        "Sam Jones (Governance team): figures imported: Corporate Parenting Board, on 2 July 2024 at 10:04",
        f"{events['saved'].actor} (Service lead): return saved: Return 2024/25-Q1, indicator 117, "
        "on 1 July 2024 at 10:04",
    ]
    html = response.content.decode()
    assert "Showing events 1 to 3 of 3, newest first." in html
    assert "value: 60 → 61" in html


def test_the_log_filters_by_body(as_persona, events, committee):
    response = as_persona("governance").get(AUDIT, {"body": events["other"].slug})
    assert [row["event"] for row in response.context["rows"]] == [events["imported"]]

    response = as_persona("governance").get(AUDIT, {"body": committee.slug})
    assert [row["event"] for row in response.context["rows"]] == [events["approved"], events["saved"]]


def test_the_log_filters_by_action_person_and_dates(as_persona, events, lead):
    client = as_persona("governance")

    assert [r["event"] for r in client.get(AUDIT, {"action": "return.save"}).context["rows"]] == [events["saved"]]
    assert [r["event"] for r in client.get(AUDIT, {"actor": lead.pk}).context["rows"]] == [events["saved"]]
    response = client.get(AUDIT, {"date_from": "2024-07-02", "date_to": "2024-07-02"})
    assert [r["event"] for r in response.context["rows"]] == [events["imported"]]


def test_dates_the_wrong_way_round_are_named_and_not_applied(as_persona, events):
    response = as_persona("governance").get(AUDIT, {"date_from": "2024-07-03", "date_to": "2024-07-01"})

    html = response.content.decode()
    assert "To: To must be on or after From (03/07/2024): change one of the dates." in html
    assert len(response.context["rows"]) == 3


def test_the_log_is_paginated(as_persona, committee, governance):
    for _ in range(PAGE_SIZE + 2):
        audit_record(action=AuditAction.MEETING_CHANGE, target=committee, actor=governance)

    client = as_persona("governance")
    assert len(client.get(AUDIT).context["rows"]) == PAGE_SIZE
    assert len(client.get(AUDIT, {"page": 2}).context["rows"]) == 2


def test_the_csv_export_guards_formulas_and_keeps_the_filter(as_persona, events):
    response = as_persona("governance").get(reverse("audit_log_csv"), {"action": "import.figures"})

    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Date", "Time", "Who", "Role", "What", "Action code", "About", "Comment", "Changes"]
    assert rows[1][:8] == [
        "2 July 2024 at 10:04",
        "2024-07-02",
        "10:04",
        "Sam Jones",
        "Governance team",
        "Figures imported",
        "import.figures",
        "Corporate Parenting Board",
    ]
    assert rows[1][8] == '\'=HYPERLINK("http://x")'
    assert len(rows) == 2


def test_the_xlsx_export_holds_every_event_as_text(as_persona, events):
    response = as_persona("governance").get(reverse("audit_log_xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 4
    assert values[2][8] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=3, column=9).data_type == "s"


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_leads_and_members_cannot_read_the_log(as_persona, persona, events):
    client = as_persona(persona)

    for url in (AUDIT, reverse("audit_log_csv"), reverse("audit_log_xlsx")):
        response = client.get(url)
        assert response.status_code == 403
        assert b"Sam Jones" not in response.content


def test_anonymous_cannot_read_the_log(as_persona, events):
    response = as_persona("anonymous").get(AUDIT)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_menu_offers_the_log_to_governance_only(as_persona, events):
    link = f'<a class="nav-link" href="{AUDIT}">Audit log</a>'
    assert link in as_persona("governance").get(reverse("notifications")).content.decode()
    assert link not in as_persona("lead").get(reverse("notifications")).content.decode()


def test_a_sentence_names_the_system_when_nobody_acted(committee):
    event = audit_record(action=AuditAction.QUARTER_OPEN, target=committee)

    assert audit_sentence(event).startswith(f"The system: quarter opened for returns: {committee}, on ")


@pytest.mark.parametrize("size", [3, 30])
def test_the_log_runs_the_same_number_of_queries_whatever_the_number_of_events(
    size, as_persona, committee, governance, django_assert_num_queries
):
    people = [UserFactory(username=f"writer{n}", role="governance") for n in range(3)]
    for number in range(size):
        audit_record(action=AuditAction.MEETING_CHANGE, target=committee, actor=people[number % 3])
    client = as_persona("governance")
    # session, user, the people in the log (the person filter), the bodies (filter and menu), the count,
    # the page of events with their actors, unread notifications
    with django_assert_num_queries(7):
        response = client.get(AUDIT, {"body": committee.slug})
    assert len(response.context["rows"]) == size
