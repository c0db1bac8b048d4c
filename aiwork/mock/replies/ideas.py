"""Ideas: slogans, things to prepare, measures, benefits, risks, questions, names, tasks,
activities - where temperature visibly matters.

The kind of list is read from the request ("5 khẩu hiệu", "4 biện pháp", "3 rủi ro"...), the
count from the number before it (else the prompt's item count, else 3), the topic from what
follows ("về ...", "cho ...", "để ..."), kept short. Each kind has a bank of items written for
officials, some worded on the topic; a few topics (personal data and security, AI, online
public services, the one-stop shop) have their own banks. At temperature 0 the reply takes the
first N items in order (stable, "the most likely" answer); above 0 it takes N items in an
order drawn from the request digest, so temperature 0 and 1 give different lists (lesson 1)
while the same request still gives the same reply.
"""

from __future__ import annotations

import hashlib
import re

from aiwork.mock.replies import Reply
from aiwork.mock.replies.shape import shape
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import fold_keep_offsets, nfc

BANKS: dict[str, tuple[str, ...]] = {
    "slogan": (
        "{T}: mỗi người dân một kỹ năng số!",
        "Học số hôm nay, làm việc dễ mai sau!",
        "Chung tay thực hiện {t}, không ai bị bỏ lại phía sau!",
        "Kỹ năng số cho mọi nhà, dịch vụ công gần dân hơn!",
        "Cán bộ đi trước, người dân cùng làm: {t}!",
        "Gia Lai số, bắt đầu từ mỗi chúng ta!",
        "Mỗi ngày một thao tác số, mỗi tháng thêm một tiện ích!",
        "Số hóa để phục vụ nhân dân tốt hơn!",
    ),
    "prepare": (
        "Rà soát hồ sơ, tài liệu liên quan đến {t}.",
        "Chuẩn bị địa điểm, trang thiết bị và thông báo lịch cho người tham dự.",
        "Phân công người chủ trì, người ghi biên bản và bộ phận chuyên môn phối hợp.",
        "Chuẩn bị văn bản, tài liệu trả lời các vấn đề thường gặp.",
        "Dự kiến phương án bảo đảm an ninh, trật tự và xử lý tình huống phát sinh.",
        "Tổng hợp kết quả, báo cáo lãnh đạo sau khi kết thúc.",
    ),
    "measure": (
        "Rà soát quy trình hiện hành, bỏ bớt các bước và giấy tờ không cần thiết.",
        "Phân công rõ người chịu trách nhiệm và thời hạn cho từng khâu.",
        "Ứng dụng phần mềm để theo dõi tiến độ, cảnh báo hồ sơ sắp đến hạn.",
        "Tập huấn, hướng dẫn nghiệp vụ định kỳ cho cán bộ, công chức liên quan.",
        "Công khai kết quả thực hiện hằng tháng để người dân cùng giám sát.",
        "Khen thưởng kịp thời cá nhân làm tốt, nhắc nhở trường hợp chậm trễ.",
    ),
    "benefit": (
        "Rút ngắn thời gian soạn thảo, tổng hợp và trình bày văn bản.",
        "Giảm lỗi chính tả, lỗi trình bày và sai sót khi nhập số liệu.",
        "Gợi ý bố cục, cách diễn đạt rõ ràng, đúng văn phong hành chính.",
        "Hỗ trợ tra cứu, tóm tắt văn bản dài để nắm nhanh nội dung chính.",
        "Giúp cán bộ dành nhiều thời gian hơn cho việc phục vụ người dân.",
        "Chuẩn hóa các mẫu văn bản thường dùng trong đơn vị.",
    ),
    "risk": (
        "Lộ lọt bí mật nhà nước, tài liệu nội bộ hoặc dữ liệu cá nhân của người dân.",
        "Thông tin do công cụ tạo ra có thể sai, bịa số liệu hoặc căn cứ pháp lý.",
        "Phụ thuộc vào công cụ, giảm kỹ năng tự soạn thảo và thẩm định.",
        "Vi phạm quy định về bản quyền, bảo vệ dữ liệu cá nhân khi sử dụng không đúng cách.",
        "Văn bản không đúng thể thức, văn phong nếu không được rà soát lại.",
        "Tài khoản bị chiếm đoạt nếu dùng chung mật khẩu với tài khoản công việc.",
    ),
    "question": (
        "Ông/bà có hài lòng với thái độ phục vụ của cán bộ tiếp nhận hồ sơ không?",
        "Thời gian chờ để được tiếp nhận hồ sơ có hợp lý không?",
        "Hướng dẫn về thành phần hồ sơ có rõ ràng, dễ hiểu không?",
        "Hồ sơ của ông/bà có được giải quyết đúng hẹn không?",
        "Ông/bà có gặp khó khăn khi nộp hồ sơ trực tuyến không?",
        "Ông/bà có góp ý gì để bộ phận một cửa phục vụ tốt hơn?",
    ),
    "name": (
        "Chương trình “{T} - Đồng hành cùng người dân”",
        "Chương trình “Mỗi nhà một trợ lý số”",
        "Chương trình “Kết nối yêu thương, chia sẻ kỹ năng số”",
        "Chương trình “Sống vui, sống khỏe cùng công nghệ”",
        "Chương trình “Tay trong tay bước vào thời đại số”",
        "Chương trình “Hỗ trợ số tận nhà”",
    ),
    "task": (
        "Hoàn thiện hạ tầng số, bảo đảm kết nối mạng ổn định đến các thôn, tổ dân phố.",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và dữ liệu chuyên ngành.",
        "Nâng cao kỹ năng số cho cán bộ, công chức và người dân qua Bình dân học vụ số.",
        "Đẩy mạnh dịch vụ công trực tuyến toàn trình và thanh toán không dùng tiền mặt.",
        "Bảo đảm an toàn thông tin, bảo vệ dữ liệu cá nhân trong xử lý công việc.",
        "Kiện toàn tổ công nghệ số cộng đồng, hỗ trợ người dân tại chỗ.",
    ),
    "activity": (
        "Ra quân hướng dẫn người dân cài đặt, sử dụng VNeID và dịch vụ công trực tuyến.",
        "Tổ chức hội thi tìm hiểu kỹ năng số cho đoàn viên, thanh niên.",
        "Trưng bày, giới thiệu các tiện ích số tại bộ phận một cửa.",
        "Phát động thanh toán không dùng tiền mặt tại chợ và các cửa hàng.",
        "Tuyên truyền trên loa truyền thanh, trang thông tin điện tử và nhóm Zalo.",
        "Biểu dương tập thể, cá nhân tiêu biểu trong chuyển đổi số.",
    ),
    "idea": (
        "Tổ chức buổi hướng dẫn ngắn về {t} tại trụ sở, có cán bộ hỗ trợ trực tiếp.",
        "Đăng thông tin về {t} trên trang thông tin điện tử và nhóm Zalo của tổ dân phố.",
        "Lập tổ công nghệ số cộng đồng để hỗ trợ người dân tại nhà.",
        "Chọn một số hộ gia đình làm điểm, rút kinh nghiệm rồi nhân rộng.",
        "Khen thưởng kịp thời tập thể, cá nhân làm tốt {t}.",
        "Đặt mục tiêu cụ thể theo tháng và theo dõi, báo cáo kết quả định kỳ.",
    ),
}

# Topic banks: (folded trigger, kind) -> items, used before the general bank of that kind.
TOPIC_BANKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("du lieu ca nhan|bao mat|an toan thong tin", "measure"): (
        "Chỉ thu thập thông tin cá nhân cần thiết cho hồ sơ, không photo giấy tờ thừa.",
        "Che, xóa thông tin cá nhân khi gửi văn bản ra ngoài hoặc đưa lên công cụ AI.",
        "Phân quyền truy cập phần mềm theo nhiệm vụ, không dùng chung tài khoản.",
        "Lưu hồ sơ giấy trong tủ có khóa, hồ sơ điện tử trên hệ thống được cấp phép.",
        "Hủy tài liệu có thông tin cá nhân đúng quy trình khi hết thời hạn lưu trữ.",
        "Tập huấn cán bộ về Luật Bảo vệ dữ liệu cá nhân và cách xử lý khi lộ lọt.",
    ),
    ("thoi gian cho|mot cua", "measure"): (
        "Bố trí thêm quầy tiếp nhận vào giờ cao điểm buổi sáng.",
        "Triển khai lấy số thứ tự và đặt lịch hẹn trực tuyến.",
        "Niêm yết rõ thành phần hồ sơ để người dân chuẩn bị đủ trước khi đến.",
        "Hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại khu vực chờ.",
        "Số hóa kết quả giải quyết để tra cứu nhanh, không phải tìm hồ sơ giấy.",
        "Theo dõi thời gian chờ hằng tuần và điều chỉnh nhân lực kịp thời.",
    ),
    ("truc tuyen", "idea"): (
        "Bố trí cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại bộ phận một cửa.",
        "Ưu tiên giải quyết trước hồ sơ nộp trực tuyến và thông báo rõ cho người dân.",
        "Hướng dẫn cài đặt VNeID và tài khoản dịch vụ công qua các tổ công nghệ số.",
        "Đăng video hướng dẫn từng bước trên trang thông tin điện tử và Zalo.",
        "Miễn, giảm lệ phí cho hồ sơ nộp trực tuyến theo quy định.",
        "Thống kê tỷ lệ trực tuyến theo từng thủ tục để có giải pháp phù hợp.",
    ),
    ("tri tue nhan tao|\\bai\\b|chatgpt", "slogan"): (
        "Dùng AI thông minh, giữ bí mật an toàn!",
        "Không đưa dữ liệu dân vào công cụ công cộng!",
        "AI hỗ trợ, con người quyết định!",
        "Kiểm tra kỹ trước khi dùng kết quả AI!",
        "Bảo vệ dữ liệu, bảo vệ niềm tin của nhân dân!",
        "An toàn thông tin là trách nhiệm của mỗi cán bộ!",
    ),
}

_KINDS = (
    (r"khau hieu|slogan", "slogan"),
    (r"viec can (?:chuan bi|lam)|can chuan bi|chuan bi", "prepare"),
    (r"bien phap|giai phap", "measure"),
    (r"loi ich", "benefit"),
    (r"rui ro", "risk"),
    (r"cau hoi", "question"),
    (r"ten goi|dat ten|\bten\b", "name"),
    (r"nhiem vu", "task"),
    (r"hoat dong", "activity"),
)
_TRIGGER = re.compile(
    r"\b(khau hieu|slogan|y tuong|viec can (?:chuan bi|lam)|goi y|de xuat|bien phap|giai phap|"
    r"loi ich|rui ro|nhiem vu (?:trong tam|chinh)|hoat dong|ten goi)\b"
)
_NUMBERS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8}
_COUNT = re.compile(
    r"\b(\d+|mot|hai|ba|bon|nam|sau|bay|tam)\s+(?:\w+\s+){0,2}?"
    r"(?:khau hieu|slogan|y tuong|viec|bien phap|giai phap|cau hoi|ten|nhiem vu|hoat dong|"
    r"loi ich|rui ro|goi y|de xuat|cach)\b"
)


def is_ideas(prompt: str) -> bool:
    return bool(_TRIGGER.search(fold_keep_offsets(prompt)))


def _kind(folded: str) -> str:
    for pattern, kind in _KINDS:
        if re.search(pattern, folded):
            return kind
    return "idea"


def _topic(prompt: str) -> str:
    """What the ideas are about, short: "Bình dân học vụ số", "người dân cài đặt ứng dụng
    VNeID" (<= 8 words, cut before a place or a purpose)."""
    first = nfc(re.split(r"[.?!\n]", prompt.strip())[0])
    folded = fold_keep_offsets(first)
    for marker in ("tuyen truyen ve", "tuyen truyen", "ve", "cho", "de", "nham"):
        m = re.search(rf"\b{marker}\s+(.+)$", folded)
        if m:
            words = first[m.start(1) :].split()
            out = []
            for w in words[:8]:
                if (
                    fold_keep_offsets(w) in ("cho", "tai", "cua", "trong", "khi", "o")
                    and len(out) >= 2
                ):
                    break
                out.append(w.strip(",:;"))
            topic = " ".join(out).strip(" ,:")
            topic = re.sub(r"^(?:để|nhằm|về|cho)\s+", "", topic)
            return topic or "nhiệm vụ này"
    return "nhiệm vụ này"


def count_of(prompt: str, anatomy: PromptAnatomy) -> int:
    m = _COUNT.search(fold_keep_offsets(prompt))
    if m:
        word = m.group(1)
        return int(word) if word.isdigit() else _NUMBERS[word]
    return anatomy.item_count or 3


def ideas(prompt: str, anatomy: PromptAnatomy, seed: str, temperature: float | None) -> Reply:
    folded = fold_keep_offsets(prompt)
    kind = _kind(folded)
    bank = next(
        (
            items
            for (trigger, k), items in TOPIC_BANKS.items()
            if k == kind and re.search(trigger, folded)
        ),
        BANKS[kind],
    )
    n = min(count_of(prompt, anatomy), len(bank))
    order = list(bank)
    if temperature:  # above 0: a different, still deterministic, choice
        order.sort(key=lambda item: hashlib.sha256((seed + item).encode()).hexdigest())
    t = _topic(prompt)
    items = [x.format(t=t, T=t[:1].upper() + t[1:]) for x in order[:n]]
    return Reply(shape(items, anatomy, default_layout="bullets"), task="ideas")
