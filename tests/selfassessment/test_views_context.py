"""Governance edits Parts A and B on a page: every list, recorded in the audit log, nothing lost on an error."""

from django.urls import reverse

from cyp.audit import audit_events_for
from selfassessment.enums import SummaryKind
from selfassessment.forms_context import context_forms
from tests.selfassessment.factories import SummaryItemFactory


def _post_data(document, **overrides):
    """What the page posts when nothing is typed (every field as rendered), with ``overrides`` applied."""
    cover, formsets = context_forms(document)
    data = {}
    forms = [cover]
    for formset in formsets.values():
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        forms += formset.forms
    for form in forms:
        for bound in form:
            if bound.name == "DELETE":
                continue
            value = bound.value()
            data[bound.html_name] = "" if value is None else value
    data.update(overrides)
    return data


def test_governance_adds_a_key_person_and_changes_the_local_area(client, governance, document):
    SummaryItemFactory(document=document, kind=SummaryKind.RISK, text="Budget pressure")
    client.force_login(governance)
    url = reverse("selfassessment:context", kwargs={"document_id": document.pk})
    data = _post_data(
        document,
        local_area="Cambridgeshire's population grows fast.",
        **{
            "people-0-position": "0",
            "people-0-post": "Chief Executive",
            "people-0-name": "Gillian Beasley",
            "people-0-start_as_printed": "November 2015",
        },
    )

    response = client.post(url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.local_area == "Cambridgeshire's population grows fast."
    assert [(p.post, p.name) for p in document.key_people.all()] == [("Chief Executive", "Gillian Beasley")]
    changes = audit_events_for(document).last().changes
    assert changes["key people"] == [0, 1]
    assert changes["local_area"] == [
        "Cambridgeshire has a growing population.",
        "Cambridgeshire's population grows fast.",
    ]


def test_an_error_saves_nothing_names_the_field_and_keeps_the_text(client, governance, document):
    client.force_login(governance)
    url = reverse("selfassessment:context", kwargs={"document_id": document.pk})
    data = _post_data(
        document,
        local_area="Kept text",
        **{"people-0-position": "0", "people-0-post": "", "people-0-name": "Nobody's post"},
    )

    response = client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page and "Kept text" in page and "Nobody&#x27;s post" in page
    document.refresh_from_db()
    assert document.local_area == "Cambridgeshire has a growing population."


def test_a_signed_off_document_cannot_be_edited(client, governance, document):
    document.status = "signed_off"
    document.save()
    client.force_login(governance)

    assert client.get(reverse("selfassessment:context", kwargs={"document_id": document.pk})).status_code == 403
