from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cyp.words import counted
from plans.models import Action, Plan
from plans.selectors import actions_with_state
from plans.xlsx import plan_xlsx_write


class Command(BaseCommand):
    help = "Export a plan to an XLSX workbook in the published plan's columns, with its latest approved progress."

    def add_arguments(self, parser):
        parser.add_argument("plan", type=int, help="The plan's id.")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, plan: int, output: Path, **options):
        target = Plan.objects.filter(pk=plan).first()
        if target is None:
            raise CommandError(f"There is no plan {plan}.")
        states = actions_with_state(
            Action.objects.filter(plan=target).order_by("position", "id"), on=timezone.localdate()
        )
        output.write_bytes(plan_xlsx_write(plan=target, states=states))
        self.stdout.write(self.style.SUCCESS(f"Wrote {counted(len(states), 'action')} of '{target}' to {output}."))
