import pytest, re
from django.urls import reverse
from cyp.models import AuditEvent
from tests.reports import workflow_factories
from tests.reports.workflow_factories import MeetingFactory
from tests.reports.test_views_agenda import meeting_form
ready_meeting = workflow_factories.ready_meeting
pytestmark = pytest.mark.django_db

def test_probe(ready_meeting, committee, quarter, as_persona):
    c = as_persona("governance")
    r = c.post(reverse("meeting_create"), meeting_form(quarter, date="2024-10-08"))
    print(re.findall(r'invalid-feedback[^>]*>(.*?)<', r.content.decode(), re.S))
    print(re.findall(r'alert-danger[^>]*>(.*?)</div', r.content.decode(), re.S))
    c.post(reverse("meeting_edit", kwargs={"pk": ready_meeting.pk}), meeting_form(quarter, date="2024-10-08", time="10:00"))
    print(AuditEvent.objects.get(action="meeting.change").changes)
