"""The preview renders HTML always, and a page image only where LibreOffice is installed."""

from __future__ import annotations

import shutil

import pytest

from aiwork.decree30 import check_docx, preview
from aiwork.decree30 import rules as R


def test_html_preview_shows_the_parts(sample_paths):
    html = preview.to_html(sample_paths["bao_cao"])
    assert R.NATIONAL_TEXT in html and R.SLOGAN_TEXT in html and "BÁO CÁO" in html
    assert "border-bottom:1px solid #000" in html  # the rules under agency, slogan, subject
    assert "text-align:justify" in html and "font-size:14pt" in html
    assert "<table" in html and "Cấp xã, phường" in html


def test_show_degrades_without_libreoffice(sample_paths, monkeypatch):
    monkeypatch.setattr(preview, "soffice", lambda: None)
    out = preview.show(sample_paths["cong_van"])
    assert "chưa cài LibreOffice" in out.data and R.SLOGAN_TEXT in out.data


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice / poppler not installed (optional)",
)
def test_libreoffice_page_image_and_round_trip(sample_paths, tmp_path):
    png = preview.page_image(sample_paths["cong_van"])
    assert png is not None and png.startswith(b"\x89PNG")
    # A document re-saved by LibreOffice is still judged compliant.
    out = preview.convert(sample_paths["quyet_dinh"], "docx", tmp_path)
    assert out is not None and check_docx(out) == []
