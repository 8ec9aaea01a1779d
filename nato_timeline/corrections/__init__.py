"""An analyst's corrections, kept as a log apart from what extraction stores.

A correction (accept, reject, edit, merge, split, forget) is recorded once in
``corrections`` and names its events by *anchors*: the document's source, the
quoted sentence, where it stood and where the date expression stood in it
(``correction_anchors``), never by row id. Re-extraction gives events new ids;
the quotes come back, so the corrections find their events again.

After every write (an ingest of a new or changed document, a correction, an
undo) :func:`apply.reapply` takes the events that were written, recomputes
them from their sources, and applies in log order every correction that names
them. A correction whose quotes are all gone is marked ``stale`` with the
reason and reported, never dropped: ``timeline log`` shows it, and it applies
again if its quotes come back.

Modules: :mod:`.anchors` (naming and finding events by their quotes),
:mod:`.apply` (applying the log), :mod:`.ops` (the commands' service functions:
record, apply, undo, read the log).
"""

#: Operations that change events and are applied again after every write.
APPLIED_OPS = ("accept", "reject", "edit", "merge", "split")
#: Every operation the log holds.
OPS = (*APPLIED_OPS, "forget", "ingest")
