"""Tests for dlnotes.optim: hand values, identities between optimizers, independent references,
convergence, batched per-model hyperparameters, purity, mini-batches and every ValueError."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.ewa import ewa_as_in_notes
from dlnotes.gradcheck import numerical_gradient, relative_error
from dlnotes.optim import (
    RAVINE,
    ROSENBROCK,
    SADDLE,
    Adam,
    AdamState,
    AdamW,
    GradientDescent,
    GradientDescentState,
    Momentum,
    MomentumState,
    Nesterov,
    OptimizationPath,
    RMSprop,
    RMSpropState,
    Surface,
    optimize_path,
    random_mini_batches,
)
from dlnotes.schedules import inverse_time_decay
from dlnotes.surfaces import _quadratic_surface

RTOL, ATOL = 1e-12, 1e-14


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def one(x: float) -> dict[str, np.ndarray]:
    return {"W": np.array([[x]])}


def d(x: float) -> dict[str, np.ndarray]:
    return {"dW": np.array([[x]])}


def run(opt, params, grad_seq, **kw):
    """Apply ``opt`` to a fixed sequence of gradient dicts; return params and state."""
    state = opt.init(params)
    for g in grad_seq:
        params, state = opt.update(params, g, state, **kw)
    return params, state


def random_problem(seed=0, K=None):
    """Course-shaped params (or K stacked models) and a few random gradient dicts."""
    r = rng(seed)
    lead = () if K is None else (K,)
    params = {"W1": r.normal(size=lead + (3, 2)), "b1": r.normal(size=lead + (3, 1)),
              "W2": r.normal(size=lead + (1, 3)), "b2": r.normal(size=lead + (1, 1))}
    grads = [{"d" + k: r.normal(size=v.shape) for k, v in params.items()} for _ in range(6)]
    return params, grads


ALL = [
    GradientDescent(0.1),
    Momentum(0.1, 0.9),
    Momentum(0.1, 0.8, bias_correction=True),
    Nesterov(0.1, 0.9),
    RMSprop(0.01, 0.9),
    RMSprop(0.01, 0.95, 1e-6, bias_correction=True),
    Adam(0.01),
    AdamW(0.01, weight_decay=0.1),
    AdamW(0.01, weight_decay=0.1, decay_all=True),
]
IDS = [repr(o) for o in ALL]


# ------------------------------------------------------------------ hand-computed steps
def test_gradient_descent_two_steps_by_hand():
    opt = GradientDescent(0.5)
    p, s = run(opt, one(1.0), [d(2.0), d(-1.0)])
    assert_allclose(p["W"], [[1.0 - 0.5 * 2.0 + 0.5 * 1.0]], rtol=RTOL)  # 0.5
    assert s == GradientDescentState(t=2)


def test_momentum_two_steps_by_hand():
    # v1 = 0.1*2 = 0.2, W1 = 1 - 0.1*0.2 = 0.98; v2 = 0.9*0.2 + 0.1*4 = 0.58, W2 = 0.98 - 0.058
    p, s = run(Momentum(0.1, 0.9), one(1.0), [d(2.0), d(4.0)])
    assert_allclose(s.v["dW"], [[0.58]], rtol=RTOL)
    assert_allclose(p["W"], [[0.922]], rtol=RTOL)
    assert s.t == 2


def test_momentum_bias_correction_by_hand():
    # v1 = 0.2 -> v_hat = 0.2/0.1 = 2, W = 1 - 0.1*2 = 0.8; stored v stays 0.2
    p, s = run(Momentum(0.1, 0.9, bias_correction=True), one(1.0), [d(2.0)])
    assert_allclose(p["W"], [[0.8]], rtol=RTOL)
    assert_allclose(s.v["dW"], [[0.2]], rtol=RTOL)


def test_nesterov_two_steps_by_hand():
    # v1 = 0.2, step = 0.9*0.2 + 0.1*2 = 0.38, W1 = 1 - 0.038 = 0.962
    # v2 = 0.9*0.2 + 0.1*4 = 0.58, step = 0.9*0.58 + 0.1*4 = 0.922, W2 = 0.962 - 0.0922
    p, s = run(Nesterov(0.1, 0.9), one(1.0), [d(2.0), d(4.0)])
    assert_allclose(s.v["dW"], [[0.58]], rtol=RTOL)
    assert_allclose(p["W"], [[0.8698]], rtol=RTOL)


def test_rmsprop_two_steps_by_hand():
    # s1 = 0.1*4 = 0.4, W1 = 1 - 0.01*2/sqrt(0.4); s2 = 0.36 + 0.1*1 = 0.46, W2 -= 0.01*1/sqrt(.46)
    p, s = run(RMSprop(0.01, 0.9, epsilon=0.0), one(1.0), [d(2.0), d(1.0)])
    assert_allclose(s.s["dW"], [[0.46]], rtol=RTOL)
    assert_allclose(p["W"], [[1.0 - 0.02 / np.sqrt(0.4) - 0.01 / np.sqrt(0.46)]], rtol=RTOL)


def test_adam_two_steps_by_hand():
    # beta1 = 0.5, beta2 = 0.75, eps = 0, lr = 0.1; dW = 2 then 4
    # t=1: v = 1, s = 1, v_hat = 2, s_hat = 4 -> W = 1 - 0.1*2/2 = 0.9
    # t=2: v = 0.5 + 2 = 2.5, s = 0.75 + 4 = 4.75; v_hat = 2.5/0.75, s_hat = 4.75/0.4375
    p, s = run(Adam(0.1, 0.5, 0.75, 0.0), one(1.0), [d(2.0), d(4.0)])
    v_hat, s_hat = 2.5 / 0.75, 4.75 / 0.4375
    assert_allclose(p["W"], [[0.9 - 0.1 * v_hat / np.sqrt(s_hat)]], rtol=RTOL)
    assert_allclose(s.v["dW"], [[2.5]], rtol=RTOL)  # stored uncorrected
    assert_allclose(s.s["dW"], [[4.75]], rtol=RTOL)
    assert s.t == 2


def test_adamw_by_hand_and_biases_not_decayed_by_default():
    # first Adam direction is g/(|g| + eps) = 1 for g = 3 and eps = 0
    params = {"W1": np.array([[2.0]]), "b1": np.array([[2.0]])}
    grads = {"dW1": np.array([[3.0]]), "db1": np.array([[3.0]])}
    opt = AdamW(0.1, epsilon=0.0, weight_decay=0.5)
    new, _ = opt.update(params, grads, opt.init(params))
    assert_allclose(new["W1"], [[2.0 - 0.1 * (1.0 + 0.5 * 2.0)]], rtol=RTOL)
    assert_allclose(new["b1"], [[2.0 - 0.1]], rtol=RTOL)
    opt_all = AdamW(0.1, epsilon=0.0, weight_decay=0.5, decay_all=True)
    new_all, _ = opt_all.update(params, grads, opt_all.init(params))
    assert_allclose(new_all["b1"], [[1.8]], rtol=RTOL)


def test_adam_first_step_is_learning_rate_times_sign():
    params = {"W": np.zeros((1, 4))}
    grads = {"dW": np.array([[1e-3, -5.0, 300.0, -2e-2]])}
    opt = Adam(0.01, epsilon=0.0)
    new, _ = opt.update(params, grads, opt.init(params))
    assert_allclose(new["W"], -0.01 * np.sign(grads["dW"]), rtol=RTOL)


# ------------------------------------------------------------------ identities
def test_momentum_with_beta_zero_is_gradient_descent():
    params, grads = random_problem(1)
    p_gd, _ = run(GradientDescent(0.05), params, grads)
    p_m, _ = run(Momentum(0.05, beta=0.0), params, grads)
    for k in params:
        assert_allclose(p_m[k], p_gd[k], rtol=RTOL, atol=ATOL)


def heavy_ball(params, grads, lr, beta):
    """Independent reference: PyTorch / Sutskever heavy-ball momentum v = beta v + dW."""
    W = {k: v.copy() for k, v in params.items()}
    u = {k: np.zeros_like(v) for k, v in params.items()}
    for g in grads:
        for k in W:
            u[k] = beta * u[k] + g["d" + k]
            W[k] = W[k] - lr * u[k]
    return W


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(1e-3, 1.0), beta=st.floats(0.0, 0.99), seed=st.integers(0, 2**16))
def test_course_momentum_equals_heavy_ball_with_learning_rate_scaled(lr, beta, seed):
    params, grads = random_problem(seed)
    p_course, _ = run(Momentum(lr, beta), params, grads)
    p_heavy = heavy_ball(params, grads, lr * (1 - beta), beta)
    for k in params:
        assert_allclose(p_course[k], p_heavy[k], rtol=1e-10, atol=1e-12)


def test_momentum_with_same_learning_rate_is_not_heavy_ball():
    params, grads = random_problem(2)
    p_course, _ = run(Momentum(0.1, 0.9), params, grads)
    p_heavy = heavy_ball(params, grads, 0.1, 0.9)
    assert not np.allclose(p_course["W1"], p_heavy["W1"], rtol=1e-3)


def test_momentum_bias_correction_with_constant_gradient_steps_like_gradient_descent():
    grads = [d(3.0)] * 5
    p_bc, _ = run(Momentum(0.1, 0.9, bias_correction=True), one(0.0), grads)
    p_gd, _ = run(GradientDescent(0.1), one(0.0), grads)
    assert_allclose(p_bc["W"], p_gd["W"], rtol=1e-12)
    p_plain, _ = run(Momentum(0.1, 0.9), one(0.0), grads)
    # without correction the first 5 steps move only (1 - 0.9^t) of the way, summed
    expected = -0.1 * 3.0 * sum(1 - 0.9**t for t in range(1, 6))
    assert_allclose(p_plain["W"], [[expected]], rtol=1e-12)


def rmsprop_bias_corrected(params, grads, lr, beta, eps):
    """Independent reference: RMSprop with s_hat = s / (1 - beta^t)."""
    W = {k: v.copy() for k, v in params.items()}
    s = {k: np.zeros_like(v) for k, v in params.items()}
    for t, g in enumerate(grads, start=1):
        for k in W:
            dW = g["d" + k]
            s[k] = beta * s[k] + (1 - beta) * dW * dW
            W[k] = W[k] - lr * dW / (np.sqrt(s[k] / (1 - beta**t)) + eps)
    return W


def test_adam_with_beta1_zero_is_bias_corrected_rmsprop():
    params, grads = random_problem(3)
    p_adam, st_adam = run(Adam(0.01, beta1=0.0, beta2=0.9, epsilon=1e-8), params, grads)
    p_rms, st_rms = run(RMSprop(0.01, 0.9, 1e-8, bias_correction=True), params, grads)
    p_ref = rmsprop_bias_corrected(params, grads, 0.01, 0.9, 1e-8)
    for k in params:
        assert_allclose(p_adam[k], p_rms[k], rtol=RTOL, atol=ATOL)
        assert_allclose(p_adam[k], p_ref[k], rtol=RTOL, atol=ATOL)
        assert_allclose(st_adam.s["d" + k], st_rms.s["d" + k], rtol=RTOL, atol=ATOL)


def kingma_ba_algorithm_1(theta, grads, alpha, beta1, beta2, eps):
    """Independent reference, Kingma & Ba (2015) Algorithm 1, one flat vector."""
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    t = 0
    for g in grads:
        t = t + 1
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta = theta - alpha * m_hat / (np.sqrt(v_hat) + eps)
    return theta, m, v


def test_adam_matches_kingma_ba_algorithm_1():
    params, grads = random_problem(4)
    names = list(params)
    flat = np.concatenate([params[k].ravel() for k in names])
    flat_grads = [np.concatenate([g["d" + k].ravel() for k in names]) for g in grads]
    theta, m, v = kingma_ba_algorithm_1(flat, flat_grads, 0.02, 0.8, 0.99, 1e-6)
    p, state = run(Adam(0.02, 0.8, 0.99, 1e-6), params, grads)
    got = np.concatenate([p[k].ravel() for k in names])
    assert_allclose(got, theta, rtol=RTOL, atol=ATOL)
    assert_allclose(np.concatenate([state.v["d" + k].ravel() for k in names]), m, rtol=RTOL)
    assert_allclose(np.concatenate([state.s["d" + k].ravel() for k in names]), v, rtol=RTOL)
    assert state.t == len(grads)


def test_notes_adam_overwriting_the_state_follows_the_notes_ewa_and_differs():
    """The notes' Adam (v := v / (1 - beta1^t) stored) against the correct one."""
    g, beta1, beta2, lr = 1.0, 0.9, 0.999, 0.01
    v = s = 0.0
    W_notes = 0.0
    stored_v = []
    for t in range(1, 21):
        v = beta1 * v + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g**2
        v = v / (1 - beta1**t)  # the notes: overwrite the state
        s = s / (1 - beta2**t)
        W_notes -= lr * v / (np.sqrt(s) + 1e-8)
        stored_v.append(v)
    assert_allclose(stored_v, ewa_as_in_notes(np.full(20, g), beta1), rtol=1e-12)
    p, state = run(Adam(lr), one(0.0), [d(g)] * 20)
    assert_allclose(p["W"], [[-20 * lr]], rtol=1e-6)  # correct: lr * sign(g) every step
    assert s > 1e38  # the second moment compounds even faster (beta2 = 0.999) ...
    assert_allclose(W_notes, -0.0128763, rtol=1e-5)  # ... so the notes' Adam stalls
    assert_allclose(stored_v[-1], 3903.7017, rtol=1e-7)
    assert_allclose(state.v["dW"], [[1 - 0.9**20]], rtol=1e-12)


def test_adamw_with_zero_decay_is_adam():
    params, grads = random_problem(5)
    p_adam, _ = run(Adam(0.01, 0.9, 0.99), params, grads)
    p_w, _ = run(AdamW(0.01, 0.9, 0.99, weight_decay=0.0, decay_all=True), params, grads)
    for k in params:
        assert_allclose(p_w[k], p_adam[k], rtol=RTOL, atol=ATOL)


def test_adamw_is_not_adam_with_l2_in_the_gradient():
    """Decoupled decay differs from adding wd * W to dW (Loshchilov & Hutter, sect. 2)."""
    params, grads = random_problem(6)
    wd = 0.1
    p_w, _ = run(AdamW(0.01, weight_decay=wd, decay_all=True), params, grads)
    opt, p, state = Adam(0.01), params, Adam(0.01).init(params)
    for g in grads:
        g_l2 = {"d" + k: g["d" + k] + wd * p[k] for k in p}
        p, state = opt.update(p, g_l2, state)
    assert not np.allclose(p_w["W1"], p["W1"], rtol=1e-4)


def sutskever_nesterov(theta, grad_fn, eps, mu, steps):
    """Independent reference, Sutskever et al. (2013) eqs. (3)-(4): look-ahead gradient."""
    v = np.zeros_like(theta)
    for _ in range(steps):
        v = mu * v - eps * grad_fn(theta + mu * v)
        theta = theta + v
    return theta, v


def test_nesterov_tracks_sutskever_lookahead_point():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])  # convex quadratic 0.5 x^T A x, gradient A x

    def grad_fn(x):
        return A @ x

    x0 = np.array([[1.0], [-2.0]])
    lr, beta, steps = 0.2, 0.9, 7
    opt = Nesterov(lr, beta)
    p, state = {"W": x0}, opt.init({"W": x0})
    for _ in range(steps):
        p, state = opt.update(p, {"dW": grad_fn(p["W"])}, state)
    theta, v = sutskever_nesterov(x0, grad_fn, lr * (1 - beta), beta, steps)
    assert_allclose(p["W"], theta + beta * v, rtol=1e-12, atol=1e-14)


def test_nesterov_equals_pytorch_heavy_ball_form_with_scaled_learning_rate():
    params, grads = random_problem(7)
    lr, beta = 0.1, 0.9
    p, _ = run(Nesterov(lr, beta), params, grads)
    W = {k: v.copy() for k, v in params.items()}
    buf = {k: np.zeros_like(v) for k, v in params.items()}
    for g in grads:  # torch.optim.SGD(momentum=beta, nesterov=True), written out
        for k in W:
            buf[k] = beta * buf[k] + g["d" + k]
            W[k] = W[k] - lr * (1 - beta) * (g["d" + k] + beta * buf[k])
    for k in params:
        assert_allclose(p[k], W[k], rtol=RTOL, atol=ATOL)


def test_rmsprop_without_epsilon_divides_zero_by_zero():
    """The notes' RMSprop has no epsilon: a zero gradient at step 1 gives 0/0.

    Refused, naming epsilon; shown as NaN only where the caller silences invalid values (the
    week-2 notebook's erratum does, to show it).
    """
    opt = RMSprop(0.01, epsilon=0.0)
    with pytest.raises(ValueError, match="epsilon must be > 0 here"):
        opt.update(one(1.0), d(0.0), opt.init(one(1.0)))
    with np.errstate(invalid="ignore"):
        new, _ = opt.update(one(1.0), d(0.0), opt.init(one(1.0)))
    assert np.isnan(new["W"]).all()
    opt = RMSprop(0.01)  # with the default epsilon the step is simply 0
    new, _ = opt.update(one(1.0), d(0.0), opt.init(one(1.0)))
    assert_array_equal(new["W"], [[1.0]])


def test_learning_rate_override_and_schedule():
    params, grads = random_problem(8)
    opt = Momentum(0.5, 0.9)
    p_sched, state = params, opt.init(params)
    for epoch, g in enumerate(grads):
        lr = inverse_time_decay(0.1, epoch, 1.0)
        p_sched, state = opt.update(p_sched, g, state, learning_rate=lr)
    # written out: the same recursion with the decayed rate
    W, v = params["W1"].copy(), np.zeros_like(params["W1"])
    for epoch, g in enumerate(grads):
        v = 0.9 * v + 0.1 * g["dW1"]
        W = W - 0.1 / (1 + epoch) * v
    assert_allclose(p_sched["W1"], W, rtol=RTOL, atol=ATOL)


# ------------------------------------------------------------------ convergence
@pytest.mark.parametrize("opt", [
    GradientDescent(0.4), Momentum(0.4), Momentum(0.4, bias_correction=True), Nesterov(0.4),
    RMSprop(0.01), RMSprop(0.01, bias_correction=True), Adam(0.01), AdamW(0.01, weight_decay=0.0),
], ids=repr)
def test_every_optimizer_converges_on_a_convex_quadratic(opt):
    r = rng(9)
    target = {"W1": r.normal(size=(3, 2)), "b1": r.normal(size=(3, 1))}
    curvature = {k: r.uniform(0.5, 2.0, size=v.shape) for k, v in target.items()}
    p = {k: np.zeros_like(v) for k, v in target.items()}
    state = opt.init(p)
    for _ in range(3000):
        grads = {"d" + k: curvature[k] * (p[k] - target[k]) for k in p}
        p, state = opt.update(p, grads, state)
    for k in p:
        assert_allclose(p[k], target[k], rtol=0, atol=1e-6)


def test_adamw_converges_to_the_shrunk_minimum():
    """With decay, AdamW's fixed point has v_hat / sqrt(s_hat) = -wd * W, not dW = 0."""
    opt = AdamW(0.01, weight_decay=0.1)
    p, state = one(0.0), opt.init(one(0.0))
    for _ in range(5000):
        p, state = opt.update(p, d(p["W"][0, 0] - 1.0), state)
    assert 0.8 < p["W"][0, 0] < 1.0  # pulled towards 0 from the minimum at 1


# ------------------------------------------------------------------ batched per-model runs
BATCHED = [
    (GradientDescent, dict(learning_rate=[0.1, 0.01, 0.3])),
    (Momentum, dict(learning_rate=[0.1, 0.01, 0.3], beta=[0.0, 0.9, 0.5])),
    (Momentum, dict(learning_rate=0.1, beta=[0.0, 0.9, 0.5], bias_correction=True)),
    (Nesterov, dict(learning_rate=[0.1, 0.01, 0.3], beta=[0.0, 0.9, 0.5])),
    (RMSprop, dict(learning_rate=[0.1, 0.01, 0.3], beta=0.9, epsilon=[1e-8, 1e-3, 0.1])),
    (Adam, dict(learning_rate=[0.1, 0.01, 0.3], beta1=[0.0, 0.9, 0.5], beta2=[0.9, 0.999, 0.5])),
    (AdamW, dict(learning_rate=0.01, weight_decay=[0.0, 0.1, 1.0], epsilon=[1e-8, 1e-4, 1.0])),
]


@pytest.mark.parametrize(("cls", "kw"), BATCHED, ids=[f"{c.__name__}-{k}" for c, k in BATCHED])
def test_batched_per_model_hyperparameters_equal_separate_runs(cls, kw):
    K = 3
    params, grads = random_problem(10, K=K)
    p_batched, s_batched = run(cls(**kw), params, grads)
    for i in range(K):
        kw_i = {k: (v[i] if isinstance(v, list) else v) for k, v in kw.items()}
        p_i, s_i = run(cls(**kw_i), {k: v[i] for k, v in params.items()},
                       [{k: v[i] for k, v in g.items()} for g in grads])
        for k in params:
            assert_allclose(p_batched[k][i], p_i[k], rtol=RTOL, atol=ATOL)
        for field in s_i._fields[:-1]:  # v, s dicts
            for key, value in getattr(s_i, field).items():
                assert_allclose(getattr(s_batched, field)[key][i], value, rtol=RTOL, atol=ATOL)


def test_batched_learning_rate_override():
    params, grads = random_problem(11, K=2)
    opt = Adam(0.5)
    p, state = run(opt, params, grads, learning_rate=np.array([0.01, 0.02]))
    p_ref, _ = run(Adam([0.01, 0.02]), params, grads)
    for k in params:
        assert_allclose(p[k], p_ref[k], rtol=RTOL, atol=ATOL)


# ------------------------------------------------------------------ purity
@pytest.mark.parametrize("opt", ALL, ids=IDS)
def test_inputs_are_never_mutated(opt):
    params, grads = random_problem(12)
    params_copy, grads_copy = copy.deepcopy(params), copy.deepcopy(grads)
    state = opt.init(params)
    new, state1 = opt.update(params, grads[0], state)
    state1_copy = copy.deepcopy(state1)
    new2, state2 = opt.update(new, grads[1], state1)
    for k in params:
        assert_array_equal(params[k], params_copy[k])
        assert not np.shares_memory(new[k], params[k])
    for g, gc in zip(grads, grads_copy, strict=True):
        for k in g:
            assert_array_equal(g[k], gc[k])
    assert state1.t == 1 and state2.t == 2
    for field in state1._fields[:-1]:
        for key in getattr(state1, field):
            assert_array_equal(getattr(state1, field)[key], getattr(state1_copy, field)[key])
            assert_array_equal(getattr(state, field)[key], 0.0)  # init's state untouched


@pytest.mark.parametrize("opt", ALL, ids=IDS)
def test_state_is_keyed_like_the_course(opt):
    params, _ = random_problem(13)
    state = opt.init(params)
    assert state.t == 0
    for field in state._fields[:-1]:
        slot = getattr(state, field)
        assert set(slot) == {"dW1", "db1", "dW2", "db2"}
        for name in params:
            assert slot["d" + name].shape == params[name].shape


def test_state_types():
    p = one(1.0)
    assert isinstance(GradientDescent(0.1).init(p), GradientDescentState)
    assert isinstance(Momentum(0.1).init(p), MomentumState)
    assert isinstance(Nesterov(0.1).init(p), MomentumState)
    assert isinstance(RMSprop(0.1).init(p), RMSpropState)
    assert isinstance(Adam().init(p), AdamState)
    assert isinstance(AdamW().init(p), AdamState)


def test_optimizers_are_frozen_and_copy_their_arrays():
    opt = Adam(0.1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        opt.learning_rate = 0.2  # type: ignore[misc]
    lrs = np.array([0.1, 0.2])
    opt = Momentum(lrs)
    lrs[0] = 100.0
    assert_array_equal(opt.learning_rate, [0.1, 0.2])
    with pytest.raises(ValueError):
        opt.learning_rate[0] = 5.0  # read-only


def test_extra_gradient_keys_are_ignored():
    opt = GradientDescent(0.1)
    new, _ = opt.update(one(1.0), {"dW": np.array([[1.0]]), "dA1": np.ones((5, 5))},
                        opt.init(one(1.0)))
    assert_allclose(new["W"], [[0.9]], rtol=RTOL)


# ------------------------------------------------------------------ hypothesis
@settings(max_examples=50, deadline=None)
@given(g=st.lists(st.floats(-1e3, 1e3).filter(lambda x: abs(x) > 1e-3), min_size=1, max_size=5),
       lr=st.floats(1e-4, 1.0))
def test_adam_first_step_never_exceeds_learning_rate(g, lr):
    params = {"W": np.zeros((1, len(g)))}
    opt = Adam(lr)
    new, _ = opt.update(params, {"dW": np.array([g])}, opt.init(params))
    assert np.all(np.abs(new["W"]) <= lr * (1 + 1e-12))
    assert_allclose(np.abs(new["W"]), lr, rtol=1e-4)


@settings(max_examples=50, deadline=None)
@given(lr=st.floats(1e-4, 10.0), g=st.floats(-100, 100), w=st.floats(-100, 100))
def test_gradient_descent_step_is_linear(lr, g, w):
    opt = GradientDescent(lr)
    new, _ = opt.update(one(w), d(g), opt.init(one(w)))
    assert_allclose(new["W"], [[w - lr * g]], rtol=1e-12, atol=1e-12)


# ------------------------------------------------------------------ ValueError paths
@pytest.mark.parametrize(("make", "match"), [
    (lambda: GradientDescent(0.0), "learning_rate must be > 0"),
    (lambda: GradientDescent(-0.1), "learning_rate must be > 0"),
    (lambda: GradientDescent(float("nan")), "learning_rate must be finite"),
    (lambda: GradientDescent("0.1"), "learning_rate must be a real number"),
    (lambda: GradientDescent(True), "learning_rate must be a real number"),
    (lambda: Momentum(0.1, beta=1.0), r"beta must be in \[0, 1\)"),
    (lambda: Momentum(0.1, beta=-0.1), r"beta must be in \[0, 1\)"),
    (lambda: Momentum(0.1, bias_correction=1), "bias_correction must be True or False"),
    (lambda: Nesterov(0.1, beta=1.5), r"beta must be in \[0, 1\)"),
    (lambda: RMSprop(0.1, epsilon=-1e-8), "epsilon must be >= 0"),
    (lambda: RMSprop(0.1, bias_correction="yes"), "bias_correction must be True or False"),
    (lambda: Adam(beta1=1.0), r"beta1 must be in \[0, 1\)"),
    (lambda: Adam(beta2=-0.5), r"beta2 must be in \[0, 1\)"),
    (lambda: AdamW(weight_decay=-0.1), "weight_decay must be >= 0"),
    (lambda: AdamW(decay_all=None), "decay_all must be True or False"),
    (lambda: GradientDescent([0.1, -0.2]), r"learning_rate must be > 0 for every model, got "
                                            r"learning_rate\[1\]"),
    (lambda: Momentum(0.1, beta=np.array([0.9, 1.0])), r"beta\[1\] = 1.0"),
    (lambda: Adam(np.ones((2, 2))), "1-D array of K per-model values"),
    (lambda: Adam(np.array([])), "1-D array of K per-model values"),
    (lambda: Adam(np.array([0.1, np.inf])), "learning_rate must be finite"),
    (lambda: Adam(np.array(["a"])), "must be a number or a 1-D array of numbers"),
    (lambda: Adam(np.array([True])), "must be a number or a 1-D array of numbers"),
    (lambda: Adam([0.1, 0.2], beta1=[0.9, 0.9, 0.9]), "same length K"),
])
def test_hyperparameter_errors(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_zero_d_array_hyperparameter_is_a_number():
    assert Adam(np.array(0.1)).learning_rate == 0.1


@pytest.mark.parametrize("opt", ALL, ids=IDS)
def test_params_errors(opt):
    for bad in ({}, [np.ones((2, 2))], {"W": [[1.0]]}):
        with pytest.raises(ValueError, match="params"):
            opt.init(bad)


@pytest.mark.parametrize("opt", ALL, ids=IDS)
def test_grads_errors(opt):
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    state = opt.init(params)
    good = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1))}
    with pytest.raises(ValueError, match=r"grads must have a key 'db1' for params\['b1'\]"):
        opt.update(params, {"dW1": good["dW1"]}, state)
    with pytest.raises(ValueError, match="keyed 'd' \\+ name"):
        opt.update(params, {"W1": good["dW1"], "b1": good["db1"]}, state)
    shape_msg = r"grads\['dW1'\] must have the shape .* \(2, 3\), got \(3, 2\)"
    with pytest.raises(ValueError, match=shape_msg):
        opt.update(params, {**good, "dW1": np.ones((3, 2))}, state)
    with pytest.raises(ValueError, match=r"grads\['db1'\] must have the shape"):
        opt.update(params, {**good, "db1": np.ones(2)}, state)  # (2,) for (2, 1): no broadcast
    with pytest.raises(ValueError, match="grads must be a dict"):
        opt.update(params, [good["dW1"]], state)


@pytest.mark.parametrize("opt", ALL, ids=IDS)
def test_state_errors(opt):
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1))}
    state = opt.init(params)
    with pytest.raises(ValueError, match="state must be the"):
        opt.update(params, grads, (state, 0))
    with pytest.raises(ValueError, match="state.t must be >= 0"):
        opt.update(params, grads, state._replace(t=-1))
    if state._fields == ("t",):
        return  # gradient descent keeps no per-parameter state
    field = state._fields[0]
    with pytest.raises(ValueError, match=rf"state.{field} has no entry 'dW2'"):
        opt.update({"W2": np.ones((1, 2))}, {"dW2": np.ones((1, 2))}, state)
    slot = dict(getattr(state, field))
    slot["dW1"] = np.zeros((3, 2))
    with pytest.raises(ValueError, match=rf"state.{field}\['dW1'\] must have shape"):
        opt.update(params, grads, state._replace(**{field: slot}))


@pytest.mark.parametrize("opt", ALL, ids=IDS)
def test_the_state_update_returned_is_still_checked_against_the_params(opt):
    """update() does not re-check the arrays of the state it returned (speed), but that
    state with other parameters, or a tampered copy of it, is refused as before."""
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1))}
    new, state = opt.update(params, grads, opt.init(params))
    new, state = opt.update(new, grads, state)  # the returned state: accepted
    assert state.t == 2
    if state._fields == ("t",):
        return
    field = state._fields[0]
    with pytest.raises(ValueError, match=rf"state.{field}\['dW1'\] must have shape"):
        opt.update({"W1": np.ones((3, 2)), "b1": np.zeros((3, 1))},
                   {"dW1": np.ones((3, 2)), "db1": np.ones((3, 1))}, state)
    with pytest.raises(ValueError, match=rf"state.{field} has no entry 'dW2'"):
        opt.update({**new, "W2": np.ones((1, 2))}, {**grads, "dW2": np.ones((1, 2))}, state)
    if "s" in state._fields:
        tampered = state._replace(s={**state.s, "dW1": -np.ones((2, 3))})
        with pytest.raises(ValueError, match=r"state.s\['dW1'\] must be >= 0"):
            opt.update(new, grads, tampered)


def test_state_of_another_optimizer_is_refused():
    p = one(1.0)
    with pytest.raises(ValueError, match="state must be the MomentumState"):
        Momentum(0.1).update(p, d(1.0), Adam().init(p))


def test_per_model_hyperparameters_need_stacked_params():
    opt = Adam([0.1, 0.2])
    with pytest.raises(ValueError, match=r"need parameters stacked as \(K, n, m\)"):
        opt.init({"W": np.ones((2, 1))})  # 2-D: ambiguous, refused even though 2 == K
    with pytest.raises(ValueError, match="K = 2"):
        opt.init({"W": np.ones((3, 2, 1))})
    params, grads = {"W": np.ones((3, 2, 1))}, {"dW": np.ones((3, 2, 1))}
    opt3 = Adam(0.1, beta1=[0.9, 0.8, 0.0])
    with pytest.raises(ValueError, match="same length K"):
        opt3.update(params, grads, opt3.init(params), learning_rate=np.array([0.1, 0.2]))
    opt = Adam(0.1)
    with pytest.raises(ValueError, match="learning_rate must be >= 0"):
        opt.update(params, grads, opt.init(params), learning_rate=-0.1)


def test_a_schedule_may_give_a_learning_rate_of_zero():
    """A warm-up starts at 0 (schedules.cosine_decay): the step moves nothing, the state moves."""
    params, grads = {"W": np.ones((2, 1))}, {"dW": np.full((2, 1), 0.5)}
    for opt in (GradientDescent(0.1), Momentum(0.1), RMSprop(0.1), Adam(0.1)):
        new, state = opt.update(params, grads, opt.init(params), learning_rate=0.0)
        assert_array_equal(new["W"], params["W"])
        assert state.t == 1
    assert np.all(state.v["dW"] > 0) and np.all(state.s["dW"] > 0)  # Adam's moments did move
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        Adam(0.0)


# ------------------------------------------------------------------ mini-batches
def labelled(m, n_x=3):
    X = np.arange(n_x * m, dtype=float).reshape(n_x, m)
    Y = X[:1] * 10.0  # a label that identifies its column
    return X, Y


def test_mini_batch_sizes_course_example():
    X, Y = labelled(148)
    batches = random_mini_batches(X, Y, 64, rng=rng(1))
    assert [xb.shape for xb, _ in batches] == [(3, 64), (3, 64), (3, 20)]
    assert [yb.shape for _, yb in batches] == [(1, 64), (1, 64), (1, 20)]


def test_mini_batches_are_one_permutation_of_the_columns():
    X, Y = labelled(148)
    batches = random_mini_batches(X, Y, 64, rng=rng(2))
    X_all = np.concatenate([xb for xb, _ in batches], axis=1)
    Y_all = np.concatenate([yb for _, yb in batches], axis=1)
    order = np.argsort(X_all[0])
    assert_array_equal(X_all[:, order], X)  # every column exactly once
    assert_array_equal(Y_all, X_all[:1] * 10.0)  # each label still with its example
    assert not np.array_equal(X_all, X)  # actually shuffled
    expected = rng(2).permutation(148)  # the course: one rng.permutation(m)
    assert_array_equal(X_all, X[:, expected])


def test_same_seed_same_batches_different_seed_different():
    X, Y = labelled(50)
    a = random_mini_batches(X, Y, 16, rng=rng(3))
    b = random_mini_batches(X, Y, 16, rng=rng(3))
    c = random_mini_batches(X, Y, 16, rng=rng(4))
    for (xa, ya), (xb, yb) in zip(a, b, strict=True):
        assert_array_equal(xa, xb)
        assert_array_equal(ya, yb)
    assert not np.array_equal(a[0][0], c[0][0])


def test_mini_batches_exact_multiple_and_oversized_batch():
    X, Y = labelled(128)
    assert [xb.shape[1] for xb, _ in random_mini_batches(X, Y, 64, rng=rng())] == [64, 64]
    assert [xb.shape[1] for xb, _ in random_mini_batches(X, Y, 1000, rng=rng())] == [128]
    assert len(random_mini_batches(X, Y, 1, rng=rng())) == 128  # stochastic gradient descent


def test_mini_batches_do_not_mutate_inputs():
    X, Y = labelled(20)
    X0, Y0 = X.copy(), Y.copy()
    random_mini_batches(X, Y, 8, rng=rng())
    assert_array_equal(X, X0)
    assert_array_equal(Y, Y0)


@settings(max_examples=60, deadline=None)
@given(m=st.integers(1, 300), size=st.integers(1, 128), seed=st.integers(0, 2**16))
def test_mini_batch_partition_property(m, size, seed):
    X, Y = labelled(m, n_x=2)
    sizes = [xb.shape[1] for xb, _ in random_mini_batches(X, Y, size, rng=rng(seed))]
    assert sum(sizes) == m
    assert sizes[:-1] == [size] * (len(sizes) - 1)
    assert sizes[-1] == (m % size or min(size, m))
    assert len(sizes) == -(-m // size)


@pytest.mark.parametrize(("args", "kwargs", "match"), [
    ((np.ones(5), np.ones((1, 5))), {}, "X must be a 2-D array"),
    ((np.ones((2, 5)), np.ones(5)), {}, r"Y must be a 2-D array.*reshape"),
    ((np.ones((2, 5)), np.ones((1, 4))), {}, "same number of examples"),
    ((np.ones((2, 5)), np.ones((1, 5)), 0), {}, "mini_batch_size must be >= 1"),
    ((np.ones((2, 5)), np.ones((1, 5)), 2.5), {}, "mini_batch_size must be an integer"),
    ((np.ones((2, 5)), np.full((1, 5), np.nan)), {}, "Y must be finite"),
])
def test_mini_batch_errors(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        random_mini_batches(*args, rng=rng(), **kwargs)


def test_mini_batches_need_a_generator():
    X, Y = labelled(5)
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        random_mini_batches(X, Y, 2, rng=0)
    with pytest.raises(TypeError):
        random_mini_batches(X, Y, 2)  # rng is keyword-only and required


# ------------------------------------------------------------------ 2-D surfaces
SURFACES = [RAVINE, ROSENBROCK, SADDLE, _quadratic_surface(1.0, 3.0)]
SURFACE_IDS = ["ravine", "rosenbrock", "saddle", "bowl"]


@pytest.mark.parametrize("surface", SURFACES, ids=SURFACE_IDS)
def test_surface_gradient_matches_centred_differences(surface):
    r = rng(14)
    xmin, xmax, ymin, ymax = surface.extent
    for _ in range(5):
        xy = np.array([r.uniform(xmin, xmax), r.uniform(ymin, ymax)])
        numeric = numerical_gradient(lambda p, s=surface: float(s.f(p)), xy)
        assert relative_error(surface.grad(xy), numeric) < 1e-7


@pytest.mark.parametrize(("surface", "f_min"), [(RAVINE, 0.0), (ROSENBROCK, 0.0), (SADDLE, -0.25)],
                         ids=SURFACE_IDS[:3])
def test_surface_minimum_has_zero_gradient_and_lowest_value(surface, f_min):
    assert_allclose(surface.grad(surface.minimum), [0.0, 0.0], atol=1e-15)
    assert_allclose(surface.f(surface.minimum), f_min, atol=1e-15)
    xmin, xmax, ymin, ymax = surface.extent
    X, Y = np.meshgrid(np.linspace(xmin, xmax, 41), np.linspace(ymin, ymax, 33))
    Z = surface.f(np.stack([X, Y]))  # vectorized over a plotting grid
    assert Z.shape == (33, 41)
    assert Z.min() >= f_min - 1e-12
    assert xmin < surface.minimum[0] < xmax and ymin < surface.minimum[1] < ymax
    assert surface.grad(np.stack([X, Y])).shape == (2, 33, 41)


def test_saddle_is_a_saddle_between_two_minima():
    assert_allclose(SADDLE.grad(np.zeros(2)), [0.0, 0.0], atol=0)
    assert SADDLE.f(np.array([0.1, 0.0])) > 0 > SADDLE.f(np.array([0.0, 0.1]))
    assert_allclose(SADDLE.f(np.array([0.0, -1.0])), -0.25)


def test_gradient_descent_lingers_on_the_saddle_plateau_and_adam_leaves_it_sooner():
    gd = optimize_path(GradientDescent(0.1), SADDLE, steps=200)
    on_plateau = np.abs(gd.losses) < 0.01  # near the saddle's value f = 0
    assert on_plateau.sum() >= 20
    assert_allclose(gd.losses[-1], -0.25, atol=1e-6)
    adam = optimize_path(Adam(0.1), SADDLE, steps=200)
    assert adam.losses[20] < -0.2 and gd.losses[20] > 0.0
    assert_allclose(adam.path[-1], SADDLE.minimum, atol=1e-3)


@pytest.mark.parametrize("opt", [Momentum(0.01, 0.9), Adam(0.02)], ids=repr)
def test_momentum_and_adam_reach_the_rosenbrock_minimum(opt):
    run_ = optimize_path(opt, ROSENBROCK, steps=3000)
    assert not run_.diverged
    assert_allclose(run_.path[-1], [1.0, 1.0], atol=1e-4)


NOT_RMSPROP = [o for o in ALL if not isinstance(o, RMSprop)]


@pytest.mark.parametrize("opt", NOT_RMSPROP, ids=repr)
def test_every_optimizer_converges_on_the_bowl(opt):
    if isinstance(opt, AdamW):
        opt = dataclasses.replace(opt, weight_decay=0.0)
    run_ = optimize_path(opt, _quadratic_surface(1.0, 3.0), steps=3000)
    assert_allclose(run_.path[-1], [0.0, 0.0], atol=1e-6)


@pytest.mark.parametrize("opt", [o for o in ALL if isinstance(o, RMSprop)], ids=repr)
def test_rmsprop_with_a_constant_rate_ends_in_a_cycle_of_half_the_rate(opt):
    """Once dW flips sign every step, s tracks dW**2 and each step is about alpha long."""
    run_ = optimize_path(opt, _quadratic_surface(1.0, 3.0), steps=3000)
    tail = run_.path[-10:]
    assert_allclose(np.abs(tail), opt.learning_rate / 2, rtol=1e-3)  # +-alpha/2 around 0
    assert_allclose(tail[::2], tail[-2:-1].repeat(5, axis=0), rtol=1e-6)  # period two


def test_optimize_path_shapes_and_first_row():
    start = np.array([-1.0, 2.0])
    res = optimize_path(Momentum(0.1), RAVINE, start, 25)
    assert isinstance(res, OptimizationPath)
    path, losses = res  # unpacks as (path, losses)
    assert path.shape == (26, 2) and losses.shape == (26,)
    assert_array_equal(path[0], start)
    assert_allclose(losses, RAVINE.f(path.T), rtol=1e-14)
    assert not res.diverged and res.steps_taken == 25
    assert_array_equal(start, [-1.0, 2.0])  # not mutated
    default = optimize_path(GradientDescent(0.1), RAVINE, steps=0)
    assert_array_equal(default.path, [RAVINE.start]) and default.steps_taken == 0


def test_optimize_path_reports_divergence_without_warnings():
    # RuntimeWarning is an error in this test suite: an overflow would fail the test
    res = optimize_path(GradientDescent(1e10), ROSENBROCK, steps=10)
    assert res.diverged and res.steps_taken == 0
    assert np.isnan(res.path[1:]).all() and np.isnan(res.losses[1:]).all()
    res = optimize_path(GradientDescent(0.6), RAVINE, steps=100)  # 0.6 > 2 / 4
    assert res.diverged and 0 < res.steps_taken < 100
    k = res.steps_taken
    assert np.isfinite(res.losses[: k + 1]).all() and np.isnan(res.losses[k + 1 :]).all()
    assert np.hypot(*res.path[k]) <= 1e6
    small = optimize_path(GradientDescent(0.6), RAVINE, steps=100, max_norm=10.0)
    assert small.steps_taken < k


@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(optimizer=object()), "optimizer must have init"),
    (dict(surface=(1, 2)), "surface must be a Surface"),
    (dict(start=[1.0, 2.0, 3.0]), r"start must be a finite point \(x, y\) of shape \(2,\)"),
    (dict(start=[np.nan, 0.0]), "start must be a finite point"),
    (dict(steps=-1), "steps must be >= 0"),
    (dict(steps=2.0), "steps must be an integer"),
    (dict(max_norm=0.0), "max_norm must be > 0"),
])
def test_optimize_path_errors(kwargs, match):
    args = dict(optimizer=GradientDescent(0.1), surface=RAVINE, start=None, steps=3)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        optimize_path(**args)


def test_quadratic_surface_errors_and_record():
    with pytest.raises(ValueError, match="a must be > 0"):
        _quadratic_surface(0.0, 1.0)
    with pytest.raises(ValueError, match="b must be > 0"):
        _quadratic_surface(1.0, -1.0)
    assert isinstance(RAVINE, Surface) and RAVINE.name.startswith("ravine")
