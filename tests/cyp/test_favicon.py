"""/favicon.ico: browsers ask for it on pages without an icon link (the admin, a PDF opened in the browser)."""

from pathlib import Path

from django.conf import settings

ICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


def test_favicon_is_served_to_anyone_as_the_static_icon_cached_for_a_day(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response.content == ICON.read_bytes()


def test_favicon_cannot_be_posted_to(client):
    response = client.post("/favicon.ico")

    assert response.status_code == 405
