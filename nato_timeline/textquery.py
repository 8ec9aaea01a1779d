"""User search text to a safe full-text query, for SQLite FTS5 and PostgreSQL.

The syntax people expect from a search box:

- words, all of which must occur: ``council brussels``
- ``"a phrase"`` in double quotes, the words next to each other
- ``sanction*``: a word prefix
- ``OR`` between alternatives, ``NOT`` or a leading ``-`` to exclude, ``AND``
  (optional), parentheses to group: ``(talks OR meeting) geneva -vienna``

The text is parsed here into a small tree and written out again in each
backend's own syntax, with every word reduced to letters and digits. Nothing
the user types reaches the database as syntax, so quotes, ``*``, ``NEAR(``,
``--`` or ``'; DROP TABLE`` cannot change the query's meaning beyond the rules
above. A query that breaks those rules (an unclosed quote or parenthesis, a
dangling ``OR``) raises :class:`~nato_timeline.errors.UsageError` with one line
saying what is wrong. Pure: imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError

#: Letters and digits: the characters both backends' tokenizers keep in a word.
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'\s+|"[^"]*"?|\(|\)|[^\s"()]+')
_OPERATORS = {"OR", "AND", "NOT"}
MAX_TERMS = 64
MAX_DEPTH = 16


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or several that must stand next to each other (a phrase)."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every ``include`` matches and no ``exclude`` does."""

    include: tuple[Node, ...]
    exclude: tuple[Node, ...] = ()


@dataclass(frozen=True, slots=True)
class AnyOf:
    options: tuple[Node, ...]


Node = Term | AllOf | AnyOf


def _tokens(text: str) -> list[str]:
    out = []
    for tok in _TOKEN.findall(text):
        if tok.isspace():
            continue
        if tok.startswith('"') and (len(tok) == 1 or not tok.endswith('"')):
            raise UsageError(f"search text {text!r}: a double quote is not closed")
        out.append(tok)
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.terms = 0

    def error(self, what: str) -> UsageError:
        return UsageError(f"search text {self.text!r}: {what}")

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Node:
        node = self.any(0)
        if self.peek() == ")":
            raise self.error("a ')' has no matching '('")
        if node is None:
            raise self.error("no words to search for")
        return node

    def any(self, depth: int) -> Node | None:
        options = []
        while True:
            if self.peek() == "OR":
                raise self.error("OR needs words on both sides, e.g. 'talks OR meeting'")
            node = self.all(depth)
            if self.peek() == "OR":
                self.i += 1
                if node is None:
                    raise self.error("OR needs words on both sides, e.g. 'talks OR meeting'")
                options.append(node)
                if self.peek() in (None, ")"):
                    raise self.error("OR needs words on both sides, e.g. 'talks OR meeting'")
                continue
            if node is not None:
                options.append(node)
            break
        if not options:
            return None
        return options[0] if len(options) == 1 else AnyOf(tuple(options))

    def all(self, depth: int) -> Node | None:
        include: list[Node] = []
        exclude: list[Node] = []
        while (tok := self.peek()) not in (None, ")", "OR"):
            if tok == "AND":
                self.i += 1
                if self.peek() in (None, ")", "OR", "AND") or not (include or exclude):
                    raise self.error("AND needs words on both sides, e.g. 'nato AND russia'")
                continue
            negate = False
            if tok == "NOT":
                self.i += 1
                if self.peek() in (None, ")", "OR", "AND", "NOT"):
                    raise self.error("NOT needs a word after it, e.g. 'russia NOT ukraine'")
                negate = True
            elif tok.startswith("-") and tok.strip("-") and _WORD.search(tok):
                self.toks[self.i] = tok.lstrip("-")
                negate = True
            node = self.primary(depth)
            if node is None:
                continue
            (exclude if negate else include).append(node)
        if exclude and not include:
            raise self.error("NOT and '-' exclude from other words; add a word to search for, e.g. 'russia -ukraine'")
        if not include:
            return None
        if len(include) == 1 and not exclude:
            return include[0]
        return AllOf(tuple(include), tuple(exclude))

    def primary(self, depth: int) -> Node | None:
        tok = self.toks[self.i]
        self.i += 1
        if tok == "(":
            if depth >= MAX_DEPTH:
                raise self.error(f"more than {MAX_DEPTH} nested parentheses")
            node = self.any(depth + 1)
            if self.peek() != ")":
                raise self.error("a '(' is not closed")
            self.i += 1
            return node
        if tok.startswith('"'):
            words = tuple(w.lower() for w in _WORD.findall(tok[1:-1]))
            prefix = False
            if self.peek() == "*":  # "a phrase"* : the last word is a prefix
                self.i += 1
                prefix = True
        else:
            words = tuple(w.lower() for w in _WORD.findall(tok))
            prefix = tok.rstrip().endswith("*")
        if not words:
            return None  # punctuation only: '--', "'", '*', ';'
        self.terms += len(words)
        if self.terms > MAX_TERMS:
            raise self.error(f"more than {MAX_TERMS} words")
        return Term(words, prefix)


def parse(text: str) -> Node:
    """The query tree of ``text``; :class:`UsageError` when it breaks the syntax."""
    if not text or not text.strip():
        raise UsageError("search text is empty")
    return _Parser(text).parse()


# ---------------------------------------------------------------- rendering


def to_fts5(node: Node) -> str:
    """The FTS5 MATCH expression: every word in double quotes, so only our operators are syntax."""
    if isinstance(node, Term):
        return '"' + " ".join(node.words) + '"' + ("*" if node.prefix else "")
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(to_fts5(n) for n in node.options) + ")"
    expr = "(" + " AND ".join(to_fts5(n) for n in node.include) + ")"
    for n in node.exclude:
        expr = f"({expr} NOT {to_fts5(n)})"
    return expr


def to_tsquery(node: Node) -> str:
    """The PostgreSQL ``to_tsquery`` text: words in single quotes, ``<->`` for phrases, ``:*`` for prefixes.

    ``websearch_to_tsquery`` has no prefix operator, so the tree is written in
    ``to_tsquery`` syntax instead; the words still go through the text search
    configuration (stemming, stop words) on the server.
    """
    if isinstance(node, Term):
        parts = [f"'{w}'" for w in node.words]
        if node.prefix:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
    if isinstance(node, AnyOf):
        return "(" + " | ".join(to_tsquery(n) for n in node.options) + ")"
    parts = [to_tsquery(n) for n in node.include] + [f"!{to_tsquery(n)}" for n in node.exclude]
    return "(" + " & ".join(parts) + ")"


def words(node: Node) -> list[Term]:
    """The terms a match must or may contain (not the excluded ones), for highlighting."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, AnyOf):
        return [t for n in node.options for t in words(n)]
    return [t for n in node.include for t in words(n)]
