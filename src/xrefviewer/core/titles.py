"""A readable title for a document: its first line that is a headline, not page furniture."""

from __future__ import annotations

import re

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A line that is only a date ("Wednesday, July 31, 2024", "28 July 2009") is furniture.
_DATE_LINE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s*\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\s*$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^\s*(?:posts? tagged|home(?=[A-Z\s/>»|:]|$)|menu\b|skip to|share\b|print\b|continue reading)",
    re.I,
)
# "A,B,C,D": a web page's tag list, not a headline.
_TAG_LIST = re.compile(r"^(?:[^,]{1,60},){3,}[^,]*$")
MIN_WORDS = 3  # a lone name over a headline is a photo caption or a byline
MAX_TITLE = 140


def guess_title(text: str, fallback: str) -> str:
    for line in text.split("\n")[:40]:
        line = " ".join(line.split())
        if (
            len(line.split()) < MIN_WORDS
            or _DATE_LINE.match(line)
            or _FURNITURE.match(line)
            or _TAG_LIST.match(line)
        ):
            continue
        if len(line) > MAX_TITLE:
            cut = line[:MAX_TITLE].rsplit(" ", 1)[0]
            return cut.rstrip(",;:-–") + "…"
        return line
    return fallback
