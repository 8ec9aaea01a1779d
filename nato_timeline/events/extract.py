"""Event extraction: dated events from the sentences of a document.

A sentence becomes an event when an event *trigger* (a verb such as "met", "suspended" or a
noun such as "summit", "annexation"; listed in ``data/event_types.tsv``) stands in a clause
that a calendar date governs. The engine holds only rules of the language:

* sentences are cut into clauses at ";", ", and", ", while", " and on <date>", a comma before
  a new date-bearing phrase, and before a trailing reporting clause (", X said Friday");
* a date attaches *tightly* to a noun trigger it modifies ("the August war", "last week's
  summit", "the annexation of Crimea in 2014"), otherwise to the strongest trigger of its
  clause (nearest first; several dates of a clause share its triggers out by distance);
* triggers inside long quotations, participial asides (", citing ...,"), purpose
  infinitives ("to discuss") and names of eras ("Cold War") do not count, or count less;
* "decided/agreed to <trigger>" takes its type from the complement;
* a date governed by a reporting verb ("said Wednesday") is an event only when what is
  reported is itself news (a planned or decided event) or the report is a named statement;
* "was to <verb>" (a plan that did not happen) and "never <verb>" are not events, nor is a
  planned gathering that the text then calls off ("... pulled out of those talks");
* a duration with a signal ("two years later") dates its clause by the point it reaches;
* a first-person present-perfect decision of the document's own voice ("we have agreed to
  hold ...") with no date in its sentence took place on the document's date.

Names of actors and places come from ``data/actors.tsv`` and ``data/places.tsv`` through
:mod:`nato_timeline.lexicon`. Pure functions; the only imports are the shared record types.
"""

from __future__ import annotations

from bisect import bisect_left
import functools
import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..eventdates import common_date, span_date
from ..lexicon import Lexicon, Mention, Trigger, get_lexicon, title_stems
from ..records import Document, EventCandidate, Span
from . import layout
from .clauses import clauses as grammar_clauses, windows
from .grammar import Predicate, closed_classes, inflect, predicates, stamp_verbs, verb_tags
from .titles import agree, finish, headline, is_plural, title_problems
from ..temporal.types import ANCHOR_CONTEXT, ANCHOR_DOCUMENT, PartialDate, Timex

TYPES = (
    "meeting",
    "talks",
    "summit",
    "statement",
    "agreement",
    "suspension",
    "resumption",
    "withdrawal",
    "sanction",
    "military-action",
    "violation",
    "annexation",
    "accession",
    "publication",
    "election",
    "appointment",
    "establishment",
    "other",
)

MAX_TITLE = 90

_YEARLESS = re.compile(r"XXXX-\d{2}-\d{2}")
#: a duration that dates an event: "(will take place) in/within/over the next two weeks"
_DURATION_AS_DATE = re.compile(r"\b(?:in|within|during|over)\s+$", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|is due|are due|due to|scheduled|planned|plans? to|"
    r"set to|expected to|is expected|are expected|going to|intends? to|would look to|"
    r"would hold|upcoming|next)\b",
    re.I,
)
_CANCELLED = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?to\s+$", re.I)
_UNTIL_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?until\b", re.I)
_NEGATED = re.compile(r"\b(?:never|not)\s+(?:\w+\s+)?$", re.I)
#: words before "to" that make the infinitive the main event ("decided to suspend").
_PLANNERS = re.compile(
    r"\b(?:decided|decides|decide|agreed|agree|agrees|voted|set|scheduled|due|plans?|planned|"
    r"is|are|was|were|intend|intends|going|expected|move|moved|ready|applied|will|would|"
    r"about|able|allowed|aims?|seeks?|sought|wants?|wanted|prepared|begins?|began|started|"
    r"continues?|continued|look|looks)\s+$",
    re.I,
)
_NOT_VERB_AFTER_TO = {
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these",
    "those", "all", "some", "any", "each", "every", "both", "one", "two", "three", "be", "date",
    "russia", "nato", "him", "them", "it", "us", "which", "whom", "what", "another", "other",
    "moscow", "kiev", "kyiv", "several", "many", "more", "less", "most", "such",
}
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adds|noted|notes|insisted|explained|"
    r"stressed|emphasized|emphasised|according to)\b",
    re.I,
)
_ASIDE = re.compile(
    r",\s*(?:citing|saying|adding|noting|stressing|arguing|claiming|calling|describing)\b[^,;]*",
    re.I,
)
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*,", re.I)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|into|outside|inside|across|throughout|around)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]*\s+)?)$",
    re.I,
)
_PREP_BEFORE = re.compile(
    r"(?:\b(?:on|in|at|from|since|by|as of|during|until|till|through|after|before|"
    r"starting|beginning|effective)\s+)?(?:the\s+)?$",
    re.I,
)
_PRONOUN_SUBJECT = re.compile(r"^(?:i|we|he|she|they|it|you|this|that|there)$", re.I)
_DROP_LEAD = re.compile(
    r"^(?:\W+|and|but|while|whereas|also|then|however|meanwhile|separately|so|yet|"
    r"in addition|in response|shortly after|after|before|following|since)\b\W*",
    re.I,
)
_AUX_TAIL = re.compile(
    r"(?:(?:^|\s+)(?:has|have|had|was|were|is|are|will|would|shall|may|might|could|can|did|does|do|"
    r"be|been|being|also|just|formally|officially|finally|first|already|then|not|now|"
    r"immediately|reportedly|jointly|once|again|later|earlier|today|having|being|\w+ly))+$",
    re.I,
)
_FUNCTION_TAIL = re.compile(
    r"(?:\s+(?:the|a|an|of|to|and|or|with|in|at|on|for|from|by|as|its|his|her|their|our|"
    r"that|which|who|is|are|was|were|but|after|before|than|into|between|over|under|until|till|since|during))+$",
    re.I,
)
_OBJECT_CUT = re.compile(
    r"[,;:()\[\]“”\"—–]|\s-\s|\s(?:it|they|he|she|we)\s+(?:was|were|is|are|would|will|had|has)\b|"
    r"\sto\s+(?!the\b|a\b|an\b|its\b|his\b|her\b|their\b)[a-z]+\b|\s(?:which|that|who|because|in response|"
    r"following|after|before|as a|as part|while|amid|despite|since|during|on|"
    r"in order|according)\b",
    re.I,
)
_CAP_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]*\s+$")
_ERA_BEFORE = re.compile(r"\b(?:cold|world)[\s-]*$", re.I)
_QUOTE_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?|``.*?''")


_SAID = Trigger("said", "verb", "statement", "announce", "Announcement", 2)


@dataclass(slots=True)
class _Trig:
    start: int  # offsets relative to the sentence
    end: int
    t: Trigger
    strength: int
    pred: Predicate | None = None  # the grammar's reading, for a verb found by grammar alone


@dataclass(slots=True)
class _Tx:
    start: int  # relative to the sentence
    end: int
    timex: Timex
    date: PartialDate | None


def extract_events(doc: Document, timexes: Sequence[Timex]) -> list[EventCandidate]:
    """Dated events of ``doc``: one candidate per (date, trigger) of each sentence."""
    lex = get_lexicon()
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
        elif t.type in ("DATE", "TIME") and _usable(t):
            usable.append(t)
    usable.sort(key=lambda t: (t.start, t.end))
    usable = _anniversaries(doc.body, usable)
    named = [(m.start, m.canonical) for m in lex.find_actors(doc.body)
             if (a := lex.actor(m.canonical)) is not None and a.kind == "person"]
    starts = [t.start for t in usable]
    out: list[EventCandidate] = []
    previous: tuple[Span, list[EventCandidate]] | None = None
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
            continue
        if _is_stamp(text, sent.start, inside):
            previous = None
            continue
        found = _sentence_events(doc, span, inside, lex, named)
        out.extend(found)
        previous = (span, found) if found else None
    out.extend(_layout_events(doc, usable, out, lex))
    out = _without_called_off(doc, out, usable, lex)
    return [replace(c, title=_finished_title(doc, c, lex)) for c in out]


_NAME = re.compile(r"(?<![\w-])(?:[A-Z][\w’'-]*|[A-Z]{2,})(?:\s+(?:of\s+)?(?:[A-Z][\w’'-]*|[A-Z]{2,}))*")


def _finished_title(doc: Document, c: EventCandidate, lex: Lexicon) -> str:
    """The candidate's title mended (:func:`.titles.finish`); a one-word title ("Meeting")
    takes its actor, its place or the first name of its sentence ("NATO meeting",
    "Meeting in Brussels", "New START extension") or, in a line with no name (an infobox's
    "Signed 8 April 2010"), the first name of the document's title; the word that says
    what happened stays."""
    title = finish(c.title)
    if len(title.split()) >= 2:
        return title
    return finish(_one_word_title(doc, c, lex, title))


def _one_word_title(doc: Document, c: EventCandidate, lex: Lexicon, title: str) -> str:
    noun = title[:1].lower() + title[1:]
    built = _clause_headline(doc.body[c.start : c.end], c.timex_start - c.start, title)
    if built:
        return built
    if c.actors:
        return f"{lex.short_name(c.actors[0])} {noun}"
    if c.places:
        return f"{title} in {c.places[0]}"
    text = doc.body[c.start : c.end]
    for m in _NAME.finditer(text):
        name = m.group()
        if m.start() == 0 or c.timex_start <= c.start + m.start() < c.timex_end or name.lower() == noun.lower() \
                or _CALENDAR_WORD.match(name.split()[0]):
            continue  # a capital that only opens the sentence, or the date itself
        return _cut(f"{name} {noun}", MAX_TITLE)
    m = _NAME.search(doc.title or "")
    if m is not None and m.group().lower() != noun.lower():
        return _cut(f"{m.group()} {noun}", MAX_TITLE)
    topic = _topic(doc.body)
    if topic and topic.lower() != noun.lower():
        return _cut(f"{topic} {noun}", MAX_TITLE)
    return f"{title} takes place"


def _clause_headline(text: str, at: int, word: str) -> str | None:
    """A headline from the event verb nearest the date at ``at`` whose lemma shares its stem
    with ``word`` ("Ratification" → "Accord is ratified"); a clause with no subject of its own
    ("..., yet was not ratified until ...") takes the sentence's first subject."""
    stem = word.lower()[:5]
    preds = [p for p in predicates(text) if p.finite and p.lemma[:5] == stem]
    if not preds:
        return None
    p = min(preds, key=lambda p: abs(p.start - at))
    first = next((q for q in predicates(text) if q.finite), p)
    own = _subject_words(text[: p.aux_start]) or _subject_words(text[: first.aux_start])
    if not own:
        return None
    plural = is_plural(own)
    verb = p.present(plural=plural)
    if p.form == "passive":
        verb = ("are " if plural else "is ") + inflect(p.lemma, "VBN")
    built = finish(f"{own} {verb}")
    return built if len(built.split()) >= 2 and not title_problems(built) else None


def _subject_words(s: str) -> str:
    """The noun phrase that ends ``s`` as a subject: the words after its last comma or
    conjunction, without a leading determiner, at most six."""
    s = re.split(r"[,;:]|\b(?:and|but|yet|while|whereas)\b", s)[-1].strip()
    words = s.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or len(words) > 6 or words[0].lower() in closed_classes()["auxiliary"]:
        return ""
    return " ".join(words)


_CALENDAR_WORD = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$", re.I)


def _topic(body: str) -> str | None:
    """The name a document repeats most (two words or more, or one in capitals), if any."""
    counts: dict[str, int] = {}
    for m in _NAME.finditer(body):
        name = m.group()
        words = name.split()
        if _CALENDAR_WORD.match(words[0]) or (len(words) < 2 and not name.isupper()):
            continue
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -len(k)))
    return best if counts[best] >= 2 else None


#: a page's own stamp: "Web posted at: 10:18 p.m.", "Last updated: 8 Apr. 2016", "Published 8 November 2023"
_STAMP_WORDS = re.compile(r"[^\W\d_]+")


#: a dateline before a report's first words: "MOSCOW (AP) --", "BELFAST, Northern Ireland (AP)_",
#: "WASHINGTON _", "Brussels –" (a mixed-case place only at the top of the text)
_DATELINE = re.compile(
    r"(?:(?P<caps>[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3})|(?P<place>[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}))"
    r"\s*(?P<agency>\([A-Za-z .]{1,20}\))?(?:\s*(?:--|—|–|_)|\s+-)\s*(?=[A-Z“\"])"
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
    # every verb is a bare participle with no subject of its own: a label, not a clause
    return bool(preds) and all(p.form == "past" and p.lemma in stamp_verbs() for p in preds) and \
        len(_STAMP_WORDS.findall(rest[: preds[0].start])) <= 2


def _layout_events(doc: Document, usable: Sequence[Timex], found: Sequence[EventCandidate],
                   lex: Lexicon) -> list[EventCandidate]:
    """Chronology entries (:mod:`.layout`) that the sentences gave no event of that date."""
    out = []
    for entry in layout.entries(doc.body, usable, doc.in_furniture):
        date = entry.timex.date
        if date is None:
            continue
        if any(c.date == date and c.start < entry.end and entry.start < c.end for c in found):
            continue
        text = doc.body[entry.text_start : entry.end]
        preds = [p for p in predicates(text) if p.kind in ("event", "light") and not p.negated
                 and not p.hypothetical]
        title = headline(text, preds[0] if preds else None)
        if len(title) < 4:
            continue
        out.append(_named_event(doc, entry.timex, date, date.value, title, text, doc.body[entry.start : entry.end],
                                entry.start, entry.end, lex, confidence=0.6 if preds else 0.5))
    return out


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
    r"\b(?:we|I)\s+(?:have|has)\s+(?:(?:now|today|also|jointly|unanimously|formally)\s+)?"
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


_GATHERINGS = ("meeting", "talks", "summit")
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
        if k is None or c.type not in _GATHERINGS or c.date is None:
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
        if t is not None and t.pos == "noun" and t.type in _GATHERINGS:
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


def _usable(t: Timex) -> bool:
    if t.date is not None:
        return True
    return bool(_YEARLESS.fullmatch(t.value))


# --------------------------------------------------------------------------- sentence
def _sentence_events(doc: Document, sent: Span, timexes: list[Timex], lex: Lexicon,
                     named: Sequence[tuple[int, str]] = ()) -> list[EventCandidate]:
    text = sent.text
    base = sent.start
    txs = [_Tx(t.start - base, t.end - base, t, t.date) for t in timexes]
    txs = _drop_range_ends(text, txs)
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
    for x, g, (cs, ce), mode in fixed:
        if g is None:
            continue
        cand = _candidate(doc, sent, text, x, g, (cs, ce), mode, txs, trigs, actor_mentions, place_mentions, lex,
                          named)
        if cand is not None:
            cands.append(cand)
    return _dedupe(named_cands + cands)


def attachments(text: str, timexes: Sequence[Timex]) -> list[tuple[int, int, Timex]]:
    """Which word of the sentence ``text`` each date of it dates, by the rules the extractor
    uses: ``(start, end, timex)`` of every trigger that took a date (offsets into ``text``;
    ``timexes`` have offsets into ``text`` too). For measuring the rule against gold links."""
    lex = get_lexicon()
    txs = _drop_range_ends(text, [_Tx(t.start, t.end, t, t.date) for t in timexes])
    _trigs, fixed = _attach(text, txs, lex, lex.find_places(text), lex.find_actors(text))
    return [(g.start, g.end, x.timex) for x, g, _c, _m in fixed if g is not None]


def _attach(text: str, txs: list[_Tx], lex: Lexicon, place_mentions, actor_mentions):
    """The triggers of a sentence and the date each dates: ``(trigs, [(date, trigger or
    None, clause, how)])``. Listed triggers and verbs read by grammar compete; each clause's
    dates go to its triggers (a date that modifies a noun to that noun), an elliptic clause
    borrows the previous trigger, coordinated verbs and relative clauses share or keep
    theirs."""
    blocked = _blocked_spans(text, txs)
    name_spans = [(m.start, m.end) for m in place_mentions] + [
        (m.start, m.end) for m in actor_mentions if " " in m.surface
    ]
    trigs = []
    for s, e, t in lex.find_triggers(text):
        if any(a < e and s < b for a, b in blocked):
            continue
        if any(x.start < e and s < x.end for x in txs):
            continue
        if any(a <= s and e <= b for a, b in name_spans):
            continue
        if t.pos == "noun" and _ERA_BEFORE.search(text[:s]):
            continue
        if (
            t.pos == "noun"
            and text[s].isupper()
            and t.type not in ("meeting", "summit", "talks")
            and _CAP_NAME_BEFORE.search(text[:s])
        ):
            continue
        trigs.append(_Trig(s, e, t, _strength(text, s, t)))
    preds = preds_of(text)
    trigs = _resolve_overlaps(trigs + _grammar_triggers(preds, text, trigs, txs, blocked))
    clauses = _clauses(text, txs, preds)

    assigned: list[tuple[_Tx, _Trig | None, tuple[int, int], str]] = []
    for cs, ce in clauses:
        ctx = [x for x in txs if cs <= x.start < ce]
        if not ctx:
            continue
        ctr = [g for g in trigs if cs <= g.start < ce]
        for x, g, mode in _assign(text, ctx, ctr, (cs, ce), trigs):
            assigned.append((x, g, (cs, ce), mode))

    # ellipsis: a clause with a date but no trigger borrows the previous clause's trigger
    # ("discussed X on January 12 in Brussels, and on January 13 in Vienna").
    last: _Trig | None = None
    fixed = []
    for k, (x, g, c, mode) in enumerate(assigned):
        # a reporting clause with no trigger ("..., NATO officials said Wednesday") is a
        # statement event when what it reports is planned or decided news
        if g is None and _reporting_governs(text, x, c) and _reports_news(text, x, trigs, c):
            m = _REPORTING.search(text, c[0], x.start + 1)
            if m:
                g, mode = _Trig(m.start(), m.end(), _SAID, 2), "report"
                assigned[k] = (x, g, c, mode)
                fixed.append((x, g, c, mode))
                continue
        if g is None and last is not None and _is_elliptic(text, c, x):
            g, mode = last, "ellipsis"
        if g is not None:
            last = g
        fixed.append((x, g, c, mode))

    fixed.extend(_inherited(text, clauses, fixed, trigs))
    fixed.extend(_coordinated(text, fixed, trigs, txs))

    return trigs, fixed


_RELATIVE_OPEN = re.compile(r",\s*(?:who|which|whose|where)\b", re.I)
_COORDINATED_VP = re.compile(r"(?:,\s*|\s)(?:and|but|then|and then|before|after)\s+(?:also\s+|later\s+)?\S*$")


_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)


def _verb_phrase(text: str, tstart: int, tend: int, trig: Trigger, subj: str) -> str:
    """The trigger verb as the title says it: in the present tense, agreeing with ``subj``,
    passive when the text is ("was founded" → "is founded"); a listed phrase of several
    words keeps its own present form ("enters into force")."""
    word = text[tstart:tend]
    lemma, tags, _n = verb_tags(word.lower()) if " " not in word else ("", frozenset(), False)
    if not lemma:
        return agree(trig.verb3, subj)
    plural = is_plural(subj)
    if "VBN" in tags and _PASSIVE_AUX.search(text[max(0, tstart - 24) : tstart]):
        return ("are " if plural else "is ") + inflect(lemma, "VBN")
    particle = re.match(r"\s+(up|out|off|down|back|over|away)\b", text[tend : tend + 8])
    verb = inflect(lemma, "VBP" if plural else "VBZ")
    return f"{verb} {particle.group(1)}" if particle else verb


def _named(subject: str) -> bool:
    """Whether a subject names someone: a capitalised word after its first, or a first word
    that is a name (all capitals, or not a common word of English)."""
    words = subject.split()
    if any(w[:1].isupper() for w in words[1:]):
        return True
    first = words[0].strip("“”\"'’") if words else ""
    if not first[:1].isupper():
        return False
    if first.isupper() and len(first) > 1:
        return True
    from lemminflect import getAllLemmas

    return not getAllLemmas(first.lower())


def _shared_subject(text: str, cs: int, at: int, txs, mentions, lex) -> str | None:
    """The subject a coordinated predicate shares with the sentence's first clause ("The
    envoys met on Monday *and signed* the accord on Tuesday"), or the host's subject before
    a relative clause ("Putin, who took office in 2000, *met* ..."); else ``None``."""
    rel = None
    for m in _RELATIVE_OPEN.finditer(text, 0, cs + 1):
        rel = m
    if rel is not None and text[cs : cs + 1] == "," and text.rfind(",", rel.end(), cs) < 0:
        return _subject(text, 0, rel.start(), txs, mentions, lex)
    if not _COORDINATED_VP.search(text[max(0, at - 16) : at + 1]):
        return None
    first = next((p for p in preds_of(text) if p.finite and p.aux_start < cs), None)
    if first is None:
        return None
    return _subject(text, 0, first.aux_start, txs, mentions, lex)


@functools.lru_cache(maxsize=256)
def preds_of(text: str) -> list[Predicate]:
    """The predicates of one sentence, read once however many dates it has."""
    return predicates(text)


@functools.lru_cache(maxsize=256)
def clauses_of(text: str):
    """The clauses of one sentence (:func:`.clauses.clauses`), read once."""
    return grammar_clauses(text, preds_of(text))


_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")
_MAYBE_BEFORE = re.compile(r"\b(?:could|might|may|should|must)\s+(?:not\s+|never\s+)?(?:have\s+|be\s+)?(?:\w+ly\s+)?$", re.I)
_WOULD_BEFORE = re.compile(r"\bwould\s+(?:not\s+|never\s+)?(?:have\s+|be\s+)?(?:\w+ly\s+)?$", re.I)
_CONDITION = re.compile(r"\b(?:if|unless|whether)\b", re.I)


def _not_asserted(text: str, at: int) -> bool:
    """Whether the verb at ``at`` stands in a question, in a condition ("if Russia attacks
    on Monday"), or under a modal of possibility ("could attack", "would attack ... unless")."""
    if _QUESTION_END.search(text):
        return True
    before = text[max(0, at - 30) : at]
    if _MAYBE_BEFORE.search(before):
        return True
    conditional = _CONDITION.search(text)
    if conditional and _WOULD_BEFORE.search(before):
        return True
    if conditional and re.match(r"\W*(?:if|unless)\b", text, re.I) and "," not in text[:at]:
        return True  # "If the envoys meet on Monday, ...": the verb is inside the condition
    if conditional:
        for c in clauses_of(text):
            if at in c and c.kind == "subordinate" and _CONDITION.match(text, c.start):
                return True
    return False


_NEXT_WORD = re.compile(r"(?:['’]s)?\s+([A-Za-z][\w-]*)")


def _premodifies(text: str, x: _Tx) -> bool:
    """Whether the date stands before a noun it modifies ("the 1997 act", "2014's crisis")."""
    m = _NEXT_WORD.match(text, x.end)
    if m is None:
        return False
    word = m.group(1)
    if text[x.end : x.end + 1] in ("'", "’"):
        return True
    low = word.lower()
    cc = closed_classes()
    if word[0].isupper() or low in cc["preposition"] or low in cc["determiner"] or low in cc["auxiliary"] \
            or low in cc["modal"] or low in cc["subordinator"] or low in cc["pronoun"] or low in ("and", "or", "but"):
        return False
    lemma, tags, nominal = verb_tags(low)
    if re.match(r"[a-z]+ly$", low):
        return False
    return nominal or not (tags & {"VBD", "VBZ", "VBP", "VBN"})


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


def _grammar_triggers(preds: Sequence[Predicate], text: str, listed: list[_Trig], txs: list[_Tx],
                      blocked) -> list[_Trig]:
    """The event verbs of the sentence that no listed trigger covers: a clause is read
    whatever its verb ("The Dutch senate endorsed the protocol on Thursday")."""
    out = []
    for p in preds:
        if p.kind not in ("event", "light") or p.negated or p.hypothetical or p.form == "infinitive":
            continue
        if any(g.start < p.end and p.start < g.end for g in listed):
            continue
        if any(a < p.end and p.start < b for a, b in blocked) or any(x.start < p.end and p.start < x.end for x in txs):
            continue
        # a light verb ("became a member", "took part") dates its clause only when nothing
        # more specific does
        strength = 2 if p.kind == "event" else 1
        trig = Trigger(text[p.start : p.end].lower(), "verb", "other", p.present(), p.lemma.capitalize(), strength)
        out.append(_Trig(p.start, p.end, trig, strength, p))
    return out


_COORD_BEFORE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:also\s+|then\s+|later\s+)?$")
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who|whom|whose)\s+(?:\w+\s+){0,3}$", re.I)


def _coordinated(text: str, fixed, trigs: list[_Trig], txs: list[_Tx]):
    """Several decisions in one clause share its date: "allies agreed a plan, decided to
    expand the force and launched a fund on 11 July" is three events. A verb coordinated
    after the one that took the date (a comma or "and" before it, no date and no relative
    pronoun between) is an event of that date too."""
    out = []
    for x, g, (cs, ce), mode in fixed:
        if g is None or mode not in ("clause", "tight"):
            continue
        taken = {h.start for _x, h, _c, _m in fixed if h is not None}
        prev_end = g.end
        if g.t.pos == "noun" and mode == "tight":
            # "At the summit in Vilnius on 11 July, allies agreed ...": a date in a fronted
            # phrase dates the main clause's verbs too
            comma = text.find(",", x.end, ce)
            verbs = [h for h in trigs if h.t.pos in ("verb", "decision") and h.strength >= 2 and comma < h.start < ce]
            if comma < 0 or not verbs or any(h.t.pos == "verb" and cs <= h.start < x.start for h in trigs) \
                    or any(x.end <= y.start < verbs[0].start for y in txs):
                continue
            first = verbs[0]
            if first.start in taken or (first.pred is not None and not first.pred.finite):
                continue
            out.append((x, first, (cs, ce), "coordinated"))
            g, prev_end = first, first.end
        elif g.t.pos not in ("verb", "decision"):
            continue
        # a coordinated predicate may stand in the next clause ("... and launched a fund"),
        # as long as no date of its own comes first
        for h in sorted((h for h in trigs if g.end <= h.start), key=lambda h: h.start):
            if h.start in taken or h.t.pos not in ("verb", "decision") or h.strength < 2:
                continue
            between = text[prev_end : h.start]
            if any(prev_end <= y.start < h.start for y in txs) or ";" in between:
                break
            head = text[max(cs, h.start - 40) : h.start]
            if not _COORD_BEFORE.search(head) or _RELATIVE_BEFORE.search(head):
                continue
            if h.pred is not None and (not h.pred.finite or h.pred.form != (g.pred.form if g.pred else h.pred.form)):
                continue
            out.append((x, h, (cs, ce), "coordinated"))
            prev_end = h.end
    return out


def _inherited(text: str, clauses, fixed, trigs: list[_Trig]):
    """Events of the main clause after a temporal opener, which has no date of its own and
    shares the opener's ("Soon after the strikes began on Friday night, the minister said
    the country was ending its cooperation and informed the team that it was pulling out
    ..."). Each coordinated predicate ("... and informed") of the main clause
    gives at most one event, from its strongest trigger; weak triggers (a discussion, a
    comment) give none.
    """
    opener = _OPENER.match(text)
    if opener is None:
        return []
    head = (0, opener.end() - 1)
    dated = [x for x, _g, c, _m in fixed if c == head]
    main = next((c for c in clauses if c[0] == head[1]), None)
    if not dated or main is None or any(c == main for _x, _g, c, _m in fixed):
        return []
    cs, ce = main
    cuts = [cs] + [m.start() for m in _COORDINATED.finditer(text, cs, ce)] + [ce]
    out = []
    types = {g.t.type for _x, g, c, _m in fixed if g is not None}
    for a, b in zip(cuts, cuts[1:]):
        strong = [g for g in trigs if a <= g.start < b and g.strength >= 3 and g.t.pos != "light"]
        if not strong:
            continue
        g = max(strong, key=lambda h: (h.strength, -h.start))
        if g.t.type in types:
            continue
        types.add(g.t.type)
        out.append((dated[0], g, (a, b), "inherited"))
    return out


def _drop_range_ends(text: str, txs: list[_Tx]) -> list[_Tx]:
    """Keep the first end of a range. A range within one month dates its event by the
    first day ("July 8-10" → July 8); a longer one by the calendar unit holding both
    ends ("19 May – 9 November 2009" → 2009), since no single day is the event's."""
    out: list[_Tx] = []
    for x in txs:
        if out:
            prev = out[-1]
            between = text[prev.end : x.start]
            if re.fullmatch(r"\s*(?:-|–|—|to|until|till|through)\s*", between, re.I):
                a, b = prev.date, x.date
                if a is not None and b is not None and a.precision == b.precision == "day":
                    whole = common_date(a.interval()[0], b.interval()[0])
                    if whole is not None and whole.precision != "month":
                        out[-1] = _Tx(prev.start, prev.end, replace(prev.timex, value=whole.value), whole)
                continue
        out.append(x)
    return out


def _blocked_spans(text: str, txs: Sequence[_Tx] = ()) -> list[tuple[int, int]]:
    """Long quotations (4+ words) and participial asides, where triggers do not count."""
    spans = []
    for m in _QUOTE_SPAN.finditer(text):
        if len(_WORD.findall(m.group(0))) >= 4:
            spans.append((m.start(), m.end()))
    # a quotation that opens a sentence and closes it with no opening mark in the text
    for m in _ASIDE.finditer(text):
        spans.append((m.start(), m.end()))
    for m in _RELATIVE.finditer(text):
        # relative clauses describe the noun, they carry no event of their own unless dated
        if not any(m.start() <= x.start < m.end() for x in txs):
            spans.append((m.start(), m.end()))
    return spans


def _strength(text: str, s: int, t: Trigger) -> int:
    st = t.strength
    if t.pos == "light":
        return 0
    before = text[max(0, s - 60) : s]
    m = re.search(r"\bto\s+(?:[\w’'-]+\s+){0,4}$", before, re.I)
    if m:
        to_at = max(0, s - 60) + m.start()
        head = text[max(0, to_at - 40) : to_at]
        nxt = re.match(r"to\s+(\w+)", text[to_at:], re.I)
        word_after_to = nxt.group(1).lower() if nxt else ""
        verbal = word_after_to not in _NOT_VERB_AFTER_TO and word_after_to.islower()
        if verbal and not _PLANNERS.search(head):
            st -= 2  # purpose infinitive: "to discuss", "to sign an agreement"
    return st


def _resolve_overlaps(trigs: list[_Trig]) -> list[_Trig]:
    trigs = sorted(trigs, key=lambda g: (g.start, -(g.end - g.start)))
    out: list[_Trig] = []
    for g in trigs:
        if out and g.start < out[-1].end:
            continue
        out.append(g)
    return out


#: a sentence-initial temporal clause whose time is the main clause's ("Shortly after X, Y")
_OPENER = re.compile(
    r"\s*(?:(?:shortly|soon|just|hours|minutes|moments)\s+after|when|as\s+soon\s+as|once)\b[^,;]{3,160},",
    re.I,
)
#: a coordinated predicate: "... and informed", "..., and then expelled"
_COORDINATED = re.compile(r",?\s+and\s+(?:then\s+|also\s+|later\s+)?(?=[a-z]+ed\b)")


#: the head of a short verbless item of a list of dated events: ", the council in Brussels on"
_LIST_ITEM = re.compile(
    r",\s*(?:and\s+)?(?:the\s+|an?\s+)?[A-Za-z][\w’'-]*(?:\s+[\w’'.-]+){0,5}?\s+(?:on|in|at)\s+(?:the\s+)?"
)


#: "that" after a verb and at most a few words (a date, an adverb, an indirect object)
_THAT_COMPLEMENT = re.compile(r"(?:\s+[^\s,;:.!?]+){0,5}?\s+that\s", re.I)


def _clause_end(text: str, at: int) -> int:
    m = re.compile(r"[,;:.!?]").search(text, at)
    return m.start() if m else len(text)


def _clauses(text: str, txs: list[_Tx], preds: Sequence[Predicate] = ()) -> list[tuple[int, int]]:
    cuts = {0, len(text)}
    # a subordinate clause with a finite verb of its own ("..., shortly after Russia invaded")
    # (one that opens the sentence is a temporal opener, read below)
    verbs = [p.aux_start for p in preds if p.finite]
    for c in clauses_of(text):
        if c.kind in ("subordinate", "coordinate") and any(v < c.start for v in verbs):
            cuts.add(c.start)
        elif c.kind == "relative" and text[c.start : c.start + 1] == "," and any(x.start in c for x in txs):
            # a dated relative clause between commas is its own clause, and the host
            # resumes after it: "Putin, who took office in 2000, met Robertson in 2001"
            for a, b in c.pieces:
                cuts.add(a)
                cuts.add(b)
    # what a verb says or concludes, dated apart from it: "said on Monday | that Russia had
    # violated the treaty in 2019" (a "that" with a finite verb after it opens a clause when
    # the clause it opens has a date of its own; without one the complement is the news the
    # verb dates: "announced on Tuesday that Moscow had finalized its withdrawal")
    for p in preds:
        if not p.finite:
            continue
        m = _THAT_COMPLEMENT.match(text, p.end)
        if not m:
            continue
        end = _clause_end(text, m.end())
        if any(q.finite and m.end() <= q.aux_start < end for q in preds) \
                and any(m.end() <= x.start < end for x in txs):
            cuts.add(m.end() - len("that "))
    opener = _OPENER.match(text)
    if opener:
        cuts.add(opener.end() - 1)
    for m in re.finditer(r";|,\s+(?:and|but|while|whereas|although|though)\b|\s+-\s+", text):
        cuts.add(m.start())
    for x in txs:
        before = text[: x.start]
        pm = _PREP_BEFORE.search(before)
        p = pm.start() if pm else x.start
        head = text[:p]
        m = re.search(r"(?:,\s*(?:and\s+)?|\s+and\s+)$", head)
        if m and m.start() > 0:
            # "..., and on January 13", "... and on 10 March 2015", ", on Tuesday"
            # but not a date list "March 2014 and June 2014"
            prev_tx = any(y.end <= m.start() and m.start() - y.end <= 3 for y in txs)
            if not prev_tx:
                cuts.add(m.start())
    # a list of dated items: "talks in Geneva on January 10, the council in Brussels on
    # January 12, the OSCE in Vienna on January 13" (cut at the last comma between two dates)
    for a, b in zip(txs, txs[1:]):
        between = text[a.end : b.start]
        k = between.rfind(",")
        if k >= 0 and not any(a.end <= c < b.start for c in cuts) and _LIST_ITEM.fullmatch(between[k:]) and not _VERBISH.search(between[k:]):
            cuts.add(a.end + k)
    # a trailing reporting clause: ", NATO officials said Wednesday"
    for m in re.finditer(r",\s*(?=[^,;]{0,80}?" + _REPORTING.pattern + r")", text, re.I):
        rest = text[m.end() :]
        if _REPORTING.search(rest[:80]) and not re.match(r"\s*(?:and|but|while)\b", rest):
            cuts.add(m.start())
    # a nominal "following/after/since ..." between commas is its own clause
    for m in re.finditer(r",\s*(?:following|after|since|amid|before)\b", text, re.I):
        cuts.add(m.start())
    pts = sorted(cuts)
    spans = [(a, b) for a, b in zip(pts, pts[1:]) if b > a]
    # fronted adverbials with no verb ("On Monday evening, after talks in Vilnius, X agreed")
    # belong to the clause they open; not the head of a temporal opener, read on its own
    verbs = [p.aux_start for p in preds if p.finite]
    while len(spans) > 1 and preds and not (opener and spans[0][1] == opener.end() - 1) \
            and not any(spans[0][0] <= v < spans[0][1] for v in verbs):
        spans[0:2] = [(spans[0][0], spans[1][1])]
    return spans


def _is_elliptic(text: str, clause: tuple[int, int], x: _Tx) -> bool:
    """A clause that repeats the previous one's event with a new date: ", and on January 13
    in Vienna", or a short verbless item of a list: ", the council in Brussels on January 12"."""
    seg = text[clause[0] : clause[1]]
    head = text[clause[0] : x.start]
    if re.match(r"\W*(?:and\s+|but\s+)?(?:on|in|at|from|by)?\s*$", head, re.I):
        return len(_WORD.findall(seg)) <= 25
    words = _WORD.findall(head)
    return (
        head.lstrip().startswith(",")
        and len(words) <= 8
        and not _VERBISH.search(head)
        and bool(re.search(r"\b(?:on|in|at)\s+$", head, re.I))
    )


_VERBISH = re.compile(
    r"\b(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|said|says|met|held|took|made|became|began)\b"
)


def _words_between(text: str, a: int, b: int) -> int:
    if a > b:
        a, b = b, a
    return len(_WORD.findall(text[a:b]))


_NOMINAL_LINK = re.compile(
    r"^(?:\s*(?:['’]s\s+)?(?:[\w’'.-]+\s+){0,3}?)$"
)


_DETERMINED = re.compile(r"(?:\b(?:the|a|an|this|that|its|their|his|her|our)|['’]s?)\s+(?:[a-z]+\s+)?$", re.I)


def _nominal(text: str, at: int) -> bool:
    """A determiner or a possessive before ``at``: the word there is used as a noun."""
    return bool(_DETERMINED.search(text[max(0, at - 30) : at]))


def _tight_noun(text: str, x: _Tx, trigs: list[_Trig]) -> _Trig | None:
    """A noun trigger the date modifies directly, before or after it."""
    # a decision noun takes its date like any noun ("the decision on April 1 to suspend")
    nouns = [g for g in trigs if g.t.pos == "noun" or (g.t.pos == "decision" and _nominal(text, g.start))]
    # "the August war", "last summer's Georgia war", "last week's NATO summit"
    for g in nouns:
        if g.start >= x.end:
            gap = text[x.end : g.start]
            if re.fullmatch(r"(?:['’]s)?\s+(?:[A-Z][\w’'-]*\s+|[\w-]+\s+)?", gap) and "," not in gap:
                return g
    # "the annexation of the Crimean peninsula in 2014", "the invasion in February 2022"
    best = None
    for g in nouns:
        if g.end <= x.start:
            gap = text[g.end : x.start]
            if len(gap) > 70 or re.search(r"[,;:()]|\b(?:that|which|who|and|but)\b", gap):
                continue
            if any(h.start >= g.end and h.end <= x.start and h.t.pos != "light" and h.t.pos != "noun" for h in trigs):
                continue
            if re.fullmatch(
                r"(?:\s+(?:of|between|in|into|against|on|by|with|from|to|at|over)\s+[^,;:()]*?)?"
                r"\s*(?:\b(?:in|on|at|during|of|from|since|this|last)\s+)?(?:the\s+)?",
                gap,
                re.I,
            ):
                best = g
    return best


def _assign(text, ctx: list[_Tx], ctr: list[_Trig], clause, all_trigs) -> list[tuple[_Tx, _Trig | None, str]]:
    out: list[tuple[_Tx, _Trig | None, str]] = []
    free_tx: list[_Tx] = []
    used: set[int] = set()
    for x in ctx:
        g = _tight_noun(text, x, [h for h in ctr if id(h) not in used])
        if g is not None:
            out.append((x, g, "tight"))
            used.add(id(g))
        else:
            free_tx.append(x)
    if not free_tx:
        return out
    # reporting verb right before the date: "said Friday", "said on Monday"
    rest_trigs = [g for g in ctr if id(g) not in used or g.t.type in ("meeting", "talks")]
    dates = {x.timex.value for x in free_tx}
    if len(dates) <= 1 or len(rest_trigs) <= 1:
        best = _best_trigger(text, free_tx[0], rest_trigs)
        for x in free_tx:
            out.append((x, best, "clause"))
        return out
    # several dates and several triggers: share them out by distance (strength breaks ties)
    pairs = sorted(
        (
            (_words_between(text, x.start if g.start > x.start else x.end, g.start if g.start > x.start else g.end) - (0.5 if g.start < x.start else 0) - g.strength * 0.75, i, j)
            for i, x in enumerate(free_tx)
            for j, g in enumerate(rest_trigs)
            if g.strength > 0
        ),
    )
    got: dict[int, _Trig] = {}
    taken: set[int] = set()
    for _, i, j in pairs:
        if i in got or j in taken:
            continue
        got[i] = rest_trigs[j]
        taken.add(j)
    for i, x in enumerate(free_tx):
        g = got.get(i) or _best_trigger(text, x, rest_trigs)
        out.append((x, g, "clause"))
    return out


def _best_trigger(text: str, x: _Tx, trigs: list[_Trig]) -> _Trig | None:
    if not trigs:
        return None
    verbs = [g for g in trigs if g.t.pos == "verb" and g.end <= x.start]

    def key(g: _Trig):
        d = _words_between(text, x.start, g.start) if g.start > x.start else _words_between(text, g.end, x.start)
        strength = g.strength
        if g.t.pos == "noun" and g.end <= x.start and any(_OBJECT_NP.fullmatch(text, v.end, g.start) for v in verbs):
            strength -= 2  # the head of the verb's object: the verb takes the date
        return (strength, -d)
    return max(trigs, key=key)


#: what may stand between a verb and the head noun of its object: determiners, possessives,
#: names and adjectives ("ratified Finland's accession protocol")
_OBJECT_NP = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her|our|this|that)\s+)?(?:[\w-]+['’]s?\s+|[A-Z][\w-]*\s+){0,3}")


# --------------------------------------------------------------------------- candidate
def _candidate(doc, sent, text, x: _Tx, g: _Trig, clause, mode, txs, trigs, actor_mentions, place_mentions, lex,
               named=()) -> EventCandidate | None:
    cs, ce = clause
    before = text[max(cs, g.start - 40) : g.start]
    if _CANCELLED.search(before):
        return None
    if _not_asserted(text, g.start):
        return None  # a question, a condition or a mere possibility reports no occurrence
    if g.t.type == "other" and g.t.pos == "verb" and _premodifies(text, x):
        return None  # "cited the 1997 act": the date belongs to the noun, not to the verb
    if _NEGATED.search(before) and not _UNTIL_AFTER.match(text, g.end, ce):
        # "not ratified until two years later" says when it was ratified
        return None
    trig = g.t
    tstart, tend = g.start, g.end
    # "decided to suspend": the complement gives the type
    if trig.pos == "decision":
        after = [h for h in trigs if tstart < h.start <= tend + 60 and h.start < ce and h.t.pos in ("verb", "noun")]
        if after and re.match(r"\s*(?:(?:\w+\s+){0,4})?to\s", text[tend : after[0].start] + " ", re.I):
            trig = after[0].t
            tstart, tend = after[0].start, after[0].end
            tstart_subject = g.start
        else:
            tstart_subject = g.start
    else:
        tstart_subject = g.start

    # a reporting verb governs the date: only news when a reported event is planned/decided
    rep = _reporting_governs(text, x, clause)
    announced = rep and re.search(r"\b(?:announced|declared|confirmed)\s+(?:\w+\s+){0,3}$", text[cs : x.start], re.I)
    if rep and trig.type != "statement" and not announced:
        if not _reports_news(text, x, trigs, clause):
            return None
    elif rep is None and trig.pos == "light":
        return None

    # "since then": dated by an anaphoric date; fine. Pure modifiers only.
    date = x.date
    value = x.timex.value
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
        subj = _subject(text, cs, g.pred.aux_start, txs, actor_mentions, lex) or \
            _shared_subject(text, cs, g.pred.aux_start, txs, actor_mentions, lex)
        if not subj or not _named(subj):
            # an occurrence a verb in no list reports is an act of someone named ("The Dutch
            # senate endorsed", "Ivanov met"), not a trend ("prices rose", "relations improved")
            return None
        verb = g.pred.present(plural=is_plural(subj))
        if g.pred.form == "passive":
            verb = ("are " if is_plural(subj) else "is ") + inflect(g.pred.lemma, "VBN") + \
                (f" {g.pred.particle}" if g.pred.particle else "")
        obj = _object(text, tend, ce, txs, actor_mentions, lex)
        title = _cut(_clean(f"{subj} {verb} {obj}"), MAX_TITLE)
    else:
        title = _title(text, clause, tstart_subject, tstart, tend, trig, txs, c_actors, c_places, actor_mentions,
                       lex, x)
    if trig is not g.t and g.t.pos == "decision" and _nominal(text, g.start):
        # "NATO ministers' decision to suspend ...": the possessor decided
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


def _purpose_start(text: str, cs: int, ce: int, after: int) -> int:
    """Where a purpose infinitive ("to discuss ...") begins after the trigger, else ``ce``."""
    for m in re.finditer(r"\bto\s+([a-z]+)\b", text[after:ce]):
        if m.group(1) in _NOT_VERB_AFTER_TO:
            continue
        if _PLANNERS.search(text[max(cs, after + m.start() - 40) : after + m.start()]):
            continue
        return after + m.start()
    return ce


#: a verb of saying right after the date ("on Friday told journalists"); not "announced",
#: whose object is the news itself
_SAYING_AFTER = re.compile(
    r"\s*,?\s*(?:said|says|told|tells|stated|states|added|adds|noted|insisted|stressed|"
    r"emphasized|emphasised|explained|suggested|suggests|warned|warns|argued|argues|claimed|claims)\b",
    re.I,
)


def _reporting_governs(text: str, x: _Tx, clause) -> bool:
    """True when the date hangs on a reporting verb ("said Friday", "said at ... on Monday",
    or a date between the speaker and a verb of saying: "the spokesman on Friday told journalists")."""
    cs, ce = clause
    if _SAYING_AFTER.match(text, x.end, ce):
        return True
    before = text[cs : x.start]
    m = re.search(
        r"\b(?:said|says|told(?:\s+\w+){0,2}|stated|added|announced|declared)\s+(?:\w+\s+){0,6}?(?:on\s+|at\s+)?(?:the\s+)?$",
        before,
        re.I,
    )
    if not m:
        return False
    seg = before[m.start() :]
    # an event trigger between the verb and the date governs it instead ("said it met on")
    return not re.search(r"\b(?:met|meet|signed|held|launched|suspended|joined)\b", seg, re.I)


def _reports_news(text: str, x: _Tx, trigs: list[_Trig], clause) -> bool:
    for g in trigs:
        if g.t.pos == "light" or g.strength <= 0:
            continue
        window = text[max(0, g.start - 40) : g.start]
        if _FUTURE.search(window) or re.search(r"\b(?:decided|agreed|would)\b", window, re.I):
            return True
    return False


def _places_in(text: str, mentions: list[Mention], lex: Lexicon) -> list[str]:
    out: list[str] = []
    actor_aliases = lex._actor_by_alias  # names that may also denote a government
    for m in mentions:
        p = lex.place(m.canonical)
        if p is None:
            continue
        key = m.surface if (len(m.surface) <= 4 or not re.search(r"[a-z]", m.surface)) else m.surface.lower()
        ambiguous = p.kind == "country" or key in actor_aliases or key.lower() in actor_aliases
        if ambiguous and p.kind != "venue" and not _LOCATIVE.search(text[max(0, m.start - 40) : m.start]):
            continue
        if p.kind == "venue":
            out.append(p.canonical)
            if p.within and lex.place(p.within):
                out.append(p.within)
        else:
            out.append(p.canonical)
    return list(dict.fromkeys(out))


#: how far (characters) from an office's mention the text may name its holder
NEAR_NAME = 600


def _canonical_actors(mentions: list[Mention], date: PartialDate | None, lex: Lexicon,
                      named: Sequence[tuple[int, str]] = (), at: int = 0) -> list[str]:
    """Canonical actors of ``mentions``; a person is written with the office held on the
    event's date ("Jens Stoltenberg, NATO Secretary General").

    An office ("the Secretary General") is its holder on that date when the text names
    that holder within :data:`NEAR_NAME` characters (``named``: (offset, canonical) of the
    document's person mentions; ``at``: the sentence's offset); otherwise it stays the office.
    """
    out: list[str] = []
    span = date.interval() if date is not None else None
    for m in mentions:
        a = lex.actor(m.canonical)
        if a is None:
            continue
        if a.kind == "office":
            holder = None
            if span is not None:
                near = {c for off, c in named if abs(off - (at + m.start)) <= NEAR_NAME}
                found = lex.holders(a.canonical, *span) & near
                holder = found.pop() if len(found) == 1 else None
            out.append(_with_office(holder, span, lex) if holder else a.canonical)
            continue
        out.append(_with_office(a.canonical, span, lex) if a.kind == "person" else a.canonical)
    return list(dict.fromkeys(out))


def _with_office(person: str, span, lex: Lexicon) -> str:
    office = lex.office_on(person, *span) if span is not None else None
    return f"{person}, {office}" if office else person


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


def _confidence(date, trig: Trigger, actors, places, x: _Tx | None) -> float:
    c = 0.35
    if date is None:
        c -= 0.1
    elif date.precision == "day":
        c += 0.2
    elif date.precision == "month":
        c += 0.1
    c += {3: 0.15, 2: 0.08}.get(trig.strength, 0.0)
    if actors:
        c += 0.1
    if places:
        c += 0.1
    if x is not None and x.timex.anchor == "unresolved":
        c -= 0.05
    return round(max(0.05, min(0.95, c)), 2)


# --------------------------------------------------------------------------- titles
def _clean(s: str) -> str:
    s = re.sub(r"\[\d+\]|\[[^\]]*needed\]", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,;:.-–—\"“”'‘’")


def _strip_timexes(text: str, a: int, b: int, txs: list[_Tx]) -> str:
    chars = list(text[a:b])
    for x in txs:
        s, e = max(a, x.start), min(b, x.end)
        for i in range(s, e):
            chars[i - a] = " "
    out = "".join(chars)
    out = re.sub(
        r"\b(?:on|in|at|since|from|by|as of|until|during|of|the)\s+(?=\s|$|[,;)(])", " ", out, flags=re.I
    )
    out = re.sub(r"\(\s*\)", " ", out)
    return out


def _subject(text: str, cs: int, tstart: int, txs, mentions, lex) -> str | None:
    raw = _strip_timexes(text, cs, tstart, txs)
    raw = _RELATIVE.sub(",", raw)
    raw = re.sub(r"\([^)]*\)", " ", raw)
    raw = re.sub(r"^.*?\(\w+\)\s*(?:--|—|–|-)\s*", "", raw)  # "BRUSSELS (AP) —"
    raw = re.sub(r"\[[^\]]*\]", " ", raw)
    parts = [p for p in re.split(r"[,;:]|\s--\s|\s[—–-]\s|[.!?]\s", raw) if _WORD.search(p)]
    if not parts:
        return None
    i = len(parts) - 1
    subj = _subject_part(parts[i])
    if subj and re.fullmatch(r"(?:which|who|that)", subj, re.I) and i > 0:
        subj = _subject_part(parts[i - 1])
    elif not subj and i > 1 and re.match(r"\s*(?:[a-z]+(?:ed|ing)|by|with|after|in)\b", parts[i - 1]):
        subj = _subject_part(parts[i - 2])
    if not subj or _PRONOUN_SUBJECT.match(subj) or re.fullmatch(r"(?:which|who|that)", subj, re.I):
        return None
    # a named person in the subject: use the short name ("Stoltenberg")
    offset = text.find(subj, cs, tstart + 1)
    inside = [m for m in mentions if offset >= 0 and offset <= m.start < offset + len(subj)]
    persons = [m for m in inside if (lex.actor(m.canonical) and lex.actor(m.canonical).kind == "person")]
    if persons:
        names = list(dict.fromkeys(lex.short_name(m.canonical) for m in persons))
        return " and ".join(names[:2])
    words = _WORD.findall(subj)
    if len(words) <= 5:
        subj = re.sub(r"^(?:the|a|an)\s+", "", subj, flags=re.I)
        return subj[:1].upper() + subj[1:]
    orgs = [m for m in inside if lex.actor(m.canonical) and lex.actor(m.canonical).kind in ("org", "state")]
    if orgs:
        return lex.short_name(orgs[0].canonical)
    return None


_PLANNER_TAIL = re.compile(
    r"(?:\s+|^)(?:has\s+|have\s+|had\s+)?(?:decided|agreed|voted|applied|set|plans?|planned|intends?|"
    r"scheduled|due|expected|moved|ready|prepared|going|able|seeks?|wants?|is|are|was|were)\s+to$",
    re.I,
)


def _subject_part(subj: str) -> str:
    if re.match(r"\s*(?:after|before|in|on|at|by|with|for|from|during|since|following|despite|"
                r"amid|under|over|through|without|upon)\b", subj, re.I):
        return ""  # a prepositional phrase is no subject
    subj = re.sub(r"^.*\b(?:that|after|when|as|because|while|whereas|if)\s+", "", subj, flags=re.I)
    prev = None
    while prev != subj:
        prev = subj
        subj = _DROP_LEAD.sub("", subj.strip())
        subj = _PLANNER_TAIL.sub("", subj).strip()
        subj = _AUX_TAIL.sub("", subj).strip()
        # an adverbial between subject and verb: "the president for the first time will attend"
        subj = _ADVERBIAL_TAIL.sub("", subj).strip() or subj
    return _clean(subj)


_ADVERBIAL_TAIL = re.compile(r"(?<=\w)\s+(?:for|in|on|at|during|since|after|before|over|by)\s+(?:[\w'’-]+\s+){0,3}"
                             r"(?:time|times|day|week|month|year|once|now|then|instance|example|turn|part|contrast|"
                             r"response|return|addition|reply|protest|person|private|public)$", re.I)


def _object(text: str, tend: int, ce: int, txs, mentions, lex) -> str:
    seg_end = ce
    for x in txs:
        if tend <= x.start < seg_end:
            seg_end = x.start
            break
    seg = text[tend:seg_end]
    m = _OBJECT_CUT.search(seg)
    if m:
        seg = seg[: m.start()]
    # "in Brussels", "at the Palais": the place is added separately
    seg = re.split(r"\s(?:in|at)\s+(?:the\s+)?[A-Z]", seg)[0]
    persons = [
        m
        for m in mentions
        if tend <= m.start and m.end <= tend + len(seg)
        and lex.actor(m.canonical)
        and lex.actor(m.canonical).kind == "person"
    ]
    if persons:
        lead = re.match(r"\s*((?:with|to)\s)", seg)
        return (lead.group(1) if lead else "") + lex.short_name(persons[-1].canonical)
    words = seg.split()
    seg = " ".join(words[:8])
    seg = _FUNCTION_TAIL.sub("", " " + seg).strip()
    return _clean(seg)


#: nouns of light triggers that say nothing of what happened (``data/event_types.tsv``)
_GENERIC_NOUNS = frozenset(("event",))


def _title(text, clause, subj_at, tstart, tend, trig: Trigger, txs, c_actors, places, all_mentions, lex, x) -> str:
    cs, ce = clause
    place = places[0] if places else None
    if trig.pos == "noun":
        title = _noun_title(text, clause, subj_at, tstart, tend, trig, txs, c_actors, all_mentions, lex)
    else:
        subj = _subject(text, cs, subj_at, txs, all_mentions, lex) or \
            _shared_subject(text, cs, subj_at, txs, all_mentions, lex)
        obj = _object(text, tend, ce, txs, all_mentions, lex)
        if not subj and trig.noun.lower() in _GENERIC_NOUNS:
            # "Event" says nothing: the words that stand before the verb name what it was
            words = _WORD.findall(_strip_timexes(text, cs, subj_at, txs))
            subj = " ".join(words[-4:]) if len(words) >= 2 else None
            subj = subj[:1].upper() + subj[1:] if subj else None
        if subj:
            title = f"{subj} {_verb_phrase(text, tstart, tend, trig, subj)} {obj}".strip()
        elif obj and not re.match(r"(?:with|to|of|for|between|against|on|in|into|from|by)\b", obj):
            title = f"{trig.noun} of {obj}"
        else:
            title = f"{trig.noun} {obj}".strip()
    if place and place.lower() not in title.lower():
        p = lex.place(place)
        if p and p.kind == "venue" and p.within:
            title_place = p.within if p.within.lower() not in title.lower() else None
        else:
            title_place = place
        if title_place:
            title = f"{title} in {title_place}"
    title = _clean(title)
    if len(title) < 4:
        title = _clean(_strip_timexes(text, cs, ce, txs))
    return _cut(title, MAX_TITLE)


def _noun_title(text, clause, subj_at, tstart, tend, trig: Trigger, txs, c_actors, all_mentions, lex) -> str:
    cs, ce = clause
    after = text[tend:ce]
    # "talks between Russia and the US"
    m = re.match(r"\s+between\s+([^,;()]+?)\s+and\s+([^,;()]+?)(?=\s+(?:that|which|who|on|in|at|dedicated|over|to)\b|[,;()]|$)", after)
    if m:
        a = _actor_short_in(m.group(1), lex)
        b = _actor_short_in(m.group(2), lex)
        if a and b:
            return f"{a}-{b} {text[tstart:tend].lower()}"
    # "a meeting of the NATO-Russia Council" → "NATO-Russia Council meets"
    m = re.match(r"\s+of\s+(?:the\s+)?([^,;()]+)", after)
    if m and trig.type in ("meeting", "talks", "summit"):
        who = _actor_short_in(m.group(1), lex, kinds=("org",))
        if who:
            return f"{who} {trig.verb3}"
    # "the annexation of the Crimean peninsula" → "Russia annexes Crimea"
    obj = None
    if m:
        obj_raw = _cut_object_phrase(m.group(1))
        places = lex.find_places(obj_raw)
        actors = lex.find_actors(obj_raw)
        if places and places[0].start <= 4:
            obj = places[0].canonical
        elif actors and actors[0].start <= 4:
            obj = lex.short_name(actors[0].canonical)
        else:
            obj = obj_raw
    agent = _premod_actor(text, cs, tstart, lex)
    if agent is None:
        # the subject of a light verb: "NATO's foreign ministers are set to hold talks"
        light = re.search(r"\b(?:hold|held|holds|holding|attend|attended|took part in)\s+(?:(?!since|after|before|following)\w+\s+){0,4}$", text[cs:tstart], re.I)
        if light:
            subj = _subject(text, cs, cs + light.start(), txs, all_mentions, lex)
            if subj:
                rest = _object(text, tend, ce, txs, all_mentions, lex)
                return f"{subj} {trig.verb3} {rest}".strip()
        others = [mm for mm in c_actors if not (tend <= mm.start < tend + 80) and lex.actor(mm.canonical) and lex.actor(mm.canonical).kind in ("state", "org")]
        canon = list(dict.fromkeys(mm.canonical for mm in others))
        if obj and len(canon) == 1 and trig.type in ("annexation", "military-action", "violation", "suspension", "withdrawal", "accession", "sanction"):
            agent = lex.short_name(canon[0])
    if agent and obj:
        return f"{agent} {trig.verb3} {obj}"
    if agent:
        return f"{agent} {text[tstart:tend].lower()}"
    noun = text[tstart:tend]
    noun = noun[:1].upper() + noun[1:]
    rest = _object(text, tend, ce, txs, all_mentions, lex)
    return f"{noun} {rest}".strip()


def _cut_object_phrase(s: str) -> str:
    m = _OBJECT_CUT.search(s)
    if m:
        s = s[: m.start()]
    s = re.split(r"\s(?:in|at)\s+(?:the\s+)?[A-Z]", s)[0]
    return _FUNCTION_TAIL.sub("", " " + " ".join(s.split()[:6])).strip()


def _premod_actor(text: str, cs: int, tstart: int, lex) -> str | None:
    """An actor right before a noun trigger: "Russia's invasion", "an OSCE meeting"."""
    head = text[cs:tstart]
    m = re.search(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?:['’]s)?\s+(?:[a-z]+(?:['’]s|['’])?\s+){0,1}$", head)
    if not m:
        return None
    found = lex.find_actors(m.group(1))
    if found:
        return lex.short_name(found[-1].canonical)
    return None


def _actor_short_in(s: str, lex, kinds=("org", "state", "person")) -> str | None:
    found = lex.find_actors(s)
    for m in found:
        a = lex.actor(m.canonical)
        if a and a.kind in kinds:
            return lex.short_name(a.canonical)
    return None


def _cut(s: str, n: int) -> str:
    s = s.strip()
    if len(s) <= n:
        return s
    cut = s[: n + 1]
    i = cut.rfind(" ")
    s = cut[:i] if i > 0 else s[:n]
    s = _FUNCTION_TAIL.sub("", " " + s).strip()
    return s.rstrip(" ,;:-–—")


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
