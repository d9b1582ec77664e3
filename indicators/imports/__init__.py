"""Importing the performance team's spreadsheets: indicators, targets and figures.

``reading`` turns a CSV or Excel file into rows; ``catalogue``, ``targets`` and
``figures`` check every row (``plan``) and write them (``apply``). The whole file is
checked before anything is written; ``indicators.services.spreadsheet_import`` runs
both in one transaction and records the audit event.
"""

from cyp.cells import csv_text
from indicators.imports import catalogue, figures, targets
from indicators.imports.base import Column, ImportKind, ImportRejected, ImportSummary, Problem

MODULES = {ImportKind.INDICATORS: catalogue, ImportKind.TARGETS: targets, ImportKind.FIGURES: figures}


def columns_for(kind: ImportKind | str) -> list[Column]:
    return MODULES[ImportKind(kind)].COLUMNS


def template_csv(kind: ImportKind | str) -> str:
    """The heading row of an import, for a blank template to fill in."""
    return csv_text([[column.name for column in columns_for(kind)]])


__all__ = ["Column", "ImportKind", "ImportRejected", "ImportSummary", "Problem", "columns_for", "template_csv"]
