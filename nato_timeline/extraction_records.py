"""Extraction records: what the pipeline found in one document, as one line of JSON.

``timeline extract --format jsonl`` writes one record a line and ``timeline load``
stores them, so extraction can run anywhere (another machine, another engine)
and storing stays in one place with ingest's rules. A record holds everything
storing needs and nothing else: the :class:`~nato_timeline.records.Document`
(with its body, sentences and furniture), its
:class:`~nato_timeline.temporal.types.Timex` list and its
:class:`~nato_timeline.records.EventCandidate` list, so that
``from_record(to_record(x)) == x`` field for field. ``docs/extraction-records.md``
describes the format; a change to it is a new ``VERSION``.

Pure: no database, no pipeline; reading a file of records yields each line's
extraction or the reason it cannot be one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .read import InputError, iter_jsonl_lines
from .records import Block, Document, EventCandidate, Extraction, Furniture, Span
from .temporal.types import PartialDate, Timex

#: the ``record`` field of every record: says what the line is
KIND = "nato-timeline/extraction"
#: the version written, and the versions this program reads
VERSION = 1
READS = (1,)


class RecordError(ValueError):
    """A line that is not a record this program can store, and why."""


class UnknownVersion(RecordError):
    """A record of a version this program does not read."""


class NotARecord(RecordError):
    """A line that does not say it is an extraction record."""


# ------------------------------------------------------------------ writing


def to_record(ex: Extraction) -> dict:
    """The record of one extraction, as plain JSON values."""
    doc = ex.document
    return {
        "record": KIND,
        "version": VERSION,
        "document": {
            "name": doc.name, "path": doc.path, "sha256": doc.sha256, "title": doc.title,
            "published": doc.published.value if doc.published else None,
            "published_from": doc.published_from, "url": doc.url, "publisher": doc.publisher,
            "body": doc.body,
            "sentences": [[s.start, s.end, *_unless_body(doc.body, s)] for s in doc.sentences],
            "furniture": [[f.start, f.end, f.reason, *_unless_body(doc.body, f)] for f in doc.furniture],
            "kind": doc.kind,
            "blocks": [[b.start, b.end, b.kind, b.level] for b in doc.blocks],
        },
        "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "anchor": t.anchor, "mod": t.mod, "rule": t.rule, "range_partner": t.range_partner,
             "extra": dict(t.extra)}
            for t in ex.timexes
        ],
        "events": [
            {"date": c.date.value if c.date else None, "date_value": c.date_value, "title": c.title,
             "type": c.type, "quote": c.quote, "start": c.start, "end": c.end,
             "timex_start": c.timex_start, "timex_end": c.timex_end, "actors": list(c.actors),
             "places": list(c.places), "confidence": c.confidence, "status": c.status}
            for c in ex.events
        ],
    }


def _unless_body(body: str, span: Span | Furniture) -> list[str]:
    """A span's text, written only when it is not ``body[start:end]`` (it always is
    today: the record stays exact if that changes)."""
    return [] if body[span.start : span.end] == span.text else [span.text]


def dumps(ex: Extraction) -> str:
    """One line of JSON (ASCII, so any text survives any encoding of the file)."""
    return json.dumps(to_record(ex), ensure_ascii=True, separators=(",", ":"))


# ------------------------------------------------------------------ reading


def from_record(obj: object) -> Extraction:
    """The extraction a record holds; raises :class:`RecordError` (or
    :class:`UnknownVersion`) saying what is wrong."""
    if not isinstance(obj, dict) or obj.get("record") != KIND:
        raise NotARecord(f'not an extraction record (no "record": "{KIND}")')
    version = obj.get("version")
    if version not in READS or isinstance(version, bool):
        raise UnknownVersion(
            f"extraction record version {json.dumps(version)} is not one this nato-timeline reads "
            f"(it reads version {', '.join(map(str, READS))}): load it with the version that wrote it, or a newer one")
    try:
        d = obj["document"]
        body = _str(d["body"])
        doc = Document(
            name=_str(d["name"]), path=_str(d["path"]), body=body, sha256=_str(d["sha256"]),
            title=_opt(d["title"]), published=_date(d["published"]),
            published_from=_str(d["published_from"]), url=_opt(d["url"]), publisher=_opt(d["publisher"]),
            sentences=tuple(Span(*_located(body, s)) for s in _list(d["sentences"])),
            furniture=tuple(_furniture(body, f) for f in _list(d["furniture"])),
            # written since the readers of web pages, PDFs and feeds: absent from older records
            kind=_str(d.get("kind", "text")),
            blocks=tuple(Block(_int(b[0]), _int(b[1]), _str(b[2]), _int(b[3])) for b in _list(d.get("blocks", []))),
        )
        timexes = tuple(
            Timex(start=_int(t["start"]), end=_int(t["end"]), text=_str(t["text"]), type=_str(t["type"]),
                  value=_str(t["value"]), anchor=_str(t["anchor"]), mod=_opt(t["mod"]), rule=_str(t["rule"]),
                  range_partner=None if t["range_partner"] is None else _int(t["range_partner"]),
                  extra={_str(k): _str(v) for k, v in _dict(t["extra"]).items()})
            for t in _list(obj["timexes"])
        )
        events = tuple(
            EventCandidate(
                date=_date(e["date"]), date_value=_str(e["date_value"]), title=_str(e["title"]),
                type=_str(e["type"]), quote=_str(e["quote"]), start=_int(e["start"]), end=_int(e["end"]),
                timex_start=_int(e["timex_start"]), timex_end=_int(e["timex_end"]),
                actors=tuple(_str(a) for a in _list(e["actors"])),
                places=tuple(_str(p) for p in _list(e["places"])),
                confidence=_float(e["confidence"]), status=_str(e["status"]))
            for e in _list(obj["events"])
        )
    except KeyError as exc:
        raise RecordError(f"extraction record without {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise RecordError(f"extraction record with a bad value: {exc}") from None
    return Extraction(document=doc, timexes=timexes, events=events)


def read_records(path: Path) -> Iterator[tuple[int, Extraction | str]]:
    """Each record of the file ``path`` with its line number, or the reason the line
    cannot be stored (``"PATH: line N: reason"``). The file is read a line at a
    time. Raises :class:`InputError` for a file that cannot be read, for a
    record of an unknown version (its file was written by another version of
    the program) and for a file whose first line is JSON but no record (a file
    of documents, say): the rest of such a file is not read."""
    first = True
    # a record holds its document's body and what was found in it: no document's cap
    for n, line in iter_jsonl_lines(path, max_bytes=None):
        try:
            yield n, from_record(json.loads(line.decode("utf-8")))
        except UnknownVersion as exc:
            raise InputError(path, f"line {n}: {exc}") from None
        except NotARecord as exc:
            if first:
                raise InputError(path, f"line {n}: {exc}; a file of documents is read by `timeline ingest`") from None
            yield n, f"{path}: line {n}: {exc}"
        except UnicodeDecodeError:
            yield n, f"{path}: line {n}: invalid UTF-8"
        except json.JSONDecodeError as exc:
            yield n, f"{path}: line {n}: not valid JSON ({exc.msg})"
        except RecordError as exc:
            yield n, f"{path}: line {n}: {exc}"
        first = False


def _located(body: str, item: object) -> tuple[int, int, str]:
    values = _list(item)
    if len(values) not in (2, 3):
        raise ValueError(f"a span is [start, end] or [start, end, text], not {json.dumps(values)[:40]}")
    start, end = _int(values[0]), _int(values[1])
    return start, end, _str(values[2]) if len(values) == 3 else body[start:end]


def _furniture(body: str, item: object) -> Furniture:
    values = _list(item)
    if len(values) not in (3, 4):
        raise ValueError(f"furniture is [start, end, reason] or [start, end, reason, text], "
                         f"not {json.dumps(values)[:40]}")
    start, end, text = _located(body, [values[0], values[1], *values[3:]])
    return Furniture(start, end, text, _str(values[2]))


def _date(value: object) -> PartialDate | None:
    return None if value is None else PartialDate.parse(_str(value))


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {json.dumps(value)[:40]}")
    return value


def _opt(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, found {json.dumps(value)[:40]}")
    return value


def _float(value: object) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"expected a number, found {json.dumps(value)[:40]}")
    return float(value)


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {json.dumps(value)[:40]}")
    return value


def _dict(value: object) -> dict:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {json.dumps(value)[:40]}")
    return value
