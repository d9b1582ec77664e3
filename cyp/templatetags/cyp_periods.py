"""``{{ quarter|period_word }}``, ``{{ committee|period_word }}``: "month" or "quarter", as the body reports
(``cyp.bodies.period_word``); ``|capfirst`` gives "Month" or "Quarter"."""

from __future__ import annotations

from django import template

from cyp.bodies import period_word as _period_word

register = template.Library()


@register.filter
def period_word(of) -> str:
    return _period_word(of)
