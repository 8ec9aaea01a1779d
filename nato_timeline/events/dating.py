"""Dating: which word of a sentence each of its dates dates.

Listed triggers and verbs read by grammar compete; each clause's dates go to its
triggers (a date that modifies a noun goes to that noun), an elliptic clause borrows the
previous trigger, coordinated verbs and dated relative clauses share or keep theirs. Also
the tests a clause must pass to report an occurrence (not asserted, negated, a comment).
Which of a clause's dates may date its event at all is :mod:`.bounds`'s to say."""

from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import Lexicon, Trigger, get_lexicon
from ..temporal.types import Timex
from .asserted import _purpose_start, _reporting_governs, _reports_news
from .bounds import alternatives, bound_only, drop_range_ends, finest, opens_name, without_deadlines, year_in_name
from .clauses import _OPENER, _REPORTING, _VERBISH, _clauses
from .grammar import Predicate, alternation, inflect, verb_kinds, verb_tags
from .settings import settings
from .sentence import (
    GATHERINGS,
    _NOT_VERB_AFTER_TO,
    _PLANNERS,
    _QUOTE_SPAN,
    _RELATIVE,
    _WORD,
    _nominal,
    _Trig,
    _Tx,
    preds_of,
)

_ASIDE = re.compile(r",\s*" + alternation("aside_participle") + r"\b[^,;]*", re.I)


_CAP_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]*\s+$")


_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z][a-z]+)\b(?!\s+(?:of|on|in)\b)")
_ERA_BEFORE = re.compile(r"\b" + alternation("era_word") + r"[\s-]*$", re.I)


_SAID = Trigger("said", "verb", "statement", "announce", "Announcement", 2)


def attachments(text: str, timexes: Sequence[Timex]) -> list[tuple[int, int, Timex]]:
    """Which word of the sentence ``text`` each date of it dates, by the rules the extractor
    uses: ``(start, end, timex)`` of every trigger that took a date (offsets into ``text``;
    ``timexes`` have offsets into ``text`` too). For measuring the rule against gold links."""
    lex = get_lexicon()
    txs = drop_range_ends(text, [_Tx(t.start, t.end, t, t.date) for t in timexes])
    _trigs, fixed = _attach(text, txs, lex, lex.find_places(text), lex.find_actors(text))
    return [(g.start, g.end, x.timex) for x, g, _c, _m in fixed if g is not None]


#: a noun said not to have happened: "without agreement", "no deal", "the lack of a decision"
_WITHOUT = re.compile(r"\b(?:without|no|lack\s+of|absence\s+of)\s+(?:(?:a|an|any|the)\s+)?(?:[\w-]+\s+)?$", re.I)


#: a determiner or a possessive right before a word: what follows is a noun phrase's word
#: ("a sign", "the signed text", "Russia's strike"), not a finite verb ("it's signed" is one)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|any|no|its|their|his|her|our|every|each)|(?<!\bit)(?<!\bthat)(?<!\bthere)(?<!\bwhat)"
    r"(?<!\bwho)(?<!\bhe)(?<!\bshe)\w['’]s)\s+$", re.I)


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
        if t.pos == "noun" and text[s].isupper() and _NAME_GOES_ON.match(text, e):
            continue  # "the Washington Summit Declaration": a word inside a name, not its head
        if (
            t.pos == "noun"
            and text[s].isupper()
            and t.type not in ("meeting", "summit", "talks")
            and _CAP_NAME_BEFORE.search(text[:s])
        ):
            continue
        if t.pos == "noun" and _WITHOUT.search(text[max(0, s - 30) : s]):
            continue  # "ended the summit without agreement": no agreement, and the date is the summit's
        if t.pos == "verb" and _DETERMINER_BEFORE.search(text, max(0, s - 20), s):
            continue  # "a sign of cessation", "the signed text": a noun or an adjective, no verb
        trigs.append(_Trig(s, e, t, _strength(text, s, t)))
    preds = preds_of(text)
    trigs = _resolve_overlaps(trigs + _grammar_triggers(preds, text, trigs, txs, blocked)
                              + _gerund_triggers(text, trigs, txs, blocked))
    clauses = _clauses(text, txs, preds)
    uncertain = alternatives(text, txs)

    assigned: list[tuple[_Tx, _Trig | None, tuple[int, int], str]] = []
    for cs, ce in clauses:
        # "After 2008, work stalled": the event lies outside the date it is measured from
        ctx = [x for x in txs if cs <= x.start < ce and not bound_only(text, x) and x.start not in uncertain]
        ctx = without_deadlines(text, ctx)
        if not ctx:
            continue
        ctr = [g for g in trigs if cs <= g.start < ce]
        for x, g, mode in _assign(text, ctx, ctr, (cs, ce), trigs):
            assigned.append((x, g, (cs, ce), mode))

    # ellipsis: a clause with a date but no trigger borrows the previous clause's trigger
    # ("discussed X on January 12 in Brussels, and on January 13 in Vienna").
    last: _Trig | None = None
    fixed = []
    dated = {id(g) for _x, g, _c, _m in assigned if g is not None}
    for k, (x, g, c, mode) in enumerate(assigned):
        # a reporting clause with no trigger ("..., Putin said on Saturday") dates the act
        # it reports in the present perfect: done by then, the day's news ("Russia has
        # suspended the treaty")
        reporting = g is None and _reporting_governs(text, x, c)
        if reporting:
            done = _reported_perfect(text, c, [h for h in trigs if id(h) not in dated])
            if done is not None:
                dated.add(id(done))
                assigned[k] = (x, done, c, "reported")
                fixed.append((x, done, c, "reported"))
                continue
        # a reporting clause with no trigger ("..., NATO officials said Wednesday") is a
        # statement event when what it reports is planned or decided news
        if reporting and _reports_news(text, x, trigs, c):
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
    fixed.extend(_when_clauses(text, clauses, txs, trigs))
    fixed.extend(_coordinated(text, fixed, trigs, txs))
    fixed.extend(settings(text, fixed, trigs, txs))

    return trigs, fixed


#: a gerund that names an act: "the toppling of Yanukovych", "Moscow's shelling of the port"
_GERUND_OF = re.compile(r"\b(?:the|a|an|its|his|her|their|[A-Z][\w’'-]*['’]s)\s+([a-z]+ing)\s+of\b")


def _gerund_triggers(text: str, listed: list[_Trig], txs: list[_Tx], blocked) -> list[_Trig]:
    """Acts named by a gerund with its object ("the toppling of Yanukovych in February"):
    event nouns by grammar, whatever the verb, when the verb names an occurrence."""
    out = []
    for m in _GERUND_OF.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(g.start < e and s < g.end for g in listed) or any(a < e and s < b for a, b in blocked):
            continue
        lemma, tags, _nominal = verb_tags(m.group(1))
        if not lemma or "VBG" not in tags or any(lemma in verb_kinds()[k] for k in ("state", "comment", "light")):
            continue
        noun = m.group(1)
        trig = Trigger(noun, "noun", "other", inflect(lemma, "VBZ"), noun.capitalize(), 2)
        out.append(_Trig(s, e, trig, 2))
    return out


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
            if any(prev_end <= y.start < h.start and y.start != x.start for y in txs) or ";" in between:
                break  # a date of its own (the shared one may stand between: "suspended ... yesterday ..., and ordered")
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


#: a clause that says what happened at the time just named: "last October, when NATO withdrew"
_WHEN_AFTER_DATE = re.compile(r"\s*,?\s*when\b", re.I)


def _when_clauses(text: str, clauses, txs: list[_Tx], trigs: list[_Trig]):
    """A "when" clause right after a date, with no date of its own, happens at that date
    ("occurred last October, when NATO withdrew the accreditation"): its verb is dated by it."""
    out = []
    for cs, ce in clauses:
        m = _WHEN_AFTER_DATE.match(text, cs)
        if m is None or any(cs <= x.start < ce for x in txs):
            continue
        before = next((x for x in txs if 0 <= cs - x.end <= 2), None)
        own = [g for g in trigs if m.end() <= g.start < ce and g.strength > 0 and g.t.pos != "light"]
        if before is None or not own:
            continue
        out.append((before, min(own, key=lambda g: g.start), (cs, ce), "when"))
    return out


def _blocked_spans(text: str, txs: Sequence[_Tx] = ()) -> list[tuple[int, int]]:
    """Long quotations (4+ words) and participial asides, where triggers do not count; a
    quotation that holds a date of its own reports what happened then, as a dated relative
    clause does ("'Ministers have agreed today that ...,' said the Secretary General")."""
    spans = []
    for m in _QUOTE_SPAN.finditer(text):
        if len(_WORD.findall(m.group(0))) >= 4 and not any(m.start() <= x.start < m.end() for x in txs):
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


#: a coordinated predicate: "... and informed", "..., and then expelled"
_COORDINATED = re.compile(r",?\s+and\s+(?:then\s+|also\s+|later\s+)?(?=[a-z]+ed\b)")


def _is_elliptic(text: str, clause: tuple[int, int], x: _Tx) -> bool:
    """A clause that repeats the previous one's event with a new date: ", and on January 13
    in Vienna", or a short verbless item of a list: ", the council in Brussels on January 12"."""
    seg = text[clause[0] : clause[1]]
    head = text[clause[0] : x.start]
    if re.match(r"\W*(?:and\s+|but\s+)?(?:on|in|at|from|by)?\s*$", head, re.I):
        # not when a verb of its own follows the date (", and a year later, the war goes on")
        return len(_WORD.findall(seg)) <= 25 and not any(
            p.finite and x.end <= p.start < clause[1] for p in preds_of(text))
    words = _WORD.findall(head)
    return (
        head.lstrip().startswith(",")
        and len(words) <= 8
        and not _VERBISH.search(head)
        and bool(re.search(r"\b(?:on|in|at)\s+$", head, re.I))
    )


def _words_between(text: str, a: int, b: int) -> int:
    if a > b:
        a, b = b, a
    return len(_WORD.findall(text[a:b]))


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


def _finer_in_clause(x: _Tx, ctx: list[_Tx]) -> bool:
    """Whether a bare year ``x`` has a finer date of the same year beside it in its clause."""
    if not re.fullmatch(r"\d{4}", x.timex.text) or x.date is None:
        return False
    return any(y is not x and y.date is not None and y.date.year == x.date.year
               and y.date.precision in ("month", "day") for y in ctx)


_NOT_UNTIL = re.compile(r"\s+(?:[\w-]+\s+){0,4}?until\b", re.I)


def _assign(text, ctx: list[_Tx], ctr: list[_Trig], clause, all_trigs) -> list[tuple[_Tx, _Trig | None, str]]:
    out: list[tuple[_Tx, _Trig | None, str]] = []
    free_tx: list[_Tx] = []
    used: set[int] = set()
    for x in ctx:
        g = _tight_noun(text, x, [h for h in ctr if id(h) not in used])
        if g is not None and g.start < x.start and opens_name(text, x):
            continue  # "suspension of its part in the 1987 INF Treaty": the year names the treaty
        if g is not None and _finer_in_clause(x, ctx):
            continue  # "The 2023 NATO summit will take place on July 11": the day dates the summit
        if g is not None:
            out.append((x, g, "tight"))
            used.add(id(g))
        elif not year_in_name(text, x):
            free_tx.append(x)
    if not free_tx:
        return out
    # reporting verb right before the date: "said Friday", "said on Monday"
    rest_trigs = [g for g in ctr if id(g) not in used or g.t.type in ("meeting", "talks")]
    # a negated verb reports no occurrence: the date goes to another ("a version agreed on in
    # 1999 has not been ratified"), unless the negation is "not ... until" ("not ratified until
    # two years later" says when it was)
    denied = {p.start for p in preds_of(text) if p.negated} - {
        g.start for g in rest_trigs if _NOT_UNTIL.match(text, g.end, clause[1])}
    if any(g.start not in denied for g in rest_trigs):
        rest_trigs = [g for g in rest_trigs if g.start not in denied]
    dates = {x.timex.value for x in free_tx}
    if len(dates) <= 1 or len(rest_trigs) <= 1:
        best = _best_trigger(text, free_tx[0], rest_trigs)
        for x in finest(free_tx):
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


#: a present perfect's auxiliary right before its verb: "has (now) suspended"
_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|now\s+|just\s+|also\s+)?$", re.I)


def _reported_perfect(text: str, clause: tuple[int, int], trigs: list[_Trig]) -> _Trig | None:
    """The verb trigger outside the reporting clause ``clause`` told in the present
    perfect, not in a quotation: the act a dated saying reports as done. The first one."""
    cs, ce = clause
    quotes = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]
    for g in sorted(trigs, key=lambda g: g.start):
        if cs <= g.start < ce or g.t.pos != "verb" or g.strength <= 0:
            continue
        if any(a <= g.start < b for a, b in quotes):
            continue
        if _PERFECT_BEFORE.search(text, max(0, g.start - 30), g.start):
            return g
    return None


def _best_trigger(text: str, x: _Tx, trigs: list[_Trig]) -> _Trig | None:
    if not trigs:
        return None
    verbs = [g for g in trigs if g.t.pos == "verb" and g.end <= x.start]
    after_verbs = [g for g in trigs if g.t.pos == "verb" and g.start >= x.end]

    def key(g: _Trig):
        d = _words_between(text, x.start, g.start) if g.start > x.start else _words_between(text, g.end, x.start)
        strength = g.strength
        if g.t.pos == "noun" and g.end <= x.start and any(_OBJECT_NP.fullmatch(text, v.end, g.start) for v in verbs):
            strength -= 2  # the head of the verb's object: the verb takes the date
        if g.start >= x.end and verbs and _REDUCED_PASSIVE.match(text, g.end) and _AFTER_NOUN.search(text, x.end, g.start):
            strength -= 2  # "suspended ... at midnight Wednesday under a law signed by Putin": the law's signing is undated
        if g.t.pos == "noun" and g.t.type not in GATHERINGS and any(
                v.end <= g.start and _purpose_start(text, v.end, g.start, v.end) < g.start for v in after_verbs):
            # "was expelling diplomats to show ... over an attack": what the act is for, not
            # the act; a gathering it goes to is where it happens ("flies ... to sign an
            # agreement at a summit")
            strength -= 2
        return (strength, -d)
    return max(trigs, key=key)


#: a participle that modifies the noun before it, with its agent: "(a law) signed by"
_REDUCED_PASSIVE = re.compile(r"\s+by\s")
_AFTER_NOUN = re.compile(r"\b(?:a|an|the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*\s+$")


#: what may stand between a verb and the head noun of its object: determiners, possessives,
#: names and adjectives ("ratified Finland's accession protocol")
_OBJECT_NP = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her|our|this|that)\s+)?(?:[\w-]+['’]s?\s+|[A-Z][\w-]*\s+){0,3}")


