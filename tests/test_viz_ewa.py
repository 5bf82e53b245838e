"""EWA explorer and plot_ewa: beta and bias correction change what they should."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.ewa import ewa, ewa_as_in_notes
from dlnotes.viz import ewa_explorer, plot_ewa

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def ex():
    return ewa_explorer()


def test_lines_are_the_maths_modules_curves(ex):
    ex.controls["beta"].value = 0.95
    np.testing.assert_allclose(ex.all.ewa.get_ydata(), ewa(ex.theta, 0.95), rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        ex.all.corrected.get_ydata(), ewa(ex.theta, 0.95, bias_correction=True),
        rtol=0, atol=1e-12,
    )
    n = ex.start_days
    np.testing.assert_allclose(ex.start.ewa.get_ydata(), ewa(ex.theta, 0.95)[:n], atol=1e-12)


def test_beta_moves_the_curves_and_the_window(ex):
    before = ex.all.ewa.get_ydata().copy()
    width = ex.all.window.get_width()
    ex.controls["beta"].value = 0.98
    assert not np.allclose(ex.all.ewa.get_ydata(), before)
    assert ex.all.window.get_width() == pytest.approx(50.0) and width == pytest.approx(10.0)
    assert "1/(1 − β) = 50 days" in ex.all.label.get_text()


def test_bias_correction_toggle_shows_and_hides_the_corrections(ex):
    assert ex.all.corrected.get_visible() and ex.all.notes.get_visible()
    ex.controls["bias_correction"].value = False
    assert not ex.all.corrected.get_visible() and not ex.all.notes.get_visible()
    assert ex.all.ewa.get_visible()
    assert "notes' formula" not in ex.all.label.get_text()


def test_notes_formula_is_shown_and_named(ex):
    ex.controls["beta"].value = 0.9
    assert "notes' formula peaks at 1.63e+05 on day 21" in ex.all.label.get_text()
    wrong = ewa_as_in_notes(ex.theta, 0.9)
    low, high = ex.ax_all.get_ylim()
    shown = ex.all.notes.get_ydata()
    inside = (wrong > low) & (wrong < high)
    np.testing.assert_allclose(shown[inside], wrong[inside], rtol=0, atol=1e-12)
    assert np.all(shown[~inside] > high)  # the overshoot leaves through the top


def test_beta_near_one_overflows_quietly_and_stays_drawable(ex):
    ex.controls["beta"].value = 0.999  # the notes' recursion overflows float64 here
    assert "overflows to inf" in ex.all.label.get_text()
    for line in (ex.all.ewa, ex.all.corrected, ex.all.notes, ex.start.notes):
        assert np.all(np.isfinite(line.get_ydata()))
    assert "1000 days" in ex.all.label.get_text()
    assert ex.all.window.get_width() == pytest.approx(len(ex.theta))  # capped at the series


def test_beta_zero_is_the_data(ex):
    ex.controls["beta"].value = 0.0
    np.testing.assert_allclose(ex.all.ewa.get_ydata(), ex.theta, rtol=0, atol=1e-12)
    assert "only 1 − β¹⁰ = 100% of the level" in ex.start.label.get_text()


def test_startup_panel_reports_the_bias(ex):
    ex.controls["beta"].value = 0.9
    assert "only 1 − β¹⁰ = 65% of the level" in ex.start.label.get_text()


def test_plot_ewa_on_its_own_and_on_a_given_axes():
    theta = np.linspace(40.0, 60.0, 30)
    art = plot_ewa(theta, 0.5)
    assert isinstance(art.ewa.axes.figure, Figure)
    fig = Figure()
    ax = fig.add_subplot()
    art2 = plot_ewa(theta, 0.5, ax=ax, bias_correction=False, legend=False)
    assert art2.ewa.axes is ax and ax.get_legend() is None
    assert not art2.corrected.get_visible()
    np.testing.assert_allclose(art2.ewa.get_ydata(), ewa(theta, 0.5), rtol=0, atol=1e-12)


def test_explorer_accepts_its_own_series():
    ex = ewa_explorer(np.full(20, 3.0), beta=0.5, start_days=10)
    np.testing.assert_allclose(ex.all.corrected.get_ydata(), 3.0, rtol=0, atol=1e-12)
    assert len(ex.start.ewa.get_ydata()) == 10


@pytest.mark.parametrize("beta", [0.9, 0.99, 0.999])
def test_the_uncorrected_ewa_stays_within_the_axes(ex, beta):
    """At beta = 0.999 the uncorrected EWA stays far below the series all year: the y range
    grows to hold it instead of leaving an empty plot; it shrinks back afterwards."""
    base = ex.all.ewa.axes.get_ylim()
    ex.set(beta=beta, bias_correction=False)
    for art in (ex.all, ex.start):
        low, high = art.ewa.axes.get_ylim()
        y = art.ewa.get_ydata()
        inside = np.count_nonzero((y >= low) & (y <= high))
        assert inside >= len(y) / 2, (beta, inside, len(y))
        if beta == 0.999:  # the whole curve, not a sliver
            assert inside == len(y)
    ex.set(beta=0.9)
    assert ex.all.ewa.axes.get_ylim() == base
