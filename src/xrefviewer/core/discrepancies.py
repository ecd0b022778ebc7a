"""Discrepancies: where documents give different figures, or dates, for the same happening.

Claims (core/claims.py) about the same thing in different documents are grouped: same unit,
same action class, the same counted class (and "of" complement), and the same event: their
dates overlap and they share a name or an explicit event name ("the Halabja attack"). A group is
flagged when two of its claims cannot both be true:

- *value*: their value ranges do not meet ("41 killed" vs "38 deaths"; "more than 30,000" and
  "30,000" do meet);
- *qualifier*: the same number, but one qualifier says "close to it, either side" or "just
  below" and the other "above" or "below" ("about 2,000" vs "more than 2,000");
- *date*: the same figure for the same thing and names, dated on days that do not overlap.

Precision comes first: whatever is not clearly about the same thing is left ungrouped. The rules
and the measured precision and recall are in docs/discrepancies.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from xrefviewer.core.claims import (
    Claim,
    action_words,
    claims_from,
    name_keys,
    spans_overlap,
)
from xrefviewer.core.model import Analysis
from xrefviewer.core.timex import calendar_span
from xrefviewer.core.union_find import UnionFind

Kind = Literal["value", "qualifier", "date"]
Relation = Literal["same", "value", "qualifier"]

# "about 40" admits 38 to 42: the share of the value an approximation may be off by.
APPROX_TOLERANCE = 0.05
# "nearly 2,000" admits 1,800 up to 2,000.
NEAR_TOLERANCE = 0.10
# Below this, an equal figure on two different days is too common to be one happening
# ("two soldiers were killed" happens often) unless the event is named.
DATE_CONFLICT_MIN_VALUE = 10

_MEANING_CLASH = {
    frozenset({"approx", "lower"}),
    frozenset({"approx", "upper"}),
    frozenset({"near", "lower"}),
    frozenset({"lower", "upper"}),
}


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Claims about one happening that the documents do not agree on.

    Attributes:
        id: "x1", "x2", ... in the order found (by first mention).
        kind: "value", "qualifier" or "date".
        label: a readable one-liner: what is counted, the values, the shared names and dates.
        claims: every claim of the group, by document.
        conflicts: pairs of figure mention ids whose claims disagree.
    """

    id: str
    kind: Kind
    label: str
    claims: tuple[Claim, ...]
    conflicts: tuple[tuple[str, str], ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.document for c in self.claims))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "conflicts": [list(pair) for pair in self.conflicts],
            "claims": [
                {
                    "mention": c.mention,
                    "document": c.document,
                    "text": c.text,
                    "value": _plain(c.value),
                    "qualifier": c.qualifier,
                    "counts": c.counts,
                    "action": c.action,
                    "dates": list(c.dates),
                    "names": list(c.names),
                    "figure_start": c.span[0],
                    "figure_end": c.span[1],
                    "start": c.sentence[0],
                    "end": c.sentence[1],
                    "quote": c.quote,
                }
                for c in self.claims
            ],
        }


# -- comparing two claims ----------------------------------------------------------------------


def value_range(claim: Claim) -> tuple[float, float]:
    """The values a claim admits, both ends included (lenient: "more than 30,000" admits 30,000)."""
    v = claim.value
    if claim.bound == "approx":
        slack = max(abs(v) * APPROX_TOLERANCE, 1.0 if v >= 10 else 0.5)
        return v - slack, v + slack
    if claim.bound == "near":
        return v - abs(v) * NEAR_TOLERANCE, v
    if claim.bound == "lower":
        return v, math.inf
    if claim.bound == "upper":
        return -math.inf if v < 0 else 0.0, v
    return v, v


def compare_values(a: Claim, b: Claim) -> Relation:
    """ "same" when both claims can be true at once; otherwise what clashes."""
    if a.value == b.value and frozenset({a.bound, b.bound}) in _MEANING_CLASH:
        return "qualifier"
    lo_a, hi_a = value_range(a)
    lo_b, hi_b = value_range(b)
    return "same" if lo_a <= hi_b and lo_b <= hi_a else "value"


def same_subject(a: Claim, b: Claim) -> bool:
    """Same unit, action and counted class; "of" complements agree where both are written."""
    return (
        a.unit == b.unit
        and a.action is not None
        and a.action == b.action
        and a.counted_class == b.counted_class
        and (a.complement is None or b.complement is None or a.complement == b.complement)
    )


def same_event(a: Claim, b: Claim) -> bool:
    """Two claims in different documents speak of one happening: overlapping dates (the
    sentence's, else the week before the report) and a shared name, or the same named event."""
    if a.document == b.document:
        return False
    named = bool(set(a.named_events) & set(b.named_events))
    if not named and _grain(a) != _grain(b):
        return False  # a month's or a year's total is not the toll of one of its days
    if a.window is None or b.window is None:
        return named and (not a.dates or not b.dates or _dates_meet(a.dates, b.dates))
    if not spans_overlap(a.window, b.window):
        return False
    return named or bool(name_keys(a) & name_keys(b))


def _grain(claim: Claim) -> int:
    """How precisely the sentence dates its figure: 0 days or a week (or undated: the report's
    days), 1 a month or a season, 2 a year or more."""
    spans = [s for s in (calendar_span(d) for d in claim.dates) if s is not None]
    if not spans:
        return 0
    days = min((last - first).days + 1 for first, last in spans)
    return 0 if days <= 10 else 1 if days <= 92 else 2


def _dates_meet(a: Iterable[str], b: Iterable[str]) -> bool:
    spans_b = [calendar_span(d) for d in b]
    return any(spans_overlap(calendar_span(x), y) for x in a for y in spans_b)


# -- grouping ----------------------------------------------------------------------------------


def _blocks(claims: Sequence[Claim]) -> dict[tuple[Any, ...], list[int]]:
    blocks: dict[tuple[Any, ...], list[int]] = {}
    for i, c in enumerate(claims):
        if c.action is None:
            continue  # nothing said happened: too little to tell two figures are one claim
        blocks.setdefault((c.unit, c.action, c.counted_class), []).append(i)
    return blocks


def find_discrepancies(analysis: Analysis) -> list[Discrepancy]:
    """Every group of claims about one happening that the documents disagree on, value and
    qualifier clashes first (in document order), then date clashes."""
    return discrepancies_among(claims_from(analysis))


def _compare_all(
    claims: Sequence[Claim],
) -> tuple[UnionFind, list[tuple[int, int, Relation]], list[tuple[int, int]]]:
    """Group claims about the same happening; list the pairs whose values or dates clash."""
    groups = UnionFind(len(claims))
    clashes: list[tuple[int, int, Relation]] = []
    dated: list[tuple[int, int]] = []
    for members in _blocks(claims).values():
        for i, j in _candidate_pairs(claims, members):
            a, b = claims[i], claims[j]
            if a.document == b.document or not same_subject(a, b):
                continue
            if same_event(a, b):
                groups.union(i, j)
                relation = compare_values(a, b)
                if relation != "same":
                    clashes.append((i, j, relation))
            elif _date_clash(a, b):
                dated.append((i, j))
    return groups, clashes, dated


def claim_groups(claims: Sequence[Claim]) -> dict[str, int]:
    """Figure mention id -> a group number, for the figures that some figure in another
    document speaks of the same happening with (whether or not their values agree)."""
    groups, _, _ = _compare_all(claims)
    roots: dict[int, list[int]] = {}
    for i in range(len(claims)):
        roots.setdefault(groups.find(i), []).append(i)
    return {
        claims[i].mention: root
        for root, members in roots.items()
        if len(members) > 1
        for i in members
    }


def discrepancies_among(claims: Sequence[Claim]) -> list[Discrepancy]:
    groups, clashes, dated = _compare_all(claims)
    found: list[tuple[int, Kind, tuple[Claim, ...], tuple[tuple[str, str], ...]]] = []
    members_of: dict[int, list[int]] = {}
    for i in range(len(claims)):
        members_of.setdefault(groups.find(i), []).append(i)

    by_document: dict[str, list[Claim]] = {}
    for c in claims:
        by_document.setdefault(c.document, []).append(c)

    def also_says(document: str, other: int) -> bool:
        # A document that itself gives the other figure for the same happening ("the toll rose
        # to 41, up from 38") does not disagree with a document giving that figure. Looser than
        # grouping on purpose (the action may be missing): it can only withdraw a flag.
        o = claims[other]
        return any(
            c.unit == o.unit
            and c.counted_class in (o.counted_class, None)
            and c.action in (o.action, None)
            and compare_values(c, o) == "same"
            and (
                bool(name_keys(c) & name_keys(o)) or bool(set(c.named_events) & set(o.named_events))
            )
            and (c.window is None or o.window is None or spans_overlap(c.window, o.window))
            for c in by_document.get(document, ())
        )

    by_root: dict[int, list[tuple[int, int, Relation]]] = {}
    for i, j, relation in clashes:
        if also_says(claims[i].document, j) or also_says(claims[j].document, i):
            continue
        by_root.setdefault(groups.find(i), []).append((i, j, relation))
    for root, pairs in by_root.items():
        members = members_of[root]
        kind: Kind = "value" if any(r == "value" for _, _, r in pairs) else "qualifier"
        conflicts = tuple(sorted((claims[i].mention, claims[j].mention) for i, j, _ in pairs))
        found.append((min(members), kind, tuple(claims[i] for i in members), conflicts))
    for i, j in dated:
        found.append(
            (
                len(claims) + i,
                "date",
                (claims[i], claims[j]),
                ((claims[i].mention, claims[j].mention),),
            )
        )
    found.sort(key=lambda f: f[0])
    return [
        Discrepancy(f"x{n}", kind, _label(kind, group), group, conflicts)
        for n, (_, kind, group, conflicts) in enumerate(found, start=1)
    ]


def _candidate_pairs(claims: Sequence[Claim], members: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs that share a name or a named event: every rule needs one, and an index on them
    keeps the comparison near-linear instead of all pairs of a block."""
    buckets: dict[str, list[int]] = {}
    for i in members:
        for key in (*name_keys(claims[i]), *(f"event:{e}" for e in claims[i].named_events)):
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for x, i in enumerate(bucket):
            for j in bucket[x + 1 :]:
                if claims[i].document != claims[j].document:
                    pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _date_clash(a: Claim, b: Claim) -> bool:
    """The same figure for the same thing and names, dated by the sentences on days apart."""
    if a.value != b.value or compare_values(a, b) != "same":
        return False
    if not a.dates or not b.dates or _dates_meet(a.dates, b.dates):
        return False
    if any(calendar_span(d) is None for d in (*a.dates, *b.dates)):
        return False
    named = bool(set(a.named_events) & set(b.named_events))
    shared = name_keys(a) & name_keys(b)
    if named:
        return True
    return bool(shared) and (a.value >= DATE_CONFLICT_MIN_VALUE or len(shared) >= 2)


def _label(kind: Kind, claims: Sequence[Claim]) -> str:
    first = claims[0]
    values = " vs ".join(dict.fromkeys(_figure(c) for c in claims))
    thing = first.counts or first.counted or "people"
    what = f"{thing} {action_words(first.action)}" if first.action else thing
    if kind == "date":
        dates = " vs ".join(dict.fromkeys(", ".join(c.dates) for c in claims))
        return f"{values} {what}: dated {dates}"
    shared = set.intersection(*(set(name_keys(c)) for c in claims)) if claims else set()
    names = [n for n in first.names if " ".join(n.casefold().split()) in shared]
    context = ", ".join([*names[:3], *first.dates[:2]])
    return f"{values} {what}" + (f" ({context})" if context else "")


def _figure(c: Claim) -> str:
    return f"{c.qualifier} {c.text}" if c.qualifier and c.qualifier not in c.text else c.text


def _plain(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def discrepancies_to_json(
    discrepancies: Sequence[Discrepancy], analysis: Analysis
) -> dict[str, Any]:
    """The command's --json shape: the documents the discrepancies cite, then the discrepancies."""
    cited = {c.document for d in discrepancies for c in d.claims}
    return {
        "documents": [
            {"id": d.id, "path": d.path, "title": d.title, "date": d.date}
            for d in analysis.documents
            if d.id in cited
        ],
        "discrepancies": [d.to_json() for d in discrepancies],
    }
