"""The read stage: files, folders, standard input and URLs in, :class:`Document`
records out.

``discover`` expands the paths given on the command line; ``read_file`` and
``read_source`` turn one input into documents, with the reader of its kind:
plain text and Markdown (:mod:`.text`), ``.jsonl`` records (:mod:`.jsonl`), HTML
pages (:mod:`.html`), PDF (:mod:`.pdf`) and RSS/Atom feeds (:mod:`.feed`);
:mod:`.fetch` reads standard input and URLs. Every kind ends in ``read_text``,
which parses any front matter, finds the title, detects page furniture and
splits the content into sentences. Problems with an input are reported as
:class:`InputError` with a one-line message naming the input and the reason.

Line endings are normalised to ``\\n`` before anything else, so every offset is
into ``Document.body`` as stored (the text after the front-matter block, or the
text extracted from a page, a PDF or a feed entry).
"""

from .discover import STDIN, SUPPORTED_SUFFIXES, discover, is_url
from .jsonl import iter_jsonl_lines, jsonl_record
from .source import Origin, detect_kind, iter_documents, read_bytes, read_file, read_source
from .text import (
    MAX_DOCUMENT_BYTES,
    DecodedWarning,
    InputError,
    content_regions,
    parse_published,
    read_text,
    sentence_regions,
    split_front_matter,
    title_candidate,
)

__all__ = [
    "MAX_DOCUMENT_BYTES", "STDIN", "SUPPORTED_SUFFIXES", "DecodedWarning", "InputError", "Origin",
    "content_regions", "detect_kind", "discover", "is_url", "iter_documents", "iter_jsonl_lines",
    "jsonl_record", "parse_published", "read_bytes", "read_file", "read_source", "read_text",
    "sentence_regions", "split_front_matter", "title_candidate",
]
