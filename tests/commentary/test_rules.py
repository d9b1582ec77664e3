"""Who sees and does what with returns: members never see one, leads see their own areas' and shared ones."""

import pytest

from commentary.selectors import returns_visible_to
from cyp.enums import ReviewState
from tests.commentary.factories import ReturnFactory


@pytest.mark.parametrize(
    ("persona", "sees_own_area", "sees_other_area"),
    [
        ("lead", True, False),
        ("other_lead", False, True),
        ("governance", True, True),
        ("administrator", True, True),
        ("member", False, False),
    ],
)
def test_who_sees_which_draft(persona, sees_own_area, sees_other_area, request, ret, other_ret):
    user = request.getfixturevalue(persona)

    assert user.has_perm("commentary.view_return", ret) is sees_own_area
    assert user.has_perm("commentary.view_return", other_ret) is sees_other_area
    visible = set(returns_visible_to(user=user))
    assert visible == {r for r, seen in ((ret, sees_own_area), (other_ret, sees_other_area)) if seen}


def test_another_lead_sees_a_draft_once_it_is_shared_but_cannot_edit_it(ret, other_lead):
    ret.shared = True
    ret.save()

    assert other_lead.has_perm("commentary.view_return", ret)
    assert not other_lead.has_perm("commentary.save_return", ret)
    assert ret in returns_visible_to(user=other_lead)


def test_another_lead_sees_an_approved_return_but_a_member_never_does(ret, other_lead, member):
    ret.state = ReviewState.APPROVED
    ret.save()

    assert other_lead.has_perm("commentary.view_return", ret)
    assert not member.has_perm("commentary.view_return", ret)
    assert list(returns_visible_to(user=member)) == []


def test_the_indicator_owner_may_edit_the_return_though_the_area_is_not_theirs(ret, other_lead):
    ret.indicator.owner = other_lead
    ret.indicator.save()

    assert other_lead.has_perm("commentary.save_return", ret)
    assert other_lead.has_perm("commentary.submit_return", ret)


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_only_governance_and_administrators_decide(persona, request, ret):
    user = request.getfixturevalue(persona)

    for action in ("return", "approve", "reopen", "share"):
        assert not user.has_perm(f"commentary.{action}_return", ret)


@pytest.mark.parametrize("persona", ["governance", "administrator"])
def test_governance_and_administrators_decide(persona, request, ret):
    user = request.getfixturevalue(persona)

    for action in ("return", "approve", "reopen", "share"):
        assert user.has_perm(f"commentary.{action}_return", ret)


def test_a_lead_sees_a_return_of_an_area_they_lead_among_several(ret, lead, other_area):
    lead.service_areas.add(other_area)
    other = ReturnFactory(
        indicator__service_area=other_area, indicator__committee=other_area.committee, quarter=ret.quarter
    )

    assert set(returns_visible_to(user=lead)) == {ret, other}
