"""Training time of the week notebooks' networks: the calls the notebooks make, timed alone.

Each row is one training call of a week notebook, with its data set, sizes and settings (the
data is drawn here with fixed seeds, so the numbers are the notebook's time, not its
results). This is what a learner waits for when re-running a notebook's training cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes import datasets, nn, sweeps
from dlnotes.optim import Adam, GradientDescent

from .common import Section, median, timings


def calls(scale: float = 1.0) -> dict[str, Callable[[], Any]]:
    """Name -> the training call of a week notebook (``scale`` < 1 shortens the epochs)."""
    rng = np.random.default_rng(2)
    X, Y = datasets.make_football(1000, noise=0.15, rng=rng)
    w1 = datasets.train_dev_test_split(X, Y, (0.2, 0.4, 0.4), rng=rng)
    X_moons, Y_moons = datasets.make_moons(300, noise=0.2, rng=np.random.default_rng(3))
    X_dig, Y_dig = datasets.load_digits()
    w3 = datasets.train_dev_test_split(X_dig, Y_dig, (0.6, 0.2, 0.2), rng=np.random.default_rng(4))

    def epochs(n: int) -> int:
        return max(1, int(n * scale))

    def seeds(k: int) -> list[np.random.Generator]:
        return np.random.default_rng(5).spawn(k)

    return {
        "week 1: 3 regularized [2, 30, 30, 1] nets (train_many)": lambda: sweeps.train_many(
            w1[0], w1[1], [2, 30, 30, 1], optimizer=Adam(0.01), epochs=epochs(1500),
            rngs=seeds(3), lambd=[0.0, 0.7, 0.0], keep_prob=[1.0, 1.0, 0.7],
            hidden_activation="tanh", X_dev=w1[2], Y_dev=w1[3]),
        "week 1: 4 initializations [2, 20, 20, 20, 1] (train_many)": lambda: sweeps.train_many(
            w1[0], w1[1], [2, 20, 20, 20, 1], optimizer=Adam(0.01), epochs=epochs(300),
            rngs=seeds(4), init=["zeros", "random", "xavier", "he"],
            init_scale=[0.01, 10.0, 0.01, 0.01], X_dev=w1[2], Y_dev=w1[3]),
        "week 2: [2, 16, 8, 1], mini-batches of 16 (train)": lambda: nn.train(
            X_moons, Y_moons, [2, 16, 8, 1], optimizer=GradientDescent(1.0),
            epochs=epochs(150), mini_batch_size=16, rng=np.random.default_rng(6)),
        "week 3: 25 Adam trials [64, 32, 10] (sweep_objective)": lambda: sweeps.sweep_objective(
            w3[0], w3[1], w3[2], w3[3], [64, 32, 10], optimizer=Adam(), epochs=epochs(10),
            mini_batch_size=128, rng=np.random.default_rng(7),
        )(alpha=np.repeat(np.geomspace(1e-4, 1.0, 5), 5),
          epsilon=np.tile(np.geomspace(1e-8, 1e-4, 5), 5)),
        "week 3: [64, 32, 32, 32, 10] with batch norm (train)": lambda: nn.train(
            w3[0], w3[1], [64, 32, 32, 32, 10], optimizer=GradientDescent(0.5),
            epochs=epochs(15), mini_batch_size=64, batchnorm=True, X_dev=w3[2], Y_dev=w3[3],
            eval_every=1, rng=np.random.default_rng(8)),
    }


def run(*, repeats: int = 3, scale: float = 1.0) -> Section:
    section = Section("Training time of the week notebooks' networks",
                      ["training call", "median s"])
    found = calls(scale)
    for name, t in timings(found, repeats=repeats, warmup=0).items():
        section.add(name, f"{median(t):.3f}")
        section.data[name] = median(t)
    if scale != 1.0:
        section.notes.append(f"epochs scaled by {scale:g} (--quick)")
    return section
