"""Versions and builds made before exempt items existed: their public pack is the members' pack.

No agenda item could be exempt before 0003, so every ready build and every published version
until now printed nothing the public may not read. Their public fields take the members' ones
(the same files, not copies). Run again, it changes nothing: only blank public fields are filled.
"""

from django.db import migrations
from django.db.models import F


def fill(apps, schema_editor):
    PackBuild = apps.get_model("reports", "PackBuild")
    PackVersion = apps.get_model("reports", "PackVersion")
    PackBuild.objects.filter(public_pdf_path="").exclude(pdf_path="").update(
        public_pdf_path=F("pdf_path"),
        public_html_path=F("html_path"),
        public_pdf_sha256=F("pdf_sha256"),
        public_page_count=F("page_count"),
        public_item_pages=F("item_pages"),
    )
    # PackVersion.save() refuses changes; a queryset update is the migration's own, once.
    PackVersion.objects.filter(public_pdf_path="").update(
        public_pdf_path=F("pdf_path"),
        public_html_path=F("html_path"),
        public_sha256=F("sha256"),
        public_page_count=F("page_count"),
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_exempt_description_public_build")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
