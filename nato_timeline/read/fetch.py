"""URLs and standard input: their bytes, read once, with a size cap.

A URL is fetched with the standard library: a clear User-Agent, redirects
followed (at most ``MAX_REDIRECTS``), a timeout on connecting and on each read
and a deadline for the whole download, and a size cap (the ``Content-Length``
is checked before reading, and the download stops one byte past the cap when
the server does not say). Each failure is one :class:`InputError` line.
"""

from __future__ import annotations

import socket
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import __version__
from .text import MAX_DOCUMENT_BYTES, InputError, _size

#: Seconds to wait for a connection or for the next bytes of an answer.
TIMEOUT = 30.0
#: Seconds a whole download may take.
DEADLINE = 300.0
#: Redirects followed before giving up.
MAX_REDIRECTS = 10
USER_AGENT = f"nato-timeline/{__version__} (reads news and documents into a chronology)"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Fetched:
    """What was read from standard input or a URL: ``source`` as given (``-`` or
    the URL), ``url`` where it was read from after redirects (``None`` for
    standard input), the ``Content-Type`` the server gave, and the bytes."""

    source: str
    url: str | None
    content_type: str | None
    data: bytes


def source_name(source: str) -> str:
    """A short name for a URL (its host and path) or for standard input."""
    if source == "-":
        return "stdin"
    if "://" not in source:
        return source.rstrip("/").rsplit("/", 1)[-1] or source  # a pipe or a device: its name
    parts = urlsplit(source)
    name = parts.netloc + parts.path.rstrip("/")
    return name + (f"?{parts.query}" if parts.query else "")


def read_stdin(max_bytes: int = MAX_DOCUMENT_BYTES) -> Fetched:
    """Standard input, read whole (at most ``max_bytes``)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("-", "standard input cannot be read")
    try:
        if stream.isatty():  # nothing was piped in: waiting would look like a hang
            raise InputError("-", "standard input is a terminal: pipe a document into it (curl -s URL | timeline ingest -)")
    except (AttributeError, ValueError):  # a stream that cannot say
        pass
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError("-", (exc.strerror or str(exc)).lower()) from None
    if len(data) > max_bytes:
        raise InputError("-", f"too large (more than {_size(max_bytes)}): a document may have at most "
                              f"{_size(max_bytes)}; split it")
    if not data.strip():
        raise InputError("-", "empty input")
    return Fetched("-", None, None, data)


def fetch(url: str, *, timeout: float = TIMEOUT, deadline: float = DEADLINE,
          max_bytes: int = MAX_DOCUMENT_BYTES) -> Fetched:
    """The answer to a GET of ``url``; :class:`InputError` for an error status, a
    server that cannot be reached or does not answer in time, too many redirects
    or an answer larger than ``max_bytes``."""
    import urllib.error
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

    opener = urllib.request.build_opener(Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as answer:
            length = answer.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(url, _too_large(int(length), max_bytes))
            chunks, size = [], 0
            while chunk := answer.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, _too_large(None, max_bytes))
                if time.monotonic() - started > deadline:
                    raise InputError(url, f"the download took more than {deadline:g} s")
                chunks.append(chunk)
            return Fetched(url, answer.geturl(), answer.headers.get("Content-Type"), b"".join(chunks))
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS}) or a redirect loop") from None
        raise InputError(url, f"HTTP {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise InputError(url, f"no answer within {timeout:g} s") from None
        raise InputError(url, f"cannot fetch: {_reason(reason)}") from None
    except (socket.timeout, TimeoutError):
        raise InputError(url, f"no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # a connection reset, a malformed answer or URL
        raise InputError(url, f"cannot fetch: {_reason(exc)}") from None


def _too_large(size: int | None, max_bytes: int) -> str:
    said = _size(size) if size is not None else f"more than {_size(max_bytes)}"
    return f"too large ({said}): a document may have at most {_size(max_bytes)}; split it"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    text = str(reason).strip().splitlines()
    return text[0] if text else type(reason).__name__
