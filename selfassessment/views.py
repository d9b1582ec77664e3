"""The self-assessments list, a document's page, its downloads, the comparison, next year's start, context
tables from the catalogue and areas for improvement made plan actions. Sections: ``views_review``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cyp.bodies import body_for, body_visible_or_404
from cyp.models import Committee
from cyp.rules import is_governance_or_admin, visible_body_ids
from cyp.workflow import review_actions_for
from indicators.models import Indicator
from reports.render.pdf_layout import PackRenderError
from reports.services import files
from selfassessment.actions import area_to_action
from selfassessment.documents import (
    document_context_save,
    document_start,
    document_start_next,
    table_add_from_catalogue,
)
from selfassessment.enums import SummaryKind
from selfassessment.forms import AreaActionForm, CatalogueTableForm, NextYearForm, StartForm
from selfassessment.forms_context import context_forms
from selfassessment.models import EvidenceFile, SelfAssessment, SelfAssessmentVersion, SummaryItem, Template
from selfassessment.render import document_docx, document_html, document_pdf
from selfassessment.rules import is_director
from selfassessment.selectors import document_comparison, document_for_page, document_outline, documents_for

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def document_or_404(request, document_id: int, *, perm: str = "selfassessment.view_selfassessment") -> SelfAssessment:
    """The document, 404 to anyone who does not see its body, 403 without ``perm``."""
    try:
        document = document_for_page(document_id=document_id)
    except SelfAssessment.DoesNotExist:
        raise Http404("No such self-assessment") from None
    body_visible_or_404(request, document.committee)
    if not request.user.has_perm("selfassessment.view_selfassessment", document):
        raise Http404("No such self-assessment")
    if not request.user.has_perm(perm, document):
        raise PermissionDenied
    return document


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def document_list(request, committee=None):
    """The body's self-assessments (``/bodies/<slug>/self-assessments/``; without a body in the address,
    the person's body), and for governance the form that starts a first one from a template."""
    committee = body_for(request, committee)
    if not request.user.has_perm("selfassessment.view_list"):
        raise PermissionDenied
    documents = documents_for(user=request.user, committee=committee)
    start_form = None
    if is_governance_or_admin(request.user):
        bodies = Committee.objects.filter(pk__in=visible_body_ids(request.user))
        start_form = StartForm(
            request.POST or None,
            templates=Template.objects.order_by("programme"),
            bodies=bodies,
            initial={"committee": committee, "local_authority": committee.council},
        )
        if request.method == "POST" and start_form.is_valid():
            data = start_form.cleaned_data
            try:
                document = document_start(
                    committee=data["committee"],
                    template=data["template"],
                    start_year=data["start_year"],
                    date_as_printed=data["date_as_printed"],
                    local_authority=data["local_authority"],
                    by=request.user,
                )
            except ValidationError as error:
                _errors_to_form(start_form, error)
            else:
                messages.success(request, f"{document} started: assign its sections to their authors.")
                return redirect("selfassessment:detail", document_id=document.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "selfassessment/list.html",
        {"documents": documents, "start_form": start_form, "committee": committee},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def document_detail(request, document_id):
    document = document_or_404(request, document_id)
    outline = document_outline(document=document, user=request.user)
    sections = [
        (view, [a.value for a in review_actions_for(obj=view.section, by=request.user)]) for view in outline.sections
    ]
    versions = list(document.versions.select_related("published_by").order_by("-number"))
    approved = sum(1 for view in outline.sections if view.section.state == "approved")
    return render(
        request,
        "selfassessment/detail.html",
        {
            "document": document,
            "outline": outline,
            "sections": sections,
            "versions": versions,
            "approved": approved,
            "can_draft": request.user.has_perm("selfassessment.view_draft", document),
            "can_sign": is_director(request.user)
            and request.user.has_perm("selfassessment.signoff_selfassessment", document),
            "next_form": NextYearForm(),
        },
    )


@login_required
def document_download(request, document_id, kind):
    """The current text as DOCX, PDF or HTML (staff: drafts too). Published versions: ``version_download``."""
    document = document_or_404(request, document_id, perm="selfassessment.view_draft")
    if kind not in CONTENT_TYPES:
        raise Http404("No such format")
    outline = document_outline(document=document, user=request.user)
    if kind == "docx":
        data = document_docx(outline)
    elif kind == "pdf":
        try:
            data = document_pdf(outline)
        except PackRenderError as error:
            messages.error(request, str(error))
            return redirect("selfassessment:detail", document_id=document.pk)
    else:
        data = document_html(outline).encode("utf-8")
    return _file_response(data, kind, f"self-assessment-{document.year.label.replace('/', '-')}-draft")


@login_required
def version_download(request, document_id, number, kind):
    document = document_or_404(request, document_id)
    version = get_object_or_404(SelfAssessmentVersion, document=document, number=number)
    paths = {"docx": version.docx_path, "pdf": version.pdf_path, "html": version.html_path}
    if kind not in paths:
        raise Http404("No such format")
    stem = f"self-assessment-{document.year.label.replace('/', '-')}-v{version.number}"
    return _file_response(files.read(paths[kind]), kind, stem)


def _file_response(data: bytes, kind: str, stem: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    disposition = "inline" if kind in ("pdf", "html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    if kind == "html":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
def document_compare(request, document_id):
    document = document_or_404(request, document_id, perm="selfassessment.view_draft")
    comparison = document_comparison(document=document)
    show_all = request.GET.get("show") == "all"
    return render(
        request,
        "selfassessment/compare.html",
        {
            "document": document,
            "comparison": comparison,
            "texts": comparison.texts if show_all else comparison.changed,
            "show_all": show_all,
        },
    )


@login_required
@require_POST
def document_next(request, document_id):
    document = document_or_404(request, document_id, perm="selfassessment.start_next")
    form = NextYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date on the cover of next year's document, for example “August 2018”.")
        return redirect("selfassessment:detail", document_id=document.pk)
    try:
        new = document_start_next(
            document=document, by=request.user, date_as_printed=form.cleaned_data["date_as_printed"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("selfassessment:detail", document_id=document.pk)
    messages.success(request, f"{new} started from {document}: every text and area for improvement carried forward.")
    return redirect("selfassessment:detail", document_id=new.pk)


@login_required
def table_add(request, document_id):
    document = document_or_404(request, document_id, perm="selfassessment.change_selfassessment")
    indicators = list(Indicator.objects.filter(committee=document.committee).order_by("number"))
    form = CatalogueTableForm(request.POST or None, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            table_add_from_catalogue(
                document=document,
                indicator=form.indicators[form.cleaned_data["indicator"]],
                by=request.user,
                periods=form.cleaned_data["periods"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Context table added: its figures are read from the indicator catalogue.")
            return redirect("selfassessment:detail", document_id=document.pk)
    return render(request, "selfassessment/table_add.html", {"document": document, "form": form})


@login_required
def area_action(request, document_id, item_id):
    document = document_or_404(request, document_id, perm="selfassessment.create_action")
    item = get_object_or_404(
        SummaryItem.objects.select_related("plan_action"),
        pk=item_id,
        document=document,
        kind__in=[SummaryKind.IMPROVE, SummaryKind.REGIONAL, SummaryKind.PROGRESS],
    )
    form = AreaActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = area_to_action(
                item=item,
                by=request.user,
                responsible_user=data["responsible_user"],
                responsible_post=data["responsible_post"],
                due_date=data["due_date"],
                success_criteria=form.criteria(),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, f"The area for improvement is now action {action.number} of “{action.plan.title}”."
            )
            return redirect("plans:action_detail", action_id=action.pk)
    return render(request, "selfassessment/area_action.html", {"document": document, "item": item, "form": form})


@login_required
def document_context(request, document_id):
    """Edit Parts A and B: the cover, the context and every list (the governance team, on a draft)."""
    document = document_or_404(request, document_id, perm="selfassessment.change_selfassessment")
    cover, formsets = context_forms(document, request.POST or None)
    if request.method == "POST":
        if cover.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            document_context_save(document=document, by=request.user, cover=cover, formsets=formsets)
            messages.success(request, "Parts A and B saved.")
            return redirect("selfassessment:detail", document_id=document.pk)
        messages.error(request, "Nothing was saved: correct the fields marked below. Everything you typed is kept.")
    lists = [(name, _list_heading(name), formset) for name, formset in formsets.items()]
    return render(
        request,
        "selfassessment/context.html",
        {"document": document, "cover": cover, "lists": lists},
        status=400 if request.method == "POST" else 200,
    )


def _list_heading(name: str) -> str:
    headings = {"key_people": "Part A 1. Key personnel in post", "key_documents": "Part A 2. Key documents"}
    headings["inspections"] = "Part B 1.4 Reviews, evaluations and inspections"
    return headings.get(name) or f"Part B {SummaryKind(name).label}"


@login_required
def evidence_download(request, document_id, file_id):
    """An uploaded evidence document (staff of the body): the cleaned PDF cyp stored, never the upload itself."""
    document = document_or_404(request, document_id, perm="selfassessment.view_draft")
    evidence = get_object_or_404(EvidenceFile, pk=file_id, block__section__document=document)
    response = _file_response(files.read(evidence.path), "pdf", f"evidence-{evidence.pk}")
    return response
