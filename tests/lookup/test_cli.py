"""``aiwork lookup``: the interface fixed by issue 5."""

from __future__ import annotations

import json

from aiwork.cli import main


def test_json_output_lists_ranked_passages(capsys):
    assert main(["lookup", "thời hạn đăng ký khai sinh", "--k", "3", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3
    for row in rows:
        assert {"id", "source", "score", "text"} <= set(row)
    assert rows[0]["id"] in {"tthc-khai-sinh", "luat60-dang-ky-khai-sinh"}  # both state it
    assert rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]


def test_text_output_shows_ids_and_locators(capsys):
    assert main(["lookup", "dấu", "giáp", "lai"]) == 0
    out = capsys.readouterr().out
    assert "[nd30-d33-k1]" in out and "Điều 33" in out
    assert out.count("\n1. ") + out.startswith("1. ") == 1


def test_default_k_is_5_and_bad_input_exits_2(capsys):
    assert main(["lookup", "văn bản", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert main(["lookup", "  "]) == 2
    assert main(["lookup", "văn bản", "--k", "0"]) == 2


def test_hybrid_flag_uses_the_configured_embeddings(capsys):
    assert (
        main(["lookup", "mức phạt mua bán dữ liệu cá nhân", "--k", "2", "--json", "--hybrid"]) == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "luat91-d8-xu-phat"
    assert 0 < rows[0]["score"] <= 1.0  # fused scores are normalised
