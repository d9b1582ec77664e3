"""Writes to the indicator catalogue, targets and figures."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from cyp.audit import audit_record
from cyp.enums import AuditAction
from cyp.models import Committee
from indicators.imports import MODULES, ImportKind, ImportRejected, ImportSummary, Problem
from indicators.imports.reading import read_table

IMPORT_AUDIT_ACTION = {
    ImportKind.INDICATORS: AuditAction.IMPORT_INDICATORS,
    ImportKind.TARGETS: AuditAction.IMPORT_TARGETS,
    ImportKind.FIGURES: AuditAction.IMPORT_FIGURES,
}


def spreadsheet_import(
    *,
    kind: ImportKind | str,
    committee: Committee,
    data: bytes,
    filename: str,
    by=None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import a CSV or Excel file of indicators, targets or figures, all of it or none of it.

    Steps: read the file; check every row against the catalogue (every problem is
    collected, with its line and column); then, in one transaction, create or update
    the rows and record one audit event ``import.<kind>`` with the counts, by ``by``
    (None for a management command). On a dry run the writes are rolled back and no
    event is recorded, so the summary says exactly what an import would do.

    Side effects: indicators (with new service areas and their useful links), targets
    (with new financial years and their four quarters) or figures are created or
    updated; django-simple-history records each saved row.

    Raises ImportRejected, having written nothing, when the file or any row is wrong.
    """
    kind = ImportKind(kind)
    module = MODULES[kind]
    table = read_table(data=data, filename=filename, kind=kind, columns=module.COLUMNS)
    summary = ImportSummary(kind=kind, filename=filename, rows=len(table.rows), dry_run=dry_run)
    try:
        with transaction.atomic():
            plans, summary.warnings = module.plan(table=table, committee=committee)
            summary.created, summary.updated, summary.unchanged, summary.notes = module.apply(
                plans=plans, committee=committee
            )
            if dry_run:
                transaction.set_rollback(True)
            else:
                audit_record(
                    action=IMPORT_AUDIT_ACTION[kind],
                    target=committee,
                    actor=by,
                    changes={"file": [None, filename], **{name: [None, n] for name, n in summary.counts().items()}},
                    comment="\n".join(summary.lines()),
                )
    except IntegrityError:
        # Someone else wrote the same rows between the check and the write.
        raise ImportRejected(
            [Problem("the data changed while this file was being imported, so nothing was written. Try again.")],
            table.warnings,
        ) from None
    return summary
