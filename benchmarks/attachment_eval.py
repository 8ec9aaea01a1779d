"""Which date governs which event: the event layer's attachment rule against TimeBank.

    python benchmarks/attachment_eval.py [TE3_DIR]

TE3_DIR is ``../shared/data/tempeval3-train`` (read in place; nothing is copied). For every
gold link between an event and a date or time (TIMEX3 ``DATE``/``TIME``) of the same sentence whose relation
says the event happens within, at or around that time (``IS_INCLUDED``, ``DURING``,
``SIMULTANEOUS``, ``BEGINS``, ``ENDS``, ``INCLUDES``), the rule
(:func:`nato_timeline.events.clauses.governing_date`, given the sentence, the event's offset
and the gold dates and times of the sentence) picks one of them; the figure is how often it
is the linked one. The baseline picks the nearest expression. Sentences come from the
project's splitter; the figures are given for sentences with two or more expressions
(where a choice is made) and for all. No figure is asserted.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_timeline.events.clauses import clauses, governing_date  # noqa: E402
from nato_timeline.events.dating import attachments  # noqa: E402
from nato_timeline.temporal.types import Timex  # noqa: E402
from nato_timeline.read import split_front_matter  # noqa: E402
from nato_timeline.sentences import split_sentences  # noqa: E402

RELATIONS = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "INCLUDES"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def links(folder: Path):
    """Yield (sentence text, event offset in it, [timex spans in it], index of the linked one)."""
    events = {(e["file"], e["eiid"]): e for e in _jsonl(folder / "events.jsonl")}
    gold = {(t["file"], t["start"], t["end"]): t for t in _jsonl(folder / "gold.jsonl")}
    types = {k: t["type"] for k, t in gold.items()}
    timexes = defaultdict(dict)
    for t in _jsonl(folder / "timex_ids.jsonl"):
        # dates and times only: a duration or a set says how long or how often, not when
        if types.get((t["file"], t["start"], t["end"])) in ("DATE", "TIME"):
            timexes[t["file"]][t["tid"]] = (t["start"], t["end"])
    by_file = defaultdict(list)
    for link in _jsonl(folder / "tlinks.jsonl"):
        if link["rel"] not in RELATIONS:
            continue
        src, tgt = link["source"], link["target"]
        if src.startswith("ei") and tgt.startswith("t") and tgt != "t0":
            by_file[link["file"]].append((src, tgt))
        elif tgt.startswith("ei") and src.startswith("t") and src != "t0":
            by_file[link["file"]].append((tgt, src))
    for name, pairs in sorted(by_file.items()):
        path = folder / "text" / f"{name}.txt"
        if not path.exists():
            continue
        _meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        sentences = split_sentences(body)
        starts = [s.start for s in sentences]
        from bisect import bisect_right

        def sentence_of(at: int):
            k = bisect_right(starts, at) - 1
            return sentences[k] if k >= 0 and at < sentences[k].end else None

        for eiid, tid in pairs:
            ev = events.get((name, eiid))
            span = timexes[name].get(tid)
            if ev is None or span is None:
                continue
            sent = sentence_of(ev["start"])
            if sent is None or not (sent.start <= span[0] < sent.end):
                continue
            inside = sorted(v for v in timexes[name].values() if sent.start <= v[0] and v[1] <= sent.end)
            rel = [(a - sent.start, b - sent.start) for a, b in inside]
            values = [gold[(name, a, b)]["value"] for a, b in inside]
            yield (name, eiid), sent.text, ev["start"] - sent.start, rel, inside.index(span), values


def _table(heads: tuple[str, ...], counts: dict, cells) -> None:
    """One row per kind of sentence (two or more dates, any) of ``cells(*counts[kind])``."""
    print(f"{'sentences with':18}" + "".join(f" {h:>12}" for h in heads))
    for key, label in (("two+", "2+ expressions"), ("all", "any")):
        if counts[key][0]:
            print(f"{label:18}" + "".join(f" {c!s:>12}" for c in cells(*counts[key])))


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "tempeval3-train"
    if not (folder / "tlinks.jsonl").exists():
        print(f"no TimeBank links in {folder}; nothing to measure")
        return 0
    counts = {"all": [0, 0, 0], "two+": [0, 0, 0]}
    # the extractor's own rule: [links, event word dated, dated with the linked date]
    extractor = {"all": [0, 0, 0], "two+": [0, 0, 0]}
    per_event: dict = {}
    for key_ev, text, at, dates, gold, values in links(folder):
        timexes = [Timex(s, e, text[s:e], "DATE", v) for (s, e), v in zip(dates, values)]
        took = [t for s, e, t in attachments(text, timexes) if s <= at < e]
        for key in ("all", "two+") if len(dates) >= 2 else ("all",):
            c = extractor[key]
            c[0] += 1
            c[1] += bool(took)
            c[2] += any(t.value == values[gold] for t in took)
        rule = governing_date(text, at, dates, clauses(text))
        nearest = min(range(len(dates)), key=lambda i: dates[i][0] - at if dates[i][0] >= at else at - dates[i][1])
        # a pick of the same value ("on Thursday, Jan. 6") is the same date
        r_ok, n_ok = values[rule] == values[gold], values[nearest] == values[gold]
        for key in ("all", "two+") if len(dates) >= 2 else ("all",):
            c = counts[key]
            c[0] += 1
            c[1] += r_ok
            c[2] += n_ok
        if len(dates) >= 2:
            seen = per_event.setdefault(key_ev, [False, False])
            seen[0] |= r_ok
            seen[1] |= n_ok
    print("Event-date attachment against TimeBank's gold links (IS_INCLUDED, DURING, SIMULTANEOUS, BEGINS, ENDS, INCLUDES)")
    _table(("links", "clause rule", "nearest"), counts, lambda n, r, b: (n, f"{r / n:.3f}", f"{b / n:.3f}"))
    print()
    print("The extractor's attachment (events.dating.attachments): of the linked event words, how many")
    print("it dates at all (a word that is no trigger, or loses its clause's date to another, is not),")
    print("and of those, how many with the linked date")
    _table(("links", "dated", "right", "accuracy"), extractor,
           lambda n, d, r: (n, d, r, f"{(r / d if d else 0):.3f}"))
    n = len(per_event)
    if n:
        r = sum(v[0] for v in per_event.values())
        b = sum(v[1] for v in per_event.values())
        print(f"{'events, 2+':18} {n:6d} {r / n:12.3f} {b / n:9.3f}   (the pick is one of the event's linked dates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
