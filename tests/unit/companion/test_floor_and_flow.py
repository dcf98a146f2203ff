"""Floor control and per-client flow control, pure."""

from __future__ import annotations

from desktop.core.companion_flow import ClientQueue, Outbound, TokenBucket
from desktop.core.floor import DESKTOP, Floor, companion_holder


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_one_holder_at_a_time_and_listeners_see_changes() -> None:
    clock = FakeClock()
    floor = Floor(clock)
    seen: list[str | None] = []
    floor.subscribe(seen.append)
    watch = companion_holder("w1")
    assert floor.acquire(DESKTOP)
    assert floor.acquire(DESKTOP)  # renewing is fine and not a change
    assert not floor.acquire(watch)
    assert not floor.is_free_for(watch)
    assert not floor.release(watch)
    assert floor.release(DESKTOP)
    assert floor.acquire(watch)
    assert floor.holder == watch
    assert seen == [DESKTOP, None, watch]


def test_a_holder_that_never_lets_go_loses_the_floor() -> None:
    clock = FakeClock()
    floor = Floor(clock, max_hold_s=10)
    floor.acquire("device:a")
    clock.now = 9
    assert floor.acquire("device:a")  # renewed at 9
    clock.now = 18
    assert floor.holder == "device:a"
    clock.now = 19.5
    assert floor.holder is None
    assert floor.acquire(DESKTOP)


def test_audio_is_dropped_oldest_first_and_text_is_kept() -> None:
    queue = ClientQueue(max_audio_bytes=10, max_kept_bytes=100)
    queue.push(Outbound(b"aaaa", droppable=True))
    queue.push(Outbound('{"line":1}'))
    queue.push(Outbound(b"bbbb", droppable=True))
    queue.push(Outbound(b"cccc", droppable=True))  # 12 > 10: "aaaa" goes
    assert queue.dropped_items == 1
    got = []
    while (item := queue.pop(0.0)) is not None:
        got.append(item.data)
        queue.sent()
    assert got == ['{"line":1}', b"bbbb", b"cccc"]
    queue.push(Outbound(b"x" * 11, droppable=True))  # larger than the cap: dropped at once
    assert len(queue) == 0 and queue.dropped_items == 2


def test_interruption_drops_queued_audio_only() -> None:
    queue = ClientQueue()
    queue.push(Outbound(b"aa", droppable=True))
    queue.push(Outbound("t"))
    assert queue.drop_audio() == 1
    assert queue.pop(0.0) == Outbound("t")
    assert queue.queued_bytes == 0


def test_stalled_when_a_send_hangs_or_kept_backlog_grows() -> None:
    queue = ClientQueue(max_kept_bytes=5, stall_after_s=2.0)
    queue.push(Outbound("abc"))
    queue.pop(10.0)
    assert not queue.stalled(11.0)
    assert queue.stalled(12.5)
    queue.sent()
    assert not queue.stalled(20.0)
    queue.push(Outbound("abcdef"))
    assert queue.stalled(20.0)


def test_token_bucket_allows_bursts_then_the_rate() -> None:
    bucket = TokenBucket(rate=10, burst=3, now=0.0)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.take(0.1)
    assert not bucket.take(0.1)
