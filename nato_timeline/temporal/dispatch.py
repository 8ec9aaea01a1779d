"""Which rules can match at a scan position, read from the first two words there.

Most positions the scan tries start no expression ("the" before a word that
turned out not to be a date), and trying every rule that starts with the same
character costs most of the recognition time. Each rule's pattern is read once
(its parse tree, not its text) for the words a match can open with: the letters
before the first character that is not a letter, then the letters of the next
word. A position is tried only with the rules whose opening words fit the words
of the text there, in the order of the rules, so the first rule that matches is
the one the combined alternation of all rules would pick.

The reading over-approximates: lookarounds are ignored, a class of letters with
no bound ends the reading (anything may follow), a pattern too branchy to list
keeps its rule for every position. A rule is left out only when no text that
starts with these two words can match it. Text words that are not plain ASCII
(case folding beyond ASCII, the Kelvin sign, the long s), and a word or a gap
longer than ``WORD_CHARS``, are not read: such a position is tried with one
alternation of the rules that may start with its first character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# a state of the reading: (phase, first word, second word); phase 0 in the first
# word, 1 between the words, 2 in the second word
_State = tuple[int, str, str]
# what a text's words must be for a rule to match: ("P1", w, "") the first word
# starts with w; ("E1", w, "") it is w; ("E2", w, v) they are w and v;
# ("P2", w, v) the first is w and the second starts with v
_Need = tuple[str, str, str]

#: more reading states than this: the rule is read for one word, then kept everywhere
MAX_STATES = 20_000
#: letters of the second word that are read (its start tells most rules apart; a whole
#: table of words after the first would multiply the states)
SECOND_WORD = 3
#: a repeated group read this many times without settling: anything may follow
MAX_ROUNDS = 4
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
#: a letter as the text's words are cut (a word character, not a digit or "_")
_LETTER = re.compile(r"[^\W\d_]")
#: how much of the text is read at a position (a bounded stretch, so the scan stays
#: linear in a text of one endless word or no words at all): the first word, what
#: follows it, and the start of the second word (no rule reads further into it)
WORD_CHARS = 40
_WORDS = re.compile(rf"([^\W\d_]{{0,{WORD_CHARS}}})([\W\d_]{{0,{WORD_CHARS}}})([^\W\d_]{{0,{SECOND_WORD + 1}}})")


class _TooMany(Exception):
    pass


def _sre():  # noqa: ANN202 - the regex parser modules, by their name in this Python
    try:
        import re._constants as C  # type: ignore[import-not-found]  # Python 3.11+
        import re._parser as sre_parse  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    return sre_parse, C


class _Reader:
    """Reads one parsed pattern into the words its matches may open with."""

    def __init__(self, words: int) -> None:
        self.C = _sre()[1]
        self.words = words
        self.needs: set[_Need] = set()
        self.count = 0

    def open(self, st: _State) -> None:
        """Anything may follow ``st``."""
        phase, w, v = st
        self.needs.add(("P1", w, "") if phase == 0 else ("E1", w, "") if phase == 1 else ("P2", w, v))

    def char(self, ch: str, st: _State, out: set[_State]) -> None:
        """``st`` followed by the character ``ch`` (lower case)."""
        phase, w, v = st
        if ch in _LETTERS:
            if phase == 0:
                out.add((0, w + ch, ""))
            elif len(v) < SECOND_WORD:
                out.add((2, w, v + ch))
            else:
                self.open(st)
        elif len(ch) != 1 or _LETTER.match(ch):
            self.open(st)  # a letter beyond ASCII: folding rules of its own
        else:
            if phase == 2:
                self.needs.add(("E2", w, v))
            elif self.words == 1:
                self.needs.add(("E1", w, ""))
            else:
                out.add((1, w, ""))

    def seq(self, items: Iterable[tuple[object, object]], states: set[_State]) -> set[_State]:
        for op, av in items:
            states = self.item(op, av, states)
            self.count += len(states)
            if self.count > MAX_STATES:
                raise _TooMany
            if not states:
                break
        return states

    def chars(self, av) -> frozenset[str] | None:  # noqa: ANN001 - sre node
        """The characters (lower case) of a class; ``None`` when they are too many to list."""
        C = self.C
        chars: set[str] = set()
        for iop, iav in av:
            if iop == C.LITERAL:
                chars.add(chr(iav).lower())
            elif iop == C.RANGE and iav[1] - iav[0] <= 80:
                chars.update(chr(c).lower() for c in range(iav[0], iav[1] + 1))
            elif iop == C.CATEGORY and iav in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE):
                chars.add(" ")
            else:
                return None
        return frozenset(chars)

    def item(self, op: object, av, states: set[_State]) -> set[_State]:  # noqa: ANN001 - sre node
        """The states after one node of the parse tree, from each of ``states``."""
        C = self.C
        out: set[_State] = set()
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(states)
        if op == C.LITERAL or (op == C.CATEGORY and av in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE)):
            ch = chr(av).lower() if op == C.LITERAL else " "
            for st in states:
                self.char(ch, st, out)
        elif op == C.IN:
            chars = self.chars(av)
            for st in states:
                if chars is None:
                    self.open(st)
                    continue
                for ch in chars:
                    self.char(ch, st, out)
        elif op == C.SUBPATTERN:
            out = self.seq(av[-1], states)
        elif op == C.BRANCH:
            for alt in av[1]:
                out |= self.seq(alt, states)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            for st in states:
                out |= self.repeat(av, st)
        else:
            for st in states:
                self.open(st)
        return out

    def repeat(self, av, st: _State) -> set[_State]:  # noqa: ANN001 - sre node
        lo, hi, body = av
        seen = {st} if lo == 0 else set()
        frontier, rounds, size = {st}, 0, len(st[1]) + len(st[2])
        while frontier and rounds < min(hi, MAX_ROUNDS):
            new = self.seq(body, frontier) - seen
            seen |= new
            rounds += 1
            if rounds < hi:  # a round that added letters may be followed by more
                grown = {s for s in new if len(s[1]) + len(s[2]) > size}
                for s in grown:
                    self.open(s)
                new -= grown
            frontier = new
        if frontier and rounds < hi:  # not settled: the next rounds may add anything
            for s in frontier:
                self.open(s)
        return seen


def read_pattern(pattern: str) -> frozenset[_Need] | None:
    """The opening words of ``pattern``'s matches (module doc); ``None`` when any text may open one."""
    parsed = _sre()[0].parse(pattern, re.IGNORECASE)
    for words in (2, 1):
        r = _Reader(words)
        try:
            for st in r.seq(parsed, {(0, "", "")}):
                r.open(st)  # the pattern ends here: any text may follow
        except _TooMany:
            continue
        return None if ("P1", "", "") in r.needs else frozenset(r.needs)
    return None


class Dispatch:
    """``rules_at(text, pos)``: the (rule index, compiled rule) pairs worth trying at ``pos``, in rule order.

    ``patterns`` are the rules' patterns and ``regexes`` the same compiled;
    ``by_char`` gives, for a text character, one alternation of the rules that may
    start with it, each in a group named ``r<index>``: where the words are not read
    (beyond ASCII, too long) the position is tried with it, as the pair
    ``(-1, alternation)``.
    """

    def __init__(
        self, patterns: list[str], regexes: list[re.Pattern[str]], by_char: Callable[[str], re.Pattern[str]]
    ) -> None:
        self._regexes = regexes
        self._by_char = by_char
        self.always: list[int] = []
        self.needs: dict[_Need, list[int]] = {}
        for i, pattern in enumerate(patterns):
            read = read_pattern(pattern)
            if read is None:
                self.always.append(i)
                continue
            for need in read:
                self.needs.setdefault(need, []).append(i)
        self._cache: dict[tuple[str, str], tuple[tuple[int, re.Pattern[str]], ...]] = {}

    def _rules(self, indices: Iterable[int]) -> tuple[tuple[int, re.Pattern[str]], ...]:
        return tuple((i, self._regexes[i]) for i in sorted(indices))

    def rules_at(self, text: str, pos: int) -> tuple[tuple[int, re.Pattern[str]], ...]:
        w, gap, v = _WORDS.match(text, pos).groups()  # type: ignore[union-attr]
        key = (w, v)
        hit = self._cache.get(key) if len(w) < WORD_CHARS and len(gap) < WORD_CHARS else None
        if hit is not None:
            return hit
        if not (w.isascii() and v.isascii()) or len(w) == WORD_CHARS or len(gap) == WORD_CHARS:
            # words beyond ASCII, or a word or gap longer than what is read
            return ((-1, self._by_char(text[pos])),)
        w, v = w.lower(), v.lower()
        needs = self.needs
        found = set(self.always)
        found.update(needs.get(("E1", w, ""), ()))
        found.update(needs.get(("E2", w, v), ()))
        for k in range(len(w) + 1):
            found.update(needs.get(("P1", w[:k], ""), ()))
        for k in range(1, len(v) + 1):
            found.update(needs.get(("P2", w, v[:k]), ()))
        hit = self._cache[key] = self._rules(found)
        return hit
