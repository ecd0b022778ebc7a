"""Full-text search: SQLite FTS5 on a single-user library, PostgreSQL text search for a team."""

from __future__ import annotations

import re

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from xrefviewer.store.records import SearchHit
from xrefviewer.store.schema import DocumentRow

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_MARKED = re.compile(r"\[([^\[\]]+)\]")
# The expression of the PostgreSQL index (migration 0001): the query must use it as is.
_PG_VECTOR = "to_tsvector('english', left(d.title || ' ' || d.text, 400000))"


def fts5_query(query: str) -> str:
    """The user's words as a safe FTS5 query: every word must occur; "a phrase"; prefix*."""
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(query):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        prefix = word.endswith("*")
        for piece in _WORD.findall(word):
            parts.append(f'"{piece}"')
        if prefix and parts and _WORD.findall(word):
            parts[-1] += "*"
    return " ".join(parts)


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    if not _WORD.search(query) or limit <= 0:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        rows = session.execute(
            text(
                "SELECT d.id, d.title, "
                "snippet(document_fts, 1, '[', ']', '…', 24) AS snippet "
                "FROM document_fts JOIN document d ON d.id = document_fts.rowid "
                "WHERE document_fts MATCH :q ORDER BY rank LIMIT :limit"
            ),
            {"q": fts5_query(query), "limit": limit},
        ).all()
    else:
        rows = session.execute(
            text(
                "SELECT d.id, d.title, ts_headline('english', d.text, q, "
                "'StartSel=[, StopSel=], MaxWords=30, MinWords=12, MaxFragments=1, "
                "FragmentDelimiter=…') AS snippet "
                "FROM document d, websearch_to_tsquery('english', :q) q "
                f"WHERE {_PG_VECTOR} @@ q "
                f"ORDER BY ts_rank({_PG_VECTOR}, q) DESC, d.id "
                "LIMIT :limit"
            ),
            {"q": query, "limit": limit},
        ).all()
    if not rows:
        return []
    texts = dict(
        session.execute(
            select(DocumentRow.id, DocumentRow.text).where(
                DocumentRow.id.in_(bindparam("ids", expanding=True))
            ),
            {"ids": [r.id for r in rows]},
        ).all()
    )
    hits = []
    for r in rows:
        snippet = " ".join(r.snippet.split())
        hits.append(SearchHit(r.id, r.title, snippet, _first_match(texts[r.id], snippet, query)))
    return hits


def _first_match(document: str, snippet: str, query: str) -> int:
    """Offset of the first place the document holds a matched word, or -1."""
    words = [w for w in _MARKED.findall(snippet)] or _WORD.findall(query)
    best = -1
    for word in words:
        found = re.search(r"\b" + re.escape(word.rstrip("*")), document, re.IGNORECASE)
        if found and (best < 0 or found.start() < best):
            best = found.start()
    return best
