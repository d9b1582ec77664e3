"""Long and odd text on the return pages: refused with a message that keeps it, and shown without control characters."""

import pytest
from django.urls import reverse

from commentary.models import Return
from commentary.services import return_save, return_submit
from cyp import limits
from cyp.enums import ReviewState
from tests.commentary.test_views import form_data

NASTY = "Take-up rose\vsharply\x07 \u202eto 78.9%\u202c <script>alert(1)</script>"
CONTROLS = ("\v", "\x07", "\u202e", "\u202c")


def test_an_over_long_commentary_is_refused_with_the_field_the_length_and_the_fix_keeping_it(as_persona, ret):
    typed = "a" * 13_204

    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), form_data(ret, commentary=typed, actions="My actions.")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Commentary is 13,204 characters; the limit is 12,000. Shorten it by 1,204 characters." in html
    assert f">\n{typed}</textarea>" in html
    assert "My actions." in html
    assert "Too long: 13,204 of 12,000 characters. Shorten it by 1,204." in html
    assert Return.objects.get(pk=ret.pk).version == 1


def test_a_commentary_at_the_limit_is_saved(as_persona, ret):
    typed = "a" * limits.COMMENTARY

    response = as_persona("lead").post(reverse("return_edit", kwargs={"pk": ret.pk}), form_data(ret, commentary=typed))

    assert response.status_code == 302
    assert Return.objects.get(pk=ret.pk).commentary == typed


def test_autosave_refuses_an_over_long_text_with_the_message_and_saves_nothing(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_autosave", kwargs={"pk": ret.pk}), form_data(ret, actions="b" * (limits.ACTIONS + 10))
    )

    html = response.content.decode()
    assert (
        "Not saved automatically: Actions is 12,010 characters; the limit is 12,000. Shorten it by 10 characters."
    ) in html
    assert 'id="id_version" value="1" hx-swap-oob="true"' in html
    assert Return.objects.get(pk=ret.pk).version == 1


def test_a_conflict_between_two_texts_at_the_limit_shows_both_and_keeps_mine(as_persona, ret, lead):
    theirs, mine = "their words " * 1000, "my own words " * 923
    return_save(ret=ret, by=lead, content={"commentary": theirs[: limits.COMMENTARY]}, expected_version=1)

    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), form_data(ret, version=1, commentary=mine[: limits.COMMENTARY])
    )

    assert response.status_code == 409
    assert response.context["form"]["commentary"].value() == mine[: limits.COMMENTARY]
    (row,) = response.context["conflict_rows"]
    assert row["label"] == "Commentary" and "<del" in row["diff"] and "<ins" in row["diff"]


def test_an_over_long_decision_comment_decides_nothing_and_comes_back_with_the_comment(as_persona, ret, lead):
    return_submit(ret=ret, by=lead)
    typed = "Explain the rise. " * 250  # 4,500 characters

    response = as_persona("governance").post(
        reverse("return_send_back", kwargs={"pk": ret.pk}), {"comment": typed, "version": 2}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Comment is 4,499 characters; the limit is 4,000. Shorten it by 499 characters." in html
    assert f">{typed}</textarea>" in html
    assert 'aria-describedby="send-back-comment_count send-back-comment_error" aria-invalid="true"' in html
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_an_over_long_approval_comment_does_not_approve_without_it(as_persona, ret, lead):
    return_submit(ret=ret, by=lead)

    response = as_persona("governance").post(
        reverse("return_approve", kwargs={"pk": ret.pk}), {"comment": "c" * 4001, "version": 2}
    )

    assert response.status_code == 400
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


@pytest.mark.parametrize("persona", ["other_lead", "member"])
def test_people_who_may_not_see_the_return_cannot_post_a_long_comment_to_it(as_persona, ret, lead, persona):
    return_submit(ret=ret, by=lead)

    response = as_persona(persona).post(
        reverse("return_send_back", kwargs={"pk": ret.pk}), {"comment": "c" * 4001, "version": 2}
    )

    assert response.status_code in (403, 404)
    assert "c" * 100 not in response.content.decode()
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


def test_the_return_page_shows_stored_text_escaped_without_control_characters(as_persona, ret):
    Return.objects.filter(pk=ret.pk).update(commentary=NASTY, actions=NASTY)  # stored before the forms cleaned it

    html = as_persona("governance").get(reverse("return_detail", kwargs={"pk": ret.pk})).content.decode()

    assert not [control for control in CONTROLS if control in html]
    assert html.count("Take-up rose\nsharply to 78.9% &lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert "<script>alert(1)</script>" not in html


def test_the_indicator_page_shows_a_changed_commentary_without_control_characters(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": NASTY}, expected_version=1)  # the audit keeps it as given

    html = as_persona("governance").get(reverse("indicator_detail", kwargs={"number": 11})).content.decode()

    assert "History of changes and decisions" in html
    assert not [control for control in CONTROLS if control in html]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)</script>" not in html


def test_the_board_shows_a_typed_name_without_control_characters(as_persona, ret):
    ret.indicator.name = "Take-up\u202e <script>x</script>\x07"
    ret.indicator.save()

    html = as_persona("governance").get(reverse("governance_board", kwargs={"quarter": "2024-25-Q1"})).content.decode()

    assert "11: Take-up &lt;script&gt;x&lt;/script&gt;</a>" in html  # the name links to the return
    assert not [control for control in CONTROLS if control in html]


def test_the_editor_shows_the_counters_with_the_limits_as_text(as_persona, ret):
    html = as_persona("lead").get(reverse("return_edit", kwargs={"pk": ret.pk})).content.decode()

    assert f"{len(ret.commentary)} of 12,000 characters" in html
    assert "0 of 12,000 characters" in html  # actions
    assert "0 of 2,000 characters" in html  # why not updated
    assert 'src="/static/js/text_counter.js"' in html


def test_the_dashboard_and_indicator_page_show_a_typed_name_without_control_characters(as_persona, ret):
    ret.indicator.name = "Take-up\u202e <b>x</b>\x07"
    ret.indicator.save()
    client = as_persona("governance")

    dashboard = client.get(reverse("dashboard", kwargs={"quarter": "2024-25-Q1"})).content.decode()
    page = client.get(reverse("indicator_detail", kwargs={"number": 11})).content.decode()

    for html in (dashboard, page):
        assert "Take-up &lt;b&gt;x&lt;/b&gt;" in html
        assert not [control for control in CONTROLS if control in html]


def test_the_save_service_refuses_an_over_long_text_from_any_caller(ret, lead):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        return_save(ret=ret, by=lead, content={"commentary": "c" * (limits.COMMENTARY + 1)}, expected_version=1)

    assert refused.value.message_dict == {
        "commentary": ["Commentary is 12,001 characters; the limit is 12,000. Shorten it by 1 character."]
    }
    assert Return.objects.get(pk=ret.pk).version == 1
