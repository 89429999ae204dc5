"""Retry and Timeout policies as values: no network, no clock."""

from __future__ import annotations

import random
from dataclasses import FrozenInstanceError
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elementlist.fetch.policy import Deadline, Retry, Timeout, parse_retry_after


def test_increment_returns_a_new_policy_and_leaves_the_old_one():
    first = Retry(total=2)
    second = first.increment()
    third = second.increment()
    assert (first.done, second.done, third.done) == (0, 1, 2)
    assert not first.exhausted and not second.exhausted and third.exhausted
    with pytest.raises(FrozenInstanceError):
        first.done = 5  # type: ignore[misc]


def test_zero_retries_is_exhausted_from_the_start():
    assert Retry(total=0).exhausted


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504, 599])
def test_retryable_statuses(status):
    assert Retry.retryable_status(status)


@pytest.mark.parametrize("status", [200, 204, 301, 400, 401, 403, 404, 408, 410, 422, 428, 430])
def test_statuses_never_retried(status):
    assert not Retry.retryable_status(status)


def test_backoff_without_jitter_doubles_then_caps():
    policy = Retry(total=10, backoff_factor=0.5, backoff_max=3.0, jitter=0.0)
    waits = []
    for _ in range(6):
        policy = policy.increment()
        waits.append(policy.backoff(random.Random(0)))
    assert waits == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]


def test_backoff_before_any_retry_is_zero():
    assert Retry().backoff(random.Random(0)) == 0.0


@settings(max_examples=200, deadline=None)
@given(
    done=st.integers(min_value=1, max_value=40),
    factor=st.floats(min_value=0.0, max_value=10.0),
    cap=st.floats(min_value=0.0, max_value=100.0),
    jitter=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_backoff_stays_within_its_band(done, factor, cap, jitter, seed):
    policy = Retry(total=50, backoff_factor=factor, backoff_max=cap, jitter=jitter, done=done)
    base = min(cap, factor * 2.0 ** (done - 1))
    wait = policy.backoff(random.Random(seed))
    assert base * (1 - jitter) - 1e-9 <= wait <= base + 1e-9


def test_jitter_spreads_waits():
    policy = Retry(jitter=0.5).increment().increment()
    rng = random.Random(7)
    waits = {policy.backoff(rng) for _ in range(20)}
    assert len(waits) > 1


def test_retry_after_replaces_backoff_up_to_the_cap():
    policy = Retry(retry_after_max=10.0).increment()
    assert policy.delay(3.0, random.Random(0)) == 3.0
    assert policy.delay(10.0, random.Random(0)) == 10.0
    assert policy.delay(0.0, random.Random(0)) == 0.0


def test_retry_after_beyond_the_cap_ends_the_retries():
    assert Retry(retry_after_max=10.0).increment().delay(10.5) is None


def test_no_retry_after_means_backoff():
    policy = Retry(jitter=0.0, backoff_factor=0.25).increment()
    assert policy.delay(None) == 0.25


def test_parse_retry_after_seconds_and_dates():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(" 0 ", now) == 0.0
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, now) == 90.0
    earlier = format_datetime(now - timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(earlier, now) == 0.0
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("-3", now) is None


@pytest.mark.parametrize(
    "kwargs",
    [{"total": -1}, {"jitter": 1.5}, {"backoff_factor": -1.0}, {"retry_after_max": -2.0}],
)
def test_bad_retry_values_refused(kwargs):
    with pytest.raises(ValueError):
        Retry(**kwargs)


def test_timeout_values():
    t = Timeout(connect=1.5, read=4.0, total=None)
    assert (t.connect, t.read, t.total) == (1.5, 4.0, None)
    for bad in ({"connect": 0.0}, {"read": -1.0}, {"total": float("inf")}, {"read": float("nan")}):
        with pytest.raises(ValueError):
            Timeout(**bad)  # type: ignore[arg-type]


def test_a_deadline_is_a_moment_and_its_budget():
    d = Deadline.start(2.0, now=100.0)
    assert (d.at, d.seconds) == (102.0, 2.0)
    assert d.remaining(100.5) == 1.5 and d.remaining(103.0) == 0.0
    assert not d.expired(101.999) and d.expired(102.0)
    # a wait is allowed only if another attempt can start before the deadline
    assert d.allows(1.0, now=100.5) and not d.allows(1.5, now=100.5)
    # per-attempt timeouts are cut to the time left (never to zero: httpx reads 0 as "none")
    assert d.cap(30.0, now=101.0) == 1.0 and d.cap(0.5, now=101.0) == 0.5
    assert d.cap(30.0, now=105.0) == 0.001


def test_no_deadline_never_expires():
    for d in (Deadline.none(), Deadline.start(None, now=5.0)):
        assert d.remaining(1e12) is None and not d.expired(1e12)
        assert d.allows(1e9, now=0.0) and d.cap(30.0, now=1e12) == 30.0
