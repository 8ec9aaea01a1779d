"""Word lists of the readers, one entry a line (``#`` starts a comment line)."""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """The entries of the list ``name``, lower-cased, in order."""
    text = (DATA / name).read_text(encoding="utf-8")
    return tuple(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))
