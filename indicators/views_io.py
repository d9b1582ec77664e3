"""Pages that move data in and out: the figures export and the governance team's import upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render

from cyp.bodies import BodyQuarter, body_for, body_or_none
from cyp.models import Committee, Quarter
from indicators.exports import (
    CSV_CONTENT_TYPE,
    TABLES,
    XLSX_CONTENT_TYPE,
    export_csv,
    export_filename,
    export_xlsx,
    quarter_export,
)
from indicators.forms import ImportForm
from indicators.imports import ImportKind, ImportRejected, sheets_for, template_csv, template_xlsx
from indicators.imports.templates import template_columns
from indicators.services import spreadsheet_import

KIND_VALUES = {kind.value for kind in ImportKind}
#: How many problems the page lists; the count says how many more there are.
PROBLEMS_SHOWN = 200


@login_required
def export_quarter(request, quarter: Quarter, committee: Committee | None = None):
    """The body's figures of the quarter as CSV (the default) or Excel (?format=xlsx), for anyone who may view it.

    As CSV, ``?table=benchmarks`` or ``?table=breakdowns`` is that table instead, one line per comparator or
    category (the workbook has them as its other sheets: ``indicators.exports``).
    """
    committee = body_for(request, committee)
    if not request.user.has_perm("indicators.export_quarter", BodyQuarter(committee=committee, quarter=quarter)):
        raise PermissionDenied
    export_format = request.GET.get("format", "csv")
    if export_format not in ("csv", "xlsx"):
        return HttpResponseBadRequest("Choose format=csv or format=xlsx.", content_type="text/plain")
    table = request.GET.get("table", "")
    if table and (table not in TABLES or export_format != "csv"):
        return HttpResponseBadRequest(
            "Choose table=benchmarks or table=breakdowns, with format=csv (the workbook has both as sheets).",
            content_type="text/plain",
        )
    rows = quarter_export(committee=committee, quarter=quarter, viewer=request.user)
    if export_format == "xlsx":
        response = HttpResponse(export_xlsx(rows, title=quarter.slug), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(export_csv(rows, byte_order_mark=True, table=table), content_type=CSV_CONTENT_TYPE)
    filename = export_filename(quarter, export_format)
    if table:
        filename = filename.replace("-figures-", f"-{table}-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def import_upload(request):
    """Upload a file of indicators, targets or figures: the summary, or every problem and nothing written."""
    if not request.user.has_perm("indicators.import_data"):
        raise PermissionDenied
    if "template" in request.GET:
        return _template_download(request.GET["template"], request.GET.get("format", "csv"))
    rejected = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                summary = spreadsheet_import(
                    kind=form.cleaned_data["kind"],
                    committee=body_for(request),
                    data=upload.read(),
                    filename=upload.name,
                    by=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ImportRejected as error:
                rejected = error
            else:
                messages.success(request, summary.headline)
                for note in summary.notes:
                    messages.info(request, note)
                for warning in summary.warnings:
                    messages.warning(request, f"Warning: {warning}")
                return redirect(f"{request.path}?kind={summary.kind.value}")
    else:
        kind = request.GET.get("kind")
        form = ImportForm(initial={"kind": kind if kind in KIND_VALUES else ImportKind.FIGURES.value})
    return render(
        request,
        "indicators/import.html",
        {
            "form": form,
            "rejected": rejected,
            "problems": rejected.problems[:PROBLEMS_SHOWN] if rejected else [],
            "problems_hidden": max(0, len(rejected.problems) - PROBLEMS_SHOWN) if rejected else 0,
            "problems_have_sheets": any(problem.sheet for problem in rejected.problems) if rejected else False,
            "kinds": [
                {
                    "kind": kind,
                    "sheets": [{"sheet": sheet, "columns": template_columns(sheet)} for sheet in sheets_for(kind)],
                }
                for kind in ImportKind
            ],
            "committee": body_or_none(request),
        },
    )


def _template_download(kind: str, template_format: str) -> HttpResponse:
    """The import's template: CSV (its own sheet) or Excel (every sheet and the Read me), with example rows."""
    if kind not in KIND_VALUES or template_format not in ("csv", "xlsx"):
        raise Http404("No such template")
    if template_format == "xlsx":
        response = HttpResponse(template_xlsx(kind), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse("\ufeff" + template_csv(kind), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="cyp-{kind}-template.{template_format}"'
    return response
