"""The layout of a document as blocks: headings, paragraphs, list items and table rows.

A structured source (an HTML page, a feed entry) is written into a body by
:class:`BodyBuilder`, one block per line or lines, so that a reader of lines
sees a chronology written as a list or a table as lines that start with their
date. Plain text gets its blocks from its own layout (:func:`text_blocks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..records import Block

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\r]")
_BULLET = re.compile(r"([ \t]*)(?:[-*•‣◦–]|\d{1,3}[.)])[ \t]+\S")
_HEADING = re.compile(r"(#{1,6})[ \t]+\S")
_ROW = re.compile(r"\|.*\|[ \t]*")
_RULE_ROW = re.compile(r"\|[\s:|-]*-[\s:|-]*\|?[ \t]*")

#: What stands between two cells of a table row in the body.
CELL_SEPARATOR = " | "


def clean_line(text: str) -> str:
    """``text`` as one line: runs of spaces (including no-break ones) made one
    space, line breaks made spaces, invisible characters dropped."""
    text = _INVISIBLE.sub("", text).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def clean_lines(text: str) -> str:
    """``text`` with each line cleaned (:func:`clean_line`) and blank lines dropped:
    the text of a block that keeps its line breaks (a paragraph with ``<br>``)."""
    lines = (clean_line(line) for line in _INVISIBLE.sub("", text).split("\n"))
    return "\n".join(line for line in lines if line)


class BodyBuilder:
    """Writes blocks into a body: a blank line between blocks, a single line
    break between the items of one list or the rows of one table."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._group: object = None
        self.blocks: list[Block] = []

    def add(self, text: str, kind: str, level: int = 0, group: object = None) -> None:
        """Add a block of ``text`` (already cleaned: no blank line inside). Blocks
        with the same ``group`` that follow each other (the items of one list,
        the rows of one table) are written on consecutive lines."""
        if not text:
            return
        if self._parts:
            sep = "\n" if group is not None and group == self._group else "\n\n"
            self._parts.append(sep)
            self._length += len(sep)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.blocks.append(Block(start, self._length, kind, level))
        self._group = group

    def body(self) -> str:
        return "".join(self._parts)


def text_blocks(body: str) -> list[Block]:
    """The blocks of plain text: a Markdown heading (``## Key dates``), a bullet or
    numbered item (``- 12 January 2022 ...``, ``1. ...``; its indentation sets the
    level), a table row written between pipes, and otherwise a paragraph: lines
    up to a blank line or one of the others."""
    blocks: list[Block] = []
    para: list[int] | None = None  # [start, end] of the paragraph being read
    pos = 0
    for line in body.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            para = _close(blocks, para)
            continue
        lead = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        heading = _HEADING.match(stripped)
        if bullet or heading or _ROW.fullmatch(stripped):
            para = _close(blocks, para)
            if _RULE_ROW.fullmatch(stripped):
                continue
            if heading:
                blocks.append(Block(start + lead, start + len(line.rstrip()), "heading", len(heading.group(1))))
            elif bullet:
                level = len(bullet.group(1).expandtabs(4)) // 2
                blocks.append(Block(start + lead, start + len(line.rstrip()), "list-item", level))
            else:
                blocks.append(Block(start + lead, start + len(line.rstrip()), "table-row"))
            continue
        if para is None:
            para = [start + lead, start + len(line.rstrip())]
        else:
            para[1] = start + len(line.rstrip())
    _close(blocks, para)
    return blocks


def _close(blocks: list[Block], para: list[int] | None) -> None:
    if para is not None:
        blocks.append(Block(para[0], para[1], "paragraph"))
    return None


def within_blocks(regions: Iterable[tuple[int, int]], blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """The parts of ``regions`` that lie inside a block, one region per block part:
    what sentences are looked for in, so that none crosses a block's edge."""
    spans = sorted((b.start, b.end) for b in blocks)
    out: list[tuple[int, int]] = []
    i = 0
    for start, end in sorted(regions):
        while i < len(spans) and spans[i][1] <= start:
            i += 1
        j = i
        while j < len(spans) and spans[j][0] < end:
            lo, hi = max(start, spans[j][0]), min(end, spans[j][1])
            if lo < hi:
                out.append((lo, hi))
            j += 1
    return out
