"""Graders of assignment m05-an-toan (module 5: safe and responsible use of AI).

Every point goes to a decision the learner makes (EXERCISE_STANDARD §2); running the given
redaction tool earns nothing, because its output alone leaves what it cannot see.

Câu 1 — classify six workplace scenarios before using a public AI assistant (4 points)
  - an toàn (2): every scenario labelled A-D; (hidden) the state secret is D and nothing that
    is secret, internal or holds personal data is labelled A (public);
  - chính xác (2): every scenario labelled; (hidden) at least 5 of 6 match the key.
Câu 2a — the petition masked before it goes to a public assistant (4 points)
  - ẩn hết (2): (hidden) none of the personal data the hidden list names is left, including
    what the tool does not find (a personal Facebook page), and the official content is kept;
  - nhạy cảm (2): (hidden) the health information (sensitive) is gone too, content kept.
Câu 2b — what a masked text still reveals (2 points)
  - (hidden) names at least three of the hidden list's identifying details, says how to
    handle them (generalise, remove), is the learner's judgement rather than a copy of the text.
Câu 3 — the problems of an assistant's draft, as letters (4 points)
  - phát hiện (2): (hidden) every real problem found; chính xác (2): (hidden) no false alarm.
Câu 4 — disclosure note and account security (4 points)
  - 4a (2): the note says AI assisted and that a person checked it and is responsible; a note
    that says the AI checked, confirmed or is responsible fails; naming the tool is fine;
  - 4b, 4c (1 each): letters, read by graders.forms.choice_result (keys hidden).

Keys (letters, the values to mask, the details that identify) live only in the notebook's
hidden test blocks and are passed in: learners can import this module for the self-check.
The texts below are fictional (nhân vật, tình huống giả định).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from aiwork.privacy.detector import detect
from aiwork.privacy.patterns import KINDS
from aiwork.privacy.redact import PLACEHOLDER_RE
from aiwork.vi import fold, fold_keep_diacritics, fold_keep_offsets, nfc
from graders.core import Question, Result, SelfCheck
from graders.forms import Field as FormField
from graders.forms import (
    answer_text,
    choice_result,
    copied_from,
    leading_choice,
    parse_choices,
    parse_form,
    still_present,
)

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
# "TH1: A", "TH 2 - b", "Tình huống 3: nhóm C (nội bộ)", "4. D"
_SCENARIO_LINE = re.compile(
    r"^\s*[-*•+]?\s*(?:th|tinh huong|tt)?\s*(?P<no>[1-9])\s*(?:[:=\-–.)]|\s)\s*(?P<rest>.*)$"
)


def parse_phan_loai(answer: object) -> dict[str, str]:
    """One line per scenario -> {'TH1': 'A', ...}; lines that name no scenario are ignored."""
    text = answer_text(answer)
    out: dict[str, str] = {}
    for line in (text or "").split("\n"):
        m = _SCENARIO_LINE.match(fold(line))
        if m:
            letter = leading_choice(m["rest"])
            if letter:
                out.setdefault(f"TH{m['no']}", letter)
    return out


def _classification(r: Result, answer: object) -> dict[str, str]:
    if answer_text(answer) is None:
        r.add(
            "answered",
            False,
            "",
            "Anh/chị chưa trả lời câu 1: mỗi dòng một tình huống, ví dụ «TH1: A».",
        )
        return {}
    got = parse_phan_loai(answer)
    missing = [k for k in SCENARIOS_1 if k not in got]
    r.add(
        "complete",
        not missing,
        f"Đã phân loại đủ {len(SCENARIOS_1)} tình huống.",
        f"Chưa đọc được nhóm của: {', '.join(missing)}. Mỗi dòng một tình huống, dạng «TH1: A» "
        "(một chữ A, B, C hoặc D; có thể ghi thêm lý do sau chữ cái).",
    )
    return got


def cham_cau_1_an_toan(answer: object, dap_an: dict[str, str] | None = None) -> Result:
    r = Result()
    got = _classification(r, answer)
    if not got or dap_an is None:
        return r
    secret = [k for k, v in dap_an.items() if v == "D"]
    closed = [k for k, v in dap_an.items() if v != "A"]
    r.add(
        "secret",
        all(got.get(k) == "D" for k in secret),
        "Nhận ra đúng thông tin bí mật nhà nước.",
        "Có tình huống chứa bí mật nhà nước chưa được xếp vào nhóm D: văn bản có dấu chỉ độ mật "
        "không được đưa vào bất kỳ trợ lý AI nào (xem lại Bài 5, mục 3).",
    )
    r.add(
        "not_public",
        all(got.get(k) != "A" for k in closed),
        "Không xếp thông tin mật, nội bộ hay có dữ liệu cá nhân vào nhóm công khai.",
        "Có thông tin mật, nội bộ hoặc có dữ liệu cá nhân bị xếp vào nhóm công khai (A): đây là "
        "lỗi nghiêm trọng (xem lại bảng 4 bước ở Bài 5, mục 3).",
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
        f"Mới phân loại đúng {right}/{len(dap_an)} tình huống (cần ít nhất {len(dap_an) - 1}); "
        f"hãy đi lần lượt 4 câu hỏi ở Bài 5, mục 3, dừng ở câu đầu tiên trả lời «có».",
    )
    return r


# --- Câu 2a: the masked petition ---------------------------------------------------------------

VAN_BAN_2 = (
    "Kính gửi: Phòng Văn hóa - Xã hội UBND phường Quy Nhơn Bắc.\n"
    "Ngày 03/3/2026, Bộ phận Một cửa tiếp nhận đơn của bà Lê Thị Thanh Hương, sinh năm 1979, "
    "CCCD số 052179004812, trú tại tổ 4, khu phố 7, phường Quy Nhơn Bắc, tỉnh Gia Lai, điện "
    "thoại 0935 682 417, thư điện tử huong.lethanh79@gmail.com, đề nghị hỗ trợ khó khăn đột "
    "xuất theo Công văn số 123/UBND-VP.\n"
    "Theo đơn, chồng bà là ông Phạm Văn Toàn, đang điều trị bệnh lao phổi tại Bệnh viện Phổi "
    "tỉnh; gia đình có 2 con đang đi học. Bà gửi kèm đường dẫn trang Facebook cá nhân "
    "facebook.com/huong.lethanh79, nơi bà đã đăng ảnh giấy ra viện của chồng.\n"
    "Đề nghị Phòng xem xét, đề xuất mức hỗ trợ 2.500.000 đồng, chuyển vào số tài khoản "
    "0451000567890 (Vietcombank) của bà Hương, và trả lời trong 15 ngày làm việc.\n"
)


def _masked_text(r: Result, answer: object) -> str | None:
    text = answer_text(answer)
    if text is None or len(text) < 40:
        r.add(
            "answered",
            False,
            "",
            'Anh/chị chưa dán văn bản đã ẩn thông tin vào câu 2a (giữa hai dấu """).',
        )
        return None
    r.add("answered", True, "Đã có bản đã ẩn.", "")
    return text


def _content_kept(r: Result, text: str, giu: Iterable[str]) -> None:
    lost = [k for k in giu if not still_present(k, text)]
    r.add(
        "content",
        not lost and len(text) >= 0.5 * len(VAN_BAN_2),
        "Giữ nguyên nội dung công vụ mà trợ lý cần để gợi ý cách trả lời.",
        "Bản đã ẩn làm mất nội dung công vụ trợ lý cần (ngày tiếp nhận, số hiệu văn bản, mức "
        "tiền, thời hạn...): chỉ thay phần dữ liệu cá nhân, giữ nguyên phần còn lại "
        "(xem lại Bài 5, mục 4).",
    )


def _tool_check(r: Result, text: str) -> None:
    found = detect(text)
    r.add(
        "detector",
        not found,
        "Công cụ kiểm tra không còn tìm thấy dữ liệu cá nhân.",
        "Công cụ kiểm tra còn tìm thấy: "
        f"{', '.join(dict.fromkeys(KINDS[f.kind].label_vi for f in found))}.",
    )


def cham_cau_2_an_het(
    answer: object, phai_an: Iterable[str] | None = None, giu: Iterable[str] = ()
) -> Result:
    """Visible: answered, the tool finds nothing. Hidden: none of ``phai_an`` left, ``giu`` kept."""
    r = Result()
    text = _masked_text(r, answer)
    if text is None:
        return r
    _tool_check(r, text)
    if phai_an is None:
        return r
    left = [v for v in phai_an if still_present(v, text)]
    r.add(
        "all_masked",
        not left,
        "Đã ẩn hết dữ liệu cá nhân, kể cả phần công cụ tự động không nhận ra.",
        f"Bản đã ẩn vẫn còn {len(left)} thông tin cá nhân. Công cụ tự động không nhận ra mọi "
        "thứ: anh/chị đọc lại từng dòng, chú ý cả tài khoản mạng xã hội, đường dẫn trang cá "
        f"nhân, tên gọi tắt (xem lại Bài 5, mục 2 và Bài 5, mục 4).",
    )
    _content_kept(r, text, giu)
    return r


def cham_cau_2_nhay_cam(
    answer: object, nhay_cam: Iterable[str] | None = None, giu: Iterable[str] = ()
) -> Result:
    """Hidden: none of the sensitive words ``nhay_cam`` left, official content ``giu`` kept."""
    r = Result()
    text = _masked_text(r, answer)
    if text is None or nhay_cam is None:
        return r
    r.add(
        "sensitive",
        not any(still_present(w, text) for w in nhay_cam),
        "Đã ẩn cả thông tin nhạy cảm (sức khỏe).",
        "Bản đã ẩn còn thông tin nhạy cảm về sức khỏe của người trong đơn. Công cụ tự động "
        "không phát hiện loại thông tin này; anh/chị tự ẩn hoặc viết khái quát (ví dụ «đang "
        "điều trị bệnh dài ngày»). Xem lại Bài 5, mục 2 (dữ liệu cá nhân nhạy cảm).",
    )
    _content_kept(r, text, giu)
    return r


# --- Câu 2b: what a masked text still reveals ------------------------------------------------

VAN_BAN_2B = (
    "[HO_TEN_1], Trưởng thôn Plei Kép, xã Ia Grai, phản ánh: ngày 12/4/2026, con trai ông là "
    "[HO_TEN_2], học sinh lớp 11A1 Trường THPT Ia Grai, bị tai nạn giao thông trên đường liên "
    "thôn, phải cắt bỏ một chân, hiện đang điều trị tại Bệnh viện Đa khoa tỉnh. Gia đình ông "
    "là hộ nghèo duy nhất trong thôn có con đang học trung học phổ thông. Ông đề nghị xã sớm "
    "sửa chữa đoạn đường hư hỏng và xem xét hỗ trợ chi phí điều trị theo quy định."
)
FIELDS_2B = (
    FormField(
        "lo",
        "Chi tiết còn để lộ",
        aliases=("Còn để lộ", "Chi tiết để lộ", "Còn lộ", "Chi tiết", "Để lộ", "Thông tin còn lộ"),
        multiline=True,
    ),
    FormField(
        "xu_ly",
        "Cách xử lý",
        aliases=("Xử lý", "Cách khắc phục", "Khắc phục", "Đề xuất", "Cách làm"),
        multiline=True,
    ),
)
# Saying nothing is left, or that the details may stay, is the opposite of the judgement asked.
_NOTHING_LEFT = re.compile(
    r"^(?:khong|khong co|khong con|khong con gi|khong co gi|da an het|khong lo)\b"
)
_NO_ACTION = re.compile(
    r"^(?:khong can|giu nguyen|de nguyen|van giu|khong phai|khong xu ly|khong sao)\b|"
    r"\bkhong (?:can|phai) (?:xu ly|an|bo|sua|che|thay|lam gi)\b"
)
_ACTIONS = re.compile(
    r"\b(?:bo|xoa|luoc|khai quat|viet chung|ghi chung|noi chung|thay bang|thay the|an|che|"
    r"khong ghi|khong neu|rut gon|tong quat|chung chung|mo ta chung|gop|lam mo|thay)\b"
)


def _mentions(text: str, words: Iterable[str]) -> bool:
    low = fold_keep_diacritics(text)
    return any(re.search(rf"(?<!\w){re.escape(fold_keep_diacritics(w))}(?!\w)", low) for w in words)


def cham_cau_2b(answer: object, chi_tiet: dict[str, list[str]] | None = None) -> Result:
    """Visible: both labelled lines written, an action named. Hidden: enough real details."""
    r = Result()
    form = parse_form(answer, FIELDS_2B)
    if answer_text(answer) is None:
        r.add(
            "answered",
            False,
            "",
            "Anh/chị chưa trả lời câu 2b (hai dòng «Chi tiết còn để lộ:» và «Cách xử lý:»).",
        )
        return r
    r.add("form", not form.problems(), "Đã viết đủ hai dòng.", " ".join(form.problems()))
    if form.problems():
        return r
    lo, xu_ly = form.get("lo"), form.get("xu_ly")
    placeholders_only = not PLACEHOLDER_RE.sub("", lo).strip(" ,;.và")
    says_nothing = bool(_NOTHING_LEFT.match(fold(lo))) or placeholders_only
    r.add(
        "judged",
        not says_nothing and not copied_from(lo, VAN_BAN_2B),
        "Đã chỉ ra chi tiết cụ thể còn để lộ.",
        "Dòng «Chi tiết còn để lộ» cần nêu cụ thể những chi tiết nào, ghép lại, vẫn cho biết "
        "người trong văn bản là ai (chức vụ, nơi ở, trường lớp, tình trạng sức khỏe...); nhãn "
        "[HO_TEN_1] đã che tên nên không phải là chỗ lộ, và chép lại cả văn bản không phải là "
        "nhận định (xem lại Bài 5, mục 4).",
    )
    fixes = bool(_ACTIONS.search(fold(xu_ly))) and not _NO_ACTION.search(fold(xu_ly))
    r.add(
        "action",
        fixes,
        "Đã nêu cách xử lý.",
        "Dòng «Cách xử lý» cần nói anh/chị làm gì với các chi tiết đó trước khi gửi (bỏ, viết "
        "khái quát, thay bằng nhãn...); giữ nguyên thì người đọc vẫn nhận ra người dân.",
    )
    if chi_tiet is None or says_nothing:
        return r
    seen = [name for name, words in chi_tiet.items() if _mentions(lo, words)]
    need = max(len(chi_tiet) - 1, 1)
    r.add(
        "details",
        len(seen) >= need,
        f"Đã nhận ra {len(seen)} nhóm chi tiết có thể làm lộ danh tính.",
        f"Mới nhận ra {len(seen)} nhóm chi tiết làm lộ danh tính (cần ít nhất {need}). Đọc lại "
        "văn bản: những gì chỉ một người trong thôn, xã có (chức vụ gắn với nơi ở, lớp học, "
        "thương tật, hoàn cảnh «duy nhất»)?",
    )
    return r


# --- Câu 3 -----------------------------------------------------------------------------------

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


def _letters(r: Result, answer: object) -> set[str] | None:
    got = parse_choices(answer, "".join(OPTIONS_3))
    r.add(
        "format",
        got is not None,
        f"Đã chọn {len(got or ())} vấn đề.",
        "Hãy ghi các chữ cái của những vấn đề anh/chị thấy, ví dụ «A, C» (chỉ dùng các chữ "
        f"{', '.join(OPTIONS_3)}).",
    )
    return got


def cham_cau_3_phat_hien(answer: object, dap_an: set[str] | None = None) -> Result:
    r = Result()
    got = _letters(r, answer)
    if got is not None and dap_an is not None:
        missed = len(set(dap_an) - got)
        r.add(
            "found",
            not missed,
            "Đã phát hiện đủ các vấn đề trong bản nháp.",
            f"Còn bỏ sót {missed} vấn đề trong bản nháp: đối chiếu từng câu với tài liệu, và đọc "
            f"cả những gì tài liệu không nói (dữ liệu của người khác, định kiến) — Bài 5, mục 6.",
        )
    return r


def cham_cau_3_chinh_xac(answer: object, dap_an: set[str] | None = None) -> Result:
    r = Result()
    got = _letters(r, answer)
    if got is not None and dap_an is not None:
        wrong = len(got - set(dap_an))
        r.add(
            "precise",
            not wrong,
            "Không chọn nhầm vấn đề không có trong bản nháp.",
            f"Có {wrong} lựa chọn không phải là vấn đề của bản nháp: đối chiếu lại từng con số, "
            "từng tên cơ quan với tài liệu trước khi kết luận.",
        )
    return r


# --- Câu 4a: the disclosure note -----------------------------------------------------------------

MAX_NOTE_WORDS = 60
# An AI tool named in any usual way: "AI" in capitals ("ai" is the Vietnamese "who"), the
# Vietnamese terms, and product names (ChatGPT, MyGPT, Copilot, Gemini...).
_AI = re.compile(
    r"(?<!\w)(?:AI|A\.I\.|GenAI|[A-Za-z]*GPT(?:-?\d[\w.]*)?|Copilot|Gemini|Claude|"
    r"(?i:trí tuệ nhân tạo|trợ lý ảo|chatbot|mô hình ngôn ngữ|trợ lý số))(?!\w)"
)
# People and offices that can check and answer for a document (matched with diacritics:
# "bản" in "văn bản" is not "ban", "số" is not "Sở").
_HUMAN = re.compile(
    r"(?<!\w)(?:tôi|chúng tôi|bản thân|cán bộ|công chức|viên chức|chuyên viên|lãnh đạo|"
    r"người (?:soạn|viết|ký|trình|dùng|sử dụng|thụ lý|phụ trách|thực hiện|kiểm tra|lập|"
    r"có thẩm quyền|chịu trách nhiệm)|tác giả|đơn vị|cơ quan|phòng|bộ phận|tổ|văn phòng|ban|"
    r"sở|ubnd|ủy ban|uỷ ban|giám đốc|trưởng phòng|chủ tịch|thủ trưởng)(?!\w)"
)
# Verbs on the folded text (same offsets as the NFC text).
_CHECK = re.compile(
    r"\b(?:kiem tra|ra soat|doi chieu|xac nhan|xac minh|tham dinh|hieu dinh|bien tap|duyet|"
    r"kiem chung|soat lai|danh gia lai|doc lai)\b"
)
_RESPONSIBLE = re.compile(r"\b(?:(?:phai |se |hoan toan )?chiu\s+)?trach nhiem\b")
# Between a tool's name and the verb it governs: only auxiliaries ("AI đã kiểm tra", "được AI
# kiểm tra"), or a coordinated verb ("do ChatGPT soạn và kiểm tra").
_AUX_WORDS = r"(?:da|cung|tu|deu|se|co the|lai|truc tiep|phai|hoan toan|moi)"
_AUX = re.compile(rf"^\s*(?:{_AUX_WORDS}\s+)*$")
_COORD = re.compile(rf"^\s*(?:{_AUX_WORDS}\s+)*\w+(?:\s+\w+)?\s*(?:,|va)\s*(?:{_AUX_WORDS}\s+)*$")
_NEGATION = re.compile(r"\b(?:khong|chua|chang)\b")
_CLAUSE_END = re.compile(r"[.;!?\n]+(?:\s|$)|[;!?\n]")


@dataclass
class Disclosure:
    """What a disclosure note claims, read clause by clause."""

    ai_used: bool = False
    human_checked: bool = False
    human_responsible: bool = False
    ai_checked: bool = False
    ai_responsible: bool = False
    unattributed_check: bool = False


def _negated(low: str, start: int) -> bool:
    return bool(_NEGATION.search(low[max(0, start - 14) : start]))


def _agent(raw: str, low: str, start: int, end: int, ai: list[tuple[int, int]]) -> str | None:
    """'ai' when a tool governs the verb at ``start``, 'human' when a person does, else None."""
    lower = raw.lower()
    before_tools = [s for s in ai if s[1] <= start]
    if before_tools:
        between = low[before_tools[-1][1] : start]
        if not _NEGATION.search(between) and not _HUMAN.search(lower[before_tools[-1][1] : start]):
            if _AUX.match(between) or _COORD.match(between):
                return "ai"
    # "trách nhiệm thuộc về X", "được kiểm tra bởi X", "Trách nhiệm: X"
    tail_low = low[end : end + 60]
    by = re.match(r"^(?:\s+(?:ve \w+(?: \w+)?))?\s*(?:thuoc ve|boi|la cua|:)\s*", tail_low)
    if by:
        at = end + by.end()
        segment = low[at : at + 40].split(",")[0]
        if any(s[0] == at for s in ai) or "nha cung cap" in segment:
            return "ai"
        if _HUMAN.match(lower, at):
            return "human"
    if _HUMAN.search(lower[:start]):
        return "human"
    return None


def read_disclosure(text: str) -> Disclosure:
    """Who used AI, who checked, who answers for the document, as the note says it."""
    d = Disclosure()
    for raw in _CLAUSE_END.split(nfc(text)):
        low = fold_keep_offsets(raw)  # one character for each: spans are shared
        ai = [(m.start(), m.end()) for m in _AI.finditer(raw)]
        if any(not _negated(low, s[0]) for s in ai):
            d.ai_used = True
        for m in _CHECK.finditer(low):
            if _negated(low, m.start()):
                continue
            agent = _agent(raw, low, m.start(), m.end(), ai)
            if agent == "ai":
                d.ai_checked = True
            elif agent == "human":
                d.human_checked = True
            else:
                d.unattributed_check = True
        for m in _RESPONSIBLE.finditer(low):
            if _negated(low, m.start()):
                continue
            agent = _agent(raw, low, m.start(), m.end(), ai)
            if agent == "ai":
                d.ai_responsible = True
            elif agent == "human":
                d.human_responsible = True
    # "đã được kiểm tra kỹ, người ký chịu trách nhiệm": the check is the responsible person's.
    if d.unattributed_check and d.human_responsible:
        d.human_checked = True
    return d


def cham_cau_4_ghi_chu(answer: object) -> Result:
    r = Result()
    text = answer_text(answer)
    if text is None:
        r.add("answered", False, "", "Anh/chị chưa viết ghi chú công khai việc sử dụng AI.")
        return r
    d = read_disclosure(text)
    r.add(
        "ai",
        d.ai_used,
        "Ghi chú nêu rõ có sử dụng AI hỗ trợ.",
        "Ghi chú cần nói rõ văn bản có sử dụng trợ lý AI (có thể ghi tên công cụ).",
    )
    r.add(
        "not_ai_checked",
        not d.ai_checked and not d.ai_responsible,
        "Không giao việc kiểm tra hay trách nhiệm cho AI.",
        "Ghi chú nói AI đã kiểm tra, xác nhận hoặc chịu trách nhiệm: AI không kiểm tra thay và "
        "không chịu trách nhiệm thay con người. Người sử dụng và người ký văn bản chịu trách "
        "nhiệm (xem lại Bài 5, mục 7).",
    )
    r.add(
        "human",
        d.human_checked and d.human_responsible,
        "Ghi chú nêu người có trách nhiệm đã kiểm tra và chịu trách nhiệm về nội dung.",
        "Ghi chú cần nêu cả hai ý: cán bộ (người soạn, người trình) đã kiểm tra nội dung và "
        "chịu trách nhiệm về nội dung (xem mẫu ở Bài 5, mục 7).",
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
            lambda a: cham_cau_1_an_toan(a),
        ),
        Question("cau_2a", "Câu 2a — ẩn dữ liệu cá nhân", ("van_ban_2",), cham_cau_2_an_het),
        Question("cau_2b", "Câu 2b — bản đã ẩn còn để lộ gì", ("con_lo_2b",), cham_cau_2b),
        Question(
            "cau_3",
            "Câu 3 — vấn đề trong bản nháp của trợ lý",
            ("van_de_3",),
            lambda a: cham_cau_3_phat_hien(a),
        ),
        Question("cau_4a", "Câu 4a — ghi chú sử dụng AI", ("ghi_chu_4a",), cham_cau_4_ghi_chu),
        *[
            Question(f"cau_4{x}", f"Câu 4{x} — trắc nghiệm", (f"cau_4{x}",), choice_result)
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
    elif phan == "cau_2b":
        print(VAN_BAN_2B)
    elif phan == "cau_3":
        print("TÀI LIỆU ĐƯỢC CUNG CẤP CHO TRỢ LÝ:\n" + TAI_LIEU_3)
        print("\nBẢN NHÁP DO TRỢ LÝ SOẠN:\n" + BAN_NHAP_3)
        print("\nCÁC VẤN ĐỀ CÓ THỂ CÓ:")
        for k, v in OPTIONS_3.items():
            print(f"  {k}. {v}")
    else:
        raise KeyError(phan)
