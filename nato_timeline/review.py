"""``timeline review``: the review queue in the terminal, built on Textual.

Events not yet reviewed nor rejected come least confident first. Each is shown
with its quotes, the date expression highlighted, and each document's
citation; single keys act on it (see ``ReviewApp.BINDINGS``). Every action is
one correction (:mod:`nato_timeline.corrections.ops`) in its own write
transaction, so quitting at any point loses nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from . import models as m
from .corrections import ops
from .db import session_factory
from .errors import TimelineError
from .temporal.userdates import parse_user_date


def queue(session) -> list[int]:
    """Ids of the events to review: not reviewed, not rejected; least confident first,
    then in date order."""
    return list(session.scalars(
        select(m.Event.id).where(m.Event.reviewed.is_(False), m.Event.rejected.is_(False))
        .order_by(m.Event.confidence, m.Event.date_start.is_(None), m.Event.date_start, m.Event.id)))


class Ask(ModalScreen[str | None]):
    """One line of input: Enter gives it, Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str, value: str = "") -> None:
        super().__init__()
        self.prompt, self.value = prompt, value

    def compose(self) -> ComposeResult:
        yield Label(self.prompt)
        yield Input(value=self.value, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewApp(App):
    """The queue: one event at a time, single keys to act on it."""

    TITLE = "timeline review"
    BINDINGS = [
        Binding("a", "accept", "Accept"),
        Binding("r", "reject", "Reject"),
        Binding("d", "date", "Edit date"),
        Binding("t", "title", "Edit title"),
        Binding("m", "merge", "Merge with…"),
        Binding("s", "skip", "Skip"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, engine, *, by: str | None = None) -> None:
        super().__init__()
        self.engine, self.by = engine, by
        self.Reader = session_factory(engine)
        self.Writer = session_factory(engine, write=True)
        with self.Reader() as session:
            self.pending = queue(session)
        self.done = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="event")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.show_current()

    @property
    def current(self) -> int | None:
        return self.pending[0] if self.pending else None

    def show_current(self, message: str = "") -> None:
        from .queries import find_events
        from .render import event_detail

        event_box = self.query_one("#event", Static)
        if self.current is None:
            event_box.update(f"Nothing left to review ({self.done} done). Press q to quit.")
        else:
            with self.Reader() as session:
                found = find_events(session, str(self.current), include_rejected=True)
            if not found:  # merged away meanwhile
                self.pending.pop(0)
                return self.show_current(message)
            event_box.update(event_detail(found[0]))
        left = len(self.pending)
        self.query_one("#status", Static).update(f"{message}  [{left} to review]".strip())

    def _correct(self, fn) -> None:
        """Run one correction on the current event, then show the next one."""
        if self.current is None:
            return
        try:
            with self.Writer.begin() as session:
                said = fn(session, str(self.current))
        except TimelineError as exc:
            self.show_current(f"error: {exc}")
            return
        self.pending.pop(0)
        self.done += 1
        with self.Reader() as session:  # a merge or an edit may have changed the queue
            still = set(queue(session))
        self.pending = [e for e in self.pending if e in still]
        self.show_current(said if isinstance(said, str) else "; ".join(said))

    def action_accept(self) -> None:
        self._correct(lambda s, e: ops.accept(s, [e], by=self.by))

    def action_reject(self) -> None:
        self._correct(lambda s, e: ops.reject(s, [e], by=self.by))

    def action_skip(self) -> None:
        if self.pending:
            self.pending.append(self.pending.pop(0)) if len(self.pending) > 1 else None
            self.show_current("skipped")

    def _ask(self, prompt: str, then) -> None:
        if self.current is None:
            return

        def answered(value: str | None) -> None:
            if value is not None and value.strip():
                then(value.strip())
            else:
                self.show_current("cancelled")

        self.push_screen(Ask(prompt), answered)

    def action_date(self) -> None:
        def edit_date(value: str) -> None:
            try:
                date = parse_user_date(value).value
            except ValueError as exc:
                self.show_current(f"error: {exc}")
                return
            self._correct(lambda s, e: ops.edit(s, e, {"date": date}, by=self.by))

        self._ask("Date (2014, 2014-04, 2014-04-01, April 2014):", edit_date)

    def action_title(self) -> None:
        self._ask("Title:", lambda v: self._correct(lambda s, e: ops.edit(s, e, {"title": v}, by=self.by)))

    def action_merge(self) -> None:
        self._ask("Merge into this event (id or slug of the other):",
                  lambda v: self._correct(lambda s, e: ops.merge(s, [e, v], by=self.by)))
