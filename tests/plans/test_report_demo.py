"""The improvement plan report on the demo: the July 2024 Ofsted plan at the October 2024 meeting."""

import datetime

import pytest
from django.template.loader import render_to_string

from plans.enums import ActionStatus
from plans.models import Action
from plans.report import plan_report_build
from plans.services import progress_approve, progress_save
from reports.render.pdf_plans import plan_report_story

MEETING = datetime.date(2024, 10, 8)


@pytest.fixture
def demo(demo_plan, db):
    return demo_plan


def actions_of(report):
    return {a.number: a for r in report.recommendations for a in r.actions}


def test_the_report_shows_which_actions_were_overdue_at_the_october_2024_meeting(demo):
    report = plan_report_build(on=MEETING)

    assert report.plan_id == demo.pk
    assert report.overdue_numbers == ["4.2", "5.2", "5.8", "5.11"]
    actions = actions_of(report)
    assert actions["5.2"].flags[0] == "Overdue: due 30 September 2024"
    # 4.1 and 5.4 had passed their timescales too, but the published plan reports them done.
    assert [(actions[n].status, actions[n].overdue, actions[n].flags) for n in ("4.1", "5.4")] == [
        ("Complete", False, []),
        ("Complete", False, []),
    ]


def test_the_summary_adds_up_and_says_how_overdue_overlaps_status(demo):
    summary = plan_report_build(on=MEETING).summary

    assert [(r.label, r.actions, r.overdue, r.no_progress, r.stale) for r in summary.rows] == [
        ("Complete", 2, 0, 0, 0),
        ("On track", 20, 2, 0, 0),
        ("At risk", 0, 0, 0, 0),
        ("Off track", 0, 0, 0, 0),
        ("Not started", 10, 2, 10, 0),
    ]
    assert (summary.total.actions, summary.total.overdue, summary.total.no_progress, summary.total.not_smart) == (
        32,
        4,
        10,
        25,
    )


def test_the_report_has_every_recommendation_with_its_actions_in_order(demo):
    report = plan_report_build(on=MEETING)

    assert [(r.number, len(r.actions)) for r in report.recommendations] == [
        (1, 4),
        (2, 6),
        (3, 5),
        (4, 3),
        (5, 11),
        (6, 1),
        (7, 2),
    ]
    assert [a.number for a in report.recommendations[4].actions][-3:] == ["5.9", "5.10", "5.11"]
    first = report.recommendations[0]
    assert first.heading == "Recommendation 1: Workforce"
    assert first.actions[1].progress == "In July 2024 26.9% (a decrease since December 2023 which was 35.97%)"
    assert first.actions[1].progress_date == datetime.date(2024, 7, 31)


def test_the_report_shows_the_indicators_of_a_recommendation_with_their_rag(demo):
    report = plan_report_build(on=MEETING)

    assert [(i.number, i.rag) for i in report.recommendations[0].indicators] == [(1, "Red"), (3, "Red")]
    assert report.quarter == "Quarter 1 2024/25"
    assert all(not r.indicators for r in report.recommendations[1:])


def test_progress_appears_in_the_report_only_once_approved(demo, django_user_model):
    from cyp.enums import Role

    lead = django_user_model.objects.get(username="lead")
    governance = django_user_model.objects.create(username="gov-report", role=Role.GOVERNANCE)
    action = Action.objects.get(plan=demo, number="3.4")
    on = datetime.date(2024, 10, 8)

    update = progress_save(
        action=action,
        by=lead,
        date=datetime.date(2024, 10, 1),
        status=ActionStatus.ON_TRACK,
        text="Threshold document agreed with partners",
        submit=True,
    )
    assert actions_of(plan_report_build(on=on))["3.4"].progress == ""

    progress_approve(update=update, by=governance)
    shown = actions_of(plan_report_build(on=on))["3.4"]

    assert (shown.progress, shown.progress_date, shown.status) == (
        "Threshold document agreed with partners",
        datetime.date(2024, 10, 1),
        "On track",
    )


def test_the_html_fragment_uses_pack_heading_levels_captions_and_words(demo):
    html = render_to_string("plans/report_body.html", {"report": plan_report_build(on=MEETING)})

    assert "<h1" not in html and "<h2" not in html
    assert html.count("<h3>") == 7 + 2  # summary, seven recommendations, notes
    assert "<h4>Indicators for recommendation 1</h4>" in html
    assert html.count("<caption>") == 1 + 7 + 1
    assert '<th scope="col">Latest approved progress</th>' in html
    assert '<span class="plan-status plan-status-not-started">Not started</span>' in html
    assert "Overdue: due 30 September 2024" in html


def test_the_story_is_a_list_of_flowables_the_pack_can_place(demo):
    from reportlab.platypus import Flowable

    story = plan_report_story(plan_report_build(on=MEETING))

    assert all(isinstance(item, Flowable) for item in story)
