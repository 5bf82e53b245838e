"""The batch-norm explorer and its plot helpers (issue 4), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.experiments import layer_activations
from dlnotes.viz.batchnorm import (
    batchnorm_explorer,
    plot_bn_distributions,
    plot_layer_stats,
    plot_train_vs_inference,
)

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here

EPOCHS = 4


@pytest.fixture(scope="module")
def built():
    return batchnorm_explorer(hidden=(8, 8), m_train=128, m_dev=32, m_probe=32, epochs=EPOCHS,
                              batch_sizes=(2, 8, 32), mini_batch_size=32)


@pytest.fixture
def explorer(built):
    built.set(batchnorm=True, epoch=1, batch_size=2)
    return built


def test_explorer_contract(explorer):
    assert set(explorer.controls) == {"batchnorm", "epoch", "batch_size"}
    assert isinstance(explorer.figure, Figure)
    assert explorer.widget is not None


def test_both_networks_start_alike_and_record_every_epoch(explorer):
    plain, bn = explorer.runs[False], explorer.runs[True]
    np.testing.assert_array_equal(plain.snapshots[0][0]["W1"].shape, bn.snapshots[0][0]["W1"].shape)
    assert len(plain.snapshots) == len(bn.snapshots) == EPOCHS
    assert plain.means.shape == bn.means.shape == (EPOCHS, 2)
    assert "gamma1" in bn.model.params and "gamma1" not in plain.model.params
    assert bn.snapshots[0][1] and not plain.snapshots[0][1]  # running stats only with BN


def test_with_bn_each_unit_enters_its_activation_with_mean_beta(explorer):
    """Training mode on the probe: the per-unit mean of Z_tilde is exactly beta."""
    run = explorer.runs[True]
    for e in (0, EPOCHS - 1):
        params = run.snapshots[e][0]
        for layer, Zt in enumerate(run.inputs[e], start=1):
            np.testing.assert_allclose(Zt.mean(axis=1, keepdims=True), params[f"beta{layer}"],
                                       rtol=0, atol=1e-12)


def test_without_bn_train_and_inference_modes_agree(explorer):
    p_inf, p_train = explorer.mode_outputs(False, EPOCHS, 2)
    np.testing.assert_allclose(p_train, p_inf, rtol=0, atol=1e-12)


def test_with_bn_small_batches_differ_from_inference(explorer):
    p_inf, p_train = explorer.mode_outputs(True, EPOCHS, 2)
    assert np.mean(np.abs(p_train - p_inf)) > 1e-3
    params, stats = explorer.runs[True].snapshots[-1]
    model = explorer.runs[True].model
    np.testing.assert_allclose(  # the last snapshot is the trained model
        stats["running_mean1"], model.batchnorm_stats["running_mean1"], rtol=0, atol=0
    )
    probs = layer_activations(model, explorer.X_dev)[f"A{model.config.L}"]
    np.testing.assert_allclose(p_inf, np.sum(probs * explorer.Y_dev, axis=0), rtol=0, atol=1e-12)


def test_each_control_redraws(explorer):
    def state():
        return (
            [p.vertices.copy() for p in explorer.ridge.polygons.get_paths()],
            explorer.mode.points.get_offsets().copy(),
            explorer.ax_hist.get_title(),
            explorer.mode_text.get_text(),
        )

    for name, value in (("epoch", EPOCHS), ("batch_size", 32), ("batchnorm", False)):
        before = state()
        explorer.controls[name].value = value
        after = state()
        if name != "batch_size":
            assert after[2] != before[2], name
            assert not all(np.array_equal(a, b) for a, b in zip(before[0], after[0],
                                                                strict=True)), name
        if name != "batchnorm":  # (the mode panel of the plain network is the diagonal)
            assert not np.array_equal(before[1], after[1]), name
        assert after[3] != before[3], name


def test_epoch_slider_moves_the_markers(explorer):
    explorer.controls["epoch"].value = 3
    assert explorer.stats.epoch.get_xdata()[0] == 3
    cost = explorer.runs[True].model.history.cost[2]
    assert tuple(explorer.cost_marks[True].get_xydata()[0]) == (3, cost)


def test_extremes_draw(explorer):
    for bn in (False, True):
        for epoch in (1, EPOCHS):
            explorer.set(batchnorm=bn, epoch=epoch, batch_size=2)
    explorer.set(batch_size=32)
    explorer.png()


# --------------------------------------------------------------------------- plot helpers


def test_plot_helpers_return_artists_and_accept_an_axes():
    rng = np.random.default_rng(0)
    ridge = plot_bn_distributions([rng.standard_normal((4, 10)) for _ in range(3)])
    assert isinstance(ridge.polygons.axes.figure, Figure)
    assert len(ridge.polygons.get_paths()) == 3
    ax = Figure().add_subplot()
    stats = plot_layer_stats(np.arange(1, 4), np.zeros((3, 2)), np.ones((3, 2)), ax, epoch=2)
    assert len(stats.means) == len(stats.bands) == 2 and stats.epoch.get_visible()
    assert stats.means[0].axes is ax
    mode = plot_train_vs_inference(np.array([0.1, 0.9]), np.array([0.2, 0.8]))
    np.testing.assert_allclose(mode.points.get_offsets(), [[0.1, 0.2], [0.9, 0.8]])
