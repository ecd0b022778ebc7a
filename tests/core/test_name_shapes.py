"""`is_acronym` counts an acronym's capitals in its regex: the same words as the shape and a
count of the upper-case characters in Python, or a short mixed-case acronym ("BoE")."""

from __future__ import annotations

import random
import re

from xrefviewer.core.name_shapes import is_acronym

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
