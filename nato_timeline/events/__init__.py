"""The event layer: dated events from the sentences and the layout of a document.

Its modules name its steps:

* :mod:`.layout` reads chronology forms (``3 March 2019: ...`` lines, a date line followed
  by what happened, a date used as a heading) as entries dated by their date;
* :mod:`.grammar` finds the predicates of a clause from the grammar of English (finite
  verbs and participles, by their inflection in ``lemminflect``'s lexicon), so that a
  clause whose verb is in no word list is still read;
* :mod:`.extract` attaches dates to predicates clause by clause, leaves out what is not an
  occurrence (states, comments, negated, hypothetical and cancelled clauses) and builds
  the candidate with its actors, places, status and title.

Word lists (closed classes of English, state and comment verbs, event nouns) are data files
in ``data/`` beside this package; the names of actors and places and the type of an event
come from :mod:`nato_timeline.lexicon`.
"""

from .extract import extract_events
from .sentence import MAX_TITLE, TYPES

__all__ = ["MAX_TITLE", "TYPES", "extract_events"]
