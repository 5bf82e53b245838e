"""Tests for dlnotes.batchnorm: hand values, gradient checks, identities, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes import batchnorm as bn_module
from dlnotes.batchnorm import (
    BatchNormCache,
    RunningStats,
    batchnorm_as_in_notes,
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
    init_running_stats,
    update_running_stats,
)
from dlnotes.gradcheck import check_gradients

RTOL = 1e-12
ATOL = 1e-12


def _random_problem(seed: int = 0, n: int = 3, m: int = 6):
    rng = np.random.default_rng(seed)
    Z = rng.normal(loc=2.0, scale=3.0, size=(n, m))
    gamma = rng.uniform(0.5, 2.0, size=(n, 1))
    beta = rng.normal(size=(n, 1))
    G = rng.normal(size=(n, m))  # random upstream gradient dJ/dZ_tilde
    return Z, gamma, beta, G


# --------------------------------------------------------------------------- forward


def test_forward_hand_computed():
    # row 1: mu = 2.5, var = (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25 (biased: divide by m = 4)
    # row 2: mu = 20, var = 100
    Z = np.array([[1.0, 2.0, 3.0, 4.0], [10.0, 10.0, 30.0, 30.0]])
    gamma = np.array([[2.0], [1.0]])
    beta = np.array([[1.0], [-1.0]])
    eps = 1e-5
    Z_tilde, cache = batchnorm_forward(Z, gamma, beta, epsilon=eps)
    np.testing.assert_allclose(cache.mu, [[2.5], [20.0]], rtol=RTOL)
    np.testing.assert_allclose(cache.var, [[1.25], [100.0]], rtol=RTOL)
    expected_row1 = 2.0 * (Z[0] - 2.5) / np.sqrt(1.25 + eps) + 1.0
    expected_row2 = (Z[1] - 20.0) / np.sqrt(100.0 + eps) - 1.0
    np.testing.assert_allclose(Z_tilde, np.vstack([expected_row1, expected_row2]), rtol=RTOL)
    assert isinstance(cache, BatchNormCache)
    assert cache.epsilon == eps


def test_variance_is_biased_not_unbiased():
    Z = np.array([[0.0, 2.0]])  # biased var 1, unbiased var 2
    _, cache = batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)))
    np.testing.assert_allclose(cache.var, [[1.0]], rtol=RTOL)


def test_notes_erratum_sqrt_of_variance_not_of_std():
    # The notes: z_norm = (z - mu) / sqrt(sigma + eps) with sigma = std. A unit spread over
    # +-100 has variance 1e4 and std 100: the notes' version leaves std 100/sqrt(100) = 10.
    Z = np.array([[-100.0, 100.0, -100.0, 100.0]])
    Z_tilde, cache = batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)))
    np.testing.assert_allclose(Z_tilde.std(axis=1), [1.0], rtol=1e-8)
    std = np.sqrt(cache.var)
    notes_version = (Z - cache.mu) / np.sqrt(std + 1e-5)
    np.testing.assert_allclose(notes_version.std(axis=1), [10.0], rtol=1e-6)


def test_output_has_mean_beta_and_std_about_gamma():
    Z, gamma, beta, _ = _random_problem(1, n=4, m=50)
    Z_tilde, cache = batchnorm_forward(Z, gamma, beta)
    np.testing.assert_allclose(Z_tilde.mean(axis=1, keepdims=True), beta, atol=1e-12)
    exact_std = gamma * np.sqrt(cache.var / (cache.var + 1e-5))
    np.testing.assert_allclose(Z_tilde.std(axis=1, keepdims=True), exact_std, rtol=1e-10)
    np.testing.assert_allclose(Z_tilde.std(axis=1, keepdims=True), gamma, rtol=1e-5)


def test_identity_when_gamma_is_std_and_beta_is_mean():
    Z, _, _, _ = _random_problem(2)
    eps = 1e-5
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_tilde, _ = batchnorm_forward(Z, np.sqrt(var + eps), mu, epsilon=eps)
    np.testing.assert_allclose(Z_tilde, Z, rtol=1e-12, atol=1e-12)


def test_bias_before_batchnorm_is_cancelled():
    # The notes: "you don't need the bias". Exactly: Z + b gives the same Z_tilde.
    Z, gamma, beta, _ = _random_problem(3)
    b = np.array([[5.0], [-3.0], [0.25]])
    out, _ = batchnorm_forward(Z, gamma, beta)
    out_b, _ = batchnorm_forward(Z + b, gamma, beta)
    np.testing.assert_allclose(out_b, out, rtol=1e-10, atol=1e-12)


def test_constant_unit_is_finite():
    Z = np.full((2, 5), 7.0)
    Z_tilde, cache = batchnorm_forward(Z, np.ones((2, 1)), np.full((2, 1), 0.5))
    np.testing.assert_allclose(Z_tilde, 0.5, rtol=RTOL)
    np.testing.assert_allclose(cache.var, 0.0, atol=ATOL)


@settings(max_examples=50, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 8)),
           elements=st.floats(-1e3, 1e3)),
)
def test_property_normalized_rows(Z):
    Z_tilde, cache = batchnorm_forward(Z, np.ones((Z.shape[0], 1)), np.zeros((Z.shape[0], 1)))
    assert np.all(np.isfinite(Z_tilde))
    np.testing.assert_allclose(Z_tilde.mean(axis=1), 0.0, atol=1e-9)
    # std is sqrt(var / (var + eps)) <= 1, and ~1 unless the row is nearly constant
    np.testing.assert_allclose(
        Z_tilde.std(axis=1), np.sqrt(cache.var / (cache.var + 1e-5)).ravel(), atol=1e-9
    )


# --------------------------------------------------------------------------- backward


@pytest.mark.parametrize("seed,n,m", [(0, 3, 4), (1, 2, 7), (2, 5, 16)])
def test_gradient_check(seed, n, m):
    Z, gamma, beta, G = _random_problem(seed, n, m)

    def cost(p):
        Z_tilde, _ = batchnorm_forward(p["Z"], p["gamma"], p["beta"])
        return float(np.sum(G * Z_tilde))

    _, cache = batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = batchnorm_backward(G, cache)
    result = check_gradients(
        cost,
        {"Z": Z, "gamma": gamma, "beta": beta},
        {"dZ": dZ, "dgamma": dgamma, "dbeta": dbeta},
    )
    assert result.difference < 1e-7
    for name, diff in result.per_parameter.items():
        assert diff < 1e-7, name


def test_gradient_check_through_a_nonlinear_cost():
    # J = mean of tanh(Z_tilde) * targets: a cost whose upstream gradient varies per entry
    rng = np.random.default_rng(7)
    Z, gamma, beta, _ = _random_problem(7, 3, 8)
    T = rng.normal(size=Z.shape)

    def cost(p):
        Z_tilde, _ = batchnorm_forward(p["Z"], p["gamma"], p["beta"])
        return float(np.mean(np.tanh(Z_tilde) * T))

    Z_tilde, cache = batchnorm_forward(Z, gamma, beta)
    dZ_tilde = (1 - np.tanh(Z_tilde) ** 2) * T / Z.size
    dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, cache)
    result = check_gradients(
        cost, {"Z": Z, "gamma": gamma, "beta": beta}, {"dZ": dZ, "dgamma": dgamma, "dbeta": dbeta}
    )
    assert result.difference < 1e-7


def test_backward_matches_step_by_step_chain_rule():
    # Independent implementation: the paper's Section 3 equations, one by one.
    Z, gamma, beta, G = _random_problem(4, 3, 5)
    eps = 1e-5
    _, cache = batchnorm_forward(Z, gamma, beta, epsilon=eps)
    m = Z.shape[1]
    mu = Z.mean(axis=1, keepdims=True)
    var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
    x_hat = (Z - mu) / np.sqrt(var + eps)
    dx_hat = G * gamma
    dvar = np.sum(dx_hat * (Z - mu), axis=1, keepdims=True) * -0.5 * (var + eps) ** -1.5
    dmu = np.sum(-dx_hat / np.sqrt(var + eps), axis=1, keepdims=True) + dvar * np.mean(
        -2 * (Z - mu), axis=1, keepdims=True
    )
    dx = dx_hat / np.sqrt(var + eps) + dvar * 2 * (Z - mu) / m + dmu / m
    dZ, dgamma, dbeta = batchnorm_backward(G, cache)
    np.testing.assert_allclose(dZ, dx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dgamma, np.sum(G * x_hat, axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(dbeta, np.sum(G, axis=1, keepdims=True), rtol=1e-12)


def test_backward_is_not_the_linear_layer_gradient():
    # The notes' "like an extra linear layer": gamma * dZ_tilde / std ignores the mu and
    # var paths. It differs from the true gradient for a random upstream gradient...
    Z, gamma, beta, G = _random_problem(5, 3, 6)
    _, cache = batchnorm_forward(Z, gamma, beta)
    dZ, _, _ = batchnorm_backward(G, cache)
    linear = gamma * G / np.sqrt(cache.var + cache.epsilon)
    assert np.max(np.abs(dZ - linear)) > 0.1 * np.max(np.abs(dZ))
    # ...and an all-ones upstream gradient hides everything: the true dZ is then 0.
    dZ_ones, _, _ = batchnorm_backward(np.ones_like(G), cache)
    np.testing.assert_allclose(dZ_ones, 0.0, atol=1e-12)


def test_bias_gets_zero_gradient_and_dZ_orthogonal_to_Z_norm():
    Z, gamma, beta, G = _random_problem(6, 4, 9)
    _, cache = batchnorm_forward(Z, gamma, beta)
    dZ, _, _ = batchnorm_backward(G, cache)
    # db = sum over examples of dZ = 0: b is useless before BN, beta replaces it
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-12)
    # dZ is orthogonal to Z_norm up to the epsilon term: sum(Z_norm**2) = m var / (var + eps)
    # gives sum(dZ * Z_norm) = gamma dgamma eps / (var + eps)**1.5
    _, dgamma, _ = batchnorm_backward(G, cache)
    expected = gamma * dgamma * cache.epsilon / (cache.var + cache.epsilon) ** 1.5
    np.testing.assert_allclose(
        np.sum(dZ * cache.Z_norm, axis=1, keepdims=True), expected, rtol=1e-6, atol=1e-14
    )
    _, cache0 = batchnorm_forward(Z, gamma, beta, epsilon=1e-300)
    dZ0, _, _ = batchnorm_backward(G, cache0)
    np.testing.assert_allclose(np.sum(dZ0 * cache0.Z_norm, axis=1), 0.0, atol=1e-11)


# --------------------------------------------------------------------------- stacked kernels


def test_kernels_on_stacked_models_match_one_by_one():
    K, n, m = 3, 4, 6
    rng = np.random.default_rng(11)
    Z = rng.normal(size=(K, n, m))
    gamma = rng.uniform(0.5, 2.0, size=(K, n, 1))
    beta = rng.normal(size=(K, n, 1))
    G = rng.normal(size=(K, n, m))
    eps = np.array([1e-5, 1e-3, 1e-1]).reshape(K, 1, 1)  # a per-model hyperparameter
    out, cache = bn_module._batchnorm_forward(Z, gamma, beta, eps)
    dZ, dgamma, dbeta = bn_module._batchnorm_backward(G, cache)
    run_mean, run_var = rng.normal(size=(K, n, 1)), rng.uniform(0.5, 2, size=(K, n, 1))
    inf = bn_module._batchnorm_inference(Z, gamma, beta, run_mean, run_var, eps)
    momentum = np.array([0.0, 0.9, 0.99]).reshape(K, 1, 1)
    stats = bn_module._update_running_stats(run_mean, run_var, cache.mu, cache.var, momentum)
    for k in range(K):
        e = float(eps[k, 0, 0])
        out_k, cache_k = batchnorm_forward(Z[k], gamma[k], beta[k], epsilon=e)
        np.testing.assert_allclose(out[k], out_k, rtol=1e-12, atol=1e-12)
        grads_k = batchnorm_backward(G[k], cache_k)
        for got, want in zip((dZ[k], dgamma[k], dbeta[k]), grads_k, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
        inf_k = batchnorm_inference(Z[k], gamma[k], beta[k], run_mean[k], run_var[k], epsilon=e)
        np.testing.assert_allclose(inf[k], inf_k, rtol=1e-12)
        stats_k = update_running_stats(
            run_mean[k], run_var[k], cache_k.mu, cache_k.var, momentum=float(momentum[k, 0, 0])
        )
        np.testing.assert_allclose(stats.running_mean[k], stats_k.running_mean, rtol=1e-12)
        np.testing.assert_allclose(stats.running_var[k], stats_k.running_var, rtol=1e-12)


# --------------------------------------------------------------------------- inference / EWA


def test_inference_with_batch_stats_equals_training_forward():
    Z, gamma, beta, _ = _random_problem(8)
    out, cache = batchnorm_forward(Z, gamma, beta)
    out_inf = batchnorm_inference(Z, gamma, beta, cache.mu, cache.var)
    np.testing.assert_allclose(out_inf, out, rtol=1e-12, atol=1e-12)


def test_inference_treats_examples_independently():
    Z, gamma, beta, _ = _random_problem(9)
    mean, var = np.ones((3, 1)), np.full((3, 1), 4.0)
    full = batchnorm_inference(Z, gamma, beta, mean, var)
    one = batchnorm_inference(Z[:, :1], gamma, beta, mean, var)  # a single test example
    np.testing.assert_allclose(one, full[:, :1], rtol=1e-12)


def test_update_running_stats_hand_computed():
    stats = update_running_stats(
        np.array([[0.0], [1.0]]), np.array([[1.0], [1.0]]),
        np.array([[2.0], [3.0]]), np.array([[3.0], [5.0]]), momentum=0.9,
    )
    assert isinstance(stats, RunningStats)
    np.testing.assert_allclose(stats.running_mean, [[0.2], [1.2]], rtol=RTOL)
    np.testing.assert_allclose(stats.running_var, [[1.2], [1.4]], rtol=RTOL)


def test_momentum_conventions_pytorch_and_keras():
    running, batch = np.array([[1.0]]), np.array([[3.0]])
    ones = np.ones((1, 1))
    # PyTorch momentum=0.1: running = 0.9 * running + 0.1 * batch -> our momentum=0.9
    pytorch = (1 - 0.1) * running + 0.1 * batch
    ours = update_running_stats(running, ones, batch, ones, momentum=0.9).running_mean
    np.testing.assert_allclose(ours, pytorch, rtol=RTOL)
    # Keras momentum=0.99: running = 0.99 * running + 0.01 * batch -> our momentum=0.99
    keras = 0.99 * running + (1 - 0.99) * batch
    ours = update_running_stats(running, ones, batch, ones, momentum=0.99).running_mean
    np.testing.assert_allclose(ours, keras, rtol=RTOL)


def test_unbiased_running_variance_like_pytorch_and_the_paper():
    rng = np.random.default_rng(12)
    Z = rng.normal(size=(2, 8))
    _, cache = batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
    stats = update_running_stats(
        np.zeros((2, 1)), np.zeros((2, 1)), cache.mu, cache.var, momentum=0.0, m=8
    )
    np.testing.assert_allclose(stats.running_var, Z.var(axis=1, ddof=1, keepdims=True), rtol=1e-12)
    default = update_running_stats(
        np.zeros((2, 1)), np.zeros((2, 1)), cache.mu, cache.var, momentum=0.0
    )
    np.testing.assert_allclose(default.running_var, Z.var(axis=1, keepdims=True), rtol=1e-12)


def test_running_stats_converge_to_population_statistics():
    rng = np.random.default_rng(13)
    true_mean, true_std = np.array([[3.0], [-1.0]]), np.array([[2.0], [0.5]])
    stats = init_running_stats(2)
    for _ in range(500):
        Z = true_mean + true_std * rng.normal(size=(2, 64))
        _, cache = batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
        stats = update_running_stats(*stats, cache.mu, cache.var, momentum=0.9, m=64)
    np.testing.assert_allclose(stats.running_mean, true_mean, atol=0.15)
    np.testing.assert_allclose(stats.running_var, true_std**2, rtol=0.15)


def test_init_running_stats():
    mean, var = init_running_stats(3)
    np.testing.assert_array_equal(mean, np.zeros((3, 1)))
    np.testing.assert_array_equal(var, np.ones((3, 1)))


# --------------------------------------------------------------------------- purity


def test_inputs_are_not_mutated():
    Z, gamma, beta, G = _random_problem(14)
    copies = [a.copy() for a in (Z, gamma, beta, G)]
    _, cache = batchnorm_forward(Z, gamma, beta)
    cache_copy = [np.copy(a) for a in cache]
    batchnorm_backward(G, cache)
    rm, rv = np.zeros((3, 1)), np.ones((3, 1))
    batchnorm_inference(Z, gamma, beta, rm, rv)
    update_running_stats(rm, rv, cache.mu, cache.var)
    for a, c in zip((Z, gamma, beta, G), copies, strict=True):
        np.testing.assert_array_equal(a, c)
    for a, c in zip(cache, cache_copy, strict=True):
        np.testing.assert_array_equal(a, c)
    np.testing.assert_array_equal(rm, 0.0)
    np.testing.assert_array_equal(rv, 1.0)


# --------------------------------------------------------------------------- errors

GOOD_Z = np.arange(12.0).reshape(3, 4)
COL = np.ones((3, 1))


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"Z": np.arange(4.0)}, r"^Z "),
        ({"Z": np.zeros((3, 0))}, r"^Z "),
        ({"Z": np.array([[np.nan, 1.0, 2.0, 3.0]] * 3)}, r"^Z "),
        ({"gamma": np.ones(3)}, r"^gamma "),
        ({"gamma": np.ones((1, 3))}, r"^gamma "),
        ({"gamma": np.ones((4, 1))}, r"^gamma "),
        ({"beta": np.ones((3, 2))}, r"^beta "),
        ({"epsilon": 0.0}, r"^epsilon "),
        ({"epsilon": -1e-5}, r"^epsilon "),
    ],
)
def test_forward_errors(kwargs, match):
    args = {"Z": GOOD_Z, "gamma": COL, "beta": COL, "epsilon": 1e-5} | kwargs
    eps = args.pop("epsilon")
    with pytest.raises(ValueError, match=match):
        batchnorm_forward(**args, epsilon=eps)


def test_backward_errors():
    _, cache = batchnorm_forward(GOOD_Z, COL, COL)
    with pytest.raises(ValueError, match=r"^dZ_tilde "):
        batchnorm_backward(np.ones((3, 5)), cache)
    with pytest.raises(ValueError, match=r"^dZ_tilde "):
        batchnorm_backward(np.ones(12), cache)
    with pytest.raises(ValueError, match=r"^cache "):
        batchnorm_backward(np.ones((3, 4)), tuple(cache))
    stacked = BatchNormCache(*(np.asarray(a)[None] for a in cache[:4]), cache.epsilon)
    with pytest.raises(ValueError, match=r"^cache "):
        batchnorm_backward(np.ones((3, 4)), stacked)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"Z": np.arange(3.0)}, r"^Z "),
        ({"gamma": np.ones((2, 1))}, r"^gamma "),
        ({"beta": np.ones(3)}, r"^beta "),
        ({"running_mean": np.ones((3, 2))}, r"^running_mean "),
        ({"running_var": np.ones((1, 3))}, r"^running_var "),
        ({"running_var": -COL}, r"^running_var "),
        ({"epsilon": 0.0}, r"^epsilon "),
    ],
)
def test_inference_errors(kwargs, match):
    args = {"Z": GOOD_Z, "gamma": COL, "beta": COL, "running_mean": COL, "running_var": COL}
    kwargs = dict(kwargs)
    eps = kwargs.pop("epsilon", 1e-5)
    with pytest.raises(ValueError, match=match):
        batchnorm_inference(**(args | kwargs), epsilon=eps)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"running_mean": np.ones(3)}, r"^running_mean "),
        ({"running_mean": np.ones((3, 2))}, r"^running_mean "),
        ({"running_var": np.ones((2, 1))}, r"^running_var "),
        ({"running_var": -COL}, r"^running_var "),
        ({"mu": np.ones((1, 3))}, r"^mu "),
        ({"var": np.ones((4, 1))}, r"^var "),
        ({"var": -COL}, r"^var "),
        ({"momentum": 1.0}, r"^momentum "),
        ({"momentum": -0.1}, r"^momentum "),
        ({"m": 1}, r"^m "),
        ({"m": 4.5}, r"^m "),
    ],
)
def test_update_running_stats_errors(kwargs, match):
    args = {"running_mean": COL, "running_var": COL, "mu": COL, "var": COL}
    kwargs = dict(kwargs)
    options = {k: kwargs.pop(k) for k in ("momentum", "m") if k in kwargs}
    with pytest.raises(ValueError, match=match):
        update_running_stats(**(args | kwargs), **options)


@pytest.mark.parametrize("n", [0, 2.5, True])
def test_init_running_stats_errors(n):
    with pytest.raises(ValueError, match=r"^n "):
        init_running_stats(n)


# --------------------------------------------------------------------------- the notes' version


def test_as_in_notes_by_hand_is_not_normalized():
    # a unit spread over +-100: mu = 0, sigma = std = 100 (variance 1e4)
    Z = np.array([[-100.0, 100.0, -100.0, 100.0]])
    ones, zeros = np.ones((1, 1)), np.zeros((1, 1))
    eps = 1e-5
    notes = batchnorm_as_in_notes(Z, ones, zeros, epsilon=eps)
    # (z - mu) / sqrt(sigma + eps) = +-100 / sqrt(100.00001), std sqrt(100) = 10, not 1
    np.testing.assert_allclose(notes, Z / np.sqrt(100.0 + eps), rtol=RTOL)
    np.testing.assert_allclose(notes.std(axis=1), [10.0], rtol=1e-6)
    correct, _ = batchnorm_forward(Z, ones, zeros, epsilon=eps)
    np.testing.assert_allclose(correct.std(axis=1), [1.0], rtol=1e-8)


def test_as_in_notes_std_is_sqrt_of_std_for_gamma_one_beta_zero():
    Z, gamma, beta, _ = _random_problem(seed=3, n=4, m=8)
    Z = Z * np.array([[0.01], [0.5], [4.0], [300.0]])  # rows on very different scales
    ones, zeros = np.ones((4, 1)), np.zeros((4, 1))
    sigma = Z.std(axis=1)
    notes = batchnorm_as_in_notes(Z, ones, zeros)
    np.testing.assert_allclose(notes.std(axis=1), sigma / np.sqrt(sigma + 1e-5), rtol=RTOL)
    np.testing.assert_allclose(notes.std(axis=1), np.sqrt(sigma), rtol=1e-3)
    assert np.all(np.abs(notes.std(axis=1) - 1.0) > 0.1)
    correct, _ = batchnorm_forward(Z, ones, zeros)  # std sigma / sqrt(sigma^2 + eps), ~1
    np.testing.assert_allclose(correct.std(axis=1), sigma / np.sqrt(sigma**2 + 1e-5), rtol=RTOL)
    np.testing.assert_allclose(correct.std(axis=1), 1.0, rtol=1e-2)
    # gamma and beta act as in batchnorm_forward: gamma * z_norm + beta
    np.testing.assert_allclose(
        batchnorm_as_in_notes(Z, gamma, beta), gamma * notes + beta, rtol=RTOL, atol=ATOL
    )


def test_as_in_notes_is_not_scale_free_and_does_not_mutate():
    Z, _, _, _ = _random_problem(seed=4)
    Z0 = Z.copy()
    ones, zeros = np.ones((3, 1)), np.zeros((3, 1))
    tiny = 1e-12  # epsilon out of the way
    # notes: 4 Z -> twice the output; batch norm: the same output
    np.testing.assert_allclose(
        batchnorm_as_in_notes(4.0 * Z, ones, zeros, epsilon=tiny),
        2.0 * batchnorm_as_in_notes(Z, ones, zeros, epsilon=tiny), rtol=1e-9,
    )
    np.testing.assert_allclose(
        batchnorm_forward(4.0 * Z, ones, zeros, epsilon=tiny)[0],
        batchnorm_forward(Z, ones, zeros, epsilon=tiny)[0], rtol=1e-9, atol=1e-12,
    )
    np.testing.assert_array_equal(Z, Z0)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"Z": np.arange(4.0)}, r"^Z "),
        ({"Z": np.zeros((3, 0))}, r"^Z "),
        ({"gamma": np.ones((4, 1))}, r"^gamma "),
        ({"beta": np.ones(3)}, r"^beta "),
        ({"epsilon": 0.0}, r"^epsilon "),
    ],
)
def test_as_in_notes_errors(kwargs, match):
    args = {"Z": GOOD_Z, "gamma": COL, "beta": COL, "epsilon": 1e-5} | kwargs
    eps = args.pop("epsilon")
    with pytest.raises(ValueError, match=match):
        batchnorm_as_in_notes(**args, epsilon=eps)
