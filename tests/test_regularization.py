"""Tests for dlnotes.regularization: L2, L1 and its proximal step, dropout, matrix norms."""

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.gradcheck import check_gradients, numerical_gradient, relative_error
from dlnotes.regularization import (
    EarlyStopping,
    _dropout_backward,
    _dropout_forward,
    _frobenius_norm,
    _l1_cost,
    _l1_grad,
    _l1_proximal_step,
    _l2_cost,
    _l2_grad,
    _soft_threshold,
    dropout_backward,
    dropout_forward,
    early_stopping,
    frobenius_norm,
    l1_cost,
    l1_grad,
    l1_proximal_step,
    l2_cost,
    l2_grad,
    matrix_norms,
)


def soft_threshold(W, t):  # the kernel (private: only l1_proximal_step and the tests call it)
    return _soft_threshold(np.asarray(W, dtype=float), t)


def spectral_norm(W):
    return matrix_norms(W)["spectral"]


def nuclear_norm(W):
    return matrix_norms(W)["nuclear"]


def rng(seed=0):
    return np.random.default_rng(seed)


def small_params(seed=0):
    g = rng(seed)
    return {
        "W1": g.standard_normal((4, 3)),
        "b1": g.standard_normal((4, 1)),
        "W2": g.standard_normal((2, 4)),
        "b2": g.standard_normal((2, 1)),
    }


# ============================================================================== L2
def test_l2_cost_hand_value_ignores_biases_and_other_keys():
    params = {
        "W1": np.array([[1.0, 2.0]]),
        "b1": np.array([[100.0]]),
        "W2": np.array([[2.0], [-1.0]]),
        "gamma1": np.array([[100.0]]),
    }
    # lambd/(2m) * (1 + 4 + 4 + 1) = 0.3/8 * 10
    assert l2_cost(params, lambd=0.3, m=4) == pytest.approx(0.375, rel=1e-15)
    assert isinstance(l2_cost(params, 0.3, 4), float)
    assert l2_cost(params, 0.0, 4) == 0.0


def test_l2_cost_is_squared_frobenius_norms():
    p = small_params()
    expected = 0.7 / (2 * 5) * (frobenius_norm(p["W1"]) ** 2 + frobenius_norm(p["W2"]) ** 2)
    assert_allclose(l2_cost(p, 0.7, 5), expected, rtol=1e-14)


def test_l2_grad_hand_value():
    assert_allclose(l2_grad(np.array([[1.0, -2.0], [0.0, 4.0]]), 0.6, 3),
                    [[0.2, -0.4], [0.0, 0.8]], rtol=1e-15)


def test_l2_grad_passes_gradient_check():
    p = small_params(1)
    lambd, m = 0.7, 5
    grads = {k: (l2_grad(v, lambd, m) if k.startswith("W") else np.zeros_like(v))
             for k, v in p.items()}
    res = check_gradients(lambda q: l2_cost(q, lambd, m), p, grads)
    assert res.difference < 1e-7
    assert max(res.per_parameter[k] for k in ("W1", "W2")) < 1e-7


def test_l2_step_is_weight_decay():
    g = rng(2)
    W, dW = g.standard_normal((3, 4)), g.standard_normal((3, 4))
    lr, lambd, m = 0.1, 2.0, 8
    assert_allclose(W - lr * (dW + l2_grad(W, lambd, m)),
                    (1 - lr * lambd / m) * W - lr * dW, rtol=1e-14)


# ============================================================================== L1
def test_l1_cost_and_grad_hand_values():
    p = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[9.0]]), "W2": np.array([[0.0, 3.0]])}
    assert l1_cost(p, lambd=0.5, m=2) == pytest.approx(1.5, rel=1e-15)  # 0.5/2 * 6
    assert_array_equal(l1_grad(np.array([[2.0, 0.0, -0.1]]), 1.0, 4), [[0.25, 0.0, -0.25]])


def test_l1_half_convention_is_lambd_over_two():
    # The slide's lambd/(2m) * ||W||_1 is this module's l1_cost with lambd / 2.
    p = small_params(3)
    lambd, m = 0.8, 10
    slide = lambd / (2 * m) * (np.abs(p["W1"]).sum() + np.abs(p["W2"]).sum())
    assert_allclose(l1_cost(p, lambd / 2, m), slide, rtol=1e-14)


def test_l1_grad_passes_gradient_check_away_from_zero():
    p = small_params(4)
    p = {k: v + np.sign(v) * 0.1 for k, v in p.items()}  # |w| >= 0.1 >> epsilon
    lambd, m = 0.9, 6
    grads = {k: (l1_grad(v, lambd, m) if k.startswith("W") else np.zeros_like(v))
             for k, v in p.items()}
    assert check_gradients(lambda q: l1_cost(q, lambd, m), p, grads).difference < 1e-7


def test_soft_threshold_hand_value():
    out = soft_threshold(np.array([[-3.0, -0.5, 0.0, 0.2, 1.0, 2.5]]), 1.0)
    assert_array_equal(out, [[-2.0, 0.0, 0.0, 0.0, 0.0, 1.5]])
    assert_array_equal(soft_threshold(np.array([[0.3, -2.0]]), 0.0), [[0.3, -2.0]])


@given(v=st.floats(-10, 10), t=st.floats(0, 5))
def test_soft_threshold_is_the_l1_proximal_map(v, t):
    # prox: S(v) minimizes 0.5 (x - v)^2 + t |x|; check against nearby points and 0.
    s = soft_threshold(np.array([[v]]), t).item()

    def obj(x):
        return 0.5 * (x - v) ** 2 + t * abs(x)

    for x in (0.0, v, s + 1e-3, s - 1e-3, s + 0.5, s - 0.5):
        assert obj(s) <= obj(x) + 1e-12
    assert (s == 0.0) == (abs(v) <= t)
    assert abs(s) <= abs(v) and s * v >= 0


def test_l1_proximal_step_definition_and_exact_zeros():
    g = rng(5)
    W, dW = g.standard_normal((5, 6)), g.standard_normal((5, 6))
    lr, lambd, m = 0.1, 4.0, 2
    out = l1_proximal_step(W, dW, lr, lambd, m)
    assert_array_equal(out, soft_threshold(W - lr * dW, lr * lambd / m))
    assert np.count_nonzero(out == 0.0) > 0


def test_l1_proximal_step_gives_sparsity_subgradient_only_jitter():
    """The notes' "L1 makes w sparse": true for the proximal step, not for subgradient descent.

    Minimize 0.5 ||W - T||_F^2 + lambd ||W||_1 (m = 1); the solution is soft_threshold(T, lambd),
    which is zero wherever |T| <= lambd.
    """
    T = np.array([[2.0, -0.3, 0.1, -1.5], [0.2, 0.0, 3.0, -0.05]])
    lr, lambd = 0.1, 0.5
    W_sub = np.full_like(T, 0.7)
    W_prox = W_sub.copy()
    for _ in range(300):
        W_sub = W_sub - lr * ((W_sub - T) + l1_grad(W_sub, lambd, 1))
        W_prox = l1_proximal_step(W_prox, W_prox - T, lr, lambd, 1)
    solution = soft_threshold(T, lambd)
    zero = np.abs(T) <= lambd
    assert_allclose(W_prox, solution, rtol=0, atol=1e-12)
    assert np.all(W_prox[zero] == 0.0)  # exact zeros
    assert np.count_nonzero(W_sub == 0.0) == 0  # no exact zero at all ...
    assert np.all(np.abs(W_sub[zero]) <= lr * lambd)  # ... just small and jittery
    assert_allclose(W_sub[~zero], solution[~zero], rtol=0, atol=lr * lambd)


# ============================================================================== dropout
def test_dropout_forward_hand_example():
    A = np.arange(1.0, 9.0).reshape(2, 4)
    A_out, D = dropout_forward(A, 0.5, rng=rng(1))
    # default_rng(1).random((2, 4)) < 0.5
    expected_D = np.array([[0.0, 0.0, 1.0, 0.0], [1.0, 1.0, 0.0, 1.0]])
    assert_array_equal(D, expected_D)
    assert_array_equal(A_out, [[0.0, 0.0, 6.0, 0.0], [10.0, 12.0, 0.0, 16.0]])
    assert D.dtype == np.float64 and A_out.dtype == np.float64


def test_dropout_mask_is_rng_random_below_keep_prob():
    A = rng(9).standard_normal((6, 7))
    A_out, D = dropout_forward(A, 0.7, rng=rng(3))
    expected_D = (rng(3).random((6, 7)) < 0.7).astype(float)
    assert_array_equal(D, expected_D)
    assert_allclose(A_out, A * expected_D / 0.7, rtol=1e-15)


def test_keep_prob_one_is_identity_and_still_consumes_rng():
    A = rng(2).standard_normal((3, 5))
    g1, g2 = rng(4), rng(4)
    A_out, D = dropout_forward(A, 1.0, rng=g1)
    assert_array_equal(A_out, A)
    assert A_out is not A
    assert_array_equal(D, np.ones_like(A))
    dropout_forward(A, 0.3, rng=g2)
    # the stream after dropout does not depend on keep_prob
    assert g1.random() == g2.random()


def test_dropout_backward_hand_value():
    dA = np.array([[1.0, 2.0], [3.0, 4.0]])
    D = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert_array_equal(dropout_backward(dA, D, 0.8), [[1.25, 0.0], [0.0, 5.0]])


def test_dropout_backward_passes_gradient_check():
    g = rng(6)
    A = g.standard_normal((5, 8))  # batch of m = 8
    G = g.standard_normal((5, 8))  # random upstream gradient
    keep_prob, seed = 0.6, 123

    def J(a):  # dropout with a fixed mask: the same seed every call
        return float(np.sum(G * dropout_forward(a, keep_prob, rng=rng(seed))[0]))

    _, D = dropout_forward(A, keep_prob, rng=rng(seed))
    assert 0 < D.sum() < D.size  # the mask really drops and keeps
    analytic = dropout_backward(G, D, keep_prob)
    assert relative_error(analytic, numerical_gradient(J, A)) < 1e-7


def test_dropout_keeps_about_keep_prob_of_the_units():
    _, D = dropout_forward(np.ones((400, 500)), 0.8, rng=rng(7))
    # N = 200,000 Bernoulli(0.8): std of the mean is 0.0009
    assert abs(D.mean() - 0.8) < 0.005


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), keep_prob=st.floats(0.05, 1.0))
def test_inverted_dropout_keeps_the_mean(seed, keep_prob):
    A = rng(seed).standard_normal((100, 200)) + 1.0
    A_out, _ = dropout_forward(A, keep_prob, rng=rng(seed + 1))
    # E[A_out] = A; the sample mean of A_out has variance sum(A^2) (1-p)/p / N^2
    N = A.size
    sd = np.sqrt(np.sum(A**2) * (1 - keep_prob) / keep_prob) / N
    assert abs(A_out.mean() - A.mean()) <= 6 * sd + 1e-12


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    shape=st.tuples(st.integers(1, 9), st.integers(1, 9)),
    keep_prob=st.floats(0.01, 1.0),
)
def test_same_seed_same_mask_and_mask_is_zero_one(seed, shape, keep_prob):
    A = rng(seed).standard_normal(shape)
    out1, D1 = dropout_forward(A, keep_prob, rng=rng(seed))
    out2, D2 = dropout_forward(A, keep_prob, rng=rng(seed))
    assert_array_equal(D1, D2)
    assert_array_equal(out1, out2)
    assert set(np.unique(D1)) <= {0.0, 1.0}
    assert_array_equal(out1[D1 == 0], 0.0)
    assert_allclose(out1[D1 == 1], A[D1 == 1] / keep_prob, rtol=1e-15)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), p=st.floats(0.01, 1.0), q=st.floats(0.01, 1.0))
def test_same_seed_masks_are_nested_across_keep_prob(seed, p, q):
    lo, hi = min(p, q), max(p, q)
    A = np.ones((7, 9))
    _, D_lo = dropout_forward(A, lo, rng=rng(seed))
    _, D_hi = dropout_forward(A, hi, rng=rng(seed))
    assert np.all(D_lo <= D_hi)  # kept at the lower keep_prob => kept at the higher one


# ============================================================================== matrix norms
def test_matrix_norms_hand_values():
    W = np.array([[3.0, 0.0], [0.0, -4.0]])
    assert frobenius_norm(W) == 5.0
    assert spectral_norm(W) == pytest.approx(4.0, rel=1e-15)
    assert nuclear_norm(W) == pytest.approx(7.0, rel=1e-15)
    assert matrix_norms(W) == pytest.approx({"frobenius": 5.0, "spectral": 4.0, "nuclear": 7.0})


def test_matrix_norms_agree_with_numpy():
    W = rng(8).standard_normal((5, 3))
    assert_allclose(frobenius_norm(W), np.linalg.norm(W, "fro"), rtol=1e-14)
    assert_allclose(spectral_norm(W), np.linalg.norm(W, 2), rtol=1e-14)
    assert_allclose(nuclear_norm(W), np.linalg.norm(W, "nuc"), rtol=1e-14)
    assert_allclose(matrix_norms(W)["frobenius"], frobenius_norm(W), rtol=1e-14)


def test_frobenius_is_l2_of_the_flattened_entries_spectral_is_not():
    W = np.array([[1.0, 1.0], [1.0, 1.0]]) + np.eye(2)
    assert_allclose(frobenius_norm(W), np.linalg.norm(W.ravel(), 2), rtol=1e-15)
    assert spectral_norm(W) < frobenius_norm(W)  # 3 < sqrt(10)


def test_rank_one_and_row_vector_all_norms_agree():
    u, v = np.array([[1.0], [2.0]]), np.array([[3.0, -1.0, 2.0]])
    for W in (u @ v, v):
        n = matrix_norms(W)
        assert_allclose([n["spectral"], n["nuclear"]], [n["frobenius"]] * 2, rtol=1e-13)


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)),
              elements=st.floats(-100, 100)))
def test_norm_inequalities(W):
    n = matrix_norms(W)
    rank = max(np.linalg.matrix_rank(W), 1)
    tol = 1e-9 * (1 + n["nuclear"])
    assert n["spectral"] <= n["frobenius"] + tol
    assert n["frobenius"] <= n["nuclear"] + tol
    assert n["frobenius"] <= np.sqrt(rank) * n["spectral"] + tol
    assert n["nuclear"] <= np.sqrt(rank) * n["frobenius"] + tol


# ============================================================================== kernels, batched
K = 3


def stacked(seed=0):
    g = rng(seed)
    return [g.standard_normal((K, 4, 3)), g.standard_normal((K, 2, 4))]


def test_l2_and_l1_cost_kernels_per_model_lambd():
    W1, W2 = stacked()
    lambd = np.array([0.0, 0.5, 2.0]).reshape(K, 1, 1)
    l2 = _l2_cost([W1, W2], lambd, 7)
    l1 = _l1_cost([W1, W2], lambd, 7)
    assert l2.shape == (K,) and l1.shape == (K,)
    for k in range(K):
        p = {"W1": W1[k], "W2": W2[k]}
        assert_allclose(l2[k], l2_cost(p, lambd[k].item(), 7), rtol=1e-14)
        assert_allclose(l1[k], l1_cost(p, lambd[k].item(), 7), rtol=1e-14)
    # one model, scalar lambd: a 0-d result
    assert np.ndim(_l2_cost([W1[0], W2[0]], 0.5, 7)) == 0
    assert np.ndim(_l1_cost([W1[0], W2[0]], 0.5, 7)) == 0


def test_elementwise_kernels_per_model():
    W, dW = stacked(1)[0], stacked(2)[0]
    lambd = np.array([0.1, 1.0, 3.0]).reshape(K, 1, 1)
    lr = np.array([0.01, 0.1, 0.5]).reshape(K, 1, 1)
    for k in range(K):
        lk, rk = lambd[k].item(), lr[k].item()
        assert_allclose(_l2_grad(W, lambd, 5)[k], l2_grad(W[k], lk, 5), rtol=1e-15)
        assert_allclose(_l1_grad(W, lambd, 5)[k], l1_grad(W[k], lk, 5), rtol=1e-15)
        assert_allclose(_soft_threshold(W, lambd)[k], _soft_threshold(W[k], lk), rtol=1e-15)
        assert_allclose(_l1_proximal_step(W, dW, lr, lambd, 5)[k],
                        l1_proximal_step(W[k], dW[k], rk, lk, 5), rtol=1e-15)


def test_dropout_kernels_per_model_keep_prob():
    A = rng(3).standard_normal((K, 5, 6))
    keep_prob = np.array([0.5, 0.9, 1.0]).reshape(K, 1, 1)
    A_out, D = _dropout_forward(A, keep_prob, rng(4))
    assert A_out.shape == D.shape == A.shape
    assert_array_equal(D, (rng(4).random(A.shape) < keep_prob).astype(float))
    for k in range(K):
        assert_allclose(A_out[k], A[k] * D[k] / keep_prob[k].item(), rtol=1e-15)
    assert_array_equal(D[2], 1.0)  # keep_prob = 1 keeps everything
    assert_array_equal(A_out[2], A[2])
    dA = rng(5).standard_normal(A.shape)
    dA_in = _dropout_backward(dA, D, keep_prob)
    for k in range(K):
        assert_allclose(dA_in[k], dropout_backward(dA[k], D[k], keep_prob[k].item()), rtol=1e-15)


def test_norm_kernels_on_a_stack():
    W = stacked(6)[0]
    out = _frobenius_norm(W)
    assert out.shape == (K,)
    assert_allclose(out, [frobenius_norm(W[k]) for k in range(K)], rtol=1e-14)


# ============================================================================== purity
def test_no_function_mutates_its_inputs():
    p = small_params(7)
    p_copy = {k: v.copy() for k, v in p.items()}
    W, dW = p["W1"], rng(8).standard_normal((4, 3))
    W0, dW0 = W.copy(), dW.copy()
    l2_cost(p, 0.5, 3)
    l1_cost(p, 0.5, 3)
    l2_grad(W, 0.5, 3)
    l1_grad(W, 0.5, 3)
    l1_proximal_step(W, dW, 0.1, 0.5, 3)
    matrix_norms(W)
    frobenius_norm(W)
    A_out, D = dropout_forward(W, 0.5, rng=rng())
    D0 = D.copy()
    dropout_backward(dW, D, 0.5)
    for k in p:
        assert_array_equal(p[k], p_copy[k])
    assert_array_equal(W, W0)
    assert_array_equal(dW, dW0)
    assert_array_equal(D, D0)


# ============================================================================== errors
GOOD_W = np.ones((2, 3))


@pytest.mark.parametrize("fn", [l2_cost, l1_cost])
@pytest.mark.parametrize(
    ("params", "match"),
    [
        (None, "params"),
        ({}, "params"),
        ({"W1": [[1.0]]}, "params"),  # not an array
        ({"b1": np.ones((2, 1))}, "params"),  # no weights
        ({"W1": np.ones(3)}, r"params\['W1'\]"),  # 1-D
        ({"W1": np.array([[1.0, np.nan]])}, r"params\['W1'\]"),
    ],
)
def test_cost_bad_params(fn, params, match):
    with pytest.raises(ValueError, match=match):
        fn(params, 0.1, 4)


@pytest.mark.parametrize("fn", [l2_cost, l1_cost])
def test_cost_bad_lambd_and_m(fn):
    p = {"W1": GOOD_W}
    for lambd in (-0.1, np.nan, "0.1", None):
        with pytest.raises(ValueError, match="lambd"):
            fn(p, lambd, 4)
    for m in (0, -2, 4.0, None):
        with pytest.raises(ValueError, match="m"):
            fn(p, 0.1, m)


@pytest.mark.parametrize("fn", [l2_grad, l1_grad])
def test_grad_bad_inputs(fn):
    for W in (np.ones(3), np.ones((2, 2, 2)), np.array([[np.inf]]), "W"):
        with pytest.raises(ValueError, match="W"):
            fn(W, 0.1, 4)
    with pytest.raises(ValueError, match="lambd"):
        fn(GOOD_W, -1.0, 4)
    with pytest.raises(ValueError, match="m"):
        fn(GOOD_W, 0.1, 0)


def test_l1_proximal_step_bad_inputs():
    with pytest.raises(ValueError, match="W"):
        l1_proximal_step(np.ones(3), np.ones(3), 0.1, 0.1, 1)
    with pytest.raises(ValueError, match="dW"):
        l1_proximal_step(GOOD_W, np.ones(3), 0.1, 0.1, 1)
    with pytest.raises(ValueError, match="W and dW"):
        l1_proximal_step(GOOD_W, np.ones((3, 2)), 0.1, 0.1, 1)
    for lr in (0, -0.1, np.inf):
        with pytest.raises(ValueError, match="learning_rate"):
            l1_proximal_step(GOOD_W, GOOD_W, lr, 0.1, 1)
    with pytest.raises(ValueError, match="lambd"):
        l1_proximal_step(GOOD_W, GOOD_W, 0.1, -0.1, 1)
    with pytest.raises(ValueError, match="m"):
        l1_proximal_step(GOOD_W, GOOD_W, 0.1, 0.1, 1.5)


def test_dropout_forward_bad_inputs():
    with pytest.raises(ValueError, match="A"):
        dropout_forward(np.ones(4), 0.5, rng=rng())
    with pytest.raises(ValueError, match="A"):
        dropout_forward(np.array([[np.nan]]), 0.5, rng=rng())
    for kp in (0.0, -0.2, 1.5, np.nan, "0.5", None):
        with pytest.raises(ValueError, match="keep_prob"):
            dropout_forward(GOOD_W, kp, rng=rng())
    for bad in (None, 42, np.random.RandomState(0)):
        with pytest.raises(ValueError, match="rng"):
            dropout_forward(GOOD_W, 0.5, rng=bad)
    with pytest.raises(TypeError):
        dropout_forward(GOOD_W, 0.5, rng())  # type: ignore[misc]


def test_dropout_backward_bad_inputs():
    D = np.ones((2, 3))
    with pytest.raises(ValueError, match="dA"):
        dropout_backward(np.ones(3), D, 0.5)
    with pytest.raises(ValueError, match="D"):
        dropout_backward(GOOD_W, np.ones(3), 0.5)
    with pytest.raises(ValueError, match="D"):
        dropout_backward(GOOD_W, np.full((2, 3), 2.0), 0.5)  # A_out passed instead of D
    with pytest.raises(ValueError, match="dA and D"):
        dropout_backward(GOOD_W, np.ones((3, 2)), 0.5)
    for kp in (0.0, 2.0):
        with pytest.raises(ValueError, match="keep_prob"):
            dropout_backward(GOOD_W, D, kp)


@pytest.mark.parametrize("fn", [frobenius_norm, matrix_norms])
@pytest.mark.parametrize("W", [np.ones(3), np.ones((2, 2, 2)), np.zeros((0, 3)),
                               np.array([[np.nan, 1.0]])])
def test_norms_bad_W(fn, W):
    with pytest.raises(ValueError, match="W"):
        fn(W)


# --------------------------------------------------------------------------- early stopping


def test_early_stopping_picks_the_lowest_dev_cost_of_a_real_training():
    from dlnotes import datasets, nn
    from dlnotes.optim import Adam

    g = np.random.default_rng(7)
    X, Y = datasets.make_football(300, noise=0.2, rng=g)
    Xt, Yt, Xd, Yd, _, _ = datasets.train_dev_test_split(X, Y, (0.3, 0.7, 0.0), rng=g)
    model = nn.train(Xt, Yt, [2, 40, 40, 1], optimizer=Adam(0.01), epochs=400, rng=g,
                     hidden_activation="tanh", X_dev=Xd, Y_dev=Yd, eval_every=10)
    stop = early_stopping(model.history)
    assert stop.dev_loss == model.history.dev_loss.min()
    assert stop.epoch == model.history.epoch[stop.index]
    assert 0 < stop.epoch < model.history.epoch[-1]          # the dev cost fell, then rose


def test_early_stopping_takes_the_first_minimum():
    h = SimpleNamespace(epoch=np.arange(5), dev_loss=np.array([3.0, 1.0, 2.0, 1.0, 4.0]))
    assert early_stopping(h) == EarlyStopping(1, 1.0, 1)


@pytest.mark.parametrize(
    "history, error, match",
    [(None, TypeError, "history"),
     (SimpleNamespace(epoch=np.arange(0), dev_loss=np.zeros(0)), ValueError, "X_dev"),
     (SimpleNamespace(epoch=np.arange(2), dev_loss=np.array([1.0, np.nan])), ValueError,
      "diverged")],
)
def test_early_stopping_refuses_histories_without_a_usable_dev_curve(history, error, match):
    with pytest.raises(error, match=match):
        early_stopping(history)
