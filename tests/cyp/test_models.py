"""The kernel's models: the current committee."""

from cyp.models import Committee
from tests.factories import CommitteeFactory


def test_the_current_committee_is_the_first_set_up(db):
    first = CommitteeFactory(name="Children and Young People Committee")
    CommitteeFactory(name="Adults and Health Committee")

    assert Committee.objects.current() == first


def test_there_is_no_current_committee_before_one_is_set_up(db):
    assert Committee.objects.current() is None
