"""Sentence boundaries in one paragraph of English news text, by rule, in time linear in its length.

Chosen by measurement (``benchmarks/splitters.py``, table in ``benchmarks/SPLITTERS.md``): on our hand-labelled
sentences (``tests/data/sentences``) these rules find the boundaries better than pysbd, blingfire, nupunkt,
sentencex and syntok (F1 1.000 against 0.954–0.983), about 90 times faster than pysbd and faster than all but
sentencex (0.1 s per MB; sentencex 0.03 s, at F1 0.954). They read the paragraph once with one regular
expression for candidate ends (``.``, ``!``, ``?``, ``…`` and runs of them, with closing quotes and brackets) and
decide each candidate from the word before it and the word after it:

- a candidate ends a sentence only if white space follows and the next word starts with a capital letter, a
  digit, an opening quote or bracket, or a list mark (or is written like ``iPhone``); so "…" before a small
  letter, "?" inside a quote before "she asked", "U.S. lawmakers" never end one;
- never after a title ("Gen.", "Dr.", "Sen.", "St."), after "e.g.", "i.e.", "vs.", "approx.", "incl.", "Univ."
  …, after a single capital letter (an initial: "J. M. Carter", "Q. Will …"), or after the number opening a
  numbered item ("1. Where does the grain go?");
- not before a number after a month, a number word or a unit ("Nov. 11", "No. 5", "pp. 14", "1 hr. 52 min.");
- after a dotted abbreviation ("U.S.", "D.C.", "S.A.") or a company or day abbreviation ("Inc.", "Sun.") only
  when the next word is one that starts sentences ("The", "It", "But" …); after "a.m."/"p.m." unless a time zone
  follows ("4 p.m. Central European Time").

A run of text with no boundary longer than :data:`MAX_SENTENCE_CHARS` is cut at white space (a pasted list with
no full stops), so no sentence is longer than that.
"""

from __future__ import annotations

import re


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_SENTENCE_CHARS = 2_000
"""Longest sentence given: a run with no boundary is cut at the last white space before this length (or at this
length, with none), so an excerpt stays readable whatever the text."""

_CANDIDATE = re.compile(r"(?:[.!?…]+)[\"”’'»)\]]*(?=\s)")
_NEXT = re.compile(r"\s+(\S+)")
_LEADING = "\"“‘'«([{"
_TRAILING = "\"”’'»)]},;:"
_WHITESPACE_RUN = re.compile(r"\s+")

TITLES = _words(
    "mr mrs ms messrs dr prof gen lt col maj capt cpt sgt cpl adm cmdr brig sen rep gov pres supt insp rev fr hon "
    "st mt ft"
)
"""Abbreviations before a name: never a sentence end ("Gen. Syrskyi", "St. Petersburg")."""

CONTINUING = _words("e.g i.e cf vs viz incl approx ca esp univ dept intl assn natl govt al ret")
"""Abbreviations inside a sentence, whatever follows ("e.g. Izmail", "Univ. of Edinburgh", "et al.", "Colonel
(ret.) Marek Wójcik")."""

BEFORE_NUMBER = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos nr pp p para fig figs vol ch art sec op tel "
    "km m cm mm kg g t hr hrs h min mins sec secs bn mn mln tn ft mi lb lbs oz"
)
"""Abbreviations that a number follows inside a sentence ("Nov. 11", "No. 5", "pp. 14–16", "1 hr. 52 min.")."""

AMBIGUOUS = _words("inc ltd corp co plc bros jr sr mon tue tues wed thu thur thurs fri sat sun ave blvd rd")
"""Abbreviations that may end a sentence: they do only before a word that starts sentences (:data:`STARTERS`)."""

STARTERS = _words(
    "a an the this that these those it its he she they we i you there here his her their our my your "
    "but and or so yet then however meanwhile still also later earlier now today in on at by for from with "
    "after before as if when while although though since because no not some many most all both each one "
    "what who why how where officials"
)
"""Words that start sentences: after "U.S." or "Inc." a sentence ends only before one of them ("… the U.S. The
talks …"; never "the U.S. Senate")."""

TIME_ZONES = _words("central eastern western pacific mountain kyiv moscow greenwich british european local")
"""Words that continue "4 p.m." ("4 p.m. Central European Time"); any other capital after it starts a sentence."""

_DOTTED = re.compile(r"(?:\w\.)+\w\Z")
_TIMES = frozenset(("a.m", "p.m"))


def _ends_sentence(paragraph: str, start: int, stop: int, end: int, mark_end: int) -> bool:
    """Whether the candidate end ``paragraph[stop:mark_end]`` (its marks and closing quotes) ends a sentence of
    ``paragraph[start:end]``."""
    following = _NEXT.match(paragraph, mark_end, end)
    if following is None:
        return False
    nxt = following.group(1).lstrip(_LEADING) or following.group(1)
    first = nxt[0]
    opening = following.group(1)[0] in _LEADING
    if first.islower():
        if opening or not any(c.isupper() for c in nxt[1:4]):  # "iPhone", "eRecovery" may start one
            return False
    elif not (first.isupper() or first.isdigit() or opening or not first.isalnum()):
        return False
    marks = paragraph[stop:mark_end].rstrip(_TRAILING)
    if "." not in marks or len(marks) > 1 and set(marks) - {"."}:  # "!", "?", "?!", "…"
        return True
    if len(marks) > 1:  # "..." before a capital
        return True
    word = _word_before(paragraph, stop).lstrip(_LEADING)
    if not word or not (word[-1].isalnum()):
        return True  # "(see Appendix B.)." and the like: the marks end it
    low = word.casefold()
    if low in TITLES or low in CONTINUING or low.endswith(("e.g", "i.e")):
        return False
    if len(word) == 1 and word.isupper():  # an initial
        return False
    opening = stop - len(word)
    if word.isdigit() and len(word) <= 3 and opening - start <= 4 and not paragraph[start:opening].strip():
        return False  # a list number opening the paragraph: "1. Where does the grain go?"
    if first.isdigit() and low in BEFORE_NUMBER:
        return False
    if low in _TIMES:
        return nxt.rstrip(_TRAILING).casefold() not in TIME_ZONES and not nxt.isupper()
    if low in AMBIGUOUS or _DOTTED.match(word):
        return nxt.rstrip(_TRAILING).casefold() in STARTERS
    return True


def _word_before(text: str, stop: int, longest: int = 64) -> str:
    """The run of non-white-space characters ending at ``stop`` (at most ``longest`` of them)."""
    i = stop
    lo = max(0, stop - longest)
    while i > lo and not text[i - 1].isspace():
        i -= 1
    return text[i:stop]


def boundaries(paragraph: str, start: int = 0, end: int | None = None) -> list[int]:
    """The offsets in ``paragraph[start:end]`` where a sentence ends (just after its marks and closing quotes),
    in order; the paragraph's own end is not listed."""
    end = len(paragraph) if end is None else end
    out = []
    for m in _CANDIDATE.finditer(paragraph, start, end):
        if _ends_sentence(paragraph, start, m.start(), end, m.end()):
            out.append(m.end())
    return out


def spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``: trimmed of white space, in
    order, not overlapping, covering every other character, none longer than :data:`MAX_SENTENCE_CHARS`."""
    out: list[tuple[int, int]] = []
    cuts = [*boundaries(text, start, end), end]
    pos = start
    for cut in cuts:
        lead = _WHITESPACE_RUN.match(text, pos, cut)
        s = lead.end() if lead else pos
        e = cut
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE_CHARS:
            limit = s + MAX_SENTENCE_CHARS
            space = _last_space(text, s + MAX_SENTENCE_CHARS // 2, limit)
            piece_end = space if space > s else limit
            trimmed = piece_end
            while trimmed > s and text[trimmed - 1].isspace():
                trimmed -= 1
            out.append((s, trimmed))
            lead = _WHITESPACE_RUN.match(text, piece_end, e)
            s = lead.end() if lead else piece_end
        if e > s:
            out.append((s, e))
        pos = cut
    return out


def _last_space(text: str, lo: int, hi: int) -> int:
    """The start of the last run of white space in ``text[lo:hi]``, or -1."""
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            while i > lo and text[i - 1].isspace():
                i -= 1
            return i
    return -1
