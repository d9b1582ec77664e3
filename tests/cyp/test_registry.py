"""The apps register their reminders and demo parts with the kernel, which runs whatever is registered."""

import io

import pytest
from django.core.management import call_command

from cyp import registry


@pytest.fixture
def own_registry(monkeypatch):
    """A copy of the registry this test may change; the apps' registrations come back afterwards."""
    monkeypatch.setattr(registry, "_reminders", dict(registry._reminders))
    monkeypatch.setattr(registry, "_demo_parts", dict(registry._demo_parts))


def test_the_apps_register_their_reminders_in_the_order_of_installed_apps():
    assert [reminder.name for reminder in registry.reminders()] == ["return", "plan", "minute action"]


def test_the_apps_register_their_demo_parts_in_the_order_they_must_load():
    assert [(part.order, part.name) for part in registry.demo_parts()] == [
        (10, "indicators.demo.load"),
        (15, "indicators.demo_board.load"),
        (20, "cyp.demo.demo_accounts_load"),
        (30, "plans.demo.load"),
        (40, "commentary.demo.load"),
        (45, "commentary.demo_board.load"),
        (50, "reports.demo.load"),
        (52, "reports.demo_board.load"),
        (57, "agendaplan.demo.load"),
        (62, "minutes.demo.load"),
        (75, "selfassessment.demo.load"),
    ]


def test_a_second_reminder_under_a_taken_name_is_refused(own_registry):
    with pytest.raises(
        ValueError, match=r"^Reminder 'plan' is already registered by plans\.services: choose another name\.$"
    ):
        registry.register_reminder("plan", lambda *, on: 0)


def test_a_second_demo_part_under_a_taken_number_is_refused(own_registry):
    def load(*, committee):
        return None

    mine = r"tests\.cyp\.test_registry\.[\w.<>]+\.load"
    with pytest.raises(
        ValueError,
        match=rf"^Demo part 30 is already plans\.demo\.load: give {mine} another number\.$",
    ):
        registry.register_demo_part(30, load)


def test_registering_the_same_reminder_again_changes_nothing(own_registry):
    send = registry.reminders()[0].send

    registry.register_reminder("return", send)

    assert [reminder.name for reminder in registry.reminders()] == ["return", "plan", "minute action"]


def test_send_reminders_sends_every_registered_kind(db, own_registry):
    registry.register_reminder("test", lambda *, on: on.day)
    out = io.StringIO()

    call_command("send_reminders", "--on", "2024-09-05", stdout=out)

    assert out.getvalue() == (
        "5 September 2024: 0 return reminders, 0 plan reminders, 0 minute action reminders and 5 test reminders sent.\n"
    )


def test_send_reminders_with_nothing_registered_says_so(db, own_registry, monkeypatch):
    monkeypatch.setattr(registry, "_reminders", {})
    out = io.StringIO()

    call_command("send_reminders", "--on", "2024-09-05", stdout=out)

    assert out.getvalue() == "5 September 2024: no reminders sent.\n"


def test_the_demo_loads_every_registered_part_in_order_with_the_committee(db, own_registry, monkeypatch):
    loaded = []
    monkeypatch.setattr(registry, "_demo_parts", {})
    registry.register_demo_part(2, lambda *, committee: loaded.append(("second", committee.name)))
    registry.register_demo_part(1, lambda *, committee: loaded.append(("first", committee.name)))
    from cyp.demo import demo_load

    demo_load()

    assert loaded == [
        ("first", "Children and Young People Committee"),
        ("second", "Children and Young People Committee"),
    ]
