"""The kernel's models: which bodies a person sees, bodies' addresses, and publication per body."""

import pytest

from cyp.enums import Role
from cyp.models import Committee, Quarter, QuarterPublication
from tests.factories import (
    CommitteeFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    ServiceAreaFactory,
    UserFactory,
)


@pytest.fixture
def bodies(db):
    children = CommitteeFactory(name="Children and Young People Committee", position=1)
    board = CommitteeFactory(name="Corporate Parenting Board", position=2)
    adults = CommitteeFactory(name="Adults and Health Committee", position=3)
    return children, board, adults


@pytest.mark.parametrize("role", [Role.GOVERNANCE, Role.ADMINISTRATOR])
def test_governance_and_administrators_see_every_body_in_the_councils_order(bodies, role):
    person = UserFactory(role=role)

    assert list(Committee.objects.visible_to(person)) == list(bodies)


def test_a_member_sees_only_the_bodies_they_sit_on(bodies):
    board = bodies[1]
    member = UserFactory(role=Role.MEMBER, committees=[board])

    assert list(Committee.objects.visible_to(member)) == [board]


def test_a_member_who_sits_on_no_body_sees_none(bodies):
    assert list(Committee.objects.visible_to(UserFactory(role=Role.MEMBER))) == []


def test_a_service_lead_sees_the_bodies_of_their_areas_and_those_they_serve(bodies):
    children, _, adults = bodies
    lead = UserFactory(
        role=Role.SERVICE_LEAD,
        service_areas=[ServiceAreaFactory(committee=children), ServiceAreaFactory(committee=children)],
        committees=[adults],
    )

    assert list(Committee.objects.visible_to(lead)) == [children, adults]


def test_an_inactive_person_or_nobody_sees_no_body(bodies):
    from django.contrib.auth.models import AnonymousUser

    retired = UserFactory(role=Role.GOVERNANCE, is_active=False)

    assert list(Committee.objects.visible_to(retired)) == []
    assert list(Committee.objects.visible_to(AnonymousUser())) == []


def test_a_new_body_gets_an_address_from_its_name_unique_among_bodies(db):
    first = Committee.objects.create(council="A County Council", name="Corporate Parenting Board")
    second = Committee.objects.create(council="B County Council", name="Corporate Parenting Board")
    children = Committee.objects.create(council="A County Council", name="Children and Young People Committee")

    assert (first.slug, second.slug, children.slug) == (
        "corporate-parenting-board",
        "corporate-parenting-board-2",
        "children-and-young-people",
    )


def test_a_quarter_is_published_per_body(bodies):
    children, board, _ = bodies
    quarter = QuarterFactory()
    publication = QuarterPublicationFactory(committee=children, quarter=quarter)

    assert quarter.publication_for(children) == publication
    assert quarter.publication_for(board) is None
    assert list(Quarter.objects.published_for(children)) == [quarter]
    assert list(Quarter.objects.published_for(board)) == []
    assert list(Quarter.objects.published_for(None)) == []


def test_a_body_publishes_a_quarter_once(bodies):
    from django.db import IntegrityError, transaction

    children = bodies[0]
    quarter = QuarterFactory()
    QuarterPublication.objects.create(committee=children, quarter=quarter)

    with pytest.raises(IntegrityError), transaction.atomic():
        QuarterPublication.objects.create(committee=children, quarter=quarter)


@pytest.mark.django_db
def test_a_body_cannot_take_an_address_the_public_site_uses():
    from django.core.exceptions import ValidationError

    from cyp.models import Committee

    body = Committee(name="Api", council="Bench County Council")
    body.save()
    assert body.slug == "api-2"  # made from the name, it steps past the reserved word
    body.slug = "api"
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert "names a page of the public site" in str(refused.value)
