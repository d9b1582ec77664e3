"""The OpenAPI 3.1 document of the open data, written by hand beside the views it describes.

``tests/public/test_openapi.py`` validates every real response of the endpoints against these
schemas, so the document cannot drift from what is served. Change both together; a change that
removes or renames a field is a new version of the API (``API_VERSION``).
"""

from __future__ import annotations

from cyp.enums import CommitteeKind
from indicators import rag
from indicators.enums import Direction, Frequency, TargetStatus, Unit
from public.selectors import FIGURE_FIELDS

API_VERSION = "1.0.0"

NUMBER_OR_NULL = {"type": ["number", "null"]}
TEXT_OR_NULL = {"type": ["string", "null"]}

#: What each field of a figure means, for the schema and the page that documents it.
FIGURE_PROPERTIES: dict[str, dict] = {
    "indicator": {"type": "integer", "description": "The indicator's number, as the committee's reports print it."},
    "name": {"type": "string", "description": "The indicator's name."},
    "service_area": {"type": "string", "description": "The service area that reports it."},
    "unit": {
        "type": "string",
        "enum": list(Unit.values),
        "description": "What the values measure: a percentage, a rate per 10,000 children, a score or a count.",
    },
    "direction": {
        "type": "string",
        "enum": list(Direction.values),
        "description": "Which way is better.",
    },
    "frequency": {
        "type": "string",
        "enum": list(Frequency.values),
        "description": "How often a new figure is produced.",
    },
    "period_label": {**TEXT_OR_NULL, "description": "The period of the figure, as printed (“June 2024”)."},
    "period_end": {
        **TEXT_OR_NULL,
        "format": "date",
        "description": "The last day of the figure's period (ISO 8601); null when there is no figure.",
    },
    "value": {**NUMBER_OR_NULL, "description": "The figure at the indicator's decimal places."},
    "target": {**NUMBER_OR_NULL, "description": "The numeric target for the financial year; null when none."},
    "target_status": {
        **TEXT_OR_NULL,
        "enum": [*TargetStatus.values, None],
        "description": "A numeric target, or why there is none (contextual, baseline, in development).",
    },
    "deviation_pct": {
        **NUMBER_OR_NULL,
        "description": "Deviation from target in per cent, one decimal place; positive is better than target.",
    },
    "rag": {
        **TEXT_OR_NULL,
        "enum": [*(status.value for status in rag.Status), None],
        "description": "The published rating; null when the figure cannot be rated.",
    },
    "change": {
        **TEXT_OR_NULL,
        "enum": [*(change.value for change in rag.Change), None],
        "description": "The change in performance from the figure before.",
    },
    "sn_mean": {**NUMBER_OR_NULL, "description": "The mean of the council's statistical neighbours."},
    "england_mean": {**NUMBER_OR_NULL, "description": "The England mean."},
    "region_mean": {**NUMBER_OR_NULL, "description": "The regional mean."},
    "not_updated": {"type": "boolean", "description": "True when the figure was not updated this quarter."},
    "not_updated_reason": {"type": "string", "description": "Why it was not updated (empty when it was)."},
}
assert tuple(FIGURE_PROPERTIES) == FIGURE_FIELDS, "every open-data field is documented, in order"

QUARTER_PARAMETER = {
    "name": "quarter",
    "in": "query",
    "required": False,
    "description": "A quarter the body has published, as 2024-25-Q1 (Quarter 1 of 2024/25). "
    "Without it: the body's latest published quarter.",
    "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[Qq][1-4]$"},
}
BODY_PARAMETER = {
    "name": "body",
    "in": "path",
    "required": True,
    "description": "The body's address name, as children-and-young-people (listed at /public/).",
    "schema": {"type": "string", "pattern": "^[-a-z0-9]+$"},
}
CACHE_HEADERS = {
    "ETag": {"description": "The SHA-256 of the content; send it back in If-None-Match.", "schema": {"type": "string"}},
    "Last-Modified": {"description": "When the published figures last changed.", "schema": {"type": "string"}},
    "Cache-Control": {"description": "public, max-age=300", "schema": {"type": "string"}},
}
ERROR_RESPONSES = {
    "400": {
        "description": "The quarter asked for is not written as a quarter.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
    "404": {
        "description": "No such body, or the body has not published that quarter (the message lists those it has).",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
}


def document() -> dict:
    """The OpenAPI 3.1 document (a fresh dict: callers may change their copy)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Committee performance figures: open data",
            "version": API_VERSION,
            "summary": "The performance figures each committee, board or panel of the council has published.",
            "description": (
                "Figures appear here only once the body's committee pack for the quarter is published, exactly "
                "as published: a figure corrected later shows as printed until a new version of the pack "
                "carries the correction. No sign-in; responses may be cached for five minutes."
            ),
            "license": {"name": "Open Government Licence v3.0", "identifier": "OGL-UK-3.0"},
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/public/{body}/figures.json": {
                "get": {
                    "operationId": "figuresJson",
                    "summary": "A body's published figures for a quarter, as JSON",
                    "parameters": [BODY_PARAMETER, QUARTER_PARAMETER],
                    "responses": {
                        "200": {
                            "description": "The figures, one per indicator, in indicator number order.",
                            "headers": CACHE_HEADERS,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FigureSet"}}},
                        },
                        "304": {"description": "Not modified since the ETag or date the client sent."},
                        **ERROR_RESPONSES,
                    },
                }
            },
            "/public/{body}/figures.csv": {
                "get": {
                    "operationId": "figuresCsv",
                    "summary": "The same figures as CSV (UTF-8 with a byte order mark, for Excel)",
                    "description": "One heading row with the field names of Figure, in its order, then one row per "
                    "indicator. Empty cells are nulls; not_updated is Yes or No. Text that a spreadsheet could "
                    "run as a formula starts with an apostrophe.",
                    "parameters": [BODY_PARAMETER, QUARTER_PARAMETER],
                    "responses": {
                        "200": {
                            "description": "The figures as CSV.",
                            "headers": CACHE_HEADERS,
                            "content": {"text/csv": {"schema": {"type": "string"}}},
                        },
                        "304": {"description": "Not modified since the ETag or date the client sent."},
                        "400": {"description": "The quarter is not written as a quarter (plain text message)."},
                        "404": {"description": "No such body or published quarter (plain text message)."},
                    },
                }
            },
            "/public/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {"200": {"description": "The OpenAPI document.", "content": {"application/json": {}}}},
                }
            },
        },
        "components": {
            "schemas": {
                "FigureSet": {
                    "type": "object",
                    "required": ["body", "quarter", "published_at", "published_quarters", "figures"],
                    "additionalProperties": False,
                    "properties": {
                        "body": {"$ref": "#/components/schemas/Body"},
                        "quarter": {"$ref": "#/components/schemas/Quarter"},
                        "published_at": {
                            "type": "string",
                            "format": "date-time",
                            "description": "When the body first published the quarter's performance report.",
                        },
                        "published_quarters": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Every quarter the body has published, newest first.",
                        },
                        "figures": {"type": "array", "items": {"$ref": "#/components/schemas/Figure"}},
                    },
                },
                "Body": {
                    "type": "object",
                    "required": ["slug", "name", "council", "kind"],
                    "additionalProperties": False,
                    "properties": {
                        "slug": {"type": "string"},
                        "name": {"type": "string"},
                        "council": {"type": "string"},
                        "kind": {"type": "string", "enum": list(CommitteeKind.values)},
                    },
                },
                "Quarter": {
                    "type": "object",
                    "required": ["id", "label", "name", "start", "end"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string", "description": "As the quarter parameter takes it: 2024-25-Q1."},
                        "label": {"type": "string", "description": "As the performance team writes it: 2024/25-Q1."},
                        "name": {"type": "string", "description": "Quarter 1 2024/25"},
                        "start": {"type": "string", "format": "date"},
                        "end": {"type": "string", "format": "date"},
                    },
                },
                "Figure": {
                    "type": "object",
                    "required": list(FIGURE_FIELDS),
                    "additionalProperties": False,
                    "properties": FIGURE_PROPERTIES,
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "additionalProperties": False,
                    "properties": {"error": {"type": "string", "description": "What went wrong and what to do."}},
                },
            }
        },
    }
