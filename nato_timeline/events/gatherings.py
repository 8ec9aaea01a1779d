"""Gatherings as occasions: what the participants of a dated summit, meeting or talks did
there, told without a date of its own, takes the gathering's date.

Two shapes are read: the sentences right after the one that dates a gathering ("... at the
Madrid Summit on 29 June 2022. Allies endorsed the new concept. They also decided ..."),
and a sentence that names a gathering the text has dated before as its setting ("At the
Rome Summit, the 20 leaders approved a workplan", after "At their Rome Summit in May 2002
..."). The sentence's own events are read by the extractor's sentence reader, given as
``read_sentence``, with the gathering's date standing at the sentence's start.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from ..lexicon import Lexicon
from ..records import Document, EventCandidate, Span
from ..temporal.types import ANCHOR_CONTEXT, Timex
from .grammar import _SKIP_ADVERB, predicates, word_classes
from .phrases import _subject_words
from .sentence import GATHERINGS
from .titles import is_plural

ReadSentence = Callable[..., list[EventCandidate]]

#: how many sentences after a dated gathering may tell what was decided at it
_OCCASION_SENTENCES = 5


def occasion_of(found: Sequence[EventCandidate], inside: Sequence[Timex]) -> tuple[EventCandidate, Timex, int] | None:
    """The gathering a sentence dates and says took place (a summit, a meeting, talks), with
    the expression that dates it."""
    for c in found:
        if c.type in GATHERINGS and c.status == "occurred" and c.date is not None and c.date.precision == "day":
            t = next((t for t in inside if t.start == c.timex_start), None)
            if t is not None:
                return (c, t, _OCCASION_SENTENCES)
    return None


def at_occasion(doc: Document, sent: Span, occasion: tuple[EventCandidate, Timex, int], lex: Lexicon,
                named: Sequence[tuple[int, str]], read_sentence: ReadSentence) -> list[EventCandidate]:
    """What the participants of a dated gathering did at it, told in the sentences after
    it without a date of their own ("... at the Madrid Summit on 29 June 2022. Allies
    endorsed the new concept. They also decided ..."): a sentence whose first verb is in the
    simple past with a plural subject (the participants: "Allies", "They", "the member
    states") is dated by the gathering, when the gathering is dated to the day. A singular
    subject (one speaker), a speaker's "we", a quotation or another tense (a comment in the
    present, an earlier act in the pluperfect) is not."""
    gathering, t, _left = occasion
    text = sent.text
    first = next((p for p in predicates(text) if p.finite), None)
    if first is None or first.form != "past" or first.kind not in ("event", "light") \
            or first.negated or first.hypothetical:
        return []
    if re.search(r"[\"“”„«»]|``", text[: first.start]):
        return []  # a quotation: what a speaker says, not the narration
    words = _subject_of(text)
    if not words or words[0].lower() == "we" or not is_plural(" ".join(words)):
        return []
    here = replace(t, start=sent.start, end=sent.start, anchor=ANCHOR_CONTEXT)
    # "They": the participants, as the sentence of the gathering names them
    default = _participants(gathering.quote) if words == ["They"] else ""
    out = []
    for c in read_sentence(doc, sent, [here], lex, named, ("past",), default):
        if c.type == "statement" or c.date != gathering.date:
            continue
        out.append(replace(c, timex_start=t.start, timex_end=t.end, confidence=round(c.confidence * 0.8, 3)))
    return out


def _subject_of(text: str) -> list[str]:
    """The words of the subject of the first finite verb of ``text``, adverbs dropped."""
    first = next((p for p in predicates(text) if p.finite), None)
    if first is None:
        return []
    words = _subject_words(text[: first.aux_start]).split()
    while words and (words[-1].lower() in _SKIP_ADVERB or _only_adverb(words[-1])):
        words.pop()
    return words


def _participants(quote: str) -> str:
    """Who took part in a gathering, as its sentence names them ("NATO leaders met ..."):
    a plural subject, or "Participants"."""
    words = _subject_of(quote)
    subject = " ".join(words)
    return subject if words and words[0].lower() not in ("they", "we") and is_plural(subject) else "Participants"


def _only_adverb(word: str) -> bool:
    """A lower-case word that may be an adverb and is no noun ("further", "also")."""
    classes = word_classes(word)
    return word.islower() and "ADV" in classes and "NOUN" not in classes




def dated_gatherings(found: Sequence[EventCandidate], inside: Sequence[Timex]) -> list[tuple[EventCandidate, Timex]]:
    """The gatherings a sentence dates to the month or the day and says took place."""
    out = []
    for c in found:
        if c.type in GATHERINGS and c.status == "occurred" and c.date is not None \
                and c.date.precision in ("day", "month") and c.places:
            t = next((t for t in inside if t.start == c.timex_start), None)
            if t is not None:
                out.append((c, t))
    return out


#: a sentence set at a gathering: "At the Rome Summit, ...", "During the Riga meeting, ..."
_AT_GATHERING = re.compile(r"\s*(?:At|During)\s+(?:the|its|their)\s+([^,;]{2,60}?),")


def at_named_gathering(doc: Document, sent: Span, gatherings: Sequence[tuple[EventCandidate, Timex]],
                       lex: Lexicon, named: Sequence[tuple[int, str]],
                       read_sentence: ReadSentence) -> list[EventCandidate]:
    """What a sentence with no date of its own says was done at a gathering it names as
    its setting, one the text has dated before at the same place ("At the Rome Summit, the
    20 leaders approved a workplan"), happened at that gathering's date: the main clause's
    first verb in the simple past, in the narration (not a quotation)."""
    m = _AT_GATHERING.match(sent.text)
    if m is None or not gatherings:
        return []
    setting = m.group(1)
    kinds = {t.type for _s, _e, t in lex.find_triggers(setting) if t.pos == "noun"}
    places = {p.canonical for p in lex.find_places(setting)}
    same = [(c, t) for c, t in gatherings if c.type in kinds and places & set(c.places)]
    if not same or len({c.date for c, _t in same}) != 1:
        return []
    gathering, t = same[-1]
    rest = sent.text[m.end() :]
    first = next((p for p in predicates(rest) if p.finite), None)
    if first is None or first.form != "past" or first.kind not in ("event", "light") or first.negated \
            or re.search(r"[\"“”„«»]|``", rest[: first.start]):
        return []
    # the main clause alone is read, the setting left out: its gathering is not a new event
    main = Span(sent.start + m.end(), sent.end, rest)
    here = replace(t, start=main.start, end=main.start, anchor=ANCHOR_CONTEXT)
    out = []
    for c in read_sentence(doc, main, [here], lex, named, ("past",)):
        if c.type == "statement" or c.date != gathering.date:
            continue
        out.append(replace(c, quote=sent.text, start=sent.start, end=sent.end, timex_start=t.start,
                           timex_end=t.end, confidence=round(c.confidence * 0.8, 3)))
    return out
