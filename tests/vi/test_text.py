"""aiwork.vi.text: NFC and the named fold variants."""

import random
import unicodedata

import pytest

from aiwork.vi import (
    fold,
    fold_keep_diacritics,
    fold_keep_offsets,
    fold_key,
    nfc,
    strip_diacritics,
)

VIET = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
ALPHABET = VIET + VIET.upper() + "bcghklmnpqrstvx0123456789 \t\n.,:;/-()“”"


def _random_texts(n=300, seed=7):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize(
    ("func", "text", "expected"),
    [
        (fold, "  Ngày   Ký\tĐẶNG ", "ngay ky dang"),
        (fold, "Cơ quan ban hành", "co quan ban hanh"),
        (fold, None, ""),
        (fold_keep_diacritics, "  Nhà  Ở ", "nhà ở"),
        (fold_keep_offsets, "Công  Văn", "cong  van"),
        (strip_diacritics, "Đặng Thị Ánh", "Dang Thi Anh"),
        (fold_key, "Công văn", "cong_van"),
        (fold_key, "cong_van", "cong_van"),
        (fold_key, " Mẫu 1.1 (Phụ lục) ", "mau_1_1_phu_luc"),
        (nfc, None, ""),
    ],
)
def test_examples(func, text, expected):
    assert func(text) == expected


@pytest.mark.parametrize(
    "func", [fold, fold_keep_diacritics, fold_keep_offsets, fold_key, nfc, strip_diacritics]
)
def test_nfd_and_nfc_input_fold_alike(func):
    for text in _random_texts():
        decomposed = unicodedata.normalize("NFD", text)
        if func is strip_diacritics:  # works on NFC text by contract
            decomposed = nfc(decomposed)
        assert func(decomposed) == func(text)


def test_properties_on_random_text():
    for text in _random_texts():
        n = nfc(text)
        folded = fold(text)
        assert all(c.isascii() for c in folded if c.isalpha()), (text, folded)
        assert folded == folded.strip() and "  " not in folded
        assert fold(folded) == folded  # idempotent
        assert len(fold_keep_offsets(text)) == len(n)
        assert len(strip_diacritics(n)) == len(n)
        assert fold(text) == " ".join(strip_diacritics(n).lower().split())
        assert fold(fold_keep_diacritics(text)) == folded
        assert fold_keep_diacritics(fold_keep_diacritics(text)) == fold_keep_diacritics(text)
        key = fold_key(text)
        assert fold_key(key) == key and not key.startswith("_") and not key.endswith("_")


def test_offsets_are_shared_with_the_nfc_text():
    text = unicodedata.normalize("NFD", "Kính gửi: Sở Khoa học và Công nghệ")
    folded = fold_keep_offsets(text)
    start = folded.index("so khoa hoc")
    assert nfc(text)[start : start + len("so khoa hoc")] == "Sở Khoa học"


def test_keep_diacritics_distinguishes_what_fold_merges():
    assert fold("nhà") == fold("nha")
    assert fold_keep_diacritics("nhà") != fold_keep_diacritics("nha")
