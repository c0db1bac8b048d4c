"""Learner tools for the notebooks (ipywidgets, Vietnamese labels).

- ``tro_ly()``: the assistant chat panel (history, streamed replies, which model answered).
- ``trinh_tao_loi_nhac()``: the prompt builder (six parts → prompt text).
- ``phan_tich_loi_nhac(loi_nhac)``: which of the six parts a prompt states (printed).
- ``tro_giang()``: the tutor on its own (also the second tab of ``tro_ly()``).
"""

from aiwork.widgets.builder import phan_tich_loi_nhac, trinh_tao_loi_nhac
from aiwork.widgets.chat import tro_ly
from aiwork.widgets.tutor import tro_giang

__all__ = ["phan_tich_loi_nhac", "tro_ly", "trinh_tao_loi_nhac", "tro_giang"]
