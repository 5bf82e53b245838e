"""Mini-batch noise on the ravine: a least-squares problem whose full-batch cost is the ravine,
mini-batch paths, learning-rate decay, and steps to a tolerance (issue 15, part 3)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from dlnotes.optim import RAVINE, Adam, GradientDescent, Momentum, optimize_path
from dlnotes.schedules import inverse_time_decay
from dlnotes.surfaces import (
    RAVINE_DATA,
    LeastSquares,
    _least_squares,
    minibatch_path,
    steps_to_tolerance,
    wander,
)
from dlnotes.viz.optim import make_optimizers

pytestmark = pytest.mark.filterwarnings("error")


def test_the_full_batch_cost_is_the_ravine_plus_a_constant():
    rng = np.random.default_rng(5)
    for w in rng.uniform(-6, 6, size=(20, 2)):
        assert RAVINE_DATA.cost(w) - RAVINE_DATA.floor == pytest.approx(float(RAVINE.f(w)),
                                                                        rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(RAVINE_DATA.gradient(w), RAVINE.grad(w), rtol=1e-12,
                                   atol=1e-12)
    X, Y = RAVINE_DATA.X, RAVINE_DATA.Y
    m = X.shape[1]
    np.testing.assert_allclose(X @ X.T / m, np.diag([0.2, 4.0]), atol=1e-12)  # 2a, 2b
    np.testing.assert_allclose(X @ Y.T, 0.0, atol=1e-12)  # the minimum is at the origin
    assert RAVINE_DATA.floor == pytest.approx(0.5**2 / 2, rel=1e-12)


def test_a_mini_batch_gradient_is_the_mean_of_its_examples():
    w = np.array([-5.0, -2.0])
    X, Y = RAVINE_DATA.X[:, :3], RAVINE_DATA.Y[:, :3]
    by_hand = sum(X[:, i] * (w @ X[:, i] - Y[0, i]) for i in range(3)) / 3
    np.testing.assert_allclose(RAVINE_DATA.gradient(w, X, Y), by_hand, rtol=1e-13)
    assert not np.allclose(by_hand, RAVINE.grad(w))  # the noise: not the full gradient


def test_least_squares_for_another_bowl():
    ls = _least_squares(1.0, 3.0, m=10, noise=0.0, rng=np.random.default_rng(1))
    assert isinstance(ls, LeastSquares) and ls.X.shape == (2, 10) and ls.Y.shape == (1, 10)
    assert ls.floor == 0.0
    assert ls.cost([1.0, 1.0]) == pytest.approx(4.0, rel=1e-12)
    with pytest.raises(ValueError, match="noise"):
        _least_squares(noise=-1.0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng"):
        _least_squares(rng=0)
    with pytest.raises(ValueError, match="m must be"):
        _least_squares(m=2, rng=np.random.default_rng(0))


@pytest.mark.parametrize("name", ["gd", "momentum", "rmsprop", "adam"])
def test_full_batch_reproduces_the_old_path_exactly(name):
    for batch in (None, 64, 1000):
        opt = make_optimizers(0.1)[name]
        new = minibatch_path(opt, RAVINE_DATA, steps=100, mini_batch_size=batch)
        old = optimize_path(opt, RAVINE, steps=100)
        np.testing.assert_array_equal(new.path, old.path)
        np.testing.assert_array_equal(new.losses, old.losses)


def test_batch_size_one_wanders_and_the_same_seed_gives_the_same_path():
    runs = [minibatch_path(GradientDescent(0.1), steps=200, mini_batch_size=1,
                           rng=np.random.default_rng(s)) for s in (7, 7, 8)]
    assert np.any(np.diff(runs[0].losses) > 0)  # not monotone
    np.testing.assert_array_equal(runs[0].path, runs[1].path)
    assert not np.array_equal(runs[0].path, runs[2].path)
    full = minibatch_path(GradientDescent(0.1), steps=200)
    assert np.all(np.diff(full.losses) <= 0)  # the exact gradient: downhill at every step


def test_every_optimizer_sees_the_same_batches():
    # momentum with beta = 0 is gradient descent: with the same seed, the same path
    gd = minibatch_path(GradientDescent(0.1), steps=80, mini_batch_size=4,
                        rng=np.random.default_rng(3))
    m0 = minibatch_path(Momentum(0.1, beta=0.0), steps=80, mini_batch_size=4,
                        rng=np.random.default_rng(3))
    np.testing.assert_allclose(m0.path, gd.path, rtol=0, atol=1e-12)


def test_the_batches_cover_every_example_once_an_epoch():
    # a batch of 16 out of 64: 4 steps an epoch; the 4 gradients at w = 0 are -X_t Y_t^T / 16,
    # and their mean is the full gradient at 0, which is 0
    grads = []
    opt = GradientDescent(1e-12)
    real = opt.update

    def update(params, g, state, **kw):
        grads.append(g["dW"][:, 0].copy())
        return real(params, g, state, **kw)

    object.__setattr__(opt, "update", update)
    minibatch_path(opt, start=[0.0, 0.0], steps=4, mini_batch_size=16,
                   rng=np.random.default_rng(0))
    np.testing.assert_allclose(np.mean(grads, axis=0), 0.0, atol=1e-9)
    assert not np.allclose(grads[0], 0.0)


def test_decay_reduces_the_final_wander():
    for name in ("gd", "rmsprop"):
        opt = make_optimizers(0.1)[name]
        const = minibatch_path(opt, steps=300, mini_batch_size=4, rng=np.random.default_rng(0))
        decay = minibatch_path(opt, steps=300, mini_batch_size=4, rng=np.random.default_rng(0),
                               schedule=partial(inverse_time_decay, 0.1, decay_rate=0.01))
        assert wander(decay.path) < 0.7 * wander(const.path), name


def test_momentum_and_adam_wander_less_than_gradient_descent_and_rmsprop():
    w = {name: wander(minibatch_path(opt, steps=300, mini_batch_size=4,
                                     rng=np.random.default_rng(0)).path)
         for name, opt in make_optimizers(0.1).items()}
    assert max(w["momentum"], w["adam"]) < min(w["gd"], w["rmsprop"])


def test_a_schedule_is_used_step_by_step():
    # GD with alpha_t = 0.1 / (1 + t): the first step is the same, the second half as long
    sched = partial(inverse_time_decay, 0.1, decay_rate=1.0)
    path = optimize_path(GradientDescent(0.1), RAVINE, steps=2, schedule=sched).path
    g0 = RAVINE.grad(RAVINE.start)
    np.testing.assert_allclose(path[1], RAVINE.start - 0.1 * g0, rtol=1e-15)
    np.testing.assert_allclose(path[2], path[1] - 0.05 * RAVINE.grad(path[1]), rtol=1e-15)
    with pytest.raises(ValueError, match="schedule must return"):
        optimize_path(GradientDescent(0.1), RAVINE, steps=2, schedule=lambda t: 0.0)
    with pytest.raises(ValueError, match="schedule must be None"):
        optimize_path(GradientDescent(0.1), RAVINE, steps=2, schedule=0.1)


def test_extreme_settings_are_safe():
    for opt in (GradientDescent(3.0), Adam(3.0)):
        run = minibatch_path(opt, steps=100, mini_batch_size=1, rng=np.random.default_rng(0))
        n = int(np.count_nonzero(np.isfinite(run.losses)))
        assert np.all(np.isfinite(run.path[:n]))
    assert minibatch_path(GradientDescent(0.1), steps=0, mini_batch_size=1,
                          rng=np.random.default_rng(0)).path.shape == (1, 2)


def test_minibatch_path_checks_its_arguments():
    with pytest.raises(ValueError, match="rng"):
        minibatch_path(GradientDescent(0.1), mini_batch_size=4)
    with pytest.raises(ValueError, match="problem"):
        minibatch_path(GradientDescent(0.1), RAVINE)
    with pytest.raises(ValueError, match="mini_batch_size"):
        minibatch_path(GradientDescent(0.1), mini_batch_size=0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="start"):
        minibatch_path(GradientDescent(0.1), start=[1.0, 2.0, 3.0])


def test_steps_to_tolerance():
    assert steps_to_tolerance([4.0, 1.0, 0.05, 0.2, 0.01, 0.001], 0.1) == 4  # came back up
    assert steps_to_tolerance([0.01, 0.001], 0.1) == 0
    assert steps_to_tolerance([4.0, 1.0], 0.1) is None
    assert steps_to_tolerance([4.0, 0.01, np.nan], 0.1) is None  # diverged: never
    assert steps_to_tolerance([1.5, 1.2, 1.05], 0.1, f_min=1.0) == 2
    assert steps_to_tolerance([1.0, 0.1], 0.1) == 1  # <= counts
    with pytest.raises(ValueError, match="tol"):
        steps_to_tolerance([1.0], 0.0)
    with pytest.raises(ValueError, match="losses"):
        steps_to_tolerance([[1.0]], 0.1)


def test_ranking_by_tolerance_is_not_ranking_by_the_last_loss():
    # momentum's last loss can be lower than GD's while it got there later, or the reverse;
    # on the ravine at alpha = 0.1, RMSprop gets within 1e-2 first but bounces above 1e-3
    runs = {name: optimize_path(opt, RAVINE, steps=100)
            for name, opt in make_optimizers(0.1).items()}
    at_1e2 = {n: steps_to_tolerance(r.losses, 1e-2) for n, r in runs.items()}
    assert at_1e2["rmsprop"] < at_1e2["adam"]
    assert runs["adam"].losses[-1] < runs["rmsprop"].losses[-1]
    assert steps_to_tolerance(runs["rmsprop"].losses, 1e-3) is None


def test_wander():
    assert wander(np.zeros((5, 2))) == 0.0
    assert np.isnan(wander([[0.0, 0.0], [np.nan, np.nan]]))
    with pytest.raises(ValueError, match="path"):
        wander(np.zeros(5))


def test_first_reach_against_staying_within_the_tolerance():
    from dlnotes.surfaces import steps_to_tolerance

    losses = [4.0, 1.0, 0.05, 0.2, 0.01, 0.001]
    assert steps_to_tolerance(losses, 0.1, stay=False) == 2
    assert steps_to_tolerance(losses, 0.1) == 4
    assert steps_to_tolerance([4.0, 0.5], 0.1, stay=False) is None
    assert steps_to_tolerance([0.01, 0.5], 0.1, stay=False) == 0
    assert steps_to_tolerance([0.01, 0.5], 0.1) is None


def test_sign_changes_counts_the_zig_zags_of_gradient_descent_on_the_ravine():
    from dlnotes.optim import RAVINE, GradientDescent
    from dlnotes.surfaces import optimize_path, sign_changes

    # y is multiplied by 1 - 4 alpha at every step: no flip at 0.1, a flip every step at 0.4
    assert sign_changes(optimize_path(GradientDescent(0.1), RAVINE, steps=50).path) == 0
    assert sign_changes(optimize_path(GradientDescent(0.4), RAVINE, steps=50).path) == 50
    assert sign_changes(optimize_path(GradientDescent(0.4), RAVINE, steps=50).path, 0) == 0
    with pytest.raises(ValueError, match="coordinate"):
        sign_changes([[0.0, 1.0]], coordinate=2)
    # at 0.6 y is multiplied by -1.4 a step: it flips at each of the 38 steps before diverging
    # (the NaN rows after the divergence are not steps: each used to count as a sign change)
    diverged = optimize_path(GradientDescent(0.6), RAVINE, steps=50)
    assert diverged.steps_taken == 38 and sign_changes(diverged.path) == 38
    with pytest.raises(ValueError, match="path"):
        sign_changes([1.0, 2.0])


def test_a_nan_is_a_divergence_only_at_the_end_of_a_run():
    """Rows of NaN after a divergence are what optimize_path records; a NaN among finite
    rows, or an infinity, is a mistake and is refused (issue 12)."""
    from dlnotes.surfaces import sign_changes

    assert steps_to_tolerance([1.0, 0.01, np.nan, np.nan], 0.1) is None
    assert np.isnan(wander([[1.0, 1.0], [0.5, 0.5], [np.nan, np.nan]], last=2))
    with pytest.raises(ValueError, match="losses must be finite, then NaN"):
        steps_to_tolerance([np.nan, 0.01], 0.1)
    with pytest.raises(ValueError, match="losses must be finite"):
        steps_to_tolerance([1.0, np.inf], 0.1)
    with pytest.raises(ValueError, match="path must be finite"):
        wander([[np.nan, 1.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="path must be finite"):
        sign_changes([[0.0, 1.0], [np.nan, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="coordinate must be 0"):
        sign_changes([[0.0, 1.0]], coordinate=1.0)
    with pytest.raises(TypeError, match="f_min must be a real number"):
        steps_to_tolerance([1.0], 0.1, f_min="0")
