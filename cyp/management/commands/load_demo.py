from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cyp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
from cyp.models import Committee, User
from cyp.words import counted

REFUSED = (
    "load_demo refused: these are production settings (debug off or DATABASE_URL set), and the demo's "
    f"accounts have a published password ({DEMO_PASSWORD}). The production start is scripts/serve and the "
    "first administrator comes from manage.py create_admin. To load the demo's committee and content here "
    "anyway, with the demo accounts unable to sign in until someone sets their passwords, run "
    "manage.py load_demo --allow-production."
)


class Command(BaseCommand):
    help = (
        "Load the demo bodies (Cambridgeshire's CYP Committee, Q1 2024/25, and a Corporate Parenting Board) and "
        "one account per role, on the embedded default only. Safe to run twice: once the demo is there, a "
        "second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load under production settings; the demo accounts then get no usable password.",
        )

    def handle(self, *args, allow_production=False, **options):
        production = not settings.CYP_DEMO_ALLOWED
        if production and not allow_production:
            raise CommandError(REFUSED)
        if _demo_committee() is not None:
            # Whatever is there may be real work done since (a return approved, a plan updated): leave it.
            self.stdout.write("The demo is loaded already; nothing was changed.")
            return
        with transaction.atomic():
            committee = demo_load()
            if production:
                locked = _lock_demo_accounts()
        for body in Committee.objects.filter(council=committee.council):
            indicators = counted(body.indicators.count(), "indicator")
            self.stdout.write(self.style.SUCCESS(f"Loaded {body} with {indicators}."))
        if production:
            self.stdout.write(
                f"Demo accounts ({', '.join(locked)}) cannot sign in: none has a password. Give one a password "
                "with manage.py changepassword USERNAME, or make the first administrator with "
                "manage.py create_admin USERNAME --email ADDRESS."
            )
            return
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        bodies = dict(Committee.objects.values_list("slug", "name"))
        for account in DEMO_ACCOUNTS:
            where = [*account.service_areas, *account.board_service_areas]
            where += [bodies.get(slug, slug) for slug in account.bodies]
            described = f" ({', '.join(where)})" if where else ""
            self.stdout.write(f"  {account.username:<16} {account.role.label}{described}")


def _demo_committee() -> Committee | None:
    # The demo's committee; demo_load is atomic, so it exists only when all of the demo does.
    return Committee.objects.filter(
        council="Cambridgeshire County Council", name="Children and Young People Committee"
    ).first()


def _lock_demo_accounts() -> list[str]:
    """Every demo account that has the published password loses it (inside the load's transaction,
    so the published password is never committed)."""
    locked = []
    for user in User.objects.filter(username__in=[account.username for account in DEMO_ACCOUNTS]).order_by("pk"):
        if user.check_password(DEMO_PASSWORD) or not user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
            locked.append(user.username)
    return locked
