"""Tests for dlnotes.ewa: the EWA step, its bias correction, the notes' wrong recursion."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.ewa import (
    bias_correction,
    effective_window,
    ewa,
    ewa_as_in_notes,
    ewa_step,
    startup_bias,
)

betas = st.floats(0.0, 0.995)
values = st.floats(-1e3, 1e3)


# ------------------------------------------------------------------ hand-computed
def test_ewa_step_by_hand():
    assert_allclose(ewa_step(0.0, 10.0, 0.9), 1.0, rtol=1e-15)
    assert_allclose(ewa_step([1.0, 2.0], [3.0, 4.0], 0.5), [2.0, 3.0], rtol=1e-15)
    assert_allclose(ewa_step(np.full((2, 3), 4.0), np.zeros((2, 3)), 0.25), 1.0, rtol=1e-15)


def test_bias_correction_by_hand():
    assert_allclose(bias_correction(0.1, 0.9, 1), 1.0, rtol=1e-14)
    assert_allclose(bias_correction(0.19, 0.9, 2), 1.0, rtol=1e-14)
    assert_allclose(bias_correction([2.0, 4.0], 0.0, 3), [2.0, 4.0], rtol=0)  # beta=0: no-op


def test_ewa_by_hand():
    # beta = 0.5, theta = 1, 2, 3: v = 0.5, 1.25, 2.125; corrected / (0.5, 0.75, 0.875)
    assert_allclose(ewa([1.0, 2.0, 3.0], 0.5), [0.5, 1.25, 2.125], rtol=1e-15)
    assert_allclose(ewa([1.0, 2.0, 3.0], 0.5, bias_correction=True),
                    [1.0, 1.25 / 0.75, 2.125 / 0.875], rtol=1e-15)


def test_lecture_temperature_example_first_values():
    # v_1 = 0.02 * 40 = 0.8 with beta = 0.98: far below the 40 degrees of day 1
    out = ewa([40.0, 49.0], 0.98)
    assert_allclose(out, [0.8, 0.98 * 0.8 + 0.02 * 49.0], rtol=1e-14)
    assert_allclose(ewa([40.0, 49.0], 0.98, bias_correction=True),
                    [40.0, (0.98 * 0.8 + 0.98) / (1 - 0.98**2)], rtol=1e-14)


# ------------------------------------------------------------------ identities & properties
@settings(max_examples=60, deadline=None)
@given(c=values, beta=betas, T=st.integers(1, 200))
def test_bias_corrected_ewa_of_a_constant_is_that_constant(c, beta, T):
    assert_allclose(ewa(np.full(T, c), beta, bias_correction=True), c, rtol=1e-9, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(c=values, beta=betas, T=st.integers(1, 50))
def test_uncorrected_ewa_of_a_constant_falls_short_by_beta_to_the_t(c, beta, T):
    t = np.arange(1, T + 1)
    assert_allclose(ewa(np.full(T, c), beta), c * (1 - startup_bias(beta, t)),
                    rtol=1e-9, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(theta=st.lists(values, min_size=1, max_size=40), beta=betas)
def test_ewa_equals_its_unrolled_weighted_sum(theta, beta):
    """v_t = (1 - beta) * sum_i beta^(t-i) theta_i, written independently."""
    theta = np.array(theta)
    T = theta.size
    expected = [(1 - beta) * sum(beta ** (t - i) * theta[i - 1] for i in range(1, t + 1))
                for t in range(1, T + 1)]
    assert_allclose(ewa(theta, beta), expected, rtol=1e-9, atol=1e-9)
    weights = (1 - beta) * beta ** np.arange(T)  # weights add up to 1 - beta^T
    assert_allclose(weights.sum(), 1 - beta**T, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(theta=st.lists(values, min_size=1, max_size=40), beta=betas)
def test_correction_is_applied_to_the_output_only(theta, beta):
    t = np.arange(1, len(theta) + 1)
    assert_allclose(ewa(theta, beta, bias_correction=True), ewa(theta, beta) / (1 - beta**t),
                    rtol=1e-12, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(theta=st.lists(values, min_size=1, max_size=40), beta=betas)
def test_ewa_is_ewa_step_repeated_and_bias_correction_of_it(theta, beta):
    v = 0.0
    for t, th in enumerate(theta, start=1):
        v = ewa_step(v, th, beta)
        assert_allclose(ewa(theta[:t], beta)[-1], v, rtol=1e-12, atol=1e-12)
        assert_allclose(ewa(theta[:t], beta, bias_correction=True)[-1],
                        bias_correction(v, beta, t), rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(theta=st.lists(values, min_size=1, max_size=40))
def test_beta_zero_keeps_only_the_newest_value(theta):
    assert_array_equal(ewa(theta, 0.0), theta)
    assert_array_equal(ewa_as_in_notes(theta, 0.0), theta)


def test_ewa_stays_within_the_range_of_the_series_once_corrected():
    theta = np.random.default_rng(0).uniform(10.0, 20.0, size=365)
    out = ewa(theta, 0.9, bias_correction=True)
    assert out.min() >= 10.0 and out.max() <= 20.0
    assert ewa(theta, 0.9)[0] < 2.0  # uncorrected: dragged towards v_0 = 0


# ------------------------------------------------------------------ the notes' erratum
def test_notes_recursion_by_hand_and_far_from_the_average():
    w = ewa_as_in_notes(np.ones(30), 0.9)
    # w1 = 0.1/0.1 = 1, w2 = (0.9 + 0.1)/0.19, w3 = (0.9 w2 + 0.1)/0.271
    assert_allclose(w[:3], [1.0, 1 / 0.19, (0.9 / 0.19 + 0.1) / 0.271], rtol=1e-14)
    assert int(np.argmax(w)) + 1 == 21  # peaks at t = 21 ...
    assert_allclose(w.max(), 3945.1004, rtol=1e-7)  # ... near 3945, for a series of ones
    assert_allclose(ewa(np.ones(30), 0.9, bias_correction=True), 1.0, rtol=1e-12)


def test_notes_recursion_agrees_only_at_the_first_step():
    theta = np.random.default_rng(1).normal(20.0, 5.0, size=10)
    right = ewa(theta, 0.9, bias_correction=True)
    wrong = ewa_as_in_notes(theta, 0.9)
    assert_allclose(wrong[0], right[0], rtol=1e-14)
    assert np.all(np.abs(wrong[1:] - right[1:]) > 1.0)


def test_notes_recursion_forgets_the_overshoot_eventually():
    w = ewa_as_in_notes(np.ones(1000), 0.9)
    assert_allclose(w[-1], 1.0, rtol=1e-6)  # beta^t is negligible: back to the plain EWA


# ------------------------------------------------------------------ window and bias
def test_effective_window():
    assert_allclose(effective_window(0.9), 10.0, rtol=1e-12)
    assert_allclose(effective_window(0.98), 50.0, rtol=1e-12)
    assert_allclose(effective_window(0.0), 1.0, rtol=0)
    assert isinstance(effective_window(0.5), float)


@pytest.mark.parametrize("beta", [0.9, 0.98, 0.999])
def test_beta_to_the_window_is_about_one_over_e(beta):
    assert_allclose(beta ** effective_window(beta), np.exp(-1), rtol=0.06)


def test_startup_bias_quantifies_the_notes_momentum_claim():
    # "beta = 0.9 gives a good estimation for the first 10 iterations": it is 35% low at t=10
    assert_allclose(startup_bias(0.9, 10), 0.3486784401, rtol=1e-10)
    assert startup_bias(0.9, 21) > 0.1 > startup_bias(0.9, 22)
    assert startup_bias(0.9, 43) > 0.01 > startup_bias(0.9, 44)
    assert_allclose(startup_bias(0.9, [1, 2]), [0.9, 0.81], rtol=1e-15)
    v1 = ewa([2.0], 0.9)[0]  # v_1 = 0.1 dW
    assert_allclose(v1, 0.2, rtol=1e-15)


# ------------------------------------------------------------------ purity
def test_inputs_are_not_mutated():
    theta = np.array([1.0, 2.0, 3.0])
    v = np.array([0.5, 0.5, 0.5])
    ewa(theta, 0.9, bias_correction=True)
    ewa_as_in_notes(theta, 0.9)
    out = ewa_step(v, theta, 0.9)
    bias_correction(v, 0.9, 2)
    assert_array_equal(theta, [1.0, 2.0, 3.0])
    assert_array_equal(v, [0.5, 0.5, 0.5])
    assert not np.shares_memory(out, v)


# ------------------------------------------------------------------ ValueError paths
@pytest.mark.parametrize("bad_beta", [1.0, -0.1, 1.5, float("nan"), "0.9", True, None])
@pytest.mark.parametrize("fn", [
    lambda b: ewa([1.0, 2.0], b),
    lambda b: ewa_as_in_notes([1.0, 2.0], b),
    lambda b: ewa_step(0.0, 1.0, b),
    lambda b: bias_correction(1.0, b, 1),
    lambda b: effective_window(b),
    lambda b: startup_bias(b, 1),
], ids=["ewa", "notes", "step", "correction", "window", "startup"])
def test_beta_errors(fn, bad_beta):
    with pytest.raises(ValueError, match="beta must"):
        fn(bad_beta)


@pytest.mark.parametrize(("theta", "match"), [
    (np.ones((2, 3)), "theta must be a non-empty 1-D series"),
    (np.ones((1, 3)), "theta must be a non-empty 1-D series"),
    ([], "theta must be a non-empty 1-D series"),
    (5.0, "theta must be a non-empty 1-D series"),
    ([1.0, np.nan], "theta must be finite"),
    ([1.0, np.inf], "theta must be finite"),
    (["a", "b"], "theta must hold numbers"),
    (["1", "2"], "theta must hold numbers"),
    ([True, False], "theta must hold numbers"),
])
def test_series_errors(theta, match):
    with pytest.raises(ValueError, match=match):
        ewa(theta, 0.9)
    with pytest.raises(ValueError, match=match):
        ewa_as_in_notes(theta, 0.9)


def test_ewa_step_errors():
    shape_msg = r"v and theta must have the same shape, got \(3,\) and \(1, 3\)"
    with pytest.raises(ValueError, match=shape_msg):
        ewa_step(np.zeros(3), np.zeros((1, 3)), 0.9)  # no silent broadcast
    with pytest.raises(ValueError, match="v must be finite"):
        ewa_step(np.nan, 1.0, 0.9)
    with pytest.raises(ValueError, match="theta must hold numbers"):
        ewa_step(0.0, "x", 0.9)


@pytest.mark.parametrize(("t", "match"), [
    (0, "t must be >= 1"), (-2, "t must be >= 1"), (1.0, "t must be an integer"),
    (True, "t must be an integer"),
])
def test_bias_correction_t_errors(t, match):
    with pytest.raises(ValueError, match=match):
        bias_correction(1.0, 0.9, t)


@pytest.mark.parametrize("t", [0, [1, 0], 1.5, [], [1.0]])
def test_startup_bias_t_errors(t):
    with pytest.raises(ValueError, match="t must be an integer or an array of integers >= 1"):
        startup_bias(0.9, t)


def test_bias_correction_flag_must_be_bool():
    with pytest.raises(ValueError, match="bias_correction must be True or False"):
        ewa([1.0], 0.9, bias_correction="yes")
