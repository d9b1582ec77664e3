import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cyp.imports import import_size_problem
from cyp.words import counted
from plans.imports import plan_import
from plans.models import Plan
from plans.xlsx import plan_xlsx_read


class Command(BaseCommand):
    help = (
        "Import a plan's actions from an XLSX workbook in the published plan's columns. The whole file is "
        "checked first; nothing is written if anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--plan", type=int, required=True, help="The plan's id (see the plan page's address).")
        parser.add_argument("--user", required=True, help="Username of the governance team member importing it.")
        parser.add_argument("--as-at", type=datetime.date.fromisoformat, help="Date for new progress (YYYY-MM-DD).")
        parser.add_argument("--check", action="store_true", help="Check the file without importing it.")

    def handle(self, *args, file: Path, plan: int, user: str, as_at, check: bool, **options):
        target = Plan.objects.filter(pk=plan).first()
        if target is None:
            raise CommandError(f"There is no plan {plan}.")
        person = get_user_model().objects.filter(username=user, is_active=True).first()
        if person is None:
            raise CommandError(f"There is no active user '{user}'.")
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        too_large = import_size_problem(name=file.name, size=file.stat().st_size)
        if too_large:
            raise CommandError(too_large)  # before reading it into memory
        parsed = plan_xlsx_read(file.read_bytes(), name=file.name)
        try:
            result = plan_import(
                plan=target,
                parsed=parsed,
                by=person,
                as_at=as_at or datetime.date.today(),
                filename=file.name,
                check_only=check,
            )
        except PermissionError as error:
            raise CommandError(str(error)) from None
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing was imported: {counted(len(result.errors), 'problem')} in {file.name}.")
        verb = "Would create" if check else "Created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {counted(len(result.created), 'action')}, changed {len(result.changed)}, "
                f"{counted(len(result.progress), 'progress update')}; "
                f"{counted(len(result.not_in_file), 'action')} not in the file left as they are."
            )
        )
