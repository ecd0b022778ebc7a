"""Keys that make spelling and transliteration variants of a name compare equal.

Three levels, from strict to loose:

- `name_tokens`: folded (anyascii, lower case), possessive and particles ("al-", "-e") dropped,
  hyphens split: "Nouri al-Maliki" -> ("nouri", "maliki"), "Ban Ki-moon" -> ("ban", "ki", "moon").
- `soft`: a token with its spelling variance evened out (q -> k, ph -> f, dh -> d, ee -> i,
  doubled letters collapsed): "Qaddafi", "Gaddafi" and "Kadhafi" keep their vowels but become
  close enough for an edit-distance check.
- `skeleton`: a token's consonant frame (vowels dropped, g/q/c -> k): the blocking key that puts
  candidate variants in one bucket; the edit-distance check then confirms or rejects them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

# Particles that transliterations add, drop or attach differently: "al-Maliki" ~ "Maliki",
# "Jaish-e Mohammed" ~ "Jaish Mohammed". Only dropped when the name keeps another token.
PARTICLES = frozenset({"al", "el", "ul", "ol", "e", "i", "ad", "ar", "as", "an", "at", "az", "ash"})

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"'s\b|s'(?=\s|$)")
_SPLIT = re.compile(r"[^a-z0-9]+")
# `soft`'s rules that need a regex, in the order they apply (see `soft`).
_DIGRAPH_H = re.compile(r"([dtkgsz])h")  # dh, th, kh, gh, sh, zh: romanisation digraphs
_U_SOUND = re.compile(r"ou|oo")
_I_SOUND = re.compile(r"ee|ie|ei|iy|y(?=[^aeiou]|$)")
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"[aeiouy]+")
# Letters that romanisations of one name swap: Mohammad/Muhammad, Mohammed, Quran/Koran, Gadafi.
_VARIANT_LETTERS = frozenset(
    frozenset(pair) for pair in ("ou", "ei", "ae", "ai", "gk", "kq", "ck", "iy", "vw", "jy")
)
_HARD = str.maketrans({"g": "k", "c": "k", "j": "j", "z": "s"})


def fold(text: str) -> str:
    """Lower-case ASCII transliteration with straight apostrophes: "Médecins" -> "medecins"."""
    return anyascii(text.translate(_APOSTROPHES)).lower()


@lru_cache(maxsize=16384)
def name_tokens(text: str) -> tuple[str, ...]:
    """Folded tokens without possessive and (unless nothing else is left) particles."""
    folded = fold(text)
    if "'" in folded:  # (both take away only what has an apostrophe)
        folded = _POSSESSIVE.sub("", folded.replace("'s ", " "))
    if folded.replace(" ", "").isalnum():
        tokens = folded.split()  # only letters, digits and spaces: split at the spaces
    else:
        tokens = [t for t in _SPLIT.split(folded) if t]
    kept = [t for t in tokens if t not in PARTICLES]
    return tuple(kept or tokens)


@lru_cache(maxsize=65536)
def soft(token: str) -> str:
    """Even out the usual romanisation variants of one folded token.

    In order: ph -> f, ck -> k, q -> k, dh/th/kh/gh/sh/zh -> d/t/k/g/s/z, ou/oo -> u,
    ee/ie/ei/iy and a y before a consonant or at the end -> i, w -> v, doubled letters
    single. Literal rules are `str.replace` (the same leftmost, non-overlapping
    replacements), and a rule is skipped when its letter is absent.
    """
    out = token.replace("ph", "f").replace("ck", "k").replace("q", "k")
    if "h" in out:
        out = _DIGRAPH_H.sub(r"\1", out)
    if "o" in out:
        out = _U_SOUND.sub("u", out)
    if "e" in out or "y" in out:
        out = _I_SOUND.sub("i", out)
    return _DOUBLED.sub(r"\1", out.replace("w", "v"))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The consonant frame of a soft token, the blocking key for variant spellings."""
    frame = _VOWELS.sub("", soft(token).translate(_HARD))
    # Keep a mark for an initial vowel: "Oman" and "Man" should not share a bucket.
    return ("." + frame) if token[:1] in "aeiouy" else frame


@lru_cache(maxsize=16384)
def name_key(text: str) -> str:
    """The strict key: equal keys are the same name written with other case, accents or particles."""
    return " ".join(map(soft, name_tokens(text)))


def skeleton_key(text: str) -> str:
    return " ".join(map(skeleton, name_tokens(text)))


@lru_cache(maxsize=16384)
def acronym_key(text: str) -> str:
    """The key of an acronym with or without stops: "U.N." and "UN" -> "UN"."""
    return re.sub(r"[^A-Za-z0-9&]", "", text).upper()


def tokens_alike(a: str, b: str) -> bool:
    """Two soft tokens are one name spelled two ways.

    They must share a consonant frame and their first sound ("Iran"/"Iraq", "Iraq"/"Arak"
    differ). Letters may then differ only as romanisations differ: o/u, e/i, a/e, g/k/q
    ("Koran"/"Kuran", "Mohammad"/"Mohammed", "Gadafi"/"Kadafi"; not "Sudan"/"Sedan"), and
    e/u after the first vowel ("Yusef"/"Yusuf"). Tokens
    of seven letters or more may also gain or lose a vowel, one edit in seven at most.
    """
    if a == b:
        return True
    if skeleton(a) != skeleton(b) or (a[0] != b[0] and a[0] in "aeiouy"):
        return False
    shorter = min(len(a), len(b))
    if shorter <= 3:
        return False  # "Ban"/"Bin": too short to tell a variant from another name
    if len(a) == len(b):
        # past the first vowel, e/u too: "Yusef"/"Yusuf" (but "Sudan"/"Sedan" stay apart)
        first_vowel = next((i for i, c in enumerate(a) if c in "aeiou"), len(a))
        return all(
            x == y
            or frozenset((x, y)) in _VARIANT_LETTERS
            or (i > first_vowel and x in "eu" and y in "eu")
            for i, (x, y) in enumerate(zip(a, b, strict=True))
        )
    if shorter < 7:
        return False
    allowed = 1 if shorter < 14 else 2
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


def names_alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Token-by-token variants of each other (soft tokens, same count and order)."""
    return len(a) == len(b) and all(tokens_alike(x, y) for x, y in zip(a, b, strict=True))


# Small words an acronym may skip or keep: "Bank of England" is BE or BoE.
SKIPPABLE = frozenset({"of", "the", "and", "for", "on", "in", "de", "al", "e", "&"})


@lru_cache(maxsize=16384)
def initials_variants(long_form: str) -> frozenset[str]:
    """The initials a long form can spell, small words in or out: "Bank of England" -> be, boe."""
    words = [w for w in re.split(r"[\s\-]+", long_form) if w]
    variants = {""}
    for w in words[:12]:
        initial = w[0].lower()
        if w.lower() in SKIPPABLE:
            variants |= {v + initial for v in variants}
        else:
            variants = {v + initial for v in variants}
    return frozenset(v for v in variants if len(v) >= 2)


def reads_as_word(capitals: str) -> bool:
    """An acronym in capitals that can be read as a word, and so is often written as one
    ("NATO", "Nato"): four letters or more with a vowel after the first."""
    return len(capitals) >= 4 and capitals.isalpha() and any(c in "AEIOUY" for c in capitals[1:])
