"""Dated sentences that no rule read as an event, weighed.

The rules of this package find an event where grammar or layout says that one is told.
Many dated sentences tell one in a way no rule reads: an act of something unnamed ("On 15
November a missile struck Polish territory"), a statement that is the report's news
("Yeltsin said Wednesday his nation must respect Poland's choice"), a passive with a
pronoun for its subject ("It was renewed in 2010"). Each (sentence, date) pair that no
rule claimed is described here by features of grammar (the kinds and forms of the
sentence's verbs, the verb nearest the date), of the date (precision, how it was anchored,
its distance from the publication date) and of layout (the sentence's place in the
document, its length, a quotation, a leading label). No feature is a word: what a verb
means comes from the word classes the rest of the package uses.

A logistic model over these features gives the probability that an annotator sees an
event there. Its weights are data (``data/sentence_weights.tsv``), learned from annotated
documents by ``benchmarks/train_sentence_weights.py``; a pair at or above
:data:`THRESHOLD` becomes an event whose title is the sentence's headline. A sentence
without a finite verb, or one that only stamps the page with a date, gives none.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from importlib import resources
from typing import Sequence

from ..lexicon import Lexicon
from ..records import Document, EventCandidate, Span
from ..temporal.types import Timex
from . import layout
from .asserted import _not_asserted, _premodifies, wished
from .bounds import alternatives, bound_only, drop_range_ends, finest, opens_name, year_in_name
from .grammar import Predicate, change_verbs, closed_classes, predicates, verb_tags, word_classes
from .occasions import _is_stamp, _without_dateline
from .participants import _canonical_actors, _places_in
from .sentence import _Tx
from .titles import finish, headline, title_problems

#: the probability at or above which a weighed pair becomes an event
THRESHOLD = 0.4
#: no sentence is longer: a longer run of words is a list or text without punctuation,
#: with no headline to make (and weighing it would cost more than its length)
MAX_SENTENCE = 1200

#: the words that introduce a date in a clause: dropped with it from the title
_DATE_PREPOSITION = re.compile(r"\b(?:on|in|at|since|by|from|until|during|of|as\s+of)\s+$", re.I)
#: a label before a colon at the start of a line ("Background: ...", "2012: ...")
_LABEL = re.compile(r"\s*[^:\n]{0,40}:\s")
_QUOTES = ('"', "“", "”")


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The model's weights, by feature name; ``bias`` is the intercept."""
    out: dict[str, float] = {}
    text = resources.files(__package__).joinpath("data", "sentence_weights.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, value = line.rsplit("\t", 1)
        out[name] = float(value)
    return out


def probability(features: dict[str, float], table: dict[str, float] | None = None) -> float:
    """The logistic model's probability for ``features`` (unknown features weigh nothing)."""
    table = weights() if table is None else table
    z = table.get("bias", 0.0) + sum(table.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def _ref_kind(t: Timex) -> str:
    """How the anchoring step read the expression: ``wd`` (a weekday), ``md`` (a month and
    day), ``rel`` (counted from a reference), ``ctx`` ... or ``abs`` when it needed none."""
    ref = t.extra.get("ref", "")
    return ref.split("(", 1)[0] if ref else "abs"


def _distance(t: Timex, published) -> str:
    """Where the date starts from the publication date: ahead, the same day, within a week
    before, within a year before, or older."""
    if published is None or t.date is None:
        return "nodct"
    days = (t.date.interval()[0] - published.interval()[0]).days
    return "future" if days > 0 else "same" if days == 0 else "week" if days > -8 else "year" if days > -366 else "old"


#: where a clause opens before its verb: the subject is the words after it
_CLAUSE_OPEN = re.compile(r"(?:[,;:(—–]|\b(?:that|which|who|when|after|before|because|while|as|if|since|until|once|"
                          r"although|though|whereas|where|and|but)\b)\s*", re.I)
_WORD = re.compile(r"[A-Za-z0-9][\w’'.,-]*(?<![,.])")


def subject_kind(text: str, pred: Predicate) -> str:
    """What the words before ``pred`` in its clause are: ``none``, a ``pronoun``, a
    ``name`` (a word English does not know, or a capital inside the sentence), a
    ``definite`` noun phrase ("the ship"), or a ``common`` one ("prices", "a storm")."""
    aux = pred.aux_start if pred.aux_start >= 0 else pred.start
    before = text[:aux]
    cuts = [0] + [m.end() for m in _CLAUSE_OPEN.finditer(before)]
    cut = cuts[-1]
    words = _WORD.findall(before[cut:])
    if not words and len(cuts) > 1:
        # an aside closes right before the verb ("The decision, which Oslo announced,
        # closed ..."): the subject is the words before the aside
        cut = 0
        words = _WORD.findall(before[: next((c for c in cuts[1:] if c > 0), len(before))])
        words = words[:-1] if words and words[-1].lower() in ("which", "who", "that", "and", "but") else words
    if not words:
        return "none"
    cc = closed_classes()
    if len(words) == 1 and words[0].lower() in cc["pronoun"]:
        return "pronoun"
    for i, w in enumerate(words):
        initial = cut + before[cut:].find(w) == 0 if i == 0 else False
        if w[0].isupper() and (not initial or not word_classes(w.lower()) or w.isupper()) \
                and w.lower() not in cc["determiner"] and w.lower() not in cc["pronoun"]:
            return "name"
    return "definite" if words[0].lower() in ("the", "this", "these", "those") else "common"


def features(doc: Document, index: int, sent: Span, t: Timex, dated: int, claimed: bool,
             preds: Sequence[Predicate] | None = None) -> dict[str, float]:
    """The features of the date ``t`` in sentence ``sent`` (the ``index``-th of ``doc``),
    a sentence with ``dated`` dated expressions, where a rule found another event or not
    (``claimed``). ``preds`` are the sentence's predicates when already known."""
    text = sent.text
    preds = predicates(text) if preds is None else preds
    at = t.start - sent.start
    f: dict[str, float] = {
        "precision=" + (t.date.precision if t.date is not None else "none"): 1.0,
        "anchor=" + t.anchor: 1.0,
        "ref=" + _ref_kind(t): 1.0,
        "distance=" + _distance(t, doc.published): 1.0,
        "sentence=" + (str(index) if index < 3 else "3+"): 1.0,
        "dated=" + (str(dated) if dated < 4 else "4+"): 1.0,
        "length=" + str(min(6, len(text) // 60)): 1.0,
        "position": at / max(1, len(text)),
    }
    if t.mod:
        f["mod=" + t.mod] = 1.0
    if text[:at].rstrip().endswith("("):
        f["bracketed"] = 1.0
    if _LABEL.match(text):
        f["label"] = 1.0
    if any(q in text for q in _QUOTES):
        f["quotation"] = 1.0
    if claimed:
        f["claimed"] = 1.0
    for p in preds:
        if not p.negated:
            f[f"verb={p.kind}/{p.form}"] = 1.0
    near = min(preds, key=lambda p: (abs(p.start - at), p.start > at), default=None)
    if near is not None:
        f["near=" + near.kind] = 1.0
        f["near_form=" + near.form] = 1.0
        if near.negated:
            f["near_negated"] = 1.0
        if near.hypothetical:
            f["near_hypothetical"] = 1.0
        if near.start < at:
            f["near_before"] = 1.0
        if near.finite:
            f["subject=" + subject_kind(text, near)] = 1.0
    return f


def unclaimed(doc: Document, usable: Sequence[Timex], found: Sequence[EventCandidate]):
    """Each sentence's dates that no event of ``found`` quoting that sentence carries (a
    time's day counts as its date):
    (sentence index, sentence, the first expression of that date, the sentence's dated
    expressions, whether another event quotes it). Linear in the document: each event
    marks the few sentences its quote spans, found by bisection; ``usable`` is in order."""
    sentences = list(doc.sentences)
    sent_starts = [s.start for s in sentences]
    claimed: dict[int, set[str]] = {}
    for c in found:
        k = max(0, bisect_right(sent_starts, c.start) - 1)
        while k < len(sentences) and sentences[k].start < c.end:
            if c.start < sentences[k].end:
                claimed.setdefault(k, set()).update({c.date_value, c.date.value if c.date else c.date_value})
            k += 1
    dated = [t for t in usable if t.date is not None]
    starts = [t.start for t in dated]
    for i, s in enumerate(sentences):
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        inside = [t for t in dated[lo:hi] if t.end <= s.end]
        if not inside:
            continue
        values = claimed.get(i, set())
        seen: set[str] = set()
        for t in inside:
            value = t.date.value
            if value in values or value in seen:
                continue
            seen.add(value)
            yield i, s, t, inside, bool(values)


#: pronouns of the speaker or the listener: a quotation's, with no one to name in a headline
_SPEAKERS = frozenset({"i", "we", "you", "me", "us"})


def _finite_before(text: str, pred: Predicate, lo: int) -> list[Predicate]:
    """The finite verbs between ``lo`` and ``pred`` (not a hyphenated word's part: "U.S.-led")."""
    aux = pred.aux_start if pred.aux_start >= 0 else pred.start
    return [p for p in predicates(text) if p.finite and lo <= p.start and p.end <= aux
            and p is not pred and text[p.start - 1 : p.start] != "-"]


def _noun_phrase_before(words: list[str]) -> list[str]:
    """The noun phrase that ends ``words``: back to its determiner, or to the word after a
    preposition, a verb or a conjunction (at most five words)."""
    cc = closed_classes()
    out: list[str] = []
    for w in reversed(words):
        low = w.lower()
        _lemma, tags, nominal = verb_tags(low)
        if low in cc["preposition"] or low in ("and", "or", "but") or (tags & {"VBD", "VBZ", "VBP"} and not nominal) \
                or len(out) == 5:
            break
        out.insert(0, w)
        if low in cc["determiner"]:
            break
    return out


def _subject_for_title(text: str, pred: Predicate, depth: int = 0) -> str | None:
    """The subject of ``pred`` for its headline: the words between the clause's opening and
    the verb. With nothing between, what stands for it: after a relative pronoun
    ("the assembly, which began"), the noun phrase the pronoun follows; after "and" or
    "but" ("They became independent but were taken over"), the subject of the verb before;
    after a comma that closes an aside, the words that open the sentence. After a verb of
    saying with no "that" ("He said the flights were resumed"), the words after it.
    ``None`` when there is none, when it opens with a preposition ("With a briefing
    provided"), ends with the speaker or the listener ("I informed", "later than we
    sent"), or holds another finite verb (``pred`` is then a participle after a noun:
    "progress achieved")."""
    aux = pred.aux_start if pred.aux_start >= 0 else pred.start
    before = text[:aux]
    opens = list(_CLAUSE_OPEN.finditer(before))
    start = opens[-1].end() if opens else 0
    words = _WORD.findall(before[start:])
    stands_for = not words  # the words found are what an empty subject stands for
    if not words and opens:
        opener = opens[-1].group(0).strip(" ,").lower()
        if opener in ("who", "which", "that"):
            words = _noun_phrase_before(_WORD.findall(before[: opens[-1].start()]))
        elif opener in ("and", "but") and depth == 0:
            earlier = _finite_before(text, pred, 0)
            return _subject_for_title(text, earlier[-1], 1) if earlier else None
        elif opener == "" and not _finite_before(text, pred, 0):
            words = _WORD.findall(before[: opens[0].start()])
    if not words:
        return None
    inside = [] if stands_for else _finite_before(text, pred, start)
    if inside:
        if inside[-1].kind != "comment":
            return None
        words = _WORD.findall(before[inside[-1].end :])
        if not words:
            return None
    if words[0].lower() in closed_classes()["preposition"] or words[-1].lower() in _SPEAKERS \
            or (len(words) == 1 and words[0].lower() in ("this", "that", "these", "those")):
        return None  # "This was later confirmed": what "this" is, a headline cannot say
    return " ".join(words)


def _title(sent: Span, t: Timex, inside: Sequence[Timex], pred: Predicate) -> str:
    """The sentence's headline around ``pred``: its subject (:func:`_subject_for_title`),
    the verb in the present, its object; the dates (and the prepositions that introduce
    them) and any quotation mark left out. Empty when the verb has no subject to name."""
    chars = list(sent.text)
    for x in inside:
        a, b = x.start - sent.start, x.end - sent.start
        m = _DATE_PREPOSITION.search(sent.text, max(0, a - 12), a)
        a = m.start() if m else a
        chars[a:b] = " " * (b - a)
    text = "".join(chars)
    subject = _subject_for_title(text, pred)
    if subject is None:
        return ""
    aux = pred.aux_start if pred.aux_start >= 0 else pred.start
    clause = subject + " " + text[aux:]
    return finish(headline(clause, pred, offset=aux - len(subject) - 1).lstrip("\"“”'‘’`«» "))


#: what follows a verb that takes no object: a preposition, an adverb, the end
_NO_OBJECT = re.compile(r"\s*(?:$|[,.;:]|(?:in|on|at|by|to|from|since|during|after|before|over|sharply|"
                        r"slightly|steadily|again|further)\b)", re.I)


def _trend(text: str, pred: Predicate) -> bool:
    """A change in amount or quality of something no one is named as doing, with no
    object: "Prices of grain soared", "Relations between the two capitals improved"."""
    return pred.lemma in change_verbs() and subject_kind(text, pred) in ("common", "definite") \
        and _NO_OBJECT.match(text, pred.end) is not None


#: a plan in the present or in the past of a report: "are to", "was expected to", "is due to"
_PLAN_BEFORE = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:(?:expected|due|scheduled|set|slated)\s+)?to\s+$", re.I)
#: the confidence of a plan's event (:func:`_planned`), which the model does not weigh
PLANNED_CONFIDENCE = 0.5


def _planned(text: str, t: Timex, at: int, preds: Sequence[Predicate], published) -> Predicate | None:
    """The verb of a plan that the date dates and that lies ahead of the report: "The
    ships were to leave Bergen on Monday" in Monday's report, "The envoy is expected to
    come to Oslo on Friday". The infinitive nearest before the date, after "is to", "was
    expected to" and the like, with no clause boundary or finite verb between, an act; the
    date not before the report's day (a plan of an earlier date may not have been carried
    out: "was to expire in 2012"). Its auxiliaries start where the plan's words do, so that
    its subject is the plan's ("The envoy")."""
    if published is None or t.date is None or t.date.interval()[1] < published.interval()[0]:
        return None
    before = [p for p in preds if p.end <= at and p.form == "infinitive"]
    if not before:
        return None
    p = max(before, key=lambda p: p.end)
    if p.kind not in ("event", "light") or any(q.finite and p.end <= q.start < at for q in preds) \
            or _CLAUSE_OPEN.search(text, p.end, at):
        return None
    plan = _PLAN_BEFORE.search(text, max(0, p.start - 40), p.start)
    return replace(p, aux_start=min(p.aux_start, plan.start())) if plan else None


def _governing(text: str, t: Timex, at: int, preds: Sequence[Predicate], published=None) -> Predicate | None:
    """The verb nearest the date (``at``, its offset in ``text``), the one whose act the
    date dates, when it reports an occurrence: finite, or the infinitive of a plan ahead of
    the report (:func:`_planned`; ``published`` is the report's date); neither negated nor
    hypothetical, no verb of saying or opinion, no trend (:func:`_trend`), not in a
    question, a condition or a wish ("was to expire in 2012", a plan not carried out, has
    no finite verb); ``None`` otherwise, and when the date stands before a noun it modifies
    ("the 1997 act") or only bounds the act ("after 2008")."""
    end = at + (t.end - t.start)

    def apart(p: Predicate) -> bool:  # a clause boundary between the verb and the date
        a, b = (p.end, at) if p.end <= at else (end, p.aux_start if p.aux_start >= 0 else p.start)
        return _CLAUSE_OPEN.search(text, a, b) is not None
    # the date dates the verb of its own clause ("Since the mayor opened the quay in 2007,
    # Norway has expanded ..."), else the nearest ("On 15 November, a missile struck ...")
    own = [p for p in preds if not apart(p)] or list(preds)
    near = min(own, key=lambda p: (min(abs(at - p.end), abs(p.start - end)), p.start > at), default=None)
    if near is not None and near.form == "infinitive" and near.start >= end:
        # "descended on the town before dawn Wednesday to retaliate": an infinitive after
        # the date says what the act was for; the date dates the verb before it
        near = max((p for p in preds if p.end <= at and p.finite), key=lambda p: p.end, default=None)
    if near is None or not near.finite:
        near = _planned(text, t, at, preds, published)
    if near is None or near.negated or near.hypothetical or near.kind == "comment":
        return None  # a comment is no event (the rules read the statements that are news)
    if _not_asserted(text, near.start) or wished(text, near.start):
        return None
    if _premodifies(text, _Tx(at, end, t, t.date)) or _not_asserted(text, at) or _trend(text, near):
        return None
    return near


def _dating(text: str, inside: Sequence[Timex], base: int) -> dict[int, Timex]:
    """The dates of a sentence that may date an act, by offset in the body, as the rules
    read them (:mod:`.bounds`): not the second end of a range (a range within one month
    dates by its first day, a longer one by the unit holding both ends), not dates offered
    as alternatives, not a bound ("after 2008"), a starting value's date, a deadline of a
    goal or the start of a count, not a year inside or opening a name, not one that holds a
    finer date of the sentence ("2017-2019: ... In May 2018")."""
    txs = [_Tx(x.start - base, x.end - base, x, x.date) for x in inside]
    alts = alternatives(text, txs)
    return {x.start + base: x.timex for x in finest(drop_range_ends(text, txs))
            if x.start not in alts and not bound_only(text, x) and not opens_name(text, x)
            and not year_in_name(text, x)}


def _kind(text: str, pred: Predicate, lex: Lexicon) -> str:
    """The type of the listed event word nearest the verb ("talks" → a meeting), if one
    stands within 60 characters of it; ``other`` otherwise."""
    near = [(min(abs(s - pred.end), abs(pred.start - e)), t.type) for s, e, t in lex.find_triggers(text)]
    near = [n for n in near if n[0] <= 60]
    return min(near)[1] if near else "other"


def weighed_pairs(doc: Document, usable: Sequence[Timex], found: Sequence[EventCandidate]):
    """The unclaimed pairs that could be events, with their features: (sentence, date,
    title, the verb the title is built on, features). A sentence in page furniture,
    without a finite verb, that only stamps the page with its date or is longer than
    :data:`MAX_SENTENCE` gives none, nor a section's heading between dashes; nor does the
    date of a dateline (the sentence is read without it), a date that dates no act
    (:func:`_dating`), a date whose verb reports no occurrence (:func:`_governing`), or a
    pair with no headline to make (:func:`_title`)."""
    dating: tuple[int, dict[int, Timex]] = (-1, {})
    for index, sent, t, dated, claimed in unclaimed(doc, usable, found):
        if doc.in_furniture(sent.start, sent.end) or sent.end - sent.start > MAX_SENTENCE:
            continue
        sent = _without_dateline(doc.body, sent, first=index == 0)  # no quote opens with one
        if layout.SECTION_HEAD.fullmatch(sent.text):
            continue  # a section's heading tells nothing
        # the dateline's date is the report's: it dates no act of the sentence
        inside = [x for x in dated if x.start >= sent.start]
        if dating[0] != sent.start:
            dating = (sent.start, _dating(sent.text, inside, sent.start))
        if t.start not in dating[1]:
            continue
        t = dating[1][t.start]
        # a word of a date is no verb ("last" in "last month")
        preds = [p for p in predicates(sent.text) if not any(
            x.start - sent.start < p.end and p.start < x.end - sent.start for x in inside)]
        pred = _governing(sent.text, t, t.start - sent.start, preds, doc.published)
        if pred is None or _is_stamp(sent.text, sent.start, inside):
            continue
        title = _title(sent, t, inside, pred)
        if len(title.split()) < 2 or title_problems(title):
            continue  # no headline can be made of it ("Which begins"): nothing to show
        # a plan (an infinitive) is taken as it is: the model never saw one
        yield sent, t, title, pred, (None if not pred.finite else features(doc, index, sent, t, len(dated), claimed, preds))


def weighed_events(doc: Document, usable: Sequence[Timex], found: Sequence[EventCandidate], lex: Lexicon,
                   named: Sequence[tuple[int, str]] = (), threshold: float = THRESHOLD) -> list[EventCandidate]:
    """Events of the dated sentences the rules left without one (:func:`weighed_pairs`),
    where the model's probability reaches ``threshold``; their actors and places are named
    as the rules name theirs (``named``: the document's person mentions, for the holder of
    an office)."""
    out: list[EventCandidate] = []
    for sent, t, title, pred, f in weighed_pairs(doc, usable, found):
        p = probability(f) if f is not None else PLANNED_CONFIDENCE
        if p < threshold:
            continue
        kind = _kind(sent.text, pred, lex)
        actors = _canonical_actors(lex.find_actors(sent.text), t.date, lex, named, sent.start)
        places = _places_in(sent.text, lex.find_places(sent.text), lex)
        ahead = doc.published is not None and t.date.interval()[0] > doc.published.interval()[1]
        out.append(EventCandidate(
            date=t.date, date_value=t.date.value, title=title, type=kind, quote=sent.text,
            start=sent.start, end=sent.end, timex_start=t.start, timex_end=t.end,
            actors=tuple(actors), places=tuple(places),
            confidence=round(p, 2), status="scheduled" if ahead else "occurred"))
    return out
