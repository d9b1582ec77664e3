from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyp.enums import PeriodKind
from cyp.models import Committee, Quarter
from cyp.words import counted
from indicators.exports import TABLES, export_csv, export_xlsx, quarter_export
from indicators.imports.command import committee_for_command


def period_from_text(text: str) -> tuple[str, int, int]:
    """ "2023-09", "September 2023" (a month), "2024/25-Q1" or "2024-25-Q1" (a quarter) -> (kind, start year,
    number). Raises ValueError naming what to write."""
    cleaned = text.strip()
    try:
        if "q" in cleaned.lower():
            label = cleaned if "/" in cleaned else cleaned.replace("-", "/", 1)  # "2024-25-Q1" as a slug
            return (PeriodKind.QUARTER.value, *Quarter.parse_label(label))
        return (PeriodKind.MONTH.value, *Quarter.parse_month(cleaned))
    except ValueError:
        raise ValueError(f"'{text}' is not a period: write a month as 2023-09 or a quarter as 2024/25-Q1") from None


class Command(BaseCommand):
    help = (
        "Export a period's figures (a month or a quarter), one row per indicator, with target, deviation, RAG "
        "and change. CSV goes to standard output unless --output names a file."
    )

    def add_arguments(self, parser):
        chosen = parser.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--period", help="The month (2023-09) or quarter (2024/25-Q1) the body reports.")
        chosen.add_argument("--quarter", help="The quarter, written 2024/25-Q1 (the same as --period).")
        parser.add_argument(
            "--format",
            dest="export_format",
            choices=["csv", "xlsx"],
            help="csv (the default) or xlsx; taken from --output's name if omitted.",
        )
        parser.add_argument("--output", help="The file to write; standard output when omitted (CSV only).")
        parser.add_argument(
            "--table",
            choices=sorted(TABLES),
            help="As CSV, the benchmark or breakdown table instead of the figures (the workbook has both as sheets).",
        )
        parser.add_argument(
            "--committee",
            type=int,
            help="The committee's id, when there is more than one (by default the one that reports by the period).",
        )

    def handle(self, *args, period, quarter, export_format, output, committee, table=None, **options):
        if quarter is not None:
            try:
                kind, (start_year, number) = PeriodKind.QUARTER.value, Quarter.parse_label(quarter)
            except ValueError as error:
                raise CommandError(str(error)) from None
        else:
            try:
                kind, start_year, number = period_from_text(period)
            except ValueError as error:
                raise CommandError(str(error)) from None
        found = (
            Quarter.objects.select_related("year").filter(year__start_year=start_year, kind=kind, number=number).first()
        )
        if found is None:
            word = "month" if kind == PeriodKind.MONTH else "quarter"
            raise CommandError(f"There is no {word} {quarter or period} yet.")
        if export_format is None:
            export_format = "xlsx" if output and Path(output).suffix.lower() == ".xlsx" else "csv"
        if table and export_format == "xlsx":
            raise CommandError(
                f"--table {table} is a CSV table: the Excel workbook has the benchmarks and breakdowns as its sheets, "
                "so leave --table out or write CSV."
            )
        rows = quarter_export(committee=self._body(committee, kind), quarter=found)
        if export_format == "xlsx":
            if not output:
                raise CommandError("An Excel workbook cannot be written to the screen: name a file with --output.")
            self._write(output, export_xlsx(rows, title=found.slug))
        elif output:
            self._write(output, export_csv(rows, byte_order_mark=True, table=table or "").encode("utf-8"))
        else:
            self.stdout.write(export_csv(rows, table=table or ""), ending="")
            return
        indicators = counted(len(rows), "indicator")
        what = f"the {table} table of {indicators}" if table else indicators
        self.stderr.write(f"Wrote {what} for {found.label} to {output}.")

    def _body(self, committee_id: int | None, kind: str) -> Committee:
        """The body named by --committee; else the only body, or the only one that reports on the period's kind."""
        if committee_id is None and Committee.objects.count() > 1:
            reporting = list(Committee.objects.filter(report_period=kind)[:2])
            if len(reporting) == 1:
                return reporting[0]
        return committee_for_command(committee_id)

    def _write(self, output: str, content: bytes) -> None:
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output} cannot be written: {error.strerror}.") from None
