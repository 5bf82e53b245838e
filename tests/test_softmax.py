"""Tests for dlnotes.softmax: hand values, stability, identities, gradients, properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes import softmax as sm
from dlnotes.gradcheck import numerical_gradient, relative_error
from dlnotes.softmax import (
    cross_entropy,
    cross_entropy_backward,
    sigmoid,
    softmax,
)

# private kernels (only the tests and dlnotes.nn call them): no checks, arrays in
log_softmax = sm._log_softmax
binary_cross_entropy = sm._binary_cross_entropy
binary_cross_entropy_backward = sm._binary_cross_entropy_backward

RTOL = 1e-12


def one_hot(labels, C):
    Y = np.zeros((C, len(labels)))
    Y[labels, np.arange(len(labels))] = 1.0
    return Y


def logits(bound=1e4):
    """(C, m) logits with C in 2..5 classes and m in 1..6 examples, entries in +-bound."""
    shape = st.tuples(st.integers(2, 5), st.integers(1, 6))
    return arrays(np.float64, shape, elements=st.floats(-bound, bound))


# --------------------------------------------------------------------------- hand values


def test_softmax_hand_computed():
    # column 1: e^0, e^{ln 3} -> 1/4, 3/4; column 2: equal logits -> uniform
    Z = np.array([[0.0, 5.0], [np.log(3.0), 5.0]])
    np.testing.assert_allclose(softmax(Z), [[0.25, 0.5], [0.75, 0.5]], rtol=RTOL)
    Z3 = np.array([[1.0], [2.0], [3.0]])
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(softmax(Z3).ravel(), e / e.sum(), rtol=RTOL)


def test_log_softmax_hand_computed_and_consistent():
    Z = np.array([[1.0, -2.0], [2.0, 0.5], [3.0, 0.0]])
    expected = Z - np.log(np.exp(Z).sum(axis=0, keepdims=True))
    np.testing.assert_allclose(log_softmax(Z), expected, rtol=RTOL)
    np.testing.assert_allclose(np.exp(log_softmax(Z)), softmax(Z), rtol=RTOL)


def test_cross_entropy_hand_computed():
    # two examples: p(true) = 3/4 and 1/2 -> J = -(log 0.75 + log 0.5) / 2
    Z = np.array([[0.0, 5.0], [np.log(3.0), 5.0]])
    Y = np.array([[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(cross_entropy(Z, Y), -(np.log(0.75) + np.log(0.5)) / 2, rtol=RTOL)
    assert isinstance(cross_entropy(Z, Y), float)


def test_cross_entropy_is_negative_log_likelihood():
    # The notes: L = prod p_i^{y_i}, J = -log L. Over m examples: J = -(1/m) log prod_i L_i,
    # so minimizing J maximizes the likelihood.
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(4, 7))
    Y = one_hot(rng.integers(0, 4, 7), 4)
    P = softmax(Z)
    likelihood = np.prod(np.prod(P**Y, axis=0))
    np.testing.assert_allclose(cross_entropy(Z, Y), -np.log(likelihood) / 7, rtol=1e-12)


def test_binary_cross_entropy_hand_computed():
    Z = np.array([[0.0, np.log(3.0), -np.log(3.0)]])
    Y = np.array([[1.0, 1.0, 1.0]])
    expected = -(np.log(0.5) + np.log(0.75) + np.log(0.25)) / 3
    np.testing.assert_allclose(binary_cross_entropy(Z, Y), expected, rtol=RTOL)
    # the course's formula, where it is safe to use
    Z = np.array([[0.3, -1.2, 2.0, 0.0]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    A = 1 / (1 + np.exp(-Z))
    course = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    np.testing.assert_allclose(binary_cross_entropy(Z, Y), course, rtol=1e-12)


def test_sigmoid_hand_computed():
    Z = np.array([[0.0, np.log(3.0), -np.log(3.0)]])
    np.testing.assert_allclose(sigmoid(Z), [[0.5, 0.75, 0.25]], rtol=RTOL)


# --------------------------------------------------------------------------- stability


def test_extreme_logits_no_nan_no_warning():
    # RuntimeWarning is an error in this test suite, so a silent overflow would fail here.
    Z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4]])
    Y = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    P = softmax(Z)
    np.testing.assert_allclose(P, [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]], atol=1e-300)
    assert np.all(np.isfinite(log_softmax(Z)))
    np.testing.assert_allclose(cross_entropy(Z, Y), (2e4 + 2e4 + 1e4) / 3, rtol=1e-12)
    assert np.all(np.isfinite(cross_entropy_backward(Z, Y)))
    Zb = np.array([[1e4, -1e4, 1e4, -1e4]])
    Yb = np.array([[0.0, 1.0, 1.0, 0.0]])
    np.testing.assert_allclose(sigmoid(Zb), [[1.0, 0.0, 1.0, 0.0]], rtol=RTOL)
    np.testing.assert_allclose(binary_cross_entropy(Zb, Yb), (1e4 + 1e4) / 4, rtol=1e-12)
    assert np.all(np.isfinite(binary_cross_entropy_backward(Zb, Yb)))


def test_naive_softmax_would_overflow():
    # What the max-subtraction avoids: the course's t = e^z overflows at z = 1e4.
    with pytest.warns(RuntimeWarning), np.errstate(over="warn", invalid="warn"):
        naive = np.exp(np.array([1e4, 0.0])) / np.exp(np.array([1e4, 0.0])).sum()
    assert np.isnan(naive[0])
    np.testing.assert_allclose(softmax(np.array([[1e4], [0.0]])), [[1.0], [0.0]], rtol=RTOL)


def test_tiny_temperature_no_warning():
    Z = np.array([[1.0, -1e4], [2.0, 1e4]])
    np.testing.assert_array_equal(softmax(Z, temperature=1e-308), [[0.0, 0.0], [1.0, 1.0]])


@settings(max_examples=100, deadline=None)
@given(logits())
def test_property_stable_on_any_logits(Z):
    P = softmax(Z)
    assert np.all(np.isfinite(P)) and np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=1e-12)
    L = log_softmax(Z)
    assert np.all(np.isfinite(L)) and np.all(L <= 0)
    Y = one_hot(np.argmin(Z, axis=0), Z.shape[0])  # the worst labels
    assert np.isfinite(cross_entropy(Z, Y))
    assert np.all(np.isfinite(sigmoid(Z)))


# --------------------------------------------------------------------------- identities


def test_two_class_softmax_is_sigmoid_of_logit_difference():
    rng = np.random.default_rng(1)
    Z = rng.normal(scale=5.0, size=(2, 10))
    d = Z[:1] - Z[1:]
    np.testing.assert_allclose(softmax(Z)[:1], sigmoid(d), rtol=1e-12)
    labels = rng.integers(0, 2, 10)
    Y = one_hot(labels, 2)
    y = Y[:1]  # "class 0" as the positive class
    np.testing.assert_allclose(cross_entropy(Z, Y), binary_cross_entropy(d, y), rtol=1e-12)
    g2 = cross_entropy_backward(Z, Y)
    np.testing.assert_allclose(g2[0:1], binary_cross_entropy_backward(d, y), rtol=1e-12)
    np.testing.assert_allclose(g2[1:2], -binary_cross_entropy_backward(d, y), rtol=1e-12)


def test_softmax_tends_to_one_hot_argmax_as_temperature_goes_to_zero():
    rng = np.random.default_rng(2)
    Z = rng.normal(size=(5, 8))
    target = one_hot(np.argmax(Z, axis=0), 5)
    distances = [np.max(np.abs(softmax(Z, temperature=T) - target)) for T in (1.0, 0.1, 0.01)]
    assert distances[0] > distances[1] > distances[2]
    gap = np.min(np.sort(Z, axis=0)[-1] - np.sort(Z, axis=0)[-2])  # margin of the argmax
    T = gap / 50.0  # every other class is at least e^-50 times smaller
    np.testing.assert_allclose(softmax(Z, temperature=T), target, atol=5 * np.exp(-50))


def test_softmax_tends_to_uniform_as_temperature_grows():
    Z = np.array([[1.0, -3.0], [2.0, 0.0], [7.0, 3.0]])
    np.testing.assert_allclose(softmax(Z, temperature=1e9), 1 / 3, rtol=1e-8)


def test_temperature_is_division_of_logits():
    Z = np.array([[1.0, -3.0], [2.0, 0.0], [7.0, 3.0]])
    np.testing.assert_allclose(softmax(Z, temperature=2.5), softmax(Z / 2.5), rtol=1e-12)


def test_softmax_is_not_the_max_but_logsumexp_is():
    # "softmax approximates argmax": the smooth approximation of the max value is logsumexp
    Z = np.array([[1.0], [2.0], [8.0]])
    lse = float(Z.max() - log_softmax(Z)[np.argmax(Z), 0])
    np.testing.assert_allclose(lse, np.log(np.exp(Z).sum()), rtol=1e-12)
    assert 8.0 < lse < 8.0 + np.log(3)


@settings(max_examples=100, deadline=None)
@given(
    logits(bound=50.0),
    arrays(np.float64, st.just((1, 6)), elements=st.floats(-1e3, 1e3)),
)
def test_property_columns_sum_to_one_positive_and_shift_invariant(Z, c):
    c = c[:, : Z.shape[1]]
    P = softmax(Z)
    np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=1e-12)
    assert np.all(P > 0) and np.all(P <= 1)  # in (0, 1] while the logit spread is moderate
    np.testing.assert_allclose(softmax(Z + c), P, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(log_softmax(Z + c), log_softmax(Z), atol=1e-9)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.tuples(st.just(1), st.integers(1, 8)), elements=st.floats(-1e4, 1e4)))
def test_property_sigmoid_symmetry_and_range(Z):
    S = sigmoid(Z)
    assert np.all((S >= 0) & (S <= 1))
    np.testing.assert_allclose(sigmoid(-Z), 1 - S, atol=1e-15)


# --------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("seed,C,m", [(0, 3, 4), (1, 5, 8), (2, 2, 6)])
def test_cross_entropy_gradient_check(seed, C, m):
    rng = np.random.default_rng(seed)
    Z = rng.normal(scale=2.0, size=(C, m))
    Y = one_hot(rng.integers(0, C, m), C)
    approx = numerical_gradient(lambda z: cross_entropy(z, Y), Z)
    assert relative_error(cross_entropy_backward(Z, Y), approx) < 1e-7


@pytest.mark.parametrize("seed,m", [(0, 4), (1, 9)])
def test_binary_cross_entropy_gradient_check(seed, m):
    rng = np.random.default_rng(seed)
    Z = rng.normal(scale=2.0, size=(1, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    approx = numerical_gradient(lambda z: binary_cross_entropy(z, Y), Z)
    assert relative_error(binary_cross_entropy_backward(Z, Y), approx) < 1e-7


def test_backward_includes_one_over_m():
    Z = np.zeros((2, 4))
    Y = one_hot([0, 1, 0, 1], 2)
    np.testing.assert_allclose(cross_entropy_backward(Z, Y), (0.5 - Y) / 4, rtol=RTOL)
    np.testing.assert_allclose(
        binary_cross_entropy_backward(Z[:1], Y[:1]), (0.5 - Y[:1]) / 4, rtol=RTOL
    )


# --------------------------------------------------------------------------- stacked kernels


def test_kernels_on_stacked_models_match_one_by_one():
    K, C, m = 3, 4, 5
    rng = np.random.default_rng(3)
    Z = rng.normal(scale=3.0, size=(K, C, m))
    Y = np.stack([one_hot(rng.integers(0, C, m), C) for _ in range(K)])
    Zb = rng.normal(size=(K, 1, m))
    Yb = rng.integers(0, 2, size=(K, 1, m)).astype(float)
    T = np.array([0.5, 1.0, 2.0]).reshape(K, 1, 1)  # a per-model temperature
    P = sm._softmax(Z, T)
    J = sm._cross_entropy(Z, Y)
    Jb = sm._binary_cross_entropy(Zb, Yb)
    assert J.shape == (K,) and Jb.shape == (K,)
    for k in range(K):
        np.testing.assert_allclose(P[k], softmax(Z[k], temperature=float(T[k, 0, 0])), rtol=1e-12)
        np.testing.assert_allclose(sm._log_softmax(Z)[k], log_softmax(Z[k]), rtol=1e-12)
        np.testing.assert_allclose(J[k], cross_entropy(Z[k], Y[k]), rtol=1e-12)
        np.testing.assert_allclose(
            sm._cross_entropy_backward(Z, Y)[k], cross_entropy_backward(Z[k], Y[k]), rtol=1e-12
        )
        np.testing.assert_allclose(sm._sigmoid(Zb)[k], sigmoid(Zb[k]), rtol=1e-12)
        np.testing.assert_allclose(Jb[k], binary_cross_entropy(Zb[k], Yb[k]), rtol=1e-12)
        np.testing.assert_allclose(
            sm._binary_cross_entropy_backward(Zb, Yb)[k],
            binary_cross_entropy_backward(Zb[k], Yb[k]),
            rtol=1e-12,
        )


# --------------------------------------------------------------------------- purity


def test_inputs_are_not_mutated():
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(3, 5))
    Y = one_hot([0, 1, 2, 0, 1], 3)
    Zb, Yb = Z[:1].copy(), Y[:1].copy()
    copies = [a.copy() for a in (Z, Y, Zb, Yb)]
    softmax(Z, temperature=0.5)
    log_softmax(Z)
    cross_entropy(Z, Y)
    cross_entropy_backward(Z, Y)
    sigmoid(Zb)
    binary_cross_entropy(Zb, Yb)
    binary_cross_entropy_backward(Zb, Yb)
    for a, c in zip((Z, Y, Zb, Yb), copies, strict=True):
        np.testing.assert_array_equal(a, c)


# --------------------------------------------------------------------------- errors

Z_OK = np.zeros((3, 4))
Y_OK = one_hot([0, 1, 2, 0], 3)


@pytest.mark.parametrize("func", [softmax, sigmoid])
@pytest.mark.parametrize(
    "Z", [np.zeros(4), np.zeros((2, 2, 2)), np.zeros((0, 3)), np.zeros((3, 0)),
          np.array([[np.nan, 1.0]]), np.array([["a", "b"]])]
)
def test_activation_errors(func, Z):
    with pytest.raises(ValueError, match=r"^Z "):
        func(Z)


@pytest.mark.parametrize("temperature", [0.0, -1.0, np.inf, "1", True])
def test_temperature_errors(temperature):
    with pytest.raises(ValueError, match=r"^temperature "):
        softmax(Z_OK, temperature=temperature)


@pytest.mark.parametrize("func", [cross_entropy, cross_entropy_backward])
@pytest.mark.parametrize(
    "Z,Y,match",
    [
        (np.zeros(4), Y_OK, r"^Z "),
        (np.zeros((4, 4)), Y_OK, r"^Z and Y "),
        (Z_OK, Y_OK[:, :3], r"^Z and Y "),
        (Z_OK, Y_OK.ravel(), r"^Y "),
        (Z_OK, 0.5 * Y_OK + 0.5 / 3, r"^Y "),          # soft labels: not one-hot
        (Z_OK, np.ones((3, 4)), r"^Y "),              # several ones per column
        (Z_OK, np.zeros((3, 4)), r"^Y "),             # no label
        (np.zeros((1, 4)), np.ones((1, 4)), r"^Y "),  # one class: use the binary loss
    ],
)
def test_cross_entropy_errors(func, Z, Y, match):
    with pytest.raises(ValueError, match=match):
        func(Z, Y)
