import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.analyses import analysis_of
from xrefviewer.core.claims import Claim
from xrefviewer.core.discrepancies import (
    compare_values,
    discrepancies_among,
    discrepancies_to_json,
    find_discrepancies,
    value_range,
)
from xrefviewer.core.events import build_events
from xrefviewer.core.model import Analysis, Document, Mention, SourceText


def report(text, doc_date="2014-06-05", *, figure, value, date=None, names=(), **fields):
    spans = [("figure", figure, {"value": value, **fields})]
    if date:
        spans.append(("date", date[0], {"value": date[1]}))
    spans += [("name", n, {"value": n, "type": "place"}) for n in names]
    return (text, doc_date, spans)


ATTACK_41 = report(
    "On June 3, gunmen killed 41 villagers in Halabja.",
    figure="41", value=41, counts="villagers", action="kill",
    date=("June 3", "2014-06-03"), names=("Halabja",),
)  # fmt: skip


def test_different_tolls_for_the_same_attack_are_a_value_discrepancy():
    other = report(
        "The June 3 assault on Halabja left 38 deaths.",
        figure="38", value=38, counts="deaths",
        date=("June 3", "2014-06-03"), names=("Halabja",),
    )  # fmt: skip
    [found] = find_discrepancies(analysis_of(ATTACK_41, other))
    assert found.kind == "value"
    assert found.documents == ("d1", "d2")
    assert [c.text for c in found.claims] == ["41", "38"]
    assert found.conflicts == (("m1", "m4"),)
    assert "41 vs 38" in found.label and "Halabja" in found.label


def test_the_same_toll_is_never_flagged():
    other = report(
        "Fifty-two... no: 41 people were killed in Halabja on June 3.",
        figure="41 people", value=41, counts="people", action="killed",
        date=("June 3", "2014-06-03"), names=("Halabja",),
    )  # fmt: skip
    assert find_discrepancies(analysis_of(ATTACK_41, other)) == []


def test_different_places_on_the_same_day_are_not_grouped():
    other = report(
        "On June 3, gunmen killed 38 villagers in Kirkuk.",
        figure="38", value=38, counts="villagers", action="kill",
        date=("June 3", "2014-06-03"), names=("Kirkuk",),
    )  # fmt: skip
    assert find_discrepancies(analysis_of(ATTACK_41, other)) == []


def test_different_things_counted_are_not_grouped():
    other = report(
        "On June 3, gunmen killed 12 soldiers in Halabja.",
        figure="12", value=12, counts="soldiers", action="kill",
        date=("June 3", "2014-06-03"), names=("Halabja",),
    )  # fmt: skip
    wounded = report(
        "On June 3, gunmen wounded 60 villagers in Halabja.",
        figure="60", value=60, counts="villagers", action="wound",
        date=("June 3", "2014-06-03"), names=("Halabja",),
    )  # fmt: skip
    assert find_discrepancies(analysis_of(ATTACK_41, other, wounded)) == []


def test_two_figures_in_one_document_are_never_a_discrepancy():
    text = "On June 3, gunmen killed 41 villagers in Halabja; 38 people were killed in Halabja."
    a = analysis_of(
        (text, "2014-06-05", [
            ("date", "June 3", {"value": "2014-06-03"}),
            ("figure", "41", {"value": 41, "counts": "villagers", "action": "kill"}),
            ("figure", "38", {"value": 38, "counts": "people", "action": "kill"}),
            ("name", "Halabja", {"value": "Halabja"}),
        ])
    )  # fmt: skip
    assert find_discrepancies(a) == []


def test_undated_reports_of_the_same_week_about_the_same_place_are_grouped():
    a = report(
        "Gunmen killed 41 villagers in Halabja.", "2014-06-04",
        figure="41", value=41, counts="villagers", action="kill", names=("Halabja",),
    )  # fmt: skip
    b = report(
        "The attack in Halabja left 35 people dead.", "2014-06-06",
        figure="35", value=35, counts="people", action="kill", names=("Halabja",),
    )  # fmt: skip
    months_later = replace_date(b, "2014-11-06")
    assert [d.kind for d in find_discrepancies(analysis_of(a, b))] == ["value"]
    assert find_discrepancies(analysis_of(a, months_later)) == []


def replace_date(doc, new_date):
    return (doc[0], new_date, doc[2])


def test_a_named_event_groups_without_a_shared_place_name():
    a = report(
        "Over 30,000 political prisoners were executed in the 1988 massacre.", None,
        figure="30,000", value=30000, counts="political prisoners", action="execute",
        qualifier="over", date=("1988", "1988"),
    )  # fmt: skip
    b = report(
        "In the 1988 massacre, 20,000 prisoners were executed.", None,
        figure="20,000", value=20000, counts="prisoners", action="executed",
        date=("1988", "1988"),
    )  # fmt: skip
    c = report(
        "In the 1988 massacre, 33,700 prisoners were executed.", None,
        figure="33,700", value=33700, counts="prisoners", action="executed",
        date=("1988", "1988"),
    )  # fmt: skip
    [found] = find_discrepancies(analysis_of(a, b, c))
    assert found.kind == "value"
    # "over 30,000" and 33,700 agree; only 20,000 clashes with either.
    assert found.conflicts == (("m1", "m3"), ("m3", "m5"))


def test_about_and_more_than_the_same_number_clash_in_meaning():
    a = report(
        "About 2,000 residents fled Ramadi on June 3.",
        figure="2,000", value=2000, counts="residents", action="flee", qualifier="about",
        date=("June 3", "2014-06-03"), names=("Ramadi",),
    )  # fmt: skip
    b = report(
        "More than 2,000 residents fled Ramadi on June 3.",
        figure="2,000", value=2000, counts="residents", action="fled", qualifier="more than",
        date=("June 3", "2014-06-03"), names=("Ramadi",),
    )  # fmt: skip
    [found] = find_discrepancies(analysis_of(a, b))
    assert found.kind == "qualifier"


def test_the_same_figure_dated_differently_is_a_date_discrepancy():
    a = report(
        "On June 3, gunmen killed 41 villagers in Halabja.",
        figure="41", value=41, counts="villagers", action="kill",
        date=("June 3", "2014-06-03"), names=("Halabja",),
    )  # fmt: skip
    b = report(
        "On June 1, 41 people were killed in Halabja.",
        figure="41", value=41, counts="people", action="kill",
        date=("June 1", "2014-06-01"), names=("Halabja",),
    )  # fmt: skip
    [found] = find_discrepancies(analysis_of(a, b))
    assert found.kind == "date"
    assert "2014-06-03 vs 2014-06-01" in found.label


def test_a_small_figure_on_two_days_is_two_happenings_not_a_date_discrepancy():
    a = report(
        "On June 3, a bomb killed two soldiers in Kabul.",
        figure="two", value=2, counts="soldiers", action="kill",
        date=("June 3", "2014-06-03"), names=("Kabul",),
    )  # fmt: skip
    b = report(
        "On June 1, a bomb killed two soldiers in Kabul.",
        figure="two", value=2, counts="soldiers", action="kill",
        date=("June 1", "2014-06-01"), names=("Kabul",),
    )  # fmt: skip
    assert find_discrepancies(analysis_of(a, b)) == []


def test_json_shape_names_documents_and_quotes():
    other = report(
        "The June 3 assault on Halabja left 38 deaths.",
        figure="38", value=38, counts="deaths",
        date=("June 3", "2014-06-03"), names=("Halabja",),
    )  # fmt: skip
    analysis = analysis_of(ATTACK_41, other)
    out = discrepancies_to_json(find_discrepancies(analysis), analysis)
    json.dumps(out)
    assert [d["id"] for d in out["documents"]] == ["d1", "d2"]
    [d] = out["discrepancies"]
    assert d["claims"][0]["quote"] == "On June 3, gunmen killed 41 villagers in Halabja."
    assert d["claims"][1]["value"] == 38


# -- value rules -------------------------------------------------------------------------------


def claim(value: float, bound: str = "exact") -> Claim:
    return Claim(
        "m", "d", value, None, bound, None, "person", "person", None, "kill",  # type: ignore[arg-type]
        (), (), (), (0, 0), "", str(value),
    )  # fmt: skip


@pytest.mark.parametrize(
    "a, b, relation",
    [
        (claim(41), claim(41), "same"),
        (claim(41), claim(38), "value"),
        (claim(50), claim(52), "value"),
        (claim(30000, "lower"), claim(30000), "same"),  # "more than 30,000" ~ "30,000"
        (claim(50, "lower"), claim(50), "same"),  # "at least 50" ~ "50"
        (claim(50, "lower"), claim(45), "value"),  # "at least 50" vs "45"
        (claim(2000, "approx"), claim(2000, "lower"), "qualifier"),
        (claim(2000, "near"), claim(2000, "lower"), "qualifier"),
        (claim(50, "lower"), claim(50, "upper"), "qualifier"),
        (claim(2000, "approx"), claim(1950), "same"),
        (claim(2000, "approx"), claim(2500), "value"),
        (claim(2000, "near"), claim(1950), "same"),
        (claim(2000, "near"), claim(2100), "value"),
        (claim(100, "upper"), claim(80), "same"),
        (claim(100, "upper"), claim(120, "lower"), "value"),
        (claim(30, "lower"), claim(300, "lower"), "same"),
        (claim(2000, "approx"), claim(2000), "same"),
    ],
)
def test_compare_values(a, b, relation):
    assert compare_values(a, b) == relation
    assert compare_values(b, a) == relation


def test_value_range_of_an_approximation_allows_five_percent():
    assert value_range(claim(2000, "approx")) == (1900, 2100)


def test_claims_without_an_action_are_never_grouped():
    a = replace(claim(41), document="d1", mention="m1", action=None, names=("X",))
    b = replace(claim(38), document="d2", mention="m2", action=None, names=("X",))
    assert discrepancies_among([a, b]) == []


# -- measured on sentence pairs through the real pipeline ---------------------------------------

PAIRS = Path(__file__).parent / "data" / "discrepancy_pairs.jsonl"


def _pair_kinds(pair: dict) -> set[str]:
    from xrefviewer.core.analyze import AnalysisOptions, analyze

    known = {f"{side}.txt": pair[side]["date"] for side in "ab" if pair[side]["date"]}
    sources = [SourceText(f"{side}.txt", pair[side]["text"], title=side) for side in "ab"]
    return {
        d.kind for d in find_discrepancies(analyze(sources, AnalysisOptions(known_dates=known)))
    }


def test_precision_and_recall_on_the_pair_set():
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    assert len(pairs) >= 40
    tp = fp = fn = 0
    misses = []
    for pair in pairs:
        kinds = _pair_kinds(pair)
        expected = pair["expected"]
        if expected and expected in kinds:
            tp += 1
        elif expected:
            fn += 1
            misses.append(f"missed {pair['id']}: {pair['why']}")
        if kinds and (not expected or expected not in kinds):
            fp += 1
            misses.append(f"false alarm {pair['id']} {sorted(kinds)}: {pair['why']}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"\n{len(pairs)} pairs: precision {precision:.2f}, recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn})"
    )
    print("\n".join(misses))
    assert precision >= 0.9, misses
    assert recall >= 0.75, misses


# -- properties ----------------------------------------------------------------------------------

BOUNDS = st.sampled_from(["exact", "approx", "near", "lower", "upper"])
VALUES = st.integers(min_value=0, max_value=10**7)


@given(VALUES, VALUES, BOUNDS, BOUNDS)
def test_comparison_is_symmetric(x, y, bx, by):
    assert compare_values(claim(x, bx), claim(y, by)) == compare_values(claim(y, by), claim(x, bx))


@given(VALUES, BOUNDS)
def test_an_equal_claim_never_clashes(x, bound):
    assert compare_values(claim(x, bound), claim(x, bound)) == "same"


@given(VALUES, st.sampled_from(["exact", "approx", "lower", "upper", "near"]))
def test_an_exact_figure_meets_any_bound_on_the_same_value(x, bound):
    assert compare_values(claim(x), claim(x, bound)) == "same"


QUALIFIERS = {"exact": None, "approx": "about", "near": "nearly", "lower": "over", "upper": "up to"}


def _copy_of(
    figures: list[tuple[int, str]], doc_id: str, first_id: int
) -> tuple[Document, list[Mention]]:
    """One document with a sentence a figure, each dated and placed: every mention by offset."""
    text, mentions, n = "", [], first_id
    for value, bound in figures:
        sentence = f"On June 3, 2014, gunmen killed {value} villagers in Maiduguri. "
        at = len(text)
        for kind, written, fields in (
            ("date", "June 3, 2014", {"value": "2014-06-03"}),
            ("figure", str(value), {"value": value, "counts": "villagers", "action": "kill",
                                    "qualifier": QUALIFIERS[bound]}),
            ("name", "Maiduguri", {"value": "Maiduguri"}),
        ):  # fmt: skip
            start = at + sentence.index(written, len("On June 3, 2014") if kind == "figure" else 0)
            n += 1
            value_ = fields.pop("value")
            mentions.append(
                Mention(
                    f"m{n}", doc_id, kind, start, start + len(written), written, value_, **fields
                )
            )
        text += sentence
    return Document(doc_id, f"{doc_id}.txt", doc_id, text, "2014-06-04", "supplied"), mentions


@given(st.lists(st.tuples(VALUES, BOUNDS), min_size=1, max_size=4))
def test_two_copies_of_one_document_never_disagree(figures):
    analysis = Analysis()
    for doc_id, first in (("d1", 0), ("d2", 100)):
        doc, mentions = _copy_of(figures, doc_id, first)
        analysis.documents.append(doc)
        analysis.mentions.extend(mentions)
    analysis.events = build_events(analysis.documents, analysis.mentions)
    assert [d for d in find_discrepancies(analysis) if d.kind != "date"] == []
    assert find_discrepancies(analysis) == []


def test_a_document_that_gives_both_figures_agrees_with_one_that_gives_either():
    analysis = Analysis()
    for doc_id, first, figures in (("d1", 0, [(10, "exact"), (20, "exact")]), ("d2", 100, [(20, "exact")]),
                                   ("d3", 200, [(10, "exact")])):  # fmt: skip
        doc, mentions = _copy_of(figures, doc_id, first)
        analysis.documents.append(doc)
        analysis.mentions.extend(mentions)
    analysis.events = build_events(analysis.documents, analysis.mentions)
    [found] = find_discrepancies(analysis)
    # d1 says both 10 and 20: only d2 (20) and d3 (10) disagree.
    assert {
        c.document for c in found.claims if c.mention in {m for p in found.conflicts for m in p}
    } == {"d2", "d3"}


def test_a_months_total_is_not_compared_with_one_days_toll():
    month = report(
        "In June 2014, 2,000 people were killed in Syria.", "2014-07-01",
        figure="2,000", value=2000, counts="people", action="kill",
        date=("June 2014", "2014-06"), names=("Syria",),
    )  # fmt: skip
    day = report(
        "On June 3, 2014, 41 people were killed in Syria.", "2014-06-04",
        figure="41", value=41, counts="people", action="kill",
        date=("June 3, 2014", "2014-06-03"), names=("Syria",),
    )  # fmt: skip
    other_month = report(
        "Monitors counted 1,500 people killed in Syria in June 2014.", "2014-07-02",
        figure="1,500", value=1500, counts="people", action="kill",
        date=("June 2014", "2014-06"), names=("Syria",),
    )  # fmt: skip
    assert find_discrepancies(analysis_of(month, day)) == []
    [found] = find_discrepancies(analysis_of(month, day, other_month))
    assert [c.text for c in found.claims] == ["2,000", "1,500"]
