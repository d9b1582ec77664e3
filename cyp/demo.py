"""The demo: Cambridgeshire's Children and Young People Committee, Q1 2024/25.

``demo_load`` is safe to run twice: everything is keyed by its natural key and
updated in place.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from cyp.enums import RagWording, Role
from cyp.models import Committee, FinancialYear, Quarter, ServiceArea, User
from cyp.registry import demo_parts

DEMO_PASSWORD = "cyp-demo-2024"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: Role
    job_title: str
    service_areas: tuple[str, ...] = ()


#: One account per role, and a second lead so that "another area's lead" can be tried. Between them
#: the two leads own every service area of the demo, so every return has someone to complete it.
DEMO_ACCOUNTS = [
    DemoAccount(
        "lead",
        "Sam",
        "Okafor",
        Role.SERVICE_LEAD,
        "Head of Service, Children's Social Care",
        ("Children's Social Care", "SEND", "Youth Justice"),
    ),
    DemoAccount("governance", "Priya", "Shah", Role.GOVERNANCE, "Governance and Performance Officer"),
    DemoAccount("member", "Alex", "Morgan", Role.MEMBER, "Councillor, Children and Young People Committee"),
    DemoAccount("admin", "Jo", "Reid", Role.ADMINISTRATOR, "System administrator"),
    DemoAccount(
        "lead.education",
        "Chris",
        "Lee",
        Role.SERVICE_LEAD,
        "Head of Education",
        ("Education", "Early Years", "Skills/Participation"),
    ),
]


#: Where the accounts load among the apps' demo parts (cyp.registry): after the indicators (10), before
#: the plans (30: the demo lead is a delegate on some actions), the returns (40) and the meeting (50).
DEMO_ACCOUNTS_ORDER = 20


@transaction.atomic
def demo_load() -> Committee:
    """Load the committee, its years and quarters, then every part the apps registered (``cyp.registry``),
    the demo accounts among them."""
    committee, _ = Committee.objects.update_or_create(
        council="Cambridgeshire County Council",
        name="Children and Young People Committee",
        defaults={"rag_wording": RagWording.REPORT_KEY, "email": "governanceandperformance@cambridgeshire.gov.uk"},
    )
    for start_year in (2023, 2024):
        year, _ = FinancialYear.objects.get_or_create(start_year=start_year)
        for number in range(1, 5):
            Quarter.objects.get_or_create(year=year, number=number)
    Quarter.objects.filter(year__start_year=2024, number=1).update(
        is_open=True, data_deadline=datetime.date(2024, 9, 12)
    )
    for part in demo_parts():
        part.load(committee=committee)
    return committee


def demo_accounts_load(*, committee: Committee) -> None:
    """One account per role (``DEMO_ACCOUNTS``), the leads given their service areas."""
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@example.org",
                "role": account.role,
                "job_title": account.job_title,
                "is_staff": account.role == Role.ADMINISTRATOR,
                "is_superuser": account.role == Role.ADMINISTRATOR,
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.service_areas.set(ServiceArea.objects.filter(committee=committee, name__in=account.service_areas))
