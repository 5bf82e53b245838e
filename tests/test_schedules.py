"""Tests for dlnotes.schedules: hand values, identities between schedules, shapes, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.schedules import (
    cosine_decay,
    exponential_decay,
    inverse_time_decay,
    sqrt_decay,
    step_decay,
)

RTOL = 1e-14
epochs = st.floats(0.0, 1e4)
lr0s = st.floats(1e-6, 10.0)


# ------------------------------------------------------------------ hand-computed
def test_inverse_time_decay_lecture_table():
    # lecture: alpha0 = 0.2, decay_rate = 1 -> epochs 1..4 give 0.1, 0.067, 0.05, 0.04
    assert_allclose(inverse_time_decay(0.2, [1, 2, 3, 4], 1.0), [0.1, 0.2 / 3, 0.05, 0.04],
                    rtol=RTOL)
    assert inverse_time_decay(0.2, 0, 1.0) == 0.2


def test_inverse_time_decay_staircase_course_assignment():
    # schedule_lr_decay(0.5, epoch, decay_rate=0.3, time_interval=1000)
    got = inverse_time_decay(0.5, [0, 999, 1000, 1999, 2000, 10000], 0.3, 1000, staircase=True)
    assert_allclose(got, [0.5, 0.5, 0.5 / 1.3, 0.5 / 1.3, 0.5 / 1.6, 0.5 / 4.0], rtol=RTOL)


def test_inverse_time_decay_time_interval_without_staircase():
    assert_allclose(inverse_time_decay(1.0, 500, 1.0, 1000), 1 / 1.5, rtol=RTOL)


def test_exponential_decay_by_hand():
    assert_allclose(exponential_decay(0.1, [0, 1, 2], 0.95), [0.1, 0.095, 0.09025], rtol=RTOL)


def test_sqrt_decay_by_hand():
    assert_allclose(sqrt_decay(0.1, [1, 4, 9, 100], 1.0), [0.1, 0.05, 0.1 / 3, 0.01], rtol=RTOL)
    assert_allclose(sqrt_decay(0.1, 4, 3.0), 0.15, rtol=RTOL)


def test_step_decay_by_hand():
    got = step_decay(1.0, [0, 4.99, 5, 10, 14, 15], 0.1, 5)
    assert_allclose(got, [1.0, 1.0, 0.1, 0.01, 0.01, 0.001], rtol=RTOL)


def test_cosine_decay_by_hand():
    assert_allclose(cosine_decay(1.0, [0, 25, 50, 75, 100, 150], 100),
                    [1.0, (1 + np.cos(np.pi / 4)) / 2, 0.5, (1 + np.cos(3 * np.pi / 4)) / 2, 0.0,
                     0.0], rtol=RTOL, atol=1e-16)


def test_cosine_decay_with_warmup_and_floor_by_hand():
    got = cosine_decay(0.1, [0, 2.5, 5, 10, 15, 20, 30], 15, warmup_epochs=5,
                       min_learning_rate=0.02)
    # warm-up 0 -> 0.1 over 5 epochs; cosine 0.1 -> 0.02 over epochs 5..15; then 0.02
    assert_allclose(got, [0.0, 0.05, 0.1, 0.06, 0.02, 0.02, 0.02], rtol=RTOL, atol=1e-17)


# ------------------------------------------------------------------ shapes and types
@pytest.mark.parametrize("schedule", [
    lambda e: inverse_time_decay(0.1, e, 0.5),
    lambda e: inverse_time_decay(0.1, e, 0.5, 3, staircase=True),
    lambda e: exponential_decay(0.1, e, 0.9),
    lambda e: sqrt_decay(0.1, e + 1, 1.0),
    lambda e: step_decay(0.1, e, 0.5, 2),
    lambda e: cosine_decay(0.1, e, 10, warmup_epochs=2),
], ids=["inverse", "staircase", "exponential", "sqrt", "step", "cosine"])
def test_scalar_gives_float_and_array_gives_same_shape(schedule):
    assert type(schedule(3)) is float
    assert type(schedule(np.float64(3.0))) is float
    grid = np.arange(12.0).reshape(3, 4)
    out = schedule(grid)
    assert isinstance(out, np.ndarray) and out.shape == (3, 4)
    assert_allclose(out.ravel(), [schedule(float(e)) for e in grid.ravel()], rtol=RTOL)
    grid_copy = grid.copy()
    schedule(grid)
    assert_array_equal(grid, grid_copy)  # not mutated


# ------------------------------------------------------------------ identities & properties
@settings(max_examples=60, deadline=None)
@given(lr0=lr0s, k=st.integers(0, 50), interval=st.integers(1, 100), rate=st.floats(0, 10))
def test_staircase_agrees_at_multiples_of_the_interval(lr0, k, interval, rate):
    epoch = k * interval
    assert_allclose(inverse_time_decay(lr0, epoch, rate, interval, staircase=True),
                    inverse_time_decay(lr0, epoch, rate, interval), rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(lr0=lr0s, epoch=st.integers(0, 300), drop=st.floats(0.01, 1.0))
def test_step_decay_every_epoch_is_exponential_decay(lr0, epoch, drop):
    assert_allclose(step_decay(lr0, epoch, drop, 1), exponential_decay(lr0, epoch, drop),
                    rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(lr0=lr0s, e1=epochs, e2=epochs)
def test_decaying_schedules_never_increase(lr0, e1, e2):
    lo, hi = min(e1, e2), max(e1, e2)
    assert inverse_time_decay(lr0, hi, 0.7) <= inverse_time_decay(lr0, lo, 0.7)
    assert inverse_time_decay(lr0, hi, 0.7, 10, staircase=True) <= \
        inverse_time_decay(lr0, lo, 0.7, 10, staircase=True)
    assert exponential_decay(lr0, hi, 0.95) <= exponential_decay(lr0, lo, 0.95)
    assert sqrt_decay(lr0, hi + 1, 2.0) <= sqrt_decay(lr0, lo + 1, 2.0)
    assert step_decay(lr0, hi, 0.5, 7) <= step_decay(lr0, lo, 0.5, 7)


@settings(max_examples=60, deadline=None)
@given(lr0=lr0s, frac=st.floats(0.0, 1.0), e1=epochs, e2=epochs,
       warm=st.floats(0.0, 50.0), total_extra=st.floats(1.0, 500.0))
def test_cosine_stays_between_floor_and_peak_and_decays_after_warmup(lr0, frac, e1, e2, warm,
                                                                     total_extra):
    total = warm + total_extra
    floor = frac * lr0
    kw = dict(warmup_epochs=warm, min_learning_rate=floor)
    lo, hi = sorted((warm + e1 % total_extra, warm + e2 % total_extra))
    a, b = cosine_decay(lr0, lo, total, **kw), cosine_decay(lr0, hi, total, **kw)
    assert floor - 1e-12 <= b <= a + 1e-12 <= lr0 + 2e-12
    assert_allclose(cosine_decay(lr0, total + e1, total, **kw), floor, rtol=1e-12, atol=1e-15)
    assert_allclose(cosine_decay(lr0, warm, total, **kw), lr0, rtol=1e-12)


def test_cosine_warmup_is_linear_from_zero():
    e = np.linspace(0, 4, 9)
    assert_allclose(cosine_decay(0.8, e, 20, warmup_epochs=4), 0.8 * e / 4, rtol=RTOL)


def test_zero_decay_rate_is_constant():
    e = np.arange(10)
    assert_array_equal(inverse_time_decay(0.3, e, 0.0), 0.3)
    assert_array_equal(exponential_decay(0.3, e, 1.0), 0.3)
    assert_array_equal(step_decay(0.3, e, 1.0, 2), 0.3)


def test_fractional_epochs_are_allowed():
    assert_allclose(exponential_decay(1.0, 0.5, 0.25), 0.5, rtol=RTOL)
    assert_allclose(inverse_time_decay(1.0, 0.5, 2.0), 0.5, rtol=RTOL)


# ------------------------------------------------------------------ ValueError paths
SCHEDULES = {
    "inverse": lambda lr0=0.1, epoch=1: inverse_time_decay(lr0, epoch, 1.0),
    "exponential": lambda lr0=0.1, epoch=1: exponential_decay(lr0, epoch, 0.9),
    "sqrt": lambda lr0=0.1, epoch=1: sqrt_decay(lr0, epoch, 1.0),
    "step": lambda lr0=0.1, epoch=1: step_decay(lr0, epoch, 0.5, 2),
    "cosine": lambda lr0=0.1, epoch=1: cosine_decay(lr0, epoch, 10),
}


@pytest.mark.parametrize("name", list(SCHEDULES))
@pytest.mark.parametrize(("lr0", "match"), [
    (0.0, "learning_rate0 must be > 0"), (-0.1, "learning_rate0 must be > 0"),
    (float("inf"), "learning_rate0 must be finite"), ("0.1", "learning_rate0 must be a real"),
    (np.array([0.1]), "learning_rate0 must be a real"),
])
def test_learning_rate0_errors(name, lr0, match):
    with pytest.raises(ValueError, match=match):
        SCHEDULES[name](lr0=lr0)


@pytest.mark.parametrize("name", list(SCHEDULES))
@pytest.mark.parametrize(("epoch", "match"), [
    (-1, "epoch must be >= "), ([0, 1, -2], "epoch must be >= "), (np.nan, "epoch must be finite"),
    ([1, np.inf], "epoch must be finite"), ("3", "epoch must be a number"),
    (True, "epoch must be a number"), (["a"], "epoch must be a number"),
])
def test_epoch_errors(name, epoch, match):
    with pytest.raises(ValueError, match=match):
        SCHEDULES[name](epoch=epoch)


def test_sqrt_decay_refuses_epoch_zero():
    with pytest.raises(ValueError, match="epoch must be >= 1"):
        sqrt_decay(0.1, 0, 1.0)
    with pytest.raises(ValueError, match="epoch must be >= 1"):
        sqrt_decay(0.1, np.arange(5), 1.0)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: inverse_time_decay(0.1, 1, -1.0), "decay_rate must be >= 0"),
    (lambda: inverse_time_decay(0.1, 1, 1.0, 0), "time_interval must be > 0"),
    (lambda: inverse_time_decay(0.1, 1, 1.0, staircase=1), "staircase must be True or False"),
    (lambda: exponential_decay(0.1, 1, 1.5), r"decay_rate must be in \(0, 1\]"),
    (lambda: exponential_decay(0.1, 1, 0.0), "decay_rate must be > 0"),
    (lambda: sqrt_decay(0.1, 1, 0.0), "k must be > 0"),
    (lambda: step_decay(0.1, 1, 2.0, 5), r"drop must be in \(0, 1\]"),
    (lambda: step_decay(0.1, 1, 0.5, 0), "epochs_per_drop must be > 0"),
    (lambda: cosine_decay(0.1, 1, 0), "total_epochs must be > 0"),
    (lambda: cosine_decay(0.1, 1, 10, warmup_epochs=-1), "warmup_epochs must be >= 0"),
    (lambda: cosine_decay(0.1, 1, 10, warmup_epochs=10), "warmup_epochs must be < total_epochs"),
    (lambda: cosine_decay(0.1, 1, 10, min_learning_rate=-0.01), "min_learning_rate must be >= 0"),
    (lambda: cosine_decay(0.1, 1, 10, min_learning_rate=0.2),
     "min_learning_rate must be <= learning_rate0"),
])
def test_other_argument_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_cosine_with_a_tiny_warmup_does_not_overflow():
    # RuntimeWarning is an error here: lr0 * epoch / 5e-324 must never be computed
    got = cosine_decay(0.1, [0.0, 5.0, 10.0], 10, warmup_epochs=5e-324)
    assert_allclose(got, [0.0, 0.05, 0.0], rtol=1e-12, atol=1e-17)
