"""The self-assessment's entries in the URL permission table (tests/test_url_permissions.py).

The world gets the body's 2017/18 self-assessment being written: section 1 is the lead's draft,
section 2 the other lead's, submitted; an area for improvement; a published version's files. The
drafts must not leak to members, who read published versions only.
"""

from cyp.enums import ReviewState
from reports.services import files
from selfassessment.enums import SummaryKind
from selfassessment.models import EvidenceFile, SelfAssessmentVersion
from tests.selfassessment.factories import (
    BlockFactory,
    SectionFactory,
    SelfAssessmentFactory,
    SummaryItemFactory,
    TemplateStatementFactory,
)
from tests.test_url_permissions import Entry, answers

SIGNED_IN = answers(302, 200, 200, 200, 200, 200)
STAFF = answers(302, 200, 200, 200, 404, 200)
GOVERNANCE_PAGE = answers(302, 403, 403, 200, 404, 200)
GOVERNANCE_POST = answers(302, 403, 403, 302, 404, 302)


def arrange(world) -> None:
    document = SelfAssessmentFactory(committee=world.committee)
    mine = SectionFactory(document=document, author=world.lead, number=1, state=ReviewState.DRAFT)
    BlockFactory(section=mine, summary="The lead's draft").statements.set(
        [TemplateStatementFactory(section=mine.template_section, number="1.1")]
    )
    theirs = SectionFactory(document=document, author=world.other_lead, number=2, state=ReviewState.SUBMITTED)
    BlockFactory(section=theirs, summary="Submitted for review")
    world.sa_document = document
    world.sa_submitted = theirs
    world.sa_area = SummaryItemFactory(document=document, kind=SummaryKind.IMPROVE)
    world.sa_evidence = EvidenceFile.objects.create(
        block=mine.blocks.get(),
        title="Case file audit",
        path=files.write_atomic(f"selfassessment/permissions-{document.pk}/evidence.pdf", b"%PDF-1.4"),
        sha256="0" * 64,
        pages=1,
        uploaded_by=world.lead,
    )
    folder = f"selfassessment/permissions-{document.pk}"
    SelfAssessmentVersion.objects.create(
        document=document,
        number=1,
        docx_path=files.write_atomic(f"{folder}/v1.docx", b"PK docx"),
        pdf_path=files.write_atomic(f"{folder}/v1.pdf", b"%PDF-1.4"),
        html_path=files.write_atomic(f"{folder}/v1.html", b"<!doctype html>"),
        sha256="0" * 64,
        pdf_sha256="0" * 64,
        published_by=world.governance,
    )


def document(world) -> dict:
    return {"document_id": world.sa_document.pk}


def section(number):
    return lambda world: {"document_id": world.sa_document.pk, "number": number}


ENTRIES = {
    "selfassessment:list": Entry(lambda w: {}, SIGNED_IN),
    "selfassessment:detail": Entry(document, STAFF),
    "selfassessment:compare": Entry(document, STAFF),
    "selfassessment:download": Entry(lambda w: {**document(w), "kind": "docx"}, STAFF),
    # Members read published versions of published documents; this one is still being written.
    "selfassessment:version_download": Entry(lambda w: {**document(w), "number": 1, "kind": "docx"}, STAFF),
    "selfassessment:next": Entry(
        document, GOVERNANCE_POST, method="post", data=lambda w: {"date_as_printed": "August 2018"}
    ),
    # Only the director signs off: an administrator's blanket permissions do not make them the director.
    "selfassessment:sign_off": Entry(document, answers(302, 403, 403, 403, 404, 403), method="post"),
    # A draft cannot be published: governance is sent back to the page with the message.
    "selfassessment:publish": Entry(document, GOVERNANCE_POST, method="post"),
    "selfassessment:table_add": Entry(document, GOVERNANCE_PAGE),
    "selfassessment:context": Entry(document, GOVERNANCE_PAGE),
    "selfassessment:evidence": Entry(lambda w: {**document(w), "file_id": w.sa_evidence.pk}, STAFF),
    "selfassessment:area_action": Entry(lambda w: {**document(w), "item_id": w.sa_area.pk}, GOVERNANCE_PAGE),
    "selfassessment:section": Entry(section(1), STAFF),
    "selfassessment:section_review": Entry(
        section(2),
        GOVERNANCE_POST,
        method="post",
        data=lambda w: {"decision": "approve", "version": w.sa_submitted.version},
    ),
    "selfassessment:section_assign": Entry(section(1), GOVERNANCE_POST, method="post", data=lambda w: {"author": ""}),
    # The author (and a superuser) reach the form: without a file it is refused with the field named (400).
    "selfassessment:evidence_upload": Entry(section(1), answers(302, 400, 403, 403, 404, 400), method="post"),
}
