"""The figure checker on narratives with correct, rounded, mis-copied and invented numbers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from aiwork.cli import main as aiwork_main
from aiwork.reporting import data, figures
from aiwork.reporting.figcheck import FigureChecker, check_figures, within
from aiwork.reporting.numbers import extract_mentions
from aiwork.vi import format_number, format_percent


@pytest.fixture(scope="module")
def services() -> pd.DataFrame:
    return data.load_services()


@pytest.fixture(scope="module")
def training() -> pd.DataFrame:
    return data.load_training()


@pytest.fixture(scope="module")
def svc_checker(services) -> FigureChecker:
    return FigureChecker(services)


@pytest.fixture(scope="module")
def s(services) -> dict:
    return figures.services_summary(services)


def correct_narrative(s: dict) -> str:
    """A narrative an official would write from the figures table (exact and rounded)."""
    return (
        f"Trong {s['so_thang']} tháng đầu năm 2026, {s['so_xa_phuong']} xã, phường tiếp nhận "
        f"{format_number(s['ho_so_tiep_nhan'])} hồ sơ, trong đó "
        f"{format_number(s['ho_so_truc_tuyen'])} hồ sơ nộp trực tuyến, đạt "
        f"{format_percent(s['ty_le_truc_tuyen'])}. Tỷ lệ trực tuyến tăng từ "
        f"{format_percent(s['ty_le_truc_tuyen_thang_dau'])} trong tháng 1/2026 lên "
        f"{format_percent(s['ty_le_truc_tuyen_thang_cuoi'])} trong tháng 10/2026, tức tăng "
        f"{format_number(s['tang_diem_phan_tram'], 1)} điểm phần trăm.\n\n"
        f"Tỷ lệ giải quyết đúng hạn đạt {format_percent(s['ty_le_dung_han'], 2)}; còn "
        f"{format_number(s['giai_quyet_tre_han'])} hồ sơ trễ hạn. "
        f"Phường {s['xa_phuong_cao_nhat']} có tỷ lệ trực tuyến cao nhất với {format_percent(s['ty_le_cao_nhat'])}, "
        f"xã {s['xa_phuong_thap_nhat']} thấp nhất với {format_percent(s['ty_le_thap_nhat'], 0)}. "
        # rounded forms: to the thousand, with a scale word, with qualifiers
        f"Toàn tỉnh có khoảng {round(s['ho_so_tiep_nhan'] / 1000)} nghìn hồ sơ, tức gần "
        f"{format_number(round(s['ho_so_tiep_nhan'] / 1e5 + 0.5) / 10, 1)} triệu."
    )


def test_correct_and_rounded_numbers_are_supported(svc_checker, s):
    report = svc_checker.check(correct_narrative(s))
    assert report.ok, report.to_text()
    assert len(report.supported) == len(report.findings) >= 16


def test_exact_figures_name_their_source(svc_checker, s):
    text = f"Tỷ lệ hồ sơ trực tuyến toàn tỉnh đạt {format_percent(s['ty_le_truc_tuyen'])}."
    (finding,) = svc_checker.check(text).findings
    assert finding.basis is not None and finding.basis.label.startswith("tỷ lệ hồ sơ trực tuyến")
    assert "toàn bộ dữ liệu" in finding.basis.label


def test_miscopied_numbers_are_caught_with_a_hint(svc_checker, s):
    total = format_number(s["ho_so_tiep_nhan"])  # e.g. 198.722
    i = next(
        i
        for i in reversed(range(len(total) - 1))  # two adjacent digits transposed
        if total[i].isdigit() and total[i + 1].isdigit() and total[i] != total[i + 1]
    )
    swapped = total[:i] + total[i + 1] + total[i] + total[i + 2 :]
    rate = s["ty_le_truc_tuyen"] + 0.3  # a slip of three tenths
    text = f"Toàn tỉnh tiếp nhận {swapped} hồ sơ, tỷ lệ trực tuyến {format_percent(rate)}."
    report = svc_checker.check(text)
    assert report.unsupported_texts() == [swapped, format_percent(rate)]
    first, second = report.unsupported
    assert first.nearest is not None and first.nearest.value == s["ho_so_tiep_nhan"]
    assert second.nearest is not None and "Số liệu gần nhất" in second.message


def test_invented_numbers_and_periods_are_caught(svc_checker):
    text = (
        "Trong tháng 11/2026, số hồ sơ trực tuyến tăng 35,7% lên 1.234.567 hồ sơ; "
        "tỷ lệ hài lòng đạt 99,9%."
    )
    report = svc_checker.check(text)
    assert report.unsupported_texts() == ["tháng 11/2026", "35,7%", "1.234.567", "99,9%"]
    assert "tháng 10/2026" in report.unsupported[0].message  # says what the data covers


def test_rounding_tolerance_is_half_the_last_printed_digit(svc_checker, s):
    rate = s["ty_le_truc_tuyen"]
    ok_1 = format_percent(rate, 1)
    ok_0 = format_percent(rate, 0)
    off = format_percent(round(rate, 1) + 0.1, 1)
    assert svc_checker.check(f"Tỷ lệ trực tuyến đạt {ok_1}.").ok
    assert svc_checker.check(f"Tỷ lệ trực tuyến đạt {ok_0}.").ok
    assert not svc_checker.check(f"Tỷ lệ trực tuyến đạt {off}.").ok


def test_qualifiers():
    (m,) = extract_mentions("hơn 12 nghìn")
    assert within(m, 12_900) and not within(m, 12_000) and not within(m, 15_000)
    (m,) = extract_mentions("gần 200 nghìn")
    assert within(m, 198_722) and not within(m, 200_001)
    (m,) = extract_mentions("khoảng 62%")
    assert within(m, 62.4) and within(m, 64.9) and not within(m, 66.0)


def test_named_commune_and_month_scope(svc_checker, services):
    row = services[(services["xa_phuong"] == "Pleiku") & (services["thang"] == "2026-03")].iloc[0]
    text = f"Tháng 3/2026, phường Pleiku tiếp nhận {format_number(row['ho_so_tiep_nhan'])} hồ sơ."
    assert svc_checker.check(text).ok
    # the same number said of another ward is not supported by that ward's data
    other = f"Tháng 3/2026, phường An Khê tiếp nhận {format_number(row['ho_so_tiep_nhan'])} hồ sơ."
    assert svc_checker.check(other).unsupported_texts() == [format_number(row["ho_so_tiep_nhan"])]


def test_following_sentence_inherits_the_named_unit(svc_checker, services):
    qn = services[services["xa_phuong"] == "Quy Nhơn"]
    rate = 100 * qn["ho_so_truc_tuyen"].sum() / qn["ho_so_tiep_nhan"].sum()
    text = (
        f"Phường Quy Nhơn tiếp nhận {format_number(qn['ho_so_tiep_nhan'].sum())} hồ sơ. "
        f"Trong đó, tỷ lệ trực tuyến đạt {format_percent(rate)}."
    )
    assert svc_checker.check(text).ok


def test_percent_versus_percentage_points_hint(svc_checker, s):
    text = f"Tỷ lệ trực tuyến tháng 10/2026 tăng {format_percent(s['tang_diem_phan_tram'])} so với tháng 1/2026."
    report = svc_checker.check(text)
    assert len(report.unsupported) == 1
    assert "điểm phần trăm" in report.unsupported[0].message


def test_training_against_target(training):
    t = figures.training_summary(training)
    units = figures.training_progress(training)
    health = units.loc["Sở Y tế"]
    text = (
        f"Tính đến ngày 31/10/2026, {format_number(t['da_hoan_thanh'])}/{format_number(t['tong_so_cbccvc'])} "
        f"cán bộ, công chức, viên chức đã hoàn thành bồi dưỡng kỹ năng số, đạt "
        f"{format_percent(t['ty_le_hoan_thanh'])}, so với mục tiêu {t['muc_tieu']}%. "
        f"Có {t['so_don_vi_dat']}/{t['so_don_vi']} đơn vị đạt mục tiêu. "
        f"Sở Y tế đạt {format_percent(health['ty_le_hoan_thanh'])}, cần bồi dưỡng thêm "
        f"{health['can_dao_tao_them']} người."
    )
    report = check_figures(text, training)
    assert report.ok, report.to_text()
    wrong = text.replace(f"Có {t['so_don_vi_dat']}/", f"Có {t['so_don_vi_dat'] + 2}/")
    assert check_figures(wrong, training).unsupported_texts() == [str(t["so_don_vi_dat"] + 2)]
    assert not check_figures("Tính đến ngày 30/09/2026, các đơn vị đã báo cáo.", training).ok


def test_references_are_ignored_not_failed(svc_checker):
    report = svc_checker.check("Báo cáo theo Nghị định 30/2020/NĐ-CP và Công văn 557/BKHCN-CĐSQG.")
    assert report.ok and len(report.ignored) == 2


def test_offsets_and_json_shape(svc_checker, s):
    text = correct_narrative(s) + " Có 77.777 hồ sơ bịa."
    report = svc_checker.check(text)
    for f in report.findings:
        assert text[f.mention.start : f.mention.end] == f.mention.text
    payload = json.loads(report.to_json())
    assert payload["ok"] is False
    assert payload["summary"]["unsupported"] == 1
    bad = [n for n in payload["numbers"] if n["status"] == "unsupported"]
    assert bad[0]["text"] == "77.777" and bad[0]["message"]


def test_json_is_the_report_with_one_finding_per_line(svc_checker, s):
    # to_json writes the findings with json's C encoder, one per line (speed, issue 20):
    # it must still be exactly to_dict, with and without findings and assumptions.
    for text in (correct_narrative(s) + " Có 77.777 hồ sơ bịa.", "Không có con số nào."):
        report = svc_checker.check(text)
        for notes in (None, ["dấu ; ngăn cách cột"]):
            written = report.to_json(notes)
            assert json.loads(written) == report.to_dict(notes)
            lines = written.splitlines()
            finding_lines = [line for line in lines if line.startswith('    {"text": ')]
            assert len(finding_lines) == len(report.findings)
            assert lines[0] == "{" and lines[-1] == "}" and '  "ok": ' in lines[1]


def test_cli_exit_codes(tmp_path, capsys, s):
    csv = str(data.data_path(data.SERVICES))
    good = tmp_path / "good.txt"
    good.write_text(correct_narrative(s), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Tỷ lệ trực tuyến đạt 99,9%.", encoding="utf-8")
    assert aiwork_main(["check-figures", "--text", str(good), "--data", csv]) == 0
    assert aiwork_main(["check-figures", "--text", str(bad), "--data", csv]) == 1
    out = capsys.readouterr().out
    assert "KHÔNG có căn cứ" in out and "99,9%" in out
    assert aiwork_main(["check-figures", "--text", str(bad), "--data", csv, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["unsupported"] == 1
    xlsx = str(data.data_path(data.SERVICES, "xlsx"))
    assert aiwork_main(["check-figures", "--text", str(good), "--data", xlsx]) == 0
    # bad input: missing files, a table without numbers, a text that is not UTF-8
    assert aiwork_main(["check-figures", "--text", str(tmp_path / "none.txt"), "--data", csv]) == 2
    assert (
        aiwork_main(["check-figures", "--text", str(good), "--data", str(tmp_path / "x.csv")]) == 2
    )
    words = tmp_path / "words.csv"
    words.write_text("ten,ghi_chu\nA,b\n", encoding="utf-8")
    assert aiwork_main(["check-figures", "--text", str(good), "--data", str(words)]) == 2
    # UTF-16 with a BOM (Notepad's "Unicode") is read; a legacy code page is refused by name
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Tỷ lệ".encode("utf-16"))
    assert aiwork_main(["check-figures", "--text", str(utf16), "--data", csv]) == 0
    legacy = tmp_path / "cp1258.txt"
    legacy.write_bytes("Ty\u0309 lê\u0323 đa\u0323t".encode("cp1258"))  # tones as marks
    capsys.readouterr()
    assert aiwork_main(["check-figures", "--text", str(legacy), "--data", csv]) == 2
    assert "Windows-1258" in capsys.readouterr().err


def test_any_csv_works_with_inferred_schema(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("don_vi,tong,dat\nA,200,150\nB,100,90\n", encoding="utf-8")
    report = check_figures("Tổng cộng 300 người, 240 người đạt (80%); đơn vị B đạt 90%.", table)
    assert report.ok, report.to_text()
    assert check_figures("Đơn vị A đạt 90%.", table).unsupported_texts() == ["90%"]


def test_shipped_drafts_have_exactly_the_planted_errors():
    from aiwork.reporting import samples
    from aiwork.reporting.report import check_narrative

    assignment = check_narrative(samples.DU_THAO_BAI_TAP)
    assert assignment.unsupported_texts() == ["198.272", "19,5%", "95%", "8"]
    # the exchanged rates: only a careful reader (or the bound checker) sees them
    bound = check_narrative(samples.DU_THAO_BAI_TAP, bound=True)
    assert bound.unsupported_texts() == ["198.272", "97,4%", "62,4%", "19,5%", "95%", "8"]
    lesson = check_figures(samples.DU_THAO_BAI_HOC, data.load_services())
    assert lesson.unsupported_texts() == ["250 nghìn", "62,8%", "tháng 12/2026"]
    assert "25.000" in lesson.unsupported[0].message  # the "hơn" tolerance, in words


def test_a_rate_must_be_named_to_count_as_support(svc_checker, services):
    cp = services[services["xa_phuong"] == "Chư Păh"]
    resolved = 100 * cp["ho_so_da_giai_quyet"].sum() / cp["ho_so_tiep_nhan"].sum()
    said = format_percent(resolved)
    assert svc_checker.check(f"Xã Chư Păh có tỷ lệ hồ sơ đã giải quyết {said}.").ok
    report = svc_checker.check(f"Xã Chư Păh có tỷ lệ trực tuyến thấp. Mức độ hài lòng đạt {said}.")
    assert report.unsupported_texts() == [said]
    assert "không nói rõ đây là chỉ tiêu nào" in report.unsupported[0].message


def test_highest_and_share_figures_need_their_wording(svc_checker, services):
    by_commune = figures.services_by_commune(services)
    top_name, top_rate = by_commune.index[0], by_commune["ty_le_truc_tuyen"].iloc[0]
    other = by_commune.index[-1]
    said = format_percent(top_rate)
    # the highest commune's rate said of another commune, without "cao nhất": not supported
    assert not svc_checker.check(f"Xã {other} có tỷ lệ trực tuyến {said}.").ok
    assert svc_checker.check(f"Tỷ lệ trực tuyến cao nhất là {said}.").ok
    assert svc_checker.check(f"Phường {top_name} có tỷ lệ trực tuyến {said}.").ok
    month = services[services["thang"] == "2026-10"]
    share = 100 * month["ho_so_tiep_nhan"].sum() / services["ho_so_tiep_nhan"].sum()
    assert svc_checker.check(
        f"Tháng 10/2026 chiếm {format_percent(share)} tổng số hồ sơ tiếp nhận."
    ).ok
    assert not svc_checker.check(f"Tháng 10/2026 có {format_percent(share)} hồ sơ tiếp nhận.").ok


# --- bound=True: figures read with what the sentence binds them to (issue 17) -----------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # two rates swapped: each value exists, but belongs to the other rate
        (
            "Tỷ lệ hồ sơ trực tuyến đạt 97,4%, tỷ lệ giải quyết đúng hạn đạt 62,4%.",
            ["97,4%", "62,4%"],
        ),
        # the direction word contradicts the numbers
        (
            "Tỷ lệ hồ sơ trực tuyến giảm từ 52,3% trong tháng 1/2026 xuống 71,8% trong tháng "
            "10/2026.",
            ["71,8%"],
        ),
        # consistent words, values swapped between the two months
        (
            "Tỷ lệ hồ sơ trực tuyến giảm từ 71,8% trong tháng 1/2026 xuống 52,3% trong tháng "
            "10/2026.",
            ["71,8%", "52,3%"],
        ),
        # values swapped between two named communes
        (
            "Phường Quy Nhơn dẫn đầu với tỷ lệ trực tuyến 37,7%, xã Chư Păh thấp nhất với 72,6%.",
            ["37,7%", "72,6%"],
        ),
    ],
)
def test_bound_mode_catches_swaps_and_reversed_direction(text, flagged):
    from aiwork.reporting.report import check_narrative

    assert check_narrative(text).ok  # the default checker cannot see these (documented)
    report = check_narrative(text, bound=True)
    assert report.unsupported_texts() == flagged
    assert all(f.noted for f in report.unsupported)


@pytest.mark.parametrize(
    "text",
    [
        "Tỷ lệ hồ sơ trực tuyến tăng từ 52,3% trong tháng 1/2026 lên 71,8% trong tháng 10/2026, "
        "tức tăng 19,5 điểm phần trăm.",
        "Phường Quy Nhơn dẫn đầu với tỷ lệ trực tuyến 72,6%, xã Chư Păh thấp nhất với 37,7%.",
        "Phường Quy Nhơn và xã Chư Păh có tỷ lệ trực tuyến lần lượt là 72,6% và 37,7%.",
        "Tỷ lệ giải quyết hồ sơ đúng hạn đạt 97,4%, tỷ lệ hồ sơ trực tuyến đạt 62,4%.",
        "Trong đó 124.070 hồ sơ được nộp trực tuyến, đạt tỷ lệ 62,4%.",
        "Toàn tỉnh có 81,1% cán bộ, công chức, viên chức đã hoàn thành bồi dưỡng, vượt mục tiêu "
        "80% của tỉnh; có 7/12 đơn vị đạt mục tiêu.",
    ],
)
def test_bound_mode_keeps_right_sentences(text):
    from aiwork.reporting.report import check_narrative

    report = check_narrative(text, bound=True)
    assert report.ok, report.to_text()
