"""Tables as a Vietnamese official reads them (module 4 lesson): ``198.722``, ``62,4``,
``tháng 10/2026``, ``23/11/2026``, yes/no as ``có``/``không`` — formatted with :mod:`aiwork.vi` (one home of number and
date formats) and :func:`aiwork.reporting.figures.month_label`; the data itself is unchanged."""

from __future__ import annotations

import numbers
import re

import numpy as np
import pandas as pd

from aiwork.reporting.figures import month_label
from aiwork.vi import format_date, format_number, parse_date

_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _cell(value: object, decimals: int) -> object:
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "có" if value else "không"
    if isinstance(value, numbers.Integral):
        return format_number(int(value), 0)
    if isinstance(value, numbers.Real):
        return format_number(float(value), decimals)
    if isinstance(value, str) and _MONTH.match(value):
        return month_label(value)
    if isinstance(value, str) and _DATE.match(value):
        return format_date(parse_date(value))
    return value


def bang(df: pd.DataFrame, decimals: int = 1):
    """The table with Vietnamese number, month and date formats (a pandas Styler: shown as a
    table in the notebook)."""
    return df.style.format(lambda v: _cell(v, decimals)).format_index(lambda v: _cell(v, decimals))
