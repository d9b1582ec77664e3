import io, time
from pathlib import Path
import pytest
from django.core.management import call_command
from tests.reports.pack_helpers import demo_report, demo_pack_input, load_demo_indicators
from reports.render.pdf_pack import pdf_pack_build


@pytest.mark.django_db
def test_scratch(tmp_path):
    load_demo_indicators()
    report = demo_report()
    pack = demo_pack_input(report=report, folder=tmp_path)
    t = time.time()
    pdf, registry = pdf_pack_build(pack)
    print("seconds", time.time() - t, registry.page_count)
    Path("/tmp/d1/out.pdf").write_bytes(pdf)
    print(registry.bookmarks[:5], registry.item_ranges(registry.page_count))


@pytest.mark.django_db
def test_scratch_all(tmp_path):
    from reports.render import pack_render

    load_demo_indicators()
    report = demo_report()
    pack = demo_pack_input(report=report, folder=tmp_path)
    steps = []
    t = time.time()
    rendered = pack_render(pack=pack, progress=lambda s, p: steps.append((s, p)))
    print("seconds", time.time() - t, rendered.page_count, steps[:3], steps[-3:], len(steps))
    Path("/tmp/d1/out.html").write_text(rendered.html)
    Path("/tmp/d1/out.csv").write_text(rendered.figures_csv)
    Path("/tmp/d1/out.xlsx").write_bytes(rendered.figures_xlsx)
