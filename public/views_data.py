"""Open data: a body's published figures as JSON and CSV, the OpenAPI document, and its page for people.

The shape is ``public.openapi`` (tests validate every response against it). CSV cells go through
the one cell writer, ``cyp.cells`` (cleaned text, the formula guard).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpResponse, JsonResponse

from cyp.cells import CSV_CONTENT_TYPE, csv_text
from cyp.models import Committee, Quarter
from public import openapi, selectors
from public.http import conditional, open_to_all, page, public_view


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _figures_or_error(request, committee: Committee, *, as_json: bool):
    """(publication, the body's publications, None) for the quarter asked for, or (None, [], the error response
    naming the fix)."""
    name, slug = selectors.period_param(request.GET)
    if slug:
        try:
            Quarter.parse_period_slug(slug)
        except ValueError:
            return (
                None,
                [],
                _error(
                    f"{name}: '{slug}' is not a quarter: write it as 2024-25-Q1 (Quarter 1 of 2024/25), "
                    "or a month as 2024-08 (August 2024).",
                    400,
                    as_json,
                ),
            )
    publications = selectors.body_publications(committee=committee)
    publication = selectors.publication_named(publications, slug or None)
    if publication is not None:
        return publication, publications, None
    published = [p.quarter.slug for p in publications]
    if not published:
        message = f"{committee.name} has not published any quarter's figures yet."
    else:
        message = f"{name}: {committee.name} has not published {slug}. Published quarters: {', '.join(published)}."
    return None, [], _error(message, 404, as_json)


def _error(message: str, status: int, as_json: bool) -> HttpResponse:
    if as_json:
        return open_to_all(JsonResponse({"error": message}, status=status))
    return open_to_all(HttpResponse(message, status=status, content_type="text/plain; charset=utf-8"))


def figure_set(*, committee: Committee, publication, publications) -> dict:
    """The JSON document of the body's figures for a published quarter (``openapi`` ``FigureSet``)."""
    quarter = publication.quarter
    rows = selectors.published_rows(committee=committee, quarter=quarter)
    return {
        "body": {"slug": committee.slug, "name": committee.name, "council": committee.council, "kind": committee.kind},
        "quarter": {
            "id": quarter.slug,
            "label": quarter.label,
            "name": quarter.display,
            "start": quarter.start.isoformat(),
            "end": quarter.end.isoformat(),
        },
        "published_at": publication.published_at.isoformat(),
        "published_quarters": [p.quarter.slug for p in publications],
        "figures": [{name: _json_value(value) for name, value in selectors.figure_record(row).items()} for row in rows],
    }


@public_view
def figures_json(request, committee: Committee):
    publication, publications, error = _figures_or_error(request, committee, as_json=True)
    if error is not None:
        return error
    document = figure_set(committee=committee, publication=publication, publications=publications)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return open_to_all(
        conditional(
            request,
            response,
            last_modified=selectors.figures_changed_at(committee=committee, publication=publication),
        )
    )


@public_view
def figures_csv(request, committee: Committee):
    publication, _publications, error = _figures_or_error(request, committee, as_json=False)
    if error is not None:
        return error
    rows = selectors.published_rows(committee=committee, quarter=publication.quarter)
    records = [selectors.figure_record(row) for row in rows]
    text = csv_text(
        [selectors.FIGURE_FIELDS, *([record[name] for name in selectors.FIGURE_FIELDS] for record in records)],
        byte_order_mark=True,
    )
    response = HttpResponse(text, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{committee.slug}-figures-{publication.quarter.slug}.csv"'
    return open_to_all(
        conditional(
            request,
            response,
            last_modified=selectors.figures_changed_at(committee=committee, publication=publication),
        )
    )


@public_view
def openapi_json(request):
    return open_to_all(JsonResponse(openapi.document(), json_dumps_params={"indent": 1}))


@public_view
def api_docs(request):
    """The open data explained for people: the addresses, the parameter, every field, an example."""
    bodies = selectors.bodies()
    example = next((body for body in bodies if body.published_quarters), bodies[0] if bodies else None)
    schema = openapi.document()["components"]["schemas"]["Figure"]["properties"]
    fields = [
        (name, _type_words(spec), spec.get("description", ""), [value for value in spec.get("enum", []) if value])
        for name, spec in schema.items()
    ]
    return page(
        "public/api.html",
        {
            "bodies": bodies,
            "example": example,
            "fields": fields,
            "version": openapi.API_VERSION,
        },
    )


def _type_words(spec: dict) -> str:
    kinds = spec.get("type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    words = {"string": "text", "number": "number", "integer": "whole number", "boolean": "true or false"}
    shown = [words[kind] for kind in kinds if kind != "null"]
    if spec.get("format") == "date":
        shown = ["date (YYYY-MM-DD)"]
    return " or ".join(shown) + (", or null" if "null" in kinds else "")
