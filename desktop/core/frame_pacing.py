"""When to capture and when to send a frame, and what the frames sent cost.

Every frame sent stays in the model's context and is billed again on every later turn, so the
pacer sends as little as keeps the model's picture current:

- at most `max_fps` frames per second (captures happen at that rate too);
- a captured frame is sent only when it differs from the last frame *sent* by at least
  `threshold` (the fraction of changed cells, see `frame_diff`);
- a *fresh* frame on request (the user starts speaking or types): sent as soon as it differs
  at all from the last one sent, ignoring the rate limit;
- a keep-alive frame when nothing was sent for `keepalive_s` (0 turns it off);
- the first frame after (re)starting is always sent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

# Tokens per frame as the Live API reports them (docs; the emulator counts the same).
TOKENS_PER_FRAME = 258
TOKENS_PER_FRAME_LOW = 66
MEDIA_RESOLUTIONS = (
    "",
    "MEDIA_RESOLUTION_LOW",
    "MEDIA_RESOLUTION_MEDIUM",
    "MEDIA_RESOLUTION_HIGH",
)


def tokens_per_frame(media_resolution: str) -> int:
    return TOKENS_PER_FRAME_LOW if media_resolution == "MEDIA_RESOLUTION_LOW" else TOKENS_PER_FRAME


class Reason(StrEnum):
    FIRST = "first"
    CHANGED = "changed"
    FRESH = "fresh"
    KEEPALIVE = "keepalive"
    UNCHANGED = "unchanged"  # skipped
    RATE = "rate"  # skipped: changed, but a frame went out too recently


SENT_REASONS = frozenset({Reason.FIRST, Reason.CHANGED, Reason.FRESH, Reason.KEEPALIVE})


@dataclass(frozen=True)
class PacingConfig:
    max_fps: float = 1.0
    threshold: float = 0.01
    keepalive_s: float = 30.0
    # A fresh frame may follow the previous one this quickly, however often it is asked for.
    min_fresh_interval_s: float = 0.25

    @property
    def interval_s(self) -> float:
        return 1.0 / self.max_fps if self.max_fps > 0 else float("inf")


@dataclass(frozen=True)
class VisionStats:
    captured: int = 0
    sent: int = 0
    skipped_unchanged: int = 0
    skipped_rate: int = 0
    tokens: int = 0


class FramePacer:
    """Pure decisions; the caller passes the time and the change score."""

    def __init__(self, config: PacingConfig, media_resolution: str = "") -> None:
        if config.max_fps <= 0:
            raise ValueError("max_fps must be positive")
        self.config = config
        self.media_resolution = media_resolution
        self.stats = VisionStats()
        self._last_sent: float | None = None
        self._last_capture: float | None = None
        self._fresh_wanted = False
        self._last_skip: Reason | None = None  # how the newest frame was skipped, if it was

    def restart(self) -> None:
        """A new session or source: the next frame is sent whatever it shows."""
        self._last_sent = None
        self._last_capture = None
        self._fresh_wanted = False

    def request_fresh(self) -> None:
        self._fresh_wanted = True

    @property
    def fresh_wanted(self) -> bool:
        return self._fresh_wanted

    def next_capture_at(self) -> float:
        """When the next capture is due (monotonic seconds); now if fresh is wanted."""
        if self._last_capture is None:
            return float("-inf")
        if self._fresh_wanted:
            last = self._last_sent if self._last_sent is not None else float("-inf")
            return last + self.config.min_fresh_interval_s
        return self._last_capture + self.config.interval_s

    def note_capture(self, now: float) -> None:
        """A capture that is not a candidate for sending (the session is not live)."""
        self._last_capture = now

    def decide(self, now: float, score: float, *, counts_capture: bool = True) -> Reason:
        """Count one captured frame with change `score` (vs the last sent) and say what to do.

        `counts_capture=False`: the newest frame, counted already, is decided again (sent on
        going live after it was skipped): its skip is taken back, so every captured frame is
        counted once, as sent or as skipped."""
        if counts_capture:
            self._last_capture = now
        reason = self._reason(now, score)
        s = self.stats
        if counts_capture:
            s = replace(s, captured=s.captured + 1)
        elif self._last_skip is Reason.UNCHANGED:
            s = replace(s, skipped_unchanged=s.skipped_unchanged - 1)
        elif self._last_skip is Reason.RATE:
            s = replace(s, skipped_rate=s.skipped_rate - 1)
        self._last_skip = None if reason in SENT_REASONS else reason
        if reason in SENT_REASONS:
            self._last_sent = now
            self._fresh_wanted = False
            cost = tokens_per_frame(self.media_resolution)
            s = replace(s, sent=s.sent + 1, tokens=s.tokens + cost)
        elif reason is Reason.UNCHANGED:
            s = replace(s, skipped_unchanged=s.skipped_unchanged + 1)
        else:
            s = replace(s, skipped_rate=s.skipped_rate + 1)
        self.stats = s
        return reason

    def _reason(self, now: float, score: float) -> Reason:
        cfg = self.config
        if self._last_sent is None:
            return Reason.FIRST
        since = now - self._last_sent
        if self._fresh_wanted and since >= cfg.min_fresh_interval_s:
            # Whatever the answer, the request is served: the model has this picture now.
            self._fresh_wanted = False
            return Reason.FRESH if score > 0 else Reason.UNCHANGED
        # A tick may land a hair before a full interval; a little slack keeps 1 fps at 1 fps.
        rate_ok = since >= cfg.interval_s * 0.9
        if score >= cfg.threshold and score > 0:
            return Reason.CHANGED if rate_ok else Reason.RATE
        if cfg.keepalive_s > 0 and since >= cfg.keepalive_s:
            return Reason.KEEPALIVE
        return Reason.UNCHANGED
