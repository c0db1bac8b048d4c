"""The figures a table supports, for one scope of a narrative sentence.

A sentence that names a commune ("phường Quy Nhơn") or a period ("tháng 10/2026", "quý III")
is checked against figures of those groups, not against every number the table could produce:
with hundreds of rates between 0 and 100, almost any percentage would match *something*. So
each sentence gets a small, typed pool of figures:

- for the whole table and for each named group (and each combination of named values from
  different columns): sums of every measure, distinct counts (e.g. 12 communes, 10 months),
  rates between every part/whole pair of measures (a part is a measure never larger than the
  whole in any row), each group's share of the province total, values of percentage columns;
- inside each group, per value of every other column: mean, highest and lowest sums and rates,
  the gap between highest and lowest rate (each only when the sentence uses such words, see
  ``Figure.cue``), and how many groups reach a threshold (the table's target column and the
  percentages written in the sentence);
- against a target column: the gap in percentage points and the staff still to train;
- between two named values of the same column, and between a named month and the month before
  and the first month: differences, relative change (%), ratio ("gấp ... lần") and the gap
  between rates in percentage points.

Kinds: ``count``, ``percent``, ``points`` (percentage points), ``times``. Differences are kept
as absolute values: the checker does not verify the direction word ("tăng"/"giảm").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from aiwork.reporting.data import RATES, Schema, label
from aiwork.vi import format_percent


@dataclass(frozen=True)
class Figure:
    value: float
    kind: str  # count | percent | points | times
    label: str  # Vietnamese description of where the figure comes from
    # For choosing the best of several matches: more named values first, then direct figures
    # (rank 0) before breakdowns (1) and comparisons (2).
    depth: int = 0
    rank: int = 0
    # The column the figure is about (a rate's part, a measure): the checker only accepts a
    # rate when the sentence talks about it (see data.COLUMN_KEYWORDS).
    topic: str | None = None
    # A figure that only a certain wording claims: "extreme" (cao nhất, dẫn đầu...), "mean"
    # (bình quân), "gap" (chênh lệch), "share" (chiếm, tỷ trọng); see figcheck.CUE_WORDS.
    cue: str | None = None


@dataclass(frozen=True)
class Selector:
    """A named subset: column ``dim`` takes one of ``values``; ``text`` is how it reads."""

    dim: str
    values: frozenset[str]
    text: str


def part_whole_pairs(df: pd.DataFrame, schema: Schema) -> list[tuple[str, str]]:
    """(part, whole) measure pairs: the known rates of the shipped tables; for another table,
    pairs where the part never exceeds the whole and is not always equal."""
    known = [pair for pair in RATES if set(pair) <= set(schema.measures)]
    if known and all(any(m in pair for pair in RATES) for m in schema.measures):
        return known
    pairs = []
    for a, b in itertools.permutations(schema.measures, 2):
        if (df[a] <= df[b]).all() and (df[a] < df[b]).any() and df[b].sum() > 0:
            pairs.append((a, b))
    return pairs


def _rate_label(a: str, b: str) -> str:
    return RATES.get((a, b)) or f"tỷ lệ {label(a)} trên {label(b)}"


def _pct(a: float, b: float) -> float | None:
    return 100.0 * a / b if b else None


class FigurePool:
    """Computes and caches the figures of a table, per scope."""

    def __init__(self, df: pd.DataFrame, schema: Schema):
        self.df = df
        self.schema = schema
        self.pairs = part_whole_pairs(df, schema)
        self.dims = list(schema.dimensions) + ([schema.period] if schema.period else [])
        self.target: float | None = None
        for col in schema.percents:
            values = df[col].dropna().unique()
            if col.startswith("muc_tieu") and len(values) == 1:
                self.target = float(values[0])
        self._cache: dict[tuple, list[Figure]] = {}
        # Scopes repeat with other thresholds (each sentence's own percentages): the rows of
        # a scope and its per-column totals are kept, only the figures are made again.
        self._subsets: dict[tuple[Selector, ...], pd.DataFrame] = {}
        self._totals: dict[tuple, object] = {}  # per-group totals and sorted rates
        self._cells: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] | None = None
        self._limits: dict[float, str] = {}
        self._ceiling: int | None = None

    def units_ceiling(self) -> int:
        """No threshold count (``figures_split``'s second part: how many units reach a rate)
        exceeds this: a breakdown has at most as many units as its column has values."""
        if self._ceiling is None:
            self._ceiling = max(
                (int(self.df[d].nunique(dropna=False)) for d in self.dims), default=0
            )
        return self._ceiling

    # -- single cells -------------------------------------------------------------------------

    def cells_near(self, kind: str, low: float, high: float) -> list[Figure]:
        """Numeric cells of ``kind`` ("count": measures, "percent": percentage columns) with a
        value in [low, high], each described by its row. The last resort for a sentence that
        names no unit or period: a specific figure copied from one row of the table."""
        if self._cells is None:
            self._cells = {}
            for k, cols in (("count", self.schema.measures), ("percent", self.schema.percents)):
                values, rows, names = [], [], []
                for col in cols:
                    series = pd.to_numeric(self.df[col], errors="coerce").dropna()
                    values.append(series.to_numpy(dtype=float))
                    rows.append(series.index.to_numpy())
                    names += [col] * len(series)
                if values:
                    v, r = np.concatenate(values), np.concatenate(rows)
                    order = np.argsort(v, kind="stable")
                    self._cells[k] = (v[order], r[order], [names[i] for i in order])
        if kind not in self._cells:
            return []
        v, r, names = self._cells[kind]
        lo, hi = np.searchsorted(v, low, "left"), np.searchsorted(v, high, "right")
        out = []
        for i in range(lo, min(hi, lo + 20)):
            row = self.df.loc[r[i]]
            where = ", ".join(str(row[d]) for d in self.dims if pd.notna(row[d]))
            out.append(Figure(float(v[i]), kind, f"{label(names[i])} ({where})", rank=3))
        return out

    # -- groups -------------------------------------------------------------------------------

    def subset(self, selectors: tuple[Selector, ...]) -> pd.DataFrame:
        """The rows of a scope (callers only read it)."""
        key = tuple(selectors)
        if key not in self._subsets:
            mask = pd.Series(True, index=self.df.index)
            for sel in selectors:
                mask &= self.df[sel.dim].astype(str).isin(sel.values)
            self._subsets[key] = self.df[mask]
        return self._subsets[key]

    @staticmethod
    def where(selectors: tuple[Selector, ...]) -> str:
        return ", ".join(s.text for s in selectors) if selectors else "toàn bộ dữ liệu"

    def figures(
        self, selectors: list[Selector], thresholds: list[float], named: set[str] | None = None
    ) -> list[Figure]:
        """Figures for a sentence scope; ``named``: columns the sentence itself names (their
        breakdowns are skipped, see ``_group_figures``), default: the selectors' columns."""
        base, by_threshold = self.figures_split(selectors, thresholds, named)
        return base + by_threshold()

    def figures_split(
        self, selectors: list[Selector], thresholds: list[float], named: set[str] | None = None
    ) -> tuple[list[Figure], Callable[[], list[Figure]]]:
        """The scope's figures as (the ones that do not depend on the sentence's percentages,
        cached and the same list object for every sentence of that scope; a function giving the
        counts of units above or below each of those percentages, made only when asked: most
        numbers are supported by the first list already)."""
        named = {s.dim for s in selectors} if named is None else named
        sels = tuple(sorted(selectors, key=lambda s: (s.dim, s.text)))
        key = (sels, tuple(sorted(named)))
        base = self._cache.get(key)  # one lookup: comparing keys compares their selectors
        if base is None:
            base = self._cache[key] = self._figures(list(sels), set(named))
        limits = sorted(set(thresholds))

        made: list[list[Figure]] = []  # asked for by each unsupported number: made once

        def by_threshold() -> list[Figure]:
            if made:
                return made[0]
            extra: list[Figure] = []
            for group in self._groups(list(sels)) if limits else []:
                for dim, where in self._breakdown_dims(group, set(named)):
                    extra += self._reach(group, dim, where, limits, depth=len(group), rank=1)
            made.append(extra)
            return extra

        return base, by_threshold

    @staticmethod
    def _groups(selectors: list[Selector]) -> list[tuple[Selector, ...]]:
        """Every combination of at most one selector per column, the empty one included."""
        by_dim: dict[str, list[Selector]] = {}
        for sel in selectors:
            by_dim.setdefault(sel.dim, []).append(sel)
        options = [[None, *sels] for sels in by_dim.values()]
        return [tuple(s for s in combo if s is not None) for combo in itertools.product(*options)]

    def _figures(self, selectors: list[Selector], named: set[str]) -> list[Figure]:
        # Scopes share groups (the whole table, a commune named with several months): each
        # group's figures, comparisons and period steps are made once (figures are immutable).
        groups = self._groups(selectors)
        limits = [self.target] if self.target is not None else []
        skip = frozenset(named)
        out: list[Figure] = []
        for group in groups:
            out += self._kept(
                ("group", group, skip),
                lambda g=group: [
                    replace(f, depth=len(g)) for f in self._group_figures(g, limits, skip=named)
                ],
            )
        for g1, g2 in itertools.combinations(groups, 2):
            if _differ_in_one(g1, g2):
                out += self._kept(
                    ("compare", g1, g2),
                    lambda a=g1, b=g2: [
                        replace(f, depth=len(a), rank=2) for f in self._compare(a, b)
                    ],
                )
        if self.schema.period:
            for group in groups:
                out += self._kept(
                    ("steps", group),
                    lambda g=group: [
                        replace(f, depth=len(g), rank=2) for f in self._period_steps(g)
                    ],
                )
        return out

    def _kept(self, key: tuple, make: Callable[[], list[Figure]]) -> list[Figure]:
        if key not in self._totals:
            self._totals[key] = make()
        return self._totals[key]

    def _breakdown_dims(self, group: tuple[Selector, ...], skip: set[str]) -> list[tuple[str, str]]:
        """(column, scope label) of the breakdowns a group's figures include (kept per group)."""
        key = ("dims", group, frozenset(skip))
        if key not in self._totals:
            sub = self.subset(group)
            fixed = {s.dim for s in group}
            where = self.where(group)
            self._totals[key] = (
                []
                if sub.empty
                else [
                    (dim, where)
                    for dim in self.dims
                    if dim not in fixed and dim not in skip and sub[dim].nunique() > 1
                ]
            )
        return self._totals[key]

    # -- figures of one group -----------------------------------------------------------------

    def _group_figures(
        self, group: tuple[Selector, ...], limits: list[float], skip: set[str]
    ) -> list[Figure]:
        """Figures of one group. Breakdowns by a column the sentence names are skipped: when a
        sentence says "phường An Khê", the highest ward's rate must not count as support."""
        sub = self.subset(group)
        if sub.empty:
            return []
        where = self.where(group)
        out = [
            Figure(float(sub[m].sum()), "count", f"tổng {label(m)} ({where})", topic=m)
            for m in self.schema.measures
        ]
        for dim in self.dims:
            out.append(Figure(float(sub[dim].nunique()), "count", f"số {label(dim)} ({where})"))
        for a, b in self.pairs:
            rate = _pct(sub[a].sum(), sub[b].sum())
            if rate is not None:
                out.append(Figure(rate, "percent", f"{_rate_label(a, b)} ({where})", topic=a))
                if self.target is not None:
                    out.append(
                        Figure(
                            abs(rate - self.target),
                            "points",
                            f"chênh lệch {_rate_label(a, b)} so với mục tiêu ({where})",
                            topic=a,
                        )
                    )
                    short = math.ceil(sub[b].sum() * self.target / 100) - sub[a].sum()
                    if short > 0:
                        out.append(
                            Figure(
                                float(short),
                                "count",
                                f"số {label(a)} còn thiếu để đạt mục tiêu ({where})",
                                topic=a,
                            )
                        )
        if group:
            for m in self.schema.measures:
                share = _pct(sub[m].sum(), self.df[m].sum())
                if share is not None:
                    out.append(
                        Figure(
                            share,
                            "percent",
                            f"tỷ trọng {label(m)} của {where}",
                            topic=m,
                            cue="share",
                        )
                    )
        for col in self.schema.percents:
            for v in sub[col].dropna().unique():
                # A stated target, not a measurement: rank 1 keeps it out of "did you mean" hints.
                out.append(Figure(float(v), "percent", f"{label(col)} ({where})", rank=1))
        for dim, _ in self._breakdown_dims(group, skip):
            out += [replace(f, rank=1) for f in self._breakdown(group, dim, where, limits)]
        return out

    def _per(self, group: tuple[Selector, ...], dim: str) -> pd.DataFrame:
        """The group's measures totalled by ``dim`` (kept: many sentences share a breakdown)."""
        key = (group, dim)
        if key not in self._totals:
            self._totals[key] = self.subset(group).groupby(dim)[list(self.schema.measures)].sum()
        return self._totals[key]

    def _sorted_rates(
        self, group: tuple[Selector, ...], dim: str
    ) -> dict[tuple[str, str], np.ndarray]:
        """Each rate of the breakdown by ``dim``, sorted (kept: every sentence with a percentage
        asks how many units reach it)."""
        key = ("rates", group, dim)
        if key not in self._totals:
            per = self._per(group, dim)
            rates = {}
            for a, b in self.pairs:
                values = (100 * per[a] / per[b]).dropna().to_numpy(dtype=float)
                if len(values):
                    rates[(a, b)] = np.sort(values)
            self._totals[key] = rates
        return self._totals[key]

    def _reach(
        self,
        group: tuple[Selector, ...],
        dim: str,
        where: str,
        limits: list[float],
        depth: int = 0,
        rank: int = 0,
    ) -> list[Figure]:
        """How many ``dim`` values have each rate at or above, and below, each limit."""
        out = []
        units = label(dim)
        printed = [self._limit_text(limit) for limit in limits]
        for (a, b), rates in self._sorted_rates(group, dim).items():
            name = _rate_label(a, b)
            # One searchsorted for every limit (they are sorted), not one call per limit.
            starts = np.searchsorted(rates, np.asarray(limits, dtype=float) - 1e-9, "left")
            for text, start in zip(printed, starts.tolist(), strict=True):
                reach = len(rates) - start
                out += [
                    Figure(
                        float(reach),
                        "count",
                        f"số {units} có {name} từ {text} trở lên ({where})",
                        depth=depth,
                        rank=rank,
                        topic=a,
                    ),
                    Figure(
                        float(len(rates) - reach),
                        "count",
                        f"số {units} có {name} dưới {text} ({where})",
                        depth=depth,
                        rank=rank,
                        topic=a,
                    ),
                ]
        return out

    def _limit_text(self, limit: float) -> str:
        """A threshold as printed in a label (kept: thresholds repeat across sentences)."""
        text = self._limits.get(limit)
        if text is None:
            text = self._limits[limit] = format_percent(limit, None)
        return text

    def _breakdown(
        self, group: tuple[Selector, ...], dim: str, where: str, limits: list[float]
    ) -> list[Figure]:
        per = self._per(group, dim)
        each = f"theo {label(dim)} ({where})"
        out = []
        for m in self.schema.measures:
            out += [
                Figure(
                    float(per[m].mean()),
                    "count",
                    f"bình quân {label(m)} {each}",
                    topic=m,
                    cue="mean",
                ),
                Figure(
                    float(per[m].max()),
                    "count",
                    f"{label(m)} cao nhất {each}",
                    topic=m,
                    cue="extreme",
                ),
                Figure(
                    float(per[m].min()),
                    "count",
                    f"{label(m)} thấp nhất {each}",
                    topic=m,
                    cue="extreme",
                ),
            ]
        out += self._reach(group, dim, where, limits)
        for a, b in self.pairs:
            rates = (100 * per[a] / per[b]).dropna()
            if rates.empty:
                continue
            name = _rate_label(a, b)
            out += [
                Figure(
                    float(rates.max()), "percent", f"{name} cao nhất {each}", topic=a, cue="extreme"
                ),
                Figure(
                    float(rates.min()),
                    "percent",
                    f"{name} thấp nhất {each}",
                    topic=a,
                    cue="extreme",
                ),
                Figure(
                    float(rates.max() - rates.min()),
                    "points",
                    f"chênh lệch cao nhất - thấp nhất của {name} {each}",
                    topic=a,
                    cue="gap",
                ),
            ]
            if self.target is not None:
                short = (per[b] * self.target / 100).map(math.ceil) - per[a]
                out.append(
                    Figure(
                        float(short.clip(lower=0).sum()),
                        "count",
                        f"tổng số {label(a)} còn thiếu ở các {label(dim)} chưa đạt mục tiêu ({where})",
                        topic=a,
                    )
                )
        return out

    # -- comparisons --------------------------------------------------------------------------

    def _compare(self, g1: tuple[Selector, ...], g2: tuple[Selector, ...]) -> list[Figure]:
        # Two periods compare the later against the earlier; two units both ways.
        d1 = {s.dim: s for s in g1}
        d2 = {s.dim: s for s in g2}
        dim = next(k for k in d1 if d1[k] != d2[k])
        in_time = dim == self.schema.period
        if in_time and min(d1[dim].values) > min(d2[dim].values):
            g1, g2 = g2, g1
        s1, s2 = self.subset(g1), self.subset(g2)
        if s1.empty or s2.empty:
            return []
        w1, w2 = self.where(g1), self.where(g2)
        return self._compare_frames(s1, s2, f"{w2} so với {w1}", both=not in_time)

    def _compare_frames(
        self, s1: pd.DataFrame, s2: pd.DataFrame, what: str, both: bool = True
    ) -> list[Figure]:
        """Differences, changes and ratios of ``s2`` against ``s1``; ``both`` adds ``s1``
        against ``s2`` (two named units have no natural order; periods do). A rate's change is
        only in percentage points: "the rate rose 5%" is the mistake the course teaches."""
        out = []
        for m in self.schema.measures:
            v1, v2 = float(s1[m].sum()), float(s2[m].sum())
            out.append(Figure(abs(v2 - v1), "count", f"chênh lệch {label(m)}: {what}", topic=m))
            if v1:
                out.append(
                    Figure(
                        abs(100 * (v2 - v1) / v1),
                        "percent",
                        f"mức thay đổi {label(m)}: {what}",
                        topic=m,
                    )
                )
                out.append(Figure(v2 / v1, "times", f"{label(m)}: {what} (số lần)", topic=m))
            if v2 and both:
                out.append(
                    Figure(
                        abs(100 * (v1 - v2) / v2),
                        "percent",
                        f"mức thay đổi {label(m)}: ngược lại {what}",
                        topic=m,
                    )
                )
                out.append(
                    Figure(v1 / v2, "times", f"{label(m)}: ngược lại {what} (số lần)", topic=m)
                )
        for a, b in self.pairs:
            r1, r2 = _pct(s1[a].sum(), s1[b].sum()), _pct(s2[a].sum(), s2[b].sum())
            if r1 is not None and r2 is not None:
                out.append(
                    Figure(
                        abs(r2 - r1), "points", f"chênh lệch {_rate_label(a, b)}: {what}", topic=a
                    )
                )
        return out

    def _period_steps(self, group: tuple[Selector, ...]) -> list[Figure]:
        """A named period against the one before and the first; else first against last."""
        period = self.schema.period
        assert period is not None
        ordered = sorted(self.df[period].astype(str).unique())
        named = [s for s in group if s.dim == period]
        rest = tuple(s for s in group if s.dim != period)
        base = self.subset(rest)
        base_period = base[period].astype(str)
        where = self.where(rest)
        if not named:
            if len(ordered) < 2:
                return []
            return self._compare_frames(
                base[base_period == ordered[0]],
                base[base_period == ordered[-1]],
                f"kỳ cuối so với kỳ đầu ({where})",
                both=False,
            )
        sel = named[0]
        months = sorted(sel.values)
        i, j = ordered.index(months[0]), ordered.index(months[-1])
        cur = base[base_period.isin(sel.values)]
        span = j - i + 1
        out: list[Figure] = []
        if i - span >= 0:
            prev = base[base_period.isin(ordered[i - span : i])]
            out += self._compare_frames(
                prev, cur, f"{sel.text} so với kỳ trước ({where})", both=False
            )
        if i > 0:
            out += self._compare_frames(
                base[base_period.isin(ordered[:span])],
                cur,
                f"{sel.text} so với kỳ đầu ({where})",
                both=False,
            )
        return out


def _differ_in_one(g1: tuple[Selector, ...], g2: tuple[Selector, ...]) -> bool:
    d1, d2 = {s.dim: s for s in g1}, {s.dim: s for s in g2}
    if d1.keys() != d2.keys():
        return False
    return sum(d1[k] != d2[k] for k in d1) == 1
