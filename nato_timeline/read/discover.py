"""Which inputs the command line names: files, folders walked for the files
they hold, standard input (``-``) and URLs."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .text import InputError, _os_reason

#: The suffixes read in a folder (a file named explicitly is read whatever its suffix).
SUPPORTED_SUFFIXES = (".txt", ".md", ".jsonl", ".html", ".htm", ".pdf", ".rss", ".atom")

#: The path that stands for standard input.
STDIN = "-"


def is_url(source: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return source[:8].lower().startswith(("http://", "https://"))


def discover(paths: Sequence[str | Path]) -> Iterator[Path | str | InputError]:
    """Expand paths into files to read, in a deterministic order.

    A directory is walked recursively (sorted by name, hidden entries and
    unsupported suffixes skipped, symlinked directories followed once). A file
    named explicitly is kept whatever its suffix. A missing path gives an
    :class:`InputError`. ``-`` (standard input) and a URL are passed on as
    they are, as strings.
    """
    for raw in paths:
        if not isinstance(raw, Path) and (raw == STDIN or is_url(raw)):
            yield raw
            continue
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
