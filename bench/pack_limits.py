"""Benchmark of the committee pack with every typed text at its limit (cyp.limits).

    .venv/bin/python bench/pack_limits.py                      # 20 and 200 indicators, every kind of text
    .venv/bin/python bench/pack_limits.py --sizes 20 --kinds prose
    .venv/bin/python bench/pack_limits.py --readme             # also writes the table into bench/README.md

The pack (tests/reports/limit_texts.py: ``limits_pack``) has a performance report of N
indicators whose commentary and actions are 12,000 characters each, description and
calculation note 4,000, target note 2,000 and, for the indicators not updated, the
reason 2,000; a cover sheet whose executive summary is 6,000 and recommendation 4,000;
an agenda note of 2,000; and an improvement plan report of 3 recommendations (4,000
each) and 12 actions, each with an item of 4,000 and an approved progress update of
12,000 characters. Three kinds of text: ordinary prose in paragraphs, one unbroken
word, and emoji with right-to-left and CJK text.

Each case runs in its own process after a warm-up render. Figures: pages, wall-clock
and CPU seconds of the PDF (``pdf_pack_build``) and of the whole render (PDF, HTML,
CSV, XLSX), pages per second, the longest gap between two progress reports while the
PDF was laid out (the heartbeat a build's watcher sees; a build is failed as lost after
90 s without one), and the peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
START_MARK, END_MARK = "<!-- bench/pack_limits.py: start -->", "<!-- bench/pack_limits.py: end -->"


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyp.settings_test")
    os.environ.pop("DATABASE_URL", None)  # nothing here reads the database
    import django

    django.setup()


def child(kind: str, size: int, whole: bool) -> dict:
    _setup_django()
    from reports.render import pack_render
    from reports.render.pdf_pack import pdf_pack_build
    from tests.reports.limit_texts import limits_pack, limits_performance_characters, limits_plan_characters

    pack_render(pack=limits_pack("prose", 1))  # fonts, templates and imports, once, as in a running worker
    pack = limits_pack(kind, size)
    reports = [(time.perf_counter(), time.process_time())]
    wall, cpu = time.perf_counter(), time.process_time()
    _pdf, registry = pdf_pack_build(
        pack, progress=lambda step, percent: reports.append((time.perf_counter(), time.process_time()))
    )
    pdf_wall, pdf_cpu = time.perf_counter() - wall, time.process_time() - cpu
    reports.append((time.perf_counter(), time.process_time()))
    total_wall = total_cpu = None
    if whole:
        wall, cpu = time.perf_counter(), time.process_time()
        pack_render(pack=limits_pack(kind, size))
        total_wall, total_cpu = time.perf_counter() - wall, time.process_time() - cpu
    typed = limits_performance_characters(pack.items[1].performance) + limits_plan_characters(
        pack.items[2].improvement_plan
    )
    return {
        "kind": kind,
        "indicators": size,
        "characters": typed,
        "pages": registry.page_count,
        "pdf_wall": pdf_wall,
        "pdf_cpu": pdf_cpu,
        "total_wall": total_wall,
        "total_cpu": total_cpu,
        "longest_gap": max(later[0] - earlier[0] for earlier, later in itertools.pairwise(reports)),
        "longest_gap_cpu": max(later[1] - earlier[1] for earlier, later in itertools.pairwise(reports)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def table(results: list[dict]) -> str:
    lines = [
        "| text | indicators | typed characters | pages | PDF s (CPU s) | pages/s (per CPU s) "
        "| whole render s (CPU s) | longest gap between reports s (CPU s) | peak MB |",
        "|" + "---|" * 9,
    ]
    for r in results:
        lines.append(
            f"| {r['kind']} | {r['indicators']} | {r['characters']:,} | {r['pages']} "
            f"| {r['pdf_wall']:.1f} ({r['pdf_cpu']:.1f}) "
            f"| {r['pages'] / r['pdf_wall']:.0f} ({r['pages'] / r['pdf_cpu']:.0f}) "
            + (f"| {r['total_wall']:.1f} ({r['total_cpu']:.1f}) " if r["total_wall"] is not None else "| not run ")
            + f"| {r['longest_gap']:.1f} ({r['longest_gap_cpu']:.1f}) | {r['peak_mb']:.0f} |"
        )
    return "\n".join(lines)


def write_readme(results: list[dict]) -> None:
    section = "\n".join(
        [
            START_MARK,
            "## Committee pack with every text at its limit (`bench/pack_limits.py`)",
            "",
            f"Run on {datetime.date.today():%d %B %Y}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs (shared), load average {os.getloadavg()[0]:.1f} at the end. "
            "Wall-clock seconds with process CPU seconds in brackets (steadier on a shared machine).",
            "",
            table(results),
            END_MARK,
        ]
    )
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        text = before + section + rest.split(END_MARK, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[20, 200])
    parser.add_argument("--kinds", nargs="*", default=["prose", "word", "scripts"])
    parser.add_argument("--readme", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument(
        "--whole", action=argparse.BooleanOptionalAction, default=True, help="also time the whole render"
    )
    parser.add_argument("--child", nargs=3, metavar=("KIND", "SIZE", "WHOLE"))
    arguments = parser.parse_args()
    if arguments.child:
        kind, size, whole = arguments.child
        print(json.dumps(child(kind, int(size), whole == "1")))
        return
    results = []
    for size in arguments.sizes:
        for kind in arguments.kinds:
            command = [sys.executable, __file__, "--child", kind, str(size), "1" if arguments.whole else "0"]
            finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
            if finished.returncode != 0:
                sys.exit(f"The {kind} case of {size} indicators failed:\n{finished.stderr}")
            results.append(json.loads(finished.stdout.strip().splitlines()[-1]))
            print(f"  {kind}, {size} indicators: done", file=sys.stderr)
    print(table(results))
    if arguments.readme:
        write_readme(results)
        print(f"Written into {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
