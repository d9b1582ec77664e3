"""The audit timeline: who, in what role, when, what, why, and old → new with the words that changed."""

from django.template import Context, Template
from django.test import RequestFactory

from commentary.services import return_return, return_save, return_submit
from commentary.timeline import indicator_timeline, return_timeline, word_diff_html
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
