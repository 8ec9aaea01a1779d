"""PDF documents: the text layer, page by page (pypdf).

Each page's text is one or more paragraphs of the body, pages in order and
separated by a blank line; a page without text (a scan, a picture) is passed
over. A PDF with no text on any page, an encrypted one and a broken one each
get one :class:`InputError` line that says what to do.
"""

from __future__ import annotations

import io
import re

from ..records import Document
from ..temporal.types import PartialDate
from .data import lines
from .text import InputError, read_text
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def read_pdf(
    raw: bytes,
    *,
    name: str,
    path: str,
    sha256: str,
    published: PartialDate | None = None,
    layout: bool = True,
) -> Document:
    """The document of a PDF file's bytes."""
    where = path or name
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError:
        raise InputError(where, "reading PDF needs pypdf: pip install pypdf") from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise InputError(where, "encrypted PDF: decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)")
        pages = [_page_text(page) for page in reader.pages]
        info_title = _info_title(reader)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError) as exc:
        raise InputError(where, f"not a readable PDF ({_short(exc)})") from None
    texts = [t for t in pages if t]
    if not texts:
        raise InputError(
            where,
            f"no text layer in the PDF ({len(pages)} page{'s' if len(pages) != 1 else ''} of images?): "
            "run OCR first (e.g. ocrmypdf in.pdf out.pdf)",
        )
    return read_text(
        "\n\n".join(texts),
        name=name,
        path=path,
        published=published,
        sha256=sha256,
        title=info_title,
        front_matter=False,
        layout=layout,
        kind="pdf",
    )


def _opens_without_password(reader) -> bool:
    """True for a PDF encrypted with an empty user password (only printing or
    copying restricted), which any reader opens."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unsupported algorithm (pypdf needs cryptography for AES)
        return False


def _page_text(page) -> str:
    text = (page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _info_title(reader) -> str | None:
    """The title in the PDF's metadata, unless it is a file name or a tool's
    placeholder ("Microsoft Word - draft.docx")."""
    try:
        title = (reader.metadata or {}).get("/Title")
    except Exception:  # damaged metadata: the text is still read
        return None
    title = " ".join(str(title).split()) if title else ""
    lowered = title.lower()
    placeholders, suffixes = lines("placeholder_titles.txt"), lines("file_suffixes.txt")
    if len(title.split()) < 2 or lowered.startswith(placeholders) or lowered.endswith(suffixes):
        return None
    return title


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__
