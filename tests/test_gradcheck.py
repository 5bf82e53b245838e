"""Tests for dlnotes.gradcheck: centred differences, the course's difference, whole dicts."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.gradcheck import (
    GradCheckResult,
    check_gradients,
    numerical_gradient,
    relative_error,
)


# ----------------------------------------------------------------------------- numerical_gradient
def test_numerical_gradient_of_a_quadratic_by_hand():
    # f(x) = sum(x^2) + 3 x_00 x_01  ->  grad = 2x + 3 (x_01, x_00) in the first row
    x = np.array([[1.0, -2.0], [0.5, 3.0]])

    def f(x):
        return float(np.sum(x**2) + 3 * x[0, 0] * x[0, 1])

    expected = np.array([[2.0 - 6.0, -4.0 + 3.0], [1.0, 6.0]])
    assert_allclose(numerical_gradient(f, x), expected, rtol=0, atol=1e-6)


def test_numerical_gradient_is_centred_second_order():
    # For sin at x = 1 with epsilon = 1e-3 the centred error is ~ eps^2/6 cos(1) ~ 9e-8;
    # a one-sided difference would be off by ~ eps/2 sin(1) ~ 4e-4.
    x = np.array([[1.0]])
    g = numerical_gradient(lambda v: float(np.sin(v).sum()), x, epsilon=1e-3)
    err = abs(g.item() - np.cos(1.0))
    assert err == pytest.approx(1e-6 / 6 * np.cos(1.0), rel=1e-3)


def test_numerical_gradient_leaves_x_unchanged_and_returns_float64():
    x = np.array([[1, 2], [3, 4]])  # int input
    x0 = x.copy()
    seen = []

    def f(v):
        seen.append(v.dtype)
        return float(np.sum(v**3))

    g = numerical_gradient(f, x)
    assert_array_equal(x, x0)
    assert x.dtype == x0.dtype
    assert g.dtype == np.float64 and g.shape == x.shape
    assert all(dt == np.float64 for dt in seen)
    assert_allclose(g, 3 * x0.astype(float) ** 2, rtol=1e-6)


def test_numerical_gradient_works_on_any_shape():
    x = np.arange(24, dtype=float).reshape(2, 3, 4) / 10
    assert_allclose(numerical_gradient(lambda v: float(np.sum(v**2)), x), 2 * x, atol=1e-6)


@pytest.mark.parametrize("f", [None, 3, "sum"])
def test_numerical_gradient_bad_f(f):
    with pytest.raises(ValueError, match="f"):
        numerical_gradient(f, np.zeros((1, 1)))


@pytest.mark.parametrize("epsilon", [0, -1e-7, np.nan, "1e-7"])
def test_numerical_gradient_bad_epsilon(epsilon):
    with pytest.raises(ValueError, match="epsilon"):
        numerical_gradient(lambda v: 0.0, np.zeros((1, 1)), epsilon=epsilon)


# ----------------------------------------------------------------------------- relative_error
def test_relative_error_hand_values():
    assert relative_error(np.array([3.0, 4.0]), np.zeros(2)) == 1.0
    # ||(1,-1)|| / (1 + 1) = sqrt(2)/2
    assert relative_error(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(
        np.sqrt(2) / 2, rel=1e-15
    )
    # ||(0.3, 0)|| / (5 + 5.3) with g = (3, 4), a = (3.3, 4)... computed exactly:
    g, a = np.array([3.0, 4.0]), np.array([3.3, 4.0])
    expected = 0.3 / (5.0 + np.sqrt(3.3**2 + 16))
    assert relative_error(g, a) == pytest.approx(expected, rel=1e-12)
    assert relative_error(np.zeros((2, 2)), np.zeros((2, 2))) == 0.0


def test_relative_error_is_symmetric_and_scale_free():
    rng = np.random.default_rng(0)
    g, a = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    assert relative_error(g, a) == pytest.approx(relative_error(a, g), rel=1e-15)
    assert relative_error(1e6 * g, 1e6 * a) == pytest.approx(relative_error(g, a), rel=1e-12)
    assert 0.0 <= relative_error(g, a) <= 1.0


def test_relative_error_shape_mismatch():
    with pytest.raises(ValueError, match="grad and grad_approx"):
        relative_error(np.zeros((2, 1)), np.zeros((1, 2)))


# ----------------------------------------------------------------------------- check_gradients
def _logistic_problem(seed=0):
    """One sigmoid unit with cross-entropy, as in course 1: params and the true gradients."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((3, 6))
    Y = (rng.random((1, 6)) < 0.5).astype(float)
    params = {"W1": rng.standard_normal((1, 3)), "b1": rng.standard_normal((1, 1))}

    def cost(p):
        A = 1 / (1 + np.exp(-(p["W1"] @ X + p["b1"])))
        return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))

    A = 1 / (1 + np.exp(-(params["W1"] @ X + params["b1"])))
    dZ = A - Y
    grads = {"dW1": dZ @ X.T / 6, "db1": dZ.sum(axis=1, keepdims=True) / 6}
    return cost, params, grads


def test_check_gradients_accepts_a_correct_backward():
    cost, params, grads = _logistic_problem()
    res = check_gradients(cost, params, grads)
    assert isinstance(res, GradCheckResult)
    assert res.difference < 1e-7
    assert set(res.per_parameter) == {"W1", "b1"}
    assert max(res.per_parameter.values()) < 1e-7


def test_check_gradients_flags_a_known_wrong_gradient():
    cost, params, grads = _logistic_problem()
    wrong = dict(grads, dW1=grads["dW1"] * 2)  # e.g. a forgotten 1/2 or a doubled term
    res = check_gradients(cost, params, wrong)
    assert res.difference > 1e-3
    assert res.per_parameter["W1"] > 1e-3
    assert res.per_parameter["b1"] < 1e-7  # and it says which parameter is wrong
    # a transposed-sign bug too
    assert check_gradients(cost, params, dict(grads, db1=-grads["db1"])).difference > 1e-3


def test_check_gradients_accepts_keys_without_d_prefix():
    cost, params, grads = _logistic_problem()
    plain = {"W1": grads["dW1"], "b1": grads["db1"]}
    assert check_gradients(cost, params, plain).difference < 1e-7


def test_check_gradients_does_not_mutate_params_or_grads():
    cost, params, grads = _logistic_problem()
    p0 = {k: v.copy() for k, v in params.items()}
    g0 = {k: v.copy() for k, v in grads.items()}
    check_gradients(cost, params, grads)
    for k in params:
        assert_array_equal(params[k], p0[k])
    for k in grads:
        assert_array_equal(grads[k], g0[k])


def test_check_gradients_errors():
    cost, params, grads = _logistic_problem()
    with pytest.raises(ValueError, match="params"):
        check_gradients(cost, {}, grads)
    with pytest.raises(ValueError, match="params"):
        check_gradients(cost, None, grads)
    with pytest.raises(ValueError, match="params"):
        check_gradients(cost, {"W1": [[1.0, 2.0, 3.0]]}, grads)
    with pytest.raises(ValueError, match="cost"):
        check_gradients("cost", params, grads)
    with pytest.raises(ValueError, match="grads.*db1"):
        check_gradients(cost, params, {"dW1": grads["dW1"]})
    with pytest.raises(ValueError, match=r"grads\['dW1'\]"):
        check_gradients(cost, params, dict(grads, dW1=grads["dW1"].T))
    with pytest.raises(ValueError, match="epsilon"):
        check_gradients(cost, params, grads, epsilon=0.0)
