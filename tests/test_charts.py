"""Geometry of the SVG bar chart."""

from decimal import Decimal

import pytest

from ecri_lms.infra.charts import (
    LABEL_WIDTH,
    MIN_GROUP_WIDTH,
    PLOT_WIDTH,
    grouped_bars,
    grouped_columns,
    horizontal_bars,
)


def test_bars_share_an_axis_through_zero_and_negative_bars_go_left():
    chart = horizontal_bars(
        [
            ("FIN", Decimal("8.4"), False),
            ("PROJ", Decimal("-0.9"), False),
            ("IP", Decimal("2"), True),
            ("ECON", None, True),
        ]
    )
    assert [bar.label for bar in chart.bars] == ["FIN", "PROJ", "IP"]  # no value, no bar
    fin, proj, ip = chart.bars
    # The axis runs from -1 to 9: 380 px for 10 units, zero at 70 + 38 = 108.
    assert chart.zero_x == LABEL_WIDTH + PLOT_WIDTH / 10
    assert fin.x == chart.zero_x and fin.width == pytest.approx(8.4 * 38) and not fin.negative
    assert proj.x + proj.width == chart.zero_x and proj.negative
    assert ip.too_few and fin.y < proj.y < ip.y
    assert "0" in [tick.text for tick in chart.ticks]
    assert [bar.value_text for bar in chart.bars] == ["8.40", "-0.90", "2.00"]


def test_an_empty_chart_has_no_bars_but_a_valid_axis():
    chart = horizontal_bars([("FIN", None, True)])
    assert chart.bars == [] and chart.zero_x == LABEL_WIDTH and [t.text for t in chart.ticks] == ["0", "1"]


def test_grouped_bars_share_a_nice_axis_and_skip_missing_values():
    chart = grouped_bars([("HBIO", [10, 3]), ("LSK", [7, None])], ["Offered", "Filled"])
    assert [t.text for t in chart.ticks] == ["0", "2", "4", "6", "8", "10"]
    hbio, lsk = chart.groups
    assert [bar.width for bar in hbio.bars] == [PLOT_WIDTH, pytest.approx(PLOT_WIDTH * 0.3)]
    assert [bar.series for bar in lsk.bars] == [0] and [e.text for e in chart.legend] == ["Offered", "Filled"]
    assert hbio.bars[1].y < lsk.bars[0].y


def test_grouped_columns_put_months_side_by_side_from_a_common_baseline():
    chart = grouped_columns([("2027-01", [0, 4]), ("2027-02", [2, 1])], ["HBIO", "LSK"])
    january, february = chart.groups
    assert january.label_x < february.label_x
    assert january.columns[0].height == 0 and january.columns[1].y + january.columns[1].height == chart.baseline
    assert january.columns[1].height == pytest.approx(4 * february.columns[1].height)
    assert [t.text for t in chart.ticks][0] == "0"
    single = grouped_columns([("Jan 27", [1]), ("Feb 27", [2])], ["HBIO"])
    assert single.groups[1].label_x - single.groups[0].label_x >= MIN_GROUP_WIDTH  # labels never overlap


def test_counts_get_whole_number_ticks_and_shares_may_not():
    assert [t.text for t in grouped_bars([("HBIO", [1])], ["Runs"]).ticks] == ["0", "1"]
    assert [t.text for t in grouped_bars([("HBIO", [0.6])], ["Rate"]).ticks][:3] == ["0", "0.2", "0.4"]
