import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cyp.registry import reminders_send
from cyp.words import counted


class Command(BaseCommand):
    help = (
        "Send today's reminders, every kind the apps register (cyp.registry): returns due or overdue, "
        "improvement-plan actions overdue or without recent approved progress. The same work Celery beat runs "
        "each morning; safe to run again (nothing is sent twice). Use it from cron on the embedded default, "
        "which has no beat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="The day to remind for, as 2024-09-05 (default: today).")

    def handle(self, *args, on=None, **options):
        try:
            day = datetime.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"--on: '{on}' is not a date; write it as 2024-09-05") from None
        sent = [counted(count, f"{name} reminder") for name, count in reminders_send(on=day).items()]
        summary = " and ".join([", ".join(sent[:-1]), sent[-1]] if len(sent) > 1 else sent) or "no reminders"
        self.stdout.write(f"{day:%-d %B %Y}: {summary} sent.")
