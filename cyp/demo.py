"""The demo: Cambridgeshire's Children and Young People Committee, Q1 2024/25, and a second body,
the Corporate Parenting Board, with its own service area, measures, meeting and member.

The board reports **monthly** as a **scorecard** (``Committee.report_period``, ``report_layout``) with
a three-band RAG scheme (Red, Amber, Green: no Blue), to show that these are settings of a body's
report: its periods are the months April to August 2024, and August 2024 is open for its returns.

``demo_load`` is safe to run twice: everything is keyed by its natural key and
updated in place.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from cyp.enums import Cadence, CommitteeKind, PeriodKind, RagBands, RagWording, ReportLayout, Role
from cyp.models import Committee, FinancialYear, Quarter, ServiceArea, User
from cyp.registry import demo_parts

DEMO_PASSWORD = "cyp-demo-2024"


COUNCIL = "Cambridgeshire County Council"
COMMITTEE_SLUG = "children-and-young-people"
#: The demo's second body. Corporate parents follow children in care month by month (DOMAIN: their
#: scorecards are monthly), so the board's reporting cycle is monthly.
BOARD_SLUG = "corporate-parenting-board"
BOARD_NAME = "Corporate Parenting Board"
#: The board's months (of the 2024/25 financial year: 1 is April) and the one open for its returns.
BOARD_MONTHS = range(1, 6)  # April to August 2024
BOARD_OPEN_MONTH = 5  # August 2024
#: Before the board's meeting of 24 September 2024, as the committee's returns are due before its pack.
BOARD_DATA_DEADLINE = datetime.date(2024, 9, 13)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: Role
    job_title: str
    service_areas: tuple[str, ...] = ()
    #: The bodies (by address) the person sits on (members) or serves as an officer of.
    bodies: tuple[str, ...] = ()
    #: Service areas of the board the person leads, by name.
    board_service_areas: tuple[str, ...] = ()


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
        board_service_areas=("Corporate Parenting",),
    ),
    DemoAccount("governance", "Priya", "Shah", Role.GOVERNANCE, "Governance and Performance Officer"),
    DemoAccount(
        "member",
        "Alex",
        "Morgan",
        Role.MEMBER,
        "Councillor, Children and Young People Committee",
        bodies=(COMMITTEE_SLUG,),
    ),
    DemoAccount("admin", "Jo", "Reid", Role.ADMINISTRATOR, "System administrator"),
    # The director signs the self-assessment off: selfassessment.demo grants the sign-off permission.
    DemoAccount(
        "director",
        "Morgan",
        "Ellis",
        Role.GOVERNANCE,
        "Executive Director, People and Communities (Director of Children's Services)",
    ),
    DemoAccount(
        "lead.education",
        "Chris",
        "Lee",
        Role.SERVICE_LEAD,
        "Head of Education",
        ("Education", "Early Years", "Skills/Participation"),
        bodies=(BOARD_SLUG,),  # serves the board as an officer (virtual school: children in care's education)
    ),
    DemoAccount(
        "member.board",
        "Jordan",
        "Ellis",
        Role.MEMBER,
        "Councillor, Corporate Parenting Board",
        bodies=(BOARD_SLUG,),
    ),
]


#: Where the accounts load among the apps' demo parts (cyp.registry): after the indicators (10), before
#: the plans (30: the demo lead is a delegate on some actions), the returns (40) and the meeting (50).
DEMO_ACCOUNTS_ORDER = 20


@transaction.atomic
def demo_load() -> Committee:
    """Load the two bodies, the years and quarters, then every part the apps registered (``cyp.registry``),
    the demo accounts among them. Parts are called with the committee; the board's parts find the board
    by its address (``BOARD_SLUG``)."""
    committee, _ = Committee.objects.update_or_create(
        council=COUNCIL,
        name="Children and Young People Committee",
        defaults={
            "slug": COMMITTEE_SLUG,
            "kind": CommitteeKind.COMMITTEE,
            "cadence": Cadence.QUARTERLY,
            "position": 1,
            "rag_wording": RagWording.REPORT_KEY,
            "email": "governanceandperformance@cambridgeshire.gov.uk",
        },
    )
    Committee.objects.update_or_create(
        council=COUNCIL,
        name=BOARD_NAME,
        defaults={
            "slug": BOARD_SLUG,
            "kind": CommitteeKind.BOARD,
            "cadence": Cadence.MONTHLY,
            "position": 2,
            "rag_wording": RagWording.REPORT_KEY,
            "rag_bands": RagBands.THREE,
            "report_period": PeriodKind.MONTH,
            "report_layout": ReportLayout.SCORECARD,
            "email": "governanceandperformance@cambridgeshire.gov.uk",
        },
    )
    for start_year in (2023, 2024):
        year, _ = FinancialYear.objects.get_or_create(start_year=start_year)
        for number in range(1, 5):
            Quarter.objects.get_or_create(year=year, kind=PeriodKind.QUARTER, number=number)
    Quarter.objects.quarters().filter(year__start_year=2024, number=1).update(
        is_open=True, data_deadline=datetime.date(2024, 9, 12)
    )
    year = FinancialYear.objects.get(start_year=2024)
    for number in BOARD_MONTHS:
        Quarter.objects.get_or_create(year=year, kind=PeriodKind.MONTH, number=number)
    Quarter.objects.months().filter(year=year, number=BOARD_OPEN_MONTH).update(
        is_open=True, data_deadline=BOARD_DATA_DEADLINE
    )
    for part in demo_parts():
        part.load(committee=committee)
    return committee


def demo_accounts_load(*, committee: Committee) -> None:
    """One account per role (``DEMO_ACCOUNTS``) and the board's member, the leads given their service areas
    and everyone the bodies they sit on or serve."""
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
        user.service_areas.set(
            [
                *ServiceArea.objects.filter(committee=committee, name__in=account.service_areas),
                *ServiceArea.objects.filter(committee__slug=BOARD_SLUG, name__in=account.board_service_areas),
            ]
        )
        user.committees.set(Committee.objects.filter(slug__in=account.bodies))
