"""Every URL answers every persona as the table says, and no URL pushes a return where the workflow forbids.

``TABLE`` maps each named URL of the project (admin aside) to the arguments to
call it with and the status each persona gets: anonymous, lead (of the area
that holds the data), other_lead (of another area), governance, member and
administrator. A URL without an entry fails ``test_every_named_url_has_an_entry``:
adding a page means deciding, here, who may open it.

Apps may keep their own entries beside their tests: a module
``tests/<app>/url_permissions.py`` with ``ENTRIES`` (name -> Entry) and,
optionally, ``arrange(world)`` to add the objects its kwargs need to the world.

The world holds data that could leak: the lead's draft return, another area's
draft, an unpublished quarter, the lead's notification.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from commentary.models import Return
from cyp.enums import ReviewAction, ReviewState
from cyp.notifications import notification_send
from cyp.workflow import MOVES
from tests.commentary.factories import ReturnFactory
from tests.conftest import PERSONAS
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

ANON, LEAD, OTHER, GOV, MEMBER, ADMIN = PERSONAS


@dataclass
class Entry:
    """How to call one URL, and the status code each persona must get."""

    kwargs: Callable[[SimpleNamespace], dict]
    expected: dict[str, int]
    method: str = "get"
    data: Callable[[SimpleNamespace], dict] | None = None
    anonymous_to_sign_in: bool = field(default=True)

    def __post_init__(self):
        assert set(self.expected) == set(PERSONAS), f"every persona needs an expected status: {self.expected}"


def answers(anonymous, lead, other_lead, governance, member, administrator) -> dict[str, int]:
    return dict(zip(PERSONAS, (anonymous, lead, other_lead, governance, member, administrator), strict=True))


def none(_world) -> dict:
    return {}


def quarter_kwargs(world) -> dict:
    return {"quarter": "2024-25-Q1"}


def lead_return(world) -> dict:
    return {"pk": world.ret.pk}


def return_form(world) -> dict:
    ret = world.ret
    return {
        "version": ret.version,
        "period_label": ret.period_label,
        "period_start": ret.period_start.isoformat(),
        "period_end": ret.period_end.isoformat(),
        "value": str(ret.value),
        "commentary": ret.commentary,
        "actions": ret.actions,
    }


#: Who may open what. Staff are service leads, governance and administrators.
TABLE: dict[str, Entry] = {
    # cyp
    "home": Entry(none, answers(302, 302, 302, 302, 200, 302)),
    "login": Entry(none, answers(200, 302, 302, 302, 302, 302), anonymous_to_sign_in=False),
    "logout": Entry(none, answers(405, 405, 405, 405, 405, 405), anonymous_to_sign_in=False),
    "health": Entry(none, answers(200, 200, 200, 200, 200, 200), anonymous_to_sign_in=False),
    "favicon": Entry(none, answers(*[200] * 6), anonymous_to_sign_in=False),  # browsers ask, signed in or not
    # create_admin --send-link's one-time page: open to all, and a link that is not valid sets nothing
    "password_reset_confirm": Entry(
        lambda w: {"uidb64": "MQ", "token": "not-a-token"}, answers(*[200] * 6), anonymous_to_sign_in=False
    ),
    "password_reset_complete": Entry(none, answers(*[200] * 6), anonymous_to_sign_in=False),
    # Forgotten password: open to all, like the sign-in page (tests/cyp/test_signin_password.py)
    "password_reset": Entry(none, answers(*[200] * 6), anonymous_to_sign_in=False),
    "password_reset_done": Entry(none, answers(*[200] * 6), anonymous_to_sign_in=False),
    # Single sign-on: started by a POST only; off in the tests' settings (tests/cyp/test_signin_oidc.py)
    "sso_start": Entry(none, answers(*[405] * 6), anonymous_to_sign_in=False),
    "sso_callback": Entry(none, answers(*[404] * 6), anonymous_to_sign_in=False),
    # indicators: the quarter is not published, so members may not see it
    "dashboard": Entry(quarter_kwargs, answers(302, 200, 200, 200, 403, 200)),
    "export_quarter": Entry(quarter_kwargs, answers(302, 200, 200, 200, 403, 200)),
    "indicator_detail": Entry(lambda w: {"number": 11}, answers(302, 200, 200, 200, 200, 200)),
    "import_upload": Entry(none, answers(302, 403, 403, 200, 403, 200)),
    # the council overview of every body: governance and administrators only
    "council_overview": Entry(none, answers(302, 403, 403, 200, 403, 200)),
    # commentary: the lead's draft is invisible (404) to members and other leads
    "my_returns": Entry(none, answers(302, 200, 200, 403, 403, 200)),
    "return_detail": Entry(lead_return, answers(302, 200, 404, 200, 404, 200)),
    "return_edit": Entry(lead_return, answers(302, 200, 404, 403, 404, 200)),
    "return_preview": Entry(lead_return, answers(302, 200, 404, 403, 404, 200), method="post", data=return_form),
    "return_autosave": Entry(lead_return, answers(302, 200, 404, 403, 404, 200), method="post", data=return_form),
    "return_submit": Entry(lead_return, answers(302, 302, 404, 403, 404, 302), method="post"),
    "return_send_back": Entry(lead_return, answers(302, 403, 404, 302, 404, 302), method="post"),
    "return_approve": Entry(lead_return, answers(302, 403, 404, 302, 404, 302), method="post"),
    "return_reopen": Entry(lead_return, answers(302, 403, 404, 302, 404, 302), method="post"),
    "return_share": Entry(lead_return, answers(302, 403, 404, 302, 404, 302), method="post"),
    "governance_board_latest": Entry(none, answers(302, 403, 403, 302, 403, 302)),
    "governance_board": Entry(quarter_kwargs, answers(302, 403, 403, 200, 403, 200)),
    "quarter_open_returns": Entry(quarter_kwargs, answers(302, 403, 403, 302, 403, 302), method="post"),
    "notifications": Entry(none, answers(302, 200, 200, 200, 200, 200)),
    "notifications_mark_read": Entry(none, answers(302, 302, 302, 302, 302, 302), method="post"),
}

#: Objects other apps' entries need, added by their ``arrange(world)``.
ARRANGERS: list[Callable[[SimpleNamespace], None]] = []


def _load_app_entries() -> None:
    for module_info in pkgutil.iter_modules([str(Path(tests.__file__).parent)]):
        if not module_info.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{module_info.name}.url_permissions")
        except ModuleNotFoundError as missing:
            if missing.name != f"tests.{module_info.name}.url_permissions":
                raise
            continue
        overlap = set(module.ENTRIES) & set(TABLE)
        assert not overlap, f"{module.__name__} repeats entries of the main table: {sorted(overlap)}"
        TABLE.update(module.ENTRIES)
        if hasattr(module, "arrange"):
            ARRANGERS.append(module.arrange)


_load_app_entries()


def named_urls(patterns=None, namespace: str = "") -> list[str]:
    """Every named URL pattern of the project, with its namespace, the admin site aside."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(named_urls(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_has_an_entry_in_the_permission_table():
    missing = sorted(set(named_urls()) - set(TABLE))

    assert missing == [], f"Decide who may open these pages: add them to TABLE in {__name__}: {missing}"


def test_the_permission_table_lists_no_url_that_does_not_exist():
    assert sorted(set(TABLE) - set(named_urls())) == []


@pytest.fixture
def world(committee, area, other_area, quarter, lead, other_lead, governance, member, administrator):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()
    indicator = IndicatorFactory(committee=committee, number=11, name="Two-year-olds", service_area=area)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal("74.6"))
    other_indicator = IndicatorFactory(committee=committee, number=130, service_area=other_area)
    world = SimpleNamespace(
        committee=committee,
        area=area,
        other_area=other_area,
        quarter=quarter,
        indicator=indicator,
        ret=ReturnFactory(indicator=indicator, quarter=quarter),
        other_ret=ReturnFactory(indicator=other_indicator, quarter=quarter),
        lead=lead,
        other_lead=other_lead,
        governance=governance,
        member=member,
        administrator=administrator,
    )
    notification_send(recipient=lead, kind="returns.due", subject="Your return", body="", dedupe_key="world")
    for arrange in ARRANGERS:
        arrange(world)
    return world


@pytest.mark.parametrize(("name", "persona"), [(name, persona) for name in sorted(TABLE) for persona in PERSONAS])
def test_each_url_answers_each_persona_as_the_table_says(name, persona, world, as_persona):
    entry = TABLE[name]
    url = reverse(name, kwargs=entry.kwargs(world))
    client = as_persona(persona)

    response = getattr(client, entry.method)(url, entry.data(world) if entry.data else {})

    assert response.status_code == entry.expected[persona], f"{entry.method.upper()} {url} as {persona}"
    if persona == ANON and entry.expected[ANON] == 302 and entry.anonymous_to_sign_in:
        assert response["Location"].startswith(reverse("login")), "anonymous people are sent to sign in"


# The workflow through its URLs: every action, from every state, by every persona.
ACTION_URLS = {
    ReviewAction.SAVE: "return_edit",
    ReviewAction.SUBMIT: "return_submit",
    ReviewAction.RETURN: "return_send_back",
    ReviewAction.APPROVE: "return_approve",
    ReviewAction.REOPEN: "return_reopen",
    ReviewAction.WITHDRAW: "return_withdraw",
}
#: The moves the workflow allows, (state, action, to), written out here and not read from ``cyp.workflow.MOVES``:
#: a wrong entry in the table is then a failing test, not a wrong expectation.
ALLOWED_MOVES = {
    ("not_started", "save", "draft"),
    ("draft", "save", "draft"),
    ("returned", "save", "returned"),
    ("draft", "submit", "submitted"),
    ("returned", "submit", "submitted"),
    ("submitted", "return", "returned"),
    ("submitted", "approve", "approved"),
    ("approved", "reopen", "returned"),
    ("submitted", "withdraw", "draft"),
}
#: The moves that need a comment saying why.
COMMENT_REQUIRED = {("submitted", "return"), ("approved", "reopen")}
#: Who holds each permission (an administrator is a superuser and holds them all).
MAY = {
    ReviewAction.SAVE: {LEAD, ADMIN},
    ReviewAction.SUBMIT: {LEAD, ADMIN},
    ReviewAction.RETURN: {GOV, ADMIN},
    ReviewAction.APPROVE: {GOV, ADMIN},
    ReviewAction.REOPEN: {GOV, ADMIN},
    ReviewAction.WITHDRAW: {LEAD, ADMIN},
}


def _post_action(client, world, action: ReviewAction):
    ret = Return.objects.get(pk=world.ret.pk)
    url = reverse(ACTION_URLS[action], kwargs={"pk": ret.pk})
    if action == ReviewAction.SAVE:
        return client.post(url, {**return_form(SimpleNamespace(ret=ret)), "commentary": "Changed by this request."})
    return client.post(url, {"version": ret.version, "comment": "A reason for the record."})


def test_the_workflow_table_holds_exactly_the_allowed_moves():
    table = {(state.value, action.value, move.to.value) for (state, action), move in MOVES.items()}
    commented = {(state.value, action.value) for (state, action), move in MOVES.items() if move.comment_required}

    assert (table, commented) == (ALLOWED_MOVES, COMMENT_REQUIRED)


@pytest.mark.parametrize("state", list(ReviewState))
@pytest.mark.parametrize("action", list(ACTION_URLS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_workflow_moves_only_where_the_table_and_permissions_allow(state, action, persona, world, as_persona):
    Return.objects.filter(pk=world.ret.pk).update(state=state)
    to = {(before, name): after for before, name, after in ALLOWED_MOVES}.get((state.value, action.value))

    _post_action(as_persona(persona), world, action)

    after = Return.objects.get(pk=world.ret.pk)
    if to is not None and persona in MAY[action]:
        assert after.state == to
        assert after.version == 2
    else:
        assert (after.state, after.version) == (state, 1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_locked_return_does_not_move_for_anyone_through_any_url(persona, world, as_persona):
    client = as_persona(persona)
    for state in ReviewState:
        for action in ACTION_URLS:
            Return.objects.filter(pk=world.ret.pk).update(state=state, locked=True)
            _post_action(client, world, action)
            assert Return.objects.filter(pk=world.ret.pk, state=state, version=1).exists(), (state, action)
