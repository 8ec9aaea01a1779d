"""Recognition: find temporal expressions and give them (possibly underspecified) values.

One left-to-right scan over the positions that may start an expression (trigger
words and numbers, and the prefix words before them) tries the rules of
``data/en/rules.txt`` (compiled by :mod:`.loader`); at each position the leftmost
match wins and, among rules matching at the same start, the rule listed first, as
one alternation of all rules would match (only the rules whose opening words fit
the text there are tried, :mod:`.dispatch`). Negative (``REMOVE``) rules take part
in the same scan, so their matches are consumed and dropped.

Values that need a reference date are written with ``X`` for the unknown parts
(``XXXX-01-12``, ``XXXX-WXX-3``) and carry the underspecified function in
``Timex.extra["ref"]`` (``md(01,12)``, ``wd(3,t)``, ``rel(W,-1)``...), which
:mod:`.anchor` resolves.

Numeric dates: ISO ``YYYY-MM-DD`` and ``YYYY/MM/DD`` year first; with dots
(``12.01.2022``) day first; a number greater than 12 is the day wherever it stands
(``25/12/2021``, ``12/19/2008``). A slashed date whose first two numbers are both
12 or less (``7/4/14``) is ambiguous and read by :func:`day_first` (see
``data/en/dayfirst.txt``): the text's own unambiguous numeric dates, then the
caller's hint (address or publisher), then a European dateline place at the start
of the text, else month first (English news in the United States).
Two-digit years: 00–49 → 20xx, 50–99 → 19xx.

A weekday followed by a full date (``Wednesday (12 January 2022)``,
``Wednesday, March 24, 1999``) is ONE expression whose value is the date: the
weekday adds no information and must not be anchored separately.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .loader import Rule, RuleSet, load
from .ranges import link_ranges
from .types import (
    ANCHOR_ABSOLUTE,
    ANCHOR_CONTEXT,
    ANCHOR_UNRESOLVED,
    HOLIDAY_MONTH,
    PartialDate,
    Timex,
    calendar_date,
    holiday_date,
)

_TEMPLATE = re.compile(r"\{(\w+)\}")
_FN = re.compile(r"^(md|month|rel|ctx|cmp|wd|season|quarter|anaphor|weekend|hol)\(([^)]*)\)(.*)$")
_ORD_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)$", re.IGNORECASE)
_WS = re.compile(r"[\s\-]+")
_DATE_VALUE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(T.*)?$")
_DUR_TIME = re.compile(r"^P([\dX.]+)T([HMS](?:\d+[MS])?)$")
_DUR_SCALED = re.compile(r"^P(\d+)(DE|CE)$")
#: a signal after a duration ("three days later", "a week before the summit"): the duration
#: then reaches a point, which the anchoring pass computes (``extra["point"]``)
_SIGNAL = re.compile(r"[ \t]+(later|earlier|before|after)\b", re.IGNORECASE)


class _Norm:
    """Group normalisers, driven by the tables of the rule set."""

    def __init__(self, rs: RuleSet):
        n = rs.norms
        self.month = {k.lower(): v for k, v in n["month"].items()}
        self.weekday = {**n["weekday"], **n["weekdayabbr"]}
        self.number = {k.lower(): v for k, v in n["number"].items()}
        self.ordinal = n["ordinal"]
        self.unit = n["unit"]
        self.halfunit = n["halfunit"]
        self.season = n["season"]
        self.pod = n["partofday"]
        self.datemod = n["datemod"]
        self.durmod = n["durmod"]
        self.rel = n["relword"]
        self.ctx = n["ctxword"]
        self.day = n["dayword"]
        self.set = n["setword"]
        self.ago = n["agoword"]
        self.zone = n["zone"]
        self.ampm = n["ampm"]
        self.ref = n["refword"]
        self.decw = {k.lower(): v for k, v in n["decadeword"].items()}
        self.hol = {k.lower().replace("’", "'"): v for k, v in n["holiday"].items()}

    @staticmethod
    def key(s: str) -> str:
        return _WS.sub(" ", s.strip().lower()).strip()

    def number_value(self, s: str) -> str:
        k = self.key(s)
        if re.fullmatch(r"[\d.]+", k):
            v = float(k)
            return str(int(v)) if v == int(v) else str(v)
        if k in self.number:
            return self.number[k]
        total = 0
        for w in k.split():
            v = self.number.get(w)
            if v is None or v == "X":
                return "X"
            total += int(v)
        return str(total)

    def ordinal_value(self, s: str) -> int:
        k = self.key(s).replace(" ", "-")
        if k in self.ordinal:
            return int(self.ordinal[k])
        digits = _ORD_SUFFIX.sub("", k)
        if digits.isdigit():
            return int(digits)
        raise ValueError(s)

    def __call__(self, name: str, raw: str | None, g: dict[str, str | None]) -> str:
        base = name.rstrip("0123456789")
        if raw is None:
            # an absent count is one, absent minutes are :00, an absent day word is today
            return {"n": "1", "q": "1", "mi": "00", "day": "0"}.get(base, "")
        k = self.key(raw)
        if base == "y":
            digits = raw.strip().lstrip("'")
            y = int(digits)
            first = (g.get("y") or "").strip() if name != "y" else ""
            if len(digits) == 2 and len(first) == 4 and first.isdigit():
                # the second end of a range takes the century of the first: "1916–17" ends in 1917
                y += int(first) // 100 * 100
                y += 100 if y < int(first) else 0
            elif len(digits) == 2:
                y += 2000 if y < 50 else 1900
            return f"{y:04d}"
        if base == "bc":  # a year before the common era: "241 BC" → BC0241
            return f"BC{int(k):04d}"
        if base == "m":
            if k.isdigit():
                return f"{int(k):02d}"
            return self.month[k.rstrip(".")]
        if base == "d":
            return f"{int(_ORD_SUFFIX.sub('', k)):02d}"
        if base == "wd":
            return self.weekday[k]
        if base == "n":
            v = self.number_value(raw)
            ago = g.get("ago")
            if ago:
                sign = self.ago[self.key(ago)].split(":")[1][0]
                return f"{sign}{v}"
            return v
        if base == "u":
            return self.unit.get(k) or self.unit[k.rstrip("s")]
        if base == "hu":
            return self.halfunit[k]
        if base == "s":
            return self.season[k]
        if base == "q":
            return str(self.ordinal_value(raw))
        if base == "dec":
            d = k.lstrip("'")
            if len(d) == 2:
                d = ("20" if int(d) < 30 else "19") + d
            return d[:3]
        if base == "c":
            return f"{self.ordinal_value(raw) - 1:02d}"
        if base == "hh":
            h = int(k)
            ap = self.ampm.get(self.key(g.get("ap") or ""), "")
            if ap == "pm" and h < 12:
                h += 12
            elif ap == "am" and h == 12:
                h = 0
            return f"{h:02d}"
        if base == "mi":
            return k
        if base == "ss":
            return ":" + k
        if base == "tz":
            return self.zone.get(k, "")
        if base == "pod":
            return self.pod[k]
        if base == "mod":
            return self.datemod.get(k, self.datemod.get(k.replace("-", " "), ""))
        if base == "dmod":
            return self.durmod[k]
        if base == "rel":
            return self.rel[k]
        if base == "ctx":
            return self.ctx[k]
        if base == "day":
            return self.day[k]
        if base == "set":
            return self.set[k]
        if base == "ago":
            return "rel" if self.ago[k].startswith("dct") else "ctx"
        if base == "ref":
            return self.ref[k]
        if base == "decw":
            return self.decw[k]
        if base == "hol":
            return self.hol[k.replace("’", "'")]
        if base == "sy":
            return self.spoken_year(k)
        return raw

    def spoken_year(self, k: str) -> str:
        """``nineteen ninety-six`` → 1996, ``two thousand and one`` → 2001."""
        words = [w for w in re.split(r"[\s-]+", k) if w not in ("and", "hundred")]
        if words[:2] == ["two", "thousand"]:
            return f"{2000 + sum(int(self.number[w]) for w in words[2:]):04d}"
        return f"{int(self.number[words[0]]) * 100 + sum(int(self.number[w]) for w in words[1:]):04d}"


_NORM_CACHE: dict[int, _Norm] = {}


def _norm_for(rs: RuleSet) -> _Norm:
    n = _NORM_CACHE.get(id(rs))
    if n is None:
        n = _NORM_CACHE[id(rs)] = _Norm(rs)
    return n


def _fill(template: str, norm: _Norm, g: dict[str, str | None]) -> str:
    return _TEMPLATE.sub(lambda m: norm(m.group(1), g.get(m.group(1)), g), template)


_X_BY_UNIT = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "M": "XXXX-XX",
    "Y": "XXXX",
    "Q": "XXXX-QX",
    "WE": "XXXX-WXX-WE",
    "DE": "XXX",
    "CE": "XX",
}


def x_value(fn: str, args: list[str]) -> str:
    """The X-form value of an underspecified function."""
    if fn == "md":
        return f"XXXX-{args[0]}-{args[1]}"
    if fn == "month":
        return f"XXXX-{args[0]}"
    if fn in ("rel", "ctx", "cmp"):
        return _X_BY_UNIT.get(args[0], "XXXX-XX-XX")
    if fn == "anaphor" and args:
        if args[0] == "Q" and len(args) > 1 and args[1]:
            return f"{args[1]}-QX"  # "the 1988 period" before its quarter is known
        return _X_BY_UNIT.get(args[0], "XXXX")
    if fn == "weekend":
        return "XXXX-WXX-WE"
    if fn == "wd":
        return f"XXXX-WXX-{args[0]}"
    if fn == "season":
        return f"XXXX-{args[0]}"
    if fn == "quarter":
        return f"XXXX-Q{args[0]}"
    if fn == "hol":
        return f"XXXX-{args[0]}" if "-" in args[0] else f"XXXX-{HOLIDAY_MONTH[args[0]]:02d}-XX"
    return "XXXX"


def _check_date(value: str) -> str | None:
    """Validate an absolute calendar value; swap day/month when only that makes it valid."""
    m = _DATE_VALUE.match(value)
    if not m:
        return value
    y, mo, d, rest = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4) or ""
    try:
        PartialDate(y, mo, int(d) if d else None)
        return value
    except ValueError:
        pass
    if d and mo > 12 and int(d) <= 12:
        try:
            PartialDate(y, int(d), mo)
            return f"{y:04d}-{int(d):02d}-{mo:02d}{rest}"
        except ValueError:
            return None
    return None


def _postprocess(value: str, typ: str) -> str:
    if typ in ("DURATION", "SET") and value.startswith("P"):
        m = _DUR_SCALED.match(value)
        if m:
            return f"P{int(m.group(1)) * (10 if m.group(2) == 'DE' else 100)}Y"
        m = _DUR_TIME.match(value)
        if m:
            return f"PT{m.group(1)}{m.group(2)}"
    return value


def _make(
    rule: Rule,
    template: str,
    typ: str,
    start: int,
    end: int,
    text: str,
    norm: _Norm,
    g: dict[str, str | None],
) -> Timex | None:
    try:
        value = _fill(template, norm, g)
        mod = _fill(rule.mod, norm, g) if rule.mod else ""
    except (KeyError, ValueError):
        return None
    extra: dict[str, str] = {}
    anchor = ANCHOR_ABSOLUTE
    m = _FN.match(value)
    if m:
        fn, args, suffix = m.group(1), [a.strip() for a in m.group(2).split(",")] if m.group(2) else [], m.group(3)
        if fn == "md":
            try:
                PartialDate(2000, int(args[0]), int(args[1]))  # a leap year allows 29 Feb
            except ValueError:
                return None
        if fn == "hol" and len(args) > 1 and args[1].isdigit():  # "Christmas Day 1914"
            return Timex(start, end, text[start:end], typ, holiday_date(args[0], int(args[1])).isoformat(), rule=rule.name)
        extra["ref"] = f"{fn}({','.join(args)})"
        if suffix:
            extra["suffix"] = suffix
        value = x_value(fn, args) + suffix
        anchor = ANCHOR_UNRESOLVED
    elif value.endswith("_REF"):
        extra["ref"] = "present" if value == "PRESENT_REF" else "ref"
        anchor = ANCHOR_UNRESOLVED
    else:
        checked = _check_date(value)
        if checked is None:
            return None
        value = _postprocess(checked, typ)
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=typ,
        value=value,
        anchor=anchor,
        mod=mod or None,
        rule=rule.name,
        extra=extra,
    )


#: how many words before a trigger word a match may start
MAX_PREFIX_WORDS = 5
# tokens: camel-case seams split ("EffectiveNovember" → Effective, November), digits in runs
_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\W\d_]+")
_SIGNS = "+#('’"


def _candidates(text: str, rs: RuleSet) -> list[int]:
    """Start positions worth trying: trigger words/numbers and the prefix words before them."""
    trig, pre = rs.triggers, rs.prefixes
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    cands: list[int] = []
    for i, (s, w) in enumerate(toks):
        lw = w.lower()
        if w[0].isdigit():
            if s and text[s - 1] in _SIGNS:
                cands.append(s - 1)
        elif not (lw in trig or (lw[-1:] == "s" and lw[:-1] in trig)):
            continue
        # walk back over prefix words ("the end of", "more than", "every two")
        j = i - 1
        k = 0
        back: list[int] = []
        while j >= 0 and k < MAX_PREFIX_WORDS:
            ps, pw = toks[j]
            if pw.lower() not in pre or s - ps > 60:
                break
            back.append(ps)
            j -= 1
            k += 1
        if j >= 0 and not back and w[0].isupper() and toks[j][1][0].isupper() and not w.isupper():
            back.append(toks[j][0])  # "Theresa May": let the negative rules see the name
        cands.extend(reversed(back))
        cands.append(s)
    return cands


def _scan(text: str, rs: RuleSet) -> list[Timex]:
    """At each candidate position, the first rule (in the order of the data) that matches.

    Only the rules whose opening words fit the text there are tried
    (:mod:`.dispatch`); the result is what the combined alternation would match.
    """
    norm = _norm_for(rs)
    rules = rs.rules
    rules_at = rs.dispatch.rules_at
    guard = rs.guard.match
    out: list[Timex] = []
    last_end = -1
    for pos in sorted(set(_candidates(text, rs))):
        if pos < last_end or guard(text, pos) is None:
            continue
        for i, rx in rules_at(text, pos):
            m = rx.match(text, pos)
            if m is not None:
                if i < 0:  # an alternation of rules: the rule's own match, with its group names
                    i = int(m.lastgroup[1:])  # type: ignore[index]
                    m = rules[i].regex.match(text, pos)  # type: ignore[union-attr]
                last_end = m.end()  # type: ignore[union-attr]
                _emit(rules[i], m, text, norm, out)  # type: ignore[arg-type]
                break
    return out


def _emit(rule: Rule, m: re.Match[str], text: str, norm: _Norm, out: list[Timex]) -> None:
    """The timexes of ``rule``'s match ``m`` (its own pattern, with the rule's group names)."""
    if True:
        if rule.remove:
            return
        g = m.groupdict()
        if rule.value2 is None:
            t = _make(rule, rule.value, rule.type, m.start(), m.end(), text, norm, g)
            if t is not None:
                _mark_numeric_order(t, m, g)
                out.append(t)
            return
        a0, a1 = m.span("a")
        b0, b1 = m.span("b")
        ta = _make(rule, rule.value, rule.type, a0, a1, text, norm, g)
        tb = _make(rule, rule.value2, rule.type2 or rule.type, b0, b1, text, norm, g)
        if ta is None or tb is None:
            return
        if ta.value[:4] == tb.value[:4] and ta.value[:4].isdigit() and ta.value[:4] not in ta.text \
                and ta.value[4:5] == tb.value[4:5] == "-" \
                and ta.value[5:7].isdigit() and tb.value[5:7].isdigit() and ta.value[5:7] > tb.value[5:7]:
            # a range runs forward: "from 30 December to 2 January 2023" starts in 2022
            ta = replace(ta, value=f"{int(ta.value[:4]) - 1:04d}{ta.value[4:]}")
        ta.extra["range"] = "first"
        tb.extra["range"] = "second"
        # an end that does not itself write the year it was given is anchored on context
        ta, tb = (
            replace(t, anchor=ANCHOR_CONTEXT)
            if t.anchor == ANCHOR_ABSOLUTE and t.value[:4] not in t.text
            else t
            for t in (ta, tb)
        )
        out.append(ta)
        out.append(tb)


def _mark_numeric_order(t: Timex, m: re.Match[str], g: dict[str, str | None]) -> None:
    """Note how a numeric day-month pair before its year was written (``extra["order"]``).

    ``ambiguous``: read month first, but both numbers are 12 or less (``7/4/14``);
    ``day-first`` / ``month-first``: a number over 12 shows the writer's order.
    """
    mo, d = g.get("m"), g.get("d")
    if not (mo and d and mo.isdigit() and d.isdigit() and "y" in g):
        return
    pm, pd, py = m.start("m"), m.start("d"), m.start("y")
    if not (pm < py and pd < py):
        return
    first, second = (int(mo), int(d)) if pm < pd else (int(d), int(mo))
    if first > 12:
        t.extra["order"] = "day-first"
    elif pm < pd and second > 12:
        t.extra["order"] = "month-first"
    elif pm < pd and first != second:
        t.extra["order"] = "ambiguous"


_DAYFIRST_WORDS: tuple[frozenset[str], tuple[str, ...], re.Pattern[str]] | None = None


def _dayfirst_data() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str]]:
    global _DAYFIRST_WORDS
    if _DAYFIRST_WORDS is None:
        from .loader import DATA_DIR

        tlds, pubs, places = set(), [], []
        for line in (DATA_DIR / "en" / "dayfirst.txt").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("."):
                tlds.add(line.lower())
            elif line.startswith("publisher "):
                pubs.append(line[len("publisher ") :].strip().lower())
            else:
                places.append(line)
        alts = "|".join(re.escape(p).replace("\\ ", r"\s+") for p in sorted(places, key=len, reverse=True))
        # a place opening the text, then dateline punctuation: "BRUSSELS. -", "Athens, 7 April", "ANKARA (AA) -"
        dateline = re.compile(rf"\A\W*(?:{alts})\b\s*(?:[.,:–—-]|\()", re.IGNORECASE)
        _DAYFIRST_WORDS = (frozenset(tlds), tuple(pubs), dateline)
    return _DAYFIRST_WORDS


def day_first_hint(url: str | None = None, publisher: str | None = None) -> bool | None:
    """``True`` when a document's address or publisher writes numeric dates day first.

    ``None`` when neither says anything (a ``.com`` address, an unknown publisher).
    """
    tlds, pubs, _ = _dayfirst_data()
    if url:
        host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
        if any(host.endswith(t) for t in tlds):
            return True
    if publisher:
        p = publisher.lower()
        if any(re.search(rf"\b{re.escape(x)}\b", p) for x in pubs):
            return True
    return None


def day_first(text: str, timexes: list[Timex], hint: bool | None = None) -> bool:
    """Whether the ambiguous numeric dates of ``text`` are day first (module doc, ``dayfirst.txt``)."""
    orders = [t.extra["order"] for t in timexes if t.extra.get("order") in ("day-first", "month-first")]
    if orders:
        return orders[0] == "day-first"
    if hint is not None:
        return hint
    return bool(_dayfirst_data()[2].match(text[:200]))


def _apply_order(text: str, out: list[Timex], hint: bool | None) -> list[Timex]:
    if not any(t.extra.get("order") == "ambiguous" for t in out) or not day_first(text, out, hint):
        return out
    res = []
    for t in out:
        if t.extra.get("order") == "ambiguous":
            v = f"{t.value[:4]}-{t.value[8:10]}-{t.value[5:7]}{t.value[10:]}"
            t = replace(t, value=v, extra=dict(t.extra, order="day-first"))
        res.append(t)
    return res


_CLOCK_AFTER_DAY = re.compile(r",?\s+(?:at\s+)?")


def find_timexes(text: str, *, day_first: bool | None = None) -> list[Timex]:
    """Recognise temporal expressions; values may be underspecified (X) — see module doc.

    ``day_first`` is a hint for ambiguous numeric dates (``7/4/14``), e.g. from
    :func:`day_first_hint` on the document's address; the text's own evidence wins.
    """
    if not text:
        return []
    rs = load()
    out = _apply_order(text, _scan(text, rs), day_first)
    out.sort(key=lambda t: (t.start, t.end))
    # drop any overlap (cannot happen inside one scan, but range parts are checked too)
    clean: list[Timex] = []
    for t in out:
        if clean and t.start < clean[-1].end:
            continue
        if t.type == "DURATION":
            sig = _SIGNAL.match(text, t.end)
            if sig:
                t.extra["signal"] = sig.group(1).lower()
        if clean and t.extra.get("ref") == "rel(D,0)" and "suffix" in t.extra:
            # "tomorrow at 12pm": the clock time is on the day the day word before it names
            prev = clean[-1]
            if prev.rule == "day_word" and _CLOCK_AFTER_DAY.fullmatch(text, prev.end, t.start):
                t = replace(t, extra=dict(t.extra, ref=prev.extra["ref"]))
        clean.append(t)
    return link_ranges(text, clean)


def tag(
    text: str,
    dct: PartialDate | None = None,
    *,
    ignore: Callable[[int, int], bool] = lambda start, end: False,
    day_first: bool | None = None,
) -> list[Timex]:
    """Recognise and anchor: a list sorted by start, without overlaps."""
    from .anchor import anchor_timexes

    return anchor_timexes(find_timexes(text, day_first=day_first), text, dct, ignore=ignore)


# ----------------------------------------------------------------- datelines

_DATELINE_LABEL = re.compile(
    r"(?:^|[|•·–—-])\s*(?:(?:first\s+)?published|updated|last\s+updated|posted|date[d]?|created|modified|"
    r"issued|released|last\s+modified|revision\s+as\s+of|as\s+of)\s*(?:on|at)?\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
_DATELINE_BYLINE = re.compile(r"^\s*by\s+[\w.'’ -]{2,60}?\s*(?:[,|•·–—-]|\s{2,})\s*$", re.IGNORECASE)
_DATELINE_PLACE = re.compile(r"^\s*(?-i:[A-Z][\w.'’-]*)(?:[ -](?-i:[A-Z][\w.'’-]*)){0,3}\s*[,:|–—-]?\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:$|\n|[-–—|•·(]|(?-i:[A-Z]))")
#: a stamp of when the page was fetched, saved or printed, not of when it was published
_NOT_PUBLICATION = re.compile(
    r"\b(?:retrieved|accessed|archived|printed|downloaded|viewed|cached|captured|crawled|saved|generated|edited)\b",
    re.IGNORECASE,
)
#: how far into the text a dateline may be
DATELINE_WINDOW = 600


def find_dateline(text: str, timexes: list[Timex] | None = None) -> tuple[PartialDate, Timex] | None:
    """A publication dateline near the start of ``text`` (only full, absolute dates).

    Accepted: a date after a label (``Published:``, ``Updated``, ``Posted on``...),
    after a byline (``By Anna Smith |``), after a place name at the start of a line
    (``Brussels 12.01.2022``, ``WASHINGTON, March 24, 1999 (CNN) --``), or alone at
    the start of a line and followed by the end of the line, a dash or a capital.
    An ordinary in-sentence date (preceded by lower-case words) is never a dateline.
    """
    if timexes is None:
        timexes = find_timexes(text[: DATELINE_WINDOW + 200])
    for t in timexes:
        if t.start > DATELINE_WINDOW:
            break
        if t.type not in ("DATE", "TIME") or t.anchor != ANCHOR_ABSOLUTE:
            continue
        pd = calendar_date(t.value)
        if pd is None or pd.precision != "day":
            continue
        line_start = text.rfind("\n", 0, t.start) + 1
        prefix = text[line_start : t.start]
        after = text[t.end : t.end + 3]
        if _NOT_PUBLICATION.search(prefix):
            continue  # "Retrieved 5 May 2022": when the page was fetched
        if _DATELINE_LABEL.search(prefix) or _DATELINE_BYLINE.match(prefix):
            return pd, t
        if not prefix.strip() and _DATELINE_AFTER.match(after):
            return pd, t
        if prefix.strip() and _DATELINE_PLACE.match(prefix) and _DATELINE_AFTER.match(after):
            words = prefix.split()
            if words and not re.fullmatch(r"(?i:on|in|since|from|by|until|at|of)", words[-1]):
                return pd, t
    return None
