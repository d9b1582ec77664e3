from indicators.imports.base import ImportKind
from indicators.imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import targets from a CSV or Excel file. Every row is checked first; one bad row means nothing "
        "is written, and every problem is listed with its line and column."
    )
    kind = ImportKind.TARGETS
