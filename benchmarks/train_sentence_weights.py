"""Learn the weights of ``nato_timeline/events/weighing.py`` from annotated sets.

    python benchmarks/train_sentence_weights.py [GOLD_DIR ...] [--cv] [--write]
                                                [--threshold P] [--c C]

Each GOLD_DIR is a nato-russia-dev style folder (``docs/*.txt``, ``docs.jsonl``,
``gold_events.jsonl``), read in place; nothing is copied. Without one, the development
set ``../shared/data/nato-russia-dev`` is used.

Rows. Every document is extracted with the rules alone (``weigh=False``) and its events
are grouped as the store groups them. Those groups are matched one-to-one to the gold
events of the document (same date and precision, overlapping evidence), as
``event_eval.py`` matches them. Every (sentence, date) pair that no rule claimed and that
:func:`nato_timeline.events.weighing.weighed_pairs` offers is a row: its features, and
label 1 when it matches a gold event that no rule found (one-to-one, in document order).

Model. Logistic regression with an L2 penalty of ``1/(2C)`` on the weights (not on the
bias), fitted by Newton's method in plain Python: exact, deterministic, and no new
dependency for a model of a hundred features.

``--cv`` trains on all sets but one and scores the one left out, for each set in turn:
per-document precision / recall / F1 of the rules alone and of the rules with the
weighed events at ``--threshold``, counted as ``event_eval.py`` counts them. This is the
honest figure: a set is never scored by weights that saw it. ``--write`` writes the
weights trained on all the sets given to ``nato_timeline/events/data/sentence_weights.tsv``
with the sets and the command in its header.

No figure is asserted; exits 0 when it could run, and 0 with a message when no set exists.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from event_eval import anchor_span  # noqa: E402  (the gold event's own part of its evidence)

WEIGHTS = ROOT / "nato_timeline" / "events" / "data" / "sentence_weights.tsv"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _hits(spans, date: str | None, precision: str | None, g: dict) -> bool:
    a0, a1 = anchor_span(g)
    return date == g["date"] and precision == g["precision"] and any(min(b, a1) > max(a, a0) for a, b in spans)


def document_rows(path: Path, published: str | None, gold: list[dict]):
    """(rule groups found right, rule groups, gold events, weighed rows, rule rows) of one
    document. A rule row describes a group's first date as a weighed pair would be
    described, with the feature ``rule``: what the rules find teaches the model which
    shapes of sentence tell events, on far more examples than the pairs they leave."""
    from bisect import bisect_right

    from nato_timeline.events.extract import usable_dates
    from nato_timeline.events.weighing import features, weighed_pairs
    from nato_timeline.merge import group_candidates
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import parse_published, read_file

    doc = read_file(path, published=parse_published(published) if published else None)[0]
    ex = extract_document(doc, weigh=False)
    doc = ex.document
    usable = usable_dates(doc, ex.timexes)
    groups = [[ex.events[i] for i in g] for g in group_candidates(ex.events)]
    used: set[int] = set()
    right = 0
    rule_rows = []
    sentences = list(doc.sentences)
    starts = [s.start for s in sentences]
    for members in groups:
        label = 0
        for j, g in enumerate(gold):
            if j not in used and any(_hits([(c.start, c.end)], c.date.value if c.date else None, c.precision, g)
                                     for c in members):
                used.add(j)
                right += 1
                label = 1
                break
        c = members[0]
        t = next((x for x in usable if x.start == c.timex_start and x.date is not None), None)
        k = bisect_right(starts, c.timex_start) - 1
        if t is None or k < 0 or not sentences[k].start <= t.start < sentences[k].end:
            continue
        sent = sentences[k]
        n = sum(1 for x in usable if x.date is not None and sent.start <= x.start and x.end <= sent.end)
        others = any(o is not members and o[0].start < sent.end and sent.start < o[0].end for o in groups)
        f = features(doc, k, sent, t, n, others)
        f["rule"] = 1.0
        rule_rows.append((f, label))
    rows = []
    for sent, t, _title, _pred, f in weighed_pairs(doc, usable, ex.events):
        if f is None:
            continue  # a plan ahead of the report: taken as it is, not weighed
        label = 0
        for j, g in enumerate(gold):
            if j not in used and _hits([(sent.start, sent.end)], t.date.value, t.date.precision, g):
                used.add(j)
                label = 1
                break
        rows.append((f, label))
    return right, len(groups), len(gold), rows, rule_rows


def set_rows(folder: Path) -> list[tuple[int, int, int, list]]:
    meta = {d["file"]: d for d in _jsonl(folder / "docs.jsonl")}
    gold = defaultdict(list)
    for g in _jsonl(folder / "gold_events.jsonl"):
        gold[g["file"]].append(g)
    return [document_rows(p, meta.get(p.name, {}).get("published"), gold[p.name])
            for p in sorted((folder / "docs").glob("*.txt"))]


# ------------------------------------------------------------------ the model


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """``a x = b`` by Gaussian elimination with partial pivoting (a is small and dense)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        p = m[col][col]
        if abs(p) < 1e-12:
            continue
        for r in range(col + 1, n):
            k = m[r][col] / p
            if k:
                row, top = m[r], m[col]
                for c in range(col, n + 1):
                    row[c] -= k * top[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))
        x[r] = s / m[r][r] if abs(m[r][r]) > 1e-12 else 0.0
    return x


def fit(rows: list[tuple[dict, int]], c: float = 1.0, iterations: int = 25) -> dict[str, float]:
    """Weights by name (``bias`` the intercept) of an L2-penalised logistic regression."""
    names = sorted({k for f, _y in rows for k in f})
    index = {k: i + 1 for i, k in enumerate(names)}  # 0 is the bias
    n = len(names) + 1
    data = [([(0, 1.0)] + [(index[k], v) for k, v in f.items()], y) for f, y in rows]
    w = [0.0] * n
    for _ in range(iterations):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for i in range(1, n):
            grad[i] = w[i] / c
            hess[i][i] = 1.0 / c
        for x, y in data:
            z = sum(w[i] * v for i, v in x)
            p = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
            d = p - y
            s = p * (1.0 - p)
            for i, v in x:
                grad[i] += d * v
                row = hess[i]
                for j, u in x:
                    row[j] += s * v * u
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    out = {"bias": w[0]}
    out.update({k: w[index[k]] for k in names})
    return out


def _score(docs, weights: dict[str, float] | None, threshold: float) -> tuple[int, int, int]:
    """(true, predicted, gold) of a set: the rules' events, and the weighed ones kept."""
    from nato_timeline.events.weighing import probability

    tp = pred = gold = 0
    for right, groups, n_gold, rows, _rule in docs:
        tp += right
        pred += groups
        gold += n_gold
        if weights is not None:
            kept = [y for f, y in rows if probability(f, weights) >= threshold]
            tp += sum(kept)
            pred += len(kept)
    return tp, pred, gold


def _prf(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--cv", action="store_true", help="leave one set out, score it")
    ap.add_argument("--write", action="store_true", help="write the weights trained on all sets")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--c", type=float, default=1.0, help="inverse strength of the L2 penalty")
    ap.add_argument("--pairs-only", action="store_true", help="train on the weighed pairs alone, not the rules' events")
    args = ap.parse_args(argv)
    from nato_timeline.events.weighing import THRESHOLD

    threshold = THRESHOLD if args.threshold is None else args.threshold
    folders = args.sets or [SHARED / "data" / "nato-russia-dev"]
    folders = [f for f in folders if (f / "gold_events.jsonl").exists()]
    if not folders:
        print("no annotated set found; nothing to train on")
        return 0
    sets = {f.name: set_rows(f) for f in folders}
    total = sum(len(d[3]) for docs in sets.values() for d in docs)
    positive = sum(y for docs in sets.values() for d in docs for _f, y in d[3])

    def training(names) -> list[tuple[dict, int]]:
        return [r for name in names for d in sets[name] for r in d[3] + ([] if args.pairs_only else d[4])]

    print(f"{len(sets)} sets, {sum(len(d) for d in sets.values())} documents, {total} weighed pairs, {positive} of them events")
    if args.cv and len(sets) > 1:
        sums = [0, 0, 0], [0, 0, 0]
        for name, docs in sets.items():
            w = fit(training([other for other in sets if other != name]), args.c)
            base, both = _score(docs, None, threshold), _score(docs, w, threshold)
            for acc, s in zip(sums, (base, both)):
                for i in range(3):
                    acc[i] += s[i]
            print(f"{name:24} rules {_prf(*base)}   with weighed {_prf(*both)}")
        print(f"{'all (micro)':24} rules {_prf(*sums[0])}   with weighed {_prf(*sums[1])}")
    if args.write:
        rows = training(list(sets))
        w = fit(rows, args.c)
        shared = [f.name for f in folders if f.resolve().parent == (SHARED / "data").resolve()]
        others = [f.name for f in folders if f.name not in shared]
        cmd = "python benchmarks/train_sentence_weights.py SET... --c " + str(args.c) + \
            (" --pairs-only" if args.pairs_only else "") + " --write"
        head = [
            "# Weights of the model of nato_timeline/events/weighing.py: feature<TAB>weight, 'bias' the intercept.",
            f"# Learned by: {cmd}",
            f"# from {len(sets)} annotated sets: {', '.join(shared) or 'none'} (in ../shared/data)"
            + (f" and {', '.join(others)} (annotated under the same guideline, kept outside the repository)"
               if others else "") + ";",
            f"# {sum(len(d) for d in sets.values())} documents, {len(rows)} rows "
            f"({total} weighed pairs, the rest the rules' events), {sum(y for _f, y in rows)} of them events.",
        ]
        body = [f"{k}\t{v:.6f}" for k, v in sorted(w.items(), key=lambda kv: (kv[0] != "bias", kv[0]))]
        WEIGHTS.write_text("\n".join(head + body) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)} ({len(w)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
