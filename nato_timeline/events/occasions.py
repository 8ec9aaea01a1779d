"""Events that no single dated clause gives: a decision a statement makes in saying it,
a sentence that continues the previous one's event, chronology entries and names dated in
brackets, anniversaries, page stamps and datelines, and plans the text calls off."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import Lexicon
from ..records import Document, EventCandidate, Span
from ..temporal.types import PRECISIONS, PartialDate, Timex
from . import layout
from .grammar import Predicate, alternation, inflect, predicates, stamp_verbs, verb_tags
from .participants import _canonical_actors, _confidence, _places_in
from .sentence import (
    GATHERINGS,
    _NOT_VERB_AFTER_TO,
    _QUOTE_SPAN,
    _WORD,
    MAX_TITLE,
    _clean,
    _cut,
    _Tx,
)
from .titles import headline

#: a page's own stamp: "Web posted at: 10:18 p.m.", "Last updated: 8 Apr. 2016", "Published 8 November 2023"
_STAMP_WORDS = re.compile(r"[^\W\d_]+")


#: a dateline before a report's first words: "MOSCOW (AP) --", "BELFAST, Northern Ireland (AP)_",
#: "WASHINGTON _", "Brussels –" (a mixed-case place only at the top of the text)
_DATELINE = re.compile(
    r"(?:(?P<caps>[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3})|(?P<place>[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}))"
    # a date may follow the place ("Moscow, 20 February 2001 (RFE/RL) --", "PARIS, May 4 --")
    r"(?P<date>,?\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})(?:,?\s+\d{4})?)?"
    r"\s*(?P<agency>\([A-Za-z ./]{1,20}\))?(?:\s*(?:--|—|–|_)|\s+-)\s*(?=[A-Z“\"])"
)


def _without_dateline(body: str, sent: Span, *, first: bool) -> Span:
    """``sent`` without a dateline at its start, so that no quote opens with one."""
    m = _DATELINE.match(body, sent.start, sent.end)
    if m is None or not (m.group("caps") or m.group("agency") or first):
        return sent
    start = m.end()
    return Span(start, sent.end, body[start : sent.end])


_AGO = re.compile(r"cmp\(Y,(-\d+),rel\)")


_IN_YEAR = re.compile(r"\s+in\s+$")


def _anniversaries(body: str, usable: list[Timex]) -> list[Timex]:
    """One date for an anniversary: "twenty years ago today" is the same day twenty years
    earlier, "on this day in 1997" that day of 1997; neither is an event at the
    publication date (nor "twenty years ago" a whole year)."""
    out: list[Timex] = []
    skip = set()
    for k, t in enumerate(usable):
        if k in skip:
            continue
        nxt = usable[k + 1] if k + 1 < len(usable) else None
        today = t.extra.get("ref") == "rel(D,0)"
        if nxt is not None and _AGO.fullmatch(t.extra.get("ref", "")) and nxt.extra.get("ref", "").startswith("rel(") \
                and not body[t.end : nxt.start].strip():
            # "N years ago today / this week / this month": the DCT's day, week or month, N years back
            years = int(_AGO.fullmatch(t.extra["ref"]).group(1))
            d = nxt.date
            if d is not None:
                shifted = _shift_years(d, years)
                if shifted is not None:
                    out.append(replace(t, end=nxt.end, text=body[t.start : nxt.end], value=shifted.value))
                    skip.add(k + 1)
                    continue
        if today and nxt is not None and nxt.date is not None and nxt.date.precision == "year" \
                and _IN_YEAR.fullmatch(body[t.end : nxt.start]) and t.date is not None:
            shifted = _shift_years(t.date, nxt.date.year - t.date.year)
            if shifted is not None:
                out.append(replace(nxt, start=t.start, text=body[t.start : nxt.end], value=shifted.value))
                skip.add(k + 1)
                continue
        out.append(t)
    return out


def _shift_years(d: PartialDate, years: int) -> PartialDate | None:
    try:
        return PartialDate(d.year + years, d.month, d.day)
    except ValueError:
        return None  # 29 February


def _is_stamp(text: str, base: int, inside: Sequence[Timex]) -> bool:
    """A line that only stamps the page with a date: a participle (or a label before it)
    and the date, nothing else ("Issued on 08 Apr. 2016", "updated 12/19/2008 10:49 AM ET",
    "Web posted at: 10:18 p.m."). ``base`` is the body offset of ``text``."""
    rest = text
    for t in sorted(inside, key=lambda t: -t.start):
        a, b = t.start - base, t.end - base
        rest = rest[:a] + " " + rest[b:]
    words = _STAMP_WORDS.findall(rest)
    if not words or len(words) > 4:
        return False
    preds = predicates(rest)
    if not preds:
        # a capitalised participle after a name is read as part of the name ("Reuters
        # Published 25 Jun, 2025"): a label still, when it is a stamping verb's
        return any(k <= 2 and "VBN" in (tags := verb_tags(w.lower()))[1] and tags[0] in stamp_verbs()
                   for k, w in enumerate(words))
    # every verb is a bare participle with no subject of its own: a label, not a clause
    return all(p.form == "past" and p.lemma in stamp_verbs() for p in preds) and \
        len(_STAMP_WORDS.findall(rest[: preds[0].start])) <= 2


def _layout_events(doc: Document, chronology: Sequence[layout.Entry], found: Sequence[EventCandidate],
                   lex: Lexicon, dropped: set[int]) -> list[EventCandidate]:
    """Chronology entries (:func:`.layout.entries`) that the sentences gave no event of that
    date; the ``id`` of each found event that an entry replaces goes into ``dropped``."""
    out = []
    for entry in chronology:
        date = entry.timex.date
        if date is None:
            continue
        same = [c for c in found if c.date == date and c.start < entry.end and entry.start < c.end]
        if not same and any(c.date is not None and c.start < entry.end and entry.start < c.end
                            and c.date != date and _within(c.date, date, entry.through) for c in found):
            continue  # "2014-2016: ... In March 2014, Russia annexed Crimea": the finer date is the event's
        text = doc.body[entry.text_start : entry.end]
        every = predicates(text)
        # the verbs of the entry's own clause, not of a relative clause inside it
        main = [p for p in every if p.finite and not p.negated and not p.hypothetical
                and not _RELATIVE_PRONOUN_BEFORE.search(text, 0, p.aux_start)]
        if same and not (entry.shape == "date-led" and main and all(c.timex_start == entry.timex.start for c in same)
                         and not any(_names_verb(c.title, main[0]) for c in same)
                         and not _PRONOUN_FIRST.match(text)):
            continue
        # a date-led line's date dates its main clause: when the sentence reading gave that
        # date to another word, the entry's event stands for it ("2001: Article 5, which
        # stipulates that an attack ..., is triggered" is no attack)
        dropped.update(id(c) for c in same)
        # the entry's date is the event's; a vaguer date inside its text that holds it names
        # a thing ("July 31, 2014 / U.S. releases 2014 Compliance Report, finding ...")
        vaguer = [c for c in found if c.date is not None and c.start < entry.end and entry.start < c.end
                  and c.date != date and _holds(c.date, date)]
        dropped.update(id(c) for c in vaguer)
        preds = [p for p in main if p.kind in ("event", "light")]
        # an entry says what happened whatever its verb: "NATO warns Moscow ..." titled by it
        said = preds or [p for p in every if p.finite and not p.negated and not p.hypothetical] \
            or _opening_verb(text)
        title = headline(text, said[0] if said else None)
        if len(title) < 4:
            continue
        out.append(_named_event(doc, entry.timex, date, date.value, title, text, doc.body[entry.start : entry.end],
                                entry.start, entry.end, lex, confidence=0.6 if preds else 0.5))
    return out


def _opening_verb(text: str) -> list[Predicate]:
    """An entry that opens with a past form says what its body did, the subject left to
    the heading ("Adopted rules of procedure", "Exchanged views on ..."): that form is the
    verb, not an adjective before a noun as it would be in running text."""
    m = re.match(r"\s*([A-Z][a-z]+)\b", text)
    if m is None:
        return []
    lemma, tags, _nominal = verb_tags(m.group(1).lower())
    if not lemma or "VBD" not in tags:
        return []
    return [Predicate(m.start(1), m.end(1), lemma, "past", "event", aux_start=m.start(1))]


def _names_verb(title: str, pred) -> bool:
    """Whether a headline is told with the verb of ``pred`` ("meets" for "met")."""
    words = set(re.findall(r"[a-z]+", title.lower()))
    return bool(words & {inflect(pred.lemma, tag) for tag in ("VBZ", "VBP", "VBN")})


#: an entry told by its writer ("I just met ..."): its own headline would be no headline
_PRONOUN_FIRST = re.compile(r"\W*(?:I|we|you|he|she|it|they)\b", re.I)
_RELATIVE_PRONOUN_BEFORE = re.compile(r"\b(?:which|who|that)\s+(?:\w+\s+)?$", re.I)


def _within(inner: PartialDate, start: PartialDate, through: PartialDate | None) -> bool:
    """Whether ``inner`` is finer than ``start`` and lies in it, or in the range from it to
    ``through``."""
    lo, hi = start.interval()
    if through is not None:
        hi = max(hi, through.interval()[1])
    a, b = inner.interval()
    return lo <= a and b <= hi and PRECISIONS.index(inner.precision) > PRECISIONS.index(start.precision)


def _holds(outer: PartialDate, inner: PartialDate) -> bool:
    """Whether ``outer`` is less precise than ``inner`` and contains it (2014 holds 2014-07-31)."""
    return inner.value.startswith(outer.value + "-")


def _named_event(doc: Document, t: Timex, date: PartialDate, value: str, title: str, named: str, quote: str,
                 start: int, end: int, lex: Lexicon, *, confidence: float) -> EventCandidate:
    """An event that a stretch of text ``named`` stands for as a whole (a chronology
    entry, a name dated in brackets): its type, actors and places are those that
    stretch names, and it lies ahead when its date is after the document's."""
    trigs = lex.find_triggers(named)
    ahead = doc.published is not None and date.interval()[0] > doc.published.interval()[1]
    return EventCandidate(
        date=date, date_value=value, title=title,
        type=trigs[0][2].type if trigs else "other", quote=quote, start=start, end=end,
        timex_start=t.start, timex_end=t.end,
        actors=tuple(dict.fromkeys(m.canonical for m in lex.find_actors(named))),
        places=tuple(dict.fromkeys(m.canonical for m in lex.find_places(named)))[:2],
        confidence=confidence, status="scheduled" if ahead else "occurred",
    )


#: a decision the speakers of the text make in saying it: "we have decided to convene ..."
_SPEAKERS_DECIDED = re.compile(
    r"\b(?:we|I)\s+(?:have|has)\s+(?:" + alternation("speaker_adverb") + r"\s+)?"
    r"([a-z]+)\s+to\s+([a-z]+)\b",
)


def _statement_acts(doc: Document, sent: Span, lex: Lexicon,
                    named: Sequence[tuple[int, str]] = ()) -> list[EventCandidate]:
    """A decision a statement reports in the first person and the present perfect ("we
    have agreed to hold a meeting", "I have decided to suspend ...") is made by issuing the
    statement: with no date of its own it took place on the document's date. Only the
    document's own voice counts (not a quotation inside it), and only when the document
    is dated to the day; the decided event itself is not dated by this (it lies ahead).
    """
    if doc.published is None or doc.published.precision != "day":
        return []
    text = sent.text
    quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]
    out: list[EventCandidate] = []
    for m in _SPEAKERS_DECIDED.finditer(text):
        verb = lex.trigger(m.group(1))
        if verb is None or verb.pos != "decision" or m.group(2) in _NOT_VERB_AFTER_TO:
            continue
        if any(a <= m.start() < b for a, b in quoted):
            continue
        complement = text[m.start(1) + len(m.group(1)) :]
        cut = re.search(r"[,;:.!?()“”\"]|\s[—–-]\s", complement)
        complement = complement[: cut.start()] if cut else complement
        title = _cut(_clean(f"{verb.noun}{complement}"), MAX_TITLE)
        date = doc.published
        mentions = lex.find_actors(text)
        actors = _canonical_actors(mentions, date, lex, named, sent.start)
        places = _places_in(text, lex.find_places(text), lex)
        at = sent.start + m.start(1)
        out.append(EventCandidate(
            date=date, date_value=date.value, title=title, type=verb.type, quote=text,
            start=sent.start, end=sent.end, timex_start=at, timex_end=at,
            actors=tuple(actors), places=tuple(places),
            confidence=_confidence(date, verb, actors, places, None), status="occurred",
        ))
    return out


#: the date of a plan: "scheduling a summit for autumn", "talks set for June 27"
_PLANNED_FOR = re.compile(
    r"\b(?:schedul\w*|plann\w*|set(?:s|ting)?|slated|due|arrang\w*|fix(?:ed|ing)|pencil+ed)\s+"
    r"(?:[\w’'-]+\s+){0,6}?for\s+(?:the\s+)?$",
    re.I,
)


#: the object of a cancelling verb: a definite or demonstrative noun ("those talks")
_DEFINITE_OBJECT = re.compile(r"\s+(?:the|those|these|that|this)\s+(?:[\w’'-]+\s+){0,2}?([\w-]+)", re.I)


#: the passive subject of a cancelling verb ("the meeting was called off")
_DEFINITE_SUBJECT = re.compile(
    r"\b(?:the|those|these|that|this)\s+(?:[\w’'-]+\s+){0,2}?([\w-]+)\s+(?:was|were|has been|have been|had been)"
    r"\s+(?:(?:\w+ly|later|then|since|also|now)\s+)?$",
    re.I,
)


def _without_called_off(doc: Document, cands: list[EventCandidate], usable: Sequence[Timex],
                        lex: Lexicon) -> list[EventCandidate]:
    """Drop planned gatherings that the text then calls off.

    A meeting, talks or a summit that a sentence plans ("scheduling the first ministerial
    meeting for May", or one still ahead of the publication date) did not happen when the
    same sentence, after the plan, or the next sentence of its paragraph calls a gathering
    off with a cancelling verb (``data/cancellations.tsv``) whose object or passive subject
    is a definite noun that refers back ("pulled out of those talks", "the summit was
    postponed"). A dated cancellation after the planned date is not one (a party that
    leaves talks once they are under way).
    """
    sents = list(doc.sentences)
    index = {s.start: k for k, s in enumerate(sents)}
    dropped: set[tuple[int, int, str]] = set()  # (date expression, type): also its continuations
    for c in cands:
        k = index.get(c.start)
        if k is None or c.type not in GATHERINGS or c.date is None:
            continue
        rel = c.timex_start - c.start
        if rel < 0 or not (c.status == "scheduled" or _PLANNED_FOR.search(c.quote[:rel])):
            continue
        later = [(sents[k], c.timex_end)]
        if k + 1 < len(sents) and "\n\n" not in doc.body[sents[k].end : sents[k + 1].start]:
            later.append((sents[k + 1], sents[k + 1].start))
        for sent, after in later:
            text = doc.body[sent.start : sent.end]
            if any(sent.start <= t.start < sent.end and t.date is not None
                   and t.date.interval()[0] > c.date.interval()[1] for t in usable):
                continue
            if any(_calls_off_gathering(text, s, e, lex) for s, e in lex.find_cancellations(text)
                   if sent.start + s >= after):
                dropped.add((c.timex_start, c.timex_end, c.type))
                break
    return [c for c in cands if (c.timex_start, c.timex_end, c.type) not in dropped]


def _calls_off_gathering(text: str, s: int, e: int, lex: Lexicon) -> bool:
    nouns = []
    m = _DEFINITE_OBJECT.match(text, e)
    if m:
        nouns.append(m.group(1))
    m = _DEFINITE_SUBJECT.search(text[max(0, s - 60) : s])
    if m:
        nouns.append(m.group(1))
    for n in nouns:
        t = lex.trigger(n)
        if t is not None and t.pos == "noun" and t.type in GATHERINGS:
            return True
    return False


#: "the meeting", "that summit", "these talks": a definite noun that refers back
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _continuations(doc: Document, sent: Span, previous: tuple[Span, list[EventCandidate]],
                   lex: Lexicon) -> list[EventCandidate]:
    """A sentence without a date of its own that continues the event of the sentence
    before ("The council met in Brussels on 12 January 2022. Stoltenberg, who chaired the
    meeting, said ...") is another source of that event, not a new one: a definite
    event noun ("the meeting") of the type of exactly one event of the previous
    sentence (in the same paragraph) gives a copy of that event quoting this sentence.
    Places the sentence names must be among the event's. A noun that two events of the
    previous sentence could be gives nothing.
    """
    prev, events = previous
    if "\n\n" in doc.body[prev.end : sent.start]:
        return []
    text = sent.text
    quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text) if len(_WORD.findall(m.group(0))) >= 4]
    named_places = {p.canonical for p in lex.find_places(text)}
    out: list[EventCandidate] = []
    for s, e, t in lex.find_triggers(text):
        if t.pos != "noun" or not _DEFINITE_BEFORE.search(text[max(0, s - 40) : s]):
            continue
        if any(a < e and s < b for a, b in quoted):
            continue
        fits = [c for c in events if c.type == t.type and c.date is not None
                and (not named_places or named_places & set(c.places))]
        if len({(c.date_value, c.title) for c in fits}) != 1:
            continue
        c = fits[0]
        if any(o.title == c.title for o in out):
            continue
        out.append(replace(c, quote=text, start=sent.start, end=sent.end,
                           confidence=round(c.confidence * 0.8, 3)))
    return out


_NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*|of|the|on|for|and)(?:\s+(?:[A-Z][\w’'-]*|of|the|on|for|and))*)\s*\($")


def _named_dated(doc: Document, sent: Span, text: str, txs: list[_Tx], lex: Lexicon):
    """Names dated in brackets ("the Rome Declaration (2002)", "Operation Allied Force (1999)"):
    each is an event titled by its name, and its date dates nothing else."""
    out, rest = [], []
    for x in txs:
        m = _NAME_BEFORE.search(text, max(0, x.start - 80), x.start)
        name = m.group(1).strip() if m else ""
        name = re.sub(r"^(?:(?:of|the|on|for|and|The)\s+)+", "", name)
        if m is not None and any(y is not x and m.start(1) <= y.start < x.start for y in txs):
            name = ""  # "in Brussels on Tuesday (19 May 2015)": a date and its restatement
        if x.date is None or text[x.end : x.end + 1] != ")" or len(name.split()) < 2 or not name[:1].isupper() \
                or re.match(r"\)\s*(?:No\.?\s*)?\d", text[x.end :]):  # "Press Release (2016) 059": a number
            rest.append(x)
            continue
        out.append(_named_event(doc, x.timex, x.date, x.timex.value, _cut(name, MAX_TITLE), name, text,
                                sent.start, sent.end, lex, confidence=0.55))
    return out, rest


_PREPOSITION_BEFORE = re.compile(r"\b(?:after|before|following|during|since|in|at|on|from|over|amid|of)\s+"
                                 r"(?:[\w-]+\s+){0,2}$", re.I)


def _under_way(doc: Document, sent: Span, lex: Lexicon) -> list[EventCandidate]:
    """A gathering a report's opening says is going on or has just begun, with no date of
    its own ("The parties are holding a closed-door meeting", "The meeting of the council
    has begun in Brussels"), takes place on the report's day. Only in a report dated to the
    day, only a meeting, talks or a summit the sentence names, only the present progressive
    or perfect of the report's own voice (not a quotation)."""
    if doc.published is None or doc.published.precision != "day":
        return []
    text = sent.text
    quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]
    first = next((p for p in predicates(text) if p.finite and not any(a <= p.start < b for a, b in quoted)), None)
    if first is None or first.form not in ("progressive", "perfect") or first.negated or first.hypothetical \
            or first.kind not in ("event", "light"):
        return []
    # the gathering is what goes on or has begun: the object of the progressive ("are holding
    # a closed-door meeting") or the subject of the perfect ("the meeting ... has begun"), not
    # a gathering decided on ("have agreed to hold a session")
    nouns = [(s, e, t) for s, e, t in lex.find_triggers(text) if t.pos == "noun" and t.type in GATHERINGS
             and ((first.form == "progressive" and first.end <= s and len(text[first.end:s].split()) <= 3)
                  or (first.form == "perfect" and e <= first.aux_start and "," not in text[e:first.aux_start]
                      and not _PREPOSITION_BEFORE.search(text[:s])))]
    if not nouns:
        return []
    date = doc.published
    t = Timex(sent.start, sent.start, "", "DATE", date.value)
    title = headline(text, first)
    return [_named_event(doc, t, date, date.value, title, text[nouns[0][0]:nouns[0][1]], text, sent.start,
                         sent.end, lex, confidence=0.4)]
