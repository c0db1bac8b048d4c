"""Module 4's data: where it lives, how to load it (CSV or XLSX), what its columns mean.

The two tables are synthetic (see ``synth.py`` and ``aiwork/data/reporting/README.md``). They
are package data (one source, read the same from a checkout and from an installed wheel);
``course/04-bao-cao/data/`` holds a copy for learners to open, written by ``synth`` from it:
- ``dich-vu-cong-2026``: online public services by commune/ward and month in Gia Lai, 2026;
- ``dao-tao-ky-nang-so-2026``: digital-skills training progress by unit against the target.

``Schema`` says which columns are dimensions (text), the period (``YYYY-MM``), dates
(``YYYY-MM-DD``), additive measures (counts) and percentages. It is inferred from names and
values so that the figure checker also works on a learner's own CSV.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aiwork import paths
from aiwork.errors import InputError
from aiwork.fileio import read_text
from aiwork.memo import Memo, file_key
from aiwork.reporting.tables import convert_columns, read_csv_text
from aiwork.vi import fold

# The province's target: share of public-sector staff with digital knowledge and skills.
# Source: the provincial targets for "Bình dân học vụ số" (see /work/shared/DOMAIN.md, seed
# article). This is the one home of the number; the data generator writes it into the table.
TRAINING_TARGET_PERCENT = 80

SERVICES = "dich-vu-cong-2026"
TRAINING = "dao-tao-ky-nang-so-2026"

# Vietnamese labels for the shipped columns (messages, tables, charts).
COLUMN_LABELS: dict[str, str] = {
    "thang": "tháng",
    "xa_phuong": "xã, phường",
    "loai": "loại đơn vị",
    "ho_so_tiep_nhan": "hồ sơ tiếp nhận",
    "ho_so_truc_tuyen": "hồ sơ nộp trực tuyến",
    "ho_so_da_giai_quyet": "hồ sơ đã giải quyết",
    "giai_quyet_dung_han": "hồ sơ giải quyết đúng hạn",
    "giai_quyet_tre_han": "hồ sơ giải quyết trễ hạn",
    "don_vi": "đơn vị",
    "khoi": "khối",
    "tong_so_cbccvc": "tổng số cán bộ, công chức, viên chức",
    "da_hoan_thanh": "người đã hoàn thành bồi dưỡng kỹ năng số",
    "muc_tieu_ty_le": "mục tiêu (%)",
    "ngay_cap_nhat": "ngày cập nhật",
}

# Meaningful rates (part, whole) of the shipped tables, with their usual names. For other tables
# the checker infers part/whole pairs from the values (see candidates.part_whole_pairs).
RATES: dict[tuple[str, str], str] = {
    ("ho_so_truc_tuyen", "ho_so_tiep_nhan"): "tỷ lệ hồ sơ trực tuyến",
    ("ho_so_da_giai_quyet", "ho_so_tiep_nhan"): "tỷ lệ hồ sơ đã giải quyết",
    ("giai_quyet_dung_han", "ho_so_da_giai_quyet"): "tỷ lệ giải quyết đúng hạn",
    ("giai_quyet_tre_han", "ho_so_da_giai_quyet"): "tỷ lệ giải quyết trễ hạn",
    ("da_hoan_thanh", "tong_so_cbccvc"): "tỷ lệ hoàn thành bồi dưỡng kỹ năng số",
}

# Words by which a sentence talks about a column (lower case). A rate or a change of a rate is
# accepted as support only when its sentence (or the one it continues) names its topic, so
# that "mức độ hài lòng đạt 95%" is not supported by some commune's 95,2% resolution rate.
COLUMN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ho_so_tiep_nhan": ("tiếp nhận", "hồ sơ"),
    "ho_so_truc_tuyen": ("trực tuyến", "qua mạng", "dịch vụ công"),
    "ho_so_da_giai_quyet": ("giải quyết", "xử lý"),
    "giai_quyet_dung_han": ("đúng hạn", "đúng hẹn"),
    "giai_quyet_tre_han": ("trễ hạn", "quá hạn", "trễ hẹn", "quá hẹn"),
    "tong_so_cbccvc": ("cán bộ", "công chức", "viên chức", "cbccvc"),
    "da_hoan_thanh": ("hoàn thành", "bồi dưỡng", "đào tạo", "tập huấn", "kỹ năng số", "mục tiêu"),
}

_PERIOD_RE = re.compile(r"^\d{4}-\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def label(column: str) -> str:
    return COLUMN_LABELS.get(column, column.replace("_", " "))


def data_dir() -> Path:
    """The tables' one home: package data (``aiwork/data/reporting``)."""
    return paths.DATA_DIR / "reporting"


# The lesson's copy, for learners to open beside the notebook (relative to a course checkout).
LESSON_COPY = Path("course") / "04-bao-cao" / "data"


def data_path(name: str, ext: str = "csv") -> Path:
    return data_dir() / f"{name}.{ext}"


class DataError(InputError):
    """The table cannot be used (missing, unreadable, or without numbers)."""


#: Columns of the shipped tables that look like numbers but are not (periods, dates).
TEXT_COLUMNS = ("thang", "ngay_cap_nhat")


# Parsed tables by file content: module 4's graders and notebooks load the same two shipped
# tables a few dozen times per notebook (10 ms each). Callers get a copy of their own.
_TABLES = Memo("reporting.data.tables", size=8)


def load_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV (UTF-8 with or without BOM, UTF-16 with BOM: see aiwork.fileio) or the first
    sheet of an XLSX, with Vietnamese separators and number formats detected
    (:mod:`aiwork.reporting.tables`). What was assumed is in ``df.attrs["notes"]``
    (Vietnamese sentences), percentage columns written with ``%`` in
    ``df.attrs["percent_columns"]``.

    A file read before with the same bytes is not parsed again: the caller gets a deep copy of
    the table parsed then (``aiwork.memo``; the same frame, attributes included)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"Không tìm thấy tệp dữ liệu: {path}")
    try:
        raw = path.read_bytes()
    except OSError:
        return _parse_table(path)  # it says why in its own words
    key = (path.suffix.lower(), file_key(raw))
    return _TABLES.get(key, lambda: _parse_table(path)).copy(deep=True)


def _parse_table(path: Path) -> pd.DataFrame:
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            if not zipfile.is_zipfile(path):
                raise DataError(f"Tệp {path.name} không phải tệp Excel .xlsx (hoặc đã bị hỏng).")
            read = pd.read_excel(path, dtype={c: str for c in TEXT_COLUMNS})
            table = convert_columns(read, ",", TEXT_COLUMNS)
        else:
            table = read_csv_text(read_text(path, what="Tệp dữ liệu"), TEXT_COLUMNS)
        df = table.frame
        # Only when there is something to say: pandas deep-copies attrs on every operation.
        if table.notes:
            df.attrs["notes"] = table.notes
        if table.percent_columns:
            df.attrs["percent_columns"] = table.percent_columns
    except InputError as exc:
        raise DataError(exc.message) from None
    except (KeyError, zipfile.BadZipFile):  # openpyxl: a zip that holds no workbook
        raise DataError(
            f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ (hoặc đã bị hỏng)."
        ) from None
    except pd.errors.EmptyDataError:
        raise DataError(f"Tệp dữ liệu {path.name} trống (không có cột nào).") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(f"Không đọc được tệp dữ liệu {path.name}: {exc}") from exc
    if df.empty:
        raise DataError(f"Tệp dữ liệu {path.name} không có dòng nào.")
    return df


def load_services(ext: str = "csv") -> pd.DataFrame:
    return load_table(data_path(SERVICES, ext))


def load_training(ext: str = "csv") -> pd.DataFrame:
    return load_table(data_path(TRAINING, ext))


@dataclass(frozen=True)
class Schema:
    dimensions: tuple[str, ...]
    period: str | None
    dates: tuple[str, ...]
    measures: tuple[str, ...]
    percents: tuple[str, ...]


def _all_match(series: pd.Series, rx: re.Pattern[str]) -> bool:
    values = series.dropna().astype(str)
    return len(values) > 0 and bool(values.map(lambda v: bool(rx.match(v))).all())


# Column names that say the column holds percentages (folded: no diacritics, lower case).
_PERCENT_NAME = re.compile(
    r"(?:^|[^a-z])(?:ty[ _]?le|muc[ _]?tieu|phan[ _]?tram|pct|percent|rate|share)|%"
)


def _names_a_percentage(column: str) -> bool:
    """ "ty_le_dung_han", "Tỷ lệ đúng hạn (%)", "online_share", "muc_tieu_ty_le", "x_pct"."""
    return bool(_PERCENT_NAME.search(fold(column)))


def infer_schema(df: pd.DataFrame) -> Schema:
    dims: list[str] = []
    dates: list[str] = []
    measures: list[str] = []
    percents: list[str] = []
    period: str | None = None
    written_with_percent = set(df.attrs.get("percent_columns", ()))
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            if _names_a_percentage(str(col)) or str(col) in written_with_percent:
                percents.append(col)
            else:
                measures.append(col)
        elif period is None and _all_match(series, _PERIOD_RE):
            period = col
        elif _all_match(series, _DATE_RE):
            dates.append(col)
        else:
            dims.append(col)
    if not measures and not percents:
        raise DataError("Tệp dữ liệu không có cột số nào để đối chiếu.")
    return Schema(tuple(dims), period, tuple(dates), tuple(measures), tuple(percents))
