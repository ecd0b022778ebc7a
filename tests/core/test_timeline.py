from datetime import date

from support.analyses import analysis_of
from xrefviewer.core.model import Analysis, Link
from xrefviewer.core.timeline import merge_timeline


def killed(text, day, value, place, *, written=None, doc_date="2014-06-05"):
    written = written or str(value)
    return (
        text,
        doc_date,
        [
            ("date", day[0], {"value": day[1]}),
            ("figure", written, {"value": value, "counts": "people", "action": "kill"}),
            ("name", place, {"value": place, "type": "place"}),
        ],
    )


def test_one_happening_in_two_documents_is_one_entry_with_both_sources():
    a = killed(
        "On June 3, 41 people were killed in Halabja.", ("June 3", "2014-06-03"), 41, "Halabja"
    )
    b = killed(
        "Gunmen killed 41 people in Halabja on Tuesday.", ("Tuesday", "2014-06-03"), 41, "Halabja"
    )
    [entry] = merge_timeline(analysis_of(a, b))
    assert entry.date == "2014-06-03"
    assert (entry.first, entry.last) == (date(2014, 6, 3), date(2014, 6, 3))
    assert entry.documents == ("d1", "d2")
    assert [s.text for s in entry.sources] == [
        "On June 3, 41 people were killed in Halabja.",
        "Gunmen killed 41 people in Halabja on Tuesday.",
    ]
    assert entry.names == ("Halabja",)
    assert entry.label == "On June 3, 41 people were killed in Halabja."


def test_the_same_date_with_nothing_else_in_common_stays_two_entries():
    a = killed(
        "On June 3, 41 people were killed in Halabja.", ("June 3", "2014-06-03"), 41, "Halabja"
    )
    b = killed(
        "On June 3, 12 people were killed in Kirkuk.", ("June 3", "2014-06-03"), 12, "Kirkuk"
    )
    entries = merge_timeline(analysis_of(a, b))
    assert [e.documents for e in entries] == [("d1",), ("d2",)]
    assert [e.id for e in entries] == ["t1", "t2"]


def test_a_shared_figure_link_on_the_same_date_merges_without_a_shared_name():
    a = (
        "In 1988, the regime executed 30,000 political prisoners.",
        None,
        [("date", "1988", {"value": "1988"}),
         ("figure", "30,000", {"value": 30000, "counts": "political prisoners", "action": "execute"})],
    )  # fmt: skip
    b = (
        "Terzi recalled the 1988 massacre of 30,000 political prisoners.",
        None,
        [("date", "1988", {"value": "1988"}),
         ("figure", "30,000", {"value": 30000, "counts": "political prisoners"}),
         ("name", "Terzi", {"value": "Giulio Terzi", "type": "person"})],
    )  # fmt: skip
    analysis = analysis_of(a, b)
    figures = [m.id for m in analysis.mentions if m.kind == "figure"]
    analysis.links.append(Link("l1", "figure", "30,000 political prisoners", tuple(figures)))
    [entry] = merge_timeline(analysis)
    assert entry.documents == ("d1", "d2")
    assert entry.figures == ("30,000",)
    assert (entry.first, entry.last) == (date(1988, 1, 1), date(1988, 12, 31))


def test_statements_without_figures_merge_on_two_shared_names_not_one():
    def said(text, names):
        return (
            text,
            "2014-08-14",
            [("date", "August 13", {"value": "2014-08-13"})]
            + [("name", n, {"value": n}) for n in names],
        )

    a = said("On August 13, Rajavi spoke in Geneva.", ["Rajavi", "Geneva"])
    b = said("Rajavi addressed a Geneva conference on August 13.", ["Rajavi", "Geneva"])
    c = said("On August 13, Rajavi wrote to the council.", ["Rajavi"])
    entries = merge_timeline(analysis_of(a, b, c))
    assert [e.documents for e in entries] == [("d1", "d2"), ("d3",)]


def test_entries_are_in_chronological_order_and_uncalendared_dates_last():
    a = killed(
        "On June 3, 41 people were killed in Halabja.", ("June 3", "2014-06-03"), 41, "Halabja"
    )
    b = (
        "In 2013, 12 people were killed in Kirkuk. Recently, more died.",
        None,
        [("date", "2013", {"value": "2013"}),
         ("figure", "12", {"value": 12, "counts": "people", "action": "kill"}),
         ("name", "Kirkuk", {"value": "Kirkuk"}),
         ("date", "Recently", {"value": "PAST_REF"})],
    )  # fmt: skip
    entries = merge_timeline(analysis_of(a, b))
    assert [e.date for e in entries] == ["2013", "2014-06-03", "PAST_REF"]
    assert entries[-1].first is None


def test_the_same_toll_on_two_different_days_is_flagged_as_a_date_discrepancy():
    a = killed(
        "On June 3, 41 people were killed in Halabja.", ("June 3", "2014-06-03"), 41, "Halabja"
    )
    b = killed(
        "On June 1, 41 people were killed in Halabja.", ("June 1", "2014-06-01"), 41, "Halabja"
    )
    entries = merge_timeline(analysis_of(a, b))
    assert [(e.date, e.date_conflicts) for e in entries] == [
        ("2014-06-01", ("t2",)),
        ("2014-06-03", ("t1",)),
    ]


def test_no_events_no_timeline():
    assert merge_timeline(Analysis()) == []


def test_to_json_lists_sources():
    a = killed(
        "On June 3, 41 people were killed in Halabja.", ("June 3", "2014-06-03"), 41, "Halabja"
    )
    [entry] = merge_timeline(analysis_of(a))
    out = entry.to_json()
    assert out["documents"] == ["d1"]
    assert out["sources"][0]["text"] == "On June 3, 41 people were killed in Halabja."


def test_one_attack_with_two_tolls_is_one_entry():
    a = killed(
        "On June 3, 41 people were killed in Halabja.", ("June 3", "2014-06-03"), 41, "Halabja"
    )
    b = killed(
        "The June 3 attack in Halabja killed 38 people.", ("June 3", "2014-06-03"), 38, "Halabja"
    )
    [entry] = merge_timeline(analysis_of(a, b))
    assert entry.documents == ("d1", "d2")
    assert entry.figures == ("41", "38")
