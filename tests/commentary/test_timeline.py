"""The audit timeline: who, in what role, when, what, why, and old → new with the words that changed."""

from django.template import Context, Template
from django.test import RequestFactory

from commentary.services import return_return, return_save, return_submit
from commentary.timeline import DiffBudget, indicator_timeline, return_timeline, word_diff_html
from cyp.audit import audit_record
from cyp.enums import AuditAction


def test_word_diff_marks_removed_and_added_words_and_escapes_them():
    html = str(word_diff_html("rose to <b>73.2%</b>", "rose to <b>78.9%</b>"))

    assert html == (
        "rose to "
        '<del class="bg-danger-subtle"><span class="visually-hidden">[removed: </span>&lt;b&gt;73.2%&lt;/b&gt;'
        '<span class="visually-hidden">]</span></del>'
        '<ins class="bg-success-subtle"><span class="visually-hidden">[added: </span>&lt;b&gt;78.9%&lt;/b&gt;'
        '<span class="visually-hidden">]</span></ins>'
    )


def test_the_return_timeline_lists_each_move_newest_first_with_role_comment_and_changes(ret, lead, governance):
    ret = return_save(ret=ret, by=lead, content={"commentary": "Take-up rose."}, expected_version=1)
    ret = return_submit(ret=ret, by=lead)
    return_return(ret=ret, by=governance, comment="Give the national figure.")

    entries = return_timeline(ret=ret)

    assert [(e.action, e.who, e.role, e.event.comment) for e in entries] == [
        ("Return sent back", str(governance), "Governance team", "Give the national figure."),
        ("Return submitted", str(lead), "Service lead", ""),
        ("Return saved", str(lead), "Service lead", ""),
    ]
    assert [(c.label, c.old, c.new) for c in entries[0].changes] == [("State", "Submitted", "Returned")]
    (commentary,) = entries[2].changes
    assert commentary.label == "Commentary" and "<ins" in commentary.diff


def test_the_indicator_timeline_shows_return_events_only_to_those_who_may_see_the_return(
    ret, lead, other_lead, governance, member
):
    return_save(ret=ret, by=lead, content={"commentary": "Draft words."}, expected_version=1)
    audit_record(
        action=AuditAction.INDICATOR_CHANGE, target=ret.indicator, actor=governance, changes={"name": ["a", "b"]}
    )

    def actions(user):
        return [entry.action for entry in indicator_timeline(indicator=ret.indicator, user=user)]

    assert actions(governance) == ["Indicator changed", "Return saved"]
    assert actions(lead) == ["Indicator changed", "Return saved"]
    assert actions(other_lead) == ["Indicator changed"]
    assert actions(member) == []


def test_the_indicator_timeline_tag_renders_for_staff_and_nothing_for_members(ret, lead, member):
    return_save(ret=ret, by=lead, content={"commentary": "Draft words."}, expected_version=1)
    template = Template("{% load commentary_tags %}{% indicator_timeline indicator %}")

    def render(user):
        request = RequestFactory().get("/")
        request.user = user
        return template.render(Context({"request": request, "indicator": ret.indicator}))

    assert "History of changes and decisions" in render(lead)
    assert "Return 2024/25-Q1" in render(lead)
    assert render(member).strip() == ""


# --- The word diff is bounded in time whatever the texts' size ---------------------------------


def _prose(length: int, seed: int) -> str:
    """Paragraphs of words drawn as in real prose: a few very common, most rare (Zipf over 3,000)."""
    import random

    words = [f"word{rank}" for rank in range(3_000)]
    weights = [1 / (rank + 1) for rank in range(3_000)]
    chooser = random.Random(seed)
    paragraphs, size = [], 0
    while size < length:
        paragraph = " ".join(chooser.choices(words, weights, k=chooser.randint(40, 120))) + ".\n\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "".join(paragraphs)[:length]


def _sides(html: str) -> tuple[str, str]:
    """The old and the new text back from a diff: equal + removed, and equal + added."""
    import html as html_module
    import re

    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    old = re.sub(r"<ins[^>]*>.*?</ins>", "", html, flags=re.S)
    new = re.sub(r"<del[^>]*>.*?</del>", "", html, flags=re.S)
    strip = lambda text: html_module.unescape(re.sub(r"</?(del|ins)[^>]*>", "", text))  # noqa: E731
    return strip(old), strip(new)


def test_two_texts_at_the_commentary_limit_rewritten_throughout_diff_word_by_word_well_under_a_second():
    import time

    old, new = _prose(12_000, 1), _prose(12_000, 2)

    started = time.perf_counter()
    html = str(word_diff_html(old, new, whole=True))
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0  # about 60 ms on the shared 2-CPU machine
    assert _sides(html) == (old, new)
    assert "<del" in html and "<ins" in html


def test_a_small_edit_in_long_texts_marks_only_the_words_that_changed():
    old = _prose(40_000, 3)
    new = old[:20_000] + "UNEXPECTED " + old[20_000:]

    html = str(word_diff_html(old, new, whole=True))

    assert html.count("<ins") == 1 and "UNEXPECTED" in html
    assert _sides(html) == (old, new)


def test_long_unchanged_stretches_are_shortened_to_their_ends_around_the_change():
    old = "a " * 5_000 + "rose" + " b" * 5_000
    new = "a " * 5_000 + "fell" + " b" * 5_000

    html = str(word_diff_html(old, new))

    assert html.count('<span class="text-muted-strong">[… 9,400 characters unchanged …]</span>') == 1
    assert html.count('<span class="text-muted-strong">[… 9,399 characters unchanged …]</span>') == 1
    assert ">rose <" in html and ">fell <" in html
    assert len(html) < 2_000


def test_texts_too_long_to_diff_word_by_word_are_diffed_by_paragraph():
    old = _prose(50_000, 4)
    paragraphs = old.split("\n\n")
    paragraphs[3] = "A new paragraph replaces the fourth."
    new = "\n\n".join(paragraphs)

    html = str(word_diff_html(old, new, whole=True))

    assert _sides(html) == (old, new)
    assert "A new paragraph replaces the fourth." in html
    assert len(html) < len(old) + 2_000  # the unchanged paragraphs are printed once, not removed and added


def test_two_2_mb_texts_are_not_compared_and_the_timeline_says_how_long_they_are():
    import time

    old, new = "x " * 1_000_000, "y " * 1_000_000

    started = time.perf_counter()
    html = str(word_diff_html(old, new))
    elapsed = time.perf_counter() - started

    assert elapsed < 0.1
    assert html == (
        '<span class="visually-hidden">[not compared] </span>Replaced a text of 2,000,000 characters '
        "with one of 2,000,000 characters: too long to compare here."
    )


def test_the_diff_shows_the_texts_without_control_characters_and_escaped():
    html = str(word_diff_html("Rose\vsharply\x07.", "Rose\u202e <script>alert(1)</script>", whole=True))

    assert "\x07" not in html and "\v" not in html and "\u202e" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert _sides(html) == ("Rose\nsharply.", "Rose <script>alert(1)</script>")


def test_a_return_rewritten_at_the_limit_fourteen_times_shows_every_change_within_a_bounded_time(ret, lead):
    import time

    for seed in range(14):
        ret = return_save(
            ret=ret, by=lead, content={"commentary": _prose(12_000, 10 + seed)}, expected_version=ret.version
        )

    started = time.perf_counter()
    entries = return_timeline(ret=ret)
    elapsed = time.perf_counter() - started

    assert elapsed < 2.0  # about 0.2 s of processor time on the shared 2-CPU machine
    diffs = [str(entry.changes[0].diff) for entry in entries]
    assert len(diffs) == 14 and all("<ins" in diff and "<del" in diff for diff in diffs)
    assert not _by_paragraph(diffs[0])  # the newest compared word by word


def test_a_spent_budget_compares_by_paragraph_instead_of_word_by_word():
    old, new = _prose(12_000, 1), _prose(12_000, 2)

    by_word = str(word_diff_html(old, new))
    by_paragraph = str(word_diff_html(old, new, budget=DiffBudget(0)))

    assert not _by_paragraph(by_word)
    assert _by_paragraph(by_paragraph)
    assert _sides(str(word_diff_html(old, new, budget=DiffBudget(0), whole=True))) == (old, new)


def _by_paragraph(html: str) -> bool:
    """True when every removed piece is whole lines (a paragraph diff), not runs of words."""
    import re

    removed = re.findall(r"\[removed: </span>(.*?)<span", html, flags=re.S)
    return len(removed) > 1 and all(piece.endswith("\n") for piece in removed[:-1])
