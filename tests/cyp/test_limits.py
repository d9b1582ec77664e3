"""Limits on free text: one message that names the field and the fix, counted as the page counts, on every field."""

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Template

from commentary.forms import CommentForm, ReturnForm
from commentary.models import Return
from cyp import limits
from cyp.forms import LimitedTextField, text_limits_apply
from cyp.limits import TextLimit, limit_message
from indicators.forms import FigureCorrectionForm
from plans.forms import ActionForm, ProgressForm, ReviewForm
from reports.forms import AgendaItemForm, MeetingForm
from reports.models import Meeting

#: Text written by the system, not typed by a person: no limit needed.
SYSTEM_TEXT = {
    ("cyp", "AuditEvent", "comment"),  # limited by the forms that take the comment (cyp.limits.COMMENT)
    ("cyp", "Notification", "body"),
    ("reports", "PackBuild", "failure_reason"),
}


def test_the_message_names_the_field_the_length_the_limit_and_the_fix():
    assert limit_message("Commentary", 13_204, 12_000) == (
        "Commentary is 13,204 characters; the limit is 12,000. Shorten it by 1,204 characters."
    )
    assert limit_message("Title", 301, 300) == "Title is 301 characters; the limit is 300. Shorten it by 1 character."


def test_a_text_at_its_limit_passes_and_one_character_more_is_refused():
    validator = TextLimit(10, "Reason")
    validator("x" * 10)

    with pytest.raises(ValidationError) as refused:
        validator("x" * 11)

    assert refused.value.messages == ["Reason is 11 characters; the limit is 10. Shorten it by 1 character."]


def test_a_line_break_counts_once_whether_the_browser_sent_crlf_or_lf():
    TextLimit(5, "Reason")("a\r\nb\r\nc")  # five characters as the counter shows them: a, break, b, break, c

    with pytest.raises(ValidationError):
        TextLimit(4, "Reason")("a\r\nb\r\nc")


def _free_text_fields():
    for app in ("commentary", "plans", "reports", "indicators", "cyp"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                if isinstance(field, models.TextField):
                    yield app, model.__name__, field


def test_every_free_text_field_people_write_has_a_limit():
    unlimited = [
        f"{app}.{model}.{field.name}"
        for app, model, field in _free_text_fields()
        if (app, model, field.name) not in SYSTEM_TEXT
        and not any(isinstance(validator, TextLimit) for validator in field.validators)
    ]

    assert unlimited == []


def test_every_short_text_field_has_a_max_length():
    assert [
        f"{model.__name__}.{field.name}"
        for app in ("commentary", "plans", "reports", "indicators", "cyp")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField) and not field.max_length
    ] == []


def test_the_model_refuses_an_over_long_commentary_so_the_admin_does_too():
    ret = Return(commentary="x" * (limits.COMMENTARY + 1))

    with pytest.raises(ValidationError) as refused:
        ret.clean_fields(exclude=[field.name for field in Return._meta.fields if field.name != "commentary"])

    assert refused.value.message_dict["commentary"] == [
        "This text is 12,001 characters; the limit is 12,000. Shorten it by 1 character."
    ]


@pytest.mark.parametrize(
    ("form_class", "field", "limit", "label"),
    [
        (ReturnForm, "commentary", limits.COMMENTARY, "Commentary"),
        (ReturnForm, "actions", limits.ACTIONS, "Actions"),
        (ReturnForm, "not_updated_reason", limits.REASON, "Why not updated"),
        (CommentForm, "comment", limits.COMMENT, "Comment"),
        (ProgressForm, "text", limits.PROGRESS, "Progress"),
        (ProgressForm, "evidence", limits.EVIDENCE, "Evidence"),
        (ReviewForm, "comment", limits.COMMENT, "Comment"),
        (FigureCorrectionForm, "reason", limits.REASON, "Reason for the correction"),
        (FigureCorrectionForm, "not_updated_reason", limits.REASON, "Why it was not updated"),
    ],
)
def test_each_form_refuses_an_over_long_text_naming_the_field_and_keeps_it(form_class, field, limit, label):
    typed = "a" * (limit + 25)
    form = form_class({field: typed, "version": "1"})

    assert not form.is_valid()
    assert form.errors[field] == [
        f"{label} is {limit + 25:,} characters; the limit is {limit:,}. Shorten it by 25 characters."
    ]
    assert form[field].value() == typed


def test_the_action_form_limits_its_texts(db):
    from tests.plans.factories import ActionFactory

    form = ActionForm({"item": "i" * (limits.ACTION_TEXT + 1), "status": "on_track"}, action=ActionFactory())

    assert not form.is_valid()
    assert form.errors["item"] == [
        f"Item is {limits.ACTION_TEXT + 1:,} characters; the limit is {limits.ACTION_TEXT:,}. "
        "Shorten it by 1 character."
    ]


def test_a_model_form_gets_the_model_limits_with_counters_and_named_messages(db):
    form = AgendaItemForm(
        {"executive_summary": "s" * (limits.EXECUTIVE_SUMMARY + 2), "title": "t" * 301}, meeting=Meeting()
    )

    assert not form.is_valid()
    assert form.errors["executive_summary"] == [
        "Executive summary is 6,002 characters; the limit is 6,000. Shorten it by 2 characters."
    ]
    assert form.errors["title"] == ["Title is 301 characters; the limit is 300. Shorten it by 1 character."]
    assert 'data-limit="6000"' in str(form["executive_summary"])


def test_the_meeting_form_limits_the_membership(db):
    form = MeetingForm({"membership": "m" * (limits.MEMBERSHIP + 1)})

    assert not form.is_valid()
    assert form.errors["membership"] == [
        "Membership is 4,001 characters; the limit is 4,000. Shorten it by 1 character."
    ]


def test_the_text_area_prints_its_counter_linked_to_it_and_has_no_maxlength_to_cut_a_paste():
    html = str(ReturnForm(initial={"commentary": "a" * 1204})["commentary"])

    assert 'aria-describedby="id_commentary_helptext id_commentary_count"' in html
    assert 'data-limit="12000"' in html and 'data-counter="id_commentary_count"' in html
    assert "maxlength" not in html
    assert (
        '<div class="form-text text-counter" id="id_commentary_count" data-text-counter>'
        "<span data-counter-text>1,204 of 12,000 characters</span>"
        '<span class="visually-hidden" aria-live="polite" data-counter-live></span></div>'
    ) in html


def test_over_the_limit_the_counter_says_so_in_words_not_colour_alone():
    form = ReturnForm({"version": "1", "commentary": "a" * 13_204})
    form.is_valid()

    html = str(form["commentary"])

    assert "text-counter-over" in html
    assert "Too long: 13,204 of 12,000 characters. Shorten it by 1,204." in html


def test_a_limited_field_cleans_what_was_typed_on_the_way_in():
    form = ReturnForm({"version": "1", "commentary": "Line one\vline two\x07 \u202eevil\u202c\r\nend  "})

    assert form.is_valid()
    assert form.cleaned_data["commentary"] == "Line one\nline two evil\nend"


def test_text_limits_apply_names_a_short_fields_length_message():
    class TitleForm(forms.Form):
        title = forms.CharField(label="Plan title", max_length=5)
        notes = forms.CharField(label="Notes", max_length=8, widget=forms.Textarea)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            text_limits_apply(self)

    form = TitleForm({"title": "abcdefg", "notes": "123456789"})

    assert not form.is_valid()
    assert form.errors["title"] == ["Plan title is 7 characters; the limit is 5. Shorten it by 2 characters."]
    assert form.errors["notes"] == ["Notes is 9 characters; the limit is 8. Shorten it by 1 character."]
    assert isinstance(form.fields["notes"], LimitedTextField)


def test_the_clean_text_filter_removes_controls_and_bidi_overrides_and_still_escapes():
    html = Template("{{ value|clean_text }}").render(Context({"value": "a\vb\x07c\u202ed<script>alert(1)</script>"}))

    assert html == "a\nbcd&lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_counter_tag_prints_a_counter_for_a_hand_written_text_area():
    html = Template('{% text_counter "COMMENT" typed "comment-" pk "_count" %}').render(
        Context({"typed": "x" * 4001, "pk": 7})
    )

    assert 'id="comment-7_count"' in html
    assert "Too long: 4,001 of 4,000 characters. Shorten it by 1." in html
