"""`is_acronym` counts an acronym's capitals in its regex: the same words as the shape and a
count of the upper-case characters in Python, or a short mixed-case acronym ("BoE").
`ASCII_TOKEN` finds the words `TOKEN` finds in an ASCII text."""

from __future__ import annotations

import random
import re

from xrefviewer.core.name_shapes import ASCII_TOKEN, TOKEN, is_acronym

_SHAPE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]*[A-Z0-9](?:-[A-Z0-9]+)?|[A-Z]{2,}s")


_MIXED = re.compile(r"[A-Z](?:[a-z]{0,2}[A-Z])+")


def _by_count(word: str) -> bool:
    if _SHAPE.fullmatch(word) and sum(c.isupper() for c in word) >= 2:
        return True
    return len(word) <= 6 and bool(_MIXED.fullmatch(word))


def test_is_acronym_on_examples() -> None:
    for word in ["UN", "U.N.", "IRGC", "G20X", "NGOs", "COVID-19", "A&M", "BoE", "FinCEN", "DfID"]:
        assert is_acronym(word), word
    for word in ["G7", "A1", "A.", "Un", "un", "NGOS's", "A-1", "", "É.U.", "McCain", "DeSantis"]:
        assert not is_acronym(word), word


def test_is_acronym_is_the_shape_with_two_capitals() -> None:
    rng = random.Random(5)
    for _ in range(100_000):
        word = "".join(rng.choice("AB9&.-sxoÉ ") for _ in range(rng.randint(0, 7)))
        assert is_acronym(word) == _by_count(word), word


def test_ascii_token_finds_the_words_token_finds() -> None:
    pieces = [*"AaBbMrsSDUtlodeinfxX9_.,'- \t\n", "Mr", "Mrs", "St", "Dr", "al-", "d'", "Mc"]
    pieces += ["U.S.", "s' ", " of ", "O'", "ibn-", "Prof", "Messrs"]
    rng = random.Random(7)
    for _ in range(40_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        expected = [m.span() for m in TOKEN.finditer(text, a, b)]
        assert [m.span() for m in ASCII_TOKEN.finditer(text, a, b)] == expected, (text, a, b)
        old, new = TOKEN.match(text, a, b), ASCII_TOKEN.match(text, a, b)
        assert (old and old.span()) == (new and new.span()), (text, a, b)
