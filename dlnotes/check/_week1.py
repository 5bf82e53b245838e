"""Checkers for week 1 ("Initialization", "Regularization", "Gradient Checking" assignments).

Random parts (initializations, dropout masks) are judged by statistics and structure: shapes,
zero biases, the standard deviation of large weight matrices, the set of mask values, the kept
share, and the exact forward pass *given the learner's own mask*. Never by one random stream.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import numpy as np

from .. import gradcheck, initialization, regularization
from ._engine import (
    Case,
    Diff,
    Malformed,
    Spec,
    as_dict,
    as_scalar,
    as_tuple,
    compare,
    compare_dict,
    exact,
    first,
    fmt,
)
from .helpers import (
    backward_propagation_n,
    compute_cost,
    dictionary_to_vector,
    forward_propagation,
    forward_propagation_n,
    gradients_to_vector,
    relu,
    sigmoid,
    vector_to_dictionary,
)

# --------------------------------------------------------------------------- initialization


def _init_judge(std: Callable[[int, int], float], *, biases_zero: bool = True) -> Callable:
    """Judge an initialization: shapes, biases, and the std of every large enough ``W``.

    ``std(n_in, n_out)`` is the standard deviation this implementation draws ``W[l]`` with.
    With ``biases_zero=False`` the judge accepts only biases that are *not* all zero.
    """

    def judge(case: Case, params: Mapping[str, Any]) -> Diff | None:
        dims = case.data["dims"]
        any_bias = False
        for l in range(1, len(dims)):  # noqa: E741 - the course's layer index
            n_in, n_out = dims[l - 1], dims[l]
            for key, shape in ((f"W{l}", (n_out, n_in)), (f"b{l}", (n_out, 1))):
                if key not in params:
                    return Diff(f'parameters["{key}"]', f"an array of shape {shape}", "missing")
                got = np.asarray(params[key], dtype=np.float64)
                if got.shape != shape:
                    return Diff(f'parameters["{key}"] shape', str(shape), str(got.shape))
            b = np.asarray(params[f"b{l}"], dtype=np.float64)
            any_bias |= bool(np.any(b != 0))
            if biases_zero and np.any(b != 0):
                return compare(f'parameters["b{l}"]', np.zeros_like(b), b)
            W = np.asarray(params[f"W{l}"], dtype=np.float64)
            want = std(n_in, n_out)
            if want == 0:
                diff = compare(f'parameters["W{l}"]', np.zeros_like(W), W)
                if diff:
                    return diff
                continue
            if W.size < 200:  # too few draws for a std; the big case judges it
                continue
            # mean and RMS of N draws: 6 standard errors either side
            rms, mean = float(np.sqrt(np.mean(W**2))), float(np.mean(W))
            if not np.all(np.isfinite(W)) or abs(mean) > 6 * want / np.sqrt(W.size):
                return Diff(f'mean of parameters["W{l}"] ({W.size} draws)', "about 0",
                            fmt(mean))
            if abs(rms / want - 1) > 6 / np.sqrt(2 * W.size):
                return Diff(f'standard deviation of parameters["W{l}"] ({W.size} draws)',
                            f"about {want:.4g}", f"{rms:.4g}")
        if not biases_zero and not any_bias:
            return Diff("biases", "not all zero", "all zero")
        return None

    return judge


def _init_spec(name: str, std: Callable[[int, int], float], variants: dict[str, Callable],
               hint: str) -> Spec:
    cases = [Case(f"layers_dims={dims}", (dims,), data={"dims": dims})
             for dims in ([3, 2, 1], [5, 4, 3, 1], [400, 100, 25, 1])]
    return Spec(
        name,
        "3 inputs: layers_dims [3, 2, 1], [5, 4, 3, 1], and [400, 100, 25, 1] whose weights "
        "are judged by their statistics (any random stream passes)",
        cases, _init_judge(std), variants,
        lambda raw, case: as_dict(raw, 'the parameters dict ("W1", "b1", ...)'),
        hint,
    )


def _std(method: str, scale: float = 0.01) -> Callable[[int, int], float]:
    return lambda n_in, n_out: initialization.init_std(method, n_in, n_out, scale)


@cache
def spec_initialize_zeros() -> Spec:
    return _init_spec("initialize_parameters_zeros", _std("zeros"), {},
                      "Every W[l] and b[l] is zeros, shaped (n[l], n[l-1]) and (n[l], 1).")


@cache
def spec_initialize_random() -> Spec:
    std = _std("random", 10.0)
    return _init_spec(
        "initialize_parameters_random", std,
        {"bias-not-zero": _init_judge(std, biases_zero=False)},
        "The assignment draws W[l] from a standard normal times 10 and starts b[l] at zeros.",
    )


@cache
def spec_initialize_he() -> Spec:
    std = _std("he")
    return _init_spec(
        "initialize_parameters_he", std,
        {
            "he-fan-out": _init_judge(lambda n_in, n_out: np.sqrt(2.0 / n_out)),
            "he-lecun-scale": _init_judge(_std("xavier")),
            "he-missing-sqrt": _init_judge(lambda n_in, n_out: 2.0 / n_in),
            "bias-not-zero": _init_judge(std, biases_zero=False),
        },
        "He et al.: W[l] from a normal distribution with the standard deviation of He's rule "
        "for ReLU; b[l] as in the course.",
    )


# --------------------------------------------------------------------------- a 3-layer network


def _network(rng: np.random.Generator, dims: list[int]) -> dict[str, np.ndarray]:
    """Parameters with non-zero biases, scaled so that the ReLU units are partly active."""
    p = {}
    for l in range(1, 4):  # noqa: E741 - the course's layer index
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.normal(size=(dims[l], 1)) * 0.3
    return p


def _labels(rng: np.random.Generator, m: int) -> np.ndarray:
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    Y[0, :2] = [0.0, 1.0]  # both classes present
    return Y


GRAD_KEYS = ("dW1", "db1", "dW2", "db2", "dW3", "db3")


def _grads_compare(want, got):
    return compare_dict("gradients", {k: want[k] for k in GRAD_KEYS}, got)


# --------------------------------------------------------------------------- L2


def _ref_cost_l2(A3, Y, parameters, lambd):
    return compute_cost(A3, Y) + regularization.l2_cost(parameters, lambd, Y.shape[1])


def _cost_l2_variant(factor: Callable[[float, int], float], with_biases: bool = False):
    def variant(A3, Y, parameters, lambd):
        keys = [k for k in parameters if k.startswith("W") or (with_biases and k[0] == "b")]
        total = sum(np.sum(np.square(parameters[k])) for k in keys)
        return compute_cost(A3, Y) + factor(lambd, Y.shape[1]) * total

    return variant


@cache
def spec_cost_l2() -> Spec:
    rng = np.random.default_rng(101)
    cases = []
    for dims, m, lambd in (([3, 4, 2, 1], 5, 0.7), ([4, 5, 3, 1], 7, 0.1)):
        p = _network(rng, dims)
        X = rng.normal(size=(dims[0], m))
        A3 = forward_propagation(X, p)[0]
        cases.append(Case(f"m={m}, lambd={lambd}, layers {dims}", (A3, _labels(rng, m), p, lambd)))
    cmp = lambda want, got: compare("cost", want, got)  # noqa: E731
    return Spec(
        "compute_cost_with_regularization",
        "2 inputs: m=5 and m=7 examples, 3-layer networks with non-zero biases",
        cases, exact(_ref_cost_l2, cmp),
        {
            "l2-missing-half": exact(_cost_l2_variant(lambda lam, m: lam / m), cmp),
            "l2-missing-m": exact(_cost_l2_variant(lambda lam, m: lam / 2), cmp),
            "l2-includes-biases": exact(
                _cost_l2_variant(lambda lam, m: lam / (2 * m), with_biases=True), cmp),
        },
        as_scalar,
        "The cross-entropy cost plus the course's L2 penalty of the weights, "
        "(lambd / 2m) times the sum of their squares.",
    )


def _ref_backward_l2(X, Y, cache_, lambd):
    grads = dict(backward_propagation_n(X, Y, cache_))
    m = X.shape[1]
    for l, W in ((1, cache_[2]), (2, cache_[6]), (3, cache_[10])):  # noqa: E741
        grads[f"dW{l}"] = grads[f"dW{l}"] + regularization.l2_grad(W, lambd, m)
    return grads


def _backward_l2_biases(X, Y, cache_, lambd):
    grads = _ref_backward_l2(X, Y, cache_, lambd)
    m = X.shape[1]
    for l, b in ((1, cache_[3]), (2, cache_[7]), (3, cache_[11])):  # noqa: E741
        grads[f"db{l}"] = grads[f"db{l}"] + lambd / m * b
    return grads


def _judge_l2_gradient_missing(case: Case, got: Any) -> Diff | None:
    """Each dW[l] with or without its L2 term, at least one without (db unchanged)."""
    X, Y, cache_, lambd = case.args
    right = _ref_backward_l2(X, Y, cache_, lambd)
    plain = backward_propagation_n(X, Y, cache_)
    if not isinstance(got, Mapping):
        return Diff("gradients", "a dict", fmt(got))
    missing = 0
    for key in GRAD_KEYS:
        if key not in got:
            return Diff(f'gradients["{key}"]', "an array", "missing")
        if compare(key, right[key], got[key]) is None:
            continue
        diff = compare(key, plain[key], got[key])
        if diff or key.startswith("db"):
            return diff or Diff(key, "the right db", "something else")
        missing += 1
    return None if missing else Diff("dW", "at least one without its L2 term", "none")


@cache
def spec_backward_l2() -> Spec:
    rng = np.random.default_rng(102)
    cases = []
    for dims, m, lambd in (([3, 4, 2, 1], 5, 0.7), ([4, 5, 3, 1], 7, 0.1)):
        p = _network(rng, dims)
        X = rng.normal(size=(dims[0], m))
        cache_ = forward_propagation(X, p)[1]
        cases.append(Case(f"m={m}, lambd={lambd}, layers {dims}",
                          (X, _labels(rng, m), cache_, lambd)))
    return Spec(
        "backward_propagation_with_regularization",
        "2 inputs: m=5 and m=7 examples, 3-layer networks with non-zero biases; "
        "dW1..db3 compared",
        cases, exact(_ref_backward_l2, _grads_compare),
        {
            "l2-gradient-missing": _judge_l2_gradient_missing,
            "l2-includes-biases": exact(_backward_l2_biases, _grads_compare),
        },
        lambda raw, case: as_dict(raw, 'the gradients dict ("dW1", "db1", ...)'),
        "Backprop as without regularization, plus the derivative of the L2 penalty where it "
        "depends on the parameter.",
    )


# --------------------------------------------------------------------------- dropout


_CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def _dropout_normalize(raw: Any, case: Case) -> dict[str, Any]:
    A3, cache_ = as_tuple(raw, (2,), "a pair (A3, cache)")
    if not isinstance(cache_, (tuple, list)) or len(cache_) != 14:
        raise Malformed("cache", f"the assignment's 14-tuple ({', '.join(_CACHE_NAMES)})",
                        fmt(cache_))
    out = dict(zip(_CACHE_NAMES, cache_, strict=True))
    out["A3 returned"] = A3
    for key in ("D1", "D2"):
        D = np.asarray(out[key])
        if D.dtype == object or D.ndim != 2:
            raise Malformed(f"cache mask {key}", "a 2-D array of 0s and 1s", fmt(out[key]))
        out[key] = D.astype(np.float64)
    return out


def _dropout_judge(mode: str) -> Callable:
    """``mode``: "right", "no-rescale", "reversed" (kept share 1 - keep_prob) or "per-unit"."""

    def judge(case: Case, got: dict[str, Any]) -> Diff | None:
        X, p, kp = case.args
        m = X.shape[1]
        D = {}
        for key, n in (("D1", p["W1"].shape[0]), ("D2", p["W2"].shape[0])):
            Dk = got[key]
            ok = {(n, m), (n, 1)} if mode == "per-unit" else {(n, m)}
            if Dk.shape not in ok:
                return Diff(f"cache mask {key} shape", str((n, m)), str(Dk.shape))
            if not np.all((Dk == 0) | (Dk == 1)):
                return Diff(f"cache mask {key} values", "0 or 1 (or False/True)",
                            fmt(np.unique(Dk)[:4]))
            D[key] = np.broadcast_to(Dk, (n, m))
            same_columns = bool(np.all(D[key] == D[key][:, :1]))
            if mode == "per-unit" and not same_columns:
                return Diff(f"cache mask {key}", "one value per unit", "a value per entry")
            if mode != "per-unit" and case.data["stat"] and same_columns:
                return Diff(f"cache mask {key}", "its own mask for each example",
                            "the same mask for every example")
        if mode != "per-unit":
            masks = np.concatenate([D["D1"].ravel(), D["D2"].ravel()])
            share = float(masks.mean())
            want = 1 - kp if mode == "reversed" else kp
            tol = 6 * np.sqrt(want * (1 - want) / masks.size) + 1e-12
            if abs(share - want) > tol:
                return Diff(f"share of units kept ({masks.size} mask entries)",
                            f"about {want:g}", f"{share:.3f}")
        scale = 1.0 if mode == "no-rescale" else kp
        Z1 = p["W1"] @ X + p["b1"]
        A1 = relu(Z1) * D["D1"] / scale
        Z2 = p["W2"] @ A1 + p["b2"]
        A2 = relu(Z2) * D["D2"] / scale
        Z3 = p["W3"] @ A2 + p["b3"]
        A3 = sigmoid(Z3)
        return first(
            compare("A3 (given your masks)", A3, got["A3 returned"]),
            *(compare(f"cache {k} (given your masks)", v, got[k])
              for k, v in (("Z1", Z1), ("A1", A1), ("Z2", Z2), ("A2", A2), ("Z3", Z3),
                           ("A3", A3))),
        )

    return judge


@cache
def spec_forward_dropout() -> Spec:
    rng = np.random.default_rng(103)
    cases = []
    for dims, m, kp, stat in (([3, 4, 3, 1], 4, 1.0, False), ([3, 5, 4, 1], 6, 0.7, False),
                              ([5, 40, 30, 1], 200, 0.8, True)):
        cases.append(Case(f"keep_prob={kp}, X {(dims[0], m)}, layers {dims}",
                          (rng.normal(size=(dims[0], m)), _network(rng, dims), kp),
                          data={"stat": stat}))
    return Spec(
        "forward_propagation_with_dropout",
        "3 inputs: keep_prob=1, a small batch, and 14,000 mask entries whose kept share is "
        "judged; A3 and the cache recomputed from your own masks (any random stream passes)",
        cases, _dropout_judge("right"),
        {
            "dropout-no-rescale": _dropout_judge("no-rescale"),
            "dropout-mask-reversed": _dropout_judge("reversed"),
            "dropout-one-mask-per-unit": _dropout_judge("per-unit"),
        },
        _dropout_normalize,
        "Inverted dropout on A1 and A2: a mask D of 0s and 1s with P(1) = keep_prob, A * D, "
        "then the rescaling; the cache holds the masks and the dropped-out activations.",
    )


def _dropout_backward_ref(rescale: bool):
    def backward(X, Y, cache_, keep_prob):
        (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache_
        m = X.shape[1]
        kp = keep_prob if rescale else 1.0
        dZ3 = A3 - Y
        dW3 = 1.0 / m * dZ3 @ A2.T
        db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
        dA2 = regularization.dropout_backward(W3.T @ dZ3, D2, kp)
        dZ2 = dA2 * (A2 > 0)
        dW2 = 1.0 / m * dZ2 @ A1.T
        db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
        dA1 = regularization.dropout_backward(W2.T @ dZ2, D1, kp)
        dZ1 = dA1 * (A1 > 0)
        dW1 = 1.0 / m * dZ1 @ X.T
        db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}

    return backward


def _dropout_cache(rng, X, p, kp):
    Z1 = p["W1"] @ X + p["b1"]
    A1, D1 = regularization.dropout_forward(relu(Z1), kp, rng=rng)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2, D2 = regularization.dropout_forward(relu(Z2), kp, rng=rng)
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = sigmoid(Z3)
    return (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"],
            p["b3"])


@cache
def spec_backward_dropout() -> Spec:
    rng = np.random.default_rng(104)
    cases = []
    for dims, m, kp in (([3, 4, 3, 1], 5, 0.8), ([4, 6, 5, 1], 7, 0.5)):
        X, p = rng.normal(size=(dims[0], m)), _network(rng, dims)
        cases.append(Case(f"keep_prob={kp}, m={m}, layers {dims}",
                          (X, _labels(rng, m), _dropout_cache(rng, X, p, kp), kp)))
    return Spec(
        "backward_propagation_with_dropout",
        "2 inputs: keep_prob=0.8 and 0.5, caches with fixed masks; dW1..db3 compared",
        cases, exact(_dropout_backward_ref(True), _grads_compare),
        {"dropout-no-rescale": exact(_dropout_backward_ref(False), _grads_compare)},
        lambda raw, case: as_dict(raw, 'the gradients dict ("dW1", "db1", ...)'),
        "dA1 and dA2 go through the same masks, and the same rescaling, as in the forward pass.",
    )


# --------------------------------------------------------------------------- gradient checking


def _gradcheck_ref(one_sided: bool = False, normalized: bool = True):
    def reference(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False, *,
                  forward_propagation_n=forward_propagation_n):
        theta, _ = dictionary_to_vector(parameters)
        grad = gradients_to_vector(gradients)

        def J(th: np.ndarray) -> float:
            return float(forward_propagation_n(X, Y, vector_to_dictionary(th))[0])

        if one_sided:
            J0 = J(theta)
            approx = np.zeros_like(theta)
            for i in range(theta.shape[0]):
                plus = np.copy(theta)
                plus[i] += epsilon
                approx[i] = (J(plus) - J0) / epsilon
        else:
            approx = gradcheck.numerical_gradient(J, theta, epsilon=epsilon)
        if normalized:
            return gradcheck.relative_error(grad, approx)
        return float(np.linalg.norm(grad - approx))

    return reference


def _scaled_forward(scale: float):
    """``forward_propagation_n`` with the cost multiplied by ``scale`` (a different J)."""

    def forward(X, Y, parameters):
        cost, cache_ = forward_propagation_n(X, Y, parameters)
        return scale * cost, cache_

    return forward


@cache
def spec_gradient_check() -> Spec:
    rng = np.random.default_rng(105)
    cases = []
    for label, scale, wrong in (("right gradients", 1.0, False),
                                ("gradients with two bugs (dW2 doubled, db1 times 4)", 1.0,
                                 True),
                                ("right gradients of a cost 30 times larger", 30.0, False)):
        X, Y = rng.normal(size=(4, 3)), np.array([[1.0, 1.0, 0.0]])
        theta = rng.normal(size=(47, 1)) * 0.8
        p = vector_to_dictionary(theta)
        _, cache_ = forward_propagation_n(X, Y, p)
        g = {k: v * scale for k, v in backward_propagation_n(X, Y, cache_).items()}
        if wrong:
            g["dW2"], g["db1"] = 2 * g["dW2"], 4 * g["db1"]
        cases.append(Case(f"{label}, epsilon=1e-4, the assignment's 47-parameter network",
                          (p, g, X, Y),
                          {"epsilon": 1e-4, "print_msg": False,
                           "forward_propagation_n": _scaled_forward(scale)}))
    # below 1e-8 every difference means "backprop is right"; round-off is far smaller than that
    cmp = lambda want, got: compare("difference", want, got, rtol=1e-5, atol=1e-8)  # noqa: E731
    return Spec(
        "gradient_check_n",
        "3 inputs, each passing forward_propagation_n= by keyword: right gradients, "
        "gradients with the assignment's two bugs, and a cost scaled by 30",
        cases, exact(_gradcheck_ref(), cmp),
        {
            "gradcheck-forward-difference": exact(_gradcheck_ref(one_sided=True), cmp),
            "gradcheck-unnormalized": exact(_gradcheck_ref(normalized=False), cmp),
        },
        as_scalar,
        "gradapprox[i] from J at theta +- epsilon on coordinate i (calling the "
        "forward_propagation_n you are given, by keyword), then the course's relative "
        "difference.",
    )

