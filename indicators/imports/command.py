"""What the import and export management commands share: the committee and the import itself."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyp.imports import import_size_problem
from cyp.models import Committee
from indicators.imports.base import ImportKind, ImportRejected


def committee_for_command(committee_id: int | None) -> Committee:
    """The committee named by --committee, or the only one there is."""
    if committee_id is not None:
        committee = Committee.objects.filter(pk=committee_id).first()
        if committee is None:
            raise CommandError(f"There is no committee with id {committee_id}.")
        return committee
    committees = list(Committee.objects.order_by("id")[:11])
    if not committees:
        raise CommandError("There is no committee yet: run python manage.py load_demo, or add one in the admin.")
    if len(committees) > 1:
        listed = "; ".join(f"{committee.pk} ({committee})" for committee in committees[:10])
        raise CommandError(f"There are several committees; choose one with --committee ID: {listed}.")
    return committees[0]


class ImportCommand(BaseCommand):
    """``manage.py import_<kind> FILE``: all of the file or none of it, every problem listed."""

    kind: ImportKind

    def add_arguments(self, parser):
        parser.add_argument("file", help="A CSV file (.csv) or an Excel workbook (.xlsx).")
        parser.add_argument("--committee", type=int, help="The committee's id, when there is more than one.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would change, writing nothing."
        )

    def handle(self, *args, file, committee, dry_run, **options):
        from indicators.services import spreadsheet_import

        path = Path(file)
        too_large = import_size_problem(name=path.name, size=path.stat().st_size) if path.is_file() else None
        if too_large:
            raise CommandError(too_large)  # before reading it into memory
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"There is no file {file}.") from None
        except IsADirectoryError:
            raise CommandError(f"{file} is a folder; name a CSV or Excel file.") from None
        except OSError as error:
            raise CommandError(f"{file} cannot be read: {error.strerror}.") from None
        try:
            summary = spreadsheet_import(
                kind=self.kind,
                committee=committee_for_command(committee),
                data=data,
                filename=path.name,
                by=None,
                dry_run=dry_run,
            )
        except ImportRejected as rejected:
            for warning in rejected.warnings:
                self.stderr.write(f"Warning: {warning}")
            raise CommandError(
                "\n".join([f"{path.name}: {rejected} Nothing was written.", *rejected.lines()])
            ) from None
        self.stdout.write(self.style.SUCCESS(summary.headline))
        for line in summary.lines()[1:]:
            self.stdout.write(line)
