"""Writes on the whole document: next year's document from this one, Parts A and B, context tables
from the catalogue. Sections, sign-off and publication: ``selfassessment.services``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cyp.audit import audit_record
from cyp.enums import AuditAction
from cyp.models import FinancialYear
from cyp.text import text_clean
from selfassessment.enums import SummaryKind, TableSource
from selfassessment.models import (
    Block,
    ContextTable,
    Inspection,
    KeyDocument,
    KeyPerson,
    Section,
    SelfAssessment,
    SummaryItem,
)

# --- A first document ------------------------------------------------------------------------------


def document_start(
    *, committee, template, start_year: int, date_as_printed: str, local_authority: str, by
) -> SelfAssessment:
    """A body's first self-assessment from a template: every section, with one "Summary and evidence" box
    per box of the template's statements, empty for the authors to write. Later years start from the
    previous document instead (``document_start_next``). Side effect: audit ``self_assessment.start``.
    """
    if not (by.has_perm("selfassessment.view_list") and by.has_perm("cyp.view_body", committee)):
        raise PermissionDenied("Only the governance team starts a self-assessment.")
    from cyp.rules import is_governance_or_admin

    if not is_governance_or_admin(by):
        raise PermissionDenied("Only the governance team starts a self-assessment.")
    year, _ = FinancialYear.objects.get_or_create(start_year=start_year)
    if SelfAssessment.objects.filter(committee=committee, template=template, year=year).exists():
        raise ValidationError(
            {"start_year": f"There is already a {template.programme} self-assessment for {year.label}."}
        )
    with transaction.atomic():
        document = SelfAssessment.objects.create(
            committee=committee,
            template=template,
            year=year,
            date_as_printed=text_clean(date_as_printed).strip(),
            local_authority=text_clean(local_authority).strip() or committee.council,
        )
        for template_section in template.sections.prefetch_related("statements").order_by("number"):
            section = Section.objects.create(document=document, template_section=template_section)
            boxes: dict[int, list] = {}
            for statement in template_section.statements.order_by("position", "id"):
                boxes.setdefault(statement.box, []).append(statement)
            for position, box in enumerate(sorted(boxes) or [0]):
                block = Block.objects.create(section=section, position=position)
                block.statements.set(boxes.get(box, []))
        audit_record(
            action=AuditAction.SA_START, target=document, actor=by, changes={"template": [None, str(template)]}
        )
    return document


# --- Next year's document -------------------------------------------------------------------------


def document_start_next(*, document: SelfAssessment, by, date_as_printed: str) -> SelfAssessment:
    """Start next year's document from this one: every text copied so authors edit rather than retype.

    Copies the cover, Part A (people, documents, tables, the local area), Part B's lists, and every
    section's boxes with their statements, links and grade (each box remembers the box it came from,
    for the comparison). This year's top areas to improve become next year's "progress on last year's
    areas for improvement", each pointing at its original and its plan action, with the outcome left
    to write. Sections start again as drafts with their authors. Side effect: audit ``self_assessment.start``.
    """
    if not by.has_perm("selfassessment.start_next", document):
        raise PermissionDenied("Only the governance team starts next year's self-assessment.")
    if hasattr(document, "next"):
        raise ValidationError(f"Next year's document ({document.next}) has already been started from this one.")
    year, _ = FinancialYear.objects.get_or_create(start_year=document.year.start_year + 1)
    if SelfAssessment.objects.filter(committee=document.committee, template=document.template, year=year).exists():
        raise ValidationError(f"There is already a {document.template.programme} self-assessment for {year.label}.")
    with transaction.atomic():
        new = SelfAssessment.objects.create(
            committee=document.committee,
            template=document.template,
            year=year,
            previous=document,
            date_as_printed=text_clean(date_as_printed).strip() or f"{year.start_year}",
            local_authority=document.local_authority,
            contact_name=document.contact_name,
            contact_phone=document.contact_phone,
            contact_email=document.contact_email,
            introduction=document.introduction,
            key_documents_note=document.key_documents_note,
            local_area=document.local_area,
            review_period=f"April {document.year.start_year} to March {document.year.start_year + 1}",
        )
        KeyPerson.objects.bulk_create(
            KeyPerson(document=new, position=p.position, post=p.post, name=p.name, start_as_printed=p.start_as_printed)
            for p in document.key_people.all()
        )
        KeyDocument.objects.bulk_create(
            KeyDocument(
                document=new, position=d.position, title=d.title, date_as_printed=d.date_as_printed, link=d.link
            )
            for d in document.key_documents.all()
        )
        Inspection.objects.bulk_create(
            Inspection(
                document=new, position=i.position, title=i.title, date_as_printed=i.date_as_printed, outcome=i.outcome
            )
            for i in document.inspections.all()
        )
        _copy_summary(document, new)
        sections = {}
        for section in document.sections.select_related("template_section").order_by("template_section__number"):
            sections[section.pk] = Section.objects.create(
                document=new, template_section=section.template_section, author=section.author
            )
            for block in section.blocks.prefetch_related("statements", "indicators", "plan_actions"):
                copy = Block.objects.create(
                    section=sections[section.pk],
                    position=block.position,
                    summary=block.summary,
                    evidence=block.evidence,
                    grade=block.grade,
                    carried_from=block,
                )
                copy.statements.set(block.statements.all())
                copy.indicators.set(block.indicators.all())
                copy.plan_actions.set(block.plan_actions.all())
        for table in document.tables.all():
            table.pk = None
            table.document = new
            table.section = sections.get(table.section_id) if table.section_id else None
            table.save()
        audit_record(action=AuditAction.SA_START, target=new, actor=by, changes={"previous": [None, str(document)]})
    return new


def _copy_summary(document: SelfAssessment, new: SelfAssessment) -> None:
    items = list(document.summary_items.order_by("kind", "position", "id"))
    copies = []
    for item in items:
        if item.kind == SummaryKind.IMPROVE:
            # This year's priority is next year's "progress on last year's areas" (its outcome to be written)...
            copies.append(
                SummaryItem(
                    document=new,
                    kind=SummaryKind.PROGRESS,
                    position=item.position,
                    text=item.text,
                    reference=item.reference,
                    carried_from=item,
                    plan_action=item.plan_action,
                )
            )
        if item.kind == SummaryKind.PROGRESS:
            continue  # last year's progress is history: the new list is this year's priorities
        # ...and stays as a starting point for next year's priorities, as every other list does.
        copies.append(
            SummaryItem(
                document=new,
                kind=item.kind,
                position=item.position,
                text=item.text,
                outcome=item.outcome,
                reference=item.reference,
                date_as_printed=item.date_as_printed,
                risk_register_ref=item.risk_register_ref,
                carried_from=item,
                plan_action=item.plan_action,
            )
        )
    SummaryItem.objects.bulk_create(copies)


def _rows(document: SelfAssessment, name: str):
    lists = {"key_people": document.key_people, "key_documents": document.key_documents}
    lists["inspections"] = document.inspections
    if name in lists:
        return lists[name].all()
    return SummaryItem.objects.filter(document=document, kind=SummaryKind(name))


def document_context_save(*, document: SelfAssessment, by, cover, formsets: dict) -> SelfAssessment:
    """Save Parts A and B as the governance team edited them (a draft only): the cover and context, and
    every list (key people, key documents, inspections, each of Part B's lists, named by its kind). The
    forms are valid.

    Side effects: the rows (added, changed, deleted), audit ``self_assessment.change`` naming the fields
    changed and how many rows each changed list had before and after. Nothing is recorded when nothing changed.
    """
    if not by.has_perm("selfassessment.change_selfassessment", document):
        raise PermissionDenied("Only the governance team edits Parts A and B, while the document is being written.")
    changes = {name: [cover.initial.get(name), cover.cleaned_data[name]] for name in cover.changed_data}
    with transaction.atomic():
        if cover.changed_data:
            cover.save()
        for name, formset in formsets.items():
            if not formset.has_changed():
                continue
            count = _rows(document, name).count()
            for item in formset.save(commit=False):
                if isinstance(item, SummaryItem):
                    item.kind = SummaryKind(name)
                item.save()
            for item in formset.deleted_objects:
                item.delete()
            changes[name.replace("_", " ")] = [count, _rows(document, name).count()]
        if changes:
            audit_record(action=AuditAction.SA_CHANGE, target=document, actor=by, changes=changes)
    return document


def table_add_from_catalogue(*, document: SelfAssessment, indicator, by, periods: int = 5) -> ContextTable:
    """Add a Part A context table drawn from the indicator catalogue. Side effect: audit ``self_assessment.change``."""
    if not by.has_perm("selfassessment.change_selfassessment", document):
        raise PermissionDenied("Only the governance team adds context tables, while the document is being written.")
    if indicator.committee_id != document.committee_id:
        raise ValidationError({"indicator": f"Indicator {indicator.number} is not one of {document.committee}'s."})
    if not 1 <= periods <= 20:
        raise ValidationError({"periods": f"Show between 1 and 20 figures (you asked for {periods})."})
    with transaction.atomic():
        position = document.tables.filter(section__isnull=True).count()
        table = ContextTable.objects.create(
            document=document,
            position=position,
            title=f"{indicator.number}. {indicator.name}"[:300],
            source=TableSource.CATALOGUE,
            indicator=indicator,
            periods=periods,
            source_note="cyp's indicator catalogue: the figures of the indicator's page.",
        )
        audit_record(
            action=AuditAction.SA_CHANGE, target=document, actor=by, changes={"context table": [None, table.title]}
        )
    return table
