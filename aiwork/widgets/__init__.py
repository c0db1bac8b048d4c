"""Learner tools for the notebooks (ipywidgets, Vietnamese labels).

- ``tro_ly()``: the assistant chat panel (history, streamed replies, which model answered).
- ``trinh_tao_loi_nhac()``: the prompt builder (six parts → prompt text).
"""

from aiwork.widgets.builder import trinh_tao_loi_nhac
from aiwork.widgets.chat import tro_ly

__all__ = ["tro_ly", "trinh_tao_loi_nhac"]
