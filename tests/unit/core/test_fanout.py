from desktop.core.events import Event, Interrupted
from desktop.core.fanout import EventFanout


def test_every_subscriber_gets_every_event_even_when_one_fails() -> None:
    fanout = EventFanout()
    seen: list[tuple[str, Event]] = []

    def broken(event: Event) -> None:
        raise RuntimeError("consumer bug")

    fanout.subscribe(lambda e: seen.append(("a", e)))
    fanout.subscribe(broken)
    unsubscribe = fanout.subscribe(lambda e: seen.append(("c", e)))
    fanout(Interrupted())
    unsubscribe()
    fanout(Interrupted())
    assert [name for name, _ in seen] == ["a", "c", "a"]
