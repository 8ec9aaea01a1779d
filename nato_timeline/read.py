"""Reading documents: files and directories in, :class:`Document` records out.

``discover`` expands the paths given on the command line, ``read_file`` turns
one file into documents (one per ``.txt``/``.md`` file, one per line of a
``.jsonl`` file), ``read_text`` is the core that parses the front matter, finds
the title, detects page furniture and splits the content into sentences.
Problems with an input are reported as :class:`InputError` with a one-line
message naming the file and the reason.

Line endings are normalised to ``\\n`` before anything else, so every offset is
into ``Document.body`` as stored (the text after the front-matter block).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from .furniture import detect_furniture, is_prose, is_title_like
from .records import Document, Furniture
from .sentences import split_sentences
from .temporal.types import PartialDate

SUPPORTED_SUFFIXES = (".txt", ".md", ".jsonl")

#: Front-matter keys that fill fields of the document; others are ignored.
FRONT_MATTER_KEYS = ("published", "title", "url", "publisher")

#: The first line is taken as the title when it has at most this many words.
MAX_TITLE_WORDS = 20

#: The largest document read, in bytes: a ``.txt``/``.md`` file, or one record
#: of a ``.jsonl`` file. Larger ones are refused before they are read whole, so
#: memory stays bounded; merging a document's events costs time that grows
#: faster than its length, and a news article or report is far smaller.
MAX_DOCUMENT_BYTES = 1_000_000

#: Another encoding is used for a file that is not UTF-8 only when the detector
#: finds no near rival (within this much coherence) that decodes it differently.
ENCODING_MARGIN = 0.05

_FM_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
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


# --------------------------------------------------------------------------- discover


def discover(paths: Sequence[str | Path]) -> Iterator[Path | InputError]:
    """Expand paths into files to read, in a deterministic order.

    A directory is walked recursively (sorted by name, hidden entries and
    unsupported suffixes skipped, symlinked directories followed once). A file
    named explicitly is kept whatever its suffix. A missing path gives an
    :class:`InputError`.
    """
    for raw in paths:
        path = Path(raw)
        try:
            os.stat(path)
        except FileNotFoundError:
            reason = "broken symbolic link" if os.path.islink(path) else "no such file or directory"
            yield InputError(path, reason)
            continue
        except OSError as exc:
            yield InputError(path, _os_reason(exc))
            continue
        if os.path.isdir(path):
            yield from _walk(path, set())
        else:
            yield path


def _walk(directory: Path, visited: set[str]) -> Iterator[Path | InputError]:
    real = os.path.realpath(directory)
    if real in visited:
        return  # a symlink loop or a directory reached twice
    visited.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(directory, _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError as exc:
            yield InputError(path, _os_reason(exc))
            continue
        if is_dir:
            yield from _walk(path, visited)
        elif is_file and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path
        elif entry.is_symlink() and not is_dir and not is_file:
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield InputError(path, _link_reason(path))


def _link_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


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


# --------------------------------------------------------------------------- files


def read_file(path: Path, *, published: PartialDate | None = None, layout: bool = True) -> list[Document]:
    """Read one file: a ``.jsonl`` file gives one document per record, any other one.
    With ``layout`` false, furniture and sentences are not looked for (a quick read
    for the text and metadata alone)."""
    path = Path(path)
    jsonl = path.suffix.lower() == ".jsonl"
    try:
        raw = _read_bytes(path, None if jsonl else MAX_DOCUMENT_BYTES)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        raise InputError(path, _os_reason(exc)) from None
    if raw is None:
        size = path.stat().st_size
        raise InputError(
            path,
            f"too large ({_size(size) if size else 'endless'}): a document may have at most "
            f"{_size(MAX_DOCUMENT_BYTES)}; split it",
        )
    if not raw.strip():
        raise InputError(path, "empty file")
    if jsonl:
        return _read_jsonl(path, raw, published, layout=layout)
    text = _decode(path, raw)
    return [
        read_text(
            text,
            name=path.name,
            path=str(path),
            published=published,
            sha256=hashlib.sha256(raw).hexdigest(),
            layout=layout,
        )
    ]


def _read_bytes(path: Path, limit: int | None) -> bytes | None:
    """The file's bytes, or None when it has more than ``limit``. Reads at most
    ``limit + 1`` bytes, so neither a huge file nor an endless one (a device, a
    pipe) is held in memory."""
    with open(path, "rb") as f:
        if limit is None:
            return f.read()
        raw = f.read(limit + 1)
    return None if len(raw) > limit else raw


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def _decode(path: Path, raw: bytes) -> str:
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
        text = _detect(path, raw, exc)
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(path, f"binary file ({controls} control characters), not text")
    return text


def _detect(path: Path, raw: bytes, exc: UnicodeDecodeError) -> str:
    where = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    try:
        import charset_normalizer  # type: ignore[import-not-found]
    except ImportError:
        raise InputError(
            path, f"{where}; convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from None
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches or not matches[0].encoding:
        raise InputError(path, f"{where} and no other encoding detected") from None
    best = matches[0]
    text = str(best)
    rivals = [
        m.encoding
        for m in matches[1:]
        if m.chaos <= best.chaos and m.coherence >= best.coherence - ENCODING_MARGIN and str(m) != text
    ]
    if rivals:
        # two encodings fit equally well and give different text: guessing could
        # store a wrong letter in a quote, so the user decides
        raise InputError(
            path,
            f"{where}; the encoding is ambiguous ({best.encoding} or {rivals[0]}): "
            f"convert it to UTF-8, e.g. iconv -f {best.encoding} -t utf-8",
        ) from None
    warnings.warn(DecodedWarning(str(path), best.encoding), stacklevel=3)
    return text


def _read_jsonl(path: Path, raw: bytes, published: PartialDate | None, *, layout: bool = True) -> list[Document]:
    docs: list[Document] = []
    if b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for n, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            docs.append(jsonl_record(path, n, line, published, layout=layout))
    if not docs:
        raise InputError(path, "empty file (no records)")
    return docs


def jsonl_record(path: Path, n: int, line: bytes, published: PartialDate | None = None, *,
                 layout: bool = True) -> Document:
    """The document of line ``n`` of the ``.jsonl`` file ``path``."""
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(path, f"line {n}: invalid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {n}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError(path, f"line {n}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        what = "has no \"text\" field" if text is None else "\"text\" is not a string"
        raise InputError(path, f"line {n}: {what}")
    if not text.strip():
        raise InputError(path, f"line {n}: \"text\" is empty")
    if len(line) > MAX_DOCUMENT_BYTES:
        raise InputError(path, f"line {n}: too large: a document may have at most {_size(MAX_DOCUMENT_BYTES)}")
    meta_published = None
    if record.get("published") not in (None, ""):
        try:
            meta_published = parse_published(str(record["published"]))
        except ValueError:
            raise InputError(
                path, f"line {n}: published is not a date: {record['published']!r}"
            ) from None
    ident = record.get("id")
    name = f"{path.name}:{ident if ident not in (None, '') else n}"
    if published is not None:
        date, source = published, "command-line"
    elif meta_published is not None:
        date, source = meta_published, "metadata"
    else:
        date, source = None, None
    try:
        return read_text(
            text,
            name=name,
            path=str(path),
            published=date,
            published_from=source,
            sha256=hashlib.sha256(line).hexdigest(),
            title=_opt_str(record.get("title")),
            url=_opt_str(record.get("url")),
            publisher=_opt_str(record.get("publisher")),
            front_matter=False,
            layout=layout,
        )
    except InputError as exc:
        raise InputError(path, f"line {n}: {exc.reason}") from None


def iter_jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a ``.jsonl`` file with their numbers, read as they
    are needed (the file is never held whole): the same lines, numbers and bytes
    as :func:`read_file` parses. Raises :class:`InputError` when the file cannot
    be read, on a NUL byte (a binary file: the rest is not read) and when the
    file holds no record."""
    path = Path(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        raise InputError(path, _os_reason(exc)) from None
    n = 0
    records = 0
    with f:
        try:
            for chunk in f:
                if n == 0 and chunk.startswith(b"\xef\xbb\xbf"):
                    chunk = chunk[3:]
                if b"\x00" in chunk:
                    raise InputError(path, "binary file (contains NUL bytes), not text")
                # a chunk ends at "\n"; "\r" alone ends a line too, as in bytes.splitlines
                for line in chunk.splitlines():
                    n += 1
                    if line.strip():
                        records += 1
                        yield n, line
        except OSError as exc:
            raise InputError(path, _os_reason(exc)) from None
    if not records:
        raise InputError(path, "empty file")


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


# --------------------------------------------------------------------------- text


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
) -> Document:
    """Build a :class:`Document` from text.

    Parses the front matter (unless ``front_matter`` is false), finds the title,
    detects page furniture and splits the content into sentences. Arguments
    win over front-matter fields. ``published_from`` defaults to
    ``"command-line"`` when ``published`` is given, ``"front-matter"`` when the
    front matter has it, else ``"unknown"``. Raises :class:`InputError` for a
    malformed front matter, an empty body, or one that is all page furniture.
    With ``layout`` false, furniture, title and sentences are not looked for.
    """
    where = path or name
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        sentences = split_sentences(body, content_regions(len(body), furniture))
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


def iter_documents(
    paths: Sequence[str | Path], *, published: PartialDate | None = None
) -> Iterator[Document | InputError]:
    """Discover and read, streaming; problems are yielded, not raised."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            docs = read_file(item, published=published)
        except InputError as exc:
            yield exc
            continue
        yield from docs
