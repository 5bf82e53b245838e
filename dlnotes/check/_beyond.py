"""Checkers beyond the assignments: bias-corrected EWA, RMSprop, batch norm, softmax, cost.

The signatures are this package's (documented in :mod:`dlnotes.check`), in the course's style:
examples in columns, parameters and state in dicts keyed like the assignment's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from .. import batchnorm, ewa, optim, softmax
from ._engine import (
    Case,
    Diff,
    Malformed,
    Spec,
    any_of,
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

# --------------------------------------------------------------------------- EWA


def _ref_ewa(theta, beta):
    return ewa.ewa(theta, beta, bias_correction=True)


def _series(raw: Any, case: Case) -> np.ndarray:
    T = len(case.args[0])
    try:
        arr = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise Malformed("return value", f"{T} numbers (v_hat_1 ... v_hat_T)", fmt(raw)) from None
    if arr.size != T:
        raise Malformed("return value", f"{T} numbers (v_hat_1 ... v_hat_T)", fmt(raw))
    return arr.reshape(T)


@cache
def spec_ewa() -> Spec:
    rng = np.random.default_rng(301)
    cases = [
        Case("theta = [1, 1, 1, 1, 1], beta=0.9", ([1.0] * 5, 0.9)),
        Case("30 noisy temperatures, beta=0.9", (list(50 + 10 * rng.normal(size=30)), 0.9)),
        Case("40 noisy temperatures, beta=0.98", (list(50 + 10 * rng.normal(size=40)), 0.98)),
    ]
    cmp = lambda want, got: compare("v_hat", want, got)  # noqa: E731
    return Spec(
        "bias_corrected_ewa",
        "3 series: a constant one, then 30 and 40 noisy values", cases,
        exact(_ref_ewa, cmp),
        {"ewa-correction-fed-back": exact(ewa.ewa_as_in_notes, cmp)},
        _series,
        "Carry v_t = beta v_{t-1} + (1 - beta) theta_t from v_0 = 0 and report its "
        "bias-corrected read-out at every t.",
    )


# --------------------------------------------------------------------------- RMSprop


def _ref_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    opt = optim.RMSprop(learning_rate=learning_rate, beta=beta, epsilon=epsilon)
    new, state = opt.update(parameters, grads, optim.RMSpropState(s=s, t=0))
    return new, state.s


def _rmsprop_variant(where: str):
    def variant(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
        new, s_new = {}, {}
        for name, W in parameters.items():
            key = "d" + name
            s_new[key] = beta * s[key] + (1 - beta) * grads[key] ** 2
            denom = np.sqrt(s_new[key] + epsilon) if where == "inside" else np.sqrt(s_new[key])
            new[name] = W - learning_rate * grads[key] / denom
        return new, s_new

    return variant


def _pair_s(want, got):
    return first(compare_dict("parameters", want[0], got[0]), compare_dict("s", want[1], got[1]))


@cache
def spec_rmsprop() -> Spec:
    rng = np.random.default_rng(302)
    cases = []
    for dims, beta, lr, eps, g_scale, s0 in (([2, 1], 0.9, 0.01, 1e-8, 1.0, False),
                                            ([3, 4, 2], 0.999, 0.01, 1e-6, 1e-4, True)):
        p = random_layers(rng, dims)
        g = random_grads(rng, p, g_scale)
        if s0:
            s = {k: rng.random(size=x.shape) * g_scale**2 for k, x in g.items()}
        else:  # s = 0 and one gradient entry exactly 0 (a dead unit)
            s = {k: np.zeros_like(x) for k, x in g.items()}
            g["dW1"][0, 0] = 0.0
        cases.append(Case(
            f"beta={beta}, learning_rate={lr}, epsilon={eps:g}, "
            f"{'s non-zero, gradients of size 1e-4' if s0 else 's = 0, one gradient entry 0'}, "
            f"parameters {shapes(p)}", (p, g, s, beta, lr), {"epsilon": eps}))
    return Spec(
        "update_parameters_with_rmsprop",
        "2 inputs: the first step with a zero gradient entry, and small gradients where "
        "epsilon matters",
        cases, exact(_ref_rmsprop, _pair_s),
        {
            "rmsprop-no-epsilon": exact(_rmsprop_variant("none"), _pair_s),
            "rmsprop-epsilon-inside-root": exact(_rmsprop_variant("inside"), _pair_s),
        },
        lambda raw, case: as_pair(raw, "parameters, s"),
        "s is an exponentially weighted average of the squared gradients; each parameter "
        "steps by its gradient divided by the course's RMS denominator.",
        inplace_ok=True,
    )


# --------------------------------------------------------------------------- batch norm


def _ref_bn_forward(Z, gamma, beta, epsilon=1e-5):
    return batchnorm.batchnorm_forward(Z, gamma, beta, epsilon=epsilon)[0]


def _bn_variant(kind: str):
    def variant(Z, gamma, beta, epsilon=1e-5):
        if kind == "std":
            return batchnorm.batchnorm_as_in_notes(Z, gamma, beta, epsilon=epsilon)
        axis, ddof = (0, 0) if kind == "axis" else (1, 1)
        mu = np.mean(Z, axis=axis, keepdims=True)
        var = np.var(Z, axis=axis, ddof=ddof, keepdims=True)
        return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta

    return variant


def _bn_normalize(raw: Any, case: Case) -> Any:
    # Z_tilde, or (Z_tilde, cache) as CS231n-style code returns
    if isinstance(raw, (tuple, list)) and len(raw) == 2:
        return raw[0]
    return raw


def _bn_inputs(rng, n, m, spread):
    Z = 3.0 + spread * rng.normal(size=(n, m))
    return Z, 0.5 + rng.random((n, 1)), rng.normal(size=(n, 1))


@cache
def spec_bn_forward() -> Spec:
    rng = np.random.default_rng(303)
    cases = [Case(f"Z {(n, m)} spread about {spread:g}, gamma and beta not 1 and 0, "
                  f"epsilon={eps:g}", _bn_inputs(rng, n, m, spread), {"epsilon": eps})
             for n, m, spread, eps in ((2, 3, 10.0, 1e-5), (3, 5, 10.0, 1e-5),
                                       (4, 8, 0.1, 1e-3))]
    cmp = lambda want, got: compare("Z_tilde", want, got)  # noqa: E731
    return Spec(
        "batchnorm_forward",
        "3 inputs: Z (2, 3), (3, 5) spread about 10, (4, 8) spread about 0.1", cases,
        exact(_ref_bn_forward, cmp),
        {
            "batchnorm-std-under-root": exact(_bn_variant("std"), cmp),
            "batchnorm-unbiased-variance": exact(_bn_variant("unbiased"), cmp),
            "batchnorm-wrong-axis": exact(_bn_variant("axis"), cmp),
        },
        _bn_normalize,
        "Normalize each unit (row) of Z over the mini-batch with its mean and variance, then "
        "scale by gamma and shift by beta.",
    )


def _ref_bn_backward(dZ_tilde, Z, gamma, epsilon=1e-5):
    _, cache_ = batchnorm.batchnorm_forward(Z, gamma, np.zeros_like(gamma), epsilon=epsilon)
    return batchnorm.batchnorm_backward(dZ_tilde, cache_)


def _bn_backward_constant(dZ_tilde, Z, gamma, epsilon=1e-5):
    _, cache_ = batchnorm.batchnorm_forward(Z, gamma, np.zeros_like(gamma), epsilon=epsilon)
    dgamma = np.sum(dZ_tilde * cache_.Z_norm, axis=1, keepdims=True)
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    return gamma * dZ_tilde / np.sqrt(cache_.var + epsilon), dgamma, dbeta


def _triple_compare(want, got):
    return first(*(compare(k, w, g) for k, w, g in zip(("dZ", "dgamma", "dbeta"), want, got,
                                                      strict=True)))


@cache
def spec_bn_backward() -> Spec:
    rng = np.random.default_rng(304)
    cases = []
    for n, m in ((2, 4), (3, 6)):
        Z, gamma, _ = _bn_inputs(rng, n, m, 2.0)
        cases.append(Case(f"dZ_tilde and Z {(n, m)}, random upstream gradient",
                          (rng.normal(size=(n, m)), Z, gamma), {"epsilon": 1e-5}))
    return Spec(
        "batchnorm_backward",
        "2 inputs: Z (2, 4) and (3, 6) with random upstream gradients", cases,
        exact(_ref_bn_backward, _triple_compare),
        {"batchnorm-backward-constant-statistics": exact(_bn_backward_constant,
                                                         _triple_compare)},
        lambda raw, case: as_tuple(raw, (3,), "3 values (dZ, dgamma, dbeta)"),
        "dbeta and dgamma are sums over the examples; dZ follows every path from Z to "
        "Z_tilde.",
    )


# --------------------------------------------------------------------------- softmax


def _unstable(axis: int):
    def variant(Z):
        E = np.exp(Z)
        return E / np.sum(E, axis=axis, keepdims=True)

    return variant


def _stable_wrong_axis(Z):
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)


@cache
def spec_softmax() -> Spec:
    rng = np.random.default_rng(305)
    cases = [
        Case("Z (3, 4), logits about 1", (rng.normal(size=(3, 4)),)),
        Case("Z (4, 1), one example (a 1-column edge)", (rng.normal(size=(4, 1)),)),
        Case("Z (3, 5), large logits about 1000", (1000.0 + rng.normal(size=(3, 5)),)),
    ]
    cmp = lambda want, got: compare("A", want, got)  # noqa: E731
    return Spec(
        "softmax",
        "3 inputs: Z (3, 4), one column (4, 1), and logits about 1000", cases,
        exact(softmax.softmax, cmp),
        {
            "softmax-wrong-axis": any_of(exact(_stable_wrong_axis, cmp),
                                         exact(_unstable(1), cmp)),
            "softmax-unstable": exact(_unstable(0), cmp),
        },
        lambda raw, case: raw,
        "Each column of Z holds one example's logits: exponentiate and normalize so that "
        "the column is a probability vector.",
    )


def _ref_cross_entropy_case(case: Case, got: Any, factor: str = "mean") -> Diff | None:
    Z, Y = case.data["Z"], case.args[1]
    want = softmax.cross_entropy(Z, Y) * (Y.shape[1] if factor == "sum" else 1)
    return compare("cost", want, got)


@cache
def spec_cross_entropy() -> Spec:
    rng = np.random.default_rng(306)
    cases = []
    for C, m in ((3, 4), (2, 7)):
        Z = rng.normal(size=(C, m)) * 2
        Y = np.eye(C)[:, rng.integers(0, C, size=m)]
        cases.append(Case(f"Y_hat and Y ({C}, {m}), m={m} examples",
                          (softmax.softmax(Z), Y), data={"Z": Z}))
    return Spec(
        "cross_entropy_cost",
        "2 inputs: 3 classes by 4 examples, 2 classes by 7", cases,
        _ref_cross_entropy_case,
        {"cross-entropy-sum-not-mean": lambda case, got: _ref_cross_entropy_case(case, got,
                                                                                  "sum")},
        as_scalar,
        "J = -(1/m) sum over examples and classes of y log y_hat.",
    )
