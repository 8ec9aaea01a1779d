"""Event recall/precision of ``extract_events`` on the shared development set.

Reads ``nato-russia-dev`` in place (never copied into the repository): documents, gold
timexes (their resolved values stand in for the temporal engine) and gold events. Sentences
come from a naive splitter (line breaks and ". "). A candidate matches a gold event of the
same file when its date equals the gold date at the gold precision and its sentence overlaps
the gold evidence span; matching is one-to-one.

Run: ``.venv/bin/python tests/eval_devset.py [-v]``
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nato_timeline.events import extract_events  # noqa: E402
from nato_timeline.merge import group_candidates  # noqa: E402
from nato_timeline.records import Document, Span  # noqa: E402
from nato_timeline.temporal.types import PartialDate, Timex  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "nato-russia-dev"

_ABBREV = re.compile(r"(?:\b[A-Z]|\bMr|\bMrs|\bMs|\bDr|\bGen|\bSt|\bNo|\bJan|\bFeb|\bMar|\bApr|\bJun|\bJul|\bAug|\bSep|\bSept|\bOct|\bNov|\bDec|\bvs|\be\.g|\bi\.e)$")


def naive_sentences(body: str, protect: list[tuple[int, int]] = ()) -> list[Span]:
    """Split on line breaks and on ". " (not after abbreviations or inside a protected span)."""
    spans: list[Span] = []
    for m in re.finditer(r"[^\n]+", body):
        ls, le = m.start(), m.end()
        start = ls
        for d in re.finditer(r"[.!?][\"”’)]?\s+(?=\S)", body[ls:le]):
            p = ls + d.start()
            if any(a <= p < b for a, b in protect):
                continue
            if body[p] == "." and _ABBREV.search(body[ls:p]):
                continue
            end = ls + d.end()
            _add(spans, body, start, end)
            start = end
        _add(spans, body, start, le)
    return spans


def _add(spans: list[Span], body: str, s: int, e: int) -> None:
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append(Span(s, e, body[s:e]))


def load() -> tuple[dict, dict, dict, dict]:
    docs_meta = {}
    for line in (DEV / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs_meta[d["file"]] = d
    timex: dict[str, list[Timex]] = {}
    for line in (DEV / "gold_timex.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        typ = d["type"].upper()
        timex.setdefault(d["file"], []).append(
            Timex(d["start"], d["end"], d["text"], typ, d["value"], anchor="absolute", mod=d.get("mod"))
        )
    gold: dict[str, list[dict]] = {}
    for line in (DEV / "gold_events.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold.setdefault(d["file"], []).append(d)
    bodies = {f: (DEV / "docs" / f).read_text(encoding="utf-8") for f in docs_meta}
    return docs_meta, timex, gold, bodies


def make_document(name: str, body: str, published: str | None, timexes: list[Timex]) -> Document:
    sents = naive_sentences(body, [(t.start, t.end) for t in timexes])
    return Document(
        name=name,
        path=str(DEV / "docs" / name),
        body=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        published=PartialDate.parse(published) if published else None,
        sentences=tuple(sents),
    )


def _matches(c, g) -> bool:
    if c.date is None:
        return False
    gd = PartialDate.parse(g["date"])
    if c.date.precision == "year" and gd.precision != "year":
        return False
    if c.date.precision == "month" and gd.precision == "day":
        return False
    if c.date.with_precision(gd.precision) != gd:
        return False
    return c.start < g["evidence_end"] and g["evidence_start"] < c.end


def evaluate(verbose: bool = False, grouped: bool = False) -> dict:
    docs_meta, timex, gold, bodies = load()
    tp = fp = fn = 0
    per_doc = {}
    for f in sorted(docs_meta):
        doc = make_document(f, bodies[f], docs_meta[f]["published"], timex.get(f, []))
        cands = extract_events(doc, timex.get(f, []))
        if grouped:
            cands = [cands[g[0]] for g in group_candidates(cands)]
        golds = gold.get(f, [])
        used: set[int] = set()
        hit = 0
        unmatched = []
        for c in cands:
            j = next((j for j, g in enumerate(golds) if j not in used and _matches(c, g)), None)
            if j is None:
                unmatched.append(c)
            else:
                used.add(j)
                hit += 1
        tp += hit
        fp += len(cands) - hit
        fn += len(golds) - hit
        per_doc[f] = (hit, len(cands), len(golds))
        if verbose:
            print(f"== {f}: {hit}/{len(golds)} gold found, {len(cands)} candidates")
            for c in cands:
                mark = "FP" if c in unmatched else "ok"
                print(f"   {mark} {c.date_value:12} {c.type:15} {c.status:9} {c.title!r} {list(c.actors)} {list(c.places)}")
            for j, g in enumerate(golds):
                if j not in used:
                    print(f"   MISS {g['date']:10} {g['summary']}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1, "per_doc": per_doc}


if __name__ == "__main__":
    v = "-v" in sys.argv
    for grouped in (False, True):
        res = evaluate(verbose=v and not grouped, grouped=grouped)
        label = "after group_candidates" if grouped else "raw candidates"
        print(
            f"{label}: tp={res['tp']} fp={res['fp']} fn={res['fn']} "
            f"precision={res['precision']:.3f} recall={res['recall']:.3f} f1={res['f1']:.3f}"
        )
