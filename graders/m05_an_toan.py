"""Graders of assignment m05-an-toan (module 5: safe and responsible use of AI).

Rubric (documented for learners in the assignment notebook):

Câu 1 — classify six workplace scenarios before using a public AI assistant (4 points)
  - an toàn (2): every scenario labelled with A-D; (hidden) the state-secret and internal
    scenarios are never labelled "A" (public) and the secret one is "D";
  - chính xác (2): every scenario labelled; (hidden) at least 5 of 6 match the key.
Câu 2 — redact a petition before sending it to a public assistant (6 points), graded against
  the labelled spans of :data:`VAN_BAN_2_MARKED`:
  - định danh (2): no identifier number or e-mail of the text is left (digits compared without
    spacing, so "0935.682.417" counts as the phone);
  - họ tên, địa chỉ (2): no name, address or date of birth is left;
  - nhạy cảm, nội dung (2, hidden): the health information is gone too (the detector does not
    find it: the learner must review), the administrative content is kept, and the privacy
    detector finds nothing left.
Câu 3 — find the problems in an assistant's draft reply (4 points)
  - phát hiện (2): answer is a list of letters from the options; (hidden) every real problem
    found;
  - chính xác (2): (hidden) no option chosen that is not a problem in the draft.
Câu 4 — disclosure note and account security (4 points)
  - ghi chú (2): the note says AI was used, that a person checked it / is responsible, holds no
    personal data and is short;
  - 4b, 4c (1 each): multiple choice (keys hidden).

Answer keys live in the hidden test cells of the notebook, not here (learners can import this
module for the self-check). The texts and spans below are fictional (nhân vật giả định).
"""

from __future__ import annotations

import re
import unicodedata

from aiwork.privacy.dataset import parse_marked
from aiwork.privacy.detector import detect
from aiwork.privacy.patterns import KINDS
from graders.core import Question, Result, SelfCheck, cham_trac_nghiem, is_blank

# --- Câu 1 ---------------------------------------------------------------------------------

LABELS_1 = {
    "A": "Công khai: được dùng với trợ lý AI công cộng",
    "B": "Có dữ liệu cá nhân: phải ẩn trước khi dùng",
    "C": "Nội bộ: không đưa vào trợ lý AI công cộng",
    "D": "Bí mật nhà nước: tuyệt đối không đưa vào bất kỳ trợ lý AI nào",
}
SCENARIOS_1 = {
    "TH1": "Thông báo lịch tiếp công dân tháng 4 đã niêm yết tại trụ sở và đăng trên cổng thông "
    "tin điện tử của phường; anh/chị muốn trợ lý viết lại cho dễ đọc.",
    "TH2": "Danh sách 35 hộ nhận hỗ trợ tiền điện, có họ tên, số định danh cá nhân và số tài "
    "khoản; anh/chị muốn trợ lý lập bảng tổng hợp theo thôn.",
    "TH3": "Dự thảo báo cáo đánh giá cán bộ của phòng, chưa trình lãnh đạo, đóng dấu «Tài liệu "
    "nội bộ»; anh/chị muốn trợ lý sửa câu chữ.",
    "TH4": "Văn bản có dấu chỉ độ mật «MẬT» về phương án bảo vệ mục tiêu quan trọng trên địa bàn; "
    "anh/chị muốn trợ lý tóm tắt.",
    "TH5": "Đơn phản ánh của một người dân, có họ tên, số điện thoại, địa chỉ và tình trạng "
    "bệnh của người nhà; anh/chị muốn trợ lý gợi ý cách trả lời.",
    "TH6": "Bài phát biểu của lãnh đạo tỉnh tại hội nghị hôm qua, toàn văn đã đăng trên cổng "
    "thông tin điện tử của tỉnh; anh/chị muốn trợ lý gợi ý tiêu đề cho bản tin nội bộ.",
}
SCENARIO_LINE = re.compile(r"^\s*(TH\s*\d)\s*[:=\-]\s*([A-Da-d])\b", re.IGNORECASE)


def parse_phan_loai(answer: object) -> dict[str, str]:
    """'TH1: A' lines (one per scenario) -> {'TH1': 'A'}; anything else is ignored."""
    if not isinstance(answer, str):
        return {}
    out: dict[str, str] = {}
    for line in answer.splitlines():
        m = SCENARIO_LINE.match(line)
        if m:
            out[re.sub(r"\s", "", m.group(1)).upper()] = m.group(2).upper()
    return out


def _classification(r: Result, answer: object) -> dict[str, str]:
    if is_blank(answer) or not isinstance(answer, str):
        r.add(
            "answered",
            False,
            "",
            "Anh/chị chưa trả lời câu 1 (mỗi dòng một tình huống, ví dụ «TH1: A»).",
        )
        return {}
    got = parse_phan_loai(answer)
    missing = [k for k in SCENARIOS_1 if k not in got]
    r.add(
        "complete",
        not missing,
        f"Đã phân loại đủ {len(SCENARIOS_1)} tình huống.",
        f"Còn thiếu tình huống: {', '.join(missing)} (mỗi dòng dạng «TH1: A», nhãn A, B, C "
        "hoặc D).",
    )
    return got


def cham_cau_1_an_toan(answer: object, dap_an: dict[str, str] | None = None) -> Result:
    r = Result()
    got = _classification(r, answer)
    if not got or dap_an is None:
        return r
    secret = [k for k, v in dap_an.items() if v == "D"]
    closed = [k for k, v in dap_an.items() if v in ("C", "D")]
    r.add(
        "secret",
        all(got.get(k) == "D" for k in secret),
        "Nhận ra đúng thông tin bí mật nhà nước.",
        "Có tình huống chứa bí mật nhà nước chưa được xếp vào nhóm D.",
    )
    r.add(
        "not_public",
        all(got.get(k) != "A" for k in closed),
        "Không xếp tài liệu nội bộ hay bí mật vào nhóm công khai.",
        "Có tài liệu nội bộ hoặc bí mật bị xếp vào nhóm công khai (A): lỗi nghiêm trọng.",
    )
    return r


def cham_cau_1_chinh_xac(answer: object, dap_an: dict[str, str] | None = None) -> Result:
    r = Result()
    got = _classification(r, answer)
    if not got or dap_an is None:
        return r
    right = sum(got.get(k) == v for k, v in dap_an.items())
    r.add(
        "accuracy",
        right >= len(dap_an) - 1,
        f"Phân loại đúng {right}/{len(dap_an)} tình huống.",
        f"Mới phân loại đúng {right}/{len(dap_an)} tình huống (cần ít nhất {len(dap_an) - 1}).",
    )
    return r


# --- Câu 2 ---------------------------------------------------------------------------------

VAN_BAN_2_MARKED = (
    "Kính gửi: Phòng Văn hóa - Xã hội UBND phường Quy Nhơn Bắc.\n"
    "Ngày 03/3/2026, Bộ phận Một cửa tiếp nhận đơn của bà {{HO_TEN|Lê Thị Thanh Hương}}, "
    "sinh năm {{NGAY_SINH|1979}}, CCCD số {{CCCD|052179004812}}, trú tại "
    "{{DIA_CHI|tổ 4, khu phố 7, phường Quy Nhơn Bắc, tỉnh Gia Lai}}, điện thoại "
    "{{SDT|0935 682 417}}, thư điện tử {{EMAIL|huong.lethanh79@gmail.com}}, đề nghị hỗ trợ khó "
    "khăn đột xuất theo Công văn số 123/UBND-VP.\n"
    "Theo đơn, chồng bà là ông {{HO_TEN|Phạm Văn Toàn}}, đang điều trị bệnh lao phổi tại Bệnh "
    "viện Phổi tỉnh; gia đình có 2 con đang đi học.\n"
    "Đề nghị Phòng xem xét, đề xuất mức hỗ trợ 2.500.000 đồng, chuyển vào số tài khoản "
    "{{STK|0451000567890}} (Vietcombank) của bà {{HO_TEN|Hương}}, và trả lời trong 15 ngày làm "
    "việc.\n"
)
VAN_BAN_2, SPANS_2 = parse_marked(VAN_BAN_2_MARKED)
IDENTIFIER_KINDS = ("CCCD", "CMND", "SDT", "EMAIL", "MST", "BHXH", "HO_CHIEU", "BIEN_SO", "STK")
# Administrative content that must survive redaction (it is not personal data).
KEEP_2 = ("03/3/2026", "123/UBND-VP", "2.500.000", "15 ngày", "Quy Nhơn Bắc")
# The health information a detector cannot find: its words must be gone from the answer.
HEALTH_2 = ("lao phổi", "Bệnh viện Phổi")
_NUMBER_RUN = re.compile(r"\d(?:[\d .\-]*\d)?")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _digit_runs(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group()) for m in _NUMBER_RUN.finditer(text)}


def _left(answer: str, kinds: tuple[str, ...]) -> list[str]:
    """Labels of the gold spans of these kinds still present in the answer."""
    folded = _fold(answer)
    runs = _digit_runs(answer)
    left = []
    for s in SPANS_2:
        if s.kind not in kinds:
            continue
        if KINDS[s.kind].placeholder_digits:
            digits = re.sub(r"\D", "", s.text)
            present = any(digits in run for run in runs)
        else:
            present = bool(re.search(rf"(?<!\w){re.escape(_fold(s.text))}(?!\w)", folded))
        if present:
            left.append(KINDS[s.kind].label_vi)
    return list(dict.fromkeys(left))


def _redacted_text(r: Result, answer: object) -> str | None:
    if is_blank(answer) or not isinstance(answer, str) or len(answer.strip()) < 40:
        r.add("answered", False, "", "Anh/chị chưa dán văn bản đã ẩn thông tin vào câu 2.")
        return None
    return unicodedata.normalize("NFC", answer)


def cham_cau_2_dinh_danh(answer: object) -> Result:
    r = Result()
    text = _redacted_text(r, answer)
    if text is not None:
        left = _left(text, IDENTIFIER_KINDS)
        r.add(
            "identifiers",
            not left,
            "Đã ẩn hết số định danh, số điện thoại, thư điện tử, số tài khoản.",
            f"Văn bản còn để lộ: {', '.join(left)}.",
        )
    return r


def cham_cau_2_ten_dia_chi(answer: object) -> Result:
    r = Result()
    text = _redacted_text(r, answer)
    if text is not None:
        left = _left(text, ("HO_TEN", "DIA_CHI", "NGAY_SINH"))
        r.add(
            "names",
            not left,
            "Đã ẩn họ tên, địa chỉ, năm sinh.",
            f"Văn bản còn để lộ: {', '.join(left)} (kiểm tra cả chỗ chỉ ghi tên gọi).",
        )
    return r


def cham_cau_2_nhay_cam(answer: object, nhay_cam: tuple[str, ...] = HEALTH_2) -> Result:
    r = Result()
    text = _redacted_text(r, answer)
    if text is None:
        return r
    folded = _fold(text)
    r.add(
        "sensitive",
        not any(_fold(w) in folded for w in nhay_cam),
        "Đã ẩn cả thông tin nhạy cảm (sức khỏe).",
        "Văn bản còn thông tin nhạy cảm về sức khỏe của người trong đơn: công cụ tự động không "
        "phát hiện được loại thông tin này, anh/chị phải tự rà soát và ẩn.",
    )
    lost = [k for k in KEEP_2 if _fold(k) not in folded]
    r.add(
        "content",
        not lost and len(text) >= 0.5 * len(VAN_BAN_2),
        "Giữ nguyên nội dung công vụ (ngày, số hiệu văn bản, số tiền, thời hạn).",
        "Văn bản đã ẩn làm mất nội dung công vụ cần giữ: "
        f"{', '.join(lost) if lost else 'phần lớn văn bản'}. Chỉ thay phần dữ liệu cá nhân.",
    )
    found = detect(text)
    r.add(
        "detector",
        not found,
        "Công cụ kiểm tra không còn tìm thấy dữ liệu cá nhân.",
        "Công cụ kiểm tra còn tìm thấy: "
        f"{', '.join(dict.fromkeys(KINDS[f.kind].label_vi for f in found))}.",
    )
    return r


# --- Câu 3 ---------------------------------------------------------------------------------

TAI_LIEU_3 = (
    "Trích Thông báo số 12/TB-UBND (giả định) của UBND phường Quy Nhơn Nam: hồ sơ đề nghị hỗ trợ "
    "sửa chữa nhà ở nộp tại Bộ phận Một cửa; thời hạn giải quyết 10 ngày làm việc kể từ ngày "
    "nhận đủ hồ sơ; mức hỗ trợ tối đa 20.000.000 đồng/hộ."
)
BAN_NHAP_3 = (
    "Kính gửi ông Nay Blim (nhân vật giả định),\n"
    "UBND phường đã nhận hồ sơ đề nghị hỗ trợ sửa chữa nhà ở của ông. Theo Quyết định số "
    "999/QĐ-XYZ, thời hạn giải quyết là 15 ngày làm việc và mức hỗ trợ tối đa 20.000.000 "
    "đồng/hộ.\n"
    "Hồ sơ của hộ bên cạnh (bà H'Lan, CCCD 064172003456) đã được duyệt trước, ông có thể tham "
    "khảo.\n"
    "Vì đồng bào dân tộc thường chậm hiểu thủ tục, đề nghị ông nhờ cán bộ thôn điền hộ tờ khai.\n"
    "Trân trọng."
)
OPTIONS_3 = {
    "A": "Trích dẫn một văn bản không có trong tài liệu được cung cấp (có thể là bịa đặt).",
    "B": "Thời hạn giải quyết khác với tài liệu được cung cấp.",
    "C": "Tiết lộ dữ liệu cá nhân của một người khác.",
    "D": "Có nội dung định kiến, phân biệt đối xử với đồng bào dân tộc thiểu số.",
    "E": "Mức hỗ trợ tối đa khác với tài liệu được cung cấp.",
    "F": "Sai tên cơ quan tiếp nhận hồ sơ.",
    "G": "Văn bản quá dài, vượt giới hạn 300 từ.",
}
LETTERS = re.compile(r"[A-Za-z]")


def parse_letters(answer: object) -> set[str] | None:
    """'A, C, D' / ['A', 'C'] -> {'A', 'C', 'D'}; None when not a list of option letters."""
    if isinstance(answer, (list, tuple, set)):
        items = [str(x).strip().upper() for x in answer]
    elif isinstance(answer, str):
        items = [x.upper() for x in LETTERS.findall(answer)]
    else:
        return None
    if not items or any(x not in OPTIONS_3 for x in items):
        return None
    return set(items)


def _letters(r: Result, answer: object) -> set[str] | None:
    got = None if is_blank(answer) else parse_letters(answer)
    r.add(
        "format",
        got is not None,
        f"Đã chọn {len(got or ())} vấn đề.",
        'Hãy ghi các chữ cái của những vấn đề anh/chị thấy, ví dụ "A, C" (chỉ dùng các chữ '
        f"{', '.join(OPTIONS_3)}).",
    )
    return got


def cham_cau_3_phat_hien(answer: object, dap_an: set[str] | None = None) -> Result:
    r = Result()
    got = _letters(r, answer)
    if got is not None and dap_an is not None:
        missed = len(dap_an - got)
        r.add(
            "found",
            not missed,
            "Đã phát hiện đủ các vấn đề trong bản nháp.",
            f"Còn bỏ sót {missed} vấn đề trong bản nháp của trợ lý.",
        )
    return r


def cham_cau_3_chinh_xac(answer: object, dap_an: set[str] | None = None) -> Result:
    r = Result()
    got = _letters(r, answer)
    if got is not None and dap_an is not None:
        wrong = len(got - dap_an)
        r.add(
            "precise",
            not wrong,
            "Không chọn nhầm vấn đề không có trong bản nháp.",
            f"Có {wrong} lựa chọn không phải là vấn đề của bản nháp: hãy đối chiếu lại với "
            "tài liệu.",
        )
    return r


# --- Câu 4 ---------------------------------------------------------------------------------

# "AI" in capitals only: lower-case "ai" is the Vietnamese word for "who".
AI_WORDS = re.compile(r"\bAI\b|(?i:trí tuệ nhân tạo|trợ lý ảo|chatgpt|mô hình ngôn ngữ)")
REVIEW_WORDS = re.compile(
    r"kiểm tra|rà soát|đối chiếu|thẩm định|chịu trách nhiệm|hiệu đính|"
    r"biên tập|xác minh|duyệt"
)
MAX_NOTE_WORDS = 60


def cham_cau_4_ghi_chu(answer: object) -> Result:
    r = Result()
    if is_blank(answer) or not isinstance(answer, str):
        r.add("answered", False, "", "Anh/chị chưa viết ghi chú công khai việc sử dụng AI.")
        return r
    text = unicodedata.normalize("NFC", answer).strip()
    folded = text.casefold()
    r.add(
        "ai",
        bool(AI_WORDS.search(text)),
        "Ghi chú nêu rõ có sử dụng AI.",
        "Ghi chú cần nói rõ văn bản có sử dụng trợ lý AI / trí tuệ nhân tạo.",
    )
    r.add(
        "human",
        bool(REVIEW_WORDS.search(folded)),
        "Ghi chú nêu việc người có thẩm quyền đã kiểm tra, chịu trách nhiệm.",
        "Ghi chú cần nêu nội dung đã được cán bộ kiểm tra, rà soát (người dùng chịu trách "
        "nhiệm về kết quả).",
    )
    words = len(text.split())
    r.add(
        "short",
        words <= MAX_NOTE_WORDS,
        f"Ghi chú ngắn gọn ({words} từ).",
        f"Ghi chú dài {words} từ; hãy viết gọn trong {MAX_NOTE_WORDS} từ.",
    )
    found = detect(text)
    r.add(
        "no_personal",
        not found,
        "Ghi chú không chứa dữ liệu cá nhân.",
        "Ghi chú không nên chứa dữ liệu cá nhân (họ tên, số điện thoại, thư điện tử...).",
    )
    return r


kiem_tra = SelfCheck(
    [
        Question(
            "cau_1",
            "Câu 1 — phân loại thông tin",
            ("phan_loai_1",),
            lambda a: Result(cham_cau_1_an_toan(a).checks),
        ),
        Question(
            "cau_2",
            "Câu 2 — ẩn dữ liệu cá nhân",
            ("van_ban_2",),
            lambda a: Result(cham_cau_2_dinh_danh(a).checks + cham_cau_2_ten_dia_chi(a).checks),
        ),
        Question(
            "cau_3",
            "Câu 3 — vấn đề trong bản nháp của trợ lý",
            ("van_de_3",),
            lambda a: Result(cham_cau_3_phat_hien(a).checks),
        ),
        Question("cau_4a", "Câu 4a — ghi chú sử dụng AI", ("ghi_chu_4a",), cham_cau_4_ghi_chu),
        *[
            Question(f"cau_4{x}", f"Câu 4{x} — trắc nghiệm", (f"cau_4{x}",), cham_trac_nghiem)
            for x in "bc"
        ],
    ]
)


def in_de_bai(phan: str) -> None:
    """Print a question's material (scenarios, texts, options) for the notebook."""
    if phan == "cau_1":
        print("Nhóm phân loại:")
        for k, v in LABELS_1.items():
            print(f"  {k}. {v}")
        print("\nCác tình huống (giả định):")
        for k, v in SCENARIOS_1.items():
            print(f"  {k}. {v}")
    elif phan == "cau_2":
        print(VAN_BAN_2)
    elif phan == "cau_3":
        print("TÀI LIỆU ĐƯỢC CUNG CẤP CHO TRỢ LÝ:\n" + TAI_LIEU_3)
        print("\nBẢN NHÁP DO TRỢ LÝ SOẠN:\n" + BAN_NHAP_3)
        print("\nCÁC VẤN ĐỀ CÓ THỂ CÓ:")
        for k, v in OPTIONS_3.items():
            print(f"  {k}. {v}")
    else:
        raise KeyError(phan)
