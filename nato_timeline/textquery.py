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
from dataclasses import dataclass, field

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
    #: What the user typed for it, for PostgreSQL's own parser (a bound parameter, never syntax).
    text: str = field(default="", compare=False)


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
            raw = tok[1:-1]
            prefix = False
            if self.peek() == "*":  # "a phrase"* : the last word is a prefix
                self.i += 1
                prefix = True
        else:
            raw = tok.rstrip("*")
            prefix = tok.endswith("*")
        words = tuple(w.lower() for w in _WORD.findall(raw))
        if not words:
            return None  # punctuation only: '--', "'", '*', ';'
        self.terms += len(words)
        if self.terms > MAX_TERMS:
            raise self.error(f"more than {MAX_TERMS} words")
        return Term(words, prefix, raw)


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


def to_postgres(node: Node, config: str = "english") -> tuple[str, dict[str, str]]:
    """A PostgreSQL ``tsquery`` expression and its bound parameters.

    Each term goes to ``phraseto_tsquery`` as a parameter, so PostgreSQL's own
    parser splits it exactly as ``to_tsvector`` split the documents (a
    hyphenated word such as ``Russia-NATO`` is one token and its parts), and the
    terms are joined with the ``tsquery`` operators ``&&``, ``||`` and ``!!``.
    A prefix term goes to ``to_tsquery`` as ``'word':*`` built from letters and
    digits only. ``websearch_to_tsquery`` is not used: it has no prefix search.
    Stop words ("the") drop out of a query on PostgreSQL, as they do from its index.
    """
    params: dict[str, str] = {}

    def bind(value: str) -> str:
        name = f"tsq_{len(params)}"
        params[name] = value
        return f":{name}"

    def render(n: Node) -> str:
        if isinstance(n, Term):
            if n.prefix:
                body = " <-> ".join(f"'{w}'" for w in n.words) + ":*"
                return f"to_tsquery('{config}', {bind(body)})"
            return f"phraseto_tsquery('{config}', {bind(n.text or ' '.join(n.words))})"
        if isinstance(n, AnyOf):
            return "(" + " || ".join(render(o) for o in n.options) + ")"
        parts = [render(i) for i in n.include] + [f"!!{render(x)}" for x in n.exclude]
        return "(" + " && ".join(parts) + ")"

    return render(node), params


def words(node: Node) -> list[Term]:
    """The terms a match must or may contain (not the excluded ones), for highlighting."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, AnyOf):
        return [t for n in node.options for t in words(n)]
    return [t for n in node.include for t in words(n)]
