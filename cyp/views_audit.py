"""The audit log page for the governance team (``/audit/``): newest first, in words, filtered, exported."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from cyp.audit_log import (
    EXPORT_HEADER,
    EXPORT_LIMIT,
    PAGE_SIZE,
    AuditFilter,
    action_choices,
    actor_words,
    audit_actors,
    audit_export_rows,
    audit_log_events,
    audit_sentence,
    changes_words,
    when_words,
)
from cyp.bodies import bodies_visible
from cyp.cells import csv_text, xlsx_append


class AuditLogFilterForm(forms.Form):
    body = forms.ChoiceField(label="Committee, board or panel", required=False)
    action = forms.ChoiceField(label="Kind of action", required=False)
    actor = forms.ChoiceField(label="Person", required=False)
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, bodies, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {body.slug: body for body in bodies}
        self.actors = {str(person.pk): person for person in actors}
        self.fields["body"].choices = [("", "Every body"), *((body.slug, body.name) for body in bodies)]
        self.fields["action"].choices = [("", "Every kind"), *action_choices()]
        self.fields["actor"].choices = [("", "Everyone"), *((pk, str(person)) for pk, person in self.actors.items())]
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", f"To must be on or after From ({start:%d/%m/%Y}): change one of the dates.")
        return data

    def chosen(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            body=self.bodies.get(data.get("body") or ""),
            action=data.get("action") or "",
            actor=self.actors.get(data.get("actor") or ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


def _form(request) -> AuditLogFilterForm:
    return AuditLogFilterForm(request.GET or None, bodies=bodies_visible(request.user), actors=list(audit_actors()))


@login_required
def audit_log(request):
    if not request.user.has_perm("cyp.view_audit_log"):
        raise PermissionDenied
    form = _form(request)
    events = audit_log_events(chosen=form.chosen())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "event": event,
            "sentence": audit_sentence(event),
            "who": actor_words(event),
            "when": when_words(event),
            "changes": changes_words(event),
        }
        for event in page.object_list
    ]
    query = [(name, value) for name, value in request.GET.items() if name != "page" and value]
    return render(
        request,
        "cyp/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filtered": bool(query),
            "query": urlencode(query),
            "export_limit": EXPORT_LIMIT,
        },
    )


@login_required
def audit_log_export(request, file_format: str):
    """The filtered log as CSV or XLSX, newest first, at most EXPORT_LIMIT rows."""
    if not request.user.has_perm("cyp.view_audit_log"):
        raise PermissionDenied
    form = _form(request)
    events = audit_log_events(chosen=form.chosen())[:EXPORT_LIMIT]
    rows = audit_export_rows(events.iterator(chunk_size=2000))
    if file_format == "csv":
        response = HttpResponse(csv_text([EXPORT_HEADER, *rows], byte_order_mark=True), content_type="text/csv")
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Audit log")
        xlsx_append(sheet, EXPORT_HEADER, font=Font(bold=True))
        for row in rows:
            xlsx_append(sheet, row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="cyp-audit-log.{file_format}"'
    return response
