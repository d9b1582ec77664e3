"""The return pages: the editor loses nothing, the preview computes as the lead types, decisions go through."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commentary.models import Return
from commentary.services import return_save, return_submit
from cyp.enums import ReviewState
from cyp.models import AuditEvent
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory


def form_data(ret, **changes):
    data = {
        "version": ret.version,
        "period_label": ret.period_label,
        "period_start": ret.period_start.isoformat(),
        "period_end": ret.period_end.isoformat(),
        "value": str(ret.value),
        "numerator": "",
        "denominator": "",
        "sn_mean": "",
        "england_mean": "",
        "region_mean": "",
        "other_mean": "",
        "other_mean_label": "",
        "not_updated_reason": "",
        "commentary": ret.commentary,
        "actions": ret.actions,
    }
    data.update(changes)
    return data


def test_the_editor_shows_the_figures_last_quarters_text_and_the_computed_rag(as_persona, ret):
    response = as_persona("lead").get(reverse("return_edit", kwargs={"pk": ret.pk}))

    assert response.status_code == 200
    assert response.context["form"]["version"].value() == 1
    html = response.content.decode()
    assert '<span class="rag rag-blue">Blue</span>' in html
    assert "+5.2%" in html
    assert "There is no return for this indicator last quarter." in html


def test_saving_the_editor_saves_the_draft_and_redirects_back(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), form_data(ret, commentary="Rose again.")
    )

    assert response.status_code == 302
    assert Return.objects.get(pk=ret.pk).commentary == "Rose again."


def test_a_validation_error_keeps_everything_typed(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}),
        form_data(ret, value="seventy", commentary="My careful words.", actions="My actions."),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Current value: enter a number, e.g. 78.9 (you entered seventy)." in html
    assert 'value="seventy"' in html
    assert "My careful words." in html and "My actions." in html
    assert Return.objects.get(pk=ret.pk).commentary != "My careful words."


def test_a_save_against_a_stale_version_is_refused_showing_both_versions_and_keeping_mine(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Their words."}, expected_version=1)

    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), form_data(ret, version=1, commentary="My words.")
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Not saved: someone else changed this return" in html
    assert "Their words." in html and "My words." in html
    assert response.context["form"]["version"].value() == "2"
    assert response.context["form"]["commentary"].value() == "My words."
    assert Return.objects.get(pk=ret.pk).commentary == "Their words."


def test_saving_again_after_a_conflict_replaces_theirs_knowingly(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Their words."}, expected_version=1)

    as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), form_data(ret, version=2, commentary="Mine.")
    )

    assert Return.objects.get(pk=ret.pk).commentary == "Mine."


def test_save_and_submit_of_red_without_actions_saves_the_draft_but_stops_with_the_reason(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), {**form_data(ret, value="60.0"), "submit": "1"}
    )

    assert response.status_code == 400
    assert "Your draft is saved, but it cannot be submitted yet" in response.content.decode()
    assert "so actions are required" in response.content.decode()
    stored = Return.objects.get(pk=ret.pk)
    assert (stored.state, stored.value) == (ReviewState.DRAFT, Decimal("60.0"))
    assert response.context["form"]["version"].value() == "2"


def test_save_and_submit_with_actions_submits(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}),
        {**form_data(ret, value="60.0", actions="Contact every eligible family."), "submit": "1"},
    )

    assert response.status_code == 302
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_the_preview_computes_rag_deviation_change_and_checks_for_what_is_typed_without_saving(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_preview", kwargs={"pk": ret.pk}), form_data(ret, value="60.0", commentary="")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="rag rag-red">Red</span>' in html
    assert "−20.0%" in html
    assert "Declining" in html
    assert "so actions are required" in html and "the commentary is empty" in html
    assert Return.objects.get(pk=ret.pk).value == Decimal("78.9")


def test_the_preview_ignores_a_field_that_does_not_parse_yet(as_persona, ret):
    response = as_persona("lead").post(reverse("return_preview", kwargs={"pk": ret.pk}), form_data(ret, value="7x"))

    assert '<span class="rag rag-blue">Blue</span>' in response.content.decode()


def test_autosave_saves_the_draft_and_swaps_in_the_new_version(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_autosave", kwargs={"pk": ret.pk}), form_data(ret, commentary="Typed so far.")
    )

    html = response.content.decode()
    assert "Draft saved automatically" in html
    assert 'id="id_version" value="2" hx-swap-oob="true"' in html
    assert Return.objects.get(pk=ret.pk).commentary == "Typed so far."


def test_autosave_against_a_stale_version_saves_nothing_and_says_so(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Theirs."}, expected_version=1)

    response = as_persona("lead").post(
        reverse("return_autosave", kwargs={"pk": ret.pk}), form_data(ret, version=1, commentary="Mine.")
    )

    assert "Not saved automatically: someone else has changed this return." in response.content.decode()
    assert Return.objects.get(pk=ret.pk).commentary == "Theirs."


def test_governance_sends_back_with_a_comment_from_the_return_page(as_persona, ret, lead):
    return_submit(ret=ret, by=lead)

    response = as_persona("governance").post(
        reverse("return_send_back", kwargs={"pk": ret.pk}), {"comment": "Explain the rise.", "version": 2}
    )

    assert response.status_code == 302
    assert Return.objects.get(pk=ret.pk).state == ReviewState.RETURNED
    page = as_persona("lead").get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()
    assert "Explain the rise." in page
    assert "Return sent back" in page


def test_sending_back_without_a_comment_changes_nothing_and_says_why(as_persona, ret, lead):
    return_submit(ret=ret, by=lead)

    client = as_persona("governance")
    response = client.post(reverse("return_send_back", kwargs={"pk": ret.pk}), {"comment": ""}, follow=True)

    assert "Write a comment that says what needs to change and why." in response.content.decode()
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_an_approval_from_a_stale_page_is_refused(as_persona, ret, lead):
    return_submit(ret=ret, by=lead)

    response = as_persona("governance").post(
        reverse("return_approve", kwargs={"pk": ret.pk}), {"version": 1}, follow=True
    )

    assert "Someone else changed this return" in response.content.decode()
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_the_return_page_shows_the_timeline_with_word_differences_escaped(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Take-up <b>rose</b> to 78.9%."}, expected_version=1)

    html = as_persona("governance").get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()

    assert "Return saved" in html
    assert "&lt;b&gt;rose&lt;/b&gt;" in html
    assert "<b>rose</b>" not in html
    assert '<ins class="bg-success-subtle">' in html and '<del class="bg-danger-subtle">' in html
    assert "(Service lead)" in html


def test_the_board_counts_add_up_and_name_who_holds_each_return(as_persona, ret, other_ret, lead):
    return_submit(ret=ret, by=lead)

    response = as_persona("governance").get(reverse("governance_board", kwargs={"quarter": "2024-25-Q1"}))

    board = response.context["board"]
    assert board.counts == {"not_started": 0, "draft": 1, "submitted": 1, "returned": 0, "approved": 0}
    assert sum(board.counts.values()) == board.total == 2
    holders = {row.indicator.number: row.holder for group in board.groups for row in group.rows}
    assert holders == {11: "Governance team", 130: "Service lead, Education (nobody assigned)"}


def test_the_board_names_the_leads_who_hold_a_draft(as_persona, ret, lead):
    response = as_persona("governance").get(reverse("governance_board", kwargs={"quarter": "2024-25-Q1"}))

    (row,) = [row for group in response.context["board"].groups for row in group.rows]
    assert row.holder == str(lead)


def test_the_board_shows_days_overdue(as_persona, ret, quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()

    response = as_persona("governance").get(reverse("governance_board", kwargs={"quarter": "2024-25-Q1"}))

    (row,) = [row for group in response.context["board"].groups for row in group.rows]
    assert row.is_overdue
    assert row.deadline_display.endswith("days overdue")


@pytest.mark.parametrize("size", [2, 8])
def test_the_board_runs_the_same_number_of_queries_whatever_the_number_of_returns(
    size, as_persona, committee, area, quarter, django_assert_num_queries
):
    for number in range(size):
        ReturnFactory(
            indicator=IndicatorFactory(committee=committee, service_area=area, number=500 + number), quarter=quarter
        )
    client = as_persona("governance")
    # session, user, quarter, returns, targets, figures, previous quarter, leads, indicators without a return,
    # the user's model permissions (2, for the menu), unread notifications, the reports and plans panels (1 each),
    # the bodies the person sees (the body filter and the menu's switcher) and the quarter's publications
    with django_assert_num_queries(14):
        client.get(reverse("governance_board", kwargs={"quarter": "2024-25-Q1"}))


@pytest.mark.parametrize("size", [2, 8])
def test_my_returns_runs_the_same_number_of_queries_whatever_the_number_of_returns(
    size, as_persona, committee, area, quarter, django_assert_num_queries
):
    for number in range(size):
        ReturnFactory(
            indicator=IndicatorFactory(committee=committee, service_area=area, number=500 + number), quarter=quarter
        )
    client = as_persona("lead")
    # session, user, returns, targets, figures, previous quarter, the user's model permissions (2), the bodies
    # the lead sees (the body filter and the menu's switcher), unread notifications
    with django_assert_num_queries(8):
        response = client.get(reverse("my_returns"))
    assert len(response.context["quarters"][0][1]) == size


def test_my_returns_lists_only_the_leads_own_areas(as_persona, ret, other_ret):
    response = as_persona("lead").get(reverse("my_returns"))

    assert [row.ret for _, rows in response.context["quarters"] for row in rows] == [ret]


def test_opening_a_quarter_from_the_board_creates_the_missing_returns(as_persona, committee, area, quarter):
    IndicatorFactory(committee=committee, service_area=area, number=1)

    response = as_persona("governance").post(reverse("quarter_open_returns", kwargs={"quarter": "2024-25-Q1"}))

    assert response.status_code == 302
    assert Return.objects.filter(quarter=quarter).count() == 1
    assert AuditEvent.objects.filter(action="quarter.open").count() == 1


def test_the_editor_shows_stored_figures_as_a_person_types_them(as_persona, ret):
    ret.value = Decimal("78.9000")
    ret.save()

    html = as_persona("lead").get(reverse("return_edit", kwargs={"pk": ret.pk})).content.decode()

    assert 'value="78.9"' in html
    assert "78.9000" not in html


def test_an_approved_return_says_it_is_approved_without_a_holder_or_deadline(as_persona, ret, quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()
    Return.objects.filter(pk=ret.pk).update(state=ReviewState.APPROVED)

    html = as_persona("governance").get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()

    assert "State: <strong>Approved</strong>" in html
    assert "Held by" not in html
    assert "overdue" not in html
