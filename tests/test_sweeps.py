"""dlnotes.sweeps beyond the equalities with dlnotes.nn.train tested in test_nn.py."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_array_equal

from dlnotes.datasets import make_moons
from dlnotes.optim import GradientDescent
from dlnotes.sweeps import train_many


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
