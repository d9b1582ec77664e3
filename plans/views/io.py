"""Import and export of a plan as an XLSX workbook (the governance team)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from cyp.words import counted
from plans.forms import ImportForm
from plans.imports import plan_import
from plans.models import Action
from plans.selectors import actions_with_state
from plans.views.plans import plan_or_404
from plans.xlsx import plan_xlsx_read, plan_xlsx_write

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def plan_export(request, plan_id):
    plan = plan_or_404(request, plan_id)
    if not request.user.has_perm("plans.export_plan", plan):
        raise PermissionDenied
    states = actions_with_state(Action.objects.filter(plan=plan).order_by("position", "id"), on=timezone.localdate())
    response = HttpResponse(plan_xlsx_write(plan=plan, states=states), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title)}.xlsx"'
    return response


@login_required
def plan_import_upload(request, plan_id):
    plan = plan_or_404(request, plan_id)
    if not request.user.has_perm("plans.import_plan", plan):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            parsed = plan_xlsx_read(upload.read(), name=upload.name)
            result = plan_import(
                plan=plan,
                parsed=parsed,
                by=request.user,
                as_at=form.cleaned_data["as_at"],
                filename=upload.name,
                check_only=form.cleaned_data["check_only"],
            )
            if result.written:
                messages.success(
                    request,
                    f"Imported {upload.name}: {counted(len(result.created), 'action')} created, "
                    f"{len(result.changed)} changed, {counted(len(result.progress), 'progress update')} approved.",
                )
                return redirect("plans:plan_detail", plan_id=plan.pk)
    else:
        form = ImportForm()
    return render(request, "plans/plan_import.html", {"plan": plan, "form": form, "result": result})
