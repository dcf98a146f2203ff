"""One stream of session events, many consumers (window, speaker, history, companions)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop.core.events import Event

log = logging.getLogger(__name__)

Subscriber = Callable[[Event], None]


class EventFanout:
    """Calls every subscriber in subscription order; one failing consumer does not stop the
    others or the session."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber, *, first: bool = False) -> Callable[[], None]:
        """Returns a function that unsubscribes again. `first`: called before the others
        (the history, which must have a line before any view shows it)."""
        if first:
            self._subscribers.insert(0, subscriber)
        else:
            self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    def __call__(self, event: Event) -> None:
        for subscriber in list(self._subscribers):
            try:
                subscriber(event)
            except Exception:
                log.exception("event consumer %r failed on %s", subscriber, type(event).__name__)
