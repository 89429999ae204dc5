"""Retry and timeout policies as small immutable values.

A :class:`Retry` says what may be retried and how long to wait; ``increment`` returns the
policy for the next attempt, so a policy object can be shared and reused freely. Nothing
here touches the network or the clock: the fetchers ask the policy and do the waiting.

What is retried: connection failures (refused, dropped before a whole response, timed out)
and the statuses 429 and 5xx. Nothing else: any other 4xx is the caller's mistake, and
asking again cannot fix it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

# the largest body fetched (a 10-hour ElementList is about 16 MB)
DEFAULT_MAX_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class Timeout:
    """Seconds to wait: ``connect`` for a connection, ``read`` between two pieces of data,
    ``total`` for the whole fetch — every attempt, every redirect and every wait between
    retries together (a server that drips bytes, or keeps failing, cannot hold us longer).
    None: no such limit."""

    connect: float = 10.0
    read: float = 30.0
    total: float | None = 300.0

    def __post_init__(self) -> None:
        for name in ("connect", "read", "total"):
            value = getattr(self, name)
            if value is not None and not (value > 0 and math.isfinite(value)):
                raise ValueError(f"timeout {name} must be a positive number of seconds")


@dataclass(frozen=True)
class Deadline:
    """The moment one fetch must be done by, on the ``time.monotonic()`` clock (the caller
    reads the clock and passes ``now``); ``seconds`` is the budget it was started with.
    ``Deadline.none()`` never expires."""

    at: float | None
    seconds: float | None

    @classmethod
    def start(cls, seconds: float | None, now: float) -> Deadline:
        """A deadline ``seconds`` after ``now`` (None: no deadline)."""
        return cls(None if seconds is None else now + seconds, seconds)

    @classmethod
    def none(cls) -> Deadline:
        """A deadline that never expires."""
        return cls(None, None)

    def remaining(self, now: float) -> float | None:
        """Seconds left (0 once past); None without a deadline."""
        return None if self.at is None else max(0.0, self.at - now)

    def expired(self, now: float) -> bool:
        """Whether ``now`` is at or past the deadline."""
        return self.at is not None and now >= self.at

    def allows(self, wait: float, now: float) -> bool:
        """Whether waiting ``wait`` seconds still leaves time for another attempt."""
        return self.at is None or now + wait < self.at

    def cap(self, seconds: float, now: float) -> float:
        """``seconds``, or the time left when that is less (one wait never overruns it)."""
        left = self.remaining(now)
        return seconds if left is None else max(min(seconds, left), 0.001)


@dataclass(frozen=True)
class Retry:
    """How many times to try again and how long to wait between tries.

    ``total`` retries at most (so ``total + 1`` attempts); ``done`` counts the retries used.
    The wait before retry *n* (1-based) is ``backoff_factor * 2 ** (n - 1)`` capped at
    ``backoff_max``, less a random part of up to ``jitter`` of it (so many clients do not
    retry in step). A ``Retry-After`` from the server replaces that wait when it is at most
    ``retry_after_max``; a longer one ends the retries (see :meth:`delay`).
    """

    total: int = 3
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    jitter: float = 0.25
    retry_after_max: float = 120.0
    done: int = 0

    def __post_init__(self) -> None:
        if self.total < 0 or self.done < 0:
            raise ValueError("retry counts must be >= 0")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("retry jitter must be between 0 and 1")
        if self.backoff_factor < 0 or self.backoff_max < 0 or self.retry_after_max < 0:
            raise ValueError("retry waits must be >= 0 seconds")

    @property
    def exhausted(self) -> bool:
        """No retry is left."""
        return self.done >= self.total

    def increment(self) -> Retry:
        """The policy after one more retry has been used."""
        return replace(self, done=self.done + 1)

    @staticmethod
    def retryable_status(status: int) -> bool:
        """429 (too many requests) and every 5xx; never another 4xx or a success."""
        return status == 429 or 500 <= status <= 599

    def backoff(self, rng: random.Random | None = None) -> float:
        """Seconds to wait before the next retry, by exponential backoff with jitter.

        Call it on the incremented policy: the first retry (``done == 1``) waits about
        ``backoff_factor``.
        """
        if self.done <= 0 or self.backoff_factor == 0:
            return 0.0
        base = min(self.backoff_max, self.backoff_factor * 2.0 ** (self.done - 1))
        draw = (rng or random).random()
        return base * (1.0 - self.jitter * draw)

    def delay(self, retry_after: float | None, rng: random.Random | None = None) -> float | None:
        """Seconds to wait before the next retry, or None when the server's ``Retry-After``
        asks for longer than ``retry_after_max`` (then retrying early would only be refused
        again: better to fail now and say so)."""
        if retry_after is None:
            return self.backoff(rng)
        if retry_after > self.retry_after_max:
            return None
        return max(0.0, retry_after)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header: delay-seconds or an HTTP date; None if absent
    or unreadable (then ordinary backoff applies)."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())
