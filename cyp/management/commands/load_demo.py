from django.core.management.base import BaseCommand

from cyp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load the demo committee (Cambridgeshire CYP, Q1 2024/25) and one account per role. Safe to run twice."

    def handle(self, *args, **options):
        committee = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Loaded {committee} with {committee.indicators.count()} indicators."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            where = f" ({', '.join(account.service_areas)})" if account.service_areas else ""
            self.stdout.write(f"  {account.username:<16} {account.role.label}{where}")
