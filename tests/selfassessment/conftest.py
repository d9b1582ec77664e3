"""Self-assessment fixtures: the demo loaded once per module, and a small document of two sections."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction

from cyp.demo import demo_load
from cyp.enums import ReviewState, Role
from selfassessment.models import SelfAssessment
from tests.factories import UserFactory
from tests.selfassessment.factories import BlockFactory, SectionFactory, SelfAssessmentFactory, TemplateStatementFactory


@pytest.fixture(scope="module")
def demo_document(django_db_setup, django_db_blocker):
    """The demo loaded once per module, inside a transaction rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield SelfAssessment.objects.select_related("template", "year").get(year__start_year=2017)
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_document, db):
    return demo_document


@pytest.fixture
def director(db):
    user = UserFactory(username="director", role=Role.GOVERNANCE, first_name="Morgan", last_name="Ellis")
    user.user_permissions.add(Permission.objects.get(codename="sign_off_selfassessment"))
    return user


@pytest.fixture
def document(committee):
    return SelfAssessmentFactory(committee=committee)


@pytest.fixture
def section(document, lead):
    """Section 1, written by the lead, one box answering statements 1.1 and 1.2."""
    section = SectionFactory(document=document, author=lead, number=1, state=ReviewState.DRAFT)
    block = BlockFactory(section=section, summary="Strong political focus.", evidence="Evidence as typed.")
    block.statements.set(
        [
            TemplateStatementFactory(section=section.template_section, number="1.1", position=0),
            TemplateStatementFactory(section=section.template_section, number="1.2", position=1, mandatory=True),
        ]
    )
    return section


@pytest.fixture
def other_section(document, other_lead):
    """Section 2, written by the other area's lead."""
    section = SectionFactory(document=document, author=other_lead, number=2, state=ReviewState.DRAFT)
    block = BlockFactory(section=section, summary="Commissioning is evidence based.")
    block.statements.set([TemplateStatementFactory(section=section.template_section, number="2.1")])
    return section
