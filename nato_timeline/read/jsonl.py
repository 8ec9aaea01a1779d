""".jsonl files: one document a line, a JSON object with ``text`` and optional
``id``, ``title``, ``url``, ``publisher`` and ``published``. A bad line is
reported with its number and does not stop the others."""

from __future__ import annotations

import errno
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..records import Document
from ..temporal.types import PartialDate
from .text import MAX_DOCUMENT_BYTES, InputError, _os_reason, _size, parse_published, read_text


_SURROGATE = re.compile(r"[\ud800-\udfff]")

def _read_jsonl(path: Path, raw: bytes, published: PartialDate | None, *, layout: bool = True,
                encoding: str | None = None) -> list[Document]:
    docs: list[Document] = []
    if b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for n, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            docs.append(jsonl_record(path, n, line, published, layout=layout, encoding=encoding))
    if not docs:
        raise InputError(path, "empty file (no records)")
    return docs


def jsonl_record(path: Path, n: int, line: bytes, published: PartialDate | None = None, *,
                 layout: bool = True, encoding: str | None = None) -> Document:
    """The document of line ``n`` of the ``.jsonl`` file ``path``; a line that is
    not UTF-8 is decoded with ``encoding`` when given, never guessed."""
    if isinstance(line, OversizedLine) or len(line) > MAX_DOCUMENT_BYTES:
        size = line.size if isinstance(line, OversizedLine) else len(line)
        raise InputError(path, f"line {n}: too large ({_size(size)}): a document may have at most "
                               f"{_size(MAX_DOCUMENT_BYTES)}; split it")
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        if encoding is None:
            raise InputError(
                path, f"line {n}: invalid UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start}): "
                      f"choose its encoding with --encoding NAME, or convert the file to UTF-8"
            ) from None
        try:
            decoded = line.decode(encoding)
        except UnicodeDecodeError as exc2:
            raise InputError(path, f"line {n}: not valid {encoding} (--encoding): "
                                   f"byte 0x{line[exc2.start]:02x} at offset {exc2.start}") from None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {n}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(path, f"line {n}: not valid JSON (nested too deeply)") from None
    except ValueError:  # an integer of thousands of digits
        raise InputError(path, f"line {n}: not valid JSON (a number too long to read)") from None
    if not isinstance(record, dict):
        raise InputError(path, f"line {n}: not a JSON object")
    for key in ("text", "title", "url", "publisher", "id", "published"):
        value = record.get(key)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(path, f"line {n}: \"{key}\" holds an unpaired surrogate "
                                   f"({_SURROGATE.search(value).group()!a}), not text")
    text = record.get("text")
    if not isinstance(text, str):
        what = "has no \"text\" field" if text is None else "\"text\" is not a string"
        raise InputError(path, f"line {n}: {what}")
    if not text.strip():
        raise InputError(path, f"line {n}: \"text\" is empty")
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
            kind="jsonl",
        )
    except InputError as exc:
        raise InputError(path, f"line {n}: {exc.reason}") from None


class OversizedLine(bytes):
    """Stands for a line longer than a document may be, which was never held in
    memory (empty bytes; ``size`` is the line's length in bytes)."""

    def __new__(cls, size: int) -> OversizedLine:
        line = super().__new__(cls, b"")
        line.size = size
        return line

    def __reduce__(self):  # it goes to the worker processes as what it is
        return OversizedLine, (self.size,)


def iter_jsonl_lines(path: Path, max_bytes: int | None = MAX_DOCUMENT_BYTES) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a ``.jsonl`` file with their numbers, read as they
    are needed (the file is never held whole): the same lines, numbers and bytes
    as :func:`read_file` parses. A line longer than ``max_bytes`` is given as an
    :class:`OversizedLine`, found while reading it and never held whole (at most
    ``max_bytes`` of it are in memory at once), so it is refused by its number and
    the lines after it are read; ``None``, no limit. Raises :class:`InputError`
    when the file cannot be read, on a NUL byte (a binary file: the rest is not
    read) and when the file holds no record."""
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
            lines = iter(f) if max_bytes is None else _bounded_lines(f, max_bytes)
            for chunk in lines:
                if isinstance(chunk, OversizedLine):
                    n += 1
                    records += 1
                    yield n, chunk
                    continue
                if n == 0 and chunk.startswith(b"\xef\xbb\xbf"):
                    chunk = chunk[3:]
                if b"\x00" in chunk:
                    raise InputError(path, "binary file (contains NUL bytes), not text")
                # "\r" alone ends a line too, as in bytes.splitlines
                for line in chunk.splitlines():
                    n += 1
                    if line.strip():
                        records += 1
                        yield n, line
        except OSError as exc:
            raise InputError(path, _os_reason(exc)) from None
    if not records:
        raise InputError(path, "empty file")


def _bounded_lines(f, max_bytes: int) -> Iterator[bytes]:
    """The binary file ``f`` in chunks of whole lines (ended by "\n", "\r" or
    "\r\n", as ``bytes.splitlines`` ends them), none over ``max_bytes + 2`` bytes
    however long the lines are; a line longer than ``max_bytes`` is read on to its
    end a block at a time and given as an :class:`OversizedLine` instead."""
    limit = max_bytes + 1  # this many bytes with no end of line: the line is too long
    tail = b""
    while True:
        if tail.endswith(b"\n"):  # what followed a long line's "\r" holds whole lines
            yield tail
            tail = b""
            continue
        asked = limit - len(tail)
        piece = f.readline(asked)  # stops after "\n": a chunk has no "\n" but at its end
        chunk = tail + piece if tail else piece
        tail = b""
        if not chunk:
            return
        if chunk.endswith(b"\n") or len(piece) < asked:  # a line's end, or the file's
            yield chunk
            continue
        if chunk.endswith(b"\r"):  # whole lines; "\r\n" may straddle the cut
            after = f.read(1)
            if after == b"\n":
                yield chunk + after
            else:
                yield chunk
                tail = after
            continue
        cut = chunk.rfind(b"\r") + 1
        if cut:  # lines ended by "\r" alone, then the start of one that goes on
            yield chunk[:cut]
            tail = chunk[cut:]
            continue
        size = len(chunk)
        del chunk
        while True:
            piece = f.readline(min(1 << 20, limit))  # what follows a "\r" in it stays shorter than a line may be
            end = piece.find(b"\r")
            if end >= 0:
                size += end
                tail = piece[end + 1:]
                if tail.startswith(b"\n"):
                    tail = tail[1:]
                elif not tail:  # "\r" ended the block: a "\n" after it belongs to it
                    after = f.read(1)
                    tail = b"" if after == b"\n" else after
                break
            if not piece or piece.endswith(b"\n"):
                size += len(piece.rstrip(b"\n"))
                break
            size += len(piece)
        yield OversizedLine(size)


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None
