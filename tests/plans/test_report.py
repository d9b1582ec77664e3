"""The improvement plan report for the pack: PDF and HTML safety, page splitting, query counts."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse

from cyp import limits
from cyp.enums import ReviewState
from plans.models import ProgressUpdate
from plans.report import plan_report_build
from reports.render import pdf_plans
from reports.render.pdf_plans import plan_report_pdf
from tests.plans.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory
from tests.reports.render_helpers import fonts_drawing_text, read_back, squash

MEETING = datetime.date(2024, 10, 8)


def test_user_text_is_escaped_in_html_and_pdf(plan, recommendation):
    action = ActionFactory(recommendation=recommendation, item="<script>alert(1)</script> & <b>bold</b>")
    ProgressUpdateFactory(action=action, text="Figures < 25 & rising <br/>")
    report = plan_report_build(plan=plan, on=MEETING)

    html = render_to_string("plans/report_body.html", {"report": report})
    pdf_text = "".join(read_back(plan_report_pdf(report)).text.split())  # words split over lines read whole

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert(1)</script>&<b>bold</b>" in pdf_text
    assert "Figures<25&rising<br/>" in pdf_text


def test_a_long_plan_with_long_words_splits_across_pages_with_repeated_headers(plan):
    for rec_number in (1, 2):
        rec = RecommendationFactory(plan=plan, number=rec_number)
        for n in range(1, 41):
            action = ActionFactory(
                recommendation=rec,
                number=f"{rec_number}.{n}",
                item="Review https://www.example.gov.uk/a-very-long-address-without-any-spaces-in-it-at-all-"
                + "x" * 80,
                responsible_post="Service Director of Corporate Parenting, Fostering & Adoption",
            )
            ProgressUpdateFactory(action=action, text="Progress " * 40)
    report = plan_report_build(plan=plan, on=MEETING)

    pdf = read_back(plan_report_pdf(report))

    assert len(pdf.pages) > 5
    headers = sum("Latest approved progress" in page for page in pdf.pages)
    assert headers > 2  # the actions tables repeat their header row on every page they run onto


@pytest.mark.parametrize("size", [4, 40])
def test_building_the_report_runs_a_fixed_number_of_queries(django_assert_num_queries, plan, size):
    for rec_number in (1, 2):
        rec = RecommendationFactory(plan=plan, number=rec_number)
        for n in range(size // 2):
            action = ActionFactory(recommendation=rec, number=f"{rec_number}.{n + 1}")
            ProgressUpdateFactory(action=action)
            ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, date=datetime.date(2024, 10, 1))

    with django_assert_num_queries(6):
        report = plan_report_build(plan=plan, on=MEETING)

    assert sum(len(r.actions) for r in report.recommendations) == size
    assert ProgressUpdate.objects.filter(state=ReviewState.SUBMITTED).count() == size


def test_without_a_current_ofsted_plan_the_report_says_so(db):
    from plans.models import Plan

    with pytest.raises(Plan.DoesNotExist):
        plan_report_build(on=MEETING)


# --- The PDF: the pack's typography, any text within the limits, a named failure ---------------------

PROSE = (
    "Caseloads in the assessment teams fell from 29 to 22 over the quarter, after four newly qualified social "
    "workers joined in May. Supervision is now recorded within 20 working days for 87% of children. "
)


def long_update(length: int) -> str:
    """Ordinary prose in paragraphs of about 600 characters, ``length`` characters in all."""
    paragraphs = [PROSE * 3] * (length // (len(PROSE) * 3) + 1)
    return "\n\n".join(paragraphs)[:length].rstrip() + "."


def test_a_5500_character_approved_update_prints_in_full_after_its_table(plan, recommendation):
    action = ActionFactory(recommendation=recommendation, number="1.1")
    text = long_update(5500)
    ProgressUpdateFactory(action=action, text=text, date=datetime.date(2024, 5, 14))
    report = plan_report_build(plan=plan, on=MEETING)

    pdf = read_back(plan_report_pdf(report))

    assert "Action 1.1: latest approved progress as at 14 May 2024 (continued)" in pdf.text
    assert "Continued after this table." in pdf.text
    for paragraph in text.split("\n\n"):
        assert squash(paragraph) in pdf.text


def test_the_report_pdf_view_serves_a_report_with_updates_at_the_limit(as_persona, plan, recommendation):
    for n in (1, 2, 3):
        action = ActionFactory(recommendation=recommendation, number=f"1.{n}", item=long_update(limits.ACTION_TEXT))
        ProgressUpdateFactory(action=action, text=long_update(limits.PROGRESS))

    response = as_persona("governance").get(reverse("plans:plan_report_pdf", args=[plan.pk]), {"on": "2024-10-08"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(read_back(response.content).pages) > 10


def test_a_report_that_cannot_be_laid_out_says_which_action_to_fix(as_persona, monkeypatch, plan, recommendation):
    # As the report was laid out before: whole texts in cells, rows that cannot split (reportlab before 4).
    monkeypatch.setattr(pdf_plans, "SPLIT_IN_ROW", 0)
    monkeypatch.setattr(pdf_plans, "LONG_CELL", 10**9)
    ActionFactory(recommendation=recommendation, number="1.1", item="Recruit four social workers.")
    ActionFactory(recommendation=recommendation, number="1.2", item=long_update(limits.ACTION_TEXT))

    response = as_persona("governance").get(reverse("plans:plan_report_pdf", args=[plan.pk]), {"on": "2024-10-08"})

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan_report", args=[plan.pk]) + "?on=2024-10-08"
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(shown) == 1
    assert shown[0].startswith("Improvement plan report, action 1.2 (item): the text could not be laid out")


def test_the_pdf_is_set_in_the_packs_fonts_and_escapes_user_text(plan, recommendation):
    action = ActionFactory(recommendation=recommendation, number="1.1", item='<font name="Courier">Courier</font>')
    ProgressUpdateFactory(action=action, text="Done 👍 &amp; <b>")
    report = plan_report_build(plan=plan, on=MEETING)

    pdf = plan_report_pdf(report)

    fonts = fonts_drawing_text(pdf)
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold", "Symbola"}
    text = "".join(read_back(pdf).text.split())
    assert '<fontname="Courier">Courier</font>' in text
    assert "Done👍&amp;<b>" in text
