"""Checkers for week 2 ("Optimization methods" assignment): specs, references and variants.

References reuse the package's tested public functions (:mod:`dlnotes.optim`,
:mod:`dlnotes.ewa`, :mod:`dlnotes.schedules`); each variant is the reference with one
catalogued mistake, written out here in the assignment's own style.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from .. import ewa, optim, schedules
from ._engine import (
    Case,
    Diff,
    Malformed,
    Spec,
    any_of,
    as_dict,
    as_pair,
    as_scalar,
    as_tuple,
    compare,
    compare_dict,
    exact,
    first,
    fmt,
    random_grads,
    random_layers,
    shapes,
)

# --------------------------------------------------------------------------- gradient descent


def _ref_gd(parameters, grads, learning_rate):
    opt = optim.GradientDescent(learning_rate=learning_rate)
    return opt.update(parameters, grads, optim.GradientDescentState(t=0))[0]


@cache
def spec_gd() -> Spec:
    rng = np.random.default_rng(201)
    cases = []
    for dims, lr in (([2, 1], 0.1), ([3, 4, 2], 0.01)):
        p = random_layers(rng, dims)
        cases.append(Case(f"learning_rate={lr}, parameters {shapes(p)}",
                          (p, random_grads(rng, p), lr)))
    return Spec(
        "update_parameters_with_gd", "2 inputs: 1 and 2 layers", cases,
        exact(_ref_gd, lambda want, got: compare_dict("parameters", want, got)), {},
        lambda raw, case: as_dict(raw, "the parameters dict"),
        "Each W[l] and b[l] takes one step against its own gradient, scaled by learning_rate.",
        inplace_ok=True,
    )


# --------------------------------------------------------------------------- mini-batches


def _mb_info(batches: Any, n_x: int) -> dict[str, Any]:
    """Read the learner's list of (mini_batch_X, mini_batch_Y) into sizes and permutations."""
    if not isinstance(batches, (list, tuple)) or not batches:
        raise Malformed("return value", "a list of (mini_batch_X, mini_batch_Y) pairs",
                        fmt(batches))
    xs, ys = [], []
    for k, pair in enumerate(batches):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise Malformed(f"mini_batches[{k}]", "a pair (mini_batch_X, mini_batch_Y)",
                            fmt(pair))
        xb, yb = np.asarray(pair[0], dtype=np.float64), np.asarray(pair[1], dtype=np.float64)
        if xb.ndim != 2 or yb.ndim != 2 or xb.shape[0] != n_x or yb.shape[0] != 1 \
                or xb.shape[1] != yb.shape[1]:
            raise Malformed(f"mini_batches[{k}] shapes", f"({n_x}, size) and (1, size)",
                            f"{xb.shape} and {yb.shape}")
        xs.append(xb)
        ys.append(yb)
    X, Y = np.concatenate(xs, axis=1), np.concatenate(ys, axis=1)
    return {"sizes": [x.shape[1] for x in xs], "X": X, "perm_x": X[0].copy(),
            "perm_y": Y[0] - 10_000.0}


def _mb_inputs(n_x: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns that name themselves: ``X[i, j] = j + 1000 i`` and ``Y[0, j] = 10000 + j``."""
    j = np.arange(m, dtype=np.float64)
    X = j[None, :] + 1000.0 * np.arange(n_x, dtype=np.float64)[:, None]
    return X, (10_000.0 + j)[None, :]


def _mb_judge(*, shuffled: bool | None, paired: bool, keep_last: bool):
    """Structure judge. ``shuffled``: True (must differ from the original order where the case
    can show it), False (must be the original order), None (either)."""

    def judge(case: Case, info: dict[str, Any]) -> Diff | None:
        m, size = case.data["m"], case.data["size"]
        want = [size] * (m // size) + ([m % size] if keep_last and m % size else [])
        if info["sizes"] != want:
            return Diff("mini-batch sizes", str(want), str(info["sizes"]))
        n = sum(want)
        X, _ = _mb_inputs(case.data["n_x"], m)
        px, py = info["perm_x"], info["perm_y"]
        valid = (np.all(px == np.round(px)) and np.all((px >= 0) & (px < m))
                 and len(set(px.tolist())) == n)
        if not (valid and np.array_equal(info["X"], X[:, px.astype(int)])):
            return Diff("columns of the mini-batches of X",
                        "the columns of X, each exactly once, intact", "other columns")
        if not (len(set(py.tolist())) == n and set(py.tolist()) <= set(range(m))):
            return Diff("columns of the mini-batches of Y",
                        "the columns of Y, each exactly once", "other columns")
        if paired and not np.array_equal(px, py):
            return Diff("labels", "each column of Y with its column of X",
                        "Y shuffled differently from X")
        if not paired and case.data["visible"] and np.array_equal(px, py):
            return Diff("labels", "Y shuffled differently from X", "the same order as X")
        in_order = np.array_equal(px, np.arange(n))
        if shuffled is False and not in_order:
            return Diff("order of the examples", "the original order", "shuffled")
        if shuffled and case.data["visible"] and in_order:
            return Diff("order of the examples", "shuffled", "the original order")
        return None

    return judge


@cache
def spec_random_mini_batches() -> Spec:
    cases = []
    for n_x, m, size, seed in ((2, 5, 2, 0), (3, 148, 64, 1), (2, 128, 32, 2)):
        X, Y = _mb_inputs(n_x, m)
        cases.append(Case(f"m={m}, mini_batch_size={size}, seed={seed}", (X, Y, size, seed),
                          data={"n_x": n_x, "m": m, "size": size, "visible": m >= 100}))
    return Spec(
        "random_mini_batches",
        "3 inputs: m=5 (size 2), m=148 (size 64, last batch of 20), m=128 (size 32); "
        "judged by structure, not by one random permutation",
        cases,
        _mb_judge(shuffled=True, paired=True, keep_last=True),
        {
            "minibatch-no-shuffle": _mb_judge(shuffled=False, paired=True, keep_last=True),
            "minibatch-unpaired-shuffle": _mb_judge(shuffled=None, paired=False,
                                                    keep_last=True),
            "minibatch-drops-last": _mb_judge(shuffled=None, paired=True, keep_last=False),
        },
        lambda raw, case: _mb_info(raw, case.data["n_x"]),
        "Shuffle the columns of X and Y with one permutation, then cut consecutive slices of "
        "mini_batch_size columns.",
    )


# --------------------------------------------------------------------------- momentum


def _ref_velocity(parameters):
    return optim.Momentum(learning_rate=1.0).init(parameters).v


@cache
def spec_initialize_velocity() -> Spec:
    rng = np.random.default_rng(202)
    cases = [Case(f"parameters {shapes(p)}", (p,))
             for p in (random_layers(rng, [2, 1]), random_layers(rng, [3, 4, 2]))]
    return Spec(
        "initialize_velocity", "2 inputs: 1 and 2 layers", cases,
        exact(_ref_velocity, lambda want, got: compare_dict("v", want, got)), {},
        lambda raw, case: as_dict(raw, 'the dict v (keys "dW1", "db1", ...)'),
        'v["dW1"] starts as zeros shaped like W1, and the same for every parameter.',
    )


def _ref_momentum(parameters, grads, v, beta, learning_rate):
    opt = optim.Momentum(learning_rate=learning_rate, beta=beta)
    new, state = opt.update(parameters, grads, optim.MomentumState(v=v, t=0))
    return new, state.v


def _momentum_variant(heavy_ball: bool, step_with_grad: bool):
    def variant(parameters, grads, v, beta, learning_rate):
        new, v_new = {}, {}
        for name, W in parameters.items():
            dW = grads["d" + name]
            v_new["d" + name] = beta * v["d" + name] + (dW if heavy_ball else (1 - beta) * dW)
            new[name] = W - learning_rate * (dW if step_with_grad else v_new["d" + name])
        return new, v_new

    return variant


def _pair_compare(want, got):
    return first(compare_dict("parameters", want[0], got[0]), compare_dict("v", want[1], got[1]))


@cache
def spec_momentum() -> Spec:
    rng = np.random.default_rng(203)
    cases = []
    for dims, beta, lr, v_scale in (([2, 1], 0.9, 0.1, 0.0), ([3, 4, 2], 0.8, 0.05, 1.0)):
        p = random_layers(rng, dims)
        v = {k: rng.normal(size=g.shape) * v_scale for k, g in random_grads(rng, p).items()}
        cases.append(Case(
            f"beta={beta}, learning_rate={lr}, {'v = 0' if not v_scale else 'v non-zero'}, "
            f"parameters {shapes(p)}", (p, random_grads(rng, p), v, beta, lr)))
    return Spec(
        "update_parameters_with_momentum",
        "2 inputs: one step from v = 0 and one from a non-zero v", cases,
        exact(_ref_momentum, _pair_compare),
        {
            "momentum-heavy-ball": exact(_momentum_variant(True, False), _pair_compare),
            "momentum-steps-with-gradient": exact(_momentum_variant(False, True),
                                                  _pair_compare),
        },
        lambda raw, case: as_pair(raw, "parameters, v"),
        "Update v as an exponentially weighted average of the gradients, then step with it.",
        inplace_ok=True,
    )


# --------------------------------------------------------------------------- Adam


def _ref_initialize_adam(parameters):
    state = optim.Adam().init(parameters)
    return state.v, state.s


@cache
def spec_initialize_adam() -> Spec:
    rng = np.random.default_rng(204)
    cases = [Case(f"parameters {shapes(p)}", (p,))
             for p in (random_layers(rng, [2, 1]), random_layers(rng, [3, 4, 2]))]
    return Spec(
        "initialize_adam", "2 inputs: 1 and 2 layers", cases,
        exact(_ref_initialize_adam, lambda want, got: first(
            compare_dict("v", want[0], got[0]), compare_dict("s", want[1], got[1]))),
        {},
        lambda raw, case: as_pair(raw, "v, s"),
        'v["dW1"] and s["dW1"] start as zeros shaped like W1, and the same for every '
        "parameter.",
    )


def _ref_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
              epsilon=1e-8):
    opt = optim.Adam(learning_rate=learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon)
    new, state = opt.update(parameters, grads, optim.AdamState(v=v, s=s, t=t - 1))
    v_corrected = {k: ewa.bias_correction(x, beta1, t) for k, x in state.v.items()}
    s_corrected = {k: ewa.bias_correction(x, beta2, t) for k, x in state.s.items()}
    return new, state.v, state.s, v_corrected, s_corrected


def _adam_variant(*, overwrite=False, correct=True, eps_inside=False, t_shift=0):
    def variant(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                epsilon=1e-8):
        new, v_new, s_new, vc, sc = {}, {}, {}, {}, {}
        tt = t + t_shift
        for name, W in parameters.items():
            key = "d" + name
            v_new[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            s_new[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
            vc[key] = v_new[key] / (1 - beta1**tt) if correct else v_new[key]
            sc[key] = s_new[key] / (1 - beta2**tt) if correct else s_new[key]
            denom = np.sqrt(sc[key] + epsilon) if eps_inside else np.sqrt(sc[key]) + epsilon
            new[name] = W - learning_rate * vc[key] / denom
        if overwrite:
            return new, vc, sc, vc, sc
        return new, v_new, s_new, vc, sc

    return variant


def _adam_compare(full: bool):
    """Compare parameters, v, s; and v_corrected, s_corrected when ``full`` and returned."""

    def compare_fn(want, got):
        diffs = [compare_dict("parameters", want[0], got["parameters"]),
                 compare_dict("v", want[1], got["v"]), compare_dict("s", want[2], got["s"])]
        if full and got["v_corrected"] is not None:
            diffs += [compare_dict("v_corrected", want[3], got["v_corrected"]),
                      compare_dict("s_corrected", want[4], got["s_corrected"])]
        return first(*diffs)

    return compare_fn


def _adam_normalize(raw: Any, case: Case) -> dict[str, Any]:
    out = as_tuple(raw, (3, 5), "3 values (parameters, v, s) or 5 (parameters, v, s, "
                                 "v_corrected, s_corrected)")
    return {"parameters": out[0], "v": out[1], "s": out[2],
            "v_corrected": out[3] if len(out) == 5 else None,
            "s_corrected": out[4] if len(out) == 5 else None}


@cache
def spec_adam() -> Spec:
    rng = np.random.default_rng(205)
    cases = []
    # t = 1 from v = s = 0; t = 2 from a state; t = 10 with small gradients where epsilon matters
    for dims, t, lr, eps, g_scale in (([2, 1], 1, 0.01, 1e-8, 1.0),
                                      ([3, 4, 2], 2, 0.01, 1e-8, 1.0),
                                      ([3, 2], 10, 0.1, 1e-4, 1e-3)):
        p = random_layers(rng, dims)
        g = random_grads(rng, p, g_scale)
        if t == 1:
            v = {k: np.zeros_like(x) for k, x in g.items()}
            s = {k: np.zeros_like(x) for k, x in g.items()}
        else:
            v = {k: rng.normal(size=x.shape) * 0.1 * g_scale for k, x in g.items()}
            s = {k: rng.random(size=x.shape) * 0.1 * g_scale**2 for k, x in g.items()}
        kwargs = {"learning_rate": lr, "beta1": 0.9, "beta2": 0.999, "epsilon": eps}
        label = (f"t={t}, learning_rate={lr}, epsilon={eps:g}, "
                 f"{'v = s = 0' if t == 1 else 'v, s non-zero'}, "
                 f"gradients of size {g_scale:g}, parameters {shapes(p)}")
        cases.append(Case(label, (p, g, v, s, t), kwargs))
    return Spec(
        "update_parameters_with_adam",
        "3 inputs: t=1 from v = s = 0, t=2, and t=10 with small gradients where epsilon "
        "matters; 3- and 5-value returns accepted",
        cases,
        exact(_ref_adam, _adam_compare(True)),
        {
            "adam-overwrites-moments": exact(_adam_variant(overwrite=True), _adam_compare(False)),
            "adam-no-bias-correction": exact(_adam_variant(correct=False), _adam_compare(False)),
            "adam-epsilon-inside-root": exact(_adam_variant(eps_inside=True),
                                              _adam_compare(False)),
            "adam-step-count-off-by-one": any_of(
                exact(_adam_variant(t_shift=1), _adam_compare(False)),
                exact(_adam_variant(t_shift=-1), _adam_compare(False))),
        },
        _adam_normalize,
        "Adam: two exponentially weighted averages (dW and dW**2), their bias-corrected "
        "read-outs, then the step.",
        inplace_ok=True,
    )


# --------------------------------------------------------------------------- learning-rate decay


def _ref_update_lr(learning_rate0, epoch_num, decay_rate):
    return schedules.inverse_time_decay(learning_rate0, epoch_num, decay_rate)


@cache
def spec_update_lr() -> Spec:
    cases = [Case(f"learning_rate0={a}, epoch_num={e}, decay_rate={d}", (a, e, d))
             for a, e, d in ((0.5, 0, 1.0), (0.5, 2, 1.0), (0.1, 7, 0.3))]
    return Spec(
        "update_lr", "3 inputs: epoch 0, 2 and 7", cases,
        exact(_ref_update_lr, lambda want, got: compare("learning_rate", want, got)), {},
        as_scalar,
        "The course's decay divides learning_rate0 by 1 + decay_rate * epoch_num.",
    )


def _ref_schedule(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return schedules.inverse_time_decay(learning_rate0, epoch_num, decay_rate, time_interval,
                                        staircase=True)


def _schedule_no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return schedules.inverse_time_decay(learning_rate0, epoch_num, decay_rate, time_interval)


@cache
def spec_schedule_lr_decay() -> Spec:
    cases = [Case(f"learning_rate0={a}, epoch_num={e}, decay_rate={d}, time_interval={k}",
                  (a, e, d, k))
             for a, e, d, k in ((0.5, 0, 0.3, 100), (0.5, 250, 0.3, 100),
                                (0.1, 999, 1.0, 1000), (0.1, 2500, 1.0, 1000))]
    cmp = lambda want, got: compare("learning_rate", want, got)  # noqa: E731
    return Spec(
        "schedule_lr_decay", "4 inputs: epochs on and between the steps of the staircase",
        cases, exact(_ref_schedule, cmp), {"decay-no-floor": exact(_schedule_no_floor, cmp)},
        as_scalar,
        "The rate drops once every time_interval epochs, following 1 / (1 + decay_rate * "
        "(number of intervals completed)).",
    )
