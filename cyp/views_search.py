"""The search page (``/search/?q=``): results grouped by kind with counts, the words marked (``cyp.search``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from cyp.search import MAX_QUERY, highlight, search_run


@login_required
def search(request):
    if not request.user.has_perm("cyp.search"):
        raise PermissionDenied
    query = (request.GET.get("q") or "").strip()
    error = ""
    if len(query) > MAX_QUERY:
        error = f"Search: only the first {MAX_QUERY} characters were searched for (you typed {len(query)})."
    results = search_run(user=request.user, query=query)
    kinds = [
        {
            "key": result.kind.key,
            "label": result.kind.label,
            "total": result.total,
            "more": result.more,
            "hits": [
                {
                    "title": highlight(hit.title, results.words),
                    "url": hit.url,
                    "context": hit.context,
                    "text": highlight(hit.text, results.words),
                }
                for hit in result.hits
            ],
        }
        for result in results.kinds
    ]
    return render(
        request,
        "cyp/search.html",
        {"query": results.query, "words": results.words, "kinds": kinds, "total": results.total, "error": error},
    )
