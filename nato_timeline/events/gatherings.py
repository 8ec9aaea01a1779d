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

from ..eventdates import common_date
from ..lexicon import Lexicon
from ..records import Document, EventCandidate, Span
from ..temporal.types import ANCHOR_CONTEXT, Timex
from .clauses import _clause_end
from .grammar import _SKIP_ADVERB, closed_classes, predicates, word_classes
from .phrases import _subject_words
from .sentence import GATHERINGS
from .titles import is_plural, unquote_names

ReadSentence = Callable[..., list[EventCandidate]]

#: how many sentences after a dated gathering may tell what was decided at it
_OCCASION_SENTENCES = 5


def occasion_of(found: Sequence[EventCandidate], inside: Sequence[Timex]) -> tuple[EventCandidate, Timex, int] | None:
    """The gathering a sentence dates and says took place (a summit, a meeting, talks), with
    the expression that dates what was done at it: its day, or, for a gathering of several
    days ("on 19 and 20 November 2010", "2 – 4 April 2008"), the month they share, since
    the text does not say on which of them an act was done."""
    for c in found:
        if c.type in GATHERINGS and c.status == "occurred" and c.date is not None and c.date.precision == "day":
            k = next((k for k, t in enumerate(inside) if t.start == c.timex_start), None)
            if k is None:
                continue
            t = inside[k]
            if t.extra.get("range") == "first" and k + 1 < len(inside) and inside[k + 1].extra.get("range") == "second":
                last = inside[k + 1].date
                whole = common_date(c.date.interval()[0], last.interval()[0]) if last is not None else None
                if whole is None or whole.precision == "year":
                    return None
                t = replace(t, value=whole.value)
            return (c, t, _OCCASION_SENTENCES)
    return None


#: a date as a modifier of a noun: "the 1999 Washington summit", "its 2010 Strategic Concept"
_DET_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|an?|[A-Z][\w-]*['’]s)\s+$")
_NOUN_AFTER = re.compile(r"\s+[A-Za-z]")


def dates_only_names(text: str, inside: Sequence[Timex], base: int) -> bool:
    """Whether every date of a sentence modifies a noun after a determiner ("the previous
    plan adopted at the 1999 Washington summit"): such a date names an earlier thing and
    does not move the story, so an occasion told before goes on."""
    return bool(inside) and all(
        _DET_BEFORE.search(text[max(0, t.start - base - 12) : t.start - base])
        and _NOUN_AFTER.match(text, t.end - base) for t in inside)


def at_occasion(doc: Document, sent: Span, occasion: tuple[EventCandidate, Timex, int], lex: Lexicon,
                named: Sequence[tuple[int, str]], read_sentence: ReadSentence) -> list[EventCandidate]:
    """What the participants of a dated gathering did at it, told in the sentences after
    it without a date of their own ("... at the Madrid Summit on 29 June 2022. Allies
    endorsed the new concept. They also decided ..."): a sentence whose main verb is in the
    simple past with a plural subject (the participants: "Allies", "They", "the member
    states"), or in the past passive ("Croatia and Albania were invited"), is dated by the
    gathering, when the gathering is dated to the day or to days of one month (then by the
    month). A singular subject (one speaker), a speaker's "we", a quotation, another tense
    (a comment in the present, an earlier act in the pluperfect), a passive with its agent
    ("were joined by the mayor") or what a statement is said to contain ("In this
    statement, leaders pledged") is not. The main clause is read alone: without a fronted
    adverbial, and up to its first comma."""
    gathering, t, _left = occasion
    text = sent.text
    first = _main_verb(text)
    if first is None or not _past(text, first) or first.kind not in ("event", "light") \
            or first.negated or first.hypothetical:
        return []
    if re.search(r"[\"“”„«»]|``", text[: first.start]):
        return []  # a quotation: what a speaker says, not the narration
    words = _subject_of(text)
    if not words or words[0].lower() == "we":
        return []
    if first.form != "passive" and not is_plural(" ".join(words)):
        return []
    if first.form == "passive" and re.match(r"\s+by\s", text[first.end :]):
        return []  # "were joined by the Prime Minister": who came, not what was done
    lead = text.rfind(",", 0, first.aux_start) + 1 if _fronted(text) else 0
    if any(k.type == "statement" for _s, _e, k in lex.find_triggers(text[:lead])):
        return []  # "In this statement, leaders pledged ...": what the statement says
    # the main clause alone is read, a fronted adverbial left out ("In addition to accepting
    # the Concept that addressed cyber attacks, the members agreed ...": no attack)
    # ... up to its first comma: an apposition or a reduced relative after it ("a new
    # concept, following the plan adopted at the 1999 summit") tells no act of the occasion
    end = _clause_end(unquote_names(text), first.end)
    main = Span(sent.start + lead, sent.start + end, text[lead:end])
    here = replace(t, start=main.start, end=main.start, anchor=ANCHOR_CONTEXT)
    # "They": the participants, as the sentence of the gathering names them
    default = _participants(gathering.quote) if words == ["They"] else ""
    out = []
    for c in read_sentence(doc, main, [here], lex, named, ("past",), default):
        if c.type == "statement" or c.date != t.date:
            continue
        out.append(replace(c, quote=text, start=sent.start, end=sent.end, timex_start=t.start, timex_end=t.end,
                           confidence=round(c.confidence * 0.8, 3)))
    return out


#: a past auxiliary of a passive: "were invited", "was adopted", "had been agreed"
_PAST_AUX = re.compile(r"(?:was|were|had\s+been)\s+(?:\w+ly\s+)?$", re.I)
#: a relative pronoun as the subject of the verb after it ("the Concept that addressed")
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:\w+ly\s+)?$", re.I)


def _main_verb(text: str):
    """The first finite verb of ``text`` that is not a relative clause's ("In addition to
    accepting the Concept that addressed new challenges, the members agreed ...": agreed)."""
    return next((p for p in predicates(text) if p.finite
                 and not _RELATIVE_BEFORE.search(text[max(0, p.aux_start - 20) : p.aux_start])), None)


_OPENERS = closed_classes()["preposition"] | closed_classes()["subordinator"] | closed_classes()["clause_adverb"]


def _fronted(text: str) -> bool:
    """Whether ``text`` opens with an adverbial ("In addition to ...,", "Among other
    business,", "Finally,"): a preposition, a subordinator or an adverb first."""
    m = re.match(r"\s*([A-Za-z]+)", text)
    return m is not None and (m.group(1).lower() in _OPENERS or m.group(1).lower().endswith("ly"))


def _past(text: str, p) -> bool:
    """A verb in the simple past, active ("agreed") or passive ("were invited"): the act
    done at the gathering, by its participants or, in a passive, by someone unnamed."""
    return p.form == "past" or (p.form == "passive" and _PAST_AUX.search(text[max(0, p.aux_start - 5) : p.start]) is not None)


def _subject_of(text: str) -> list[str]:
    """The words of the subject of the main clause's first finite verb, adverbs dropped."""
    first = _main_verb(text)
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
