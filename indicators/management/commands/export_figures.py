from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyp.models import Quarter
from indicators.exports import export_csv, export_xlsx, quarter_export
from indicators.imports.command import committee_for_command


class Command(BaseCommand):
    help = (
        "Export a quarter's figures, one row per indicator, with target, deviation, RAG and change. "
        "CSV goes to standard output unless --output names a file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quarter", required=True, help="The quarter, written 2024/25-Q1.")
        parser.add_argument(
            "--format",
            dest="export_format",
            choices=["csv", "xlsx"],
            help="csv (the default) or xlsx; taken from --output's name if omitted.",
        )
        parser.add_argument("--output", help="The file to write; standard output when omitted (CSV only).")
        parser.add_argument("--committee", type=int, help="The committee's id, when there is more than one.")

    def handle(self, *args, quarter, export_format, output, committee, **options):
        try:
            start_year, number = Quarter.parse_label(quarter)
        except ValueError as error:
            raise CommandError(str(error)) from None
        found = Quarter.objects.select_related("year").filter(year__start_year=start_year, number=number).first()
        if found is None:
            raise CommandError(f"There is no quarter {quarter} yet.")
        if export_format is None:
            export_format = "xlsx" if output and Path(output).suffix.lower() == ".xlsx" else "csv"
        rows = quarter_export(committee=committee_for_command(committee), quarter=found)
        if export_format == "xlsx":
            if not output:
                raise CommandError("An Excel workbook cannot be written to the screen: name a file with --output.")
            self._write(output, export_xlsx(rows, title=found.slug))
        elif output:
            self._write(output, export_csv(rows, byte_order_mark=True).encode("utf-8"))
        else:
            self.stdout.write(export_csv(rows), ending="")
            return
        self.stderr.write(f"Wrote {len(rows)} indicators for {found.label} to {output}.")

    def _write(self, output: str, content: bytes) -> None:
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output} cannot be written: {error.strerror}.") from None
