"""Sections through the review workflow, sign-off, publication and next year's document."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reportlab.pdfgen.canvas import Canvas

from cyp.audit import audit_events_for
from cyp.enums import ReviewAction, ReviewState
from cyp.models import Notification
from cyp.workflow import ConcurrentChange, TransitionError
from reports.services import files
from selfassessment.documents import document_start_next, table_add_from_catalogue
from selfassessment.enums import DocumentStatus, SummaryKind
from selfassessment.models import Block, EvidenceFile, Section, SummaryItem
from selfassessment.selectors import catalogue_table, document_comparison
from selfassessment.services import (
    document_publish,
    document_sign_off,
    evidence_upload,
    section_assign,
    section_review,
    section_save,
    section_submit,
)
from tests.factories import FigureFactory, IndicatorFactory
from tests.selfassessment.factories import SummaryItemFactory


def _box(section):
    return section.blocks.get()


def test_the_author_saves_and_submits_and_every_step_is_in_the_history(
    section, lead, django_capture_on_commit_callbacks
):
    block = _box(section)

    with django_capture_on_commit_callbacks(execute=True):
        section = section_save(
            section=section,
            by=lead,
            blocks={block.pk: {"summary": "New summary", "evidence": "New evidence"}},
            submit=True,
        )

    block.refresh_from_db()
    assert (section.state, block.summary, block.evidence) == (ReviewState.SUBMITTED, "New summary", "New evidence")
    events = [(e.action, e.changes) for e in audit_events_for(section)]
    assert [action for action, _ in events] == ["sa_section.save", "sa_section.submit"]
    assert events[0][1]["box 1 summary"] == ["Strong political focus.", "New summary"]


def test_governance_returns_with_a_comment_and_the_author_is_told(
    section, lead, governance, django_capture_on_commit_callbacks
):
    section = section_submit(section=section, by=lead)

    with pytest.raises(ValidationError, match="Write a comment"):
        section_review(section=section, action=ReviewAction.RETURN, by=governance, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):
        section = section_review(
            section=section, action=ReviewAction.RETURN, by=governance, comment="Add the audit figures."
        )

    assert section.state == ReviewState.RETURNED
    note = Notification.objects.get(recipient=lead)
    assert note.subject == "Self-assessment section 1 returned" and "Add the audit figures." in note.body


def test_governance_approves_and_reopens_with_a_comment(section, lead, governance):
    section = section_submit(section=section, by=lead)
    section = section_review(section=section, action=ReviewAction.APPROVE, by=governance)
    assert section.state == ReviewState.APPROVED

    section = section_review(
        section=section, action=ReviewAction.REOPEN, by=governance, comment="Update for the new data."
    )

    assert section.state == ReviewState.RETURNED
    assert [e.action for e in audit_events_for(section)][-2:] == ["sa_section.approve", "sa_section.reopen"]


def test_a_section_cannot_be_submitted_with_an_empty_summary(section, lead):
    Block.objects.filter(section=section).update(summary="")

    with pytest.raises(ValidationError, match="Write the summary of box 1 before submitting section 1"):
        section_submit(section=section, by=lead)


def test_nobody_but_the_author_writes_and_nobody_but_governance_approves(section, other_lead, member, governance, lead):
    block = _box(section)
    for person in (other_lead, member, governance):
        with pytest.raises(PermissionDenied):
            section_save(section=section, by=person, blocks={block.pk: {"summary": "Taken over"}})
    section = section_submit(section=section, by=lead)
    for person in (lead, other_lead, member):
        with pytest.raises(PermissionDenied):
            section_review(section=section, action=ReviewAction.APPROVE, by=person)


def test_a_save_over_someone_elses_save_is_refused_and_writes_nothing(section, lead):
    block = _box(section)
    old_version = section.version
    section_save(section=section, by=lead, blocks={block.pk: {"summary": "First"}})

    with pytest.raises(ConcurrentChange):
        section_save(section=section, by=lead, blocks={block.pk: {"summary": "Second"}}, expected_version=old_version)

    block.refresh_from_db()
    assert block.summary == "First"


def test_sign_off_needs_the_director_and_every_section_approved(
    section, other_section, lead, other_lead, governance, director
):
    document = section.document
    with pytest.raises(PermissionDenied):
        document_sign_off(document=document, by=governance)
    for s, author in ((section, lead), (other_section, other_lead)):
        section_submit(section=s, by=author)
    section_review(section=Section.objects.get(pk=section.pk), action=ReviewAction.APPROVE, by=governance)

    with pytest.raises(ValidationError, match=r"Not yet approved: 2 \(submitted\)"):
        document_sign_off(document=document, by=director)

    section_review(section=Section.objects.get(pk=other_section.pk), action=ReviewAction.APPROVE, by=governance)
    document = document_sign_off(document=document, by=director)

    assert (document.status, document.signed_off_by) == (DocumentStatus.SIGNED_OFF, director)
    assert set(Section.objects.filter(document=document).values_list("locked", flat=True)) == {True}
    with pytest.raises(TransitionError, match="signed off"):
        section_review(
            section=Section.objects.get(pk=section.pk), action=ReviewAction.REOPEN, by=governance, comment="Too late"
        )


def test_an_administrator_is_not_the_director(section, administrator):
    with pytest.raises(PermissionDenied):
        document_sign_off(document=section.document, by=administrator)


def _signed_off(section, lead, governance, director):
    section_submit(section=section, by=lead)
    section_review(section=Section.objects.get(pk=section.pk), action=ReviewAction.APPROVE, by=governance)
    return document_sign_off(document=section.document, by=director)


def test_publishing_freezes_the_files_with_their_checksums(section, lead, governance, director):
    document = _signed_off(section, lead, governance, director)

    version = document_publish(document=document, by=governance)

    docx = files.read(version.docx_path)
    assert version.number == 1 and version.sha256 == files.sha256_of(docx)
    assert version.pdf_sha256 == files.sha256_of(files.read(version.pdf_path))
    assert docx[:2] == b"PK"
    document.refresh_from_db()
    assert document.status == DocumentStatus.PUBLISHED
    with pytest.raises(PermissionError):
        version.save()
    assert document_publish(document=document, by=governance).number == 2


def test_a_draft_cannot_be_published(section, governance):
    with pytest.raises(ValidationError, match="has not signed"):
        document_publish(document=section.document, by=governance)


def _pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Audit report")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_evidence_is_checked_as_a_pack_paper_is(section, lead, other_lead):
    block = _box(section)

    evidence = evidence_upload(block=block, by=lead, title="Case file audit, June 2017", name="audit.pdf", data=_pdf())

    assert (evidence.pages, evidence.title) == (1, "Case file audit, June 2017")
    with pytest.raises(ValidationError, match="is not a PDF"):
        evidence_upload(block=block, by=lead, title="Notes", name="notes.docx", data=b"PK\x03\x04 not a pdf")
    with pytest.raises(PermissionDenied):
        evidence_upload(block=block, by=other_lead, title="x", name="x.pdf", data=_pdf())
    assert EvidenceFile.objects.count() == 1


def test_assigning_a_section_to_another_lead_is_recorded(section, other_lead, governance, lead):
    section = section_assign(section=section, author=other_lead, by=governance)

    assert section.author == other_lead
    assert audit_events_for(section).last().changes == {"author": [str(lead), str(other_lead)]}
    with pytest.raises(PermissionDenied):
        section_assign(section=section, author=lead, by=lead)


def test_next_years_document_carries_every_text_and_area_forward(section, other_section, governance):
    document = section.document
    area = SummaryItemFactory(document=document, kind=SummaryKind.IMPROVE, position=0)
    SummaryItemFactory(document=document, kind=SummaryKind.RISK, position=0, text="Budget pressure", reference="")

    new = document_start_next(document=document, by=governance, date_as_printed="August 2018")

    assert (new.year.start_year, new.previous, new.date_as_printed) == (2018, document, "August 2018")
    assert new.local_area == document.local_area
    old_boxes = list(Block.objects.filter(section__document=document).order_by("section__template_section__number"))
    new_boxes = list(Block.objects.filter(section__document=new).order_by("section__template_section__number"))
    assert [(b.summary, b.evidence, b.carried_from_id) for b in new_boxes] == [
        (b.summary, b.evidence, b.pk) for b in old_boxes
    ]
    assert [list(b.statements.values_list("number", flat=True)) for b in new_boxes] == [["1.1", "1.2"], ["2.1"]]
    progress = SummaryItem.objects.get(document=new, kind=SummaryKind.PROGRESS)
    assert (progress.text, progress.carried_from) == (area.text, area)
    assert SummaryItem.objects.filter(document=new, kind=SummaryKind.RISK).get().text == "Budget pressure"
    assert set(Section.objects.filter(document=new).values_list("state", flat=True)) == {ReviewState.NOT_STARTED}
    with pytest.raises(ValidationError, match="already been started"):
        document_start_next(document=document, by=governance, date_as_printed="August 2018")


def test_the_comparison_shows_what_changed_word_by_word(section, governance):
    new = document_start_next(document=section.document, by=governance, date_as_printed="August 2018")
    Block.objects.filter(section__document=new).update(summary="Strong and growing political focus.")

    comparison = document_comparison(document=new)

    changed = {text.label: text for text in comparison.changed}
    assert list(changed) == ["1.1, 1.2: summary"]
    pieces = [(p.kind, p.text) for p in changed["1.1, 1.2: summary"].pieces]
    assert (
        ("insert", "and growing ") in pieces
        or ("insert", " and growing") in pieces
        or any(kind == "insert" and "growing" in text for kind, text in pieces)
    )
    assert changed["1.1, 1.2: summary"].added == 2 and changed["1.1, 1.2: summary"].removed == 0


def test_a_catalogue_table_shows_the_figures_the_indicator_page_shows(document, governance, client):
    indicator = IndicatorFactory(committee=document.committee, number=5, unit="percent", decimals=1)
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 3, 31),
        value=Decimal("71.25"),
        sn_mean=Decimal("70"),
        region_mean=Decimal("69.94"),
        england_mean=Decimal("72.1"),
    )
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        value=Decimal("78.9"),
        sn_mean=Decimal("75.05"),
        england_mean=Decimal("74"),
    )

    table = table_add_from_catalogue(document=document, indicator=indicator, by=governance, periods=5)
    view = catalogue_table(table=table, document=document, user=governance)

    assert view.rows == [
        ["June 2024", "78.9%", "75.1%", "–", "74.0%"],
        ["March 2024", "71.3%", "70.0%", "69.9%", "72.1%"],
    ]
    client.force_login(governance)
    page = client.get(f"/indicators/{indicator.number}/").content.decode()
    for row in view.rows:
        for cell in (row[1], row[2], row[4]):
            assert cell in page


def test_saving_and_submitting_in_one_go_checks_the_text_just_saved(section, lead):
    Block.objects.filter(section=section).update(summary="")
    section = Section.objects.prefetch_related("blocks").get(pk=section.pk)
    block = section.blocks.all()[0]

    section = section_save(section=section, by=lead, blocks={block.pk: {"summary": "Written now"}}, submit=True)

    assert section.state == ReviewState.SUBMITTED


def test_a_box_links_to_the_bodys_indicators_and_plan_actions_only(section, lead):
    from tests.factories import CommitteeFactory
    from tests.plans.factories import ActionFactory, PlanFactory, RecommendationFactory

    block = _box(section)
    indicator = IndicatorFactory(committee=section.document.committee, number=12)
    action = ActionFactory(recommendation=RecommendationFactory(plan=PlanFactory(committee=section.document.committee)))
    elsewhere = IndicatorFactory(committee=CommitteeFactory(name="Corporate Parenting Panel"), number=12)

    section = section_save(
        section=section,
        by=lead,
        blocks={block.pk: {"summary": "S", "indicators": [indicator], "plan_actions": [action]}},
    )

    assert list(block.indicators.all()) == [indicator] and list(block.plan_actions.all()) == [action]
    assert audit_events_for(section).last().changes["box 1 indicators"] == [[], [str(indicator)]]
    with pytest.raises(ValidationError, match="Indicator 12 is not one of this body's"):
        section_save(section=section, by=lead, blocks={block.pk: {"summary": "S", "indicators": [elsewhere]}})


def test_a_first_document_has_every_section_of_the_template_with_its_boxes(committee, governance, lead):
    from selfassessment.documents import document_start
    from tests.selfassessment.factories import TemplateSectionFactory, TemplateStatementFactory

    first = TemplateSectionFactory(number=1)
    TemplateStatementFactory(section=first, number="1.1", position=0, box=0)
    TemplateStatementFactory(section=first, number="1.2", position=1, box=0)
    TemplateStatementFactory(section=first, number="1.3", position=2, box=1)
    TemplateSectionFactory(template=first.template, number=2)

    document = document_start(
        committee=committee,
        template=first.template,
        start_year=2025,
        date_as_printed="August 2025",
        local_authority="",
        by=governance,
    )

    boxes = [
        [list(b.statements.values_list("number", flat=True)) for b in s.blocks.order_by("position")]
        for s in document.sections.order_by("template_section__number")
    ]
    assert boxes == [[["1.1", "1.2"], ["1.3"]], [[]]]
    assert document.local_authority == committee.council
    with pytest.raises(PermissionDenied):
        document_start(
            committee=committee,
            template=first.template,
            start_year=2026,
            date_as_printed="x",
            local_authority="",
            by=lead,
        )
    with pytest.raises(ValidationError, match="already"):
        document_start(
            committee=committee,
            template=first.template,
            start_year=2025,
            date_as_printed="x",
            local_authority="",
            by=governance,
        )
