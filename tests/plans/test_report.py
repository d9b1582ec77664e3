"""The improvement plan report for the pack: PDF and HTML safety, page splitting, query counts."""

import datetime

import pytest
from django.template.loader import render_to_string

from cyp.enums import ReviewState
from plans.models import ProgressUpdate
from plans.report import plan_report_build
from reports.render.pdf_plans import plan_report_pdf
from tests.plans.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory
from tests.reports.render_helpers import read_back

MEETING = datetime.date(2024, 10, 8)


def test_user_text_is_escaped_in_html_and_pdf(plan, recommendation):
    action = ActionFactory(recommendation=recommendation, item="<script>alert(1)</script> & <b>bold</b>")
    ProgressUpdateFactory(action=action, text="Figures < 25 & rising <br/>")
    report = plan_report_build(plan=plan, on=MEETING)

    html = render_to_string("plans/report_body.html", {"report": report})
    pdf_text = read_back(plan_report_pdf(report)).text

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert(1)</script> &" in pdf_text and "<b>bold</b>" in pdf_text
    assert "Figures < 25 & rising <br/>" in pdf_text


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
