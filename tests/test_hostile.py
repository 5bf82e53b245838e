"""Hostile input (issue 12): nothing silent, nothing cryptic, nothing that blows up unsaid.

Every public name of every ``dlnotes`` module (its ``__all__``) and of ``dlnotes.viz`` has an
entry in :data:`HOSTILE`. An entry is either a list of :class:`Case` (a valid call, and the
arguments to corrupt) or a sentence saying why there is nothing to call (a constant, a result
type) and where it is exercised. Each argument of a case is corrupted with every family of its
kind (:data:`ARRAY_FAMILIES`, :data:`NUMBER_FAMILIES`, :data:`DICT_FAMILIES`,
:data:`INSTANCE_FAMILIES`), one at a time, and the outcome must be one of

- a right, finite answer (for a list instead of an array: the array's answer), or
- a ``ValueError`` or ``TypeError`` whose message names the argument, in at most
  :data:`MAX_MESSAGE` characters (summarized, never an array dump), or
- for a training that the corrupted value makes diverge (``lambd=1e300``), and only where the
  case lists it in ``diverges``: a :class:`dlnotes.nn.DivergenceWarning` of at most
  :data:`MAX_MESSAGE` characters that names the cure,

and never another warning (RuntimeWarning, ComplexWarning, ...), another exception, or a NaN.

``test_every_public_name_is_covered`` fails when a public name has no entry, so a new public
function must join the table.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import pkgutil
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import dlnotes
from dlnotes import (
    activations,
    batchnorm,
    datasets,
    diagnosis,
    ewa,
    experiments,
    gradcheck,
    health,
    initialization,
    nn,
    optim,
    regularization,
    schedules,
    softmax,
    surfaces,
    sweeps,
    tuning,
)
from dlnotes import check as dcheck
from dlnotes import viz as viz_pkg

MAX_MESSAGE = 300

# --------------------------------------------------------------------------- the families


def _set_first(a: np.ndarray, value: float) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    if a.size:
        a.flat[0] = value
    return a


def _empty(a: Any) -> np.ndarray:
    a = np.asarray(a)
    return np.empty((a.shape[0], 0)) if a.ndim == 2 else np.empty((0,) * max(a.ndim, 1))


def _other_rank(a: Any) -> np.ndarray:
    a = np.asarray(a)
    return a.ravel() if a.ndim >= 2 else np.asarray(a)[None, None]


# family -> (corrupt(valid value), may it succeed with a finite answer?)
ARRAY_FAMILIES: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "nan": (lambda a: _set_first(a, np.nan), False),
    "inf": (lambda a: _set_first(a, np.inf), False),
    "empty": (_empty, True),
    "rank": (_other_rank, True),
    "complex": (lambda a: np.asarray(a, dtype=np.float64) + 1j, False),
    "strings": (lambda a: np.asarray(a).astype(str), False),
    "objects": (lambda a: np.asarray(a, dtype=object), True),
    "none": (lambda a: None, False),
    "list": (lambda a: np.asarray(a).tolist(), True),
}
NUMBER_FAMILIES: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "nan": (lambda v: math.nan, False),
    "inf": (lambda v: math.inf, False),
    "negative": (lambda v: -1.0 if isinstance(v, float) else -1, True),
    "huge": (lambda v: 1e300 if isinstance(v, float) else 10**5, True),
    "string": (lambda v: str(v), False),
    "complex": (lambda v: complex(v, 1.0), False),
    "none": (lambda v: None, False),
    "array": (lambda v: np.full((2, 2), v), True),
}
DICT_FAMILIES: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "missing key": (lambda d: dict(list(d.items())[1:]), True),
    "extra key": (lambda d: {**d, "zz": next(iter(d.values()))}, True),
    "misspelt key": (lambda d: {(k.lower() if i == 0 else k): v
                                for i, (k, v) in enumerate(d.items())}, True),
    "int key": (lambda d: dict(enumerate(d.values(), start=1)), False),
    "list": (lambda d: list(d.values()), False),
    "none": (lambda d: None, False),
    "complex values": (lambda d: {k: np.asarray(v) + 1j for k, v in d.items()}, False),
}
INSTANCE_FAMILIES: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "class": (lambda obj: type(obj), False),
    "none": (lambda obj: None, False),
    "string": (lambda obj: "oops", False),
}


@dataclass
class Case:
    """One valid call of a public name, and which of its arguments to corrupt."""

    call: Callable[..., Any]
    valid: Callable[[], dict[str, Any]]
    arrays: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dicts: tuple[str, ...] = ()
    instances: tuple[str, ...] = ()
    # (argument, family) pairs where success is fine although the family says otherwise
    lenient: frozenset[tuple[str, str]] = frozenset()
    # for expensive explorers: every corruption must be refused up front
    must_raise: bool = False
    # (argument, family) pairs where a training that diverges and says so (DivergenceWarning)
    # is the answer: lambd=1e300 is a valid, hopeless, hyperparameter
    diverges: frozenset[tuple[str, str]] = frozenset()
    # a name the messages use for an argument, if not the argument's own
    says: dict[str, str] = field(default_factory=dict)
    # families not tried: an explorer given 10**5 epochs would train for an hour, as asked
    without: frozenset[str] = frozenset()

    def variants(self):
        groups = ((self.arrays, ARRAY_FAMILIES), (self.numbers, NUMBER_FAMILIES),
                  (self.dicts, DICT_FAMILIES), (self.instances, INSTANCE_FAMILIES))
        for names, families in groups:
            for arg in names:
                for family, (corrupt, may_succeed) in families.items():
                    if family not in self.without:
                        yield arg, family, corrupt, may_succeed


# --------------------------------------------------------------------------- checking


def _finite(x: Any) -> bool:
    """Every number reachable in ``x`` (arrays, floats, tuples, dicts) is finite."""
    if isinstance(x, (bool, str, type(None))):
        return True
    if isinstance(x, (int, float, np.number)):
        return bool(np.isfinite(x))
    if isinstance(x, np.ndarray):
        return not np.issubdtype(x.dtype, np.number) or bool(np.all(np.isfinite(x)))
    if isinstance(x, Mapping):
        return all(_finite(v) for v in x.values())
    if isinstance(x, (tuple, list)):
        return all(_finite(v) for v in x)
    return True  # artists, explorers, functions


def _same(a: Any, b: Any) -> bool:
    try:
        if isinstance(a, Mapping):
            return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
        if isinstance(a, (tuple, list)) and not isinstance(a, str):
            return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
        if isinstance(a, (np.ndarray, float, int, np.number)):
            return bool(np.array_equal(a, b, equal_nan=True))
        return True  # artists and the like: drawing them is the answer
    except Exception:
        return False


def _run(call: Callable[..., Any], kwargs: dict[str, Any]) -> tuple[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return "ok", call(**kwargs)
        except (ValueError, TypeError) as exc:
            return "refused", exc
        except nn.DivergenceWarning as exc:  # raised: warnings are errors here
            return "diverged", exc
        except Exception as exc:  # noqa: BLE001 - anything else is what we look for
            return "crashed", exc


def _problems(name: str, case: Case) -> list[str]:
    out = []
    baseline_status, baseline = _run(case.call, case.valid())
    if baseline_status != "ok":
        return [f"{name}: the valid call fails: {baseline!r}"]
    for arg, family, corrupt, may_succeed in case.variants():
        kwargs = case.valid()
        kwargs[arg] = corrupt(kwargs[arg])
        status, result = _run(case.call, kwargs)
        where = f"{name}({arg}=<{family}>)"
        if status == "crashed":
            out.append(f"{where}: {type(result).__name__}: {str(result)[:200]}")
        elif status == "diverged":
            msg = str(result)
            if (arg, family) not in case.diverges:
                out.append(f"{where}: unexpected DivergenceWarning: {msg[:200]}")
            if len(msg) > MAX_MESSAGE or "Try a smaller learning rate" not in msg:
                out.append(f"{where}: the divergence warning names no cure or is long: {msg}")
        elif status == "refused":
            msg = str(result)
            said = case.says.get(arg, arg)
            if said not in msg:
                out.append(f"{where}: message does not name {said!r}: {msg[:200]}")
            if len(msg) > MAX_MESSAGE:
                out.append(f"{where}: message of {len(msg)} characters")
        else:
            allowed = (arg, family) in case.lenient
            if (case.must_raise and not allowed) or not (may_succeed or allowed):
                out.append(f"{where}: accepted, returned {type(result).__name__}")
            elif not _finite(result):
                out.append(f"{where}: returned a non-finite answer")
            elif family == "list" and not _same(result, baseline):
                out.append(f"{where}: a list gives another answer than the array")
    return out


# --------------------------------------------------------------------------- valid inputs


def rng() -> np.random.Generator:
    return np.random.default_rng(0)


def A(*shape: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape)


def onehot() -> np.ndarray:
    return np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0]])


def params() -> dict[str, np.ndarray]:
    return {"W1": A(3, 2), "b1": A(3, 1, seed=1), "W2": A(1, 3, seed=2), "b2": A(1, 1, seed=3)}


def grads() -> dict[str, np.ndarray]:
    return {"d" + k: v * 0.1 + 0.05 for k, v in params().items()}


def _quadratic_cost(p: Mapping[str, np.ndarray]) -> float:
    return float(sum(np.sum(v**2) for v in p.values()))


def _bn_cache() -> batchnorm.BatchNormCache:
    return batchnorm.batchnorm_forward(A(3, 5), np.ones((3, 1)), np.zeros((3, 1)))[1]


def _optimizer_cases(cls: type, **hyper: Any) -> list[Case]:
    numbers = tuple(hyper)

    def construct(**kw: Any) -> Any:
        return cls(**kw)

    def update(opt: Any, params: Any, grads: Any, state: Any) -> Any:
        return opt.update(params, grads, state)

    def valid_update() -> dict[str, Any]:
        opt = cls(**hyper)
        return {"opt": opt, "params": params(), "grads": grads(), "state": opt.init(params())}

    return [
        Case(construct, lambda: dict(hyper), numbers=numbers,
             lenient=frozenset({(n, "huge") for n in numbers})),
        Case(update, valid_update, dicts=("params", "grads"), instances=("state",),
             says={"opt": "optimizer"}),
    ]


def _explorer(factory: Callable[..., Any], valid: dict[str, Any], numbers: tuple[str, ...],
              **kw: Any) -> Case:
    return Case(lambda **k: factory(**k), lambda: dict(valid), numbers=numbers,
                must_raise=True, without=frozenset({"huge"}), **kw)


def _curves():
    from dlnotes.viz.minibatch import cost_curves
    return cost_curves(rng=rng())


def _model() -> nn.Model:
    X = A(2, 20)
    Y = (X[:1] > 0).astype(float)
    return nn.train(X, Y, [2, 3, 1], optimizer=optim.GradientDescent(0.1), epochs=2, rng=rng())


def _paths() -> dict[str, optim.OptimizationPath]:
    return {"GD": optim.optimize_path(optim.GradientDescent(0.1), optim.RAVINE, steps=5)}


def labels(m: int = 4) -> np.ndarray:
    """0/1 labels ``(1, m)`` for the sigmoid network of :func:`params`."""
    return (np.arange(m) % 2)[None].astype(float)


def _caches() -> list[nn.LayerCache]:
    return nn.forward(params(), A(2, 4))[1]


def _train_data(m: int = 20) -> dict[str, Any]:
    X = A(2, m)
    return {"X": X, "Y": (X[:1] > 0).astype(float)}


def _train_valid() -> dict[str, Any]:
    return {**_train_data(), "layer_dims": [2, 3, 1], "optimizer": optim.GradientDescent(0.1),
            "epochs": 2, "mini_batch_size": 8, "lambd": 0.1, "keep_prob": 0.9,
            "init": "he", "init_scale": 0.01, "hidden_activation": "relu", "bn_momentum": 0.9,
            "eval_every": 1, "rng": rng()}


TRAIN_NUMBERS = ("mini_batch_size", "lambd", "keep_prob", "init_scale", "bn_momentum",
                 "eval_every")
# lambd = 1e300 is a valid but hopeless L2 strength: the training diverges, and says so
TRAIN_DIVERGES = frozenset({("lambd", "huge")})
# None is the default of these: full-batch training, about 100 evaluations
TRAIN_DEFAULTS = frozenset({("mini_batch_size", "none"), ("eval_every", "none")})


# --------------------------------------------------------------------------- the table

NAMED_TUPLE = "a result type (NamedTuple) built by the package; exercised through {}"
CONSTANT = "a constant, nothing to call"

HOSTILE: dict[str, dict[str, list[Case] | str]] = {}

HOSTILE["activations"] = {
    "relu": [Case(activations.relu, lambda: {"Z": A(3, 4)}, arrays=("Z",))],
    "tanh": [Case(activations.tanh, lambda: {"Z": A(3, 4)}, arrays=("Z",))],
    "relu_backward": [Case(activations.relu_backward, lambda: {"dA": A(3, 4), "A": A(3, 4, seed=1)},
                           arrays=("dA", "A"))],
}

HOSTILE["batchnorm"] = {
    "batchnorm_forward": [Case(batchnorm.batchnorm_forward,
                               lambda: {"Z": A(3, 5), "gamma": np.ones((3, 1)),
                                        "beta": np.zeros((3, 1)), "epsilon": 1e-5},
                               arrays=("Z", "gamma", "beta"), numbers=("epsilon",))],
    "batchnorm_as_in_notes": [Case(batchnorm.batchnorm_as_in_notes,
                                   lambda: {"Z": A(3, 5), "gamma": np.ones((3, 1)),
                                            "beta": np.zeros((3, 1)), "epsilon": 1e-5},
                                   arrays=("Z", "gamma", "beta"), numbers=("epsilon",))],
    "batchnorm_backward": [Case(batchnorm.batchnorm_backward,
                                lambda: {"dZ_tilde": A(3, 5, seed=2), "cache": _bn_cache()},
                                arrays=("dZ_tilde",), instances=("cache",))],
    "batchnorm_inference": [Case(batchnorm.batchnorm_inference,
                                 lambda: {"Z": A(3, 5), "gamma": np.ones((3, 1)),
                                          "beta": np.zeros((3, 1)),
                                          "running_mean": np.zeros((3, 1)),
                                          "running_var": np.ones((3, 1)), "epsilon": 1e-5},
                                 arrays=("Z", "gamma", "beta", "running_mean", "running_var"),
                                 numbers=("epsilon",))],
    "init_running_stats": [Case(batchnorm.init_running_stats, lambda: {"n": 3}, numbers=("n",))],
    "update_running_stats": [Case(batchnorm.update_running_stats,
                                  lambda: {"running_mean": np.zeros((3, 1)),
                                           "running_var": np.ones((3, 1)),
                                           "mu": A(3, 1), "var": np.full((3, 1), 2.0),
                                           "momentum": 0.9, "m": 8},
                                  arrays=("running_mean", "running_var", "mu", "var"),
                                  numbers=("momentum", "m"),
                                  lenient=frozenset({("m", "none")}))],  # m=None: no correction
}

HOSTILE["datasets"] = {
    "DIGITS_PATH": CONSTANT,
    "DIGITS_SHA256": CONSTANT,
    "football_bayes_error": [Case(datasets.football_bayes_error,
                                  lambda: dict(zip("XY", datasets.make_football(20, rng=rng()),
                                                   strict=True)),
                                  arrays=("X", "Y"))],
    "football_border": [Case(datasets.football_border, lambda: {"x1": np.linspace(-1, 1, 5)},
                             arrays=("x1",))],
    "labels_from_one_hot": [Case(datasets.labels_from_one_hot, lambda: {"Y": onehot()},
                                 arrays=("Y",))],
    "load_digits": [Case(datasets.load_digits, lambda: {"path": None},
                         instances=(), lenient=frozenset())],
    "make_football": [Case(datasets.make_football, lambda: {"m": 10, "noise": 0.1, "rng": rng()},
                           numbers=("m", "noise"), instances=("rng",))],
    "make_moons": [Case(datasets.make_moons, lambda: {"m": 10, "noise": 0.1, "rng": rng()},
                        numbers=("m", "noise"), instances=("rng",))],
    "make_temperature_series": [Case(datasets.make_temperature_series,
                                     lambda: {"days": 30, "noise": 5.0, "rng": rng()},
                                     numbers=("days", "noise"), instances=("rng",))],
    "one_hot": [Case(datasets.one_hot, lambda: {"labels": np.array([[0, 1, 2, 1]]), "C": 3},
                     arrays=("labels",), numbers=("C",))],
    "train_dev_test_split": [Case(datasets.train_dev_test_split,
                                  lambda: {"X": A(2, 10), "Y": onehot().repeat(3, axis=1)[:, :10],
                                           "fractions": (0.6, 0.2, 0.2), "rng": rng()},
                                  arrays=("X", "Y", "fractions"), instances=("rng",))],
}

HOSTILE["diagnosis"] = {
    "Diagnosis": NAMED_TUPLE.format("diagnose"),
    "diagnose": [Case(diagnosis.diagnose,
                      lambda: {"train_error": 0.1, "dev_error": 0.2, "bayes_error": 0.05,
                               "threshold": 0.01},
                      numbers=("train_error", "dev_error", "bayes_error", "threshold"))],
}

HOSTILE["ewa"] = {
    "bias_correction": [Case(ewa.bias_correction, lambda: {"v": A(3), "beta": 0.9, "t": 3},
                             arrays=("v",), numbers=("beta", "t"))],
    "effective_window": [Case(ewa.effective_window, lambda: {"beta": 0.9}, numbers=("beta",))],
    "ewa": [Case(ewa.ewa, lambda: {"theta": A(10), "beta": 0.9}, arrays=("theta",),
                 numbers=("beta",))],
    "ewa_as_in_notes": [Case(ewa.ewa_as_in_notes, lambda: {"theta": A(10), "beta": 0.9},
                             arrays=("theta",), numbers=("beta",))],
    "ewa_step": [Case(ewa.ewa_step, lambda: {"v": A(3), "theta": A(3, seed=1), "beta": 0.9},
                      arrays=("v", "theta"), numbers=("beta",))],
    "startup_bias": [Case(ewa.startup_bias, lambda: {"beta": 0.9, "t": np.arange(1, 6)},
                          arrays=("t",), numbers=("beta",))],
}

HOSTILE["gradcheck"] = {
    "check_gradients": [Case(gradcheck.check_gradients,
                             lambda: {"cost": _quadratic_cost, "params": params(),
                                      "grads": {"d" + k: 2 * v for k, v in params().items()},
                                      "epsilon": 1e-7},
                             dicts=("params", "grads"), numbers=("epsilon",),
                             instances=("cost",))],
    "numerical_gradient": [Case(gradcheck.numerical_gradient,
                                lambda: {"f": lambda x: float(np.sum(x**2)), "x": A(2, 2),
                                         "epsilon": 1e-7},
                                arrays=("x",), numbers=("epsilon",), instances=("f",))],
    "relative_error": [Case(gradcheck.relative_error,
                            lambda: {"grad": A(2, 3), "grad_approx": A(2, 3, seed=1)},
                            arrays=("grad", "grad_approx"))],
}

HOSTILE["initialization"] = {
    "METHODS": CONSTANT,
    "init_std": [Case(initialization.init_std,
                      lambda: {"method": "he", "n_in": 3, "n_out": 2, "scale": 0.01},
                      numbers=("n_in", "n_out", "scale"), instances=("method",))],
    "initialize_parameters": [Case(initialization.initialize_parameters,
                                   lambda: {"layer_dims": [2, 3, 1], "method": "he",
                                            "rng": rng(), "scale": 0.01},
                                   arrays=("layer_dims",), numbers=("scale",),
                                   instances=("rng", "method"))],
}

HOSTILE["optim"] = {
    "RAVINE": CONSTANT,
    "ROSENBROCK": CONSTANT,
    "SADDLE": CONSTANT,
    "Adam": _optimizer_cases(optim.Adam, learning_rate=0.01, beta1=0.9, beta2=0.999,
                             epsilon=1e-8),
    "AdamW": _optimizer_cases(optim.AdamW, learning_rate=0.01, weight_decay=0.01),
    "GradientDescent": _optimizer_cases(optim.GradientDescent, learning_rate=0.1),
    "Momentum": _optimizer_cases(optim.Momentum, learning_rate=0.1, beta=0.9),
    "Nesterov": _optimizer_cases(optim.Nesterov, learning_rate=0.1, beta=0.9),
    "RMSprop": _optimizer_cases(optim.RMSprop, learning_rate=0.01, beta=0.9, epsilon=1e-8),
    "AdamState": NAMED_TUPLE.format("Adam.update and AdamW.update"),
    "GradientDescentState": NAMED_TUPLE.format("GradientDescent.update"),
    "MomentumState": NAMED_TUPLE.format("Momentum.update and Nesterov.update"),
    "RMSpropState": NAMED_TUPLE.format("RMSprop.update"),
    "OptimizationPath": NAMED_TUPLE.format("optimize_path"),
    "Surface": NAMED_TUPLE.format("RAVINE and optimize_path"),
    "optimize_path": [Case(optim.optimize_path,
                           lambda: {"optimizer": optim.Adam(0.1), "surface": optim.RAVINE,
                                    "start": np.array([1.0, 1.0]), "steps": 5,
                                    "max_norm": 1e6},
                           arrays=("start",), numbers=("steps", "max_norm"),
                           instances=("optimizer", "surface"),
                           lenient=frozenset({("start", "none")}))],  # None: the surface's
    "random_mini_batches": [Case(optim.random_mini_batches,
                                 lambda: {"X": A(2, 10), "Y": A(1, 10), "mini_batch_size": 4,
                                          "rng": rng()},
                                 arrays=("X", "Y"), numbers=("mini_batch_size",),
                                 instances=("rng",))],
}

HOSTILE["surfaces"] = {  # the same objects, re-exported by optim: the same entries
    name: HOSTILE["optim"][name] for name in surfaces.__all__ if name in HOSTILE["optim"]
}
HOSTILE["surfaces"]["RAVINE_DATA"] = CONSTANT

def _train_many_valid() -> dict[str, Any]:
    kw = _train_valid()
    del kw["rng"], kw["mini_batch_size"]  # mini-batches need a data_rng: one case without
    return {**kw, "rngs": [rng(), np.random.default_rng(1)]}


def _objective_valid() -> dict[str, Any]:
    dev = _train_data(10)
    return {**_train_data(), "X_dev": dev["X"], "Y_dev": dev["Y"], "layer_dims": [2, 3, 1],
            "optimizer": optim.Adam(0.01), "epochs": 2, "rng": rng(), "lambd": 0.1,
            "keep_prob": 1.0, "init_scale": 0.01}


HOSTILE["sweeps"] = {
    "Sweep": NAMED_TUPLE.format("train_many"),
    "train_many": [Case(sweeps.train_many, _train_many_valid, arrays=("X", "Y", "layer_dims"),
                        numbers=("lambd", "keep_prob", "init_scale", "bn_momentum",
                                 "eval_every"),
                        instances=("optimizer", "rngs", "hidden_activation", "init"),
                        lenient=TRAIN_DEFAULTS)],
    "sweep_objective": [Case(sweeps.sweep_objective, _objective_valid,
                             arrays=("X", "Y", "X_dev", "Y_dev", "layer_dims"),
                             numbers=("lambd", "keep_prob", "init_scale"),
                             instances=("optimizer", "rng")),
                        Case(lambda **k: sweeps.sweep_objective(**k)(learning_rate=0.1),
                             _objective_valid, numbers=("epochs",),
                             without=frozenset({"huge"}))],
}
HOSTILE["gradcheck"]["cost_function"] = [
    Case(gradcheck.cost_function,
         lambda: {"X": A(2, 4), "Y": labels(), "hidden_activation": "tanh", "lambd": 0.1,
                  "keep_prob": 0.9, "rng": rng()},
         arrays=("X", "Y"), numbers=("lambd", "keep_prob"),
         instances=("hidden_activation", "rng")),
    Case(lambda params: gradcheck.cost_function(A(2, 4), labels(), lambd=0.1)(params),
         lambda: {"params": params()}, dicts=("params",)),
    Case(lambda params: gradcheck.cost_function(A(2, 4), labels()).gradients(params),
         lambda: {"params": params()}, dicts=("params",)),
]
HOSTILE["experiments"] = {
    "CostCurve": NAMED_TUPLE.format("cost_curves"),
    "InitPass": NAMED_TUPLE.format("init_pass"),
    "layer_activations": [
        Case(experiments.layer_activations,
             lambda: {"model": params(), "X": A(2, 4), "hidden_activation": "tanh"},
             arrays=("X",), dicts=("model",), instances=("hidden_activation",)),
        Case(experiments.layer_activations, lambda: {"model": _model(), "X": A(2, 4)},
             arrays=("X",), instances=("model",)),
    ],
    "init_pass": [
        Case(experiments.init_pass,
             lambda: {"X": A(3, 6), "Y": labels(6), "depth": 3, "method": "random",
                      "activation": "tanh", "scale": 1.0, "rng": rng()},
             arrays=("X", "Y"), numbers=("scale",), instances=("method", "activation", "rng")),
        Case(experiments.init_pass,  # 10**5 layers would run, as asked, for a long while
             lambda: {"X": A(3, 6), "Y": labels(6), "depth": 3, "rng": rng()},
             numbers=("depth",), without=frozenset({"huge"})),
    ],
    "train_l1": [
        Case(experiments.train_l1,
             lambda: {**_train_data(), "layer_dims": [2, 3, 1], "lambd": 0.5,
                      "learning_rate": 0.1, "epochs": 3, "rng": rng(), "method": "subgradient"},
             arrays=("X", "Y", "layer_dims"), numbers=("lambd", "learning_rate"),
             instances=("rng", "method")),
        Case(experiments.train_l1,
             lambda: {**_train_data(), "layer_dims": [2, 3, 1], "lambd": 0.5,
                      "learning_rate": 0.1, "epochs": 3, "rng": rng(), "init": "xavier"},
             numbers=("epochs",), instances=("init",), without=frozenset({"huge"})),
    ],
    "cost_curves": [
        Case(experiments.cost_curves,
             lambda: {**_train_data(), "sizes": [20, 8], "layer_dims": [2, 3, 1],
                      "learning_rate": 0.3, "iterations": 5, "rng": rng()},
             arrays=("X", "Y", "sizes", "layer_dims"), numbers=("learning_rate",),
             instances=("rng",),  # None: the defaults (512 moons, [n_x, 16, 1], ...)
             lenient=frozenset({("sizes", "none"), ("layer_dims", "none"), ("rng", "none")})),
        Case(experiments.cost_curves,
             lambda: {**_train_data(), "sizes": [20, 8], "iterations": 5, "rng": rng()},
             numbers=("iterations",), without=frozenset({"huge"})),
    ],
    "train_recording": [
        Case(lambda **k: experiments.train_recording(**k, epochs=2),
             lambda: {**_train_data(), "layer_dims": [2, 3, 1], "X_probe": A(2, 5),
                      "batchnorm": True, "rng": rng(), "optimizer": optim.Adam(0.01),
                      "lambd": 0.1},
             arrays=("X", "Y", "layer_dims", "X_probe"), numbers=("lambd",),
             instances=("rng", "optimizer"), diverges=TRAIN_DIVERGES),
        Case(lambda **k: experiments.train_recording(
                 A(2, 20), (A(2, 20)[:1] > 0).astype(float), [2, 3, 1], A(2, 5),
                 batchnorm=False, rng=rng(), optimizer=optim.Adam(0.01), epochs=2, **k),
             lambda: {"mini_batch_size": 8}, numbers=("mini_batch_size",),
             lenient=TRAIN_DEFAULTS),
    ],
    "true_class_probability": [
        Case(experiments.true_class_probability,
             lambda: {"params": initialization.initialize_parameters([2, 3, 2], rng=rng()),
                      "X": A(2, 4), "Y": onehot(), "hidden_activation": "relu"},
             arrays=("X", "Y"), dicts=("params",), instances=("hidden_activation",)),
    ],
}
HOSTILE["health"] = {
    "SATURATION": CONSTANT,
    "TrainingHealth": NAMED_TUPLE.format("plot_update_ratios"),
}
HOSTILE["check"] = {
    "CATALOGUE": CONSTANT,
    "CHECKERS": CONSTANT,
    "Result": "a result type of the checkers; exercised in tests/test_check.py",
    "helpers": "a module of reference helpers re-exported by dlnotes.check; nothing to call",
}


def _reg(fn: Callable[..., Any], valid: Callable[[], dict[str, Any]], **kw: Any) -> list[Case]:
    return [Case(fn, valid, **kw)]


HOSTILE["regularization"] = {
    "dropout_forward": _reg(regularization.dropout_forward,
                            lambda: {"A": A(3, 4), "keep_prob": 0.8, "rng": rng()},
                            arrays=("A",), numbers=("keep_prob",), instances=("rng",)),
    "dropout_backward": _reg(regularization.dropout_backward,
                             lambda: {"dA": A(3, 4), "D": (A(3, 4, seed=1) > 0).astype(float),
                                      "keep_prob": 0.8},
                             arrays=("dA", "D"), numbers=("keep_prob",)),
    "frobenius_norm": _reg(regularization.frobenius_norm, lambda: {"W": A(3, 4)}, arrays=("W",)),
    "matrix_norms": _reg(regularization.matrix_norms, lambda: {"W": A(3, 4)}, arrays=("W",)),
    "l1_cost": _reg(regularization.l1_cost, lambda: {"params": params(), "lambd": 0.1, "m": 4},
                    dicts=("params",), numbers=("lambd", "m")),
    "l2_cost": _reg(regularization.l2_cost, lambda: {"params": params(), "lambd": 0.1, "m": 4},
                    dicts=("params",), numbers=("lambd", "m")),
    "l1_grad": _reg(regularization.l1_grad, lambda: {"W": A(3, 4), "lambd": 0.1, "m": 4},
                    arrays=("W",), numbers=("lambd", "m")),
    "l2_grad": _reg(regularization.l2_grad, lambda: {"W": A(3, 4), "lambd": 0.1, "m": 4},
                    arrays=("W",), numbers=("lambd", "m")),
    "l1_proximal_step": _reg(regularization.l1_proximal_step,
                             lambda: {"W": A(3, 4), "dW": A(3, 4, seed=1), "learning_rate": 0.1,
                                      "lambd": 0.1, "m": 4},
                             arrays=("W", "dW"), numbers=("learning_rate", "lambd", "m")),
}




# --------------------------------------------------------------------------- newer functions
# surfaces, datasets, regularization, health and check: public functions added after the first
# pass of issue 12.


def _ravine_path() -> np.ndarray:
    """A finite path of 12 points that zig-zags across the ravine (GD at 0.4)."""
    return optim.optimize_path(optim.GradientDescent(0.4), optim.RAVINE, steps=11).path


HOSTILE["surfaces"].update({
    "minibatch_path": [Case(surfaces.minibatch_path,
                            lambda: {"optimizer": optim.GradientDescent(0.1),
                                     "problem": surfaces.RAVINE_DATA,
                                     "start": np.array([1.0, 1.0]), "steps": 5,
                                     "mini_batch_size": 8, "rng": rng(), "max_norm": 1e6},
                            arrays=("start",), numbers=("steps", "mini_batch_size", "max_norm"),
                            instances=("optimizer", "problem", "rng"),
                            # None: the problem's start; the whole set (batch gradient descent)
                            lenient=frozenset({("start", "none"), ("mini_batch_size", "none")}),
                            without=frozenset({"huge"}))],  # 10**5 steps take a while, as asked
    "steps_to_tolerance": [Case(surfaces.steps_to_tolerance,
                                lambda: {"losses": np.array([4.0, 1.0, 0.05, 0.2, 0.01, 0.001]),
                                         "tol": 0.1, "f_min": 0.0},
                                arrays=("losses",), numbers=("tol", "f_min"))],
    "wander": [Case(surfaces.wander, lambda: {"path": _ravine_path(), "last": 5},
                    arrays=("path",), numbers=("last",))],
    "sign_changes": [Case(surfaces.sign_changes, lambda: {"path": _ravine_path(), "coordinate": 1},
                          arrays=("path",), numbers=("coordinate",))],
})

HOSTILE["datasets"].update({
    "football_bayes_rate": [Case(datasets.football_bayes_rate,
                                 lambda: {"noise": 0.15, "classifier": "bayes"},
                                 numbers=("noise",), instances=("classifier",))],
    "fit_normalization": [Case(datasets.fit_normalization, lambda: {"X_train": A(3, 5)},
                               arrays=("X_train",))],
    "normalize_inputs": [Case(datasets.normalize_inputs,
                              lambda: {"X": A(3, 4, seed=1),
                                       "stats": datasets.fit_normalization(A(3, 5))},
                              arrays=("X",), instances=("stats",))],
    "shift_images": [Case(datasets.shift_images,
                          lambda: {"X": A(9, 3), "shifts": [(0, 1), (-1, 2)], "side": 3},
                          arrays=("X", "shifts"), numbers=("side",))],
})


def _early_stopping_of(epoch: Any, dev_loss: Any) -> Any:
    """early_stopping of a history holding these two curves (a learner's own record)."""
    from types import SimpleNamespace
    return regularization.early_stopping(SimpleNamespace(epoch=epoch, dev_loss=dev_loss))


def _trained_history() -> nn.History:
    X, Y = A(2, 20), (A(1, 20, seed=1) > 0).astype(float)
    return nn.train(X, Y, [2, 3, 1], optimizer=optim.GradientDescent(0.1), epochs=3, rng=rng(),
                    X_dev=X[:, :5], Y_dev=Y[:, :5], eval_every=1).history


HOSTILE["regularization"]["early_stopping"] = [
    Case(regularization.early_stopping, lambda: {"history": _trained_history()},
         instances=("history",)),
    Case(_early_stopping_of, lambda: {"epoch": np.array([0, 1, 2, 3]),
                                      "dev_loss": np.array([0.7, 0.4, 0.5, 0.6])},
         arrays=("epoch", "dev_loss")),
]


@functools.cache
def _health() -> health.TrainingHealth:
    """One small training (3 epochs of 2 updates), shared: no function here changes it."""
    X, Y = A(3, 16), datasets.one_hot((A(1, 16, seed=1) > 0).astype(int), 2)
    return health.training_health(X, Y, [3, 4, 4, 2], optimizer=optim.GradientDescent(0.1),
                                  epochs=3, mini_batch_size=8, rng=rng())


HOSTILE["health"].update({
    "standardized_digits": [Case(health.standardized_digits, lambda: {"m": 16, "rng": rng()},
                                 numbers=("m",), instances=("rng",))],
    "update_ratio": [Case(health.update_ratio,
                          lambda: {"params_before": params(),
                                   "params_after": {k: v + 0.01 for k, v in params().items()}},
                          dicts=("params_before", "params_after"))],
    "training_health": [Case(health.training_health,
                             lambda: {"X": A(3, 8), "Y": onehot().repeat(2, axis=1),
                                      "layer_dims": [3, 4, 2],
                                      "optimizer": optim.GradientDescent(0.1), "epochs": 2,
                                      "mini_batch_size": 4, "init": "he", "init_scale": 0.01,
                                      "hidden_activation": "tanh", "rng": rng(), "bins": 8,
                                      "max_norm": 1e8},
                             arrays=("X", "Y", "layer_dims"),
                             numbers=("epochs", "mini_batch_size", "init_scale", "bins",
                                      "max_norm"),
                             instances=("optimizer", "init", "hidden_activation", "rng"),
                             lenient=frozenset({("mini_batch_size", "none")}),  # the whole set
                             without=frozenset({"huge"}))],  # 10**5 epochs: an hour, as asked
})


def _not_implemented(*args: Any, **kwargs: Any) -> Any:
    """A learner's function not written yet: every checker answers at its first input."""
    raise NotImplementedError


HOSTILE["check"].update({  # each checker takes the learner's function, fn, and nothing else
    name: [Case(getattr(dcheck, name), lambda: {"fn": _not_implemented}, instances=("fn",))]
    for name in dcheck.CHECKERS
})


def _schedule(fn: Callable[..., Any], **hyper: Any) -> list[Case]:
    return [Case(fn, lambda: {"learning_rate0": 0.1, "epoch": np.arange(1.0, 6.0), **hyper},
                 arrays=("epoch",), numbers=("learning_rate0", *hyper))]


HOSTILE["schedules"] = {
    "cosine_decay": _schedule(schedules.cosine_decay, total_epochs=10.0, warmup_epochs=2.0,
                              min_learning_rate=0.0),
    "exponential_decay": _schedule(schedules.exponential_decay, decay_rate=0.9),
    "inverse_time_decay": _schedule(schedules.inverse_time_decay, decay_rate=1.0,
                                    time_interval=1.0),
    "sqrt_decay": _schedule(schedules.sqrt_decay, k=1.0),
    "step_decay": _schedule(schedules.step_decay, drop=0.5, epochs_per_drop=2.0),
}

HOSTILE["softmax"] = {
    name: [Case(getattr(softmax, name), valid, arrays=tuple(valid()))]
    for name, valid in {
        "softmax": lambda: {"Z": A(3, 4)},
        "sigmoid": lambda: {"Z": A(1, 4)},
        "cross_entropy": lambda: {"Z": A(2, 4), "Y": onehot()},
        "cross_entropy_backward": lambda: {"Z": A(2, 4), "Y": onehot()},
    }.items()
}
HOSTILE["softmax"]["softmax"].append(
    Case(softmax.softmax, lambda: {"Z": A(3, 4), "temperature": 1.0}, numbers=("temperature",)))


def _space() -> dict[str, tuning.Dimension]:
    return {"alpha": tuning.Dimension(1e-4, 1.0, "log"), "beta": tuning.Dimension(0.9, 0.999,
                                                                                 "beta")}


def _objective(alpha: float, beta: float) -> float:
    return float((np.log10(alpha) + 2) ** 2 + beta)


def _trials() -> tuning.Trials:
    return tuning.random_search(_objective, _space(), 6, rng=rng())


HOSTILE["tuning"] = {
    "Trials": NAMED_TUPLE.format("random_search and zoom"),
    "Dimension": [Case(tuning.Dimension, lambda: {"low": 0.1, "high": 1.0, "scale": "log"},
                       numbers=("low", "high"), instances=("scale",))],
    "uniform": [Case(tuning.uniform, lambda: {"low": 0.0, "high": 1.0, "size": 3, "rng": rng()},
                     numbers=("low", "high", "size"), instances=("rng",))],
    "log_uniform": [Case(tuning.log_uniform,
                         lambda: {"low": 1e-4, "high": 1.0, "size": 3, "rng": rng()},
                         numbers=("low", "high", "size"), instances=("rng",))],
    "sample_beta": [Case(tuning.sample_beta,
                         lambda: {"low": 0.9, "high": 0.999, "size": 3, "rng": rng()},
                         numbers=("low", "high", "size"), instances=("rng",))],
    "grid_points": [Case(tuning.grid_points, lambda: {"space": _space(), "n": 3},
                         numbers=("n",))],
    "grid_search": [Case(tuning.grid_search,
                         lambda: {"objective": _objective, "space": _space(), "n": 2},
                         numbers=("n",), instances=("objective",))],
    "random_search": [Case(tuning.random_search,
                           lambda: {"objective": _objective, "space": _space(), "n_trials": 3,
                                    "rng": rng()},
                           numbers=("n_trials",), instances=("objective", "rng"))],
    "coarse_to_fine": [Case(tuning.coarse_to_fine,
                            lambda: {"objective": _objective, "space": _space(), "n_trials": 3,
                                     "n_rounds": 2, "rng": rng(), "keep": 0.5},
                            numbers=("n_trials", "n_rounds", "keep"),
                            instances=("objective", "rng"),
                            without=frozenset({"huge"})),  # 10**5 trials: minutes, as asked
                       Case(tuning.coarse_to_fine,  # a huge keep is still refused at once
                            lambda: {"objective": _objective, "space": _space(), "n_trials": 3,
                                     "n_rounds": 2, "rng": rng(), "keep": 0.5},
                            numbers=("keep",), instances=())],
    "zoom": [Case(tuning.zoom, lambda: {"space": _space(), "trials": _trials(), "n_best": 2},
                  numbers=("n_best",), instances=("trials",))],
}

HOSTILE["nn"] = {
    "DivergenceWarning": "a warning class issued by nn.train; exercised in tests/test_nn.py and "
                         "by the lambd=1e300 cases below",
    "History": NAMED_TUPLE.format("plot_history (a diverged cost is marked)"),
    "LayerCache": NAMED_TUPLE.format("nn.forward and nn.backward"),
    "Model": NAMED_TUPLE.format("plot_history, plot_decision_boundary and nn.predict"),
    "NetConfig": NAMED_TUPLE.format("nn.train"),
    "linear_forward": [Case(nn.linear_forward,
                            lambda: {"A_prev": A(2, 4), "W": A(3, 2, seed=1), "b": A(3, 1, seed=2)},
                            arrays=("A_prev", "W", "b"))],
    "linear_backward": [Case(nn.linear_backward,
                             lambda: {"dZ": A(3, 4), "A_prev": A(2, 4, seed=1),
                                      "W": A(3, 2, seed=2)},
                             arrays=("dZ", "A_prev", "W"))],
    "forward": [Case(nn.forward,
                     lambda: {"params": params(), "X": A(2, 4), "hidden_activation": "tanh",
                              "keep_prob": 0.8, "rng": rng(), "batchnorm_stats": None},
                     arrays=("X",), dicts=("params",), numbers=("keep_prob",),
                     instances=("hidden_activation", "rng"))],
    "backward": [Case(lambda ZL, Y, caches, lambd: nn.backward(ZL, Y, caches, lambd=lambd),
                      lambda: {"ZL": _caches()[-1].Z, "Y": labels(), "caches": _caches(),
                               "lambd": 0.1},
                      arrays=("ZL", "Y"), numbers=("lambd",), instances=("caches",))],
    "compute_cost": [Case(nn.compute_cost,
                          lambda: {"ZL": A(1, 4), "Y": labels(), "params": params(),
                                   "lambd": 0.1},
                          arrays=("ZL", "Y"), dicts=("params",), numbers=("lambd",))],
    "predict": [Case(nn.predict, lambda: {"model": _model(), "X": A(2, 5)}, arrays=("X",),
                     instances=("model",)),
                Case(lambda params, X: nn.predict(_model()._replace(params=params), X),
                     lambda: {"params": _model().params, "X": A(2, 5)}, dicts=("params",),
                     says={"params": "model.params"})],
    "accuracy": [Case(nn.accuracy, lambda: {"model": _model(), "X": A(2, 4), "Y": labels()},
                      arrays=("X", "Y"), instances=("model",)),
                 Case(lambda params, X, Y: nn.accuracy(_model()._replace(params=params), X, Y),
                      lambda: {"params": _model().params, "X": A(2, 4), "Y": labels()},
                      dicts=("params",), says={"params": "model.params"})],
    "train": [Case(nn.train, _train_valid, arrays=("X", "Y", "layer_dims"),
                   numbers=TRAIN_NUMBERS, instances=("optimizer", "rng", "hidden_activation",
                                                     "init"),
                   diverges=TRAIN_DIVERGES, lenient=TRAIN_DEFAULTS),
              # 10**5 epochs would train, as asked, for a long while
              Case(nn.train, _train_valid, numbers=("epochs",), without=frozenset({"huge"}))],
}


# --------------------------------------------------------------------------- dlnotes.viz

V = viz_pkg


def _plot(fn_name: str, valid: Callable[[], dict[str, Any]], **kw: Any) -> list[Case]:
    return [Case(lambda **k: getattr(V, fn_name)(**k), valid, **kw)]


HOSTILE["viz"] = {
    "COLORS": CONSTANT,
    "Explorer": "the base class of the explorers, exercised through every *_explorer below",
    "StaticFigure": "a PNG wrapper returned by Explorer.static(); nothing to call",
    "new_axes": _plot("new_axes", lambda: {"ax": None, "figsize": (4.0, 3.0)},
                      arrays=("figsize",), lenient=frozenset({("figsize", "none")})),
    # explorers: every corruption must be refused before the precompute
    "ewa_explorer": [_explorer(V.ewa_explorer, {"beta": 0.9, "start_days": 40}, ("beta",
                                                                                  "start_days")),
                     Case(lambda **k: V.ewa_explorer(**k), lambda: {"theta": A(30)},
                          arrays=("theta",), lenient=frozenset({("theta", "none")}))],
    "optimizer_explorer": [_explorer(V.optimizer_explorer,
                                     {"learning_rate": 0.1, "beta": 0.9, "beta1": 0.9,
                                      "beta2": 0.999, "epsilon": 1e-8, "steps": 100},
                                     ("learning_rate", "beta", "beta1", "beta2", "epsilon",
                                      "steps"))],
    "schedule_explorer": [_explorer(V.schedule_explorer,
                                    {"learning_rate0": 0.1, "decay_rate": 1.0, "epochs": 100,
                                     "k": 1.0, "drop": 0.5, "warmup_epochs": 5},
                                    ("learning_rate0", "decay_rate", "epochs", "k", "drop",
                                     "warmup_epochs"))],
    "softmax_explorer": [_explorer(V.softmax_explorer, {"temperature": 1.0}, ("temperature",)),
                         Case(lambda **k: V.softmax_explorer(**k),
                              lambda: {"z": np.array([1.0, 2.0, 0.5])}, arrays=("z",),
                              lenient=frozenset({("z", "none")}))],
    "init_explorer": [_explorer(V.init_explorer,
                                {"depth": 4, "max_depth": 8, "width": 10, "m": 20, "seed": 0},
                                ("depth", "max_depth", "width", "m", "seed"))],
    "minibatch_explorer": [_explorer(V.minibatch_explorer, {"smoothing": 0.9},
                                     ("smoothing",))],
    "batchnorm_explorer": [_explorer(V.batchnorm_explorer,
                                     {"m_train": 64, "m_dev": 32, "m_probe": 16, "epochs": 2,
                                      "learning_rate": 0.05, "mini_batch_size": 32, "seed": 0,
                                      "batch_sizes": (2, 8), "hidden": (4,)},
                                     ("m_train", "m_dev", "m_probe", "epochs", "learning_rate",
                                      "mini_batch_size", "seed"),
                                     arrays=("batch_sizes", "hidden"),
                                     lenient=frozenset({(a, f) for a in ("batch_sizes", "hidden")
                                                        for f in ("objects", "list")})),
                           ],
    "bias_variance_explorer": [_explorer(V.bias_variance_explorer,
                                         {"m_dev": 50, "noise": 0.1, "epochs": 5,
                                          "learning_rate": 0.03, "resolution": 20, "seed": 0},
                                         ("m_dev", "noise", "epochs", "learning_rate",
                                          "resolution", "seed"))],
    "regularization_explorer": [_explorer(V.regularization_explorer,
                                          {"hidden": 4, "m_train": 50, "m_dev": 20, "epochs": 3,
                                           "learning_rate": 0.5, "seed": 0},
                                          ("hidden", "m_train", "m_dev", "epochs",
                                           "learning_rate", "seed"))],
    "search_explorer": [_explorer(V.search_explorer,
                                  {"n_trials": 4, "n_rounds": 1, "m": 40, "hidden": 3,
                                   "epochs": 3, "reference_points": 3, "seed": 0},
                                  ("n_trials", "n_rounds", "m", "hidden", "epochs",
                                   "reference_points", "seed"))],
    # plot helpers
    "plot_activation_histograms": _plot("plot_activation_histograms",
                                        lambda: {"activations": [A(5, 20), A(5, 20, seed=1)],
                                                 "activation": "tanh", "bins": 20},
                                        arrays=("activations",), numbers=("bins",),
                                        instances=("activation",)),
    "plot_activation_stds": _plot("plot_activation_stds", lambda: {"stds": np.array([1.0, 0.5])},
                                  arrays=("stds",)),
    "plot_gradient_norms": _plot("plot_gradient_norms", lambda: {"norms": np.array([1.0, 0.5])},
                                 arrays=("norms",)),
    "plot_bn_distributions": _plot("plot_bn_distributions",
                                   lambda: {"Z": [A(5, 20), A(5, 20, seed=1)], "bins": 20},
                                   arrays=("Z",), numbers=("bins",)),
    "plot_contours": _plot("plot_contours",
                           lambda: {"surface": "ravine", "levels": 5, "resolution": 20},
                           numbers=("levels", "resolution"), instances=("surface",)),
    "plot_cost_curves": _plot("plot_cost_curves", lambda: {"curves": _curves(), "kind": "full"},
                              instances=("curves", "kind")),
    "plot_decision_boundary": _plot("plot_decision_boundary",
                                    lambda: {"model": _model(), "X": A(2, 20),
                                             "Y": (A(1, 20) > 0).astype(float),
                                             "resolution": 10},
                                    arrays=("X", "Y"), numbers=("resolution",),
                                    instances=("model",)),
    "plot_errors": _plot("plot_errors",
                         lambda: {"train_error": 0.1, "dev_error": 0.2, "bayes_error": 0.05},
                         numbers=("train_error", "dev_error", "bayes_error")),
    "plot_ewa": _plot("plot_ewa", lambda: {"theta": A(30), "beta": 0.9}, arrays=("theta",),
                      numbers=("beta",)),
    "plot_history": _plot("plot_history", lambda: {"models": {"a": _model()}, "metric": "cost"},
                          instances=("models", "metric")),
    "plot_layer_stats": _plot("plot_layer_stats",
                              lambda: {"epochs": np.arange(1.0, 4.0), "means": A(3, 2),
                                       "stds": np.abs(A(3, 2, seed=1))},
                              arrays=("epochs", "means", "stds")),
    "plot_losses": _plot("plot_losses", lambda: {"runs": _paths(), "f_min": 0.0},
                         numbers=("f_min",), instances=("runs",)),
    "plot_optimizer_paths": _plot("plot_optimizer_paths",
                                  lambda: {"runs": _paths(), "surface": "ravine"},
                                  instances=("runs", "surface"),
                                  lenient=frozenset({("surface", "none")})),  # None: no contours
    "plot_matrix_norms": _plot("plot_matrix_norms",
                               lambda: {"lambdas": np.array([0.0, 0.1, 1.0]),
                                        "norms": {"frobenius": np.array([3.0, 2.0, 1.0]),
                                                  "spectral": np.array([2.0, 1.5, 0.5]),
                                                  "nuclear": np.array([4.0, 3.0, 2.0])}},
                               arrays=("lambdas",), dicts=("norms",)),
    "plot_sparsity": _plot("plot_sparsity",
                           lambda: {"lambdas": np.array([0.0, 0.1, 1.0]),
                                    "sparsities": {"L1": np.array([0.0, 0.2, 0.6])}},
                           arrays=("lambdas",), dicts=("sparsities",)),
    "plot_schedule": _plot("plot_schedule",
                           lambda: {"schedule": "step", "epochs": 30.0, "drop": 0.5,
                                    "epochs_per_drop": 10.0},
                           numbers=("epochs", "drop", "epochs_per_drop"),
                           instances=("schedule",)),
    "plot_search_projection": _plot("plot_search_projection",
                                    lambda: {"x": np.array([0.1, 0.01, 0.001]),
                                             "scores": np.array([0.2, 0.1, 0.3])},
                                    arrays=("x", "scores"),
                                    # NaN scores a diverged trial: documented, left out
                                    lenient=frozenset({("scores", "nan")})),
    "plot_search_trials": _plot("plot_search_trials",
                                lambda: {"x": np.array([0.1, 0.01, 0.001]),
                                         "y": np.array([1e-8, 1e-6, 1e-5]),
                                         "scores": np.array([0.2, 0.1, 0.3])},
                                arrays=("x", "y", "scores"),
                                # NaN scores a diverged trial: documented, drawn grey
                                lenient=frozenset({("scores", "nan")})),
    "plot_softmax": _plot("plot_softmax",
                          lambda: {"z": np.array([5.0, 2.0, -1.0]), "temperature": 1.0},
                          arrays=("z",), numbers=("temperature",)),
    "plot_softmax_vs_sigmoid": _plot("plot_softmax_vs_sigmoid",
                                     lambda: {"temperature": 1.0, "z1": 1.0, "z2": 0.0,
                                              "span": 8.0},
                                     numbers=("temperature", "z1", "z2", "span")),
    "plot_train_vs_inference": _plot("plot_train_vs_inference",
                                     lambda: {"p_inference": np.array([0.9, 0.8, 0.7]),
                                              "p_train": np.array([0.8, 0.7, 0.9])},
                                     arrays=("p_inference", "p_train")),
    "plot_weight_histograms": _plot("plot_weight_histograms",
                                    lambda: {"weights": {"L2": A(3, 4)}, "bins": 11},
                                    dicts=("weights",), numbers=("bins",)),
    "plot_weight_matrix": _plot("plot_weight_matrix", lambda: {"W": A(3, 4)}, arrays=("W",)),
    # training health: the plots take a TrainingHealth or its arrays; the explorer trains
    "plot_layer_histograms": _plot("plot_layer_histograms",
                                   lambda: {"counts": np.eye(3), "edges": np.linspace(-1, 1, 4),
                                            "labels": ["a", "b", "c"], "label_side": "left"},
                                   arrays=("counts", "edges"),
                                   instances=("labels", "label_side"),
                                   lenient=frozenset({("labels", "none")})),  # None: unlabelled
    "plot_update_ratios": _plot("plot_update_ratios", lambda: {"health": _health(), "epoch": 1.0},
                                numbers=("epoch",), instances=("health",),
                                lenient=frozenset({("epoch", "none")})),  # None: no marker
    "training_health_explorer": [_explorer(V.training_health_explorer,
                                           {"epochs": 1, "m": 16, "hidden_layers": 1,
                                            "width": 4, "mini_batch_size": 8, "seed": 0,
                                            "epoch": 1, "learning_rate": 0.003,
                                            "activation": "relu", "init": "he",
                                            "optimizer": "gd"},
                                           ("epochs", "m", "hidden_layers", "width",
                                            "mini_batch_size", "seed", "epoch",
                                            "learning_rate"),
                                           instances=("activation", "init", "optimizer"))],
}


# --------------------------------------------------------------------------- the tests


def _module(module: str) -> Any:
    return viz_pkg if module == "viz" else importlib.import_module(f"dlnotes.{module}")


def _public_names() -> dict[str, list[str]]:
    """Every public module of dlnotes (and dlnotes.viz) -> its __all__."""
    names = {m.name: list(_module(m.name).__all__)
             for m in pkgutil.iter_modules(dlnotes.__path__)
             if not m.name.startswith("_") and m.name != "viz"}
    names["viz"] = list(viz_pkg.__all__)
    return names


TABLE = [(module, name) for module, entries in HOSTILE.items() for name in entries]


@pytest.mark.parametrize(("module", "name"), TABLE, ids=[f"{m}.{n}" for m, n in TABLE])
def test_hostile_input_is_answered_or_refused_clearly(module: str, name: str) -> None:
    entry = HOSTILE[module][name]
    obj = getattr(_module(module), name)
    if isinstance(entry, str):  # no call: only constants, result types and base classes
        assert not inspect.isfunction(obj), f"{module}.{name} is a function: give it Cases"
        return
    problems = [p for case in entry for p in _problems(f"{module}.{name}", case)]
    assert not problems, "\n".join(problems)


def test_every_public_name_is_covered() -> None:
    """A new public name must join HOSTILE."""
    public = _public_names()
    missing = [f"{m}.{n}" for m, names in public.items() for n in names
               if n not in HOSTILE.get(m, {})]
    assert not missing, f"public names with no hostile-input entry: {missing}"
    stale = [f"{m}.{n}" for m, entries in HOSTILE.items() for n in entries
             if n not in public.get(m, [])]
    assert not stale, f"entries for names that are not public: {stale}"


# --------------------------------------------------------------------------- properties

finite_floats = st.floats(allow_nan=False, allow_infinity=False, width=64)


@settings(max_examples=200, deadline=None)
@given(Z=hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=5),
                    elements=finite_floats))
def test_softmax_family_is_finite_for_any_finite_logits(Z: np.ndarray) -> None:
    """Huge finite logits (up to 1.8e308, either sign) give finite answers and no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        P = softmax.softmax(Z)
        L = softmax._log_softmax(np.asarray(Z))
        assert np.all(np.isfinite(P)) and np.all(np.isfinite(L)) and np.all(L <= 0)
        np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=1e-12)
        if Z.shape[0] >= 2:
            Y = np.zeros_like(Z)
            Y[0] = 1.0
            assert np.isfinite(softmax.cross_entropy(Z, Y))
            assert np.all(np.isfinite(softmax.cross_entropy_backward(Z, Y)))


@settings(max_examples=100, deadline=None)
@given(scale=st.floats(-300, 300), shape=st.tuples(st.integers(1, 4), st.integers(1, 4)))
def test_norms_keep_their_order_at_every_scale(scale: float, shape: tuple[int, int]) -> None:
    """||W||_2 <= ||W||_F <= ||W||_*, even where W**2 over- or underflows (1e-300 .. 1e300)."""
    W = np.random.default_rng(0).uniform(0.5, 1.0, shape) * 10.0**scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        n = regularization.matrix_norms(W)
    assert np.isfinite(list(n.values())).all()
    assert n["spectral"] <= n["frobenius"] * (1 + 1e-12)
    assert n["frobenius"] <= n["nuclear"] * (1 + 1e-12)
    assert n["frobenius"] == pytest.approx(regularization.frobenius_norm(W), rel=1e-15)


@settings(max_examples=200, deadline=None)
@given(st.one_of(
    st.text(max_size=2000), st.lists(st.floats(), max_size=500),
    st.dictionaries(st.text(max_size=50), st.integers(), max_size=50),
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=30)),
))
def test_describe_is_always_short(x: Any) -> None:
    from dlnotes._validation import describe
    assert len(describe(x)) <= 80


def test_the_examples_of_the_issue() -> None:
    Y = np.array([[0.0], [1.0]])
    assert np.all(np.isfinite(softmax._log_softmax(np.array([[1e308], [-1e308]]))))
    assert np.isfinite(softmax.cross_entropy([[1e308], [-1e308]], Y))
    with pytest.raises(TypeError, match="params must have string keys"):
        regularization.l2_cost({1: np.ones((2, 2))}, 0.1, 2)
    n = regularization.matrix_norms(1e-200 * np.ones((3, 3)))
    assert n["frobenius"] == pytest.approx(3e-200) and n["spectral"] <= n["frobenius"] * 1.0001
    assert regularization.frobenius_norm(1e200 * np.ones((3, 3))) == pytest.approx(3e200)
    with pytest.raises(ValueError, match="Z: the batch mean or variance of Z overflows"):
        batchnorm.batchnorm_forward([[1e200, -1e200]], np.ones((1, 1)), np.zeros((1, 1)))
    opt = optim.Adam(0.1, epsilon=0.0)
    W = {"W": np.ones((1, 1))}
    with pytest.raises(ValueError, match="epsilon must be > 0 here"):
        opt.update(W, {"dW": np.zeros((1, 1))}, opt.init(W))
    state = opt.init(W)._replace(s={"dW": -np.ones((1, 1))})
    with pytest.raises(ValueError, match=r"state.s\['dW'\] must be >= 0"):
        optim.Adam(0.1).update(W, {"dW": np.ones((1, 1))}, state)
    with pytest.raises(TypeError, match="Z must hold real numbers, got complex"):
        softmax.softmax(np.array([[1 + 1j], [2.0]]))


def test_gradcheck_checks_its_own_inputs() -> None:
    cost, p = _quadratic_cost, {"W": np.ones((1, 2))}
    with pytest.raises(ValueError, match=r"grads\['dW'\] holds 1 NaN .* backward pass"):
        gradcheck.check_gradients(cost, p, {"dW": np.array([[np.nan, 1.0]])})
    with pytest.raises(TypeError, match="got None: did the backward function forget"):
        gradcheck.check_gradients(cost, p, None)
    with pytest.raises(TypeError, match="grads must be a dict .* got a list of length 1"):
        gradcheck.check_gradients(cost, p, [np.ones((1, 2))])
    with pytest.raises(ValueError, match="cost must return one number .* forget to sum"):
        gradcheck.check_gradients(lambda q: q["W"] ** 2, p, {"dW": np.ones((1, 2))})
    with pytest.raises(ValueError, match="cost returned nan"):
        gradcheck.check_gradients(lambda q: float("nan"), p, {"dW": np.ones((1, 2))})


def test_explorers_refuse_instead_of_clamping() -> None:
    with pytest.raises(ValueError, match=r"learning_rate must be in \[0.0001, 3\], got 5.0"):
        V.optimizer_explorer(learning_rate=5.0)
    with pytest.raises(ValueError, match=r"beta must be in \[0, 0.999\], got 1.5"):
        V.ewa_explorer(beta=1.5)
    with pytest.raises(TypeError, match="'decay' .*did you mean 'decay_rate'"):
        V.schedule_explorer(decay=2.0)
    with pytest.raises(ValueError, match="surface must be a Surface or one of .*'ravine'"):
        V.optimizer_explorer(surface="bowl")
    with pytest.raises(ValueError, match="theta must hold at least 2 values"):
        V.ewa_explorer(theta=[])
    with pytest.raises(ValueError, match=r"batch_sizes\[0\] must be >= 1, got 0"):
        V.batchnorm_explorer(batch_sizes=(0,))
    ex = V.softmax_explorer()
    with pytest.raises(ValueError, match=r"temperature must be in \[0.01, 100\]"):
        ex.set(temperature=1000.0)
    assert ex.values["temperature"] == 1.0


# --------------------------------------------------------------------------- the helpers


def test_check_params_names_missing_extra_and_misspelt_keys() -> None:
    from dlnotes._validation import check_params
    full = params()
    assert check_params(full, expected_keys=["W1", "b1", "W2", "b2"]) is full
    wrong = {k if k != "W2" else "w2": v for k, v in full.items()}
    with pytest.raises(ValueError, match="missing 'W2'; has unexpected 'w2' .did you mean 'W2'"):
        check_params(wrong, expected_keys=["W1", "b1", "W2", "b2"])
    with pytest.raises(ValueError, match="has unexpected 'W3'"):
        check_params({**full, "W3": np.ones((1, 1))}, expected_keys=list(full))
    with pytest.raises(TypeError, match="params must be a dict of arrays .* got a list"):
        check_params(list(full.values()))
    with pytest.raises(TypeError, match=r"params\['W1'\] must hold real numbers"):
        check_params({"W1": np.ones((1, 1)) * 1j})


def test_check_instance_recognizes_a_class_for_an_instance() -> None:
    from dlnotes._validation import check_instance
    opt = optim.Adam(0.1)
    assert check_instance(opt, optim.Adam, "optimizer") is opt
    with pytest.raises(TypeError, match=r"got the class Adam itself: pass Adam\(...\)"):
        check_instance(optim.Adam, optim.Adam, "optimizer")
    with pytest.raises(ValueError, match="optimizer must be an instance of Adam or "
                                         "GradientDescent, got 'adam'"):
        check_instance("adam", (optim.Adam, optim.GradientDescent), "optimizer")


def test_check_kwargs_and_did_you_mean() -> None:
    from dlnotes._validation import check_kwargs, did_you_mean
    assert did_you_mean("lamda", ["lambd", "keep_prob"]) == " (did you mean 'lambd'?)"
    assert did_you_mean("zzz", ["lambd"]) == ""
    check_kwargs(["lambd"], ["lambd"], "f()")
    with pytest.raises(TypeError, match="f.. got an unexpected keyword argument 'lamda'"):
        check_kwargs(["lamda"], ["lambd"], "f()")
