"""A section's page (write, submit), its review (return, approve, reopen), assignment and evidence; the
director's sign-off and publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cyp.enums import ReviewAction, ReviewState
from cyp.workflow import ConcurrentChange, TransitionError, review_readonly_reason
from indicators.models import Indicator
from plans.models import Action
from reports.render.pdf_layout import PackRenderError
from selfassessment.forms import AssignForm, EvidenceForm, ReviewForm, SectionForm
from selfassessment.models import Section
from selfassessment.selectors import section_for_page, section_reviews, section_timeline
from selfassessment.services import (
    document_publish,
    document_sign_off,
    evidence_upload,
    section_assign,
    section_review,
    section_save,
    section_withdraw,
)
from selfassessment.views import _errors_to_form, document_or_404

#: The states in which a section's author writes it (the MOVES table allows a save).
EDITABLE_STATES = (ReviewState.NOT_STARTED, ReviewState.DRAFT, ReviewState.RETURNED)


def section_or_404(request, document_id: int, number: int) -> Section:
    document = document_or_404(request, document_id, perm="selfassessment.view_draft")
    try:
        section = section_for_page(document=document, number=number)
    except Section.DoesNotExist:
        raise Http404("No such section") from None
    section.document = document
    return section


def _link_choices(section):
    """The indicators and plan actions of the document's body a box may link to."""
    committee_id = section.document.committee_id
    indicators = Indicator.objects.filter(committee_id=committee_id).order_by("number")
    actions = Action.objects.filter(plan__committee_id=committee_id, plan__archived=False).select_related("plan")
    return {"indicators": indicators, "actions": actions.order_by("plan_id", "position")}


def _section_context(request, section, *, form=None, review_form=None, evidence_form=None, status_note=""):
    blocks = list(section.blocks.all())
    writes_it = request.user.has_perm("selfassessment.save_section", section)
    # Submitted, approved or locked: its author reads it as text with the reason, never a form that looks editable.
    can_write = writes_it and not section.locked and section.state in EDITABLE_STATES
    if form is None and can_write:
        initial = {"version": section.version}
        for block in blocks:
            initial.update(
                {
                    f"summary_{block.pk}": block.summary,
                    f"evidence_{block.pk}": block.evidence,
                    f"grade_{block.pk}": block.grade,
                    f"indicators_{block.pk}": [i.pk for i in block.indicators.all()],
                    f"actions_{block.pk}": [a.pk for a in block.plan_actions.all()],
                }
            )
        form = SectionForm(initial=initial, blocks=blocks, **_link_choices(section))
    events = section_timeline(section=section)
    reviews = section_reviews(section=section, user=request.user)
    can_withdraw = "withdraw" in reviews
    return {
        "document": section.document,
        "section": section,
        "blocks": blocks,
        "form": form if can_write else None,
        "reviews": [r for r in reviews if r in ("approve", "return", "reopen")],
        "review_form": review_form or ReviewForm(initial={"version": section.version}),
        "assign_form": AssignForm(initial={"author": section.author_id})
        if request.user.has_perm("selfassessment.assign_section", section)
        else None,
        "evidence_form": evidence_form
        or (EvidenceForm(blocks=blocks) if request.user.has_perm("selfassessment.upload_evidence", section) else None),
        "events": events,
        "has_files": any(block.files.all() for block in blocks),
        "readonly_reason": review_readonly_reason(obj=section, can_withdraw=can_withdraw)
        if writes_it and not can_write
        else "",
        "can_withdraw": can_withdraw,
        "status_note": status_note,
    }


@login_required
def section_detail(request, document_id, number):
    """The section: its statements and boxes; its author writes, saves and submits here."""
    section = section_or_404(request, document_id, number)
    if request.method == "POST":
        if not request.user.has_perm("selfassessment.save_section", section):
            raise PermissionDenied
        form = SectionForm(request.POST, blocks=list(section.blocks.all()), **_link_choices(section))
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                section_save(
                    section=section,
                    by=request.user,
                    blocks=form.block_values(),
                    expected_version=form.cleaned_data["version"],
                    submit=submit,
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            except ConcurrentChange as error:
                form.add_error(None, f"{error} Saving again saves your text over theirs.")
                # Saving again knowingly saves over their version (as progress updates do).
                form.data = form.data.copy()
                form.data["version"] = Section.objects.values_list("version", flat=True).get(pk=section.pk)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"Section {section.number} submitted to the governance team."
                    if submit
                    else f"Section {section.number} saved as a draft. Submit it when it is ready.",
                )
                return redirect("selfassessment:section", document_id=section.document_id, number=section.number)
        return render(request, "selfassessment/section.html", _section_context(request, section, form=form), status=400)
    return render(request, "selfassessment/section.html", _section_context(request, section))


@login_required
@require_POST
def section_withdraw_view(request, document_id, number):
    """The author takes a submitted section back before review, to change it (``selfassessment.withdraw_section``)."""
    section = section_or_404(request, document_id, number)
    if not request.user.has_perm("selfassessment.withdraw_section", section):
        raise PermissionDenied
    version = request.POST.get("version", "")
    try:
        section_withdraw(section=section, by=request.user, expected_version=int(version) if version.isdigit() else None)
    except (TransitionError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Section {section.number} withdrawn from review: it is a draft again.")
    return redirect("selfassessment:section", document_id=section.document_id, number=section.number)


@login_required
@require_POST
def section_review_view(request, document_id, number):
    section = section_or_404(request, document_id, number)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        if "decision" in form.errors:
            messages.error(request, "Choose approve, return or reopen.")
            return redirect("selfassessment:section", document_id=section.document_id, number=section.number)
        decision = form.cleaned_data["decision"]
        if not request.user.has_perm(f"selfassessment.{decision}_section", section):
            raise PermissionDenied
        return render(
            request, "selfassessment/section.html", _section_context(request, section, review_form=form), status=400
        )
    decision = form.cleaned_data["decision"]
    if not request.user.has_perm(f"selfassessment.{decision}_section", section):
        raise PermissionDenied
    try:
        section_review(
            section=section,
            action=ReviewAction(decision),
            by=request.user,
            comment=form.cleaned_data["comment"] or "",
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        form.add_error(
            "comment", " ".join(error.messages).replace("Write a comment", f"To {decision} it, write a comment")
        )
        return render(
            request, "selfassessment/section.html", _section_context(request, section, review_form=form), status=400
        )
    except (TransitionError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        past = {"approve": "approved", "return": "returned to its author", "reopen": "reopened"}[decision]
        messages.success(request, f"Section {section.number} {past}.")
    return redirect("selfassessment:section", document_id=section.document_id, number=section.number)


@login_required
@require_POST
def section_assign_view(request, document_id, number):
    section = section_or_404(request, document_id, number)
    if not request.user.has_perm("selfassessment.assign_section", section):
        raise PermissionDenied
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a service lead from the list.")
    else:
        try:
            section_assign(section=section, author=form.cleaned_data["author"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Section {section.number} assigned.")
    return redirect("selfassessment:section", document_id=section.document_id, number=section.number)


@login_required
@require_POST
def evidence_upload_view(request, document_id, number):
    section = section_or_404(request, document_id, number)
    if not request.user.has_perm("selfassessment.upload_evidence", section):
        raise PermissionDenied
    blocks = list(section.blocks.all())
    form = EvidenceForm(request.POST, request.FILES, blocks=blocks)
    if form.is_valid():
        block = next(b for b in blocks if b.pk == form.cleaned_data["block"])
        upload = form.cleaned_data["file"]
        try:
            evidence_upload(
                block=block, by=request.user, title=form.cleaned_data["title"], name=upload.name, data=upload.read()
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(
                request, f"“{form.cleaned_data['title']}” added to the evidence of section {section.number}."
            )
            return redirect("selfassessment:section", document_id=section.document_id, number=section.number)
    return render(
        request, "selfassessment/section.html", _section_context(request, section, evidence_form=form), status=400
    )


@login_required
@require_POST
def document_sign_off_view(request, document_id):
    document = document_or_404(request, document_id, perm="selfassessment.signoff_selfassessment")
    try:
        document_sign_off(document=document, by=request.user, comment=request.POST.get("comment", "")[:4000])
    except (ValidationError, TransitionError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"{document} signed off. The governance team can now publish it.")
    return redirect("selfassessment:detail", document_id=document.pk)


@login_required
@require_POST
def document_publish_view(request, document_id):
    document = document_or_404(request, document_id, perm="selfassessment.publish_selfassessment")
    try:
        version = document_publish(document=document, by=request.user)
    except (ValidationError, PackRenderError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"Version {version.number} published. SHA-256 of the DOCX: {version.sha256}.")
    return redirect("selfassessment:detail", document_id=document.pk)
