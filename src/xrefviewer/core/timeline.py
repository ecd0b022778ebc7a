"""One timeline for all documents: each happening once, with every document that reports it.

Events (dated sentences) merge into one entry when they carry the same normalised date and
report the same happening: they share a linked figure, or a name and a figure of the same value
and subject, or, when neither gives a figure, at least two names. Two entries that give the same
figure for the same thing and names on days that do not overlap are flagged as a date
discrepancy (see `discrepancies.py`, kind "date").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xrefviewer.core.claims import Claim, claims_from, named_events_in
from xrefviewer.core.discrepancies import claim_groups, discrepancies_among
from xrefviewer.core.events import timex_sort_key
from xrefviewer.core.model import Analysis, Event, Mention
from xrefviewer.core.timex import calendar_span
from xrefviewer.core.union_find import UnionFind

LABEL_LENGTH = 140


@dataclass(frozen=True, slots=True)
class TimelineSource:
    """One document's report of a timeline entry: the event (dated sentence) it comes from."""

    event: str
    document: str
    start: int
    end: int
    text: str
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One happening on the timeline.

    Attributes:
        id: "t1", "t2", ... in chronological order.
        date: TIMEX3 value; first, last: the calendar days it covers (None off the calendar).
        label: the first source's sentence, shortened.
        sources: every report of it, in document order.
        names: canonical names mentioned in any source; figures: the figures as written.
        date_conflicts: ids of entries that report the same happening on other dates.
    """

    id: str
    date: str
    first: datetime.date | None
    last: datetime.date | None
    label: str
    sources: tuple[TimelineSource, ...]
    names: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    date_conflicts: tuple[str, ...] = ()

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.document for s in self.sources))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "label": self.label,
            "documents": list(self.documents),
            "sources": [
                {
                    "event": s.event,
                    "document": s.document,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "uncertain": s.uncertain,
                }
                for s in self.sources
            ],
            "names": list(self.names),
            "figures": list(self.figures),
            "date_conflicts": list(self.date_conflicts),
        }


@dataclass(frozen=True, slots=True)
class _Facts:
    names: frozenset[str]
    figure_links: frozenset[str]
    figure_keys: frozenset[tuple[Any, ...]]
    has_figures: bool
    named_events: frozenset[str]
    claim_groups: frozenset[int] = frozenset()


def merge_timeline(analysis: Analysis) -> list[TimelineEntry]:
    """The analysis' events merged across documents into one chronological list."""
    events = list(analysis.events)
    if not events:
        return []
    by_id = {m.id: m for m in analysis.mentions}
    link_of = {
        mid: link.id for link in analysis.links if link.kind == "figure" for mid in link.mentions
    }
    claims = claims_from(analysis)
    claim_of = {c.mention: c for c in claims}
    texts = {d.id: d.text for d in analysis.documents}
    group_of = claim_groups(claims)
    facts = [
        _facts(e, by_id, link_of, claim_of, texts.get(e.document, ""), group_of) for e in events
    ]
    doc_order = {d.id: i for i, d in enumerate(analysis.documents)}

    groups = UnionFind(len(events))
    by_date: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        by_date.setdefault(e.date, []).append(i)
    for members in by_date.values():
        for i, j in _candidate_pairs(members, events, facts):
            if _same_happening(events[i], events[j], facts[i], facts[j]):
                groups.union(i, j)

    members_of: dict[int, list[int]] = {}
    for i in range(len(events)):
        members_of.setdefault(groups.find(i), []).append(i)
    ordered = sorted(
        members_of.values(),
        key=lambda ms: (
            timex_sort_key(events[ms[0]].date),
            min(doc_order.get(events[i].document, 0) for i in ms),
            min(events[i].start for i in ms),
        ),
    )
    entry_of_event: dict[str, str] = {}
    drafts: list[tuple[str, list[int]]] = []
    for n, ms in enumerate(ordered, start=1):
        entry_id = f"t{n}"
        ms.sort(key=lambda i: (doc_order.get(events[i].document, 0), events[i].start))
        for i in ms:
            entry_of_event[events[i].id] = entry_id
        drafts.append((entry_id, ms))

    conflicts = _date_conflicts(claims, events, entry_of_event)
    entries = []
    for entry_id, ms in drafts:
        first_event = events[ms[0]]
        span = calendar_span(first_event.date)
        sources = tuple(
            TimelineSource(e.id, e.document, e.start, e.end, e.text, e.uncertain)
            for e in dict.fromkeys(events[i] for i in ms)
            if not _same_sentence_seen(e, ms, events)
        )
        names = sorted(
            {
                str(by_id[m].value)
                for i in ms
                for m in events[i].mentions
                if _kind(by_id, m) == "name"
            }
        )
        figures = list(
            dict.fromkeys(
                by_id[m].text for i in ms for m in events[i].mentions if _kind(by_id, m) == "figure"
            )
        )
        entries.append(
            TimelineEntry(
                id=entry_id,
                date=first_event.date,
                first=span[0] if span else None,
                last=span[1] if span else None,
                label=_shorten(" ".join(first_event.text.split())),
                sources=sources,
                names=tuple(names),
                figures=tuple(figures),
                date_conflicts=tuple(sorted(conflicts.get(entry_id, ()), key=lambda t: int(t[1:]))),
            )
        )
    return entries


def _kind(by_id: dict[str, Mention], mention_id: str) -> str | None:
    m = by_id.get(mention_id)
    return m.kind if m else None


def _same_sentence_seen(e: Event, members: list[int], events: Sequence[Event]) -> bool:
    """A sentence with the date twice ("June 3 ... on June 3") is one source, not two."""
    for i in members:
        other = events[i]
        if other is e:
            return False
        if (other.document, other.start, other.end) == (e.document, e.start, e.end):
            return True
    return False


def _facts(
    event: Event,
    by_id: dict[str, Mention],
    link_of: dict[str, str],
    claim_of: dict[str, Claim],
    text: str,
    group_of: dict[str, int],
) -> _Facts:
    names: set[str] = set()
    links: set[str] = set()
    keys: set[tuple[Any, ...]] = set()
    has_figures = False
    for mid in event.mentions:
        m = by_id.get(mid)
        if m is None:
            continue
        if m.kind == "name":
            names.add(" ".join(str(m.value).casefold().split()))
        elif m.kind == "figure":
            has_figures = True
            if mid in link_of:
                links.add(link_of[mid])
            c = claim_of.get(mid)
            if c is not None and c.action is not None:
                keys.add((c.unit, c.action, c.counted_class, c.value))
    inside = [by_id[mid] for mid in event.mentions if mid in by_id]
    named = named_events_in(text, event.start, event.end, inside) if text else ()
    groups = frozenset(group_of[mid] for mid in event.mentions if mid in group_of)
    return _Facts(
        frozenset(names), frozenset(links), frozenset(keys), has_figures, frozenset(named), groups
    )


def _candidate_pairs(
    members: Sequence[int], events: Sequence[Event], facts: Sequence[_Facts]
) -> list[tuple[int, int]]:
    """Events of one date that share anything the merge rules look at (a name, a figure link,
    a figure, a named event, the sentence itself): an index instead of all pairs."""
    buckets: dict[Any, list[int]] = {}
    for i in members:
        f, e = facts[i], events[i]
        keys: list[Any] = [("sentence", e.document, e.start, e.end)]
        keys += [("name", n) for n in f.names]
        keys += [("link", x) for x in f.figure_links]
        keys += [("figure", k) for k in f.figure_keys]
        keys += [("event", k) for k in f.named_events]
        keys += [("claims", k) for k in f.claim_groups]
        for key in keys:
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for x, i in enumerate(bucket):
            for j in bucket[x + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _same_happening(a: Event, b: Event, fa: _Facts, fb: _Facts) -> bool:
    if fa.named_events & fb.named_events:
        return True  # "the 1988 massacre" twice on the same date, even within one document
    if a.document == b.document:
        return (a.start, a.end) == (b.start, b.end)
    if fa.figure_links & fb.figure_links or fa.claim_groups & fb.claim_groups:
        return True  # the same quantity, or the same happening whatever toll each gives
    shared_names = fa.names & fb.names
    if shared_names and fa.figure_keys & fb.figure_keys:
        return True
    return not fa.has_figures and not fb.has_figures and len(shared_names) >= 2


def _date_conflicts(
    claims: Sequence[Claim], events: Sequence[Event], entry_of_event: dict[str, str]
) -> dict[str, set[str]]:
    entries_of_mention: dict[str, set[str]] = {}
    for e in events:
        for mid in e.mentions:
            entries_of_mention.setdefault(mid, set()).add(entry_of_event[e.id])
    out: dict[str, set[str]] = {}
    for found in discrepancies_among(claims):
        if found.kind != "date":
            continue
        a, b = found.claims
        for x in entries_of_mention.get(a.mention, ()):
            for y in entries_of_mention.get(b.mention, ()):
                if x != y:
                    out.setdefault(x, set()).add(y)
                    out.setdefault(y, set()).add(x)
    return out


def _shorten(text: str) -> str:
    if len(text) <= LABEL_LENGTH:
        return text
    cut = text.rfind(" ", 0, LABEL_LENGTH - 1)
    return text[: cut if cut > LABEL_LENGTH // 2 else LABEL_LENGTH - 1] + "…"
