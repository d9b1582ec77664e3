"""Search across what the apps register: indicators, returns, plan actions, papers.

The kernel names no app (``tests/cyp/test_layers.py``): each app registers a kind of result from
its ``AppConfig.ready()`` with ``register_search``, and its function returns the hits the person
may see. Matching is ``icontains`` on each word (every word must match one of the kind's fields),
so it works the same on PostgreSQL and on the demo's SQLite, and each kind costs a fixed two
queries (its count and its first ``SEARCH_LIMIT`` hits) whatever the data.

Who may search: staff (service leads, governance, administrators: ``cyp.search``). Members read the
published pack; what they may see of figures, returns and progress depends on what was published
when, and a search would be a second home of those rules, so members have no search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: The most hits shown per kind (the count says how many there are in all).
SEARCH_LIMIT = 20
#: The most words of a query that are searched for, and the longest query read.
MAX_WORDS = 8
MAX_QUERY = 200
#: Words shorter than this are not searched for alone ("a", "of"), unless the query has nothing longer.
MIN_WORD = 2
#: The characters of a hit's text shown around the first match.
SNIPPET = 220


@dataclass(frozen=True)
class Hit:
    """One result: its title (a link), where it belongs (body, period), and the text that matched."""

    title: str
    url: str
    context: str = ""
    text: str = ""


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str  # plural, as the results' heading: "Indicators"
    order: int
    #: ``search(user=..., words=[...], limit=n)`` -> (the first ``limit`` hits, how many in all).
    search: Callable[..., tuple[list[Hit], int]]


@dataclass
class KindResults:
    kind: SearchKind
    hits: list[Hit]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.hits)


@dataclass
class SearchResults:
    query: str
    words: list[str]
    kinds: list[KindResults] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(result.total for result in self.kinds)


_kinds: dict[str, SearchKind] = {}


def register_search(key: str, label: str, order: int, search: Callable[..., tuple[list[Hit], int]]) -> None:
    """Add a kind of result; ``order`` sorts the kinds on the results page (lowest first)."""
    known = _kinds.get(key)
    if known is not None and known.search is not search:
        raise ValueError(f"Search kind '{key}' is already registered by {known.search.__module__}.")
    _kinds[key] = SearchKind(key=key, label=label, order=order, search=search)


def search_kinds() -> list[SearchKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def search_words(query: str) -> list[str]:
    """The words searched for: split on white space, short words dropped, at most MAX_WORDS, once each."""
    words = list(dict.fromkeys((query or "")[:MAX_QUERY].split()))
    long_enough = [word for word in words if len(word) >= MIN_WORD]
    return (long_enough or words)[:MAX_WORDS]


def words_q(words: list[str], fields: list[str], *, number_fields: tuple[str, ...] = ()) -> Q:
    """Every word in one of ``fields`` (icontains); a word of digits also matches ``number_fields`` exactly."""
    clauses = []
    for word in words:
        alternatives = [Q(**{f"{name}__icontains": word}) for name in fields]
        if word.isdigit() and len(word) < 10:
            alternatives += [Q(**{name: int(word)}) for name in number_fields]
        clauses.append(reduce(or_, alternatives))
    return reduce(and_, clauses) if clauses else Q(pk__in=[])


def _pattern(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a word wrapped in <mark> (the words are escaped too)."""
    pattern = _pattern(words)
    text = text or ""
    if pattern is None:
        return escape(text)
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece of user text above went through escape()


def snippet(text: str, words: list[str], *, width: int = SNIPPET) -> str:
    """The part of ``text`` around the first word found, at most ``width`` characters, with … where cut."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0 if match is None else max(0, match.start() - width // 3)
    end = min(len(text), start + width)
    start = max(0, end - width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search_run(*, user, query: str, limit: int = SEARCH_LIMIT) -> SearchResults:
    """Every registered kind's hits for ``query`` that ``user`` may see, kinds in order (two queries a kind).

    An empty query searches nothing. The caller checks ``cyp.search`` first.
    """
    words = search_words(query)
    results = SearchResults(query=(query or "")[:MAX_QUERY].strip(), words=words)
    if not words:
        return results
    for kind in search_kinds():
        hits, total = kind.search(user=user, words=words, limit=limit)
        results.kinds.append(KindResults(kind=kind, hits=hits, total=total))
    return results
