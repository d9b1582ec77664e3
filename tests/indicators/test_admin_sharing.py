"""The admin: an indicator's other bodies (an inline on the indicator) and a body's own targets, through the
sharing services (their checks and audit rows)."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from indicators.models import BodyTarget, IndicatorShare
from tests.factories import CommitteeFactory, IndicatorFactory, IndicatorShareFactory


class _FormValues(HTMLParser):
    """What a browser would post for the page's forms as they stand (inputs, selected options, text areas)."""

    def __init__(self):
        super().__init__()
        self.values, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            else:
                self.values[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self.select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data


def form_values(response) -> dict[str, str]:
    parser = _FormValues()
    parser.feed(response.content.decode())
    return {name: value for name, value in parser.values.items() if name != "csrfmiddlewaretoken"}


@pytest.fixture
def panel(db):
    return CommitteeFactory(name="Corporate Parenting Panel")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _change(admin_client, indicator, **changes):
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = form_values(admin_client.get(url)) | changes
    return admin_client.post(url, data)


def test_the_admin_reports_an_indicator_to_another_body_with_an_audit_row(
    admin_client, administrator, committee, panel
):
    indicator = IndicatorFactory(committee=committee, number=5)

    response = _change(
        admin_client,
        indicator,
        **{"shares-TOTAL_FORMS": "1", "shares-0-committee": str(panel.pk), "shares-0-number": "12"},
    )

    assert response.status_code == 302
    assert list(IndicatorShare.objects.values_list("committee", "number")) == [(panel.pk, 12)]
    event = AuditEvent.objects.get(action=AuditAction.INDICATOR_SHARE)
    assert event.actor == administrator


def test_the_admin_refuses_a_number_the_body_uses_naming_it(admin_client, committee, panel):
    IndicatorFactory(committee=panel, number=12, name="Panel's own")
    indicator = IndicatorFactory(committee=committee, number=5)

    response = _change(
        admin_client,
        indicator,
        **{"shares-TOTAL_FORMS": "1", "shares-0-committee": str(panel.pk), "shares-0-number": "12"},
    )

    assert response.status_code == 200
    assert "Corporate Parenting Panel already prints its own indicator 12: Panel&#x27;s own as number 12" in (
        response.content.decode()
    )
    assert not IndicatorShare.objects.exists()


def test_the_admin_stops_reporting_an_indicator_to_a_body(admin_client, committee, panel):
    indicator = IndicatorFactory(committee=committee, number=5)
    IndicatorShareFactory(indicator=indicator, committee=panel, number=12)

    response = _change(admin_client, indicator, **{"shares-0-DELETE": "on"})

    assert response.status_code == 302
    assert not IndicatorShare.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.INDICATOR_UNSHARE).count() == 1


def test_the_admin_sets_a_body_s_own_target_through_the_service(admin_client, committee, panel, quarter):
    share = IndicatorShareFactory(indicator=IndicatorFactory(committee=committee, number=5), committee=panel)
    url = reverse("admin:indicators_bodytarget_add")

    refused = admin_client.post(url, {"share": share.pk, "year": quarter.year.pk, "value": "", "status": "numeric"})
    saved = admin_client.post(url, {"share": share.pk, "year": quarter.year.pk, "value": "80.0", "status": "numeric"})

    assert refused.status_code == 200
    assert "A numeric target needs a value: enter it, or choose a status without one." in refused.content.decode()
    assert saved.status_code == 302
    assert BodyTarget.objects.get().value == Decimal("80.0")
    assert AuditEvent.objects.filter(action=AuditAction.BODY_TARGET_CHANGE).count() == 1
