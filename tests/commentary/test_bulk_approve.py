"""Approving clean returns together: one confirmation, each approved as on its own, all or nothing."""

import pytest
from django.urls import reverse

from commentary.bulk import BulkRefused, returns_bulk_approve
from commentary.models import Return
from commentary.services import return_submit
from cyp.enums import ReviewState
from cyp.models import AuditEvent
from indicators.models import Figure
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory, TargetFactory

BULK = reverse("returns_bulk_approve", kwargs={"quarter": "2024-25-Q1"})
BOARD = reverse("governance_board", kwargs={"quarter": "2024-25-Q1"})


@pytest.fixture
def clean(committee, area, quarter, lead, ret):
    """Three submitted returns with every check passed and no warning: 11 (``ret``), 21 and 22."""
    returns = [ret]
    for number in (21, 22):
        indicator = IndicatorFactory(committee=committee, service_area=area, number=number, name=f"Measure {number}")
        TargetFactory(indicator=indicator, year=quarter.year, value="75.0")
        returns.append(ReturnFactory(indicator=indicator, quarter=quarter))
    return [return_submit(ret=item, by=lead) for item in returns]


@pytest.fixture
def warned(committee, area, quarter, lead):
    """Indicator 12, submitted with commentary that contradicts its figure: a warning, so never approved together."""
    indicator = IndicatorFactory(committee=committee, number=12, name="Care leavers in touch", service_area=area)
    TargetFactory(indicator=indicator, year=quarter.year, value="75.0")
    item = ReturnFactory(indicator=indicator, quarter=quarter, commentary="Take-up was 73.2% this quarter.")
    return return_submit(ret=item, by=lead)


def confirm_data(returns):
    data = {"ret": [str(item.pk) for item in returns]}
    data.update({f"version_{item.pk}": str(item.version) for item in returns})
    return data


def test_the_board_offers_a_tick_box_only_for_clean_returns(as_persona, clean, warned):
    html = as_persona("governance").get(BOARD).content.decode()

    for item in clean:
        assert f'name="ret" value="{item.pk}" id="select-{item.pk}"' in html
    assert f'value="{warned.pk}" id="select-{warned.pk}"' not in html
    assert "3 of the returns shown are clean" in html


def test_the_confirmation_lists_the_clean_returns_and_leaves_out_the_others_with_the_reason(as_persona, clean, warned):
    response = as_persona("governance").get(BULK, {"ret": [item.pk for item in [*clean, warned]]})

    html = response.content.decode()
    assert "<h1>Approve these 3 returns?</h1>" in html
    assert [row.indicator.number for row in response.context["clean"]] == [11, 21, 22]
    assert "Care leavers in touch</a>: 1 warning to read." in html
    assert f'name="version_{warned.pk}"' not in html
    assert Return.objects.filter(state=ReviewState.APPROVED).count() == 0  # a GET changes nothing


def test_confirming_approves_each_return_as_one_approval_would_and_logs_the_count(as_persona, clean):
    response = as_persona("governance").post(BULK, confirm_data(clean), follow=True)

    assert response.redirect_chain[-1][0] == BOARD
    assert [str(m) for m in response.context["messages"]] == [
        "Approved 3 returns. Their figures are now on the dashboard."
    ]
    assert set(Return.objects.values_list("state", flat=True)) == {ReviewState.APPROVED}
    assert AuditEvent.objects.filter(action="return.approve").count() == 3
    (bulk,) = AuditEvent.objects.filter(action="return.bulk_approve")
    assert bulk.changes == {"returns_approved": [None, 3], "indicators": [None, [11, 21, 22]]}
    assert bulk.target_repr == "2024/25-Q1"
    assert Figure.objects.filter(indicator__number__in=[11, 21, 22], period_end="2024-06-30").count() == 3


def test_a_return_changed_since_the_confirmation_means_none_is_approved(as_persona, clean, lead):
    data = confirm_data(clean)
    changed = clean[1]
    Return.objects.filter(pk=changed.pk).update(version=changed.version + 1)

    response = as_persona("governance").post(BULK, data, follow=True)

    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        "Nothing was approved: 1 of the 3 returns you confirmed has changed since. "
        "Look at it, then choose the clean returns again.",
        "Indicator 21 (Measure 21): someone changed it after you chose it.",
    ]
    assert set(Return.objects.values_list("state", flat=True)) == {ReviewState.SUBMITTED}
    assert not AuditEvent.objects.filter(action__in=["return.approve", "return.bulk_approve"]).exists()


def test_a_return_with_warnings_cannot_be_approved_together_even_by_a_crafted_form(as_persona, clean, warned):
    response = as_persona("governance").post(BULK, confirm_data([clean[0], warned]), follow=True)

    assert "Indicator 12 (Care leavers in touch): 1 warning to read." in [str(m) for m in response.context["messages"]]
    assert Return.objects.filter(state=ReviewState.APPROVED).count() == 0


def test_a_draft_cannot_be_approved_together(governance, ret):
    with pytest.raises(BulkRefused) as refused:
        returns_bulk_approve(quarter=ret.quarter, versions={ret.pk: ret.version}, by=governance)

    assert [item.message for item in refused.value.changed] == [
        "Indicator 11 (Two-year-olds taking up their entitlement): it is draft, not submitted."
    ]


def test_a_return_of_another_period_is_refused(governance, clean):
    with pytest.raises(BulkRefused) as refused:
        returns_bulk_approve(
            quarter=clean[0].quarter, versions={clean[0].pk: clean[0].version, 999999: 1}, by=governance
        )

    assert [item.message for item in refused.value.changed] == ["Return 999999: it is not in this period."]


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_leads_and_members_cannot_approve_together(as_persona, persona, clean):
    client = as_persona(persona)

    assert client.get(BULK, {"ret": [clean[0].pk]}).status_code == 403
    assert client.post(BULK, confirm_data(clean)).status_code == 403
    assert Return.objects.filter(state=ReviewState.APPROVED).count() == 0


def test_anonymous_cannot_approve_together(as_persona, clean):
    response = as_persona("anonymous").post(BULK, confirm_data(clean))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Return.objects.filter(state=ReviewState.APPROVED).count() == 0


def test_a_lead_cannot_bulk_approve_through_the_service(lead, clean):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        returns_bulk_approve(quarter=clean[0].quarter, versions={item.pk: item.version for item in clean}, by=lead)


def test_an_empty_or_garbled_choice_is_named(as_persona, clean):
    client = as_persona("governance")

    response = client.get(BULK, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Returns to approve: tick at least one clean return on the board, then choose Approve."
    ]
    response = client.get(BULK, {"ret": ["x"]}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Returns to approve: the list holds something that is not a return; choose them again."
    ]


@pytest.mark.parametrize("size", [2, 6])
def test_the_confirmation_runs_the_same_number_of_queries_whatever_the_number_of_returns(
    size, as_persona, committee, area, quarter, lead, django_assert_num_queries
):
    returns = []
    for number in range(size):
        indicator = IndicatorFactory(committee=committee, service_area=area, number=600 + number)
        TargetFactory(indicator=indicator, year=quarter.year, value="75.0")
        returns.append(return_submit(ret=ReturnFactory(indicator=indicator, quarter=quarter), by=lead))
    client = as_persona("governance")
    # the period (the address), session, user, returns, targets, figures, previous period, the bodies (menu),
    # unread notifications
    with django_assert_num_queries(9):
        response = client.get(BULK, {"ret": [item.pk for item in returns]})
    assert len(response.context["clean"]) == size
