"""The grounding checker on supported, unsupported and mis-cited answers."""

from __future__ import annotations

import pytest

from aiwork.lookup.corpus import by_id
from aiwork.lookup.facts import extract
from aiwork.lookup.grounding import check_grounding, split_sentences
from aiwork.lookup.retriever import Retriever


@pytest.fixture(scope="module")
def corpus():
    return by_id()


@pytest.fixture(scope="module")
def given(corpus):
    return [
        corpus[i] for i in ("tthc-khai-sinh", "tthc-khai-tu", "nd30-d33-k1", "luat91-d8-xu-phat")
    ]


def kinds(result):
    return [(i.sentence, i.kind) for i in result.issues]


def test_supported_answer_passes(given):
    answer = (
        "Cha, mẹ đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh [tthc-khai-sinh]. "
        "Người thân đi đăng ký khai tử trong mười lăm ngày kể từ ngày có người chết [tthc-khai-tu].\n"
        "- Mỗi dấu giáp lai đóng tối đa 5 tờ văn bản [nd30-d33-k1].\n"
        "- Mua bán dữ liệu cá nhân có thể bị phạt tới 10 lần khoản thu; vi phạm khác tối đa "
        "3 tỷ đồng [luat91-d8-xu-phat]."
    )
    r = check_grounding(answer, given)
    assert r.ok, r.report()
    assert r.cited_ids == ["tthc-khai-sinh", "tthc-khai-tu", "nd30-d33-k1", "luat91-d8-xu-phat"]
    assert len(r.sentences) == 4
    assert "✅" in r.report()


def test_unsupported_numbers_are_listed_with_a_vietnamese_explanation(given):
    answer = (
        "Đăng ký khai sinh đúng hạn nộp lệ phí 50.000 đồng [tthc-khai-sinh]. "
        "Hồ sơ gồm tờ khai và giấy chứng sinh [tthc-khai-sinh]."
    )
    r = check_grounding(answer, given)
    assert kinds(r) == [(1, "unsupported-claim")]
    assert r.unsupported_sentences == [1]
    msg = r.issues[0].message
    assert "50.000 đồng" in msg and "không có căn cứ" in msg and "[tthc-khai-sinh]" in msg


def test_claims_without_citation_are_flagged(given):
    r = check_grounding("Khai tử phải làm trong 15 ngày.", given)
    assert kinds(r) == [(1, "uncited-claim")]
    assert "không dẫn nguồn" in r.issues[0].message and "tthc-khai-tu" in r.issues[0].message


def test_miscited_fact_names_the_passage_that_holds_it(given):
    r = check_grounding("Khai tử phải đăng ký trong 15 ngày [tthc-khai-sinh].", given)
    assert kinds(r) == [(1, "miscited")]
    assert r.issues[0].ids == ("tthc-khai-tu",)
    assert "trích dẫn sai đoạn" in r.issues[0].message


def test_invented_citation_ids_are_reported(given):
    r = check_grounding("Theo quy định, hồ sơ được xử lý ngay [nd30-d99-k7].", given)
    assert r.unknown_ids == ["nd30-d99-k7"]
    assert kinds(r) == [(1, "unknown-id")]


def test_deadline_units_matter_working_days_are_not_days(corpus):
    thuong_tru = [corpus["tthc-thuong-tru"]]
    assert check_grounding("Giải quyết trong 07 ngày làm việc [tthc-thuong-tru].", thuong_tru).ok
    assert check_grounding("Giải quyết trong bảy ngày làm việc [tthc-thuong-tru].", thuong_tru).ok
    r = check_grounding("Giải quyết trong 7 ngày [tthc-thuong-tru].", thuong_tru)
    assert kinds(r) == [(1, "unsupported-claim")]


def test_dates_articles_and_document_numbers_are_checked(corpus):
    nd30 = [corpus["nd30-d8-k2"], corpus["luat91-thong-tin-chung"]]
    ok = (
        "Các thành phần chính được quy định tại Điều 8 khoản 2 Nghị định 30/2020/NĐ-CP [nd30-d8-k2]. "
        "Luật 91/2025/QH15 có hiệu lực từ ngày 01 tháng 01 năm 2026 [luat91-thong-tin-chung]."
    )
    assert check_grounding(ok, nd30).ok, check_grounding(ok, nd30).report()
    bad = (
        "Các thành phần chính quy định tại Điều 9 [nd30-d8-k2]. "
        "Luật có hiệu lực từ 01/7/2025 [luat91-thong-tin-chung]."
    )
    r = check_grounding(bad, nd30)
    assert [i.fact for i in r.issues] == ["Điều 9", "01/7/2025"]


def test_citation_forms(given):
    # numbered citations refer to the n-th passage given; a citation after the full stop
    # belongs to the sentence before it; several ids in one bracket
    r = check_grounding(
        "Đăng ký trong 60 ngày. [1]\nTối đa 3 tỷ đồng [3, luat91-d8-xu-phat].", given
    )
    assert r.ok, r.report()
    assert len(r.sentences) == 2 and r.sentences[0].cited == ["tthc-khai-sinh"]


def test_passages_as_mapping_and_as_hits(corpus):
    mapping = {"a-1": "Thời hạn giải quyết là 03 ngày làm việc."}
    assert check_grounding("Giải quyết trong 3 ngày làm việc [a-1].", mapping).ok
    hits = Retriever().search("phí chứng thực chữ ký", 3)
    assert check_grounding("Phí là 10.000 đồng [tthc-chung-thuc-chu-ky].", hits).ok


def test_sentences_without_facts_are_not_judged_but_weak_citations_warn(given):
    r = check_grounding("Anh chị nên hỏi cán bộ hộ tịch để được hướng dẫn thêm.", given)
    assert r.ok and not r.warnings
    r = check_grounding("Bầu trời hôm nay rất xanh và đẹp [nd30-d33-k1].", given)
    assert r.ok and [w.kind for w in r.warnings] == ["weak-citation"]


def test_sentence_splitting_keeps_numbers_and_dates_whole():
    parts = split_sentences("Phí 2.000 đồng/trang. Ngày 05/3/2020 ký. [nd30-d37]\n- Ý thứ hai")
    assert parts == ["Phí 2.000 đồng/trang.", "Ngày 05/3/2020 ký. [nd30-d37]", "- Ý thứ hai"]


def test_fact_extraction_normalises_spellings():
    def keys(s):
        return [(f.kind, f.key) for f in extract(s)]

    assert keys("ngày 05 tháng 3 năm 2020") == keys("05/3/2020") == [("date", "5/3/2020")]
    assert keys("200 nghìn đồng") == keys("200.000 đồng") == [("money", "200000")]
    assert keys("80%") == keys("80 phần trăm") == [("pct", "80")]
    assert keys("hai mươi lăm ngày") == [("dur", "25 ngày")]
    assert keys("8 giờ 00") == keys("8 giờ") == keys("8h") == [("time", "8:00")]
    # list enumerators are not claims
    assert keys("1. Hồ sơ gồm tờ khai") == []
