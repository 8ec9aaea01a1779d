"""Rows and columns in every tabular format, from plain records.

A listing (events, search hits, sources, actors, the result of an SQL query)
is a header and rows of plain values. This module writes them as an aligned
text table (one line a row, no trailing spaces: for pipes, ``grep`` and
``cut``), JSON, JSON Lines, CSV, TSV or Markdown, with the columns
``--fields`` chooses, in its order. The pretty Rich tables for a terminal stay
in :mod:`render`; this module imports neither Rich nor the database.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .errors import UsageError
from .textsafe import one_line

#: Every format a listing can be printed in (``--format``).
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")


@dataclass(frozen=True)
class Listing:
    """What one kind of record offers: its fields (name → value), and the
    columns each format shows when ``--fields`` is not given."""

    fields: dict[str, Callable]
    table: tuple[str, ...]
    delimited: tuple[str, ...]

    def choose(self, fields: str | None) -> tuple[str, ...] | None:
        """The fields ``--fields a,b,c`` names, in its order; None when not given.
        An unknown name is a usage error that lists the known ones."""
        return parse_fields(fields, tuple(self.fields))

    def rows(self, items: Iterable, names: Sequence[str]) -> list[list]:
        getters = [self.fields[n] for n in names]
        return [[get(item) for get in getters] for item in items]


def parse_fields(fields: str | None, known: Sequence[str] | None) -> tuple[str, ...] | None:
    if fields is None:
        return None
    names = tuple(dict.fromkeys(f.strip() for f in fields.split(",") if f.strip()))
    if not names:
        raise UsageError("--fields is empty: give column names separated by commas")
    if known is not None:
        unknown = [n for n in names if n not in known]
        if unknown:
            raise UsageError(f"--fields: no field {unknown[0]!r}; choose from {', '.join(known)}")
    return names


def text_value(value) -> str:
    """A value as one line of text: lists joined by "; ", None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(text_value(v) for v in value)
    return one_line(str(value))


def _json_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # dates, decimals


def text_table(header: Sequence[str], rows: Sequence[Sequence]) -> str:
    """Columns aligned with two spaces between them, numbers to the right; one
    line a row, whatever the width, and no trailing spaces."""
    cells = [[text_value(v) for v in row] for row in rows]
    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) and not isinstance(r[i], bool)
                                  or r[i] is None for r in rows) for i in range(len(header))]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = []
    for row in [list(header)] + cells:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(row, widths, numeric)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def delimited(header: Sequence[str], rows: Iterable[Sequence], *, tab: bool = False) -> str:
    """CSV (RFC 4180), or TSV: tab-separated, one line a row, a tab or line break
    inside a value turned into a space."""
    out = io.StringIO()
    if tab:
        for row in [header, *rows]:
            out.write("\t".join(text_value(v).replace("\t", " ") for v in row) + "\n")
        return out.getvalue()
    from .textsafe import cell

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(cell(text_value(v) if isinstance(v, (list, tuple, bool, float)) or v is None else v)
                        for v in row)
    return out.getvalue()


def json_records(header: Sequence[str], rows: Iterable[Sequence], *, lines: bool = False) -> str:
    """A JSON array of objects (indented), or JSON Lines: one compact object a line."""
    records = [{k: _json_value(v) for k, v in zip(header, row)} for row in rows]
    if lines:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def markdown(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    def md(v) -> str:
        return text_value(v).replace("|", "\\|")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render(fmt: str, header: Sequence[str], rows: Sequence[Sequence]) -> str:
    """``rows`` under ``header`` in ``fmt`` (any of :data:`FORMATS`)."""
    if fmt == "table":
        return text_table(header, rows)
    if fmt in ("json", "jsonl"):
        return json_records(header, rows, lines=fmt == "jsonl")
    if fmt in ("csv", "tsv"):
        return delimited(header, rows, tab=fmt == "tsv")
    if fmt == "markdown":
        return markdown(header, rows)
    raise UsageError(f"--format: no format {fmt!r}; choose from {', '.join(FORMATS)}")


def json_lines(items: Iterable) -> str:
    """Records with a ``to_json``, one compact JSON object a line."""
    return "".join(json.dumps(i.to_json(), ensure_ascii=False) + "\n" for i in items)
