"""One input in, documents out: which kind it is (text, .jsonl, HTML, PDF, feed)
and the reader of that kind.

The kind comes from what the bytes are when they say it beyond doubt (a PDF's
``%PDF-``, a feed's ``<rss>`` or ``<feed>`` root), else from the server's
``Content-Type``, else from the file's suffix, else from the bytes again (an
HTML page starts with ``<!DOCTYPE html>`` or ``<html>``); anything else is text.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..records import Document
from ..temporal.types import PartialDate
from .discover import STDIN, discover, is_url
from .jsonl import _read_jsonl, iter_jsonl_lines, jsonl_record
from .text import MAX_DOCUMENT_BYTES, InputError, _decode, _os_reason, _size, read_text

_SUFFIX_KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".txt": "text", ".md": "text", ".xml": "xml",
}
_TYPE_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/feed+json": "text",
    "application/rdf+xml": "feed", "application/xml": "xml", "text/xml": "xml",
    "text/plain": "text", "text/markdown": "text", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
}
_PROLOGUE = re.compile(rb"(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?>)*", re.DOTALL)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>]")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the bytes of a local file came from when not from that file: standard
    input or a URL fetched beforehand (``source`` as given, ``url`` after
    redirects, the server's ``content_type``)."""

    source: str
    url: str | None = None
    content_type: str | None = None


def detect_kind(raw: bytes, *, suffix: str = "", content_type: str | None = None) -> str:
    """``text``, ``jsonl``, ``html``, ``pdf`` or ``feed`` for these bytes."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    declared = _TYPE_KINDS.get((content_type or "").split(";")[0].strip().lower())
    declared = declared or _SUFFIX_KINDS.get(suffix.lower())
    if declared in (None, "html", "xml") and _FEED_ROOT.match(head, _PROLOGUE.match(head).end()):
        return "feed"
    if declared == "xml":
        return "html" if _HTML_START.match(head) else "feed"  # the feed reader says when it is not one
    if declared is not None:
        return declared
    return "html" if _HTML_START.match(head) else "text"


def read_file(path: Path, *, published: PartialDate | None = None, layout: bool = True,
              origin: Origin | None = None, encoding: str | None = None) -> list[Document]:
    """Read one file: a ``.jsonl`` file gives one document per record, a feed one per
    entry, any other one. With ``layout`` false, furniture and sentences are not
    looked for (a quick read for the text and metadata alone). ``origin`` says
    the bytes came from standard input or a URL (then named after it). ``encoding``
    decodes text that is not UTF-8 (``--encoding``)."""
    path = Path(path)
    where = origin.source if origin else str(path)
    try:
        raw = _read_bytes(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(where, "symbolic link loop") from None
        raise InputError(where, _os_reason(exc)) from None
    if isinstance(raw, int):
        raise InputError(
            where,
            f"too large ({_size(raw) if raw else 'endless'}): a document may have at most "
            f"{_size(MAX_DOCUMENT_BYTES)}; split it",
        )
    if origin is not None:
        from .fetch import source_name

        return read_bytes(raw, name=source_name(origin.source), path=origin.source, url=origin.url,
                          content_type=origin.content_type, published=published, layout=layout, encoding=encoding)
    return read_bytes(raw, name=path.name, path=str(path), published=published, layout=layout, encoding=encoding)


def read_bytes(raw: bytes, *, name: str, path: str, url: str | None = None, content_type: str | None = None,
               published: PartialDate | None = None, layout: bool = True,
               encoding: str | None = None) -> list[Document]:
    """The documents in ``raw``, read as the kind they are; ``path`` names the
    input in errors (a file, ``-`` or a URL); ``encoding`` decodes text that is
    not UTF-8."""
    if not raw.strip():
        raise InputError(path, "empty file" if not (path == STDIN or is_url(path)) else "empty input")
    where = url or path
    suffix = PurePosixPath(urlsplit(where).path if is_url(where) else where).suffix
    kind = detect_kind(raw, suffix=suffix, content_type=content_type)
    sha256 = hashlib.sha256(raw).hexdigest()
    if path == STDIN:
        name = f"stdin-{sha256[:12]}"  # one piped document does not replace another
    if kind == "jsonl":
        return _read_jsonl(Path(path), raw, published, layout=layout, encoding=encoding)
    if kind == "html":
        from .html import read_html

        return [read_html(raw, name=name, path=path, sha256=sha256, url=url, published=published, layout=layout)]
    if kind == "pdf":
        from .pdf import read_pdf

        return [read_pdf(raw, name=name, path=path, sha256=sha256, published=published, layout=layout)]
    if kind == "feed":
        from .feed import read_feed

        return read_feed(raw, name=name, path=path, published=published, layout=layout)
    text = _decode(Path(path), raw, encoding)
    return [read_text(text, name=name, path=path, published=published, sha256=sha256, url=url, layout=layout)]


def read_source(source: str, *, published: PartialDate | None = None, layout: bool = True) -> list[Document]:
    """The documents of standard input (``-``) or of what a URL returns, read once."""
    from .fetch import fetch, read_stdin, source_name

    got = read_stdin() if source == STDIN else fetch(source)
    return read_bytes(got.data, name=source_name(source), path=source, url=got.url,
                      content_type=got.content_type, published=published, layout=layout)


def _read_bytes(path: Path, limit: int) -> bytes | int:
    """The file's bytes, or its size when it has more than ``limit`` (0 when
    endless). A regular file's size is checked before it is read; at most
    ``limit + 1`` bytes are read, so neither a huge file nor an endless one (a
    device, a pipe) is held in memory."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            return size
        # read in blocks: ``f.read(limit + 1)`` would set aside the whole limit
        # (100 MB) in memory for a file of a few kilobytes
        chunks, got = [], 0
        while got <= limit:
            block = f.read(min(1 << 20, limit + 1 - got))
            if not block:
                break
            chunks.append(block)
            got += len(block)
        raw = b"".join(chunks)
    return (size or 0) if len(raw) > limit else raw


def iter_documents(
    paths: Sequence[str | Path], *, published: PartialDate | None = None, encoding: str | None = None
) -> Iterator[Document | InputError]:
    """Discover and read, streaming; problems are yielded, not raised. A ``.jsonl``
    file is read a line at a time, and a bad line is yielded as an error with its
    number while the others are read. ``encoding`` reads text that is not UTF-8."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if isinstance(item, str):
            try:
                yield from read_source(item, published=published)
            except InputError as exc:
                yield exc
            continue
        if item.suffix.lower() == ".jsonl":
            yield from _jsonl_documents(item, published, encoding)
            continue
        try:
            yield from read_file(item, published=published, encoding=encoding)
        except InputError as exc:
            yield exc


def _jsonl_documents(path: Path, published: PartialDate | None,
                     encoding: str | None = None) -> Iterator[Document | InputError]:
    lines = iter_jsonl_lines(path)
    while True:
        try:
            n, line = next(lines)
        except StopIteration:
            return
        except InputError as exc:
            yield exc
            return
        try:
            yield jsonl_record(path, n, line, published, encoding=encoding)
        except InputError as exc:
            yield exc
