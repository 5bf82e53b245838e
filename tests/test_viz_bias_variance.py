"""The bias / variance explorer and its plot helpers (issue 4), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import nn
from dlnotes.datasets import make_moons
from dlnotes.diagnosis import diagnose
from dlnotes.optim import Adam
from dlnotes.viz.bias_variance import (
    _WORDING,
    _decision_grid,
    _diagnosis_layers,
    _diagnosis_text,
    bias_variance_explorer,
    plot_decision_boundary,
    plot_errors,
)

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here

SMALL = dict(
    capacities={"tiny": (2,), "big": (16, 16)}, lambdas=(0.0, 1.0), keep_probs=(1.0, 0.7),
    sizes=(20, 60), m_dev=100, epochs=60, resolution=24,
)


@pytest.fixture(scope="module")
def built():
    return bias_variance_explorer(**SMALL)


@pytest.fixture
def explorer(built):
    built.set(capacity="big", m_train=20, lambd=0.0, keep_prob=1.0)
    return built


def test_explorer_contract(explorer):
    assert set(explorer.controls) == {"capacity", "m_train", "lambd", "keep_prob"}
    assert isinstance(explorer.figure, Figure)
    assert explorer.widget is not None


def test_one_batched_sweep_per_capacity_and_size(explorer):
    assert set(explorer.groups) == {(c, n) for c in ("tiny", "big") for n in (20, 60)}
    sweep = explorer.groups["big", 60].sweep
    assert len(sweep) == 4  # lambdas x keep_probs
    assert sweep.hyperparameters["lambd"] == [0.0, 0.0, 1.0, 1.0]
    assert sweep.hyperparameters["keep_prob"] == [1.0, 0.7, 1.0, 0.7]
    assert explorer.index(1.0, 0.7) == 3


def test_errors_and_diagnosis_are_those_of_the_selected_network(explorer):
    explorer.set(capacity="tiny", m_train=60, lambd=1.0, keep_prob=0.7)
    k = explorer.index(1.0, 0.7)
    group = explorer.groups["tiny", 60]
    X, Y = explorer.X_pool[:, :60], explorer.Y_pool[:, :60]
    model = group.sweep.model(k)
    train = 1 - nn.accuracy(model, X, Y)
    dev = 1 - nn.accuracy(model, explorer.X_dev, explorer.Y_dev)
    heights = [bar.get_height() for bar in explorer.errors.bars]
    np.testing.assert_allclose(heights, [explorer.bayes_error, train, dev], rtol=0, atol=1e-12)
    expected = diagnose(train, dev, explorer.bayes_error)
    assert explorer.diagnosis == expected
    report = explorer.report  # the report on display: _diagnosis_text's, wrapped the same way
    assert report.splitlines()[0] == f"Diagnosis: {expected.verdict}"
    assert report.split() == _diagnosis_text(expected).split()  # but for where it wraps
    assert max(len(line) for line in report.splitlines()) <= 50


def test_the_report_layers_never_overlap():
    """Numbers and advice are texts over the static wording: no character on another."""
    for train, dev, bayes in ((0.01, 0.11, 0.0), (0.2, 0.21, 0.05), (1.0, 0.0, 0.5),
                              (0.004, 0.9, 0.0)):
        layers = ["\n".join(_WORDING), *_diagnosis_layers(diagnose(train, dev, bayes))]
        rows = [layer.split("\n") for layer in layers]
        for i in range(max(map(len, rows))):
            lines = [r[i] if i < len(r) else "" for r in rows]
            for j in range(max(map(len, lines))):
                inked = [line[j] for line in lines if j < len(line) and line[j] != " "]
                assert len(inked) <= 1, (layers, i, j)


def test_each_control_redraws(explorer):
    for name, value in (("capacity", "tiny"), ("m_train", 60), ("lambd", 1.0),
                        ("keep_prob", 0.7)):
        image = explorer.boundary.image.get_array().copy()
        title = explorer.ax_map.get_title()
        explorer.controls[name].value = value
        assert not np.array_equal(image, explorer.boundary.image.get_array()), name
        assert explorer.ax_map.get_title() != title, name


def test_training_size_changes_the_points(explorer):
    assert len(explorer.boundary.points.get_offsets()) == 20
    explorer.controls["m_train"].value = 60
    assert len(explorer.boundary.points.get_offsets()) == 60


def test_the_big_network_on_few_points_overfits_more_than_the_tiny_one(explorer):
    big = explorer.groups["big", 20]
    tiny = explorer.groups["tiny", 20]
    gap = big.dev_error[0] - big.train_error[0]
    assert big.train_error[0] <= tiny.train_error[0]
    assert gap > 0  # a dev error above a (near) perfect training error


def test_bayes_error_is_the_true_borders(explorer):
    assert 0.0 < explorer.bayes_error < 0.15


def test_the_error_axes_never_move(explorer):
    limits = explorer.ax_err.get_ylim()
    for c in ("tiny", "big"):
        for n in (20, 60):
            explorer.set(capacity=c, m_train=n, lambd=1.0, keep_prob=0.7)
            assert explorer.ax_err.get_ylim() == limits
    explorer.png()


# --------------------------------------------------------------------------- plot helpers


def test_plot_decision_boundary_with_a_model_and_with_params():
    X, Y = make_moons(60, noise=0.1, rng=np.random.default_rng(0))
    model = nn.train(X, Y, [2, 8, 1], optimizer=Adam(0.05), epochs=150,
                     rng=np.random.default_rng(0))
    artists = plot_decision_boundary(model, X, Y, resolution=30)
    assert isinstance(artists.image.axes.figure, Figure)
    P = artists.image.get_array()
    assert P.shape == (30, 30) and 0.0 <= P.min() and P.max() <= 1.0
    assert len(artists.boundary.get_segments()) >= 1  # it found a 0.5 level line
    assert len(artists.points.get_offsets()) == 60
    ax = Figure().add_subplot()
    again = plot_decision_boundary(model.params, X, Y, ax, resolution=30)
    assert again.image.axes is ax
    np.testing.assert_allclose(again.image.get_array(), P, rtol=0, atol=1e-12)


def test_decision_grid_covers_the_points():
    X = np.array([[0.0, 1.0, 2.0], [0.0, -1.0, 1.0]])
    grid = _decision_grid(X, resolution=5, margin=0.0)
    assert grid.X.shape == (2, 25)
    assert (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]) == (0.0, 2.0, -1.0, 1.0)


def test_plot_errors_labels_the_gaps():
    artists = plot_errors(0.15, 0.30, 0.05)
    assert [b.get_height() for b in artists.bars] == [0.05, 0.15, 0.30]
    assert "+10.0%" in artists.bias_label.get_text()
    assert "+15.0%" in artists.variance_label.get_text()


def test_diagnosis_text_is_compact_and_complete():
    text = _diagnosis_text(diagnose(0.01, 0.11))
    assert text.splitlines()[0] == "Diagnosis: high variance"
    assert "+10.0%" in text and "more data" in text
    assert max(len(line) for line in text.splitlines()) <= 50


def test_blitted_redraws_match_a_full_draw(explorer):
    """The map's wash never covers the true border or the frame; nothing goes stale."""
    import io

    for name, value in (("capacity", "tiny"), ("m_train", 60), ("lambd", 1.0),
                        ("keep_prob", 0.7), ("capacity", "big")):
        explorer.controls[name].value = value
        shown = np.asarray(explorer.figure.canvas.buffer_rgba()).astype(int)
        buf = io.BytesIO()
        explorer.figure.savefig(buf, format="rgba", dpi=explorer.figure.dpi)
        explorer.redraw(set())
        saved = np.frombuffer(buf.getvalue(), np.uint8).reshape(shown.shape).astype(int)
        # At the capped dpi (84 for a 10-inch figure, to fit a 900 px column) the blit and a
        # full draw antialias a few tick-mark pixels in a different order: at most a handful of
        # channel values, off by at most 4/255. A stale or ghost artist differs far more.
        diff = np.abs(shown - saved)
        assert diff.max() <= 4 and np.count_nonzero(diff) <= 32, (
            f"{name}={value!r}: {np.count_nonzero(diff)} values differ, by up to {diff.max()}")


def test_every_map_and_boundary_is_ready_at_construction(built):
    n_cells = len(built.groups) * len(built.lambdas) * len(built.keep_probs)
    assert len(built._maps) == len(built._boundaries) == n_cells
