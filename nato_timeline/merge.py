"""Same-event matching: which event mentions denote one real-world occurrence.

Works on anything with ``.date`` (PartialDate or None), ``.type``, ``.places``, ``.actors``
and ``.title`` (event candidates, stored events). Pure functions. Which stored mentions
are one event, whatever order they came in, is :mod:`nato_timeline.clusters`, built on
:func:`same_event`; :func:`group_candidates` groups one document's mentions for
``timeline extract``.

Rules:

* dates must be compatible: one contains the other (a month-precision mention supports a
  day-precision event inside it); both must be dated; two different days never match; a
  mention dated by a week ("last week", stored at the month or year that holds it) only
  matches what overlaps that week;
* types must be equal or in one compatible group (meetings, talks, summits and statements
  made at them are one group; an announcement is *not* the thing it announces);
* places: when both have places they must share one, or one lie within the other (a city
  and its country, by the places table's ``within``);
* actors: when both have actors they must share one;
* bodies: meetings of two different bodies ("NATO-Russia Council", "Euro-Atlantic
  Partnership Council") in one month are two meetings: when both name bodies
  (organisations, ``kind`` org in ``data/actors.tsv``), one of each must be the same body
  or a part of it;
* something in common: when neither an actor nor a place is shared, the headlines must
  share a word stem ("Signing" / "signs the treaty"), so that two bare "Drafting" and
  "Expiry" mentions of one year stay two events.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Sequence

from .lexicon import get_lexicon, title_stems
from .temporal.types import PartialDate

#: Types that may name the same occurrence.
TYPE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"meeting", "talks", "summit"}),
    frozenset({"suspension", "withdrawal"}),
    frozenset({"annexation", "military-action"}),
    frozenset({"election"}),
)

_YEARLESS = re.compile(r"XXXX-(\d{2})-(\d{2})")


def type_group(t: str) -> frozenset[str]:
    for g in TYPE_GROUPS:
        if t in g:
            return g
    return frozenset({t})


def compatible_types(a: str, b: str) -> bool:
    return a == b or b in type_group(a)


def _dates_compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return False
    if a.precision == "day" and b.precision == "day":
        return a == b
    return a.compatible(b)


def _overlap(x: Sequence[str], y: Sequence[str]) -> bool:
    return bool(set(x) & set(y))


def _places_meet(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two mentions' places agree: they share one, or one lies within the other ("Belgrade"
    and "Serbia", "Sevastopol" and "Crimea": the places table's ``within``). Two cities of
    one country do not."""
    if _overlap(x, y):
        return True
    lex = get_lexicon()
    return any(set(_containers(p, lex)) & set(y) for p in x) or any(set(_containers(q, lex)) & set(x) for q in y)


def _containers(place: str, lex) -> tuple[str, ...]:
    """The places ``place`` lies within, nearest first (at most three steps)."""
    out: list[str] = []
    p = lex.place(place)
    while p is not None and p.within and p.within not in out and len(out) < 3:
        out.append(p.within)
        p = lex.place(p.within)
    return tuple(out)


def _part_of(whole: str, part: str) -> bool:
    """An organisation and one of its bodies: "OSCE" and "OSCE Permanent Council"."""
    return part.startswith(whole + " ")


def _actors_overlap(x: Sequence[str], y: Sequence[str]) -> bool:
    return _overlap(x, y) or any(_related(p, q) for p in x for q in y)


def _related(x: str, y: str) -> bool:
    """The same body, or one named inside the other ("OSCE" / "OSCE Permanent Council")."""
    def inside(p: str, q: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(p)}(?!\w)", q) is not None

    return x == y or inside(x, y) or inside(y, x) or _part_of(x, y) or _part_of(y, x)


_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def _week_span(value: str):
    """The Monday and Sunday of an ISO week value ("2023-W13"), else None."""
    m = _WEEK.match(value or "")
    if m is None:
        return None
    import datetime as _dt

    try:
        monday = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        return None
    return monday, monday + _dt.timedelta(days=6)


def _within_weeks(a: Any, b: Any) -> bool:
    """A mention dated by a week is stored at the month or year holding the week, but it
    merges only with what overlaps the week itself: "last week" is never widened to a year
    to join an event of another month."""
    for x, y in ((a, b), (b, a)):
        span = _week_span(getattr(x, "date_value", "") or "")
        if span is not None and y.date is not None:
            lo, hi = y.date.interval()
            if hi < span[0] or lo > span[1]:
                return False
    return True


def _unknown_kind_there(a: Any, b: Any, pa: Sequence[str], pb: Sequence[str]) -> bool:
    """An act of no known kind (``other``: "a ceremony in Paris") on the very day and at the
    very place of an act of a known kind ("NATO signs the act in Paris") is that act told
    otherwise. (Both are dated: :func:`same_event` asks only then.)"""
    return "other" in (a.type, b.type) and a.date == b.date and a.date.precision == "day" and _overlap(pa, pb)


def same_event(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` can denote the same real-world event."""
    if not _dates_compatible(a.date, b.date):
        return False
    if not _within_weeks(a, b):
        return False
    pa, pb = tuple(getattr(a, "places", ()) or ()), tuple(getattr(b, "places", ()) or ())
    told_otherwise = _unknown_kind_there(a, b, pa, pb)
    if not compatible_types(a.type, b.type) and not told_otherwise:
        return False
    if pa and pb and not _places_meet(pa, pb):
        return False
    aa, ab = tuple(getattr(a, "actors", ()) or ()), tuple(getattr(b, "actors", ()) or ())
    if aa and ab and not _actors_overlap(aa, ab):
        return False
    if a.type != b.type and not (pa and pb) and not told_otherwise:
        # different types of one group only merge when a shared place vouches for it
        return False
    if a.type in TYPE_GROUPS[0] and b.type in TYPE_GROUPS[0]:
        lex = get_lexicon()
        ba, bb = lex.bodies(aa), lex.bodies(ab)
        if ba and bb and not any(_related(x, y) for x in ba for y in bb):
            return False
    ta, tb = getattr(a, "title", "") or "", getattr(b, "title", "") or ""
    if ta and tb and (a.type == b.type == "other" or (not _overlap(pa, pb) and not _actors_overlap(aa, ab))):
        # an act of no known kind is known by its words: "the US sends a ship" and "Turkey
        # hosts a US radar" are two acts of one year and one actor; and by words other than
        # the names of who and where: "NATO hits a train" and "NATO apologises" are two acts
        names = title_stems(" ".join((*aa, *ab, *pa, *pb)))
        if not (title_stems(ta) & title_stems(tb)) - names:
            return False
    return True


def group_candidates(cands: Sequence[Any], same: Callable[[Any, Any], bool] = same_event) -> list[list[int]]:
    """Clusters of indexes (in order of first mention) that denote one real-world event.

    A mention joins a cluster only when it is the same event as *every* member, so a
    month-precision mention cannot glue two different days together.

    Only clusters of the mention's year are compared: compatible dates share their
    year and an undated mention matches nothing, so bucketing by year gives the same
    clusters as comparing every pair, with work that grows with the mentions of one
    year instead of all of them. ``same`` is the pairwise test (``same_event``).
    """
    groups: list[list[int]] = []
    by_year: dict[int, list[int]] = {}  # year -> indexes into groups, in order of creation
    for i, c in enumerate(cands):
        date = getattr(c, "date", None)
        if date is None:
            groups.append([i])
            continue
        bucket = by_year.setdefault(date.year, [])
        fits = [gi for gi in bucket if all(same(c, cands[j]) for j in groups[gi])]
        pick = choose_event(c, [_finest(cands, groups[gi]) for gi in fits])
        if pick is not None:
            groups[fits[pick]].append(i)
        else:
            bucket.append(len(groups))
            groups.append([i])
    return groups


_RANK = {"year": 1, "month": 2, "day": 3}


#: precision of a date as a rank (None: undated)
PRECISION_RANK = {None: 0, "year": 1, "month": 2, "day": 3}


def representative(members: Sequence[Any]) -> Any:
    """The mention an event of several is shown and matched by: the most precise,
    then the most confident, then the first."""
    return max(members, key=lambda c: (PRECISION_RANK[c.precision], c.confidence))


def _finest(cands: Sequence[Any], group: Sequence[int]) -> Any:
    """The first of the most precise members of a cluster."""
    return max((cands[j] for j in group), key=lambda c: _RANK[c.date.precision])


def choose_event(cand: Any, fits: Sequence[Any]) -> int | None:
    """Which of ``fits`` (known events, each the same event as ``cand`` by
    :func:`same_event`, given by their most precise mention) ``cand`` reports: an index
    into ``fits``, or None.

    * one on ``cand``'s own date: the first such;
    * otherwise, known events *more precise* than ``cand`` are different occurrences
      that the vaguer mention cannot tell apart ("the meeting in January" after
      meetings on January 10 and January 20): with one it attaches to it, with
      several to none;
    * otherwise (only vaguer ones fit) the most precise, first.
    """
    if not fits:
        return None
    value = cand.date.value if cand.date is not None else None
    for k, f in enumerate(fits):
        if f.date is not None and f.date.value == value:
            return k
    rank = _RANK[cand.date.precision] if cand.date is not None else 0
    finer = [k for k, f in enumerate(fits) if f.date is not None and _RANK[f.date.precision] > rank]
    if finer:
        return finer[0] if len(finer) == 1 else None
    return max(range(len(fits)), key=lambda k: (_RANK[fits[k].date.precision] if fits[k].date else 0, -k))


def match_year_less(cand: Any, dated_events: Sequence[Any]) -> PartialDate | None:
    """The full date of a year-less candidate (``XXXX-MM-DD``) from dated events, or None.

    An event fits when it has a day-precision date on the same month and day, a compatible
    type and a shared place (both must have places). Returns a date only when exactly one
    distinct year fits; never guesses.
    """
    value = getattr(cand, "date_value", "") or ""
    m = _YEARLESS.fullmatch(value)
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    places = set(getattr(cand, "places", ()) or ())
    if not places:
        return None
    actors = set(getattr(cand, "actors", ()) or ())
    years = set()
    for e in dated_events:
        d = getattr(e, "date", None)
        if d is None or d.precision != "day" or (d.month, d.day) != (month, day):
            continue
        if not compatible_types(cand.type, e.type):
            continue
        if not places & set(getattr(e, "places", ()) or ()):
            continue
        ea = set(getattr(e, "actors", ()) or ())
        if actors and ea and not actors & ea:
            continue
        years.add(d.year)
    if len(years) != 1:
        return None
    try:
        return PartialDate(years.pop(), month, day)
    except ValueError:
        return None


#: Longest summary, in characters.
SUMMARY_CHARS = 600


def summarize(quotes: Sequence[str], max_chars: int = SUMMARY_CHARS) -> str:
    """One paragraph from an event's source sentences, best first.

    Whitespace is collapsed and citation markers (``[1]``) dropped; a sentence that repeats
    one already taken (the same words, or contained in it) is skipped; sentences are added
    whole while they fit in ``max_chars``. The first one is always there, cut at a word
    with "…" when it alone is too long. Nothing is written that no source says.
    """
    taken: list[str] = []
    keys: list[str] = []
    for q in quotes:
        text = re.sub(r"\[\d+\]|\[[^\]]*needed\]", "", q or "")
        text = re.sub(r"\s+", " ", text).strip()
        if not text:
            continue
        key = re.sub(r"\W+", " ", text.lower()).strip()
        if any(key in k for k in keys):
            continue
        # a longer sentence saying all an earlier one said replaces it in place
        inner = [i for i, k in enumerate(keys) if k in key]
        if inner:
            taken[inner[0]] = text
            keys[inner[0]] = key
            for i in reversed(inner[1:]):
                del taken[i], keys[i]
            continue
        taken.append(text)
        keys.append(key)
    if not taken:
        return ""
    out = taken[0]
    if len(out) > max_chars:
        cut = out[: max_chars - 1]
        cut = cut[: cut.rfind(" ")] if " " in cut else cut
        return cut.rstrip(" ,;:") + "…"
    for t in taken[1:]:
        joined = out + ("" if out.endswith((".", "!", "?", "…", "”", '"')) else ".") + " " + t
        if len(joined) > max_chars:
            continue
        out = joined
    return out


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated words."""
    t = unicodedata.normalize("NFKD", text)
    t = t.encode("ascii", "ignore").decode("ascii").lower()
    t = re.sub(r"['’]", "", t)
    t = re.sub(r"[^a-z0-9]+", "-", t)
    return t.strip("-")


def event_slug(date: PartialDate | None, title: str, max_len: int = 80) -> str:
    """``2022-01-12-nato-russia-council-meets-in-brussels``; ``undated-...`` without a date."""
    prefix = date.value if date is not None else "undated"
    words = [w for w in slugify(title).split("-") if w]
    slug = prefix
    for w in words:
        nxt = f"{slug}-{w}"
        if len(nxt) > max_len:
            break
        slug = nxt
    if slug == prefix and words:
        slug = f"{prefix}-{words[0]}"[:max_len].rstrip("-")
    return slug
