"""The reviewer's comment on the form being edited, read-only pages of work that cannot be edited, and the
return form's numbers: decimals as people write them, impossible values warned, never rated."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from commentary.models import Return
from commentary.services import return_return, return_submit
from cyp.enums import ReviewState
from plans.services import progress_return
from tests.plans.factories import ActionFactory, ProgressUpdateFactory
from tests.selfassessment.factories import BlockFactory, SectionFactory

COMMENT = "Figure does not match the table.\nSee the May figure <script>alert(1)</script>."


@pytest.fixture
def returned(ret, lead, governance):
    with time_machine.travel(datetime.datetime(2024, 7, 3, 10, tzinfo=datetime.UTC), tick=False):
        submitted = return_submit(ret=ret, by=lead)
        return return_return(ret=submitted, by=governance, comment=COMMENT)


def test_return_edit_shows_the_reviewers_latest_comment_at_the_top_escaped(returned, client, lead, governance):
    client.force_login(lead)

    page = client.get(reverse("return_edit", kwargs={"pk": returned.pk})).content.decode()

    box = page[page.index("data-review-comment") : page.index("</section>", page.index("data-review-comment"))]
    assert "The reviewer's comment" in box
    assert f"Returned by {governance} on 3 July 2024:" in box
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box and "<script>alert" not in box
    assert f'href="/returns/{returned.pk}/#history"' in box
    assert page.index("data-review-comment") < page.index('id="return-form"')


def test_return_edit_of_a_draft_shows_no_review_comment(ret, client, lead):
    client.force_login(lead)

    assert "data-review-comment" not in client.get(reverse("return_edit", kwargs={"pk": ret.pk})).content.decode()


def test_progress_edit_shows_the_reviewers_comment(committee, client, lead, governance):
    action = ActionFactory(plan__committee=committee, responsible_user=lead)
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)
    progress_return(update=update, by=governance, comment="Say what changed for children.")
    client.force_login(lead)

    page = client.get(reverse("plans:progress_edit", kwargs={"action_id": action.pk})).content.decode()

    assert f"Returned by {governance} on" in page
    assert "Say what changed for children." in page


def test_a_submitted_return_opened_for_editing_shows_the_read_only_page(ret, client, lead):
    with time_machine.travel(datetime.datetime(2024, 7, 3, 10, tzinfo=datetime.UTC), tick=False):
        return_submit(ret=ret, by=lead)
    client.force_login(lead)

    response = client.get(reverse("return_edit", kwargs={"pk": ret.pk}), follow=True)

    assert response.redirect_chain == [(reverse("return_detail", kwargs={"pk": ret.pk}), 302)]
    page = response.content.decode()
    assert "Submitted on 3 July 2024: waiting for review. Withdraw it to change it." in page
    assert f'action="/returns/{ret.pk}/withdraw/"' in page
    main = page[page.index('<main id="main"') : page.index("</main>")]
    value_inputs = re.findall(r'<(?:input|textarea)[^>]*name="(value|numerator|denominator|commentary|actions)"', main)
    assert value_inputs == []
    assert "Edit the return" not in page


def test_an_approved_return_says_to_ask_governance_to_reopen_it_and_offers_no_withdraw(ret, client, lead):
    Return.objects.filter(pk=ret.pk).update(state=ReviewState.APPROVED)
    client.force_login(lead)

    page = client.get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()

    assert "it cannot be edited now. To change it, ask the governance team to reopen the return." in page
    assert "/withdraw/" not in page


def test_governance_reading_a_submitted_return_sees_no_withdraw_and_no_writers_sentence(ret, client, lead, governance):
    return_submit(ret=ret, by=lead)
    client.force_login(governance)

    page = client.get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()

    assert "data-readonly-reason" not in page and "/withdraw/" not in page


def test_a_submitted_section_is_read_only_for_its_author_with_withdraw(committee, client, lead):
    section = SectionFactory(document__committee=committee, author=lead, state=ReviewState.SUBMITTED)
    BlockFactory(section=section, summary="Our summary")
    client.force_login(lead)

    url = reverse("selfassessment:section", kwargs={"document_id": section.document_id, "number": section.number})
    page = client.get(url).content.decode()

    assert "waiting for review. Withdraw it to change it." in page
    assert "<textarea" not in page[page.index('<main id="main"') : page.index("</main>")]


def test_an_approved_section_is_read_only_for_its_author(committee, client, lead):
    section = SectionFactory(document__committee=committee, author=lead, state=ReviewState.APPROVED)
    BlockFactory(section=section, summary="Our summary")
    client.force_login(lead)

    url = reverse("selfassessment:section", kwargs={"document_id": section.document_id, "number": section.number})
    page = client.get(url).content.decode()

    assert "ask the governance team to reopen the self-assessment section." in page
    assert "<textarea" not in page[page.index('<main id="main"') : page.index("</main>")]


def _form(ret, **changes) -> dict:
    data = {
        "version": ret.version,
        "period_label": ret.period_label,
        "period_start": ret.period_start.isoformat(),
        "period_end": ret.period_end.isoformat(),
        "value": str(ret.value),
        "commentary": ret.commentary,
        "actions": ret.actions,
    }
    return {**data, **changes}


def test_a_draft_with_a_negative_percentage_is_saved_with_an_amber_warning_not_draft_saved(ret, client, lead):
    client.force_login(lead)

    response = client.post(reverse("return_edit", kwargs={"pk": ret.pk}), _form(ret, value="-5"), follow=True)

    page = response.content.decode()
    assert Return.objects.get(pk=ret.pk).value == Decimal("-5")
    assert "alert-warning" in page
    assert (
        "Draft saved, but check it: The current value must be between 0 and 100 for a percentage (you entered -5). "
        "It cannot be submitted until this is fixed." in page
    )
    assert "Draft saved.<" not in page


def test_submitting_150_percent_is_refused_naming_the_field(ret, client, lead):
    client.force_login(lead)

    response = client.post(reverse("return_edit", kwargs={"pk": ret.pk}), _form(ret, value="150", submit="1"))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_value">Indicator 11: the current value must be between 0 and 100 for a percentage' in page
    assert Return.objects.get(pk=ret.pk).state == ReviewState.DRAFT


def test_the_preview_never_rates_an_impossible_value(ret, client, lead):
    client.force_login(lead)

    page = client.post(reverse("return_preview", kwargs={"pk": ret.pk}), _form(ret, value="150")).content.decode()

    assert "Check the value: the current value must be between 0 and 100 for a percentage (you entered 150)." in page
    assert "Not rated until the value is possible" in page
    assert "Blue" not in page


def test_the_preview_rates_a_possible_value(ret, client, lead):
    client.force_login(lead)

    page = client.post(reverse("return_preview", kwargs={"pk": ret.pk}), _form(ret, value="60")).content.decode()

    assert "data-impossible" not in page
    assert ">Red<" in page


def test_numerator_and_denominator_print_as_people_write_them(ret, client, lead):
    Return.objects.filter(pk=ret.pk).update(value=Decimal("5.2"), numerator=Decimal("52"), denominator=Decimal("1000"))
    client.force_login(lead)

    page = client.get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()

    assert "<td>52</td>" in page and "<td>1,000</td>" in page
    assert "52.0000" not in page and "1000.0000" not in page
