"""Score the stored chronology (``timeline list --format json``) against a gold timeline.

    python benchmarks/event_eval.py GOLD_DIR [--db PATH] [--errors]

GOLD_DIR is a nato-russia-dev style folder (``docs/*.txt``, ``docs.jsonl``,
``gold_events.jsonl``, ``gold_timeline.jsonl``), read in place; nothing is copied.

Procedure. Every document is ingested, in file order, into a temporary database (or
``--db PATH``, which is kept): one ``timeline ingest FILE --published D`` per document
with a publication date (``--published`` applies to a whole invocation), one plain
``timeline ingest FILE`` per document whose date is null. Then
``timeline list --format json --include-undated`` is parsed. Source offsets are
character offsets into the document file (the gold documents have no front matter).

Per-document scores. For each document the predicted mentions are the events with at
least one source in that document; an event counts once per document. A predicted
mention matches a gold event of the same file when the date the DOCUMENT gives (the
matched source's own ``date``/``precision``: what this document supports, as the gold
per-document events are) equals the gold date and precision and one of its sources'
span [start, end) overlaps the gold evidence span [evidence_start, evidence_end). The
event's merged date (the most precise date any document gives, which is what the gold
timeline holds) is scored by the cross-document figures below; a "with the merged date"
line gives the per-document P / R when the merged date must equal the document's gold
date instead. Matching is one-to-one, greedy by overlap
size (largest overlap first; ties, i.e. one sentence carrying several gold events, go to
the gold event whose ``anchor_text`` contains the source's date expression, then file
order); when an event has several sources in one document the best-overlapping one is
used. TP / FP / FN per document; micro-averaged precision, recall, F1 overall. A
"lenient" line accepts either date. Undated events (``date`` null) are predictions that can
never match. "Date accuracy of matched events": the same one-to-one greedy matching on
span overlap alone, then the fraction of those pairs whose document date+precision equal
the gold (with the merged event date, and with either, in brackets).

A "consistent" line accepts an event date inside the gold date (equal, or more precise and
consistent with it), the option the gold README's "Suggested scoring" allows: an event
merged with a more precise report of another document keeps that date.

Cross-document scores. A predicted event *corresponds* to a gold timeline event when one
of its sources overlaps (same file) the evidence of a gold mention (``gold_events`` row)
with that event_id. When a source overlaps several gold mentions (one sentence reporting
several events), it corresponds to those whose gold date+precision equal the event's if
(or the source's own date) if any, otherwise to all of them; among those, to the one
with the largest overlap (ties broken by ``anchor_text`` as above; remaining ties: all). When the
event was matched one-to-one to one of those gold mentions in the per-document scoring, it
corresponds to that one (several events of one sentence are not duplicates of each other). This is
many-to-one on purpose, so that splits are visible. An event has the *right date* for
a gold timeline event when its date+precision equal the merged gold date+precision, or
equal one of that event's gold mention dates in a file it corresponds through (a less
precise mention the document supports); the "strict" figure accepts only the merged date.

- merged recall    = gold timeline events with >= 1 corresponding predicted event with the
                     right date / gold timeline events
- merged precision = predicted dated events that correspond to some gold timeline event
                     with the right date / predicted dated events (events with a source in
                     a gold document)
- duplicate rate   = sum over gold timeline events of (corresponding predicted events - 1)
                     / gold timeline events with >= 1 corresponding predicted event
- over-merged      = predicted events corresponding to more than one gold timeline event

``--against OTHER_DIR`` scores a second annotation of the same documents (its
``gold_events.jsonl``) instead of the system, with the same matching: each of its event_ids
is one predicted event whose sources are its mentions. This measures how far two
annotators agree under one guideline, the ceiling any extractor is measured against.

No figure is asserted; the script exits 0 when it could run, 1 when a command failed,
and 0 with a message when GOLD_DIR is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ gold


def load_gold(folder: Path):
    def jsonl(name: str) -> list[dict]:
        return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]

    meta = {d["file"]: d for d in jsonl("docs.jsonl")}
    docs: dict[str, dict] = {}
    for p in sorted((folder / "docs").glob("*.txt")):
        docs[p.name] = {"path": p, "text": p.read_text(encoding="utf-8"), "published": meta.get(p.name, {}).get("published")}
    events = jsonl("gold_events.jsonl")
    timeline = jsonl("gold_timeline.jsonl")
    return docs, events, timeline


# ------------------------------------------------------------------ system


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


def run_system(docs: dict[str, dict], db: str) -> tuple[list[dict], list[str]]:
    """Ingest every document, list the chronology; return (events, problems)."""
    problems: list[str] = []
    base = [sys.executable, "-m", "nato_timeline"]
    for name, d in docs.items():
        cmd = base + ["ingest", str(d["path"])]
        if d["published"]:
            cmd += ["--published", d["published"]]
        cmd += ["--db", db, "--quiet"]
        r = _run(cmd)
        if r.returncode != 0:
            problems.append(f"ingest {name} exited {r.returncode}: {(r.stderr or r.stdout).strip()[-400:]}")
    cmd = base + ["list", "--format", "json", "--include-undated", "--db", db]
    r = _run(cmd)
    if r.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {r.returncode}:\n{r.stderr or r.stdout}")
    out = r.stdout.strip()
    return (json.loads(out) if out else []), problems


def annotation_events(folder: Path, docs: dict[str, dict]) -> list[dict]:
    """A second annotation's mentions as predicted events: one event per event_id, dated by
    its most precise mention, with every mention as a source."""
    rows = [json.loads(line) for line in (folder / "gold_events.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    by_id: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["file"] in docs:
            by_id[r["event_id"]].append(r)
    events = []
    for eid, mentions in by_id.items():
        best = max(mentions, key=lambda r: len(r["date"] or ""))
        events.append({"date": best["date"], "precision": best["precision"], "title": best.get("summary", eid),
                       "sources": [{"document": r["file"], "start": r["evidence_start"], "end": r["evidence_end"],
                                    "date": r["date"], "precision": r["precision"], "quote": r["evidence"]}
                                   for r in mentions]})
    return events


# ------------------------------------------------------------------ scoring


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def same_date(ev: dict, g: dict) -> bool:
    return ev.get("date") is not None and ev.get("date") == g["date"] and ev.get("precision") == g["precision"]


def consistent_date(ev: dict, g: dict) -> bool:
    """The event's date lies inside the gold date (equal, or more precise and consistent):
    the option the gold README allows, for events merged with a more precise report."""
    d = ev.get("date")
    return d is not None and (d == g["date"] or d.startswith(g["date"] + "-"))


def anchor_span(g: dict) -> tuple[int, int]:
    """The part of the evidence that belongs to this event (``anchor_text``), else the evidence."""
    a = g.get("anchor_text")
    i = g["evidence"].find(a) if a else -1
    if i < 0:
        return g["evidence_start"], g["evidence_end"]
    return g["evidence_start"] + i, g["evidence_start"] + i + len(a)


def anchor_hit(s: dict, g: dict) -> int:
    """1 when the source's date expression lies in the gold anchor text (tie-break only)."""
    if s.get("date_start") is None or s.get("date_end") is None:
        return 0
    a0, a1 = anchor_span(g)
    return int(overlap(s["date_start"], s["date_end"], a0, a1) > 0)


def greedy(cands: list[tuple]) -> list[tuple]:
    """cands: (overlap, gold_idx, pred_idx, source_idx, anchor_hit); one-to-one, largest overlap
    first; ties (one sentence, several gold events) go to the gold event whose anchor_text holds
    the source's date expression, then file order."""
    cands = sorted(cands, key=lambda c: (-c[0], -c[4], c[1], c[2], c[3]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for c in cands:
        if c[1] in used_g or c[2] in used_p:
            continue
        used_g.add(c[1])
        used_p.add(c[2])
        pairs.append(c)
    return pairs


def doc_name(source: dict) -> str:
    return Path(str(source.get("document", ""))).name


def score(docs, gold_events, timeline, pred_events):
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold_events:
        gold_by_doc[g["file"]].append(g)
    # predicted mentions per doc: [(event_idx, [source, ...])]
    pred_by_doc: dict[str, dict[int, list[dict]]] = defaultdict(dict)
    for ei, ev in enumerate(pred_events):
        for s in ev.get("sources") or []:
            name = doc_name(s)
            if name in docs:
                pred_by_doc[name].setdefault(ei, []).append(s)

    per_doc = []
    fps: list[tuple[str, dict, dict, str]] = []
    misses: list[tuple[dict, str]] = []
    span_pairs_total = span_pairs_right = span_pairs_src_right = lenient_tp = consistent_tp = span_pairs_consistent = 0
    merged_tp = span_pairs_merged_right = 0
    matched_gold: dict[tuple[str, int], str] = {}  # (file, event idx) -> gold event_id matched one-to-one
    for name in docs:
        golds = gold_by_doc.get(name, [])
        preds = list(pred_by_doc.get(name, {}).items())  # [(ei, sources)]
        strict, lenient, spanonly, consistent, merged_strict = [], [], [], [], []
        overlapping_g: dict[int, list[int]] = defaultdict(list)
        for gi, g in enumerate(golds):
            for pj, (ei, srcs) in enumerate(preds):
                for sk, s in enumerate(srcs):
                    ov = overlap(s["start"], s["end"], g["evidence_start"], g["evidence_end"])
                    if ov > 0:
                        c = (ov, gi, pj, sk, anchor_hit(s, g))
                        spanonly.append(c)
                        overlapping_g[gi].append(pj)
                        if same_date(s, g):
                            strict.append(c)
                        if same_date(pred_events[ei], g):
                            merged_strict.append(c)
                        if same_date(pred_events[ei], g) or same_date(s, g):
                            lenient.append(c)
                        if consistent_date(pred_events[ei], g):
                            consistent.append(c)
        pairs = greedy(strict)
        merged_tp += len(greedy(merged_strict))
        lenient_tp += len(greedy(lenient))
        consistent_tp += len(greedy(consistent))
        span_pairs = greedy(spanonly)
        span_pairs_consistent += sum(1 for _, gi, pj, _, _ in span_pairs if consistent_date(pred_events[preds[pj][0]], golds[gi]))
        for _, gi, pj, _, _ in greedy(strict) + [c for c in span_pairs]:
            matched_gold.setdefault((name, preds[pj][0]), golds[gi]["event_id"])
        span_pairs_total += len(span_pairs)
        span_pairs_right += sum(1 for _, gi, pj, sk, _ in span_pairs if same_date(preds[pj][1][sk], golds[gi]))
        span_pairs_merged_right += sum(1 for _, gi, pj, _, _ in span_pairs
                                       if same_date(pred_events[preds[pj][0]], golds[gi]))
        span_pairs_src_right += sum(1 for _, gi, pj, sk, _ in span_pairs
                                    if same_date(pred_events[preds[pj][0]], golds[gi]) or same_date(preds[pj][1][sk], golds[gi]))
        matched_g = {c[1] for c in pairs}
        matched_p = {c[2] for c in pairs}
        span_of_p = {c[2]: golds[c[1]] for c in span_pairs}
        span_of_g = {c[1]: preds[c[2]] for c in span_pairs}
        src_of_p = {c[2]: preds[c[2]][1][c[3]] for c in span_pairs}
        tp = len(pairs)
        per_doc.append({"doc": name, "gold": len(golds), "pred": len(preds), "tp": tp,
                        "fp": len(preds) - tp, "fn": len(golds) - tp,
                        "undated": sum(1 for ei, _ in preds if pred_events[ei].get("date") is None)})
        for pj, (ei, srcs) in enumerate(preds):
            if pj in matched_p:
                continue
            ev = pred_events[ei]
            g = span_of_p.get(pj)
            if ev.get("date") is None:
                why = "undated"
            elif g is not None:
                sd = src_of_p[pj]
                why = (f"wrong date: the document says {sd.get('date')} ({sd.get('precision')}), "
                       f"gold {g['date']} ({g['precision']}) {g['event_id']}")
            else:
                why = "no gold event at this span"
            fps.append((name, ev, srcs[0], why))
        for gi, g in enumerate(golds):
            if gi in matched_g:
                continue
            p = span_of_g.get(gi)
            if p is not None:
                ev = pred_events[p[0]]
                sd = src_of_p[preds.index(p)]
                why = (f"span found with date {sd.get('date')} ({sd.get('precision')}) \"{ev.get('title')}\""
                       f" (event date {ev.get('date')})")
            elif overlapping_g.get(gi):
                taken = sorted({pred_events[preds[pj][0]].get("title") for pj in overlapping_g[gi]})
                why = "sentence found, but its event(s) matched another gold event: " + ", ".join(map(repr, taken))
            else:
                why = "no predicted event at this span"
            misses.append((g, why))

    tp = sum(d["tp"] for d in per_doc)
    n_pred = sum(d["pred"] for d in per_doc)
    n_gold = sum(d["gold"] for d in per_doc)

    # ---------------- cross-document
    tl = {t["event_id"]: t for t in timeline}
    corr: dict[int, set[str]] = defaultdict(set)  # event idx -> gold event_ids
    via: dict[tuple[int, str], set[tuple[str, str]]] = defaultdict(set)  # (ei, eid) -> {(date, precision)} of mentions
    for name, evmap in pred_by_doc.items():
        golds = gold_by_doc.get(name, [])
        for ei, srcs in evmap.items():
            ev = pred_events[ei]
            for s in srcs:
                hits = [(overlap(s["start"], s["end"], g["evidence_start"], g["evidence_end"]), g) for g in golds]
                hits = [(ov, g) for ov, g in hits if ov > 0]
                if not hits:
                    continue
                dated = [(ov, g) for ov, g in hits if same_date(ev, g) or same_date(s, g)]
                pool = dated or hits
                # the gold mention this event was matched to one-to-one in its document wins
                own = [(ov, g) for ov, g in pool if g["event_id"] == matched_gold.get((name, ei))]
                pool = own or pool
                best = max((ov, anchor_hit(s, g)) for ov, g in pool)
                chosen = [g for ov, g in pool if (ov, anchor_hit(s, g)) == best]
                for g in chosen:
                    corr[ei].add(g["event_id"])
                    via[(ei, g["event_id"])].add((g["date"], g["precision"]))

    def right(ei: int, eid: str, strict: bool = False) -> bool:
        ev = pred_events[ei]
        if ev.get("date") is None:
            return False
        d = (ev["date"], ev.get("precision"))
        t = tl.get(eid)
        if t and d == (t["date"], t["precision"]):
            return True
        return (not strict) and d in via[(ei, eid)]

    in_gold_docs = sorted(set().union(*[set(m) for m in pred_by_doc.values()])) if pred_by_doc else []
    dated_preds = [ei for ei in in_gold_docs if pred_events[ei].get("date") is not None]
    by_gold: dict[str, list[int]] = defaultdict(list)
    for ei, eids in corr.items():
        for eid in eids:
            by_gold[eid].append(ei)
    recalled = [eid for eid in tl if any(right(ei, eid) for ei in by_gold.get(eid, []))]
    recalled_strict = [eid for eid in tl if any(right(ei, eid, True) for ei in by_gold.get(eid, []))]
    precise = [ei for ei in dated_preds if any(right(ei, eid) for eid in corr.get(ei, ()))]
    touched = [eid for eid in tl if by_gold.get(eid)]
    dups = sum(len(by_gold[eid]) - 1 for eid in touched)
    multi_doc = [eid for eid in tl if len(tl[eid].get("files", [])) > 1]
    multi_doc_one = [eid for eid in multi_doc
                     if len(by_gold.get(eid, [])) == 1
                     and {Path(doc_name(s)).name for s in pred_events[by_gold[eid][0]].get("sources", [])} >= set(tl[eid]["files"])]
    over_merged = [ei for ei, eids in corr.items() if len(eids) > 1]

    return {
        "per_doc": per_doc, "fps": fps, "misses": misses,
        "tp": tp, "n_pred": n_pred, "n_gold": n_gold,
        "span_pairs": span_pairs_total, "span_right": span_pairs_right,
        "span_src_right": span_pairs_src_right, "lenient_tp": lenient_tp,
        "merged_tp": merged_tp, "span_merged_right": span_pairs_merged_right,
        "consistent_tp": consistent_tp, "span_consistent": span_pairs_consistent,
        "tl_total": len(tl), "tl_recalled": len(recalled), "tl_recalled_strict": len(recalled_strict),
        "dated_preds": len(dated_preds), "undated_preds": len(in_gold_docs) - len(dated_preds),
        "precise": len(precise), "touched": len(touched), "dups": dups,
        "dup_detail": [(eid, by_gold[eid]) for eid in touched if len(by_gold[eid]) > 1],
        "tl_missed": [(tl[eid], by_gold.get(eid, [])) for eid in tl if eid not in set(recalled)],
        "multi_doc": len(multi_doc), "multi_doc_one": len(multi_doc_one),
        "over_merged": [(ei, sorted(corr[ei])) for ei in over_merged],
        "other_events": len(pred_events) - len(in_gold_docs),
    }


# ------------------------------------------------------------------ report


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "  n/a"


def _excerpt(s: str, n: int = 110) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def report(r, pred_events, show_errors: bool) -> None:
    print()
    print(f"{'document':<52} {'gold':>4} {'pred':>4} {'TP':>3} {'FP':>3} {'FN':>3} {'undated':>7}")
    for d in r["per_doc"]:
        print(f"{d['doc'][:52]:<52} {d['gold']:>4} {d['pred']:>4} {d['tp']:>3} {d['fp']:>3} {d['fn']:>3} {d['undated']:>7}")
    tot_u = sum(d["undated"] for d in r["per_doc"])
    print(f"{'TOTAL':<52} {r['n_gold']:>4} {r['n_pred']:>4} {r['tp']:>3} {r['n_pred'] - r['tp']:>3} {r['n_gold'] - r['tp']:>3} {tot_u:>7}")

    p = r["tp"] / r["n_pred"] if r["n_pred"] else 0.0
    rc = r["tp"] / r["n_gold"] if r["n_gold"] else 0.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    print()
    print("Per-document events (the date the document gives equals the gold date+precision, span overlap, "
          "one-to-one greedy by overlap)")
    print(f"  precision                  {p:.3f}   ({r['tp']}/{r['n_pred']})")
    print(f"  recall                     {rc:.3f}   ({r['tp']}/{r['n_gold']})")
    print(f"  F1                         {f:.3f}")
    lp = r["lenient_tp"] / r["n_pred"] if r["n_pred"] else 0.0
    lr = r["lenient_tp"] / r["n_gold"] if r["n_gold"] else 0.0
    lf = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    print(f"  with the merged date       {_pct(r['merged_tp'], r['n_pred'])} / {_pct(r['merged_tp'], r['n_gold'])}   "
          f"({r['merged_tp']} TP; P / R when the event's merged date must equal the document's gold date)")
    print(f"  lenient P / R / F1         {lp:.3f} / {lr:.3f} / {lf:.3f}   ({r['lenient_tp']} TP; the source's own date may match instead of the event's)")
    cp = r["consistent_tp"] / r["n_pred"] if r["n_pred"] else 0.0
    cr = r["consistent_tp"] / r["n_gold"] if r["n_gold"] else 0.0
    print(f"  consistent P / R           {cp:.3f} / {cr:.3f}   ({r['consistent_tp']} TP; a more precise event date "
          f"inside the gold date counts, as the gold README allows)")
    print(f"  span-matched (any date)    {r['span_pairs']}/{r['n_gold']} gold spans found")
    print(f"  date accuracy of matched   {_pct(r['span_right'], r['span_pairs'])}   ({r['span_right']}/{r['span_pairs']}; "
          f"merged event date: {r['span_merged_right']}; either: {r['span_src_right']}; "
          f"merged date consistent: {r['span_consistent']})")
    print()
    print("Cross-document timeline")
    print(f"  merged recall              {_pct(r['tl_recalled'], r['tl_total'])}   ({r['tl_recalled']}/{r['tl_total']}; "
          f"strict merged date only: {r['tl_recalled_strict']})")
    print(f"  merged precision           {_pct(r['precise'], r['dated_preds'])}   ({r['precise']}/{r['dated_preds']} dated events; "
          f"{r['undated_preds']} undated not counted)")
    print(f"  duplicate rate             {_pct(r['dups'], r['touched'])}   ({r['dups']} extra records over {r['touched']} gold events found)")
    print(f"  multi-doc events merged    {r['multi_doc_one']}/{r['multi_doc']}   (one record citing every gold file)")
    print(f"  over-merged records        {len(r['over_merged'])}   (records corresponding to >1 gold event)")
    if r["other_events"]:
        print(f"  ({r['other_events']} stored events have no source in the gold documents and are ignored)")

    if not show_errors:
        return
    print()
    print(f"FALSE POSITIVES ({len(r['fps'])})")
    for name, ev, s, why in r["fps"]:
        print(f"  FP {name[:2]} {str(ev.get('date')):<10} {str(ev.get('precision')):<5} {ev.get('title')!r}  [{why}]")
        print(f"       @{s.get('start')}-{s.get('end')} \"{_excerpt(s.get('quote', ''))}\"")
    print()
    print(f"MISSES ({len(r['misses'])})")
    for g, why in r["misses"]:
        print(f"  FN {g['file'][:2]} {g['date']:<10} {g['precision']:<5} {g['event_id']} ({g['status']}): {_excerpt(g['summary'], 90)}  [{why}]")
        print(f"       @{g['evidence_start']}-{g['evidence_end']} \"{_excerpt(g.get('anchor_text') or g['evidence'])}\"")
    if r["tl_missed"]:
        print()
        print(f"TIMELINE MISSES ({len(r['tl_missed'])} gold timeline events without a record at the right date)")
        for t, eis in r["tl_missed"]:
            got = "; ".join(f"{pred_events[ei].get('date')} {pred_events[ei].get('title')!r}" for ei in eis) or "nothing"
            print(f"  {t['date']:<10} {t['event_id']} ({', '.join(f[:2] for f in t.get('files', []))}): found {got}")
    if r["dup_detail"]:
        print()
        print("DUPLICATES (one gold event, several records)")
        for eid, eis in r["dup_detail"]:
            recs = "; ".join(f"{pred_events[ei].get('date')} {pred_events[ei].get('title')!r}" for ei in eis)
            print(f"  {eid}: {recs}")
    if r["over_merged"]:
        print()
        print("OVER-MERGED (one record, several gold events)")
        for ei, eids in r["over_merged"]:
            ev = pred_events[ei]
            print(f"  {ev.get('date')} {ev.get('title')!r}: {', '.join(eids)}")


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--db", help="database file to ingest into (kept); default: a temporary one, removed afterwards")
    ap.add_argument("--errors", action="store_true", help="list false positives, misses, duplicates")
    ap.add_argument("--against", type=Path, metavar="OTHER_DIR",
                    help="score a second annotation of the same documents (OTHER_DIR/gold_events.jsonl) instead of the system")
    args = ap.parse_args(argv)

    cmdline = getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv]
    print("$ " + shlex.join(cmdline))

    folder = args.gold_dir
    needed = ["docs", "docs.jsonl", "gold_events.jsonl", "gold_timeline.jsonl"]
    if not folder.is_dir() or any(not (folder / n).exists() for n in needed):
        print(f"skipped: {folder} is absent or not a gold timeline folder (needs {', '.join(needed)})")
        return 0

    docs, gold_events, timeline = load_gold(folder)
    if args.against is not None:
        if not (args.against / "gold_events.jsonl").is_file():
            print(f"error: {args.against}/gold_events.jsonl not found", file=sys.stderr)
            return 1
        pred_events = annotation_events(args.against, docs)
        print(f"gold_dir={folder} docs={len(docs)} gold events={len(gold_events)} timeline={len(timeline)} "
              f"against={args.against} events={len(pred_events)}")
        report(score(docs, gold_events, timeline, pred_events), pred_events, args.errors)
        return 0
    tmp = None
    if args.db:
        db = args.db
    else:
        tmp = tempfile.mkdtemp(prefix="event_eval_")
        db = str(Path(tmp) / "timeline.db")
    t0 = time.perf_counter()
    try:
        try:
            pred_events, problems = run_system(docs, db)
        except RuntimeError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    print(f"gold_dir={folder} docs={len(docs)} gold events={len(gold_events)} timeline={len(timeline)} "
          f"db={'(temporary)' if tmp else db} stored events={len(pred_events)} ({elapsed:.1f}s)")
    for pr in problems:
        print(f"warning: {pr}")

    r = score(docs, gold_events, timeline, pred_events)
    report(r, pred_events, args.errors)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
