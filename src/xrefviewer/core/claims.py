"""Claims: what each figure asserts, in a form that can be compared across documents.

"41 villagers were killed in the Halabja attack on June 3" claims: 41 (exactly) of the
*person* class, action *kill*, on 2014-06-03, with the names {Halabja} and the named event
"halabja|attack". The word lists behind the classes are data (data/discrepancy_claims.toml,
data/discrepancy_event_nouns.txt); `discrepancies.py` groups and compares the claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from xrefviewer.core.model import Analysis, Document, Event, Mention
from xrefviewer.core.rules import load_toml, load_words
from xrefviewer.core.sentences import SentenceIndex
from xrefviewer.core.timex import calendar_span

Bound = Literal["exact", "approx", "near", "lower", "upper"]

# An undated figure in a report speaks of something shortly before the report: how long before.
REPORT_LOOKBACK_DAYS = 7

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PERCENT = {"%", "percent", "per cent", "pc"}
_IRREGULAR = {
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "policemen": "policeman",
    "servicemen": "serviceman",
    "gunmen": "gunman",
    "lives": "life",
    "wives": "wife",
    "dead": "dead",
    "police": "police",
    "troops": "troop",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "data": "data",
    "news": "news",
    "series": "series",
    "species": "species",
}
_VERB_ENDINGS = ("ing", "ed", "es", "s", "d", "")
# A figure that ends a range ("between 30 and 40", "30 to 40", "30-40") is an upper bound and
# one that starts it a lower bound, whatever the extractor made of the other end.
_RANGE_END = re.compile(
    r"(?:\b(?:between|from)\s+[\w,.]+\s+(?:and|to)|\d\s*(?:to|or|-|–))\s*$", re.IGNORECASE
)
_RANGE_START = re.compile(r"^\s*(?:to|or|-|–)\s*\d|^\s+and\s+\d", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure as a claim about the world.

    Attributes:
        mention: the figure mention's id; document: its document's id.
        value, qualifier, bound: the number, its qualifier as written, and how it bounds the truth.
        unit: "%" or a unit as the extractor gave it, else None.
        counted: head lemma of what is counted ("prisoner"), or None when nothing is written.
        counted_class: the synonym class of `counted` ("person"), or `counted` itself.
        complement: head lemma of an "of" phrase ("tonnes of *wheat*"), if any.
        action: the action class ("kill"), or None when the figure is tied to no action.
        dates: TIMEX3 values of the dates in the figure's sentence.
        names: the canonical names in the figure's sentence (compare them with `name_keys`).
        named_events: explicit event names in the sentence: "halabja|attack", "1988|massacre".
        sentence: (start, end) of the sentence in the document's text; quote: its text.
        text: the figure as written; counts: what it counts, as written.
        window: the days the claimed happening falls in, as far as the text tells.
        span: the figure's (start, end) in the document text.
    """

    mention: str
    document: str
    value: float
    qualifier: str | None
    bound: Bound
    unit: str | None
    counted: str | None
    counted_class: str | None
    complement: str | None
    action: str | None
    dates: tuple[str, ...]
    names: tuple[str, ...]
    named_events: tuple[str, ...]
    sentence: tuple[int, int]
    quote: str
    text: str
    counts: str | None = None
    window: tuple[date, date] | None = None  # when the claimed happening took place, at best
    span: tuple[int, int] = (0, 0)  # the figure's own offsets in the document text

    @property
    def subject(self) -> str:
        """What is claimed, readably: "person / kill"."""
        thing = self.counted_class or "(unnamed)"
        if self.complement:
            thing += f" of {self.complement}"
        if self.unit:
            thing = f"{self.unit} {thing}"
        return f"{thing} / {self.action}" if self.action else thing


# -- word classes (data) -----------------------------------------------------------------------


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, Bound]]:
    data = load_toml("discrepancy_claims")
    counted = {w: c["name"] for c in data["counted"] for w in c["words"]}
    actions = {w: a["name"] for a in data["action"] for w in a["words"]}
    implied = dict(data["implied_action"])
    bounds: dict[str, Bound] = {w: b["name"] for b in data["bound"] for w in b["words"]}
    return counted, actions, implied, bounds


def noun_lemma(word: str) -> str:
    """The singular of an English noun, by rule: "casualties" -> "casualty", "bodies" -> "body"."""
    w = word.lower().strip("'’")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    return w


def action_class(action: str | None) -> str | None:
    """The action class of a verb or noun in any inflection: "died" -> "kill"; unknown ones stay
    their lemma so that two equal unknown actions still match."""
    if not action:
        return None
    _, actions, _, _ = _tables()
    w = " ".join(action.lower().split())
    if w in actions:
        return actions[w]
    for ending in _VERB_ENDINGS:
        if ending and not w.endswith(ending):
            continue
        stem = w[: len(w) - len(ending)] if ending else w
        for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
            if candidate in actions:
                return actions[candidate]
        if stem.endswith("i") and stem[:-1] + "y" in actions:
            return actions[stem[:-1] + "y"]
    return noun_lemma(w)


def action_words(action: str | None) -> str:
    """How a label says an action class: "kill" -> "killed"; unknown lemmas as they are."""
    if not action:
        return ""
    for entry in load_toml("discrepancy_claims")["action"]:
        if entry["name"] == action:
            return str(entry.get("said", action))
    return action


def bound_of(qualifier: str | None) -> Bound:
    """How a qualifier bounds the true value: "more than" -> "lower"; none or unknown -> "exact"."""
    if not qualifier:
        return "exact"
    _, _, _, bounds = _tables()
    return bounds.get(" ".join(qualifier.lower().split()), "exact")


def counted_parts(counts: str | None) -> tuple[str | None, str | None, str | None]:
    """(head lemma, class, complement lemma) of what a figure counts.

    "political prisoners" -> ("prisoner", "prisoner", None); "tonnes of ammonium nitrate" ->
    ("tonne", "tonne", "nitrate"); "deaths" -> ("death", "person", None).
    """
    if not counts:
        return None, None, None
    head_part, _, complement_part = counts.lower().partition(" of ")
    words = [noun_lemma(w) for w in _WORD.findall(head_part)]
    if not words:
        return None, None, None
    counted, _, _, _ = _tables()
    head = words[-1]
    cls = counted.get(head)
    if len(words) > 1:
        pair = f"{words[-2]} {words[-1]}"
        if pair in counted:
            head, cls = pair, counted[pair]
    complement_words = _WORD.findall(complement_part)
    complement = noun_lemma(complement_words[-1]) if complement_words else None
    return head, cls or head, complement


def implied_action(head: str | None) -> str | None:
    """The action a counted noun names by itself: "deaths" -> "kill", "injuries" -> "wound"."""
    if not head:
        return None
    _, _, implied, _ = _tables()
    return implied.get(head)


def counted_words_match(a: str, b: str) -> bool:
    """Whether two counted nouns as written name the same population (data examples use this)."""
    _, ca, xa = counted_parts(a)
    _, cb, xb = counted_parts(b)
    return ca == cb and (xa is None or xb is None or xa == xb)


@cache
def event_nouns() -> frozenset[str]:
    return load_words("discrepancy_event_nouns")


def normalise_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    u = unit.strip().lower()
    return "%" if u in _PERCENT else u


# -- dates -------------------------------------------------------------------------------------


def spans_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def claim_window(dates: Iterable[str], document_date: str | None) -> tuple[date, date] | None:
    """When the claimed happening took place: the span of the sentence's dates, or, for an
    undated sentence, the week before the report."""
    dates = tuple(dates)
    spans = [s for s in (calendar_span(d) for d in dates) if s is not None]
    if spans:
        return min(s[0] for s in spans), max(s[1] for s in spans)
    if dates and "PRESENT_REF" not in dates:
        return None  # "in the past", "in the future": no time we can place
    own = calendar_span(document_date)
    if own is None:
        return None
    return own[0] - timedelta(days=REPORT_LOOKBACK_DAYS), own[1]


# -- building claims ---------------------------------------------------------------------------


def name_key(mention: Mention) -> str:
    return " ".join(str(mention.value).casefold().split())


def name_keys(claim: Claim) -> frozenset[str]:
    """The claim's names as compared: case and spacing folded."""
    return frozenset(" ".join(n.casefold().split()) for n in claim.names)


def named_events_in(
    text: str, start: int, end: int, mentions: Iterable[Mention]
) -> tuple[str, ...]:
    """Event names written out between start and end: a name or date right before an event noun
    ("the Halabja chemical attack" -> "halabja|attack", "the 1988 massacre" -> "1988|massacre"),
    with at most two lower-case words between them."""
    anchors = [
        (m.start, m.end, name_key(m) if m.kind == "name" else str(m.value))
        for m in mentions
        if m.kind in ("name", "date") and m.start >= start and m.end <= end
    ]
    return _named_events(text, start, end, anchors)


def _named_events(
    text: str, start: int, end: int, anchors: Sequence[tuple[int, int, str]]
) -> tuple[str, ...]:
    nouns = event_nouns()
    found: set[str] = set()
    for match in _WORD.finditer(text, start, end):
        lemma = noun_lemma(match.group())
        if lemma not in nouns:
            continue
        for a_start, a_end, key in anchors:
            if a_end > match.start() or a_start < start:
                continue
            between = text[a_end : match.start()]
            if re.fullmatch(r"(?:\s+[a-z][a-z-]*){0,2}\s+", between) or between == " ":
                found.add(f"{key}|{lemma}")
    return tuple(sorted(found))


def claims_from(analysis: Analysis) -> list[Claim]:
    """One claim per figure mention that says what it counts or what happened to it.

    Figures with neither an action nor something counted (a bare "41") claim nothing."""
    documents = {d.id: d for d in analysis.documents}
    by_doc: dict[str, list[Mention]] = {}
    for m in analysis.mentions:
        by_doc.setdefault(m.document, []).append(m)
    events_by_doc: dict[str, list[Event]] = {}
    for e in analysis.events:
        events_by_doc.setdefault(e.document, []).append(e)
    claims: list[Claim] = []
    for doc_id, mentions in by_doc.items():
        doc = documents.get(doc_id)
        if doc is None:
            continue
        figures = [m for m in mentions if m.kind == "figure"]
        if figures:
            claims.extend(_document_claims(doc, mentions, figures, events_by_doc.get(doc_id, [])))
    return claims


def _document_claims(
    doc: Document, mentions: list[Mention], figures: list[Mention], events: list[Event]
) -> list[Claim]:
    sentences = SentenceIndex(doc.text)
    out: list[Claim] = []
    for fig in figures:
        if not isinstance(fig.value, int | float) or isinstance(fig.value, bool):
            continue
        start, end = sentences.around(fig.start)
        start, end = min(start, fig.start), max(end, fig.end)
        head, cls, complement = counted_parts(fig.counts)
        action = implied_action(head) or action_class(fig.action)
        if action is None and head is None:
            continue
        if cls is None and action is not None:
            cls = "person" if _is_human_action(action) else None
        inside = [m for m in mentions if m.start >= start and m.end <= end]
        names = tuple(sorted({str(m.value) for m in inside if m.kind == "name"}))
        dates = tuple(
            sorted(
                {e.date for e in events if e.start <= fig.start and fig.end <= e.end}
                | {str(m.value) for m in inside if m.kind == "date"}
            )
        )
        out.append(
            Claim(
                mention=fig.id,
                document=doc.id,
                value=float(fig.value),
                qualifier=fig.qualifier,
                bound=_bound_in_context(doc.text, fig),
                unit=normalise_unit(fig.unit),
                counted=head,
                counted_class=cls,
                complement=complement,
                action=action,
                dates=dates,
                names=names,
                named_events=named_events_in(doc.text, start, end, inside),
                sentence=(start, end),
                quote=doc.text[start:end],
                text=fig.text,
                counts=fig.counts,
                span=(fig.start, fig.end),
                window=claim_window(dates, doc.date),
            )
        )
    return out


def _bound_in_context(text: str, fig: Mention) -> Bound:
    bound = bound_of(fig.qualifier)
    if bound != "exact":
        return bound
    before = text[max(0, fig.start - 40) : fig.start]
    after = text[fig.end : fig.end + 12]
    if _RANGE_END.search(before):
        return "upper"
    if _RANGE_START.search(after) and (
        _RANGE_OPENER.search(before) or not after.lstrip().startswith("and")
    ):
        return "lower"
    return bound


def _is_human_action(action: str) -> bool:
    # Every action class in the data file happens to people: "41 killed" counts persons.
    _, actions, _, _ = _tables()
    return action in set(actions.values())
