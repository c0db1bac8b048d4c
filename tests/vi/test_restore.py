"""aiwork.vi.DiacriticModel: the written forms a question's context supports (issue 22)."""

from __future__ import annotations

from aiwork.vi import DiacriticModel

TEXT = (
    "Hai bên phải cùng có mặt khi đăng ký. Người nhà mất thì đi đăng ký khai tử. "
    "Cỡ chữ 13 đến 14. Có chữ ký của người có thẩm quyền. Kiểu chữ đứng, đậm. "
    "Dùng chữ số Ả Rập. Lái xe an toàn. Có hiệu lực từ ngày 01."
)


def test_the_neighbours_decide_a_syllable_that_folds_alike():
    model = DiacriticModel.from_texts([TEXT])
    marks = model.marks("nguoi nha mat thi khai tu o dau")
    assert marks["mat"] == {"mất"} and marks["tu"] == {"tử"}
    assert model.marks("co mat khi dang ky")["mat"] == {"mặt"}
    assert model.marks("kieu chu dung")["dung"] == {"đứng"}  # not "dùng"


def test_what_the_context_does_not_decide_stays_open():
    model = DiacriticModel.from_texts([TEXT])
    # "mat" beside words the text never puts next to it: any form matches
    assert "mat" not in model.marks("mat tien khong")
    # one way of writing it in the text: folding loses nothing, no mark
    assert "lai" not in model.marks("lai xe")


def test_a_word_typed_with_diacritics_is_its_own_mark():
    model = DiacriticModel.from_texts([TEXT])
    assert model.marks("chữ đứng")["dung"] == {"đứng"}
