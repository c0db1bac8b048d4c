"""The shipped data: generated deterministically, CSV and XLSX agree, figures add up."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from aiwork.reporting import data, figures, synth


def test_generator_reproduces_the_committed_csv(tmp_path):
    synth.generate(tmp_path)
    for name in (data.SERVICES, data.TRAINING):
        committed = data.data_path(name).read_bytes()
        assert (tmp_path / f"{name}.csv").read_bytes() == committed, f"{name}.csv is stale"


@pytest.mark.parametrize("name", [data.SERVICES, data.TRAINING])
def test_xlsx_holds_the_same_table(name):
    from_csv = data.load_table(data.data_path(name, "csv"))
    from_xlsx = data.load_table(data.data_path(name, "xlsx"))
    assert from_csv.equals(from_xlsx)


def test_data_is_labelled_synthetic():
    readme = (data.data_dir() / "README.md").read_text(encoding="utf-8")
    assert "GIẢ ĐỊNH" in readme and "không phải số liệu thống kê chính thức" in readme


def test_services_are_consistent():
    df = data.load_services()
    assert (df["ho_so_truc_tuyen"] <= df["ho_so_tiep_nhan"]).all()
    assert (df["ho_so_da_giai_quyet"] <= df["ho_so_tiep_nhan"]).all()
    assert (df["giai_quyet_dung_han"] + df["giai_quyet_tre_han"] == df["ho_so_da_giai_quyet"]).all()
    assert df.groupby(["thang", "xa_phuong"]).size().eq(1).all()


def test_target_lives_in_one_place():
    df = data.load_training()
    assert set(df["muc_tieu_ty_le"]) == {data.TRAINING_TARGET_PERCENT}


def _rows(name: str) -> list[dict[str, str]]:
    with data.data_path(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_summary_matches_a_plain_python_count():
    rows = _rows(data.SERVICES)
    received = sum(int(r["ho_so_tiep_nhan"]) for r in rows)
    online = sum(int(r["ho_so_truc_tuyen"]) for r in rows)
    by_month: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        by_month[r["thang"]][0] += int(r["ho_so_truc_tuyen"])
        by_month[r["thang"]][1] += int(r["ho_so_tiep_nhan"])
    first, last = min(by_month), max(by_month)
    s = figures.services_summary(data.load_services())
    assert s["ho_so_tiep_nhan"] == received and s["ho_so_truc_tuyen"] == online
    assert s["ty_le_truc_tuyen"] == pytest.approx(100 * online / received)
    gain = 100 * (by_month[last][0] / by_month[last][1] - by_month[first][0] / by_month[first][1])
    assert s["tang_diem_phan_tram"] == pytest.approx(gain)
    assert s["so_thang"] == len(by_month) == 10


def test_training_progress_against_target():
    rows = _rows(data.TRAINING)
    target = data.TRAINING_TARGET_PERCENT
    meeting = [
        r["don_vi"]
        for r in rows
        if 100 * int(r["da_hoan_thanh"]) >= target * int(r["tong_so_cbccvc"])
    ]
    t = figures.training_summary(data.load_training())
    assert t["so_don_vi_dat"] == len(meeting) and t["so_don_vi"] == len(rows)
    units = figures.training_progress(data.load_training())
    for r in rows:
        staff, done = int(r["tong_so_cbccvc"]), int(r["da_hoan_thanh"])
        still = units.loc[r["don_vi"], "can_dao_tao_them"]
        # the smallest number of extra trained staff that reaches the target
        assert 100 * (done + still) >= target * staff
        assert still == 0 or 100 * (done + still - 1) < target * staff


def test_figures_table_is_in_vietnamese_formats():
    s = figures.services_summary(data.load_services())
    rows = dict(figures.figures_table(s, figures.training_summary(data.load_training())))
    assert rows["Tổng số hồ sơ tiếp nhận"].count(".") == 1  # 198.722
    assert rows["Tỷ lệ hồ sơ trực tuyến"].endswith("%") and "," in rows["Tỷ lệ hồ sơ trực tuyến"]
    assert rows["Mức tăng tỷ lệ trực tuyến"].endswith("điểm phần trăm")


def test_lesson_copy_equals_the_package_data():
    """One source (package data, read the same from a wheel); the lesson folder's copy, which
    learners open beside the notebook, is generated from it (`python -m aiwork.reporting.synth`)."""
    from aiwork import paths

    lesson = paths.repo_root() / data.LESSON_COPY
    source = sorted(p.name for p in data.data_dir().iterdir() if p.is_file())
    assert sorted(p.name for p in lesson.iterdir() if p.is_file()) == source
    for name in source:
        assert (lesson / name).read_bytes() == (data.data_dir() / name).read_bytes(), name
    assert data.data_dir().is_relative_to(paths.PACKAGE_DIR)


def test_a_table_loaded_again_is_a_copy_equal_to_a_fresh_parse(tmp_path):
    """``load_table`` keeps parsed tables by content (``aiwork.memo``): the same frame as a
    fresh parse (dtypes, attributes), through the template's pickled copies too, a copy
    per caller, and new content parsed anew."""
    import pickle

    from pandas.testing import assert_frame_equal

    from aiwork.reporting.data import _TABLES, _parse_table, load_table

    path = tmp_path / "bang.csv"
    path.write_text("don_vi;so_ho_so;ty_le\nXã A;1.234;12,5%\nXã B;567;7,25%\n", encoding="utf-8")
    fresh = _parse_table(path)
    assert fresh.attrs  # notes and percentage columns: attributes that must survive
    first = load_table(path)
    assert_frame_equal(first, fresh)
    assert first.attrs == fresh.attrs
    first.loc[0, "so_ho_so"] = -1  # a caller changing its table changes nobody else's
    first.attrs["notes"].append("thêm")
    again = load_table(path)
    assert_frame_equal(again, fresh)
    assert again.attrs == fresh.attrs
    state = _TABLES.state()
    _TABLES.freeze()  # as the grading template does: entries kept pickled
    try:
        assert_frame_equal(load_table(path), fresh)
        assert load_table(path).attrs == fresh.attrs
        assert_frame_equal(pickle.loads(pickle.dumps(fresh)), fresh)
    finally:
        _TABLES.reset(state)
    path.write_text("don_vi;so_ho_so\nXã A;3\nXã B;4\n", encoding="utf-8")
    assert load_table(path)["so_ho_so"].tolist() == [3, 4]
