"""Marks the words of a search question in a result, so the agent sees at once why it matched.

Matching is by word start, accent- and case-insensitive, on a short stem of each
question word: the search itself stems and tolerates typos, so "verhuizen" marks
"verhuismelding" and "parkeervergunnig" marks "parkeervergunning".
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString

_STOP_WORDS = {"de", "het", "een", "en", "van", "in", "op", "te", "ik", "wat", "hoe", "voor"}
_STEM_LENGTH = 6


def _fold(text: str) -> str:
    """Lower case without accents, one character per character (positions stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(unicodedata.normalize("NFD", char)[0].lower()[0] for char in text)


def stems(terms: list[str]) -> list[str]:
    found = set()
    for term in terms:
        for word in re.findall(r"\w+", _fold(term)):
            if len(word) < 3 or word in _STOP_WORDS:
                continue
            found.add(word if len(word) <= 4 else word[: max(4, min(len(word) - 2, _STEM_LENGTH))])
    return sorted(found, key=len, reverse=True)


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """One pattern per question, made once: a result page marks some forty texts."""
    word_stems = stems(list(terms))
    if not word_stems:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, word_stems)) + r")\w*")


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every word that starts with a stem of `terms` in <mark>."""
    pattern = _pattern(tuple(terms))
    if not text or pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(_fold(text)):
        start, end = match.span()
        pieces.append((text[position:start], text[start:end]))
        position = end
    marked = format_html_join("", '{}<mark class="kb-mark">{}</mark>', pieces)
    return marked + escape(text[position:])
