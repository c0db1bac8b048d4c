"""Charts render Vietnamese text: the font has every glyph and matplotlib warns about none."""

from __future__ import annotations

import unicodedata
import warnings

import matplotlib
import pytest
from matplotlib import font_manager
from PIL import Image

from aiwork.reporting import charts, data

CHARTS = [
    (charts.online_share_by_month, data.SERVICES),
    (charts.online_share_by_commune, data.SERVICES),
    (charts.training_against_target, data.TRAINING),
]


def test_font_is_dejavu_and_covers_vietnamese():
    path = charts.font_path()
    assert font_manager.get_font(path).family_name == "DejaVu Sans"
    sample = "ẮẰẲẴẶắằẳẵặỀỂỄỆềểễệỐỒỔỖỘốồổỗộỚỜỞỠỢớờởỡợỨỪỬỮỰứừửữựỲỴỶỸỳỵỷỹĐđƠơƯư"
    assert charts.missing_glyphs(sample, path) == set()


def test_missing_glyphs_detects_a_font_without_vietnamese():
    # Computer Modern (shipped with matplotlib for mathtext) has no Vietnamese letters.
    cm = str(matplotlib.get_data_path()) + "/fonts/ttf/cmr10.ttf"
    assert {"ệ", "ự"} <= charts.missing_glyphs("Tỷ lệ hồ sơ trực tuyến", cm)


def _glyph_warnings(caught) -> list:
    return [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def test_the_warning_check_would_catch_a_font_without_vietnamese(tmp_path):
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with plt.rc_context({"font.family": "cmr10"}):
            fig, ax = plt.subplots()
            ax.set_title("Tỷ lệ hồ sơ trực tuyến")
            fig.savefig(tmp_path / "bad.png")
            plt.close(fig)
    assert _glyph_warnings(caught)


@pytest.mark.parametrize(("draw", "table"), CHARTS)
def test_chart_renders_vietnamese_without_missing_glyphs(tmp_path, draw, table):
    df = data.load_table(data.data_path(table))
    out = tmp_path / "chart.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw(df, out)
    assert _glyph_warnings(caught) == []
    texts = charts.chart_texts(fig)
    joined = "".join(texts)
    assert any(ch in joined for ch in "ệởữượ"), "the chart should carry Vietnamese labels"
    assert charts.missing_glyphs(joined) == set()
    fonts = {t.get_fontname() for t in fig.findobj(lambda a: hasattr(a, "get_fontname"))}
    assert fonts == {"DejaVu Sans"}
    assert charts.SOURCE_NOTE in texts  # every chart says the data is synthetic
    with Image.open(out) as img:
        assert img.format == "PNG" and img.width >= 900 and img.height >= 500


def test_numbers_on_charts_use_decimal_comma():
    fig = charts.online_share_by_month(data.load_services())
    labels = [t for t in charts.chart_texts(fig) if t[:1].isdigit()]
    assert labels and all("." not in t for t in labels)
    assert any("," in t for t in labels)


def _raster(ch: str, family: str) -> bytes:
    """The pixels of one character drawn alone, in ``family``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(0.5, 0.5), dpi=60)
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.2, ch, family=family, fontsize=24)
    fig.canvas.draw()
    return bytes(fig.canvas.buffer_rgba())


def _distinct_glyphs(letters: list[str], family: str) -> bool:
    """Missing glyphs all draw as the same box: distinct letters must give distinct pixels,
    and a letter with diacritics must not draw like its base letter."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        images = {ch: _raster(ch, family) for ch in letters}
        bases = {ch: _raster(unicodedata.normalize("NFD", ch)[0], family) for ch in letters}
    return len(set(images.values())) == len(letters) and all(
        images[ch] != bases[ch] for ch in letters if unicodedata.normalize("NFD", ch)[0] != ch
    )


def test_vietnamese_letters_on_the_charts_draw_real_glyphs():
    # On the image itself, for every non-ASCII letter used on the charts.
    texts = []
    for draw, table in CHARTS:
        texts += charts.chart_texts(draw(data.load_table(data.data_path(table))))
    letters = sorted({ch for ch in "".join(texts) if ord(ch) > 127 and ch.isalpha()})
    assert len(letters) >= 15
    assert _distinct_glyphs(letters, charts.FONT_FAMILY)
    # the same check fails for a font without Vietnamese letters
    assert not _distinct_glyphs(letters, "cmr10")
