"""Document text made safe for the program it goes to: a terminal or a web page
(no control characters, escape sequences or bidi overrides) and a spreadsheet
(no cell that starts like a formula). No imports beyond ``re``, so the export
renderers and the Rich renderers share it without loading each other."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: What JSON leaves raw that a terminal acts on: C1 controls (0x9b starts an
#: escape sequence) and the bidi overrides and isolates (json escapes C0 itself)
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str | None) -> str:
    """``text`` without control characters, escape sequences and bidi overrides
    (newlines and tabs kept)."""
    return _CONTROL.sub("", text or "")


def visible(text: str | None) -> str:
    """``text`` cleaned, on one line: a newline or tab in it (a file name may
    hold both) is shown as ``\\n`` or ``\\t``."""
    return clean(text).replace("\n", "\\n").replace("\t", "\\t")


def one_line(text: str | None) -> str:
    """``text`` cleaned, with every run of whitespace made one space."""
    return " ".join(clean(text).split())


def cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula, cleaned as by
    :func:`clean` (newlines and tabs kept)."""
    text = clean("" if value is None else str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_json(value: object) -> str:
    """``value`` as indented JSON, letters as they are, with every character a
    terminal would act on written as a ``\\uXXXX`` escape: the data is whole and
    printing it is harmless."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
