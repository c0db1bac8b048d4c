"""aiwork privacy scan / redact / restore."""

from __future__ import annotations

import io
import json
import sys
import unicodedata

from aiwork.cli import main

TEXT = "Ông Trần Văn Bình, ĐT 0914.222.333, trú tại thôn 3, xã Ia Hrung. Số: 123/UBND-VP.\n"


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_scan_json_offsets_into_nfc_input(tmp_path, capsys):
    src = tmp_path / "don.txt"
    src.write_text(unicodedata.normalize("NFD", TEXT), encoding="utf-8")
    code, out, _ = run(["privacy", "scan", "--json", str(src)], capsys)
    assert code == 0
    items = json.loads(out)
    assert [(i["kind"], i["text"]) for i in items] == [
        ("HO_TEN", "Trần Văn Bình"),
        ("SDT", "0914.222.333"),
        ("DIA_CHI", "thôn 3, xã Ia Hrung"),
    ]
    nfc = unicodedata.normalize("NFC", TEXT)
    for i in items:
        assert nfc[i["start"] : i["end"]] == i["text"]


def test_scan_reads_stdin_and_prints_a_table(capsys, monkeypatch):
    code, out, err = run(["privacy", "scan", "-"], capsys, stdin=TEXT, monkeypatch=monkeypatch)
    assert code == 0 and "SDT" in out and "0914.222.333" in out
    assert "Tìm thấy 3 thông tin cá nhân" in err


def test_redact_then_restore_with_a_local_mapping(tmp_path, capsys, monkeypatch):
    src = tmp_path / "don.txt"
    src.write_text(TEXT, encoding="utf-8")
    mapping = tmp_path / "map.json"
    code, out, _ = run(["privacy", "redact", "--mapping", str(mapping), str(src)], capsys)
    assert code == 0
    assert out == "Ông [HO_TEN_1], ĐT [SDT_1], trú tại [DIA_CHI_1]. Số: 123/UBND-VP.\n"
    assert json.loads(mapping.read_text(encoding="utf-8"))["SDT_1"] == "0914.222.333"
    code, back, _ = run(
        ["privacy", "restore", "--mapping", str(mapping), "-"],
        capsys,
        stdin="Đã gọi [HO_TEN_1] qua số [SDT_1].",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and back == "Đã gọi Trần Văn Bình qua số 0914.222.333."


def test_unreadable_input_exits_2(tmp_path, capsys):
    code, _, err = run(["privacy", "scan", str(tmp_path / "khong-co.txt")], capsys)
    assert code == 2 and "Không đọc được" in err
