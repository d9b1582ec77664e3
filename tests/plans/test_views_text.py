"""Long and odd text on the plans pages: refused with a message that keeps it, shown without control characters."""

import pytest
from django.urls import reverse

from cyp import limits
from cyp.enums import ReviewState
from plans.models import ProgressUpdate
from tests.plans.factories import ProgressUpdateFactory


def test_an_over_long_progress_update_is_refused_naming_the_field_and_keeping_the_text(as_persona, action):
    typed = "Caseloads fell. " * 800  # 12,800 characters, 12,799 once the last space is trimmed

    response = as_persona("lead").post(
        reverse("plans:progress_edit", kwargs={"action_id": action.pk}),
        {"date": "2024-09-30", "status": "on_track", "text": typed, "save": "1"},
    )

    html = response.content.decode()
    assert "Progress is 12,799 characters; the limit is 12,000. Shorten it by 799 characters." in html
    assert typed.strip() in html
    assert "Too long: 12,799 of 12,000 characters. Shorten it by 799." in html
    assert ProgressUpdate.objects.count() == 0


def test_a_progress_update_at_the_limit_is_saved(as_persona, action):
    typed = "p" * limits.PROGRESS

    response = as_persona("lead").post(
        reverse("plans:progress_edit", kwargs={"action_id": action.pk}),
        {"date": "2024-09-30", "status": "on_track", "text": typed, "save": "1"},
    )

    assert response.status_code == 302
    assert ProgressUpdate.objects.get().text == typed


def test_an_over_long_review_comment_decides_nothing_and_comes_back_with_the_comment(as_persona, action, lead):
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)
    typed = "r" * (limits.COMMENT + 1)

    response = as_persona("governance").post(
        reverse("plans:progress_review", kwargs={"update_id": update.pk}),
        {"decision": "return", "comment": typed, "version": update.version},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was decided: Comment is 4,001 characters; the limit is 4,000. Shorten it by 1 character." in html
    assert f">{typed}</textarea>" in html
    assert f'id="comment-{update.pk}_count"' in html
    assert ProgressUpdate.objects.get().state == ReviewState.SUBMITTED


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("other_lead", 404), ("member", 404)])
def test_people_who_may_not_review_cannot_post_a_long_comment(as_persona, action, lead, persona, status):
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)

    response = as_persona(persona).post(
        reverse("plans:progress_review", kwargs={"update_id": update.pk}),
        {"decision": "approve", "comment": "r" * (limits.COMMENT + 1)},
    )

    assert response.status_code == status
    assert ProgressUpdate.objects.get().state == ReviewState.SUBMITTED


def test_the_action_page_shows_progress_without_control_characters_and_escaped(as_persona, action, lead):
    ProgressUpdateFactory(
        action=action, text="Done\vthis\x07 \u202eand <script>alert(1)</script>", evidence="Report\u2066 A"
    )

    html = (
        as_persona("governance").get(reverse("plans:action_detail", kwargs={"action_id": action.pk})).content.decode()
    )

    assert "Done\nthis and &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Report A" in html
    assert not [control for control in ("\v", "\x07", "\u202e", "\u2066") if control in html]


def test_the_progress_service_refuses_an_over_long_evidence_from_any_caller(action, lead):
    import datetime

    from django.core.exceptions import ValidationError

    from plans.services import progress_save

    with pytest.raises(ValidationError) as refused:
        progress_save(
            action=action,
            by=lead,
            date=datetime.date(2024, 9, 30),
            status="on_track",
            text="Done.",
            evidence="e" * (limits.EVIDENCE + 1),
        )

    assert refused.value.message_dict == {
        "evidence": ["Evidence is 4,001 characters; the limit is 4,000. Shorten it by 1 character."]
    }
    assert ProgressUpdate.objects.count() == 0
