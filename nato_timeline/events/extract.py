"""The pass over a document: each sentence's dates are attached to what they date
(:mod:`.dating`), checked for an asserted occurrence (:mod:`.asserted`) and built into
candidates with actors, places (:mod:`.participants`), status and a title
(:mod:`.phrases`, :mod:`.titles`); sentences without a date and the layout add what no
single dated clause gives (:mod:`.occasions`). Pure functions of a document and its
anchored dates.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Sequence

from ..eventdates import span_date
from ..lexicon import Lexicon, get_lexicon, title_stems
from ..records import Document, EventCandidate, Span
from ..temporal.types import ANCHOR_CONTEXT, ANCHOR_DOCUMENT, PartialDate, Timex
from .asserted import (
    _not_asserted,
    _premodifies,
    _purpose_start,
    _reporting_governs,
    _reports_news,
    wished,
)
from .clauses import _REPORTING, _clause_end, windows
from . import layout
from .bounds import drop_range_ends
from .dating import _attach
from .grammar import inflect
from .occasions import (
    _anniversaries,
    _continuations,
    _is_stamp,
    _layout_events,
    _named_dated,
    _named_event,
    _statement_acts,
    _under_way,
    _without_called_off,
    _without_dateline,
)
from .participants import _canonical_actors, _confidence, _places_in
from .settings import came_from, has_setting, is_setting
from .entry_steps import entry_of, entry_steps
from .weighing import weighed_events
from .offsets import counted_back
from .gatherings import at_named_gathering, at_occasion, dated_gatherings, dates_only_names, occasion_of
from .grammar import alternation, aspect_verbs
from .phrases import (
    _finished_title,
    _named,
    _object,
    _premod_actor,
    _shared_subject,
    _subject,
    _title,
)
from .sentence import _FUTURE, GATHERINGS, MAX_TITLE, _clean, _cut, _nominal, _Trig, _Tx
from .titles import is_plural

_YEARLESS = re.compile(r"XXXX-\d{2}-\d{2}")


#: a duration that dates an event: "(will take place) in/within/over the next two weeks"
_DURATION_AS_DATE = re.compile(r"\b(?:in|within|during|over)\s+$", re.I)


_CANCELLED = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?to\s+$", re.I)


_UNTIL_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?until\b", re.I)


_NEGATED = re.compile(r"\b(?:never|not)\s+(?:\w+\s+)?$", re.I)
#: an event noun as the object of a negated verb of holding it
_NOT_HELD = re.compile(r"\b(?:not|never|n't)\s+(?:\w+ly\s+)?" + alternation("holding_verb") + r"\s+(?:[\w’'-]+\s+){0,4}$",
                       re.I)


#: how far into a report its news is told: the sentences where "are holding a meeting"
#: means the day of the report
_LEAD_SENTENCES = 4


def usable_dates(doc: Document, timexes: Sequence[Timex]) -> list[Timex]:
    """The expressions of ``doc`` that can date an event, in order: dates and times out of
    page furniture, and the points that durations reach."""
    usable = []
    for t in timexes:
        if doc.in_furniture(t.start, t.end):
            continue
        if t.type == "DURATION":
            if t.point is not None:
                # "ratified two years later": the point the duration reaches from the
                # narrated time before it (given by anchoring) dates the clause
                usable.append(replace(t, type="DATE", value=t.extra["point"], anchor=ANCHOR_CONTEXT))
                continue
            # "will take place in the next two weeks": the span from the DCT dates it
            span = span_date(t, doc.published)
            if span is not None and _DURATION_AS_DATE.search(doc.body[max(0, t.start - 12) : t.start]):
                usable.append(replace(t, type="DATE", value=span.value, anchor=ANCHOR_DOCUMENT))
        elif t.type in ("DATE", "TIME") and _usable(t) and not _FIELD_LABEL.search(doc.body, max(0, t.start - 24), t.start):
            usable.append(t)
    usable.sort(key=lambda t: (t.start, t.end))
    # "two years after Russia's invasion": a date counted back from the sentence's own
    usable.extend(counted_back(doc, timexes, usable) if doc.body else ())
    usable.sort(key=lambda t: (t.start, t.end))
    return _anniversaries(doc.body, usable)


def extract_events(doc: Document, timexes: Sequence[Timex], weigh: bool = True) -> list[EventCandidate]:
    """Dated events of ``doc``: one candidate per (date, trigger) of each sentence; then,
    unless ``weigh`` is false, the dated sentences no rule read as an event, weighed by
    :mod:`.weighing`."""
    lex = get_lexicon()
    usable = usable_dates(doc, timexes)
    named = [(m.start, m.canonical) for m in lex.find_actors(doc.body)
             if (a := lex.actor(m.canonical)) is not None and a.kind == "person"]
    starts = [t.start for t in usable]
    # a chronology told in the present ("On November 10, NATO warns ...")
    chronology = layout.entries(doc.body, usable, doc.in_furniture, doc.published)
    told_present = any(e.shape == "date-led" and e.told for e in chronology)
    entries_present = layout.told_in_the_present(doc.body, chronology)
    entry_starts = [e.start for e in chronology]
    out: list[EventCandidate] = []
    previous: tuple[Span, list[EventCandidate]] | None = None
    occasion: tuple[EventCandidate, Timex, int] | None = None
    gatherings: list[tuple[EventCandidate, Timex]] = []
    folded_all: list[EventCandidate] = []  # gatherings an act stands for: their dates are read
    for n, sent in enumerate(windows(doc.body, doc.sentences) if doc.body else doc.sentences):
        sent = _without_dateline(doc.body, sent, first=n == 0) if doc.body else sent
        # only the expressions that start inside the sentence: linear in the document
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        inside = [t for t in usable[lo:hi] if t.end <= sent.end]
        text = doc.body[sent.start : sent.end] if doc.body else sent.text
        span = Span(sent.start, sent.end, text)
        if not inside:
            if previous is not None:
                out.extend(_continuations(doc, span, previous, lex))
            previous = None
            out.extend(_statement_acts(doc, span, lex, named))
            if n < _LEAD_SENTENCES:
                out.extend(_under_way(doc, span, lex))
            entry = entry_of(chronology, entry_starts, doc.body, span) if chronology and doc.body else None
            if entry is not None:
                out.extend(entry_steps(doc, span, entry, lex, named, _sentence_events, entries_present))
            if occasion is not None and occasion[2] > 0:
                out.extend(at_occasion(doc, span, occasion, lex, named, _sentence_events))
                occasion = (occasion[0], occasion[1], occasion[2] - 1)
            else:
                out.extend(at_named_gathering(doc, span, gatherings, lex, named, _sentence_events))
            continue
        if _is_stamp(text, sent.start, inside) or layout.SECTION_HEAD.fullmatch(text):
            previous = None
            continue
        folded: list[EventCandidate] = []
        found = _sentence_events(doc, span, inside, lex, named,
                                 ("present", "progressive") if told_present else (), folded=folded)
        out.extend(found)
        folded_all.extend(folded)
        previous = (span, found) if found else None
        if found:
            # the story moves to this sentence's date: a gathering told here is the
            # occasion of what the next sentences say its participants did
            new = occasion_of(found + folded, inside)
            if new is None and occasion is not None and occasion[2] > 0 \
                    and dates_only_names(text, inside, sent.start):
                # "... adopted a plan following the previous plan of the 1999 summit": a date
                # naming an earlier thing leaves the story at its occasion
                kinds = {c.type for c in found}
                out.extend(c for c in at_occasion(doc, span, occasion, lex, named, _sentence_events)
                           if c.type not in kinds)
                occasion = (occasion[0], occasion[1], occasion[2] - 1)
            else:
                occasion = new
            gatherings.extend(dated_gatherings(found + folded, inside))
    dropped: set[int] = set()
    entries = _layout_events(doc, chronology, out, lex, dropped)
    out = [c for c in out if id(c) not in dropped] + entries
    if weigh and doc.body:
        out.extend(weighed_events(doc, usable, out + folded_all, lex, named))
    out = _without_called_off(doc, out, usable, lex)
    return [replace(c, title=_finished_title(doc, c, lex)) for c in out]


#: a record's field label right before a date ("DATE=2/17/2000 TYPE=CORRESPONDENT REPORT",
#: "DATE: TUESDAY, June 28, 1994 TAG: ..."), or a page's stamp label ("Updated: 15-01-2021
#: 17:09 IST | Created: ...", the time after a day in figures): the date stamps the record or
#: the page, it dates nothing the text tells. A dateline's colon is no label ("MOSCOW: On
#: Tuesday, ...": the date is the report's news)
_FIELD_LABEL = re.compile(r"(?:\b[A-Z][A-Z_]{2,}\s*=|\b(?i:date|updated|created|modified)\s*:)\s*(?:[\d./-]+\s+)?$")


def _usable(t: Timex) -> bool:
    if t.date is not None:
        return True
    return bool(_YEARLESS.fullmatch(t.value))


# --------------------------------------------------------------------------- sentence
def _sentence_events(doc: Document, sent: Span, timexes: list[Timex], lex: Lexicon,
                     named: Sequence[tuple[int, str]] = (), unnamed_forms: tuple[str, ...] = (),
                     subject_default: str = "", folded: list[EventCandidate] | None = None) -> list[EventCandidate]:
    """The events of one sentence with dates; a verb in no list needs a named subject
    unless its form is one of ``unnamed_forms``; ``subject_default`` stands for a pronoun.
    ``folded`` receives the gatherings told as the setting of an act, which the act stands for."""
    text = sent.text
    base = sent.start
    txs = [_Tx(t.start - base, t.end - base, t, t.date) for t in timexes]
    txs = drop_range_ends(text, txs)
    if not txs:
        return []
    # "the Rome Declaration (2002)": a name dated in brackets is an event of its own
    named_cands, txs = _named_dated(doc, sent, text, txs, lex)
    if not txs:
        return named_cands

    place_mentions = lex.find_places(text)
    actor_mentions = lex.find_actors(text)
    trigs, fixed = _attach(text, txs, lex, place_mentions, actor_mentions)

    cands: list[EventCandidate] = []
    read: list[tuple[EventCandidate, _Trig, tuple[int, int]]] = []
    for x, g, (cs, ce), mode in fixed:
        if g is None:
            onset = _onset(doc, sent, text, x, (cs, ce), txs, actor_mentions, lex)
            if onset is not None:
                cands.append(onset)
            continue
        cand = _candidate(doc, sent, text, x, g, (cs, ce), mode, txs, trigs, actor_mentions, place_mentions, lex,
                          named, unnamed_forms, subject_default)
        if cand is not None:
            cands.append(cand)
            read.append((cand, g, (cs, ce)))
    return _dedupe(named_cands + _acts_at_gatherings(text, cands, read, folded))


def _acts_at_gatherings(text: str, cands: list[EventCandidate],
                        read: list[tuple[EventCandidate, _Trig, tuple[int, int]]],
                        folded: list[EventCandidate] | None = None) -> list[EventCandidate]:
    """One event for an act and the gathering its clause names as its setting: "At the
    Bucharest summit, France and Germany rejected ..." tells what happened at the summit,
    one occurrence, not a summit and a rejection. The record keeps the act's headline and
    takes the gathering's places and its date when that is finer: a gathering of several
    days is dated by its first day, as the act alone is not ("On June 7-8, at the Bergen
    Summit, ... adopted": the summit of 7 June, where a charter was adopted). The gathering,
    folded into it, goes to ``folded``: a later sentence may still name it as its setting."""
    gatherings = [(c, g) for c, g, (cs, _ce) in read if is_setting(text, g, cs)]
    if not gatherings:
        return cands
    swap: dict[int, EventCandidate] = {}
    gone: set[int] = set()
    for gc, gg in gatherings:
        for c, g, (cs, ce) in read:
            if c is gc or c.type in GATHERINGS or g.t.pos != "verb" or not cs <= gg.start < ce \
                    or id(c) in swap or c.date is None or gc.date is None \
                    or not gc.date.value.startswith(c.date.value):
                continue
            places = c.places + tuple(p for p in gc.places if p not in c.places)
            date, value = (gc.date, gc.date_value) if len(gc.date.value) > len(c.date.value) else (c.date, c.date_value)
            swap[id(c)] = replace(c, date=date, date_value=value, places=places, confidence=max(c.confidence, gc.confidence))
            gone.add(id(gc))
            # the same act read again with the gathering's day is that day's gathering
            gone.update(id(o) for o, h, _cl in read if o is not c and h.start == g.start)
            break
    if folded is not None:
        folded.extend(c for c in cands if id(c) in gone and c.type in GATHERINGS)
    return [swap.get(id(c), c) for c in cands if id(c) not in gone]


#: a state that holds since a date: "Romania has been a member of NATO since 14 March 2004"
_STATE_SINCE = re.compile(r"\b(?:has|have)\s+been\s+((?:a|an|the)\s+[^,;:()]{2,60}?)\s+since\s+$", re.I)


def _onset(doc: Document, sent: Span, text: str, x: _Tx, clause, txs, actor_mentions, lex) -> EventCandidate | None:
    """The start of a state the clause says has held since a date ("X has been a member
    of NATO since 2004"): X became that at that date. A state with no onset is no event."""
    cs, _ce = clause
    m = _STATE_SINCE.search(text, cs, x.start)
    if m is None or x.date is None or m.end() != x.start:
        return None
    subj = _subject(text, cs, m.start(), txs, actor_mentions, lex)
    if not subj or not _named(subj):
        return None
    what = re.sub(r"^(?:the)\s+", "the ", m.group(1))
    title = _cut(_clean(f"{subj} {'become' if is_plural(subj) else 'becomes'} {what}"), MAX_TITLE)
    return _named_event(doc, x.timex, x.date, x.timex.value, title, text[m.start() : x.end], text,
                        sent.start, sent.end, lex, confidence=0.5)


# --------------------------------------------------------------------------- candidate
def _candidate(doc, sent, text, x: _Tx, g: _Trig, clause, mode, txs, trigs, actor_mentions, place_mentions, lex,
               named=(), unnamed_forms: tuple[str, ...] = (), subject_default: str = "") -> EventCandidate | None:
    cs, ce = clause
    before = text[max(cs, g.start - 40) : g.start]
    if _CANCELLED.search(before):
        return None
    if _not_asserted(text, g.start) or (g.t.pos != "noun" and wished(text, g.start)):
        return None  # a question, a condition, a mere possibility or a wish reports no occurrence
    if g.t.type == "other" and g.t.pos == "verb" and _premodifies(text, x):
        return None  # "cited the 1997 act": the date belongs to the noun, not to the verb
    if _NEGATED.search(before) and not _UNTIL_AFTER.match(text, g.end, ce):
        # "not ratified until two years later" says when it was ratified
        return None
    if g.t.pos == "noun" and _NOT_HELD.search(text[max(cs, g.start - 80) : g.start]):
        return None  # "never held the planned summit": no summit; "did not attend" leaves one
    if mode == "report":
        # a statement is news when someone named makes it; "officials familiar with the
        # matter told Reuters" is where the report got its news, not an announcement
        speaker = _subject(text, cs, g.start, txs, actor_mentions, lex)
        if not speaker or not _named(speaker):
            return None
    trig = g.t
    tstart, tend = g.start, g.end
    # "decided to suspend": the complement gives the type
    decided = ""  # "agrees to hold a summit in Vilnius": the decision, when the date is its own
    if trig.pos == "decision":
        after = [h for h in trigs if tstart < h.start <= tend + 60 and h.start < ce and h.t.pos in ("verb", "noun")]
        to = re.match(r"\s*(?:(?:\w+\s+){0,4})?to\s", text[tend : after[0].start] + " ", re.I) if after else None
        if to and tend <= x.start < tend + to.end() - 3 and after[0].t.type in GATHERINGS:
            # "agreed on Tuesday to hold a summit": Tuesday dates the agreeing, and the
            # summit it sets is an event of its own (deciding to suspend is the suspension)
            decided = _cut(_clean(text[tend + to.end() - 3 : _clause_end(text, tend + to.end())]), MAX_TITLE)
        elif to:
            trig = after[0].t
            tstart, tend = after[0].start, after[0].end
        tstart_subject = g.start
    else:
        tstart_subject = g.start

    # a reporting verb governs the date: only news when a reported event is planned/decided
    rep = _reporting_governs(text, x, clause)
    announced = rep and re.search(r"\b(?:announced|declared|confirmed)\s+(?:\w+\s+){0,3}$", text[cs : x.start], re.I)
    if rep and trig.type != "statement" and not announced and mode not in ("setting", "reported") \
            and not came_from(text, x, g):
        # (a gathering the speaker came from took place that day: "said Friday after talks")
        if not _reports_news(text, x, trigs, clause):
            return None
    elif rep is None and trig.pos == "light":
        return None

    # "since then": dated by an anaphoric date; fine. Pure modifiers only.
    date = x.date
    value = x.timex.value
    whole = x.timex.extra.get("range_whole")
    if whole and trig.type not in GATHERINGS and has_setting(text, trigs, cs, ce):
        # "November 7-8, 1991: At the Rome Summit, NATO issues its Strategic Concept": an
        # act at a gathering of several days happened on one of them, which is not given
        date, value = PartialDate.parse(whole), whole
    if date is None and not _YEARLESS.fullmatch(value):
        return None

    # actors and places of the clause (a tight nominal keeps to its own phrase)
    scope = (cs, ce)
    c_actors = [m for m in actor_mentions if scope[0] <= m.start < scope[1]]
    if not c_actors and mode == "tight":
        c_actors = list(actor_mentions)
    purpose = _purpose_start(text, cs, ce, tend)
    lead = text.rfind(",", cs, tstart_subject)
    p_from, p_to = (lead if lead >= 0 else cs), min(scope[1], purpose)
    if mode == "tight":
        p_from, p_to = max(cs, min(tstart, x.start) - 40), min(ce, max(tend, x.end) + 30)
    c_places = _places_in(text, [m for m in place_mentions if p_from <= m.start < p_to], lex)
    actors = _canonical_actors(c_actors, date, lex, named, sent.start)

    status = _status(doc, text, clause, tstart, date, x)
    if g.pred is not None:
        # a verb found by grammar alone: its clause needs a subject to report an occurrence
        # ("to be completed around Nov. 1" reports none); the headline is built from it
        # what a named speaker reports needs no name of its own
        reported = _reported_subject(text, cs, x, g.pred.aux_start, txs, actor_mentions, lex) if rep else None
        subj = reported or _subject(text, cs, g.pred.aux_start, txs, actor_mentions, lex) or \
            _shared_subject(text, cs, g.pred.aux_start, txs, actor_mentions, lex) or subject_default
        if not reported and (not subj or not (_named(subj) or _title_after_article(text, cs, subj)
                                              or g.pred.form in unnamed_forms
                                              or (g.pred.lemma in aspect_verbs() and _definite(text, cs, subj)))):
            # an occurrence a verb in no list reports is an act of someone named ("The Dutch
            # senate endorsed", "Ivanov met"), not a trend ("prices rose", "relations improved");
            # a chronology tells every dated step in the present ("A cyberattack on January
            # 14 knocks out ..."), whoever acts; the start or end of a thing the text has
            # named is an occurrence ("The restrictions, which began on Saturday, ...")
            return None
        verb = g.pred.present(plural=is_plural(subj))
        if g.pred.form == "passive":
            verb = ("are " if is_plural(subj) else "is ") + inflect(g.pred.lemma, "VBN") + \
                (f" {g.pred.particle}" if g.pred.particle else "")
        # a verb coordinated beyond the date's clause has its object in its own
        obj = _object(text, tend, ce if tend < ce else _clause_end(text, tend), txs, actor_mentions, lex)
        title = _cut(_clean(f"{subj} {verb} {obj}"), MAX_TITLE)
    else:
        title = _title(text, clause, tstart_subject, tstart, tend, trig, txs, c_actors, c_places, actor_mentions,
                       lex, x)
    if decided:
        subj = _subject(text, cs, g.start, txs, actor_mentions, lex) or _shared_subject(
            text, cs, g.start, txs, actor_mentions, lex)
        if subj:
            title = _cut(_clean(f"{subj} {trig.verb3} {decided}"), MAX_TITLE)
    if g.t.pos == "decision" and _nominal(text, g.start):
        # "NATO ministers' decision to suspend ...", "would back NATO's decision": the
        # possessor decided
        agent = _premod_actor(text, cs, g.start, lex)
        obj = _object(text, tend, ce, txs, actor_mentions, lex)
        if agent:
            title = _cut(_clean(f"{agent} {trig.verb3} {obj}"), MAX_TITLE)
    conf = _confidence(date, trig, actors, c_places, x)
    return EventCandidate(
        date=date,
        date_value=value,
        title=title,
        type=trig.type,
        quote=text,
        start=sent.start,
        end=sent.end,
        timex_start=x.timex.start,
        timex_end=x.timex.end,
        actors=tuple(actors),
        places=tuple(dict.fromkeys(c_places)),
        confidence=conf,
        status=status,
    )


def _reported_subject(text: str, cs: int, x: _Tx, at: int, txs, actor_mentions, lex) -> str | None:
    """The subject of the verb at ``at`` in what a named speaker reports on the date ``x``
    ("Stoltenberg said on Tuesday the alliance was expelling ..." → "Alliance"): the speaker
    vouches for it, so it needs no name of its own; ``None`` when the saying is not before
    the verb or its speaker is not named."""
    m = _REPORTING.search(text, cs, x.start + 1)
    if m is None or m.end() > at:
        return None
    speaker = _subject(text, cs, m.start(), txs, actor_mentions, lex)
    if not speaker or not _named(speaker):
        return None
    reported = _subject(text, m.end(), at, txs, actor_mentions, lex)
    if reported is None and _PRONOUN_THEY.search(text, m.end(), at):
        return speaker  # "police said on Friday they were investigating": the speaker
    return reported


#: a pronoun that stands for the speaker right before the reported verb
_PRONOUN_THEY = re.compile(r"\b(?:they|it|we)\s+(?:\w+\s+){0,2}$", re.I)


def _title_after_article(text: str, cs: int, subject: str) -> bool:
    """Whether ``subject`` is one capitalised word after "the" inside the clause ("The
    Defender reached Batumi", "the Council met"): a name, though the word is English."""
    return " " not in subject and subject[:1].isupper() and \
        re.search(r"\b[Tt]he\s+" + re.escape(subject) + r"\b", text[cs:]) is not None


def _definite(text: str, cs: int, subject: str) -> bool:
    """Whether ``subject`` stands in the clause after a definite determiner ("the
    restrictions", "this exercise")."""
    return re.search(r"\b(?:the|this|these|those)\s+" + re.escape(subject), text[cs:], re.I) is not None


def _status(doc: Document, text: str, clause, tstart: int, date: PartialDate | None, x: _Tx) -> str:
    if date is not None and doc.published is not None:
        if date.interval()[0] > doc.published.interval()[1]:
            return "scheduled"
        if date.interval()[1] < doc.published.interval()[0]:
            return "occurred"
    cs, ce = clause
    window = text[max(cs, tstart - 60) : min(ce, tstart + 40)]
    if _FUTURE.search(window) and not re.search(r"\b(?:was|were|had)\b", text[max(cs, tstart - 25) : tstart]):
        return "scheduled"
    return "occurred"


# --------------------------------------------------------------------------- dedupe
def _dedupe(cands: list[EventCandidate]) -> list[EventCandidate]:
    out: list[EventCandidate] = []
    for c in cands:
        dup = None
        for i, o in enumerate(out):
            if o.date_value != c.date_value and not (o.date and c.date and o.date == c.date):
                continue
            if o.type != c.type:
                continue
            if o.places and c.places and not set(o.places) & set(c.places):
                continue
            if o.places != c.places and (o.places and c.places) is False and o.actors and c.actors and not set(o.actors) & set(c.actors):
                continue
            if o.actors and c.actors and not set(o.actors) & set(c.actors):
                continue
            if not _one_occurrence(o, c):
                continue
            dup = i
            break
        if dup is None:
            out.append(c)
        elif c.confidence > out[dup].confidence:
            out[dup] = c
    return out


def _one_occurrence(a: EventCandidate, b: EventCandidate) -> bool:
    """Two mentions of one date and type in one sentence are one event unless they name
    different bodies ("two meetings of the NRC and two of the EAPC") or share nothing
    (no actor, no place, no word of the headline)."""
    lex = get_lexicon()
    ba, bb = lex.bodies(a.actors), lex.bodies(b.actors)
    if ba and bb and not set(ba) & set(bb):
        return False
    if set(a.places) & set(b.places) or set(a.actors) & set(b.actors):
        return True
    return bool(title_stems(a.title) & title_stems(b.title))
