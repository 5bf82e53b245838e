"""Kernels, float64, one thread: Adam, batch norm and softmax cross-entropy at scale.

Each operation is timed in four or five forms, interleaved in one run:

- ``naive``: the straightforward numpy a learner writes (below, in this file), the course
  assignment's ``update_parameters_with_adam``, a staged batch-norm backward
  (one line per node of the computational graph), softmax then ``-sum(Y log A)``;
- ``dlnotes``: the public functions, input checks included, as a notebook calls them;
- ``kernel``: dlnotes' private kernels alone (the formula as the docstring shows it);
- ``fast path``: for Adam, ``optim._adam_step_fast``, which ``Adam.update`` takes for large
  arrays (the same operations in cache-sized blocks, the same numbers bit for bit);
- ``floor``: the memory-traffic floor, the bytes the operation must move at the very least
  (each input read once, each output written once) divided by the copy bandwidth measured
  in the same rounds (``np.copyto`` between two preallocated arrays of the operation's size,
  bytes read + written);
- ``torch``: PyTorch's own version, only when ``torch`` happens to be importable.

"GB/s" is the floor's byte count divided by the measured time: the bandwidth the operation
would need if it moved only what it must. "x floor" is time / floor time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes import batchnorm, optim, softmax

from .common import MIB, Section, median, ms, ratio, timings

GB = 1e9
COPY_BYTES = 64 * MIB
"""Smallest array for the copy bandwidth: source and destination (128 MiB) dwarf any L3."""


# --------------------------------------------------------------------------- naive versions


def naive_adam(parameters, grads, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999,
               epsilon=1e-8):
    """The course assignment's ``update_parameters_with_adam``, dicts and ``str(l)`` included."""
    parameters, v, s = dict(parameters), dict(v), dict(s)  # the assignment rebinds in place
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):  # noqa: E741 - the course's l
        for p in ("W", "b"):
            key = "d" + p + str(l)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - beta1**t)
            s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])
            s_corrected[key] = s[key] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[
                key] / (np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s


def naive_batchnorm_forward(Z, gamma, beta, eps=1e-5):
    """Batch norm forward, one node of the computational graph per line (examples in columns)."""
    m = Z.shape[1]
    mu = 1 / m * np.sum(Z, axis=1, keepdims=True)
    xmu = Z - mu
    sq = xmu**2
    var = 1 / m * np.sum(sq, axis=1, keepdims=True)
    sqrtvar = np.sqrt(var + eps)
    ivar = 1 / sqrtvar
    xhat = xmu * ivar
    gammax = gamma * xhat
    out = gammax + beta
    return out, (xhat, gamma, xmu, ivar, sqrtvar, var, eps)


def naive_batchnorm_backward(dout, cache):
    """Back through each node of :func:`naive_batchnorm_forward`, in reverse."""
    xhat, gamma, xmu, ivar, sqrtvar, var, eps = cache
    n, m = dout.shape
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * xhat, axis=1, keepdims=True)
    dxhat = dout * gamma
    divar = np.sum(dxhat * xmu, axis=1, keepdims=True)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / (sqrtvar**2) * divar
    dvar = 0.5 * 1.0 / np.sqrt(var + eps) * dsqrtvar
    dsq = 1.0 / m * np.ones((n, m)) * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -1 * np.sum(dxmu1 + dxmu2, axis=1, keepdims=True)
    dx2 = 1.0 / m * np.ones((n, m)) * dmu
    return dx1 + dx2, dgamma, dbeta


def naive_softmax_cross_entropy(Z, Y):
    """Softmax (max-shifted), the cost ``-sum(Y log A)/m`` and ``dZ = (A - Y)/m``."""
    m = Z.shape[1]
    t = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    A = t / np.sum(t, axis=0, keepdims=True)
    cost = -np.sum(Y * np.log(A)) / m
    dZ = (A - Y) / m
    return cost, dZ


# --------------------------------------------------------------------------- bandwidth


def copy_bandwidth(nbytes: int, repeats: int) -> dict[str, float]:
    """Bytes read + written per second by ``np.copyto`` into a preallocated array.

    Also the same for ``x.copy()`` (a fresh output every call, as pure functions return),
    which includes the operating system's cost of handing out new zeroed pages.
    """
    src = np.random.default_rng(0).random(nbytes // 8)
    dst = np.empty_like(src)
    t = timings({"copyto": lambda: np.copyto(dst, src), "fresh": src.copy},
                repeats=repeats, warmup=1)
    return {k: 2 * src.nbytes / median(v) for k, v in t.items()}


# --------------------------------------------------------------------------- torch (optional)


def _torch() -> Any:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return torch


def _torch_adam(torch: Any, W, dW) -> Callable[[], Any]:
    p = torch.nn.Parameter(torch.from_numpy(W.copy()))
    p.grad = torch.from_numpy(dW.copy())
    opt = torch.optim.Adam([p], lr=0.001, foreach=False)
    opt.step()  # creates the state
    return opt.step


def _torch_batchnorm(torch: Any, Z, dZ_tilde) -> Callable[[], Any]:
    F = torch.nn.functional
    x = torch.from_numpy(np.ascontiguousarray(Z.T)).requires_grad_()  # torch: (m, n)
    g = torch.ones(Z.shape[0], dtype=torch.float64, requires_grad=True)
    b = torch.zeros(Z.shape[0], dtype=torch.float64, requires_grad=True)
    d = torch.from_numpy(np.ascontiguousarray(dZ_tilde.T))

    def step() -> None:
        x.grad = g.grad = b.grad = None
        F.batch_norm(x, None, None, g, b, training=True, eps=1e-5).backward(d)

    return step


def _torch_cross_entropy(torch: Any, Z, Y) -> Callable[[], Any]:
    F = torch.nn.functional
    z = torch.from_numpy(np.ascontiguousarray(Z.T)).requires_grad_()  # torch: (m, C)
    target = torch.from_numpy(np.argmax(Y, axis=0))  # class indices: torch reads no one-hot

    def step() -> None:
        z.grad = None
        F.cross_entropy(z, target).backward()

    return step


# --------------------------------------------------------------------------- the section


def _problems(adam_n: int, bn_shape: tuple[int, int], ce_shape: tuple[int, int]) -> list[dict]:
    """Inputs, the variants to time, the floor's byte count and a correctness check."""
    rng = np.random.default_rng(0)
    problems = []

    # Adam: one weight matrix of adam_n entries (and its tiny bias), mid-training state
    rows = 1000 if adam_n % 1000 == 0 and adam_n >= 1000 else 1
    shape = (rows, adam_n // rows)
    W, dW = rng.standard_normal(shape), rng.standard_normal(shape)
    v, s = 0.1 * rng.standard_normal(shape), rng.random(shape)
    b, db = np.zeros((rows, 1)), rng.standard_normal((rows, 1))
    params, grads = {"W1": W, "b1": b}, {"dW1": dW, "db1": db}
    state = optim.AdamState(v={"dW1": v, "db1": np.zeros_like(b)},
                            s={"dW1": s, "db1": np.ones_like(b)}, t=9)
    adam = optim.Adam(learning_rate=0.001)

    def check_adam() -> float:
        new, _ = adam.update(params, grads, state)
        ref, _, _ = naive_adam(params, grads, state.v, state.s, 10)
        return float(np.max(np.abs(new["W1"] - ref["W1"])))

    problems.append(dict(
        name=f"Adam step, {adam_n / 1e6:g}M parameters",
        arrays="read W, dW, v, s; write W, v, s",
        nbytes=7 * W.nbytes,
        array_bytes=W.nbytes,
        variants={
            "naive": lambda: naive_adam(params, grads, state.v, state.s, 10),
            "dlnotes": lambda: adam.update(params, grads, state),
            "kernel": lambda: optim._adam_step(W, dW, v, s, 0.001, 0.9, 0.999, 1e-8, 10),
            **({"fast path": lambda: optim._adam_step_fast(
                W, dW, v, s, 0.001, 0.9, 0.999, 1e-8, 10)}
               if hasattr(optim, "_adam_step_fast") else {}),
        },
        torch=lambda torch: _torch_adam(torch, W, dW),
        check=check_adam,
    ))

    # batch norm forward + backward on Z of shape (n, m), examples in columns
    Z = 3.0 + 2.0 * rng.standard_normal(bn_shape)
    gamma = 1.0 + 0.1 * rng.standard_normal((bn_shape[0], 1))
    beta = 0.1 * rng.standard_normal((bn_shape[0], 1))
    dZ_tilde = rng.standard_normal(bn_shape)

    def bn_dlnotes():
        _, cache = batchnorm.batchnorm_forward(Z, gamma, beta)
        return batchnorm.batchnorm_backward(dZ_tilde, cache)

    def bn_kernel():
        _, cache = batchnorm._batchnorm_forward(Z, gamma, beta, 1e-5)
        return batchnorm._batchnorm_backward(dZ_tilde, cache)

    def bn_naive():
        _, cache = naive_batchnorm_forward(Z, gamma, beta)
        return naive_batchnorm_backward(dZ_tilde, cache)

    def check_bn() -> float:
        return float(np.max(np.abs(bn_dlnotes()[0] - bn_naive()[0])))

    problems.append(dict(
        name=f"batch norm fwd+bwd, {bn_shape}",
        arrays="read Z, dZ~, Z again; write Z~, dZ",
        nbytes=5 * Z.nbytes,
        array_bytes=Z.nbytes,
        variants={"naive": bn_naive, "dlnotes": bn_dlnotes, "kernel": bn_kernel},
        torch=lambda torch: _torch_batchnorm(torch, Z, dZ_tilde),
        check=check_bn,
    ))

    # softmax cross-entropy forward (the cost) + backward (dZ) on logits of shape (C, m)
    C, m = ce_shape
    Zc = 2.0 * rng.standard_normal(ce_shape)
    Y = np.zeros(ce_shape)
    Y[rng.integers(0, C, size=m), np.arange(m)] = 1.0

    def ce_dlnotes():
        return softmax.cross_entropy(Zc, Y), softmax.cross_entropy_backward(Zc, Y)

    def ce_kernel():
        return softmax._cross_entropy(Zc, Y), softmax._cross_entropy_backward(Zc, Y)

    def check_ce() -> float:
        (J, dZ), (J0, dZ0) = ce_dlnotes(), naive_softmax_cross_entropy(Zc, Y)
        return max(abs(J - J0), float(np.max(np.abs(dZ - dZ0))))

    problems.append(dict(
        name=f"softmax cross-entropy fwd+bwd, {ce_shape}",
        arrays="read Z, Y; write dZ",
        nbytes=3 * Zc.nbytes,
        array_bytes=Zc.nbytes,
        variants={"naive": lambda: naive_softmax_cross_entropy(Zc, Y),
                  "dlnotes": ce_dlnotes, "kernel": ce_kernel},
        torch=lambda torch: _torch_cross_entropy(torch, Zc, Y),
        check=check_ce,
    ))
    return problems


def run(
    *,
    adam_n: int = 10_000_000,
    bn_shape: tuple[int, int] = (1024, 4096),
    ce_shape: tuple[int, int] = (1000, 4096),
    repeats: int = 7,
    copy_bytes: int = COPY_BYTES,
) -> Section:
    """Time every problem of :func:`_problems`; one row per (problem, variant)."""
    problems = _problems(adam_n, bn_shape, ce_shape)
    largest = max(max(p["array_bytes"] for p in problems), copy_bytes)
    bw = copy_bandwidth(largest, repeats)
    torch = _torch()

    section = Section(
        "Kernels (float64, one thread)",
        ["operation", "version", "median ms", "GB/s", "x floor", "x naive", "x kernel"],
    )
    for p in problems:
        # the copy that gives the floor is timed in the same rounds as the operation, on
        # arrays too large for the caches (at least copy_bytes)
        src = np.random.default_rng(1).random(max(p["array_bytes"], copy_bytes) // 8)
        dst = np.empty_like(src)
        fns = {"copy": lambda src=src, dst=dst: np.copyto(dst, src), **p["variants"]}
        if torch is not None:
            try:
                fns["torch"] = p["torch"](torch)
            except Exception as exc:  # noqa: BLE001 - optional comparison, never fatal
                section.notes.append(f"torch {p['name']}: not measured ({exc!r})")
        t = {k: median(v) for k, v in timings(fns, repeats=repeats).items()}
        floor_bw = 2 * src.nbytes / t.pop("copy")
        floor = p["nbytes"] / floor_bw
        del src, dst
        section.add(p["name"], "floor", ms(floor), f"{floor_bw / GB:.1f}", "1.00x",
                    ratio(floor / t["naive"]), ratio(floor / t["kernel"]))
        for name, sec in t.items():
            section.add("", name, ms(sec), f"{p['nbytes'] / sec / GB:.1f}", ratio(sec / floor),
                        ratio(sec / t["naive"]), ratio(sec / t["kernel"]))
        diff = p["check"]()
        section.notes.append(
            f"{p['name']}: floor = ({p['arrays']}) = {p['nbytes'] / MIB:.0f} MiB at "
            f"{floor_bw / GB:.1f} GB/s; max |dlnotes - naive| = {diff:.1e}"
        )
        section.data[p["name"]] = dict(times=t, floor=floor, diff=diff, bandwidth=floor_bw)
    section.notes.append(
        f"copy bandwidth (bytes read + written), {largest / MIB:.0f} MiB arrays: "
        f"{bw['copyto'] / GB:.1f} GB/s with np.copyto into an existing array, "
        f"{bw['fresh'] / GB:.1f} GB/s with x.copy() into a fresh one (new pages from the "
        f"system: what a pure function returning new arrays pays)"
    )
    if hasattr(optim, "_adam_step_fast"):
        section.notes.append(
            f"Adam: dlnotes' Adam.update takes the fast path for arrays of "
            f"{optim._FAST_MIN_SIZE:,} entries or more; 'kernel' is the readable _adam_step"
        )
    if torch is None:
        section.notes.append("torch: not importable, no comparison (it is never a dependency)")
    section.data["bandwidth"] = bw
    return section
