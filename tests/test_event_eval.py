"""The event scorer's ``--against`` mode: a second annotation scored with the same matching."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import event_eval  # noqa: E402

TEXT = ("NATO suspended the council on 1 April 2014. Russia annexed Crimea in March 2014. "
        "Ministers met again on 20 April 2016.\n")


def _mention(eid: str, phrase: str, date: str, precision: str) -> dict:
    start = TEXT.index(phrase)
    return {"file": "a.txt", "event_id": eid, "date": date, "precision": precision, "summary": eid,
            "evidence": phrase, "evidence_start": start, "evidence_end": start + len(phrase), "status": "occurred"}


def _set(folder: Path, mentions: list[dict]) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "docs.jsonl").write_text(json.dumps({"file": "a.txt", "published": "2016-04-21"}) + "\n", encoding="utf-8")
    (folder / "gold_events.jsonl").write_text("".join(json.dumps(m) + "\n" for m in mentions), encoding="utf-8")
    timeline = [{"event_id": m["event_id"], "date": m["date"], "precision": m["precision"], "files": ["a.txt"]}
                for m in mentions]
    (folder / "gold_timeline.jsonl").write_text("".join(json.dumps(t) + "\n" for t in timeline), encoding="utf-8")
    return folder


GOLD = [_mention("SUSPEND", "NATO suspended the council on 1 April 2014.", "2014-04-01", "day"),
        _mention("CRIMEA", "Russia annexed Crimea in March 2014.", "2014-03", "month"),
        _mention("MEET", "Ministers met again on 20 April 2016.", "2016-04-20", "day")]


def _figures(capsys, argv: list[str]) -> str:
    assert event_eval.main(argv) == 0
    return capsys.readouterr().out


def test_an_annotation_agrees_with_itself(tmp_path, capsys):
    gold = _set(tmp_path / "gold", GOLD)
    out = _figures(capsys, [str(gold), "--against", str(gold)])
    assert "precision                  1.000   (3/3)" in out
    assert "recall                     1.000   (3/3)" in out


def test_a_second_annotation_that_dates_one_event_otherwise_and_misses_one(tmp_path, capsys):
    gold = _set(tmp_path / "gold", GOLD)
    other = [dict(GOLD[0]), _mention("CRIMEA", "Russia annexed Crimea in March 2014.", "2014", "year")]
    second = tmp_path / "second"
    second.mkdir()
    (second / "gold_events.jsonl").write_text("".join(json.dumps(m) + "\n" for m in other), encoding="utf-8")
    out = _figures(capsys, [str(gold), "--against", str(second)])
    assert "precision                  0.500   (1/2)" in out
    assert "recall                     0.333   (1/3)" in out


def test_a_missing_second_annotation_is_an_error(tmp_path, capsys):
    gold = _set(tmp_path / "gold", GOLD)
    assert event_eval.main([str(gold), "--against", str(tmp_path / "nowhere")]) == 1
    assert "gold_events.jsonl not found" in capsys.readouterr().err
