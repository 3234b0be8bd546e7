"""Normalisation for matching, with an exact map back to the original offsets.

A quote in an article and its source rarely agree character for character: curly
quotes become straight ones, "U.S." becomes "US", "10 percent" becomes "10%", a
comma moves. :func:`normalize` reduces a text to lower-case words separated by
single spaces, folding those differences away, and keeps for every character of the
result the run of the original text it came from, so that a match found in the
normalised text can be reported at the exact original offsets.

What the normalised text keeps: words (letters and digits, NFKC-normalised and
case-folded), numbers (``1,000`` -> ``1000``, ``3.5`` stays), and the symbols ``%``,
``$``, ``€``, ``£``. Everything else (punctuation, quote marks, dashes, line breaks,
lone surrogates) only separates words. Variants folded on the way:

* abbreviations with dots: ``U.S.`` -> ``us``, ``U.N.`` -> ``un``;
* ``percent``, ``per cent``, ``pct`` -> ``%``; ``&`` -> ``and``;
* contractions: ``don't`` -> ``do not``, ``we're`` -> ``we are``, ``can't`` -> ``can not``
  (``cannot`` too); other apostrophes are dropped (``Iraq's`` -> ``iraqs``);
* number words ``zero`` ... ``twenty``, the tens, and ``forty-two`` -> digits;
* a short list of British spellings -> American ones (``defence`` -> ``defense``).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["NormalizedText", "normalize"]

_WORD_CHAR = r"(?:[^\W_]|[\u0300-\u036f])"
_TOKEN_RE = re.compile(
    rf"(?P<abbr>(?:[^\W\d_]\.){{2,}})"
    rf"|(?P<num>\d+(?:[.,]\d+)+(?!{_WORD_CHAR}))"
    rf"|(?P<word>{_WORD_CHAR}+(?:['’‘ʼ]{_WORD_CHAR}+)*)"
    r"|(?P<sym>[%$€£&])"
)
_PLAIN_WORD_RE = re.compile(rf"{_WORD_CHAR}+(?:'{_WORD_CHAR}+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER_WORDS.update(
    {
        word: str(10 * tens)
        for tens, word in enumerate(
            ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 3
        )
    }
)
_TENS = frozenset(str(10 * tens) for tens in range(2, 10))

NUMBER_WORDS = frozenset(_NUMBER_WORDS)
"""The number words normalisation turns into digits ("three" → "3")."""
_UNITS = frozenset(str(unit) for unit in range(1, 10))
# British spellings that newsrooms on either side of the Atlantic change when quoting.
_SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "centre": "center",
    "centres": "centers",
    "metre": "meter",
    "metres": "meters",
    "theatre": "theater",
    "labour": "labor",
    "favour": "favor",
    "favourable": "favorable",
    "honour": "honor",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "behaviour": "behavior",
    "colour": "color",
    "programme": "program",
    "programmes": "programs",
    "organisation": "organization",
    "organisations": "organizations",
    "organise": "organize",
    "organised": "organized",
    "recognise": "recognize",
    "recognised": "recognized",
    "realise": "realize",
    "realised": "realized",
    "emphasise": "emphasize",
    "emphasised": "emphasized",
    "prioritise": "prioritize",
    "criticise": "criticize",
    "criticised": "criticized",
    "analyse": "analyze",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "percent": "%",
    "pct": "%",
    "&": "and",
}
_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
_SUFFIXES = (("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'m", "am"))


def _fold_word(token: str) -> tuple[str, ...]:
    """The normalised words of one case-folded word token."""
    if token in _CONTRACTIONS:
        return _CONTRACTIONS[token]
    if "'" in token:
        for suffix, word in _SUFFIXES:
            if token.endswith(suffix) and len(token) > len(suffix):
                stem = token[: -len(suffix)].replace("'", "")
                return (_NUMBER_WORDS.get(stem, _SPELLING.get(stem, stem)), word)
        token = token.replace("'", "")
    return (_NUMBER_WORDS.get(token) or _SPELLING.get(token) or token,)


@dataclass(frozen=True)
class NormalizedText:
    """A normalised text and the map from its characters back to the original.

    ``offsets[i]`` is the original offset where the character ``text[i]`` starts and
    ``ends[i]`` where its run of original characters ends (both have one entry per
    character of ``text``). Use :meth:`to_original` rather than indexing them.

    Examples:
        >>> n = normalize("The “U.S.” said 10 percent.")
        >>> n.text
        'the us said 10 %'
        >>> start = n.text.index("us said")
        >>> n.to_original(start, start + len("us said"))
        (5, 15)
    """

    text: str
    original: str
    offsets: array[int] = field(repr=False)
    ends: array[int] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the normalised characters ``[start, end)``.

        An empty range maps to an empty range at the corresponding original position.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"range [{start}, {end}) is outside a text of {len(self.text)}")
        if start == end:
            pos = self.offsets[start] if start < len(self.text) else len(self.original)
            if start == len(self.text) and self.text:
                pos = self.ends[-1]
            return pos, pos
        return self.offsets[start], max(self.offsets[start], self.ends[end - 1])

    def token_at(self, original_offset: int) -> int:
        """The normalised offset of the first character that starts at or after
        ``original_offset`` (``len(text)`` if none does)."""
        index = bisect_right(self.offsets, original_offset - 1)
        return index


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for matching, keeping a map back to its offsets.

    Args:
        text: any text; lone surrogates and control characters are treated as spaces.

    Returns:
        The normalised text: case-folded words and numbers separated by single spaces,
        with quotes, dashes, punctuation and spelling variants folded away (see the
        module docstring), and the offset map.

    Examples:
        >>> normalize("We won’t   leave—ever.").text
        'we will not leave ever'
    """
    return _normalize(text, plain_words=True)


# Lower-cased ASCII words that normalisation changes, or that may merge with a
# neighbour ("per cent", "forty-two"): they take the general path.
_CHANGED_WORDS = frozenset(_NUMBER_WORDS) | frozenset(_SPELLING) | frozenset(_CONTRACTIONS)
_MERGING_WORDS = frozenset({"per", "cent"})
_SLOW_WORDS = _CHANGED_WORDS | _MERGING_WORDS


def _write_run(
    text: str, start: int, end: int, out: list[str], starts: array[int], ends: array[int]
) -> None:
    out.append(text[start:end].lower())
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))


def _normalize(text: str, plain_words: bool) -> NormalizedText:
    """:func:`normalize`; ``plain_words=False`` sends every token down the general path
    (the fast path for plain ASCII words must give the same result, which a test checks)."""
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    # Some variants are two tokens in the original ("per cent", "forty-two"): remember
    # where the last word went, to replace it with the merged form.
    last: tuple[int, int, str, int, bool] | None = None  # piece, char, word, orig end, spelled
    run_start = run_end = -1  # the run of plain words not yet written out
    for match in _TOKEN_RE.finditer(text):
        ostart, oend = match.span()
        raw = match.group()
        if plain_words and raw.isascii() and raw.isalnum() and raw.lower() not in _SLOW_WORDS:
            # Most words of a text: letters and digits only, the same once lower-cased
            # and unable to merge with a neighbour. Words one space apart form a run
            # whose normalised text is its lower-cased original, offsets one to one.
            if run_start >= 0:
                if ostart == run_end + 1 and text[run_end] == " ":
                    run_end = oend
                    continue
                _write_run(text, run_start, run_end, out, starts, ends)
            if out:
                out.append(" ")
                previous_end = ends[-1]
                starts.append(min(previous_end, ostart))
                ends.append(max(previous_end, ostart))
            run_start, run_end = ostart, oend
            last = None
            continue
        if run_start >= 0:
            _write_run(text, run_start, run_end, out, starts, ends)
            run_start = -1
        kind = match.lastgroup
        folded = unicodedata.normalize("NFKC", raw).casefold()
        if kind == "abbr":
            words: tuple[str, ...] = (folded.replace(".", ""),)
        elif kind == "num":
            words = (folded.replace(",", ""),)
        elif kind == "sym":
            words = (_SPELLING.get(folded, folded),)
        else:
            folded = folded.translate(_APOSTROPHES)
            if _PLAIN_WORD_RE.fullmatch(folded):
                words = _fold_word(folded)
            else:
                # NFKC can turn one word into several ("¼" -> "1⁄4"): fold each part.
                words = tuple(
                    word for part in _PLAIN_WORD_RE.findall(folded) for word in _fold_word(part)
                )
                if not words:
                    continue
        spelled = kind == "word" and raw.isalpha()
        merged = None
        if last is not None and last[0] == len(out) - 1 and len(words) == 1:
            if last[2] == "per" and words[0] == "cent":
                merged = "%"
            elif (
                last[4]
                and spelled
                and last[2] in _TENS
                and words[0] in _UNITS
                and text[last[3] : ostart] == "-"
            ):
                merged = str(int(last[2]) + int(words[0]))
        if merged is not None and last is not None:
            piece, char = last[0], last[1]
            orig_start = starts[char]
            del out[piece:]
            del starts[char:]
            del ends[char:]
            out.append(merged)
            starts.extend([orig_start] * len(merged))
            ends.extend([oend] * len(merged))
            last = (piece, char, merged, oend, False)
            continue
        for word in words:
            if out:
                # A space stands for whatever separated the two words in the original.
                out.append(" ")
                previous_end = ends[-1]
                starts.append(min(previous_end, ostart))
                ends.append(max(previous_end, ostart))
            last = (len(out), len(starts), word, oend, spelled)
            if len(words) == 1 and len(word) == len(raw) and word == raw.lower():
                starts.extend(range(ostart, oend))
                ends.extend(range(ostart + 1, oend + 1))
            else:
                starts.extend([ostart] * len(word))
                ends.extend([oend] * len(word))
            out.append(word)
    if run_start >= 0:
        _write_run(text, run_start, run_end, out, starts, ends)
    return NormalizedText("".join(out), text, starts, ends)
