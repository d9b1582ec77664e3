"""URL path converters: ``<quarter:quarter>`` is a Quarter in the view and its ``slug`` in the URL."""

from django.urls import register_converter

from cyp.models import Quarter


class QuarterConverter:
    """ "2024-25-Q1" <-> the Quarter. A slug that names no quarter does not match, so the URL is a 404."""

    regex = r"[0-9]{4}-[0-9]{2}-[Qq][1-4]"

    def to_python(self, value: str) -> Quarter:
        quarter = Quarter.objects.from_slug(value)
        if quarter is None:
            raise ValueError(f"No quarter {value}")
        return quarter

    def to_url(self, value: Quarter | str) -> str:
        if isinstance(value, Quarter):
            return value.slug
        Quarter.parse_slug(value)  # a ValueError here is Django's NoReverseMatch
        return value


register_converter(QuarterConverter, "quarter")
