"""The public site's pages: the council's bodies, a body, a meeting as published, the indicators.

Readable without signing in (``public.http.public_view``). Nothing here reads who is signed in:
every page shows what the public may see (``public.selectors``) and nothing more.
"""

from __future__ import annotations

import datetime

from django.http import FileResponse

from cyp.models import Committee
from indicators import rag
from indicators.charts import trend_chart_data, trend_chart_summary
from indicators.selectors import rag_counts
from indicators.views import history_rows
from public import selectors
from public.http import not_found, page, public_view
from reports.enums import CONTENT_TYPES
from reports.services import files

#: The generated HTML needs no script and nothing from elsewhere (as the members' download says).
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@public_view
def home(request):
    """The council's bodies, each with what it has published."""
    bodies = selectors.bodies()
    return page(
        "public/home.html",
        {"bodies": bodies, "council": bodies[0].council if bodies else ""},
    )


@public_view
def unknown(request, rest: str):
    return not_found(
        "There is nothing at this address. If you typed it, check it; if you followed a link, it may be out of date."
    )


@public_view
def body(request, committee: Committee):
    """A body: its published meetings, newest first, and a summary of its latest published figures."""
    publications = selectors.body_publications(committee=committee)
    latest = publications[0] if publications else None
    counts = []
    if latest is not None:
        counts = rag_counts(selectors.published_rows(committee=committee, quarter=latest.quarter))
    return page(
        "public/body.html",
        {
            "body": committee,
            "council": committee.council,
            "meetings": selectors.body_meetings(committee=committee),
            "publications": publications,
            "latest": latest,
            "counts": counts,
        },
    )


def _day_or_none(day: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(day)
    except ValueError:
        return None


@public_view
def meeting(request, committee: Committee, day: str):
    """A meeting as published: the agenda (exempt items as their notice) and the pack's public files."""
    date = _day_or_none(day)
    published = selectors.meeting_published(committee=committee, day=date) if date else None
    if published is None:
        return not_found(
            f"{committee.name} has no published meeting on {day}. The body's page lists every meeting it has "
            "published.",
        )
    return page("public/meeting.html", {"body": committee, "council": committee.council, "published": published})


@public_view
def pack_file(request, committee: Committee, day: str, number: int, extension: str):
    """A file of a published version, as the public may have it (``selectors.version_file``)."""
    date = _day_or_none(day)
    version = selectors.published_version(committee=committee, day=date, number=number) if date else None
    relative = selectors.version_file(version=version, extension=extension) if version else ""
    path = files.absolute(relative) if relative else None
    if path is None or not path.exists():
        return not_found("There is no such published file. The meeting's page lists the files published.")
    fmt = selectors.PUBLIC_FILES[extension]
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=extension in ("csv", "xlsx"),
        filename=f"{committee.slug}-{version.meeting.date.isoformat()}-v{version.number}.{extension}",
        content_type=CONTENT_TYPES[fmt],
    )
    if extension == "html":
        response["Content-Security-Policy"] = HTML_POLICY
    if extension == "pdf" and version.public_sha256:
        response["ETag"] = f'"{version.public_sha256}"'
    return response


def _publication_or_message(publications, committee: Committee, slug: str | None):
    """(publication, "") for the quarter asked for (the latest when none is), else (None, what to do)."""
    publication = selectors.publication_named(publications, slug)
    if publication is not None:
        return publication, ""
    if not publications:
        return None, f"{committee.name} has not published any quarter's figures yet."
    published = ", ".join(p.quarter.slug for p in publications)
    return None, f"{committee.name} has not published the quarter {slug!r}. Published quarters: {published}."


@public_view
def indicators(request, committee: Committee):
    """The body's indicators with their figures as published for a quarter (the latest, or ``?quarter=``)."""
    publications = selectors.body_publications(committee=committee)
    _name, slug = selectors.period_param(request.GET)  # ?period= or ?quarter=
    publication, message = _publication_or_message(publications, committee, slug or None)
    if publication is None and slug:
        return not_found(message)
    rows = selectors.published_rows(committee=committee, quarter=publication.quarter) if publication else []
    return page(
        "public/indicators.html",
        {
            "body": committee,
            "council": committee.council,
            "publication": publication,
            "message": message,
            "publications": publications,
            "rows": rows,
            "counts": rag_counts(rows),
            "key": rag.key_text(committee.rag_scheme),
        },
    )


@public_view
def indicator(request, committee: Committee, number: int):
    """An indicator's published history: the table and the trend chart, up to the latest published quarter, and the
    published figure's benchmark table and breakdown (``indicators.selectors.indicator_page``, as members see them)."""
    published = selectors.indicator_published(committee=committee, number=number)
    if published is None:
        return not_found(
            f"{committee.name} reports no indicator {number}. The body's indicators page lists its indicators.",
        )
    chart = trend_chart_data(indicator=published.indicator, history=published.history)
    return page(
        "public/indicator.html",
        {
            "body": committee,
            "council": committee.council,
            "page": published,
            "indicator": published.indicator,
            "row": published.reported,
            "history": history_rows(published.history, indicator=published.indicator),
            "chart": chart,
            "chart_summary": trend_chart_summary(chart),
            "key": rag.key_text(committee.rag_scheme),
        },
    )
