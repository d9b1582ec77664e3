"""URL path converters: ``<quarter:quarter>`` is a Quarter in the view and its ``slug`` in the URL;
``<body:committee>`` is a Committee (a committee, board or panel) and its ``slug``."""

from django.urls import register_converter

from cyp.models import Committee, Quarter


class QuarterConverter:
    """ "2024-25-Q1" (a quarter) or "2023-08" (a month) <-> the period (``Quarter``). A slug that names no
    period does not match, so the URL is a 404."""

    regex = r"[0-9]{4}-[0-9]{2}(?:-[Qq][1-4])?"

    def to_python(self, value: str) -> Quarter:
        quarter = Quarter.objects.from_slug(value)
        if quarter is None:
            raise ValueError(f"No quarter {value}")
        return quarter

    def to_url(self, value: Quarter | str) -> str:
        if isinstance(value, Quarter):
            return value.slug
        Quarter.parse_period_slug(value)  # a ValueError here is Django's NoReverseMatch
        return value


register_converter(QuarterConverter, "quarter")


class BodyConverter:
    """ "children-and-young-people" <-> the Committee. A slug that names no body does not match (a 404).

    Whether the person may see the body is the view's question (``Committee.objects.visible_to``).
    """

    regex = r"[-a-z0-9]+"

    def to_python(self, value: str) -> Committee:
        committee = Committee.objects.filter(slug=value).first()
        if committee is None:
            raise ValueError(f"No body {value}")
        return committee

    def to_url(self, value: Committee | str) -> str:
        return value.slug if isinstance(value, Committee) else value


register_converter(BodyConverter, "body")
