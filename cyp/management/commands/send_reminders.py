import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from commentary.reminders import returns_remind
from plans.services import plan_reminders_send


class Command(BaseCommand):
    help = (
        "Send today's reminders: returns due or overdue, and improvement-plan actions overdue or without recent "
        "approved progress. The same work Celery beat runs each morning; safe to run again (nothing is sent twice). "
        "Use it from cron on the embedded default, which has no beat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="The day to remind for, as 2024-09-05 (default: today).")

    def handle(self, *args, on=None, **options):
        try:
            day = datetime.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"--on: '{on}' is not a date; write it as 2024-09-05") from None
        returns = returns_remind(today=day)
        actions = plan_reminders_send(on=day)
        self.stdout.write(f"{day:%-d %B %Y}: {returns} return reminder(s) and {actions} plan reminder(s) sent.")
