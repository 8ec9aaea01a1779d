"""Plain text: decoding bytes, the front matter, and ``read_text``, the core every
kind of input ends in (an HTML page, a PDF or a feed entry is turned into text
and its blocks first), which finds the title, detects page furniture and splits
the content into sentences. Problems with an input are reported as
:class:`InputError` with a one-line message naming the input and the reason.

Line endings are normalised to ``\\n`` before anything else, so every offset is
into ``Document.body`` as stored (the text after the front-matter block).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

from ..furniture import detect_furniture, is_prose, is_title_like
from ..records import Block, Document, Furniture
from ..sentences import split_sentences
from ..temporal.types import PartialDate
from .blocks import text_blocks, within_blocks

#: Front-matter keys that fill fields of the document; others are ignored.
FRONT_MATTER_KEYS = ("published", "title", "url", "publisher")

#: The first line is taken as the title when it has at most this many words.
MAX_TITLE_WORDS = 20

#: The largest document read, in bytes: a file, one record of a ``.jsonl`` file,
#: standard input or what a URL returns. Larger ones are refused before they are
#: read whole, so memory stays proportional to one document. A book-length
#: report is a few megabytes; 100 MB is far past any text a person collects.
MAX_DOCUMENT_BYTES = 100_000_000

#: A guessed encoding is used for a file that is not UTF-8 only when every
#: candidate that decodes it differently is behind by at least this much
#: coherence, and only on a text of at least ``SURE_MIN_BYTES`` bytes of which
#: ``SURE_MIN_NON_ASCII`` are not ASCII (the letters that tell encodings apart).
ENCODING_MARGIN = 0.05
SURE_MIN_BYTES = 2000
SURE_MIN_NON_ASCII = 20

#: How far into a file an encoding declaration is looked for.
DECLARATION_BYTES = 2048

_FM_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_FM_ENCODING = re.compile(r"^(?:encoding|charset)\s*:\s*[\"']?([\w.:-]+)", re.IGNORECASE | re.MULTILINE)
_META_CHARSET = re.compile(r"<meta\b[^>]*?charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class InputError(Exception):
    """A problem with one input: ``f"{path}: {reason}"``."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class DecodedWarning(UserWarning):
    """A file was not UTF-8 and was decoded with a detected encoding."""

    def __init__(self, path: str, encoding: str) -> None:
        self.path = path
        self.encoding = encoding
        super().__init__(f"{path}: not UTF-8; decoded as {encoding}")

    def __reduce__(self):  # passed from a worker process to the one that prints it
        return (type(self), (self.path, self.encoding))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


# --------------------------------------------------------------------------- decoding


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def _decode(path: Path, raw: bytes, encoding: str | None = None) -> str:
    """The text of a file's bytes. UTF-8 (with or without a byte-order mark) and
    UTF-16 with its byte-order mark are read as they are; other bytes are decoded
    with ``encoding`` when given, else with an encoding the file declares, else
    only when the evidence is decisive (see :func:`_detect`)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "invalid UTF-16 after a UTF-16 byte-order mark") from None
    if b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        chosen, how = (encoding, "--encoding") if encoding else (_declared(path, raw), "declared")
        text = _decode_as(path, raw, chosen, how) if chosen else _detect(path, raw, where)
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(path, f"binary file ({controls} control characters), not text")
    return text


def check_encoding(name: str) -> str:
    """The codec's canonical name for ``name``; ``ValueError`` for an unknown one
    or one that is not a text encoding."""
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (e.g. latin-1, cp1252, cp1251, koi8-r)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


def _declared(path: Path, raw: bytes) -> str | None:
    """The encoding the file names itself: an ``encoding:`` or ``charset:`` line of
    its front matter, or an HTML ``<meta charset>``; None when it names none."""
    head = raw[:DECLARATION_BYTES].decode("latin-1")
    m = None
    if head.startswith("---"):
        block = head.split("\n---", 1)[0]
        m = _FM_ENCODING.search(block)
    m = m or _META_CHARSET.search(head)
    if m is None:
        return None
    try:
        return check_encoding(m.group(1))
    except ValueError as exc:
        raise InputError(path, f"the declared encoding is not usable: {exc}") from None


def _decode_as(path: Path, raw: bytes, encoding: str, how: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid {encoding} ({how}): byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        ) from None


def _detect(path: Path, raw: bytes, where: str) -> str:
    """Decode bytes that are not UTF-8 when the detector's evidence is decisive:
    every candidate encoding gives the same text, or the best one is ahead of
    every rival that gives other text by ``ENCODING_MARGIN`` on enough text
    (``SURE_MIN_BYTES`` bytes, ``SURE_MIN_NON_ASCII`` of them not ASCII).
    Otherwise the file is refused, naming the likely encodings and the option
    that chooses one: a guess could store a wrong letter in a quote."""
    hint = "choose one with --encoding NAME, or convert the file to UTF-8"
    try:
        import charset_normalizer  # type: ignore[import-not-found]
    except ImportError:
        raise InputError(path, f"{where}; its encoding is unknown: {hint}") from None
    matches = [m for m in charset_normalizer.from_bytes(raw) if m.encoding]
    if not matches:
        raise InputError(path, f"{where} and no other encoding detected: {hint}") from None
    best = matches[0]
    text = str(best)
    rivals = [m for m in matches[1:] if str(m) != text]
    close = [m for m in rivals if m.chaos <= best.chaos and m.coherence > best.coherence - ENCODING_MARGIN]
    enough = len(raw) >= SURE_MIN_BYTES and sum(b > 0x7F for b in raw) >= SURE_MIN_NON_ASCII
    if rivals and (close or not enough):
        likely = [best.encoding]
        for m in sorted(rivals, key=lambda m: (m.chaos, -m.coherence)):
            if m.encoding not in likely and len(likely) < 3:
                likely.append(m.encoding)
        raise InputError(
            path,
            f"{where}; the encoding is ambiguous ({', '.join(likely[:-1])} or {likely[-1]}): {hint}",
        ) from None
    warnings.warn(DecodedWarning(str(path), best.encoding), stacklevel=3)
    return text


def parse_published(value: str) -> PartialDate:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO datetime (day precision)."""
    value = value.strip().strip("\"'")
    m = _DATETIME.fullmatch(value)
    if m:
        value = m.group(1)
    return PartialDate.parse(value)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split an optional ``---`` block of ``key: value`` lines off the top of ``text``.

    Returns the fields (keys lower-cased, values unquoted) and the body: the
    text after the closing ``---`` line. Raises ``ValueError`` (with a reason)
    for an unclosed block or a line that is not ``key: value``.
    """
    first, sep, rest = text.partition("\n")
    if first.rstrip() != "---":
        return {}, text
    if not any(line.rstrip() == "---" for line in rest.split("\n")):
        raise ValueError("front matter: no closing '---' line")
    fields: dict[str, str] = {}
    offset = len(first) + len(sep)
    n = 1
    while offset <= len(text):
        n += 1
        nl = text.find("\n", offset)
        line = text[offset:] if nl < 0 else text[offset:nl]
        next_offset = len(text) + 1 if nl < 0 else nl + 1
        if line.rstrip() == "---":
            return fields, text[next_offset:]
        offset = next_offset
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _FM_LINE.fullmatch(line.strip())
        if not m:
            raise ValueError(f"front matter: line {n} is not 'key: value': {line.strip()[:60]!r}")
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[m.group(1).lower()] = value
    raise ValueError("front matter: no closing '---' line")


#: Control characters never stored: a vertical tab, a form feed and NEL end a
#: line (as a carriage return does); every other C0 and C1 control but tab and
#: newline is dropped.
_STORED_CONTROLS = {
    **{c: None for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x85: "\n",
}
_SAME_LENGTH = {c: (v if v is not None else " ") for c, v in _STORED_CONTROLS.items()}


def without_controls(text: str, *, keep_length: bool = False) -> str:
    """``text`` with no control character but tab and newline (line endings
    already normalised to ``\\n``); with ``keep_length`` a dropped control
    becomes a space, so offsets into the text (a page's blocks) still hold."""
    return text.translate(_SAME_LENGTH if keep_length else _STORED_CONTROLS)


def read_text(
    text: str,
    *,
    name: str = "<text>",
    path: str = "",
    published: PartialDate | None = None,
    published_from: str | None = None,
    sha256: str | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    front_matter: bool = True,
    layout: bool = True,
    kind: str = "text",
    blocks: Sequence[Block] | None = None,
) -> Document:
    """Build a :class:`Document` from text.

    Parses the front matter (unless ``front_matter`` is false), finds the title,
    detects page furniture and splits the content into sentences. Arguments
    win over front-matter fields. ``published_from`` defaults to
    ``"command-line"`` when ``published`` is given, ``"front-matter"`` when the
    front matter has it, else ``"unknown"``. Raises :class:`InputError` for a
    malformed front matter, an empty body, or one that is all page furniture.
    With ``layout`` false, furniture, title and sentences are not looked for.

    ``blocks`` are the structure of a text made from a structured source (an
    HTML page): offsets into ``text``, which then has no front matter and only
    ``\n`` line ends; no sentence crosses a block's edge. Without them the
    paragraphs, bullets and headings of plain text are the blocks.
    """
    where = path or name
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = without_controls(text.replace("\r\n", "\n").replace("\r", "\n"), keep_length=blocks is not None)
    title, url, publisher = (without_controls(v) if v else v for v in (title, url, publisher))
    if text.startswith("\ufeff"):
        text = text[1:]
    fields: dict[str, str] = {}
    body = text
    if front_matter:
        try:
            fields, body = split_front_matter(text)
        except ValueError as exc:
            raise InputError(where, str(exc)) from None
    if not body.strip():
        raise InputError(where, "no text after the front matter" if fields else "empty file")

    source = published_from
    if published is not None:
        source = source or "command-line"
    elif fields.get("published"):
        try:
            published = parse_published(fields["published"])
        except ValueError:
            raise InputError(
                where, f"front matter: published is not a date: {fields['published']!r}"
            ) from None
        source = "front-matter"
    else:
        source = None if published_from in (None, "command-line", "front-matter") else published_from
    source = source or "unknown"

    title = title or fields.get("title") or None
    url = url or fields.get("url") or None
    publisher = publisher or fields.get("publisher") or None

    if not layout:
        furniture, sentences = [], []
    else:
        furniture, title_span = _furniture_and_title(body)
        if title is None and title_span is not None:
            title = body[title_span[0] : title_span[1]]
        sentences = split_sentences(body, sentence_regions(len(body), furniture, blocks or ()))
        if blocks is None:
            blocks = text_blocks(body)
        if not sentences:
            raise InputError(
                where,
                "only page furniture (menus, share buttons, bylines), no text to read"
                if furniture
                else "no sentences in the text",
            )
    return Document(
        name=name,
        path=path,
        body=body,
        sha256=sha256,
        title=title,
        published=published,
        published_from=source,
        url=url,
        publisher=publisher,
        sentences=tuple(sentences),
        furniture=tuple(furniture),
        kind=kind,
        blocks=tuple(blocks or ()),
    )


def title_candidate(body: str, skip: Sequence[Furniture] = ()) -> tuple[int, int] | None:
    """The span of the first non-blank line when it is shaped like a title.

    Short, no final sentence punctuation, starting with a capital, a digit or a
    quote, at least two words, not ending like a dateline (``BRUSSELS -``).
    Lines covered by ``skip`` (furniture at the top, e.g. a menu) are passed over.
    """
    pos = 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            end = start + len(stripped)
            if not any(f.start < end and start < f.end for f in skip):
                break
        pos += len(line) + 1
    else:
        return None
    unquoted = stripped.strip("\"'“”‘’«»")
    words = re.findall(r"[^\W_]+", stripped)
    if (
        not is_title_like(unquoted, MAX_TITLE_WORDS)
        or is_prose(stripped)
        or len(words) < 2
        or not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘«")
        or stripped[-1] in "-–—|:"
    ):
        return None
    return start, end


def _furniture_and_title(body: str) -> tuple[list[Furniture], tuple[int, int] | None]:
    """Furniture of the body, and the title line (never furniture) if there is one."""
    cand = title_candidate(body)
    furniture = detect_furniture(body, keep=[cand] if cand else [])
    if cand and not any(f.start < cand[1] and cand[0] < f.end for f in furniture):
        return furniture, cand
    # The first line is furniture (a menu, "Skip to content"): the title is the
    # first line after the furniture at the top, if it is shaped like one.
    cand = title_candidate(body, furniture)
    if cand is None:
        return furniture, None
    furniture = detect_furniture(body, keep=[cand])
    if any(f.start < cand[1] and cand[0] < f.end for f in furniture):
        return furniture, None
    return furniture, cand


def sentence_regions(length: int, furniture: Sequence[Furniture], blocks: Sequence[Block] = ()) -> list[tuple[int, int]]:
    """Where sentences are looked for in a body of ``length`` characters: what
    furniture leaves, and inside ``blocks`` when the source's own structure gave
    them (an HTML page, a feed entry: :data:`STRUCTURED_KINDS`), so that no
    sentence crosses a block's edge."""
    regions = content_regions(length, furniture)
    return within_blocks(regions, blocks) if blocks else regions


def content_regions(length: int, furniture: Sequence[Furniture]) -> list[tuple[int, int]]:
    """The stretches of a body of ``length`` characters not covered by furniture."""
    regions = []
    pos = 0
    for f in sorted(furniture, key=lambda f: f.start):
        if f.start > pos:
            regions.append((pos, f.start))
        pos = max(pos, f.end)
    if pos < length:
        regions.append((pos, length))
    return regions
