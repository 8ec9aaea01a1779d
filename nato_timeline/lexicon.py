"""Word lists of the event extractor, read from the TSV files in ``nato_timeline/data``.

Four files, each documented by its header comment:

* ``event_types.tsv`` — event triggers (verbs and nouns) with their type and title verb;
* ``actors.tsv`` — organisations, states, people and offices with their aliases;
* ``places.tsv`` — cities, venues, regions and countries with their aliases;
* ``cancellations.tsv`` — verbs that call off a planned event ("called off", "pulled out of").

Users extend the lists by editing these files or by putting files of the same name in a
directory named by the ``NATO_TIMELINE_DATA`` environment variable (several directories
separated by ``os.pathsep``); their lines are added to the bundled ones.

:func:`get_lexicon` loads everything once and caches it. Pure lookups only: no stage import.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

DATA_DIR = Path(__file__).resolve().parent / "data"
ENV_VAR = "NATO_TIMELINE_DATA"

TRIGGER_POS = ("verb", "noun", "light", "decision")
ACTOR_KINDS = ("org", "state", "person", "office")
PLACE_KINDS = ("city", "venue", "region", "country")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger form ("met", "held talks") and what it means."""

    form: str
    pos: str  # verb | noun | light | decision
    type: str
    verb3: str  # 3rd person present for titles
    noun: str  # noun for titles without subject
    strength: int


@dataclass(frozen=True, slots=True)
class Actor:
    canonical: str
    kind: str
    short: str
    aliases: tuple[str, ...] = ()
    #: (office, from, until) terms of a person; from/until may be None.
    terms: tuple[tuple[str, _dt.date | None, _dt.date | None], ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    canonical: str
    kind: str
    within: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text: ``text[start:end]`` denotes ``canonical``."""

    start: int
    end: int
    surface: str
    canonical: str


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    actors: dict[str, Actor]
    places: dict[str, Place]
    trigger_re: _Names = field(repr=False)
    actor_re: _Names = field(repr=False)
    place_re: _Names = field(repr=False)
    _trigger_by_form: dict[str, Trigger] = field(repr=False)
    _actor_by_alias: dict[str, str] = field(repr=False)
    _place_by_alias: dict[str, str] = field(repr=False)
    #: verbs that call off a planned event (``cancellations.tsv``)
    cancel_re: re.Pattern[str] = field(default=re.compile(r"(?!x)x"), repr=False)

    # -- triggers -----------------------------------------------------------------
    def trigger(self, form: str) -> Trigger | None:
        return self._trigger_by_form.get(_norm(form))

    def find_triggers(self, text: str) -> list[tuple[int, int, Trigger]]:
        """Trigger occurrences in ``text``: (start, end, trigger), longest forms first."""
        out = []
        for start, end, surface in self.trigger_re.finditer(text):
            t = self._trigger_by_form.get(_norm(surface))
            if t is not None:
                out.append((start, end, t))
        return out

    def find_cancellations(self, text: str) -> list[tuple[int, int]]:
        """Spans of verbs that call off a planned event ("called off", "pulled out of")."""
        return [(m.start(), m.end()) for m in self.cancel_re.finditer(text)]

    # -- actors -------------------------------------------------------------------
    def find_actors(self, text: str) -> list[Mention]:
        found = ((start, end, surface, _key(surface)) for start, end, surface in self.actor_re.finditer(text))
        return [Mention(start, end, surface, self._actor_by_alias[key])
                for start, end, surface, key in found if key in self._actor_by_alias]

    def actor(self, canonical: str) -> Actor | None:
        return self.actors.get(canonical)

    def bodies(self, canonical_names: Iterable[str]) -> list[str]:
        """The organisations (kind ``org``) among ``canonical_names``."""
        return [n for n in canonical_names if (a := self.actors.get(n)) is not None and a.kind == "org"]

    def short_name(self, canonical: str) -> str:
        a = self.actors.get(canonical)
        return a.short if a and a.short else canonical

    def holders(self, office: str, start: _dt.date, end: _dt.date) -> set[str]:
        """People whose term in ``office`` overlaps the days ``start``..``end`` (inclusive)."""
        out = set()
        for a in self.actors.values():
            for off, since, until in a.terms:
                if off == office and (since is None or since <= end) and (until is None or start < until):
                    out.add(a.canonical)
        return out

    def office_on(self, person: str, start: _dt.date, end: _dt.date) -> str | None:
        """The office ``person`` held for the whole of ``start``..``end``, if the data knows one."""
        a = self.actors.get(person)
        if a is None:
            return None
        found = [off for off, since, until in a.terms
                 if since is not None and since <= start and (until is None or end < until)]
        return found[0] if len(found) == 1 else None

    def office_holder(self, office: str, on: _dt.date | None) -> str | None:
        """The person holding ``office`` on day ``on`` (None when unknown or ambiguous)."""
        if on is None:
            return None
        found = set()
        for a in self.actors.values():
            for off, start, until in a.terms:
                if off == office and (start is None or start <= on) and (until is None or on < until):
                    if start is not None:
                        found.add(a.canonical)
        return found.pop() if len(found) == 1 else None

    # -- places -------------------------------------------------------------------
    def find_places(self, text: str) -> list[Mention]:
        found = ((start, end, surface, _key(surface)) for start, end, surface in self.place_re.finditer(text))
        return [Mention(start, end, surface, self._place_by_alias[key])
                for start, end, surface, key in found if key in self._place_by_alias]

    def place(self, canonical: str) -> Place | None:
        return self.places.get(canonical)


#: Words of four letters or more that say nothing about what happened.
_STOP_WORDS = frozenset(
    "with from into that this these those their there them they have been were will would "
    "about after before over under between against during than also more most some such".split()
)


#: an inflection a stem is taken without: "signs", "signing", "signed" are all "sign"
_INFLECTION = re.compile(r"(?:ing|ed|es|s)$")


def title_stems(title: str) -> set[str]:
    """Five-letter stems of a headline's content words, inflections dropped first
    ("announces", "announcement": "annou"; "signs", "signing": "sign")."""
    words = re.findall(r"[^\W\d_]{4,}", (title or "").lower())
    return {_stem(w) for w in words if w not in _STOP_WORDS}


def _stem(word: str) -> str:
    bare = _INFLECTION.sub("", word)
    return (bare if len(bare) >= 3 else word)[:5]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip().lower()


def _case_sensitive(alias: str) -> bool:
    return len(alias) <= 4 or not re.search(r"[a-z]", alias)


def _key(surface: str) -> str:
    """Lookup key of a matched alias: exact for case-sensitive ones, lower-case otherwise."""
    s = re.sub(r"\s+", " ", surface.replace("’", "'"))
    return s if _case_sensitive(s) else s.lower()


def _rows(name: str, dirs: Iterable[Path]) -> Iterator[list[str]]:
    for d in dirs:
        p = Path(d) / name
        if not p.is_file():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield [c.strip() for c in line.split("\t")]


def _col(cols: list[str], i: int) -> str:
    return cols[i] if i < len(cols) else ""


def _date(s: str) -> _dt.date | None:
    s = s.strip()
    if not s:
        return None
    return _dt.date.fromisoformat(s)


#: the words a name is indexed by: a run of letters (a capital starts a new one, as in
#: "EffectiveNovember") or of digits
_INDEX_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_AT_WORD_START = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+)")


class _Names:
    """Finds any of many names in a text, the way one alternation of them would (on word
    edges, the longest name first where several start at one place, left to right without
    overlaps), but tries at each word only the names whose first word it is: a dictionary
    lookup per word instead of every name at every position."""

    def __init__(self, names: Iterable[str], glued: bool = False):
        self.names, self.glued = _longest_first(names), glued
        self.by_first: dict[str, list[re.Pattern[str]]] = {}
        self.whole_only = False
        after = r"(?![a-z])" if glued else r"(?![A-Za-z0-9])"
        for n in self.names:
            first = _INDEX_WORD.match(n.replace("’", "'"))
            if first is None or first.start() != 0:
                self.by_first, self.whole_only = {}, True  # a name that opens with no word
                return
            self.by_first.setdefault(first.group().lower(), []).append(re.compile(_name_body(n, glued) + after))

    @functools.cached_property
    def whole(self) -> re.Pattern[str]:
        """The one alternation the index stands for: compiled only when it is needed (a name
        that opens with no word, or a test comparing the two)."""
        return _names_re(self.names, self.glued)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        if self.whole_only:
            for m in self.whole.finditer(text):
                yield m.start(), m.end(), m.group(0)
            return
        by_first = self.by_first
        end = 0
        for w in _AT_WORD_START.finditer(text):
            at = w.start()
            if at < end:
                continue
            pats = by_first.get(w.group().lower())
            if not pats:
                continue
            for pat in pats:
                m = pat.match(text, at)
                if m:
                    end = m.end()
                    yield at, end, m.group(0)
                    break


def _longest_first(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=lambda x: (-len(x), x)))


def _name_body(name: str, glued: bool) -> str:
    """The pattern of one name: its words apart by any space, either apostrophe, and case
    kept for short names and names in capitals (the edge after it is the caller's)."""
    body = r"\s+".join(re.escape(w) for w in name.replace("’", "'").split()).replace("'", "['’]")
    return f"(?i:{body})" if glued or not _case_sensitive(name) else body


def _names_re(names: Iterable[str], glued: bool = False) -> re.Pattern[str]:
    """One regex matching any of ``names`` on word edges, longest first.

    With ``glued`` a match may run into a digit or a capital ("Signed19 November",
    "EffectiveNovember 9"), as happens with infobox labels glued to their values.
    """
    parts = [_name_body(n, glued) for n in _longest_first(names)]
    if not parts:
        return re.compile(r"(?!x)x")
    after = r"(?![a-z])" if glued else r"(?![A-Za-z0-9])"
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")" + after)


def load_lexicon(dirs: Iterable[Path | str] | None = None) -> Lexicon:
    """Read the data files from ``dirs`` (default: bundled data + $NATO_TIMELINE_DATA)."""
    if dirs is None:
        dirs = [DATA_DIR] + [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs = [Path(d) for d in dirs]

    triggers: list[Trigger] = []
    by_form: dict[str, Trigger] = {}
    for cols in _rows("event_types.tsv", dirs):
        forms, pos, typ = _col(cols, 0), _col(cols, 1) or "verb", _col(cols, 2) or "other"
        verb3, noun = _col(cols, 3), _col(cols, 4)
        try:
            strength = int(_col(cols, 5) or 2)
        except ValueError:
            strength = 2
        if pos not in TRIGGER_POS:
            raise ValueError(f"event_types.tsv: unknown pos {pos!r} for {forms!r}")
        for form in forms.split("|"):
            form = form.strip()
            if not form:
                continue
            t = Trigger(form, pos, typ, verb3 or form, noun or form.capitalize(), strength)
            triggers.append(t)
            by_form[_norm(form)] = t  # later lines (user files) override

    actors: dict[str, Actor] = {}
    actor_alias: dict[str, str] = {}
    for cols in _rows("actors.tsv", dirs):
        canonical, kind = _col(cols, 0), _col(cols, 1) or "org"
        if not canonical:
            continue
        if kind not in ACTOR_KINDS:
            raise ValueError(f"actors.tsv: unknown kind {kind!r} for {canonical!r}")
        short, role = _col(cols, 2), _col(cols, 3)
        start, until = _date(_col(cols, 4)), _date(_col(cols, 5))
        aliases = tuple(a.strip() for a in _col(cols, 6).split("|") if a.strip())
        old = actors.get(canonical)
        terms = tuple(old.terms) if old else ()
        if role:
            terms += ((role, start, until),)
        all_aliases = tuple(dict.fromkeys((old.aliases if old else ()) + aliases))
        actors[canonical] = Actor(canonical, kind, short or (old.short if old else canonical), all_aliases, terms)
        for a in (canonical,) + aliases:
            actor_alias.setdefault(_key(a), canonical)

    places: dict[str, Place] = {}
    place_alias: dict[str, str] = {}
    for cols in _rows("places.tsv", dirs):
        canonical, kind = _col(cols, 0), _col(cols, 1) or "city"
        if not canonical:
            continue
        if kind not in PLACE_KINDS:
            raise ValueError(f"places.tsv: unknown kind {kind!r} for {canonical!r}")
        aliases = tuple(a.strip() for a in _col(cols, 3).split("|") if a.strip())
        if canonical not in places:
            places[canonical] = Place(canonical, kind, _col(cols, 2), aliases)
        for a in (canonical,) + aliases:
            place_alias.setdefault(_key(a), canonical)

    return Lexicon(
        triggers=tuple(triggers),
        actors=actors,
        places=places,
        trigger_re=_Names([t.form for t in triggers], glued=True),
        actor_re=_Names([a for act in actors.values() for a in (act.canonical,) + act.aliases]),
        place_re=_Names([a for p in places.values() for a in (p.canonical,) + p.aliases]),
        _trigger_by_form=by_form,
        _actor_by_alias=actor_alias,
        _place_by_alias=place_alias,
        cancel_re=_names_re([c[0] for c in _rows("cancellations.tsv", dirs) if c[0]]),
    )


@functools.lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The lexicon of the bundled data (plus $NATO_TIMELINE_DATA), loaded once."""
    return load_lexicon()
