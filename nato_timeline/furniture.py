"""Page-furniture detection: the parts of a scraped page that are not its text.

Share bars, comment forms, navigation menus, author bios, "previous/next
article" links, newsletter and cookie prompts, reading teasers. Everything here
works on lines of the document body and general rules; the words that signal
furniture live in ``data/furniture.txt`` (one regular expression per line),
never in this module.

Rules, in the order they are applied (a line keeps the first reason found):

1. ``pattern``: a whole line matches a pattern of a section of the data file
   (reason = the section name: ``share``, ``comment-form``, ``navigation``,
   ``newsletter``, ``cookie``, ``account``, ``teaser``, ``author-bio``, ``link``).
   Long lines are not tested, so prose that merely uses such words is safe.
2. ``email``: a short line holding an e-mail address.
3. ``navigation``: a navigation label glued to the next word
   (``moreThe next headline``): only the label is furniture.
4. ``link-title``: the title-like line after a "Previous/Next article" label.
5. ``teaser``: a short question followed by a short call to action
   ("Short of time?" / "Read the digest").
6. ``author-bio``: a bio start ("Author: ...") in the second half of the
   document takes the rest of its paragraph; a bio heading ("About the author")
   takes the next paragraph. In the first half such a line is a ``byline``.
7. ``comment-form``: a comment heading ("Leave a Reply") and the short or
   form-like lines after it, up to the next prose line.
8. ``navigation``: a run of at least three very short menu-like lines (a
   line right before a prose line is a heading and ends the run).
9. ``tail``: title-like lines after the last prose line, when the tail already
   holds other furniture or the line is at most four words long (lines with a
   digit or a label glued to its value, like captions and infobox rows, stay).

Lines repeated across pages of one site are furniture too; they are found by
comparing documents (:class:`RepeatedLines`), not one body alone.

Headlines, datelines, captions and infobox lines at the top or in the middle of a
document are deliberately left alone: they carry dates and events.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .records import Furniture

#: Sections of the data file that feed structural rules rather than naming a reason.
SPECIAL_SECTIONS = (
    "comment-form-start",
    "nav-before-link-title",
    "author-bio-start",
    "author-bio-heading",
    "cta-verbs",
    "glued-labels",
)

#: A pattern rule only tests lines up to this many words (a whole sentence that
#: mentions "share" or "comment" is not furniture).
MAX_PATTERN_WORDS = 16
#: Sections whose lines are often long sentences of boilerplate.
LONG_SECTIONS = {"newsletter": 45, "cookie": 60, "comment-form": 30, "banner": 80}
#: A title-like line has at most this many words and no final sentence punctuation.
MAX_TITLE_WORDS = 20
#: Tail lines (after the last prose line) of at most this many words are furniture.
MAX_TAIL_WORDS = 4
#: A menu line has at most this many words.
MAX_MENU_WORDS = 4
MIN_MENU_RUN = 3
#: A line holding an e-mail address is furniture when it has at most this many words.
MAX_EMAIL_LINE_WORDS = 12
MAX_BIO_START_WORDS = 8
MAX_BIO_PARAGRAPH_WORDS = 120
MAX_TEASER_QUESTION_WORDS = 8
MAX_CTA_WORDS = 5

_WS = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
# The local part starts only where a run of its characters starts: searched from
# every position of a long run, it would be tried again at each (quadratic).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Sentence-final punctuation, possibly followed by closing quotes, brackets and
# citation markers ("... the next day.[1]").
_FINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*(?:\[[^\]]{1,40}\])*\s*$")
_FINAL_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*(?:\[[^\]]{1,40}\])*\s*$")
_GLUED = re.compile(r"(?P<label>[a-z]+(?: [a-z]+)?)(?=[A-Z0-9“\"‘'])")
# Tail lines that look like captions, datelines or infobox rows ("Signed8 April
# 2010", "LocationParis"): a digit or a label glued to its value. Kept.
_KEEP_IN_TAIL = re.compile(r"\d|[a-z][A-Z]")
_SECTION = re.compile(r"\[([a-z][a-z-]*)\]")


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled contents of the furniture data file(s)."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    comment_start: re.Pattern[str]
    nav_before_title: re.Pattern[str]
    bio_start: re.Pattern[str]
    bio_heading: re.Pattern[str]
    glued_labels: re.Pattern[str]
    cta_verbs: frozenset[str]


def _data_files() -> list[str]:
    root = resources.files("nato_timeline") / "data"
    texts = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("furniture") and entry.name.endswith(".txt"):
            texts.append(entry.read_text(encoding="utf-8"))
    return texts


def parse_rules(texts: Iterable[str]) -> Rules:
    """Compile the text of furniture data files into :class:`Rules`."""
    sections: dict[str, list[str]] = {}
    for text in texts:
        current: str | None = None
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = _SECTION.fullmatch(line)
            if m:
                current = m.group(1)
                sections.setdefault(current, [])
                continue
            if current is None:
                raise ValueError(f"furniture data line {n}: pattern outside a [section]")
            if current != "cta-verbs":
                try:
                    re.compile(line)
                except re.error as exc:  # pragma: no cover - data error
                    raise ValueError(f"furniture data line {n}: bad pattern {line!r}: {exc}") from exc
            sections[current].append(line)

    def union(name: str) -> re.Pattern[str]:
        pats = sections.get(name) or ["(?!x)x"]
        return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)

    patterns = tuple(
        (name, union(name)) for name in sections if name not in SPECIAL_SECTIONS
    )
    labels = sorted({p.lower() for p in sections.get("glued-labels", [])}, key=len, reverse=True)
    glued = re.compile("|".join(re.escape(x) for x in labels) or "(?!x)x")
    return Rules(
        patterns=patterns,
        comment_start=union("comment-form-start"),
        nav_before_title=union("nav-before-link-title"),
        bio_start=union("author-bio-start"),
        bio_heading=union("author-bio-heading"),
        glued_labels=glued,
        cta_verbs=frozenset(w.lower() for w in sections.get("cta-verbs", [])),
    )


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The rules of the package's ``data/furniture*.txt`` files."""
    return parse_rules(_data_files())


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # stripped text
    norm: str  # whitespace collapsed
    words: int
    para: int  # paragraph index (paragraphs are separated by blank lines)
    reason: str | None = None


def _lines(body: str) -> list[_Line]:
    out: list[_Line] = []
    para = 0
    pos = 0
    blank_before = False
    for raw in body.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            blank_before = True
            pos += len(raw)
            continue
        if blank_before and out:
            para += 1
        blank_before = False
        lead = len(content) - len(content.lstrip())
        start = pos + lead
        end = start + len(stripped)
        norm = _WS.sub(" ", stripped)
        out.append(_Line(start, end, stripped, norm, len(_WORD.findall(stripped)), para))
        pos += len(raw)
    return out


def is_title_like(text: str, max_words: int = MAX_TITLE_WORDS) -> bool:
    """A short line without final sentence punctuation (a headline, a label, a link)."""
    text = text.strip()
    if not text:
        return False
    n = len(_WORD.findall(text))
    return 0 < n <= max_words and not _FINAL_SENTENCE.search(text)


def is_prose(text: str) -> bool:
    """A line that reads as running text: a sentence ending, or long enough to be one."""
    text = text.strip()
    n = len(_WORD.findall(text))
    if _FINAL_SENTENCE.search(text) and n >= 4:
        return True
    return n > MAX_TITLE_WORDS


# --------------------------------------------------------------------------- rules


def _pattern_reason(line: _Line, rules: Rules) -> str | None:
    for name, pat in rules.patterns:
        limit = LONG_SECTIONS.get(name, MAX_PATTERN_WORDS)
        if line.words <= limit and pat.fullmatch(line.norm):
            return name
    return None


def detect_furniture(
    body: str,
    *,
    keep: Collection[tuple[int, int]] = (),
    rules: Rules | None = None,
) -> list[Furniture]:
    """Find page furniture in a document body.

    ``keep`` lists
    ``(start, end)`` stretches that only a whole-line pattern or an e-mail
    address can make furniture (the title line).
    Returns non-overlapping spans in body order.
    """
    rules = rules or default_rules()
    lines = _lines(body)
    if not lines:
        return []
    partial: list[Furniture] = []
    kept = {(s, e) for s, e in keep}

    def protected(ln: _Line) -> bool:
        return any(s < ln.end and ln.start < e for s, e in kept)

    def mark(i: int, reason: str) -> None:
        if lines[i].reason is None and not protected(lines[i]):
            lines[i].reason = reason

    half = len(body) / 2

    # 1-2. whole-line patterns and e-mail lines
    for i, ln in enumerate(lines):
        # (these two rules override ``keep``: a line such as "Skip to content"
        # is furniture even where a title could be)
        reason = _pattern_reason(ln, rules)
        if reason:
            ln.reason = reason
        elif ln.words <= MAX_EMAIL_LINE_WORDS and _EMAIL.search(ln.text):
            ln.reason = "email"

    # 3. a navigation label glued to the next word: "moreThe headline"
    for ln in lines:
        if ln.reason or protected(ln):
            continue
        m = _GLUED.match(ln.text)
        if m and rules.glued_labels.fullmatch(m.group("label")):
            label_end = ln.start + m.end("label")
            partial.append(Furniture(ln.start, label_end, body[ln.start : label_end], "navigation"))

    n = len(lines)
    for i, ln in enumerate(lines):
        # 4. link titles after "Previous/Next article"
        if ln.words <= MAX_PATTERN_WORDS and rules.nav_before_title.fullmatch(ln.norm):
            mark(i, "navigation")
            if i + 1 < n and lines[i + 1].reason is None and is_title_like(lines[i + 1].text):
                mark(i + 1, "link-title")
        # 5. teaser: a short question, then a short call to action
        if (
            ln.text.endswith("?")
            and ln.words <= MAX_TEASER_QUESTION_WORDS
            and i + 1 < n
            and is_title_like(lines[i + 1].text, MAX_CTA_WORDS)
        ):
            first = lines[i + 1].norm.split(" ", 1)[0].lower()
            if first in rules.cta_verbs:
                mark(i, "teaser")
                mark(i + 1, "teaser")

    # 6. author bios and bylines
    for i, ln in enumerate(lines):
        if ln.words > MAX_BIO_START_WORDS or _FINAL_SENTENCE.search(ln.text) or protected(ln):
            continue
        if rules.bio_heading.fullmatch(ln.norm):
            mark(i, "author-bio")
            nxt = [j for j in range(i + 1, n) if lines[j].para == ln.para]
            if not nxt:  # a heading alone: the bio is the next paragraph
                nxt = [j for j in range(i + 1, n) if lines[j].para == ln.para + 1]
            if nxt and sum(lines[j].words for j in nxt) <= MAX_BIO_PARAGRAPH_WORDS:
                for j in nxt:
                    mark(j, "author-bio")
        elif rules.bio_start.fullmatch(ln.norm) and (ln.reason in (None, "author-bio")):
            if ln.start < half:
                mark(i, "byline")
                continue
            ln.reason = "author-bio"
            rest = [j for j in range(i + 1, n) if lines[j].para == ln.para]
            if sum(lines[j].words for j in rest) <= MAX_BIO_PARAGRAPH_WORDS:
                for j in rest:
                    mark(j, "author-bio")

    # 7. comment forms
    i = 0
    while i < n:
        ln = lines[i]
        if ln.words <= MAX_PATTERN_WORDS and rules.comment_start.fullmatch(ln.norm) and not protected(ln):
            ln.reason = ln.reason or "comment-form"
            j = i + 1
            while j < n and (
                lines[j].reason is not None
                or is_title_like(lines[j].text)
                or _pattern_reason(lines[j], rules)
            ):
                mark(j, "comment-form")
                j += 1
            i = j
        else:
            i += 1

    # 8. navigation menus: runs of very short menu-like lines
    going_on = _going_on(lines)

    def menu_like(i: int) -> bool:
        ln = lines[i]
        return (
            0 < ln.words <= MAX_MENU_WORDS
            and not any(c.isdigit() for c in ln.text)
            and "," not in ln.text
            and not _FINAL_SENTENCE.search(ln.text)
            and not going_on[i]
        )

    def heading(i: int) -> bool:
        # a short line right before a prose line heads that text
        return i + 1 < n and lines[i + 1].reason is None and is_prose(lines[i + 1].text)

    run: list[int] = []
    for i in range(n + 1):
        if i < n and lines[i].reason is not None and run and not protected(lines[i]):
            continue  # furniture already: neither extends nor breaks a run
        if (
            i < n
            and lines[i].reason is None
            and menu_like(i)
            and not protected(lines[i])
            and not heading(i)
        ):
            run.append(i)
            continue
        if len(run) >= MIN_MENU_RUN:
            for j in run:
                mark(j, "navigation")
        run = []

    # 9. tail: title-like lines after the last prose line
    last_prose = -1
    for i, ln in enumerate(lines):
        if ln.reason is None and is_prose(ln.text):
            last_prose = i
    if last_prose >= 0:
        tail = range(last_prose + 1, n)
        has_furniture = any(lines[j].reason for j in tail) or any(
            f.start >= lines[last_prose].end for f in partial
        )
        for j in tail:
            ln = lines[j]
            if ln.reason is not None or not is_title_like(ln.text) or _KEEP_IN_TAIL.search(ln.text) \
                    or going_on[j]:
                continue
            if has_furniture or (ln.words <= MAX_TAIL_WORDS and "," not in ln.text):
                mark(j, "tail")

    spans = [Furniture(ln.start, ln.end, ln.text, ln.reason) for ln in lines if ln.reason]
    spans.extend(partial)
    spans.sort(key=lambda f: f.start)
    return _merge(spans, body)


def _going_on(lines: Sequence[_Line]) -> list[bool]:
    """For each line, whether it goes on with the sentence of the line before it, as lines
    do in text whose links broke its lines ("On 16 October 2007," / "Vladimir Putin
    visited Iran" / "to discuss Russia's"): it follows a comma in the same paragraph, or
    starts in lower case after a line that goes on or reads as unfinished prose."""
    out = [False] * len(lines)
    for i in range(1, len(lines)):
        ln, prev = lines[i], lines[i - 1]
        if prev.para != ln.para:
            continue
        out[i] = prev.text.endswith(",") or (
            ln.text[:1].islower() and (out[i - 1] or (is_prose(prev.text) and not _FINAL_SENTENCE.search(prev.text))))
    return out


def _merge(spans: list[Furniture], body: str) -> list[Furniture]:
    """Join consecutive spans of the same reason separated only by whitespace."""
    out: list[Furniture] = []
    for f in spans:
        if out and out[-1].reason == f.reason and not body[out[-1].end : f.start].strip():
            prev = out[-1]
            out[-1] = Furniture(prev.start, f.end, body[prev.start : f.end], f.reason)
        else:
            out.append(f)
    return out


def site_key(doc) -> str:
    """The site a document comes from: its publisher, else its URL's host, else its folder."""
    if getattr(doc, "publisher", None):
        return "publisher:" + _WS.sub(" ", doc.publisher.strip().lower())
    url = getattr(doc, "url", None)
    if url:
        from urllib.parse import urlsplit

        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        if host:
            return "host:" + host.lower().removeprefix("www.")
    return "folder:" + str(Path(getattr(doc, "path", "") or ".").parent)


def _digest(text: str) -> int:
    """A stable 64-bit digest (the same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class RepeatedLines:
    """Lines shared by different pages of one site (:func:`site_key`), learnt one
    page at a time, so a batch can stream: :meth:`add` every page first, then ask
    :meth:`spans` for each. Only digests are kept: memory grows with the number of
    distinct lines of the batch, not with its text.

    A line counts when it occurs in at least ``min_docs`` *different* pages:
    copies of one article (the same running-text lines) count as one page, so a
    story stored twice keeps its text.
    """

    def __init__(self, min_docs: int = 2, *, min_chars: int = 3) -> None:
        if min_docs < 1:
            raise ValueError("min_docs must be at least 1")
        self.min_docs = min_docs
        self.min_chars = min_chars
        self.pages = 0
        # (site, line digest) -> the digests of up to min_docs distinct pages holding it
        self._pages: dict[tuple[str, int], tuple[int, ...]] = {}

    def add(self, doc) -> None:
        """Record the lines of ``doc`` (reads its ``body``, ``path``, ``url``, ``publisher``)."""
        lines = _lines(doc.body)
        prose = sorted({ln.norm for ln in lines if is_prose(ln.norm)})
        page = _digest("\n".join(prose or sorted({ln.norm for ln in lines})))
        site = site_key(doc)
        self.pages += 1
        for ln in lines:
            if len(ln.norm) >= self.min_chars:
                key = (site, _digest(ln.norm))
                held = self._pages.get(key, ())
                if page not in held and len(held) < self.min_docs:
                    self._pages[key] = (*held, page)

    def update(self, other: "RepeatedLines") -> None:
        """Add what ``other`` learnt (the same ``min_docs``): the pages of other
        parts of the batch, learnt elsewhere (in a worker process). The result
        does not depend on the order the parts are added in."""
        self.pages += other.pages
        for key, pages in other._pages.items():
            held = self._pages.get(key, ())
            for page in pages:
                if page not in held and len(held) < self.min_docs:
                    held = (*held, page)
            self._pages[key] = held

    def spans(self, doc) -> list[Furniture]:
        """The furniture spans (reason ``repeated``) of ``doc``: its lines found on
        ``min_docs`` pages of its site among those added."""
        site = site_key(doc)
        spans = [
            Furniture(ln.start, ln.end, doc.body[ln.start : ln.end], "repeated")
            for ln in _lines(doc.body)
            if len(ln.norm) >= self.min_chars and len(self._pages.get((site, _digest(ln.norm)), ())) >= self.min_docs
        ]
        return _merge(spans, doc.body)


def site_furniture(docs: Sequence, min_docs: int = 2, *, min_chars: int = 3) -> list[list[Furniture]]:
    """Furniture spans (reason ``repeated``) of each of ``docs``: the lines it shares with
    other pages of its site (see :class:`RepeatedLines`). Returns one list per
    document, in order. Pure: reads only the documents' ``body``, ``path``, ``url``
    and ``publisher``.
    """
    seen = RepeatedLines(min_docs, min_chars=min_chars)
    for d in docs:
        seen.add(d)
    return [seen.spans(d) for d in docs]
