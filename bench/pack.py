"""Benchmark of the committee pack: the demo pack and synthetic packs of 20, 100 and 200 indicators.

    .venv/bin/python bench/pack.py               # demo, 20, 100, 200; appends the table to bench/README.md
    .venv/bin/python bench/pack.py --sizes 20    # synthetic sizes only, without --demo
    .venv/bin/python bench/pack.py --no-readme   # print only

Each case runs in its own process (so its peak memory is its own): it renders
the pack once to warm up fonts and templates, then times

- the PDF (``reports.render.pdf_pack.pdf_pack_build``: story, layout, forward
  references, merging uploads), and the whole ``pack_render`` (PDF, HTML,
  CSV, XLSX);
- "bare reportlab": the same flowables, made afresh by the same functions,
  built by a plain ``SimpleDocTemplate`` on a plain canvas, without the pack's
  page furniture, forward references, bookmarks, merging or tags. The ratio is the
  PDF time over the bare time;
- of the PDF time, the seconds spent writing the structure tree after the layout
  (``reports.render.pdf_structure.pdf_tag``: PDF/UA-1 tags, with pikepdf); marking the
  content while it is laid out is part of the layout time.

Figures are wall-clock seconds and process CPU seconds (the machine is shared:
CPU time is the steadier of the two), pages, pages per second, and the peak
resident memory of the process (ru_maxrss). The demo case needs a database: the
parent process builds the demo pack input on a throwaway SQLite test database
and hands it to the child as a pickle.

Aims (issue 4): 20 indicators under 2 s; at least 30 pages/s at 200 indicators;
peak memory under 300 MB; the PDF within twice the bare reportlab time.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
START_MARK, END_MARK = "<!-- bench/pack.py: start -->", "<!-- bench/pack.py: end -->"
AIMS = {"seconds_20": 2.0, "pages_per_second_200": 30.0, "peak_mb": 300.0, "ratio": 2.0}


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyp.settings_test")
    os.environ.pop("DATABASE_URL", None)  # the demo case uses a throwaway SQLite database
    import django

    django.setup()


def _demo_input(folder: Path) -> Path:
    """The demo pack input, built on a throwaway test database, pickled for the child process."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from tests.reports.pack_helpers import demo_pack_input, demo_report, load_demo_indicators

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        load_demo_indicators()
        pack = demo_pack_input(report=demo_report(), folder=folder)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    path = folder / "demo-pack.pickle"
    path.write_bytes(pickle.dumps(pack))
    return path


def _bare_story(pack):
    """The pack's flowables made afresh, with the pack's own machinery replaced by plain spacers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import NextPageTemplate, Spacer

    from reports.render.pdf_layout import Anchor, FormRef, Registry, UploadSlot
    from reports.render.pdf_pack import pack_story, read_uploads
    from reports.render.pdf_styles import PAGE_MARGIN_X

    story = pack_story(pack, registry=Registry(), uploads=read_uploads(pack), width=A4[0] - 2 * PAGE_MARGIN_X)

    class Destination(Spacer):
        """Only the named destination the pack's internal links point at."""

        def __init__(self, key):
            super().__init__(0, 0)
            self.key = key

        def draw(self):
            self.canv.bookmarkPage(self.key)

    def plain(flowable):
        if isinstance(flowable, Anchor):
            return Destination(flowable.key)
        if isinstance(flowable, NextPageTemplate):
            return Spacer(0, 0)
        if isinstance(flowable, UploadSlot):
            return Spacer(1, 1)
        if isinstance(flowable, FormRef):
            return Spacer(flowable.width, flowable.height)
        cells = getattr(flowable, "_cellvalues", None)
        if cells is not None:  # a table: its cells may hold page references
            for row in cells:
                for index, cell in enumerate(row):
                    if isinstance(cell, FormRef):
                        row[index] = Spacer(cell.width, cell.height)
        return flowable

    return [plain(flowable) for flowable in story]


def _bare_build(story) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from reports.render.pdf_styles import PAGE_MARGIN_BOTTOM, PAGE_MARGIN_TOP, PAGE_MARGIN_X

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN_X,
        rightMargin=PAGE_MARGIN_X,
        topMargin=PAGE_MARGIN_TOP,
        bottomMargin=PAGE_MARGIN_BOTTOM,
    )
    pages = []
    doc.build(story, onFirstPage=lambda c, d: pages.append(1), onLaterPages=lambda c, d: pages.append(1))
    return len(pages)


def _timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def child(case: str, pickled: str | None) -> dict:
    """One case, in this process: warm up, then time the PDF, the whole render and bare reportlab."""
    _setup_django()
    from reportlab import rl_config

    from reports.render import pack_render
    from reports.render.pdf_pack import pdf_pack_build
    from tests.reports.pack_helpers import synthetic_pack

    def make():
        return pickle.loads(Path(pickled).read_bytes()) if case == "demo" else synthetic_pack(int(case))

    import reports.render.pdf_pack as pdf_pack_module

    pack_render(pack=synthetic_pack(2))  # fonts, templates and imports, once, as in a running worker
    tagging = {"wall": 0.0, "cpu": 0.0}
    untimed_tag = pdf_pack_module.pdf_tag

    def timed_tag(*args, **kwargs):
        result, wall, cpu = _timed(lambda: untimed_tag(*args, **kwargs))
        tagging["wall"] += wall
        tagging["cpu"] += cpu
        return result

    pdf_pack_module.pdf_tag = timed_tag
    (pdf, registry), pdf_wall, pdf_cpu = _timed(lambda: pdf_pack_build(make()))
    pdf_pack_module.pdf_tag = untimed_tag
    rendered, total_wall, total_cpu = _timed(lambda: pack_render(pack=make()))
    story = _bare_story(make())
    previous = rl_config.useA85
    rl_config.useA85 = 0  # as the pack writes its streams
    bare_pages, bare_wall, bare_cpu = _timed(lambda: _bare_build(story))
    rl_config.useA85 = previous
    indicators = sum(len(e.performance.indicators) for e in make().items if e.performance is not None)
    return {
        "case": case,
        "indicators": indicators,
        "pages": registry.page_count,
        "bare_pages": bare_pages,
        "pdf_wall": pdf_wall,
        "pdf_cpu": pdf_cpu,
        "tag_wall": tagging["wall"],
        "tag_cpu": tagging["cpu"],
        "total_wall": total_wall,
        "total_cpu": total_cpu,
        "bare_wall": bare_wall,
        "bare_cpu": bare_cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pdf_kb": len(pdf) / 1024,
        "html_kb": len(rendered.html.encode()) / 1024,
    }


def run(cases: list[str], pickled: Path | None) -> list[dict]:
    results = []
    for case in cases:
        command = [sys.executable, __file__, "--child", case]
        if pickled:
            command += ["--input", str(pickled)]
        finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        if finished.returncode != 0:
            sys.exit(f"The {case} case failed:\n{finished.stderr}")
        results.append(json.loads(finished.stdout.strip().splitlines()[-1]))
        print(f"  {case}: done", file=sys.stderr)
    return results


def table(results: list[dict]) -> str:
    header = (
        "| pack | indicators | pages | PDF s (CPU s) | of which tag tree s (CPU s) | pages/s (CPU) "
        "| whole render s (CPU s) | bare reportlab s (CPU s) | PDF / bare (CPU) | peak MB |"
    )
    lines = [header, "|" + "---|" * 10]
    for r in results:
        lines.append(
            f"| {r['case']} | {r['indicators']} | {r['pages']} | {r['pdf_wall']:.2f} ({r['pdf_cpu']:.2f}) "
            f"| {r.get('tag_wall', 0):.2f} ({r.get('tag_cpu', 0):.2f}) "
            f"| {r['pages'] / r['pdf_wall']:.0f} ({r['pages'] / r['pdf_cpu']:.0f}) "
            f"| {r['total_wall']:.2f} ({r['total_cpu']:.2f}) | {r['bare_wall']:.2f} ({r['bare_cpu']:.2f}) "
            f"| {r['pdf_wall'] / r['bare_wall']:.2f} ({r['pdf_cpu'] / r['bare_cpu']:.2f}) | {r['peak_mb']:.0f} |"
        )
    return "\n".join(lines)


def verdicts(results: list[dict]) -> list[str]:
    by_case = {r["case"]: r for r in results}
    found = []
    if "20" in by_case:
        r = by_case["20"]
        found.append(
            f"20 indicators in under {AIMS['seconds_20']:.0f} s: {'met' if r['pdf_wall'] < 2 else 'missed'} "
            f"({r['pdf_wall']:.2f} s PDF, {r['total_wall']:.2f} s with HTML and figures)"
        )
    if "200" in by_case:
        r = by_case["200"]
        rate, cpu_rate = r["pages"] / r["pdf_wall"], r["pages"] / r["pdf_cpu"]
        found.append(
            f"at least 30 pages/s at 200 indicators: {'met' if rate >= 30 else 'missed'} "
            f"({rate:.0f} pages/s wall clock, {cpu_rate:.0f} per CPU second)"
        )
    peak = max(r["peak_mb"] for r in results)
    found.append(f"peak memory under 300 MB: {'met' if peak < 300 else 'missed'} ({peak:.0f} MB at most)")
    worst = max(r["pdf_cpu"] / r["bare_cpu"] for r in results)
    found.append(f"PDF within twice bare reportlab: {'met' if worst <= 2 else 'missed'} (worst {worst:.2f}x CPU)")
    return found


def write_readme(results: list[dict]) -> None:
    import platform

    section = "\n".join(
        [
            START_MARK,
            "## Committee pack (`bench/pack.py`)",
            "",
            f"Run on {datetime.date.today():%d %B %Y}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs (shared), load average {os.getloadavg()[0]:.1f} at the end. "
            "Wall-clock seconds, with process CPU seconds in brackets (steadier on a shared machine). "
            "The demo pack has 3 small uploaded papers merged in.",
            "",
            table(results),
            "",
            *[f"- {line}" for line in verdicts(results)],
            END_MARK,
        ]
    )
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[20, 100, 200])
    parser.add_argument("--demo", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--readme", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--child")
    parser.add_argument("--input")
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(child(arguments.child, arguments.input)))
        return
    cases = [str(size) for size in arguments.sizes]
    with tempfile.TemporaryDirectory(prefix="cyp-bench-") as folder:
        pickled = None
        if arguments.demo:
            _setup_django()
            pickled = _demo_input(Path(folder))
            cases.insert(0, "demo")
        results = run(cases, pickled)
    print(table(results))
    for line in verdicts(results):
        print(f"- {line}")
    if arguments.readme:
        write_readme(results)
        print(f"Appended to {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
