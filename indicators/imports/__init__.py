"""Importing the performance team's spreadsheets: indicators, targets and figures.

``reading`` turns a CSV or Excel file into rows; ``catalogue``, ``targets`` and
``figures`` check every row (``plan``) and write them (``apply``). The whole file is
checked before anything is written; ``indicators.services.spreadsheet_import`` runs
both in one transaction and records the audit event. ``columns`` defines every column
once; ``templates`` writes the templates and the column lists from it.
"""

from indicators.imports import catalogue, figures, targets
from indicators.imports.base import Column, ImportKind, ImportRejected, ImportSummary, Problem, Sheet
from indicators.imports.columns import main_sheet, sheets_for
from indicators.imports.templates import columns_markdown, template_csv, template_xlsx

MODULES = {ImportKind.INDICATORS: catalogue, ImportKind.TARGETS: targets, ImportKind.FIGURES: figures}


def columns_for(kind: ImportKind | str) -> list[Column]:
    return main_sheet(kind).columns


__all__ = [
    "Column",
    "ImportKind",
    "ImportRejected",
    "ImportSummary",
    "Problem",
    "Sheet",
    "columns_for",
    "columns_markdown",
    "sheets_for",
    "template_csv",
    "template_xlsx",
]
