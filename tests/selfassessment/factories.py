"""One factory per self-assessment model."""

import factory
from factory.django import DjangoModelFactory

from cyp.models import FinancialYear
from selfassessment.models import (
    Block,
    Section,
    SelfAssessment,
    SummaryItem,
    Template,
    TemplateSection,
    TemplateStatement,
)
from tests.factories import CommitteeFactory


class TemplateFactory(DjangoModelFactory):
    class Meta:
        model = Template
        django_get_or_create = ("programme", "title")

    programme = "Eastern Region ADCS"
    title = "Children's services self-assessment"


class TemplateSectionFactory(DjangoModelFactory):
    class Meta:
        model = TemplateSection
        django_get_or_create = ("template", "number")

    template = factory.SubFactory(TemplateFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Section {o.number}")


class TemplateStatementFactory(DjangoModelFactory):
    class Meta:
        model = TemplateStatement

    section = factory.SubFactory(TemplateSectionFactory)
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    text = "There is a strong political focus on children's services."


def _year(start_year: int) -> FinancialYear:
    return FinancialYear.objects.get_or_create(start_year=start_year)[0]


class SelfAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = SelfAssessment

    committee = factory.SubFactory(CommitteeFactory)
    template = factory.SubFactory(TemplateFactory)
    year = factory.LazyFunction(lambda: _year(2017))
    date_as_printed = "August 2017"
    local_authority = "Cambridgeshire"
    contact_name = "Lou Williams"
    local_area = "Cambridgeshire has a growing population."


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        exclude = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    document = factory.SubFactory(SelfAssessmentFactory)
    template_section = factory.LazyAttribute(
        lambda o: TemplateSectionFactory(template=o.document.template, number=o.number)
    )


class BlockFactory(DjangoModelFactory):
    class Meta:
        model = Block

    section = factory.SubFactory(SectionFactory)
    position = 0
    summary = "A summary."


class SummaryItemFactory(DjangoModelFactory):
    class Meta:
        model = SummaryItem

    document = factory.SubFactory(SelfAssessmentFactory)
    kind = "improve"
    position = factory.Sequence(lambda n: n)
    text = "Families access the right services at the right time - Timeliness through the Integrated Front Door."
    reference = "Section 9"
