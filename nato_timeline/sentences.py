"""Sentence splitting with character offsets.

Regex-based and linear. Paragraphs and line breaks are hard boundaries (a
headline line without final punctuation is a sentence of its own), except a
soft-wrapped line: a line that ends without sentence punctuation, or with an
abbreviation's stop ("the U.S."), and is followed by a line starting in lower
case continues on that line; so does a line that ends with a comma, which no
heading does (text taken from a page whose links broke its lines).

Inside a line a sentence ends at ``.``, ``!``, ``?`` or an ellipsis, with any
closing quotes, brackets and citation markers (``.”``, ``.)``, ``.[1]``), when
the next word starts a sentence (upper case, a digit, an opening quote or a
dash). Abbreviations do not end a sentence: titles before names (Mr., Dr.,
Gen.), initials (J. Smith), dotted acronyms (U.S., a.m.) unless a common
sentence opener follows, and month or number abbreviations before a number
(Oct. 2015, No. 5). A full stop glued between two words (``University.He``) does
end one. A dateline inside a line (a full date, an agency and a dash before a capital:
"... in Riga on November 27 (NATO) November 28, 2006 -- Leaders ...") starts one, unless
its place or a preposition stands before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .records import Span

#: Abbreviations written before a name: never the end of a sentence.
TITLES = frozenset(
    "Mr Mrs Ms Messrs Mme Mlle Dr Prof Gen Lt Col Sgt Capt Cmdr Cdr Adm Maj Brig Gov Sen Rep "
    "Rev Hon Amb Pres Supt Insp Cpl Pvt St Ste Mt Ft".split()
)
#: Month names and abbreviations: not the end of a sentence before a number.
MONTHS = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec January February March April May June "
    "July August September October November December".split()
)
#: Abbreviations that end a sentence only before a number-free common opener.
NUMBERED = frozenset("No Nos no nos Art Vol vol p pp Fig fig ch Ch para Para ed eds Nr nr".split())
OTHER = frozenset(
    "etc vs v cf al approx Inc Ltd Co Corp Bros Dept Univ Assn Jr Sr Esq est ca Av Ave Blvd Rd".split()
)
#: Words that start sentences often enough to split after an ambiguous abbreviation.
OPENERS = frozenset(
    "The A An He She It They We I You This That These Those There Here But And Yet So Or In On At "
    "As After Before When While However Meanwhile Moreover Still Later Earlier His Her Its Their "
    "Our What Why How Who If Since Although Though".split()
)

# A run of stops is matched from its first character only, and never given back
# (possessive): a long run of dots without a space after it costs linear time.
_TERMINAL = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?:\[[^\]\n]{1,40}\])*(?=\s)")
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")
_TOKEN_STOP = frozenset("([\"'“‘")
_NEXT_WORD = re.compile(r"[^\s,;:]*")
_NON_SPACE = re.compile(r"\S")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_OPENING = set("\"'“‘«([{—–-•*¿¡")
_LINE_FINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*(?:\[[^\]\n]{1,40}\])*$")
_ALNUM = re.compile(r"[^\W_]")


#: a dateline inside a line: a full date, an optional agency and a dash before a capital
_DATELINE_INSIDE = re.compile(
    r"(?<=\S )(?:(?-i:[A-Z][a-z]{2,8})\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+(?-i:[A-Z][a-z]{2,8})\.?\s+\d{4})"
    r"\s*(?:\([^()\n]{1,20}\)\s*)?(?:--|—|–)\s+(?=[A-Z])")
#: a word that makes a date part of its sentence ("ended on November 28, 2006 -- A ...")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:on|in|of|by|until|till|since|before|after|from|to|through|and|or|the|dated)\s+$", re.I)


def split_sentences(text: str, regions: Iterable[tuple[int, int]] | None = None) -> list[Span]:
    """Split ``text`` (or only the given ``(start, end)`` regions of it) into sentences.

    Offsets are into ``text``; every span is trimmed of surrounding whitespace
    and holds at least one letter or digit.
    """
    if regions is None:
        regions = [(0, len(text))]
    out: list[Span] = []
    for start, end in regions:
        for s, e in _segments(text, start, end):
            for a, b in _split_segment(text, s, e):
                a, b = _trim(text, a, b)
                if a < b and _ALNUM.search(text, a, b):
                    out.append(Span(a, b, text[a:b]))
    return out


def _segments(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Stretches between hard line boundaries (soft-wrapped lines are joined)."""
    seg_start = start
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            yield seg_start, end
            return
        line = text[pos:nl].rstrip()
        # Look at the next line: a soft wrap continues the segment.
        nxt = nl + 1
        next_end = text.find("\n", nxt, end)
        next_line = text[nxt : end if next_end < 0 else next_end]
        stripped_next = next_line.lstrip(" \t")
        soft = (
            line.strip() != ""
            and next_line[:1] not in (" ", "\t")  # an indented line is a new item
            and (
                (stripped_next[:1].islower() and (not _LINE_FINAL.search(line) or _ends_abbreviation(line)))
                # a heading never ends with a comma: "On 3 June 2007,\nPutin warned ..."
                or (line.endswith(",") and _ALNUM.match(stripped_next) is not None)
            )
        )
        if not soft:
            yield seg_start, nl
            seg_start = nxt
        pos = nxt


def _ends_abbreviation(line: str) -> bool:
    """Whether a line's final stop belongs to an abbreviation ("... compared U.S.")."""
    token = line[line.rfind(" ") + 1 : -1] if line.endswith(".") else ""
    return bool(token) and (
        _DOTTED.fullmatch(token) is not None or token in TITLES or token in OTHER or token in MONTHS
    )


def _split_segment(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    cut = start
    cuts: list[int] = []
    for m in _TERMINAL.finditer(text, start, end):
        if _is_boundary(text, cut, m, end):
            cuts.append(m.end())
            cut = m.end()
    for m in _GLUED_STOP.finditer(text, start, end):
        cuts.append(m.end())
    for m in _DATELINE_INSIDE.finditer(text, start, end):
        # "... a NATO meeting in Riga on November 27 (NATO) November 28, 2006 -- Leaders ...":
        # a photo caption run into the dateline of the story under it
        before = text[max(start, m.start() - 12) : m.start()]
        if not _PREPOSITION_BEFORE.search(before) and not before.rstrip().endswith(","):
            cuts.append(m.start())  # ("Moscow, 20 February 2001 (RFE/RL) --" is one dateline)
    cuts = sorted(set(cuts))
    prev = start
    for c in cuts:
        yield prev, c
        prev = c
    yield prev, end


def _is_boundary(text: str, sent_start: int, m: re.Match[str], end: int) -> bool:
    j = m.end()
    while j < end and text[j].isspace():
        j += 1
    if j >= end:
        return False  # the segment ends here anyway
    c = text[j]
    if not (c.isupper() or c.isdigit() or c in _OPENING):
        return False
    punct = m.group(0)
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    # the word before the stop, found by walking back to a space or an opening
    # mark (not by slicing the sentence so far: that is quadratic in a long one)
    k = m.start()
    while k > sent_start and not text[k - 1].isspace() and text[k - 1] not in _TOKEN_STOP:
        k -= 1
    token = text[k : m.start()]
    nxt_word = _NEXT_WORD.match(text, j, end).group(0).strip("\"'“‘(")
    if not token:
        return True
    if token in TITLES:
        return False
    if token in MONTHS and c.isdigit():
        return False
    if token in NUMBERED and c.isdigit():
        return False
    if _DOTTED.fullmatch(token) or (len(token) == 1 and token.isupper()):
        return nxt_word in OPENERS  # U.S., a.m., initials
    if token in OTHER or token in MONTHS:
        return nxt_word in OPENERS
    # A dateline word alone ("MOSCOW. -The ..."): not a sentence of its own.
    if token.isupper() and len(token) >= 3 and _NON_SPACE.search(text, sent_start, k) is None:
        return False
    return True


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
