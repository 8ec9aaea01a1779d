"""Read the temporal rule data, expand ``%references`` and compile everything once.

Data layout (``data/<lang>/``):

* ``patterns/NAME.txt`` — one regular-expression alternative per line;
* ``norm/NAME.tsv`` — ``surface<TAB>value`` normalisation tables (a reference to a
  table expands to its surfaces as escaped literals, longest first);
* ``rules.txt`` — the rules, in the block format documented at its top.

Each rule is compiled alone; a scan position is tried with the rules whose opening
words fit the text there (:mod:`.dispatch`), in the order of the data, so the first
that matches is the rule that ONE alternation of all rules would pick
(``RuleSet.combined``: each rule in its own named group, its inner groups renamed
``r<i>__<name>``; compiled only when asked for, it is the reference the tests compare
the dispatch with). The loader rejects unknown references, reference cycles,
duplicate rule names, invalid regexes and patterns that can match the empty string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .dispatch import Dispatch

DATA_DIR = Path(__file__).resolve().parent / "data"

_REF = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)")
_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
_FIELDS = ("RULE", "TYPE", "TYPE2", "VALUE", "VALUE2", "MOD", "PATTERN", "EXAMPLE")
_TYPES = ("DATE", "TIME", "DURATION", "SET")


class RuleError(ValueError):
    """Bad rule data (unknown reference, empty-matching pattern, bad syntax...)."""


@dataclass(frozen=True)
class Example:
    text: str
    extent: str | None = None
    value: str | None = None


@dataclass
class Rule:
    name: str
    type: str
    value: str
    pattern: str  # after reference expansion
    raw_pattern: str
    type2: str | None = None
    value2: str | None = None
    mod: str | None = None
    examples: list[Example] = field(default_factory=list)
    line: int = 0
    groups: tuple[tuple[str, str], ...] = ()  # (local name, global name)
    #: the pattern compiled alone (case-insensitive), as validated on load
    regex: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def remove(self) -> bool:
        return self.value == "REMOVE"


@dataclass
class RuleSet:
    rules: list[Rule]
    norms: dict[str, dict[str, str]]
    patterns: dict[str, str]  # expanded reference patterns
    #: the alternation of all rules (each in its own named group ``r<i>``) behind the guard
    combined_source: str
    triggers: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    #: the combined regex restricted to the rules that can start with a given character:
    #: keys "a".."z" (an ASCII letter, either case), "alpha" (another letter), "digit", "other";
    #: compiled on first use (see ``first_key``)
    by_first: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: where a match may start (:data:`GUARD`)
    guard: re.Pattern[str] = field(default_factory=lambda: re.compile(GUARD, re.IGNORECASE))
    _dispatch: Dispatch | None = field(default=None, init=False, repr=False, compare=False)
    _combined: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def combined(self) -> re.Pattern[str]:
        """All rules as one regex: what a scan position matches (the reference the
        scan's per-rule dispatch is tested against), compiled on first use."""
        if self._combined is None:
            self._combined = re.compile(self.combined_source, re.IGNORECASE)
        return self._combined

    @property
    def dispatch(self) -> Dispatch:
        """The rules worth trying at a scan position (:mod:`.dispatch`), built on first use."""
        if self._dispatch is None:
            by_first = self.by_first
            self._dispatch = Dispatch(
                [r.pattern for r in self.rules], [r.regex for r in self.rules], lambda c: by_first[first_key(c)]
            )
        return self._dispatch

    def rule(self, name: str) -> Rule:
        for r in self.rules:
            if r.name == name:
                return r
        raise KeyError(name)


def _read_lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("# "):
            continue
        out.append(line.rstrip("\n"))
    return out


def read_norm(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _read_lines(path):
        if line.startswith("#"):
            continue
        surface, _, value = line.partition("\t")
        if not surface.strip():
            raise RuleError(f"{path.name}: empty surface in line {line!r}")
        table[surface.strip()] = value.strip()
    return table


class _Expander:
    def __init__(self, raw: dict[str, str]):
        self.raw = raw
        self.done: dict[str, str] = {}

    def expand(self, pattern: str, where: str, stack: tuple[str, ...] = ()) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in stack:
                raise RuleError(f"{where}: reference cycle through %{name}")
            if name not in self.raw:
                raise RuleError(f"{where}: unknown reference %{name}")
            if name not in self.done:
                self.done[name] = "(?:" + self.expand(self.raw[name], f"%{name}", stack + (name,)) + ")"
            return self.done[name]

        return _REF.sub(sub, pattern)


def _check_regex(pattern: str, where: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{where}: invalid regex: {exc}") from exc
    for probe in ("", " ", "a", "1", " a 1 ", "Aa"):
        for pos in range(len(probe) + 1):
            m = compiled.match(probe, pos)
            if m is not None and m.end() == m.start():
                raise RuleError(f"{where}: pattern can match the empty string")
    return compiled


def parse_rules(text: str, source: str = "rules.txt") -> list[dict[str, object]]:
    """Parse the block format into raw dicts (no expansion)."""
    blocks: list[dict[str, object]] = []
    cur: dict[str, object] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            cur = None
            continue
        key, _, rest = line.partition(" ")
        rest = rest.strip()
        if key not in _FIELDS:
            raise RuleError(f"{source}:{lineno}: unknown field {key!r}")
        if key == "RULE":
            cur = {"RULE": rest, "EXAMPLE": [], "line": lineno}
            blocks.append(cur)
            continue
        if cur is None:
            raise RuleError(f"{source}:{lineno}: {key} outside a RULE block")
        if key == "EXAMPLE":
            parts = [p.strip() for p in rest.split("=>")]
            cur["EXAMPLE"].append(Example(*(parts + [None] * (3 - len(parts)))[:3]))  # type: ignore[union-attr]
        elif key in cur:
            raise RuleError(f"{source}:{lineno}: {key} given twice")
        else:
            cur[key] = rest
    return blocks


def build_ruleset(
    rules_text: str,
    raw_patterns: dict[str, str],
    norms: dict[str, dict[str, str]],
    source: str = "rules.txt",
) -> RuleSet:
    raw = dict(raw_patterns)
    for name, table in norms.items():
        if name in raw:
            raise RuleError(f"reference %{name} is both a pattern file and a table")
        surfaces = sorted(table, key=lambda s: (-len(s), s))
        raw[name] = "|".join(re.escape(s).replace("\\ ", r"\s+") for s in surfaces)
    exp = _Expander(raw)
    expanded_refs = {n: exp.expand(p, f"%{n}", (n,)) for n, p in raw.items()}
    for n, p in expanded_refs.items():  # references may be pure lookarounds (%nb): compile only
        try:
            re.compile(p, re.IGNORECASE)
        except re.error as exc:
            raise RuleError(f"%{n}: invalid regex: {exc}") from exc

    rules: list[Rule] = []
    seen: set[str] = set()
    parts: list[str] = []
    for i, b in enumerate(parse_rules(rules_text, source)):
        name = str(b["RULE"])
        where = f"{source}:{b['line']} rule {name}"
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise RuleError(f"{where}: bad rule name")
        if name in seen:
            raise RuleError(f"{where}: duplicate rule name")
        seen.add(name)
        for req in ("TYPE", "VALUE", "PATTERN"):
            if req not in b:
                raise RuleError(f"{where}: missing {req}")
        typ = str(b["TYPE"]).upper()
        if typ not in _TYPES or str(b.get("TYPE2", typ)).upper() not in _TYPES:
            raise RuleError(f"{where}: bad TYPE {typ}")
        pattern = exp.expand(str(b["PATTERN"]), where)
        compiled = _check_regex(pattern, where)
        local = list(compiled.groupindex)
        if ("VALUE2" in b) != ("b" in local and "a" in local):
            raise RuleError(f"{where}: a range rule needs VALUE2 and groups a and b")
        for tmpl in (b["VALUE"], b.get("VALUE2", ""), b.get("MOD", "")):
            for g in re.findall(r"\{(\w+)\}", str(tmpl)):
                if g not in local:
                    raise RuleError(f"{where}: template uses unknown group {{{g}}}")
        if "(?P=" in pattern:
            raise RuleError(f"{where}: back-references are not supported")
        prefix = f"r{i}__"
        renamed = _GROUP.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", pattern)
        rule = Rule(
            name=name,
            type=typ,
            value=str(b["VALUE"]),
            pattern=pattern,
            raw_pattern=str(b["PATTERN"]),
            type2=str(b["TYPE2"]).upper() if "TYPE2" in b else None,
            value2=str(b["VALUE2"]) if "VALUE2" in b else None,
            mod=str(b["MOD"]) if "MOD" in b else None,
            examples=list(b["EXAMPLE"]),  # type: ignore[arg-type]
            line=int(b["line"]),  # type: ignore[arg-type]
            groups=tuple((g, prefix + g) for g in local),
            regex=compiled,
        )
        rules.append(rule)
        parts.append(f"(?P<r{i}>{renamed})")
    if not rules:
        raise RuleError(f"{source}: no rules")
    guard = GUARD
    firsts = [_first_kinds(r.pattern) for r in rules]
    by_first = _LazyRegexes(
        {key: guard + "(?:" + ("|".join(p for p, f in zip(parts, firsts) if key in f) or "(?!)") + ")" for key in _KEYS}
    )
    return RuleSet(
        rules=rules,
        norms=norms,
        patterns=expanded_refs,
        combined_source=guard + "(?:" + "|".join(parts) + ")",
        by_first=by_first,
    )


#: a match starts at a word start, at a lower/upper case or letter/digit seam (glued
#: scraped text: "Signed19 November", "EffectiveNovember 9") or at a sign (#, +, (, ')
GUARD = r"(?:(?<![^\W_])|(?-i:(?<=[a-z])(?=[A-Z]))|(?<=[^\W\d_])(?=[0-9])|(?=[#+('’]))"
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_KEYS = tuple(sorted(_LETTERS)) + ("alpha", "digit", "other")
_ALL = frozenset(_KEYS)


class _LazyRegexes(dict):  # type: ignore[type-arg]
    """``by_first``: each key's combined regex is compiled the first time a text needs it."""

    def __init__(self, sources: dict[str, str]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, key: str) -> re.Pattern[str]:
        rx = re.compile(self._sources[key], re.IGNORECASE)
        self[key] = rx
        return rx


def first_key(c: str) -> str:
    """The ``by_first`` key of a text character."""
    if c.isdigit():
        return "digit"
    if c.isascii() and c.isalpha():
        return c.lower()
    return "alpha" if c.isalpha() else "other"


def _char_keys(c: int) -> frozenset[str]:
    ch = chr(c)
    if ch.isdigit():
        return frozenset({"digit"})
    if ch.isascii() and ch.isalpha():
        return frozenset({ch.lower()})
    if ch.isalpha():  # a non-ASCII letter may match an ASCII one without case ("K" Kelvin)
        return _LETTERS | {"alpha"}
    return frozenset({"other"})


def _first_kinds(pattern: str) -> frozenset[str]:
    """Which ``by_first`` keys (``first_key``) a pattern's match can start with (conservative)."""
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found]  # Python 3.11+
        import re._constants as C  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]

    def seq_first(items) -> tuple[set[str], bool]:
        out: set[str] = set()
        for op, av in items:
            f, nullable = item_first(op, av)
            out |= f
            if not nullable:
                return out, False
        return out, True

    def item_first(op, av) -> tuple[set[str], bool]:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True
        if op == C.LITERAL:
            return set(_char_keys(av)), False
        if op == C.NOT_LITERAL or op == C.ANY:
            return set(_ALL), False
        if op == C.IN:
            kinds: set[str] = set()
            for iop, iav in av:
                if iop == C.LITERAL:
                    kinds |= _char_keys(iav)
                elif iop == C.RANGE:
                    lo, hi = iav
                    if hi - lo > 200:
                        return set(_ALL), False
                    for c in range(lo, hi + 1):
                        kinds |= _char_keys(c)
                else:
                    return set(_ALL), False
            return kinds, False
        if op == C.SUBPATTERN:
            return seq_first(av[-1])
        if op == C.BRANCH:
            out: set[str] = set()
            nullable = False
            for b in av[1]:
                f, n = seq_first(b)
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, _hi, item = av
            f, n = seq_first(item)
            return f, n or lo == 0
        return set(_ALL), False

    try:
        kinds, _ = seq_first(sre_parse.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - anything unexpected: be conservative
        return _ALL
    return frozenset(kinds) if kinds else _ALL


def load_dir(lang_dir: Path) -> RuleSet:
    patterns: dict[str, str] = {}
    for p in sorted((lang_dir / "patterns").glob("*.txt")):
        if p.name == "README.txt":
            continue
        alts = _read_lines(p)
        if not alts:
            raise RuleError(f"{p.name}: no alternatives")
        patterns[p.stem] = "|".join(alts)
    norms = {p.stem: read_norm(p) for p in sorted((lang_dir / "norm").glob("*.tsv"))}
    rs = build_ruleset((lang_dir / "rules.txt").read_text(encoding="utf-8"), patterns, norms)
    rs.triggers = _word_list(lang_dir / "triggers.txt", norms, patterns)
    rs.prefixes = _word_list(lang_dir / "prefixes.txt", norms, patterns)
    return rs


def _word_list(path: Path, norms: dict[str, dict[str, str]], patterns: dict[str, str]) -> frozenset[str]:
    """A word list: plain words, ``@table`` (surfaces of a table), ``%file`` (lines of a pattern file)."""
    words: set[str] = set()
    if not path.exists():
        return frozenset()
    for line in _read_lines(path):
        line = line.strip()
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            if line[1:] not in norms:
                raise RuleError(f"{path.name}: unknown table {line}")
            items = list(norms[line[1:]])
        elif line.startswith("%"):
            if line[1:] not in patterns:
                raise RuleError(f"{path.name}: unknown pattern file {line}")
            items = [re.sub(r"\\.|[?*+()]", "", a) for a in patterns[line[1:]].split("|")]
        else:
            items = [line]
        for it in items:
            for w in re.split(r"[\s\-.]+", it.lower()):
                if w:
                    words.add(w)
    return frozenset(words)


@lru_cache(maxsize=None)
def load(lang: str = "en") -> RuleSet:
    """The compiled rule set of a language (compiled once per process)."""
    return load_dir(DATA_DIR / lang)
