"""Read a table the way Vietnamese offices save it, and say what was assumed.

Excel set to Vietnamese saves CSV with ``;`` between columns and numbers such as ``1.480`` (a dot
groups thousands) and ``84,5`` (a decimal comma); exports from other tools use ``,`` and ``84.5``;
some quote every number (``"3.193"``). Reading such a file with English defaults turns 3.193 (three
thousand one hundred ninety-three) into 3,193 and splits ``84,5`` into two columns, so a correct
narrative looks invented. Here the separator is detected, each column's number convention is
decided from all of its values, and every decision that was not obvious is reported in Vietnamese
(``Table.notes``) so the user can see it and correct the file if it was wrong.

Per column, when every value is a number (``%`` allowed, then the column holds percentages):
- values fit only one convention: that one;
- values fit both (e.g. only ``3.193``-shaped numbers): Vietnamese (dot = thousands) when the
  file uses ``;`` or every dotted value has the thousands shape, and a note says so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aiwork.vi import nfc

_VN = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_EN = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DOTTED_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_BLANKS = re.compile(r"[ \t\u00a0]+")
_SEPARATOR_VI = {",": "dấu phẩy (,)", ";": "dấu chấm phẩy (;)", "\t": "dấu tab"}


@dataclass
class Table:
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)  # Vietnamese: what was assumed
    percent_columns: list[str] = field(default_factory=list)


def sniff_separator(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        counts = {sep: lines[0].count(sep) for sep in ",;\t"}
        return max(counts, key=counts.get) if max(counts.values()) else ","


def _fits(pattern: re.Pattern[str], blob: str) -> bool:
    """Every line of ``blob`` fully matches ``pattern`` (one C-level regex pass)."""
    return (
        re.fullmatch(rf"(?:{pattern.pattern[1:-1]})(?:\n(?:{pattern.pattern[1:-1]}))*", blob)
        is not None
    )


def _convention(blob: str, separator: str) -> tuple[str | None, bool]:
    """("vn" | "en" | None, ambiguous?) for a column's values, one per line of ``blob``."""
    vn, en = _fits(_VN, blob), _fits(_EN, blob)
    if vn and en:
        dotted = "." in blob
        other_dots = re.search(r"(?m)^(?=[^\n]*\.)(?![+-]?\d{1,3}(?:\.\d{3})+$)", blob)
        if not dotted or separator == ";" or other_dots is None:
            return "vn", dotted
        return "en", False
    if vn:
        return "vn", False
    if en:
        return "en", False
    return None, False


def convert_columns(
    df: pd.DataFrame, separator: str = ",", keep_text: tuple[str, ...] = ()
) -> Table:
    """Turn text columns whose every value is a number into numbers, by the column's convention.
    A column's values are joined into one string and tested with single regex passes, so a
    10 MB table converts in about a second."""
    out = df.copy()
    table = Table(out)
    ambiguous: list[str] = []
    comma_decimal: list[str] = []
    for col in df.columns:
        if col in keep_text or pd.api.types.is_numeric_dtype(df[col]):
            continue
        present = df[col].dropna()
        texts = [str(v).strip() for v in present.to_numpy(dtype=object)]
        keep = [i for i, v in enumerate(texts) if v]
        if not keep:
            continue
        index = present.index.to_numpy()[keep]
        blob = _BLANKS.sub("", "\n".join(texts[i] for i in keep))
        if re.search(r"[^0-9+\-.,%\n]", blob):  # letters, slashes, dashes of dates: text
            continue
        if re.fullmatch(r"[0-9\n]*", blob):  # plain non-negative integers: the common case
            out[col] = pd.Series(np.array(blob.split("\n"), dtype=np.int64), index=index).reindex(
                df.index
            )
            continue
        percent = "%" in blob
        blob = blob.replace("%", "")
        convention, unsure = _convention(blob, separator)
        if convention is None:
            continue
        if convention == "vn":
            blob = blob.replace(".", "").replace(",", ".")
        else:
            blob = blob.replace(",", "")
        values = np.array(blob.split("\n"), dtype=float)
        numbers = pd.Series(values, index=index).reindex(df.index)
        if (numbers.dropna() % 1 == 0).all():
            numbers = numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")
        out[col] = numbers
        if percent:
            table.percent_columns.append(str(col))
        if unsure:
            ambiguous.append(str(col))
        if convention == "vn" and "." in blob:
            comma_decimal.append(str(col))
    if ambiguous:
        table.notes.append(
            "Đọc dấu chấm là dấu phân cách hàng nghìn (ví dụ 3.193 là ba nghìn một trăm chín mươi "
            f"ba) ở cột: {', '.join(ambiguous)}."
        )
    if comma_decimal:
        table.notes.append(f"Đọc dấu phẩy là dấu thập phân ở cột: {', '.join(comma_decimal)}.")
    return table


def read_csv_text(text: str, keep_text: tuple[str, ...] = ()) -> Table:
    """A CSV's text (already decoded) as a table of numbers and text, with what was assumed."""
    separator = sniff_separator(text)
    # Empty cells are missing; "NA" or "null" typed in a cell stay text.
    frame = pd.read_csv(
        io.StringIO(text),
        sep=separator,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        skipinitialspace=True,
    )
    frame.columns = [nfc(str(c)).strip() for c in frame.columns]
    table = convert_columns(frame, separator, keep_text)
    if separator != ",":
        table.notes.insert(0, f"Các cột được phân cách bằng {_SEPARATOR_VI[separator]}.")
    return table
