"""The work buffers of the training loop (nn._Workspace) change no bit of any result."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import dlnotes.nn as nn
from dlnotes.datasets import load_digits, make_moons
from dlnotes.nn import train, train_many
from dlnotes.optim import Adam, GradientDescent


def _assert_same_run(a, b):
    assert a.params.keys() == b.params.keys()
    for key in a.params:
        assert_array_equal(a.params[key], b.params[key], strict=True)
    for key in a.batchnorm_stats:
        assert_array_equal(a.batchnorm_stats[key], b.batchnorm_stats[key], strict=True)
    for x, y in zip(a.history[:6], b.history[:6], strict=True):
        assert_array_equal(x, y, strict=True)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"hidden_activation": "tanh", "lambd": [0.0, 0.3, 0.7, 1.0]},
        {"keep_prob": [1.0, 0.9, 0.8, 0.6], "mini_batch_size": 48},
        {"batchnorm": True, "mini_batch_size": 64},
    ],
)
def test_train_many_work_buffers_change_no_bit(kwargs, monkeypatch):
    X, Y = make_moons(300, rng=np.random.default_rng(0))
    X_dev, Y_dev = make_moons(130, rng=np.random.default_rng(1))
    snapshots = []

    def run():
        return train_many(
            X, Y, [2, 20, 7, 1], optimizer=Adam(np.geomspace(1e-3, 1e-1, 4)), epochs=12,
            rngs=[np.random.default_rng(k) for k in range(4)], data_rng=np.random.default_rng(9),
            X_dev=X_dev, Y_dev=Y_dev, eval_every=3, **kwargs,
        )

    X0, Y0 = X.copy(), Y.copy()
    fast = run()                                                 # 4 x 20 x 300 >= MIN_SIZE
    assert_array_equal(X, X0)
    assert_array_equal(Y, Y0)
    monkeypatch.setattr(nn._Workspace, "MIN_SIZE", 10**12)      # the readable path
    _assert_same_run(fast, run())
    del snapshots


def test_train_work_buffers_change_no_bit_softmax(monkeypatch):
    X, Y = load_digits()
    X, Y = X[:, :600], Y[:, :600]                                # 32 x 600 >= MIN_SIZE
    def run():
        return train(X, Y, [64, 32, 10], optimizer=GradientDescent(0.5), epochs=5,
                     keep_prob=0.9, lambd=0.1, rng=np.random.default_rng(3))
    fast = run()
    monkeypatch.setattr(nn._Workspace, "MIN_SIZE", 10**12)
    _assert_same_run(fast, run())


def test_models_seen_by_the_callback_are_not_overwritten_by_later_steps():
    X, Y = make_moons(300, rng=np.random.default_rng(0))
    seen = []
    sweep = train_many(
        X, Y, [2, 20, 7, 1], optimizer=GradientDescent([0.1, 0.2, 0.3, 0.4]), epochs=4,
        rngs=[np.random.default_rng(k) for k in range(4)],
        callback=lambda epoch, s: seen.append({k: (v, v.copy()) for k, v in s.params.items()}),
    )
    for params in seen:                          # what the callback got is still what it was
        for kept, copied in params.values():
            assert_array_equal(kept, copied)
    for key, (kept, _) in seen[-1].items():
        assert_array_equal(sweep.params[key], kept)
