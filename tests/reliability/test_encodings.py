"""Text that is not UTF-8 is never stored decoded by a guess that could be wrong:
it is decoded when the evidence is decisive (UTF-8, a byte-order mark, an
encoding the file declares, every candidate encoding giving the same text, or
a detector sure of its guess on enough text), or with the encoding the user
names (``--encoding``); otherwise it is refused with one line naming the likely
encodings and the option."""

from __future__ import annotations

import json

import pytest

from .helpers import error_lines, run_timeline

#: Short Western European lines, each with letters that single-byte encodings disagree on
SHORT_WESTERN = [
    "Mötet i Bryssel blev därför kort.\n",
    "Perché così tanti incontri a Bruxelles?\n",
    "Één vergadering in Brussel.\n",
    "Ministrene møtes på søndag i Oslo.\n",
    "Die Außenminister trafen sich in München.\n",
    "La réunion à Genève a été reportée.\n",
    "El ministro habló en Señorío de Bizkaia mañana.\n",
    "Os ministros reuniram-se em Lisboa não hoje.\n",
    "Fundur í Reykjavík var ræddur í gær.\n",
    "Kokous pidettiin Helsingissä tänään.\n",
    "Une délégation s'est rendue à Varsovie où elle a rencontré ses homologues.\n",
]

FRENCH = (
    "Le sommet de l'OTAN s'est tenu à Bruxelles le 14 juin 2021. Les dirigeants ont réaffirmé leur "
    "engagement envers la défense collective et ont évoqué les relations avec la Russie, jugées très "
    "dégradées. À l'issue de la réunion, le secrétaire général a déclaré que l'Alliance restait ouverte "
    "au dialogue, mais qu'elle ne ferait aucune concession sur ses principes. Plusieurs délégations ont "
    "exprimé leur inquiétude face au renforcement militaire près des frontières de l'Ukraine.\n"
)


def _stored_bodies(db) -> list[str]:
    from .helpers import connect_ro

    if not db.exists():
        return []
    con = connect_ro(db)
    try:
        return [row[0] for row in con.execute("SELECT body FROM documents")]
    finally:
        con.close()


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_short_western_text_is_stored_as_written_or_refused(cli, query, tmp_path, encoding):
    """Never a wrong letter: each file is either stored exactly or refused with one
    line naming the option that decides; never stored differently."""
    for i, text in enumerate(SHORT_WESTERN):
        path = tmp_path / f"{i:02d}.txt"
        path.write_bytes(text.encode(encoding))
        result = cli("ingest", str(path))
        if result.exit_code == 0:
            assert query("SELECT body FROM documents WHERE path LIKE :p", p=f"%{path.name}") == [(text,)]
        else:
            assert result.exit_code == 1, result.stderr
            (line,) = error_lines(result.stderr)
            assert line.startswith(f"error: {path}: invalid UTF-8") and "--encoding NAME" in line, line
    assert all(body in SHORT_WESTERN for (body,) in query("SELECT body FROM documents"))


def test_the_encoding_option_decodes_what_was_refused(tmp_path):
    db = tmp_path / "t.db"
    paths = []
    for i, text in enumerate(SHORT_WESTERN):
        path = tmp_path / f"{i:02d}.txt"
        path.write_bytes(text.encode("cp1252"))
        paths.append(str(path))
    utf8 = tmp_path / "utf8.txt"  # UTF-8 stays UTF-8 whatever the option says
    utf8.write_text("Встреча в Осло прошла 3 марта 2020 года.\n", encoding="utf-8")
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_bytes(json.dumps({"text": "PLACEHOLDER"}).encode().replace(b"PLACEHOLDER", SHORT_WESTERN[0].strip().encode("cp1252")) + b"\n")
    result = run_timeline("ingest", *paths, str(utf8), str(jsonl), "--encoding", "cp1252", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == []
    assert sorted(_stored_bodies(db)) == sorted([*SHORT_WESTERN, utf8.read_text(encoding="utf-8"), SHORT_WESTERN[0].strip()])
    titled = tmp_path / "titled.txt"
    titled.write_bytes("Mötet i Bryssel\n\nNATO met Russia in Brussels on 12 January 2022.\n".encode("latin-1"))
    extract = run_timeline("extract", str(titled), "--encoding", "latin-1", "--format", "json")
    assert extract.returncode == 0 and json.loads(extract.stdout)[0]["title"] == "Mötet i Bryssel"
    wrong = run_timeline("ingest", paths[0], "--encoding", "klingon", "--db", str(db))
    assert wrong.returncode == 2
    assert error_lines(wrong.stderr) == ["error: --encoding: unknown encoding 'klingon' (e.g. latin-1, cp1252, cp1251, koi8-r)"]


def test_a_long_text_the_detector_is_sure_of_is_decoded_and_said(tmp_path):
    path = tmp_path / "article.txt"
    text = "Le sommet de Bruxelles\n\n" + FRENCH * 10
    path.write_bytes(text.encode("latin-1"))
    db = tmp_path / "t.db"
    result = run_timeline("ingest", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == [f"warning: {path}: not UTF-8; decoded as cp1252"]
    assert _stored_bodies(db) == [text]


def test_a_declared_encoding_is_used(tmp_path):
    text = "---\ntitle: Réunion\nencoding: latin-1\n---\n" + SHORT_WESTERN[5]
    path = tmp_path / "declared.md"
    path.write_bytes(text.encode("latin-1"))
    db = tmp_path / "t.db"
    result = run_timeline("ingest", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert _stored_bodies(db) == [SHORT_WESTERN[5]]


def test_candidates_that_give_the_same_text_are_accepted(tmp_path):
    """Every encoding the detector finds for this Russian text gives the same letters."""
    import charset_normalizer

    text = ("Совет Россия–НАТО собрался в Брюсселе 12 января 2022 года. Переговоры продолжались "
            "четыре часа. Заместитель министра иностранных дел заявил, что позиции сторон расходятся.\n")
    raw = text.encode("cp1251")
    assert len({str(m) for m in charset_normalizer.from_bytes(raw)}) == 1
    path = tmp_path / "ru.txt"
    path.write_bytes(raw)
    db = tmp_path / "t.db"
    result = run_timeline("ingest", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert _stored_bodies(db) == [text]
