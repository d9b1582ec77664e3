"""A lead marks a return's figure "not available" (the source system could not produce it): the form, the
preview, the checks, the read-only page, approval to the figure, and the database's rules."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from commentary.checks import availability_problems
from commentary.models import Return
from commentary.selectors import return_row
from commentary.services import return_approve, return_problems, return_save, return_submit
from cyp.enums import ReviewState
from indicators.models import Figure
from indicators.reporting import NOT_AVAILABLE
from tests.commentary.factories import ReturnFactory
from tests.commentary.test_views import form_data
from tests.factories import IndicatorFactory
from tests.indicators.test_views_dashboard import dashboard_url

WORDS = "Not available: the source system could not produce this figure"
JUNE_END = datetime.date(2024, 6, 30)


def not_available_data(ret, **changes):
    return form_data(
        ret, **{"value": "", "not_available": "on", "not_available_reason": "Case system upgrade", **changes}
    )


@pytest.fixture
def unavailable_ret(indicator, quarter, target, previous_figure):
    """A draft return of the lead's area marked not available, with a reason a browser must escape."""
    return ReturnFactory(
        indicator=indicator, quarter=quarter, value=None, not_available=True, not_available_reason="Case <system>"
    )


# --- The database -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_applies_on_postgresql_and_keeps_existing_returns(indicator, quarter):
    assert connection.vendor == "postgresql"
    ret = ReturnFactory(indicator=indicator, quarter=quarter)
    executor = MigrationExecutor(connection)
    executor.migrate([("commentary", "0002_text_limits")])
    executor = MigrationExecutor(connection)
    executor.migrate([("commentary", "0003_return_not_available")])

    stored = Return.objects.get(pk=ret.pk)
    assert (stored.not_available, stored.not_available_reason, stored.value) == (False, "", Decimal("78.9"))
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Return._meta.db_table)
        history_columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, "commentary_historicalreturn")
        }
    assert {
        "return_approved_is_complete",
        "return_not_available_has_no_value",
        "return_not_available_or_not_updated",
    } <= {name for name, constraint in constraints.items() if constraint["check"]}
    assert {"not_available", "not_available_reason"} <= history_columns


def test_the_database_refuses_a_value_beside_not_available(ret):
    with pytest.raises(IntegrityError, match="return_not_available_has_no_value"), transaction.atomic():
        Return.objects.filter(pk=ret.pk).update(not_available=True)


def test_the_database_refuses_not_available_and_not_updated_together(unavailable_ret):
    with pytest.raises(IntegrityError, match="return_not_available_or_not_updated"), transaction.atomic():
        Return.objects.filter(pk=unavailable_ret.pk).update(not_updated=True, not_updated_reason="Late")


def test_the_database_takes_an_approved_return_not_available_without_a_value(unavailable_ret):
    Return.objects.filter(pk=unavailable_ret.pk).update(state=ReviewState.APPROVED)

    assert Return.objects.get(pk=unavailable_ret.pk).state == ReviewState.APPROVED


# --- The check ------------------------------------------------------------------------------------


def test_a_return_not_available_passes_the_checks_with_no_value(unavailable_ret):
    assert return_problems(ret=unavailable_ret) == []


def test_x_and_y_beside_not_available_are_refused_naming_both_fields_and_the_fix(unavailable_ret):
    unavailable_ret.numerator, unavailable_ret.denominator = Decimal(3), Decimal(4)

    assert [(problem.field, problem.message) for problem in return_problems(ret=unavailable_ret)] == [
        (
            "numerator",
            "Indicator 11: the figure is marked not available, so it has no numerator (X): clear the numerator (X), "
            "or untick “not available”.",
        ),
        (
            "denominator",
            "Indicator 11: the figure is marked not available, so it has no denominator (Y): clear the denominator "
            "(Y), or untick “not available”.",
        ),
    ]


def test_content_without_the_field_is_never_not_available(ret):
    assert availability_problems(content=object()) == []


# --- The form -------------------------------------------------------------------------------------


def test_the_editor_offers_not_available_beside_not_updated_labelled_and_described(as_persona, ret):
    html = as_persona("lead").get(reverse("return_edit", kwargs={"pk": ret.pk})).content.decode()

    assert (
        '<label class="form-check-label" for="id_not_available">Not available (the source system could not '
        "produce this figure)</label>"
    ) in html
    assert '<label class="form-label" for="id_not_available_reason">Why not available (optional)</label>' in html
    assert 'aria-describedby="id_not_available_reason_helptext"' in html
    assert 'id="id_not_available_reason_helptext"' in html
    assert 'aria-describedby="id_not_available_helptext"' in html and 'id="id_not_available_helptext"' in html
    assert html.index('id="id_not_updated"') < html.index('id="id_not_available"') < html.index('id="id_sn_mean"')


def test_the_form_round_trip_stores_not_available_and_shows_it_again(as_persona, ret):
    client = as_persona("lead")

    response = client.post(reverse("return_edit", kwargs={"pk": ret.pk}), not_available_data(ret))

    assert response.status_code == 302
    stored = Return.objects.get(pk=ret.pk)
    assert (stored.not_available, stored.not_available_reason, stored.value, stored.not_updated) == (
        True,
        "Case system upgrade",
        None,
        False,
    )
    html = client.get(reverse("return_edit", kwargs={"pk": ret.pk})).content.decode()
    assert 'name="not_available" class="form-check-input" aria-describedby="id_not_available_helptext" ' in html
    assert 'id="id_not_available" checked' in html
    assert 'value="Case system upgrade"' in html


def test_unticking_not_available_and_giving_a_value_makes_it_available_again(as_persona, unavailable_ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": unavailable_ret.pk}), form_data(unavailable_ret, value="78.9")
    )

    assert response.status_code == 302
    stored = Return.objects.get(pk=unavailable_ret.pk)
    assert (stored.not_available, stored.value) == (False, Decimal("78.9"))


def test_a_value_typed_with_the_box_ticked_cannot_be_saved_and_keeps_everything_typed(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}),
        not_available_data(ret, value="81.2", numerator="", commentary="My careful words."),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Current value: The figure is marked not available, so it has no value: clear the value, or untick "
        "“not available”."
    ) in html
    assert 'value="81.2"' in html and "My careful words." in html and 'value="Case system upgrade"' in html
    assert 'id="id_not_available" checked' in html
    stored = Return.objects.get(pk=ret.pk)
    assert (stored.not_available, stored.value, stored.version) == (False, Decimal("78.9"), 1)


def test_x_and_y_typed_with_the_box_ticked_cannot_be_saved_either(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), not_available_data(ret, numerator="30", denominator="40")
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["numerator", "denominator"]
    assert Return.objects.get(pk=ret.pk).not_available is False


def test_not_available_and_not_updated_ticked_together_cannot_be_saved(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}),
        not_available_data(ret, not_updated="on", not_updated_reason="Late"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["not_available"] == [
        "Not available: A figure is either not available or not updated, not both: untick one of them."
    ]
    assert Return.objects.get(pk=ret.pk).not_available is False


def test_autosave_of_a_value_with_the_box_ticked_saves_nothing_and_says_why(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_autosave", kwargs={"pk": ret.pk}), not_available_data(ret, value="81.2")
    )

    assert "Not saved automatically: Current value: The figure is marked not available" in response.content.decode()
    assert Return.objects.get(pk=ret.pk).version == 1


@pytest.mark.parametrize(
    ("persona", "shared", "status"),
    [("other_lead", False, 404), ("other_lead", True, 403), ("member", False, 404), ("anonymous", False, 302)],
)
def test_nobody_but_the_areas_lead_can_mark_the_return_not_available(as_persona, ret, persona, shared, status):
    Return.objects.filter(pk=ret.pk).update(shared=shared)

    response = as_persona(persona).post(reverse("return_edit", kwargs={"pk": ret.pk}), not_available_data(ret))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    stored = Return.objects.get(pk=ret.pk)
    assert (stored.not_available, stored.value) == (False, Decimal("78.9"))


def test_save_and_submit_of_a_return_not_available_submits(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_edit", kwargs={"pk": ret.pk}), {**not_available_data(ret), "submit": "1"}
    )

    assert response.status_code == 302
    assert Return.objects.get(pk=ret.pk).state == ReviewState.SUBMITTED


# --- The preview and the read-only page --------------------------------------------------------------


def test_the_preview_says_not_available_in_words_and_rates_nothing(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_preview", kwargs={"pk": ret.pk}),
        form_data(ret, value="", not_available="on", not_available_reason="Case <system>"),
    )

    html = response.content.decode()
    assert f"{WORDS} (Case &lt;system&gt;). It is not rated" in html
    assert '<dd class="col-6" data-preview-rag>Not available: not rated</dd>' in html
    assert '<dd class="col-6" data-preview-value>Not available</dd>' in html
    assert 'class="rag rag-' not in html
    assert "All checks pass." in html
    assert Return.objects.get(pk=ret.pk).not_available is False


def test_the_preview_of_a_value_with_the_box_ticked_names_the_fix(as_persona, ret):
    response = as_persona("lead").post(
        reverse("return_preview", kwargs={"pk": ret.pk}), not_available_data(ret, value="81.2")
    )

    assert "so it has no value: clear the value, or untick “not available”." in response.content.decode()


def test_the_return_page_says_not_available_in_words(as_persona, unavailable_ret):
    html = as_persona("governance").get(reverse("return_detail", kwargs={"pk": unavailable_ret.pk})).content.decode()

    assert '<tr><th scope="row">Current value</th><td>Not available</td></tr>' in html
    assert f"<td data-not-available>{WORDS} (Case &lt;system&gt;).</td>" in html
    assert "Not available: not rated, and listed apart from the counts" in html
    assert "Case <system>" not in html


def test_the_return_page_of_another_area_is_closed_to_a_lead(as_persona, unavailable_ret):
    response = as_persona("other_lead").get(reverse("return_detail", kwargs={"pk": unavailable_ret.pk}))

    assert response.status_code in (403, 404)
    assert "Case" not in response.content.decode()


def test_the_timeline_names_the_fields(as_persona, ret):
    client = as_persona("lead")
    client.post(reverse("return_edit", kwargs={"pk": ret.pk}), not_available_data(ret))

    response = client.get(reverse("return_detail", kwargs={"pk": ret.pk}))

    changes = {change.label: (change.old, change.new) for change in response.context["timeline"][0].changes}
    assert changes["Not available"] == ("No", "Yes")
    assert changes["Why not available"] == ("(empty)", "Case system upgrade")
    assert changes["Current value"] == ("78.9", "(empty)")


# --- Approval ---------------------------------------------------------------------------------------


def test_approval_makes_the_figure_not_available_and_the_dashboard_shows_it_apart(
    as_persona, unavailable_ret, lead, governance, quarter
):
    Figure.objects.create(
        indicator=unavailable_ret.indicator,
        period_start=datetime.date(2024, 6, 1),
        period_end=JUNE_END,
        period_label="June 2024",
        value=Decimal("70.0"),
    )
    return_submit(ret=unavailable_ret, by=lead)
    unavailable_ret.refresh_from_db()

    return_approve(ret=unavailable_ret, by=governance)

    figure = Figure.objects.get(indicator=unavailable_ret.indicator, period_end=JUNE_END)
    assert (figure.value, figure.not_available, figure.not_available_reason, figure.not_updated) == (
        None,
        True,
        "Case <system>",
        False,
    )
    response = as_persona("governance").get(dashboard_url(quarter))
    counts = {group: count for group, _, count in response.context["counts"]}
    assert counts[NOT_AVAILABLE] == 1
    assert f"{WORDS} (Case &lt;system&gt;)." in response.content.decode()


def test_approval_of_a_value_leaves_no_stray_reason_on_the_figure(ret, lead, governance):
    Return.objects.filter(pk=ret.pk).update(not_available_reason="Typed, then the box unticked")
    ret.refresh_from_db()
    return_submit(ret=ret, by=lead)
    ret.refresh_from_db()

    return_approve(ret=ret, by=governance)

    figure = Figure.objects.get(indicator=ret.indicator, period_end=JUNE_END)
    assert (figure.value, figure.not_available, figure.not_available_reason) == (Decimal("78.9"), False, "")


@pytest.mark.parametrize("size", [2, 8])
def test_the_board_says_not_available_in_the_same_number_of_queries(
    size, as_persona, committee, area, quarter, django_assert_num_queries
):
    for number in range(size):
        ReturnFactory(
            indicator=IndicatorFactory(committee=committee, service_area=area, number=500 + number),
            quarter=quarter,
            value=None,
            not_available=True,
        )
    client = as_persona("governance")

    with django_assert_num_queries(14):  # as tests/commentary/test_views.py counts them
        response = client.get(reverse("governance_board", kwargs={"quarter": "2024-25-Q1"}))

    rows = [row for group in response.context["board"].groups for row in group.rows]
    assert [row.rag_display for row in rows] == [NOT_AVAILABLE] * size
    assert return_row(rows[0].ret).not_available_text == f"{WORDS}."


def test_a_value_saved_without_a_word_of_availability_makes_the_return_available(unavailable_ret, lead):
    saved = return_save(ret=unavailable_ret, by=lead, content={"value": Decimal("80.1")}, expected_version=1)

    assert (saved.value, saved.not_available, saved.not_available_reason) == (Decimal("80.1"), False, "")


def test_x_and_y_saved_with_not_available_give_no_value(unavailable_ret, lead):
    saved = return_save(
        ret=unavailable_ret,
        by=lead,
        content={"numerator": Decimal(3), "denominator": Decimal(4), "not_available": True},
        expected_version=1,
    )

    assert (saved.value, saved.not_available) == (None, True)
    assert [problem.field for problem in return_problems(ret=saved)] == ["numerator", "denominator"]
