"""The words of the performance report paper, once, for both the PDF and the HTML.

``performance_sections`` turns a ``PerformanceReport`` into numbered sections
of plain blocks (paragraphs, bullets, the count table, labelled texts). The
PDF and HTML renderers only draw these blocks, so both versions say the same
thing with the same paragraph numbers, and the numbers are assigned in order
by the code (the published Q1 paper jumped from 3.3 to 3.5).

Every sentence with a number in it takes the number from the length of the
list it introduces (``reports.performance_counts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cyp.dates import long_date
from indicators.rag import Status
from reports.performance import PerformanceReport
from reports.performance_counts import Counts, IndicatorRef, ListedApart, StatusCount
from reports.render.text import plural

#: The appendix key: each data item and what it means (the committee's standard text).
KEY_ITEMS = (
    ("Target", "The target that has been set for the indicator, relevant for the reporting period."),
    ("Current period", "The latest performance figure relevant to the reporting period."),
    ("Previous period", "The previously reported performance figure."),
    ("Direction for improvement", "Indicates whether 'good' performance is a higher (↑) or a lower (↓) figure."),
    (
        "Change in performance",
        "Indicates whether performance is 'improving' or 'declining' by comparing the latest performance figure "
        "with that of the previous reporting period.",
    ),
    (
        "Statistical neighbours mean",
        "Provided as a point of comparison, based on the most recently available data from identified "
        "statistical neighbours.",
    ),
    ("England mean", "Provided as a point of comparison, based on the most recent nationally available data."),
    ("RAG rating", None),  # the committee's wording of each status, from indicators.rag.key_text
    (
        "Indicator description",
        "Provides an overview of how a measure is calculated. Where possible, this is based on a nationally agreed "
        "definition to assist benchmarking with statistically comparable authorities.",
    ),
    ("Commentary", "Provides a narrative to explain the changes in performance within the reporting period."),
    ("Actions", "Actions undertaken to address under-performance. Required for Red indicators."),
    ("Trend chart", "Recent values, the target, and the least-squares linear trend projected one period ahead."),
    (
        "Useful links",
        "Provides links to relevant documentation, such as nationally available data and definitions.",
    ),
)


@dataclass
class Para:
    number: str
    text: str


@dataclass
class Bullet:
    text: str
    lead: str = ""  # printed in bold before the text: "Red"
    children: list[str] = field(default_factory=list)


@dataclass
class Bullets:
    items: list[Bullet]


@dataclass
class CountTable:
    rows: list[StatusCount]
    counted_total: int
    rounding_note: str
    apart_note: str  # "1 indicator not updated this quarter is not counted: see 3.2." or ""


@dataclass
class Labelled:
    """A heading line (an indicator's label) followed by user text."""

    number: str
    heading: str
    body: str
    anchor: str = ""


@dataclass
class Section:
    number: str
    title: str
    blocks: list = field(default_factory=list)


class _Numberer:
    """Paragraph numbers in order within a section: 3.1, 3.2, … and 3.2.1, 3.2.2 under them."""

    def __init__(self, section: int):
        self.section, self.count, self.sub = section, 0, 0

    def next(self) -> str:
        self.count += 1
        self.sub = 0
        return f"{self.section}.{self.count}"

    def next_sub(self) -> str:
        self.sub += 1
        return f"{self.section}.{self.count}.{self.sub}"


def _labels(refs: list[IndicatorRef]) -> list[Bullet]:
    return [Bullet(ref.label) for ref in refs]


def _apart_note(
    counts: Counts, not_updated_para: str, not_rated_para: str, period: str = "quarter", not_available_para: str = ""
) -> str:
    notes = []
    if counts.not_updated:
        verb = "is" if len(counts.not_updated) == 1 else "are"
        notes.append(
            f"{plural(len(counts.not_updated), 'indicator')} not updated this {period} {verb} not counted "
            f"in this table (see {not_updated_para})."
        )
    if counts.not_available:
        verb = "is" if len(counts.not_available) == 1 else "are"
        notes.append(
            f"{plural(len(counts.not_available), 'indicator')} whose figure is not available this {period} {verb} "
            f"not counted (see {not_available_para})."
        )
    if counts.not_rated:
        verb = "is" if len(counts.not_rated) == 1 else "are"
        notes.append(
            f"{plural(len(counts.not_rated), 'indicator')} without a status this {period} {verb} not counted "
            f"(see {not_rated_para})."
        )
    return " ".join(notes)


def _examples_blocks(number: _Numberer, examples, count: int, colour_words: str, period: str = "quarter") -> list:
    noun = "indicator" if count == 1 else "indicators"
    verb = "is" if count == 1 else "are"
    blocks = []
    if examples:
        blocks.append(
            Para(number.next(), f"There {verb} {count} {colour_words} {noun} this {period}. Below are some examples.")
        )
        for example in examples:
            blocks.append(
                Labelled(
                    number.next_sub(), example.ref.label, example.commentary or "No commentary.", example.ref.anchor
                )
            )
    elif count:
        blocks.append(
            Para(
                number.next(),
                f"There {verb} {count} {colour_words} {noun} this {period}. "
                "No examples of their commentary have been chosen for this paper.",
            )
        )
    else:
        blocks.append(Para(number.next(), f"There are no {colour_words} indicators this {period}."))
    return blocks


def _movement_bullets(movements) -> list[Bullet]:
    items = []
    for movement in movements:
        if movement.count == 1:
            items.append(Bullet(f"{movement.sentence}: {movement.indicators[0].label}"))
        else:
            items.append(Bullet(f"{movement.sentence}:", children=[ref.label for ref in movement.indicators]))
    return items


def _reasons(apart: list[ListedApart]) -> list[Bullet]:
    return [Bullet(f"{item.ref.label} ({item.reason})") for item in apart]


def performance_sections(report: PerformanceReport) -> list[Section]:
    """The body of the performance report paper, numbered in order."""
    counts = report.counts
    sections = []
    # The body's scheme: a three-band one (no Blue in its key) rates Red, Amber and Green only.
    has_blue = any(status == Status.BLUE.value for status, _ in report.key)
    short = "RAGB" if has_blue else "RAG"
    bands = f"Red / Amber / Green / Blue ({short})" if has_blue else f"Red / Amber / Green ({short})"
    good_words = "Green and Blue" if has_blue else "Green"

    one = _Numberer(1)
    purpose = Section("1", "Purpose")
    purpose.blocks.append(
        Para(
            one.next(),
            f"This report analyses the key performance indicators (KPIs) monitored by the {report.committee_name} "
            f"for {report.quarter_label}, covering {long_date(report.period_start)} to "
            f"{long_date(report.period_end)}.",
        )
    )
    sections.append(purpose)

    two = _Numberer(2)
    background = Section("2", "Background")
    background.blocks += [
        Para(
            two.next(),
            f"This report, delivered {report.cadence_word}, supports the committee in its performance management "
            "role. It gives "
            "the status of the selected KPIs which track the performance of the services the committee oversees.",
        ),
        Para(
            two.next(),
            f"The most recent data for each indicator is in Appendix 1, one page per indicator: current and previous "
            f"performance with a chart of recent values and the projected linear trend; the target; the "
            f"{bands} status; the direction for improvement; the change in performance; "
            f"comparators; the description; and the approved commentary and actions. It was produced on "
            f"{long_date(report.produced_on)}.",
        ),
        Para(two.next(), f"The following {short} criteria are used, here and in the appendix:"),
        Bullets([Bullet(text, lead=status) for status, text in report.key]),
    ]
    sections.append(background)

    three = _Numberer(3)
    issues = Section("3", "Main issues")
    table_number = three.next()
    not_updated_number = f"3.{three.count + 1}"
    not_available_number = f"3.{three.count + 2}" if counts.not_available else ""
    not_rated_number = f"3.{three.count + (3 if counts.not_available else 2)}" if counts.not_rated else ""
    issues.blocks += [
        Para(table_number, "Current performance of the indicators monitored by the Committee is as follows:"),
        CountTable(
            counts.table,
            counts.counted_total,
            report.rounding_note,
            _apart_note(counts, not_updated_number, not_rated_number, report.period_word, not_available_number),
        ),
    ]
    if counts.not_updated:
        one = len(counts.not_updated) == 1
        noun, verb = ("indicator", "is") if one else ("indicators", "are")
        issues.blocks.append(
            Para(
                three.next(),
                f"The following {noun} will not be updated this {report.period_word}, and {verb} not counted in 3.1:",
            )
        )
        for item in counts.not_updated:
            issues.blocks.append(Labelled(three.next_sub(), item.ref.label, item.reason, item.ref.anchor))
    else:
        issues.blocks.append(Para(three.next(), f"Every indicator has been updated this {report.period_word}."))
    if counts.not_available:
        issues.blocks.append(
            Para(
                three.next(),
                f"The figures of the following indicators are not available this {report.period_word} (the source "
                "system could not produce them), and they are not counted in 3.1:",
            )
        )
        issues.blocks.append(Bullets(_reasons(counts.not_available)))
    if counts.not_rated:
        issues.blocks.append(
            Para(
                three.next(),
                f"The following indicators have no status this {report.period_word} and are not counted in 3.1:",
            )
        )
        issues.blocks.append(Bullets(_reasons(counts.not_rated)))
    issues.blocks += _examples_blocks(
        three, counts.examples_green_blue, counts.green_blue_count, good_words, report.period_word
    )
    issues.blocks += _examples_blocks(three, counts.examples_red, counts.red_count, "Red", report.period_word)
    issues.blocks.append(Para("", "Detailed commentary and summary of each indicator can be found in Appendix 1."))
    without_target = counts.without_target_count
    if without_target:
        verb = "is" if without_target == 1 else "are"
        issues.blocks.append(
            Para(
                three.next(),
                f"There {verb} {plural(without_target, 'indicator')} without a performance target (Baseline, "
                "Contextual or In development). Not all indicators have targets: targets may be in development, or "
                "the indicator is monitored for context.",
            )
        )
    suspended = counts.count_of("Suspended")
    if suspended:
        issues.blocks.append(
            Para(three.next(), f"{plural(suspended, 'indicator')} suspended this {report.period_word}.")
        )
    sections.append(issues)

    sections.append(_conclusion(report))
    sections.append(
        Section(
            "5",
            "Significant implications",
            [
                Para(
                    "5.1",
                    f"This report monitors {report.cadence_word} performance. "
                    "There are no significant implications within this report.",
                )
            ],
        )
    )
    sections.append(
        Section(
            "6",
            "Source documents",
            [Para("6.1", f"Appendix 1: {report.committee_name} Performance Report, {report.quarter_label}.")],
        )
    )
    return sections


def _has(count: int) -> str:
    return f"{plural(count, 'indicator')} {'has' if count == 1 else 'have'}"


def _is(count: int) -> str:
    return f"{plural(count, 'indicator')} {'is' if count == 1 else 'are'}"


def _conclusion(report: PerformanceReport) -> Section:
    counts = report.counts
    four = _Numberer(4)
    section = Section("4", "Conclusion and recommendations")
    previous = f"the {report.previous_quarter_label} paper" if report.previous_quarter_label else "the previous paper"
    improved = counts.improved_count
    section.blocks.append(
        Para(
            four.next(),
            f"Paragraph 3.1 shows the breakdown of RAG status for this committee's indicator set. Compared with the "
            f"statuses published in {previous}, {_has(improved)} improved, {_has(counts.declined_count)} declined, "
            f"{_is(len(counts.unchanged))} unchanged and {plural(len(counts.not_comparable), 'indicator')} "
            f"cannot be compared: {plural(counts.total, 'indicator')} in all.",
        )
    )
    if counts.improved:
        section.blocks.append(Para("", f"{plural(improved, 'indicator')} saw an improvement in performance:"))
        section.blocks.append(Bullets(_movement_bullets(counts.improved)))
    else:
        section.blocks.append(Para("", "No indicator saw an improvement in its RAG status."))
    if counts.declined:
        section.blocks.append(Para("", f"{plural(counts.declined_count, 'indicator')} saw a decline in performance:"))
        section.blocks.append(Bullets(_movement_bullets(counts.declined)))
    else:
        section.blocks.append(Para("", "No indicator saw a decline in its RAG status."))
    if counts.unchanged:
        noun = "indicator's" if len(counts.unchanged) == 1 else "indicators'"
        section.blocks.append(Para("", f"{len(counts.unchanged)} {noun} RAG status has remained unchanged:"))
        section.blocks.append(Bullets(_labels(counts.unchanged)))
    else:
        section.blocks.append(Para("", "No indicator's RAG status has remained unchanged."))
    if counts.not_comparable:
        section.blocks.append(
            Para("", f"{plural(len(counts.not_comparable), 'indicator')} cannot be compared with {previous}:")
        )
        section.blocks.append(Bullets(_reasons(counts.not_comparable)))
    section.blocks.append(
        Para(four.next(), "The Committee is asked to note the performance information and act, as necessary.")
    )
    return section
