"""The event layer: dated events from the sentences and the layout of a document.

Its modules name its steps:

* :mod:`.layout` reads chronology forms (``3 March 2019: ...`` lines, a date line followed
  by what happened, a date used as a heading) as entries dated by their date;
* :mod:`.grammar` finds the predicates of a clause from the grammar of English (finite
  verbs and participles, by their inflection in ``lemminflect``'s lexicon), so that a
  clause whose verb is in no word list is still read;
* :mod:`.clauses` and :mod:`.dating` cut a sentence into clauses and attach each date to
  the predicate or event noun it dates (:mod:`.sentence` holds what every step reads once);
* :mod:`.occasions` finds the events no single dated clause gives (a statement's own
  decision, a continuing sentence, chronology entries, anniversaries) and drops stamps and
  plans the text calls off;
* :mod:`.participants` names actors and places; :mod:`.phrases` and :mod:`.titles` make
  headlines;
* :mod:`.extract` runs these over a document, leaves out what is not an occurrence
  (states, comments, negated, hypothetical and cancelled clauses) and builds each
  candidate with its actors, places, status and title;
* :mod:`.weighing` weighs the dated sentences the rules read no event in, by a logistic
  model over features of grammar, date and layout whose weights are learned from
  annotated sets (``benchmarks/train_sentence_weights.py``).

Word lists (closed classes of English, state, comment and change verbs, event nouns) and
the weigher's weights are data files in ``data/`` beside this package; the names of actors and places and the type of an event
come from :mod:`nato_timeline.lexicon`.
"""

from .extract import extract_events
from .sentence import MAX_TITLE, TYPES

__all__ = ["MAX_TITLE", "TYPES", "extract_events"]
