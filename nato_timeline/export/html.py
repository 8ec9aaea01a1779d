"""One self-contained HTML page: the chronology as a vertical timeline.

The page makes no network request: the CSS (``timeline.css``) is inlined into
the template (``timeline.html``), there is no script, no font or image from
elsewhere, and a Content-Security-Policy (``default-src 'none'``, the style
allowed by its hash) forbids any fetch even if a link were to slip in. Every
piece of document text is HTML-escaped, control characters and bidi overrides
removed. It reads the same with JavaScript off and prints (print CSS).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from itertools import groupby
from string import Template

from .. import __version__
from ..textsafe import one_line
from ..views import EventView
from ._common import count_documents, h, quote_parts, summary_adds, who_line

_DATE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@cache
def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def human_date(date: str) -> str:
    """``2022-01-12`` -> ``12 January 2022``, ``2014-04`` -> ``April 2014``, ``2002`` -> ``2002``;
    with an unknown year (``XXXX-01-12``) -> ``12 January, year unknown``."""
    m = _DATE.match(date)
    if not m:
        return "date unknown"
    y, mo, d = m.groups()
    year = None if y == "XXXX" else y
    month = _MONTHS[int(mo) - 1] if mo and 1 <= int(mo) <= 12 else None
    day = str(int(d)) if d and month else None
    if year is None:
        known = " ".join(p for p in (day, month) if p)
        return f"{known}, year unknown" if known else "date unknown"
    if month is None:
        return year
    return f"{day} {month} {year}" if day else f"{month} {year}"


def _quote_html(s) -> str:
    before, date, after = quote_parts(s.quote, s.start, s.timex_start, s.timex_end)
    body = h(before) + (f"<mark>{h(date)}</mark>" if date else "") + h(after)
    return " ".join(body.split())


def _source_html(s) -> str:
    # the citation a reader can paste: publisher, 'title', date, URL (a link)
    cite = f"<cite>{h(one_line(s.citation))}</cite>"
    if s.url and s.url.startswith(("http://", "https://")):
        cite = cite.replace(h(s.url), f'<a href="{h(s.url)}">{h(s.url)}</a>', 1)
    details = [f"{h(s.document)}, chars {s.start}–{s.end}"]
    details.append(f"date given {h(s.date)} ({h(s.anchor)})")
    return (f"<li><blockquote>{_quote_html(s)}</blockquote>"
            f"<p class=\"cite\">{cite}; {'; '.join(details)}</p></li>")


def event_html(ev: EventView) -> str:
    precision = ev.precision or "undated"
    datetime_attr = f' datetime="{h(ev.date)}"' if ev.precision else ""
    meta = [f'<span class="type">{h(ev.type)}</span>']
    if ev.status != "occurred":
        meta.append(f'<span class="status">{h(ev.status)}</span>')
    if ev.disputed:
        meta.append('<span class="flag">sources disagree on the date</span>')
    parts = [
        f'<li class="event precision-{h(precision)}" id="e-{h(ev.slug)}">',
        f'<div class="when"><time{datetime_attr}>{h(human_date(ev.date))}</time>'
        f'<span class="precision" title="{h(ev.date)}">{h(precision)}</span></div>',
        '<article class="card">',
        f"<h3>{h(one_line(ev.title))}</h3>",
        f'<p class="meta">{" ".join(meta)}</p>',
    ]
    if summary_adds(ev):
        parts.append(f'<p class="summary">{h(one_line(ev.summary))}</p>')
    if who := who_line(ev):
        parts.append(f'<p class="who">{who}</p>')
    parts.append(f'<ol class="sources" aria-label="Sources ({len(ev.sources)})">')
    parts.extend(_source_html(s) for s in ev.sources)
    parts.append("</ol></article></li>")
    return "".join(parts)


def _year_id(year: str) -> str:
    return f"y{year}"


def render(events: Sequence[EventView], *, title: str = "NATO–Russia relations: a chronology") -> str:
    css = _asset("timeline.css")
    style_hash = "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    sections, nav = [], []
    for year, group in groupby(events, key=lambda e: e.year):
        label = year if year != "undated" else "Undated"
        nav.append(f'<a href="#{h(_year_id(year))}">{h(label)}</a>')
        items = "\n".join(event_html(e) for e in group)
        sections.append(
            f'<section class="year" id="{h(_year_id(year))}" aria-label="{h(label)}">'
            f'<h2 class="year-label">{h(label)}</h2>\n<ol class="events">\n{items}\n</ol></section>'
        )
    n, docs = len(events), count_documents(events)
    lede = (f"{n} event{'s' if n != 1 else ''} from {docs} document{'s' if docs != 1 else ''}, "
            "in date order, each with the quotes that support it." if n else "")
    body = "\n".join(sections) if sections else '<p class="empty">No events to show.</p>'
    return Template(_asset("timeline.html")).substitute(
        title=h(title), css=css, style_hash=style_hash, lede=lede,
        year_nav=" ".join(nav), body=body, version=h(__version__),
    )
