"""The annual self-assessment: its template (set up once), each year's document, and its frozen versions.

A template holds the numbered sections and statements a regional programme asks about. Each
year's document copies nothing of the template's structure (it points at it) but copies the
previous year's text, so authors edit rather than retype. Part C's sections go through the
same review workflow as returns and progress (``cyp.workflow``); the director signs the whole
document off; publishing freezes a version with its checksum, as the pack does.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cyp.limits import TextLimit
from cyp.models import Committee, FinancialYear, Reviewable
from selfassessment.enums import DocumentStatus, Grade, SummaryKind, TableSource

#: A statement of the template, a Part B entry's text: a paragraph or two.
STATEMENT_TEXT = 4_000
#: A block's summary: the seed's longest is about 1,500 characters; four pages still lay out.
SUMMARY_TEXT = 12_000
#: A block's evidence narrative: the seed's longest is about 20,000 characters (section 1).
EVIDENCE_TEXT = 60_000
#: Part A's account of the local area and the introduction.
CONTEXT_TEXT = 40_000


class Template(models.Model):
    """The sections and statements of a regional programme's self-assessment, set up once and reused."""

    programme = models.CharField(max_length=200, help_text="The regional programme: 'Eastern Region ADCS'.")
    title = models.CharField(max_length=200, default="Children's services self-assessment")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "title"], name="sa_template_unique")]

    def __str__(self) -> str:
        return f"{self.programme}: {self.title}"


class TemplateSection(models.Model):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    group = models.CharField(
        max_length=200, blank=True, help_text="The heading the section sits under: 'Self-Assessment by Service Area'."
    )
    optional = models.BooleanField(default=False, help_text="A section the region lets a council leave out.")
    note = models.TextField(
        blank=True,
        help_text="What the template says of the section: where its statements come from.",
        validators=[TextLimit(STATEMENT_TEXT)],
    )

    class Meta:
        ordering = ["template", "number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="sa_template_section_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TemplateStatement(models.Model):
    """A numbered statement ("1.3") the council assesses itself against."""

    section = models.ForeignKey(TemplateSection, on_delete=models.CASCADE, related_name="statements")
    number = models.CharField(max_length=20, help_text="As printed: '1.3'.")
    position = models.PositiveIntegerField(default=0)
    box = models.PositiveSmallIntegerField(
        default=0, help_text="Statements with the same box number share one 'Summary and evidence' box."
    )
    text = models.TextField(validators=[TextLimit(STATEMENT_TEXT)])
    mandatory = models.BooleanField(default=False, help_text="Marked (M): every council must answer it.")
    new_this_year = models.BooleanField(default=False)
    framework = models.CharField(
        max_length=200,
        blank=True,
        help_text="The outside framework it comes from, if any: 'Early Intervention Foundation'.",
    )

    class Meta:
        ordering = ["section", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="sa_template_statement_number")]

    def __str__(self) -> str:
        return f"{self.number}) {self.text[:60]}"

    @property
    def optional(self) -> bool:
        return not self.mandatory


class SelfAssessment(models.Model):
    """One year's self-assessment of a body's council, from a template."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="self_assessments")
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="documents")
    year = models.ForeignKey(
        FinancialYear, on_delete=models.PROTECT, related_name="+", help_text="The year it looks forward to: 2017/18."
    )
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next", help_text="Last year's document."
    )
    date_as_printed = models.CharField(max_length=60, help_text="As printed on the cover: 'August 2017'.")
    local_authority = models.CharField(max_length=200)
    contact_name = models.CharField("self-assessment contact", max_length=200, blank=True)
    contact_phone = models.CharField("telephone", max_length=60, blank=True)
    contact_email = models.EmailField("e-mail", blank=True)
    introduction = models.TextField(blank=True, validators=[TextLimit(CONTEXT_TEXT)])
    key_documents_note = models.TextField(blank=True, validators=[TextLimit(STATEMENT_TEXT)])
    local_area = models.TextField(
        "about the local area and services for children", blank=True, validators=[TextLimit(CONTEXT_TEXT)]
    )
    review_period = models.CharField(max_length=100, blank=True, help_text="As printed: 'April 2016 to March 2017'.")
    status = models.CharField(max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year__start_year"]
        permissions = [("sign_off_selfassessment", "Sign off the self-assessment as director")]
        constraints = [
            models.UniqueConstraint(fields=["committee", "template", "year"], name="sa_document_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.template.programme} self-assessment {self.year.label}"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT


class SelfAssessmentVersion(models.Model):
    """A published self-assessment: DOCX, PDF and HTML frozen with their SHA-256. Never changed or deleted."""

    document = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    docx_path = models.CharField(max_length=300)
    pdf_path = models.CharField(max_length=300)
    html_path = models.CharField(max_length=300)
    sha256 = models.CharField("SHA-256 of the DOCX", max_length=64)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="sa_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="sa_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.document}: v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("A published self-assessment version is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A published self-assessment version is never deleted.")


# --- Part A: context ------------------------------------------------------------------------------


class KeyPerson(models.Model):
    document = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="key_people")
    position = models.PositiveIntegerField(default=0)
    post = models.CharField("job title", max_length=300)
    name = models.CharField(max_length=200)
    start_as_printed = models.CharField(
        "start date in current role", max_length=200, blank=True, help_text="As printed: 'November 2015'."
    )

    class Meta:
        ordering = ["document", "position", "id"]

    def __str__(self) -> str:
        return f"{self.post}: {self.name}"


class KeyDocument(models.Model):
    document = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="key_documents")
    position = models.PositiveIntegerField(default=0)
    title = models.TextField(validators=[TextLimit(STATEMENT_TEXT)])
    date_as_printed = models.CharField("date", max_length=100, blank=True)
    link = models.CharField("link to the website or document", max_length=500, blank=True)

    class Meta:
        ordering = ["document", "position", "id"]

    def __str__(self) -> str:
        return self.title[:80]


class ContextTable(models.Model):
    """A table of figures: typed as printed, or drawn from the indicator catalogue (never retyped).

    A catalogue table names an indicator; its rows are the indicator's figures with the
    statistical neighbours', region's and England's means, read and formatted as the
    indicator page reads and formats them (``selfassessment.selectors.catalogue_table``).
    """

    document = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="tables")
    section = models.ForeignKey(
        "selfassessment.Section",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tables",
        help_text="Empty for Part A's context tables.",
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=20, choices=TableSource.choices, default=TableSource.TYPED)
    columns = models.JSONField(default=list, blank=True, help_text="Typed tables: the column headings.")
    rows = models.JSONField(default=list, blank=True, help_text="Typed tables: one list of cells per row.")
    source_note = models.CharField(max_length=500, blank=True, help_text="Where the figures come from.")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, null=True, blank=True, related_name="self_assessment_tables"
    )
    periods = models.PositiveSmallIntegerField(default=5, help_text="Catalogue tables: how many latest figures.")

    class Meta:
        ordering = ["document", "section", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=TableSource.CATALOGUE) | Q(indicator__isnull=False),
                name="sa_table_catalogue_names_indicator",
            )
        ]

    def __str__(self) -> str:
        return self.title


# --- Part B: summary ------------------------------------------------------------------------------


class SummaryItem(models.Model):
    """An entry of one of Part B's lists: an area for improvement, a strength, a risk, an innovation."""

    document = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="summary_items")
    kind = models.CharField(max_length=20, choices=SummaryKind.choices)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(validators=[TextLimit(STATEMENT_TEXT)])
    outcome = models.TextField(blank=True, validators=[TextLimit(STATEMENT_TEXT)])
    reference = models.CharField("reference to further information", max_length=300, blank=True)
    date_as_printed = models.CharField("date", max_length=100, blank=True)
    risk_register_ref = models.CharField(
        "risk register entry", max_length=200, blank=True, help_text="Risks: the entry in the council's risk register."
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text="Last year's area for improvement this entry reports progress on.",
    )
    plan_action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_assessment_items",
        help_text="The improvement-plan action this area for improvement became.",
    )

    class Meta:
        ordering = ["document", "kind", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Inspection(models.Model):
    """A review, evaluation or inspection of the year, with its outcome and judgements as printed."""

    document = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="inspections")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    date_as_printed = models.CharField("date", max_length=100, blank=True)
    outcome = models.TextField("outcome and judgements", blank=True, validators=[TextLimit(STATEMENT_TEXT)])

    class Meta:
        ordering = ["document", "position", "id"]

    def __str__(self) -> str:
        return self.title


# --- Part C: the statements -----------------------------------------------------------------------


class Section(Reviewable):
    """A Part C section of one year's document, written by its service lead and reviewed by governance."""

    document = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="sections")
    template_section = models.ForeignKey(TemplateSection, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_assessment_sections",
        help_text="The service lead who writes the section.",
    )

    class Meta:
        ordering = ["document", "template_section__number"]
        verbose_name = "self-assessment section"
        constraints = [
            models.UniqueConstraint(fields=["document", "template_section"], name="sa_section_once_per_document")
        ]

    def __str__(self) -> str:
        return f"Section {self.template_section.number}: {self.template_section.title}"

    @property
    def number(self) -> int:
        return self.template_section.number

    @property
    def title(self) -> str:
        return self.template_section.title


class Block(models.Model):
    """One "Summary and evidence" box of a section: the statements it answers, its summary and evidence."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(default=0)
    statements = models.ManyToManyField(TemplateStatement, related_name="blocks", blank=True)
    summary = models.TextField(blank=True, validators=[TextLimit(SUMMARY_TEXT)])
    evidence = models.TextField(blank=True, validators=[TextLimit(EVIDENCE_TEXT)])
    grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="self_assessment_blocks")
    plan_actions = models.ManyToManyField("plans.Action", blank=True, related_name="self_assessment_blocks")
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Last year's block."
    )

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return f"{self.section}, box {self.position + 1}"


class EvidenceFile(models.Model):
    """A document uploaded as evidence: checked and cleaned as a pack paper is (``reports.services.meetings``)."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=300)
    path = models.CharField(max_length=300, help_text="Relative to MEDIA_ROOT; never served directly.")
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["block", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
