"""The tense of the sentence around an expression, and whether a verb governs it directly.

The tense is read from cue words (``data/en/norm/tense.tsv``) nearest to the timex in
its sentence, plus lower-case past participles/past forms ending in ``-ed`` (a
capitalised word such as ``United`` is a name, not a verb). A word that ends so but that
the English lexicon of lemminflect knows as something else is no past form ("will
proceed", "they need", "several hundred"); one it does not know is taken by its ending.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..loader import DATA_DIR, read_norm


_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘(])|\n\s*\n|\n(?=[A-Z•\-*])")


@lru_cache(maxsize=8192)
def _past_form(word: str) -> bool:
    """Whether a word ending in "-ed" is a verb's past form or participle."""
    from lemminflect import getAllLemmas  # loaded when a text first has such a word

    lemmas = getAllLemmas(word.lower())
    if not lemmas:
        return True  # a word the lexicon lacks ("airlifted"): its ending decides
    verbs = lemmas.get("VERB", ())
    return bool(verbs) and word.lower() not in verbs


@lru_cache(maxsize=1)
def _tense_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    table = read_norm(DATA_DIR / "en" / "norm" / "tense.tsv")
    words = sorted(table, key=len, reverse=True)
    alts = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in words)
    pat = re.compile(rf"(?<![\w'’])(?:(?P<w>{alts})(?![\w])|(?P<ed>(?-i:[a-z]{{3,}}ed))\b)", re.IGNORECASE)
    return pat, {k.lower(): v for k, v in table.items()}


#: an auxiliary (or "to be") right before an -ed word: "was extended", "to be completed",
#: "would be paid", "has been delayed"; the -ed word is then a participle, not a past form
_AUX_BEFORE = re.compile(
    r"(?<![\w'’])(?:be|been|being|is|are|am|was|were|has|have|had|get|gets|got|'s|'re)"
    r"(?:\s+(?:not|also|now|already|still|just|since|being|been|\w+ly))*\s+$",
    re.IGNORECASE,
)


#: a determiner (and adverbs) right before an -ed word: "the planned merger", "an
#: unexpected loss", "a still unspecified date"; the -ed word is then an adjective
_DET_BEFORE = re.compile(
    r"(?<![\w'’])(?:a|an|the|its|their|his|her|our|this|that|these|those)(?:\s+(?:still|yet|\w+ly))*\s+$",
    re.IGNORECASE,
)


#: a noun phrase, not an infinitive, after a cue that ends in "to" ("agreed to Sweden's
#: accession", "agreed to the plan")
_NOUN_PHRASE_AFTER = re.compile(r"\s+(?:the|a|an|its|their|his|her|our|this|that|these|those|(?-i:[A-Z])[\w-]*(?:['’]s)?)\b")


#: what may open a sentence before a fronted date ("In January, ...", "Early in March ...")
_FRONTED = re.compile(r"[\s\"'“‘(`]*(?:(?:in|on|by|since|during|from|until|till|through|early|late|later|earlier|and|but|then)\s+)*", re.IGNORECASE)


#: the suffix of a cue that is a time word, not a verb (``data/en/norm/tense.tsv``)
_WORD_CUE = " word"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _SENT_END.finditer(text, lo, start):
        s = m.end()
    m = _SENT_END.search(text, end, min(len(text), end + 400))
    e = m.start() + 1 if m else min(len(text), end + 400)
    return s, e


#: listed cues whose first word is a plural noun too ("plans to", "hopes to", "aims to")
NOUN_CUE = re.compile(r"(?:plans|hopes|aims)\s", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w'’]+)\s+$")


def noun_before(text: str, lo: int, at: int) -> bool:
    """Whether the word before ``at`` makes the cue word after it a noun: a determiner or a
    possessive ("its plans to"), or a verb's past form ("announced plans to")."""
    m = _WORD_BEFORE.search(text, max(lo, at - 40), at)
    if m is None:
        return False
    word = m.group(1)
    return bool(_DET_BEFORE.search(text, max(lo, at - 40), at)) or word.endswith(("'s", "’s")) \
        or (word.islower() and word.endswith("ed") and _past_form(word)) \
        or _tense_regex()[1].get(word.lower()) == "past"


def tense_of(text: str, start: int, end: int) -> str:
    """``past``, ``future``, ``present`` or ``""`` for the sentence around text[start:end]."""
    s, e = sentence_bounds(text, start, end)
    pat, table = _tense_regex()
    best: tuple[int, str] | None = None
    # "Until Thursday, they had not called him": a preposition that opens the sentence with
    # the date is no verb; the clause after it gives the tense
    fronted = _FRONTED.fullmatch(text, s, start) is not None
    for m in pat.finditer(text, s, e):
        if start <= m.start() < end or (fronted and m.end() <= start):
            continue
        if m.group("w"):
            t = table[re.sub(r"\s+", " ", m.group("w").lower())]
            if t == "none":
                continue  # a phrase that only looks like a cue ("next to the embassy")
            if t == "future" and m.group("w").lower().endswith(" to") and _NOUN_PHRASE_AFTER.match(text, m.end()) \
                    and text[m.end() : start].strip():
                t = "past"  # "agreed to Sweden's accession": a noun, no infinitive, follows
            if m.group("w").lower().endswith("ed") and _DET_BEFORE.search(text, max(s, m.start() - 40), m.start()):
                continue  # "the hastily planned trip": a listed -ed form used as an adjective
            if NOUN_CUE.match(m.group("w")) and noun_before(text, s, m.start()):
                continue  # "announced plans to", "its plans to": a noun, the verb before has the tense
        elif not _past_form(m.group("ed")):
            continue  # "will proceed", "several hundred": the ending is no past
        elif _AUX_BEFORE.search(text, max(s, m.start() - 40), m.start()):
            continue  # a participle after an auxiliary: the auxiliary carries the tense
        elif _DET_BEFORE.search(text, max(s, m.start() - 40), m.start()):
            continue  # an adjective after a determiner ("a still unspecified date"), no verb
        else:
            t = "past"
        # a cue after the timex ("..., officials said") counts only when none comes before it;
        # a time word ("last", "yesterday") only when no verb of the sentence is a cue
        dist = start - m.end() if m.end() <= start else (m.start() - end) + 1000
        if t.endswith(_WORD_CUE):
            t, dist = t[: -len(_WORD_CUE)], dist + 10_000
        if best is None or dist < best[0]:
            best = (int(dist), t)
    return best[1] if best else ""


_WORD = re.compile(r"[\w'’]+")


#: how many words after a date that opens its sentence its verb may come ("In January, American Medical brought")
FRONTED_WORDS = 5


def _is_cue(text: str, w: re.Match[str], lo: int) -> bool:
    pat, table = _tense_regex()
    m = pat.fullmatch(w.group())
    if not m:
        return False
    if m.group("ed"):
        before = text[max(lo, w.start() - 40) : w.start()]
        return _past_form(m.group("ed")) and not (_AUX_BEFORE.search(before) or _DET_BEFORE.search(before))
    return table.get(w.group().lower(), "").removesuffix(_WORD_CUE) in ("past", "future")


def tense_is_direct(text: str, start: int, end: int | None = None) -> bool:
    """Whether a tense cue stands within the eight words before ``start`` ("ended March 31",
    "bought it in February"), or the date opens its sentence and a cue follows within
    ``FRONTED_WORDS`` words ("In January, the company bought ..."): the verb then governs
    the date itself, not a clause around it."""
    s, e = sentence_bounds(text, start, start)
    if end is not None and _FRONTED.fullmatch(text, s, start):
        after = list(_WORD.finditer(text, end, e))[:FRONTED_WORDS]
        if any(_is_cue(text, w, end) for w in after):
            return True
    lo = max(s, start - 80)
    words = list(_WORD.finditer(text, lo, start))[-8:]
    return any(_is_cue(text, w, lo) for w in words)
