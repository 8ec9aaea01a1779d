"""Clauses of a sentence, and the date that governs each predicate.

A sentence is cut into clauses by the grammar of English, in one pass over its tokens:

* at ``;``, a colon and a dash between spaces;
* before a subordinator (after, before, when, while, because, although, since, until,
  once, if, unless, whereas, as) that opens a *finite* clause: "after talks" stays in its
  clause, "after Russia invaded Ukraine" is a clause of its own;
* before a relative pronoun after a comma (", which", ", who", ", where");
* before ", and" / ", but" followed by a new finite predicate.

A stretch with no finite predicate is no clause: a fronted adverbial ("On Monday evening,
after talks in Vilnius, Erdogan agreed ...") belongs to the clause after it, a trailing one
(", on Tuesday") to the clause before it. So a date governs the predicate of the clause it
stands in; a date in a fronted adverbial governs the main clause.

Everything here is linear in the sentence: one scan of tokens and one of predicates.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from ..records import Span
from .grammar import Predicate, alternation, closed_classes, predicates, tokens, verb_tags
from .sentence import _Tx, preds_of

_HARD = re.compile(r";|:(?!\d)|\s[–—_-]\s|\s--\s")
_RELATIVE = frozenset(("which", "who", "whom", "whose", "where"))
_COORD = frozenset(("and", "but", "yet"))
#: how far (in characters) a subordinator may stand from the predicate of its clause
_REACH = 90


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause: the pieces of the sentence it covers (an embedded relative clause splits
    its host in two) and the clause it depends on (``None`` for a main clause)."""

    id: int
    pieces: tuple[tuple[int, int], ...]
    parent: int | None
    kind: str  # main | subordinate | relative | coordinate

    def __contains__(self, at: int) -> bool:
        return any(a <= at < b for a, b in self.pieces)

    @property
    def start(self) -> int:
        return self.pieces[0][0]


def clauses(text: str, preds: Sequence[Predicate] | None = None) -> list[Clause]:
    """The clauses of ``text``, with their pieces and their dependencies, in one pass.

    A subordinator or a relative pronoun that opens a finite clause opens a new clause;
    an embedded clause ends at the comma or hard boundary that closes it, or right before
    a second finite predicate that follows its own with no coordinator (the host's verb:
    "fighters of the revolution *that brought him to power* gathered on Wednesday").
    ", and" or ", but" before a new finite predicate opens a coordinate main clause."""
    if preds is None:
        preds = predicates(text)
    finite = sorted((p for p in preds if p.finite), key=lambda p: p.start)
    starts = sorted(p.aux_start if p.aux_start >= 0 else p.start for p in finite)
    pred_at = {s for s in starts}
    subordinators = closed_classes()["subordinator"]
    determiners = closed_classes()["determiner"]
    hard = {m.start() for m in _HARD.finditer(text)}
    toks = tokens(text)

    def finite_after(at: int) -> bool:
        k = bisect_right(starts, at - 1)
        if k >= len(starts) or starts[k] - at > _REACH:
            return False
        seg = text[at : starts[k]]
        return not _HARD.search(seg) and not any(c in seg for c in ",[(")

    pieces: dict[int, list[list[int]]] = {0: [[0, len(text)]]}
    info: dict[int, tuple[int | None, str]] = {0: (None, "main")}
    has_pred: set[int] = set()
    stack = [0]

    def switch(at: int, to: int) -> None:
        pieces[stack[-1]][-1][1] = at
        pieces.setdefault(to, []).append([at, len(text)])

    def close_to(at: int, depth: int) -> None:
        while len(stack) > depth:
            done = stack.pop()
            pieces[done][-1][1] = at
            pieces[stack[-1]].append([at, len(text)])

    for i, t in enumerate(toks):
        low = t.low
        prev = toks[i - 1].text if i else ""
        if t.start in hard or t.text == ";":
            close_to(t.start, 1)
            continue
        if t.text == "," and len(stack) > 1 and (stack[-1] in has_pred or info[stack[-1]][1] == "participial") \
                and info[stack[-1]][1] != "coordinate":
            close_to(t.start, len(stack) - 1)
            continue
        if t.start in pred_at:
            cur = stack[-1]
            if len(stack) > 1 and cur in has_pred and info[cur][1] == "relative" \
                    and prev.lower() not in ("and", "or", "but", ","):
                close_to(t.start, len(stack) - 1)
            has_pred.add(stack[-1])
        kind = None
        nxt_at = toks[i + 1].start if i + 1 < len(toks) else -1
        if low in _COORD and prev != "," and nxt_at in pred_at and len(stack) == 1:
            kind = "coordinate"  # "... and were planning to drive": a coordinated predicate
        elif prev == "," and low.endswith("ing") and "VBG" in verb_tags(low)[1] and low not in determiners:
            kind = "participial"  # ", saying at the time ...": a participle clause of its own
        elif low in _RELATIVE or low == "that":
            nxt = toks[i + 1].low if i + 1 < len(toks) else ""
            if finite_after(t.end) and nxt not in determiners:
                kind = "relative"
        elif low in subordinators and finite_after(t.end):
            kind = "subordinate"
        elif low in _COORD and prev == "," and finite_after(t.end):
            kind = "coordinate"
        if kind is None:
            continue
        at = toks[i - 1].start if prev == "," else t.start
        if kind == "coordinate":
            close_to(at, 1)
        cid = len(info)
        info[cid] = (stack[-1] if kind != "coordinate" else None, kind)
        switch(at, cid)
        stack.append(cid)
    out = []
    for cid, ps in pieces.items():
        spans = tuple((a, b) for a, b in ps if b > a)
        if spans:
            parent, kind = info[cid]
            out.append(Clause(cid, spans, parent, kind))
    return _merge_verbless(text, out, starts)


def _merge_verbless(text: str, out: list[Clause], starts: Sequence[int]) -> list[Clause]:
    """A clause with no finite predicate (a fronted adverbial) is part of its parent; a
    participle clause keeps its own time ("..., closing unchanged Friday")."""
    keep = []
    by_id = {c.id: c for c in out}
    moved: dict[int, list[tuple[int, int]]] = {}

    def has_verb(a: int, b: int) -> bool:
        k = bisect_right(starts, a - 1)
        return k < len(starts) and starts[k] < b

    for c in out:
        if c.parent is not None and c.kind != "participial" and not any(has_verb(a, b) for a, b in c.pieces):
            moved.setdefault(c.parent, []).extend(c.pieces)
        else:
            keep.append(c)
    res = []
    for c in keep:
        extra = moved.get(c.id)
        if extra:
            c = Clause(c.id, tuple(sorted(c.pieces + tuple(extra))), c.parent, c.kind)
        res.append(c)
    if not res and by_id:
        res = [Clause(0, ((0, len(text)),), None, "main")]
    return sorted(res, key=lambda c: c.start)


#: a date that modifies the noun at a position: "Sunday's service", "the 1997 act"; "the summit
#: in June", "talks on Monday" (the noun is not a verb form of the clause)
_BEFORE_NOUN = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?$")
_AFTER_NOUN = re.compile(r"^\S*\s+(?:of\s+[\w\s'’-]{0,40}?\s+)?(?:in|on|at|during|of|from|since)\s+(?:the\s+)?$", re.I)


def _tight_date(text: str, at: int, dates: Sequence[tuple[int, int]]) -> int | None:
    word = re.match(r"[A-Za-z]+", text[at:])
    if word is None:
        return None
    low = word.group().lower()
    lemma, tags, nominal = verb_tags(low)
    if lemma and not nominal and tags - {"VB", "VBP"}:
        return None  # a verb: its clause dates it
    for i, (s, e) in enumerate(dates):
        if e <= at and at - e <= 25 and _BEFORE_NOUN.fullmatch(text[e:at]) and "," not in text[e:at]:
            return i
        if s > at and s - at <= 60 and _AFTER_NOUN.match(text[at:s]):
            return i
    return None


#: the longest stretch read as one sentence; longer runs (a table flattened into one line,
#: text with no punctuation) are read in windows, so that every step stays linear
MAX_SENTENCE = 1200


def windows(body: str, sentences: Sequence[Span]) -> list[Span]:
    """``sentences`` with any longer than :data:`MAX_SENTENCE` cut into windows at the last
    comma, semicolon or space before the limit."""

    out = []
    for sent in sentences:
        start = sent.start
        while sent.end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            cut = max(body.rfind(",", start, limit), body.rfind(";", start, limit))
            if cut <= start + MAX_SENTENCE // 2:
                cut = body.rfind(" ", start, limit)
            if cut <= start:
                cut = limit
            out.append(Span(start, cut, body[start:cut]))
            start = cut
            while start < sent.end and body[start] in " ,;":
                start += 1
        if start < sent.end:
            out.append(Span(start, sent.end, body[start : sent.end]) if start != sent.start else sent)
    return out


_WHEN = re.compile(r",?\s*(?:when|where)\b", re.I)


def governing_date(text: str, at: int, dates: Sequence[tuple[int, int]],
                   found: Sequence[Clause] | None = None) -> int | None:
    """The index in ``dates`` (``(start, end)`` spans of ``text``) of the date that governs
    the predicate at ``at``:

    * the nearest date of its own clause;
    * for a "when" clause right after a date ("on Thursday, when police were called"),
      that date;
    * else the nearest date of the clause it depends on, and so on up to the main clause;
    * else (a main clause with no date) the nearest date of the sentence.
    """
    if not dates:
        return None
    if found is None:
        found = clauses(text)
    tight = _tight_date(text, at, dates)
    if tight is not None:
        return tight
    by_id = {c.id: c for c in found}
    own = next((c for c in found if at in c), None)

    def dist(i: int) -> int:
        s, e = dates[i]
        return s - at if s >= at else at - e

    free = range(len(dates))
    c = own
    first = True
    while c is not None:
        inside = [i for i in free if dates[i][0] in c]
        if inside:
            return min(inside, key=dist)
        if first and c.kind == "subordinate" and _WHEN.match(text, c.start):
            before = [i for i, (_s, e) in enumerate(dates) if 0 <= c.start - e <= 2]
            if before:
                return before[0]
        first = False
        c = by_id.get(c.parent) if c.parent is not None else None
    return min(range(len(dates)), key=dist)


_REPORTING = re.compile(r"\b" + alternation("reporting") + r"\b", re.I)


_PREP_BEFORE = re.compile(
    r"(?:\b(?:on|in|at|from|since|by|as of|during|until|till|through|after|before|"
    r"starting|beginning|effective)\s+)?(?:the\s+)?$",
    re.I,
)


@functools.lru_cache(maxsize=256)
def clauses_of(text: str):
    """The clauses of one sentence (:func:`.clauses.clauses`), read once."""
    return clauses(text, preds_of(text))


#: a sentence-initial temporal clause whose time is the main clause's ("Shortly after X, Y")
_OPENER = re.compile(
    r"\s*(?:(?:shortly|soon|just|hours|minutes|moments)\s+after|when|as\s+soon\s+as|once)\b[^,;]{3,160},",
    re.I,
)


#: a sentence-initial subordinate clause whose time differs from the main clause's
_FRONTED = re.compile(r"\s*(?:since|because|although|though|while|whereas|if|unless|until|before)\b[^,;]{3,160},", re.I)


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
                # the comma of a date is not the one that closes the clause
                inner = next((x for x in txs if x.start < b < x.end), None)
                if inner is not None:
                    k = text.find(",", inner.end)
                    b = k if k >= 0 else b
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
    # a fronted clause whose time is not the main clause's ("Since Putin gave his speech in
    # 2007, relations have deteriorated"): its dates are its own
    fronted = _FRONTED.match(text)
    if fronted and any(p.finite and p.aux_start < fronted.end() for p in preds):
        cuts.add(fronted.end() - 1)
    # a spaced dash closes a clause too: "Drones Shot Down in Poland — The Hill, Sept. 10"
    for m in re.finditer(r";|,\s+(?:and|but|while|whereas|although|though)\b|\s+[-–—]\s+", text):
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
            # a bare comma before the date repeats an earlier date's clause (", on January
            # 13 in Vienna"); with no date before, it closes an aside ("signed in Oslo,
            # Norway, on 4 May 1994") and the date is the clause's own
            alone = "and" not in m.group() and not any(y.end <= m.start() for y in txs)
            if not prev_tx and not alone:
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
        said = _REPORTING.search(rest[:80])
        # the reporting word is a verb ("officials said"), not a noun ("member states")
        verb = not preds or said is None or said.group().lower() == "according to" or \
            any(p.start == m.end() + said.start() for p in preds)
        if said and verb and not re.match(r"\s*(?:and|but|while)\b", rest):
            cuts.add(m.start())
    # a nominal "following/after/since ..." between commas is its own clause
    for m in re.finditer(r",\s*(?:following|after|since|amid|before)\b", text, re.I):
        cuts.add(m.start())
    # no clause ends inside a date ("March 29, 2004")
    pts = sorted(c for c in cuts if not any(x.start < c < x.end for x in txs))
    spans = [(a, b) for a, b in zip(pts, pts[1:]) if b > a]
    # fronted adverbials with no verb ("On Monday evening, after talks in Vilnius, X agreed")
    # belong to the clause they open; not the head of a temporal opener, read on its own
    verbs = [p.aux_start for p in preds if p.finite]
    while len(spans) > 1 and preds and not (opener and spans[0][1] == opener.end() - 1) \
            and not any(spans[0][0] <= v < spans[0][1] for v in verbs):
        spans[0:2] = [(spans[0][0], spans[1][1])]
    return spans


_VERBISH = re.compile(
    r"\b(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|said|says|met|held|took|made|became|began)\b"
)
