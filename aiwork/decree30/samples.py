"""Sample documents (Gia Lai, 2026) for the lesson, the tests and other modules.

All people, numbers of the sample documents themselves and cases are fictional (nhân vật,
tình huống giả định). Legal bases cite only texts the course's domain notes name
(docs: ../shared/DOMAIN.md): Nghị định 30/2020/NĐ-CP, Kế hoạch 01-KH/BCĐTW,
Công văn 557/BKHCN-CĐSQG, Luật Bảo vệ dữ liệu cá nhân 2025.
"""

from __future__ import annotations

from datetime import date

from .builder import Heading, OfficialDocument, Table

UBND_TINH = "UBND TỈNH GIA LAI"
SO_KHCN = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
BASIS_ND30 = (
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"
)
BASIS_KH01 = (
    "Căn cứ Kế hoạch số 01-KH/BCĐTW ngày 21 tháng 3 năm 2025 của Ban Chỉ đạo Trung ương "
    "về phong trào “Bình dân học vụ số”"
)


def _common(**kw) -> OfficialDocument:
    base: dict = dict(
        parent_agency=UBND_TINH,
        agency=SO_KHCN,
        agency_code="SKHCN",
        place="Gia Lai",
        issued=date(2026, 3, 5),
        signature_lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        signer_name="Trần Thị Minh Thư",
        archive="VT, VP",
    )
    base.update(kw)
    return OfficialDocument(**base)


def cong_van() -> OfficialDocument:
    return _common(
        doc_type="cong_van",
        agency_code="SKHCN-CĐS",
        number=5,
        subject="đăng ký tham gia lớp tập huấn sử dụng trợ lý AI",
        recipients_to=[
            "Ủy ban nhân dân các xã, phường trên địa bàn tỉnh",
            "Các sở, ban, ngành thuộc tỉnh",
        ],
        body=[
            "Thực hiện phong trào “Bình dân học vụ số” trên địa bàn tỉnh, Sở Khoa học và Công nghệ tổ "
            "chức lớp tập huấn “Trợ lý AI trong công việc hành chính” cho cán bộ, công chức, viên chức.",
            "Sở Khoa học và Công nghệ đề nghị các cơ quan, đơn vị cử từ 02 đến 03 công chức tham gia và "
            "gửi danh sách đăng ký về Sở (qua Phòng Chuyển đổi số) trước ngày 20 tháng 3 năm 2026.",
            "Trân trọng.",
        ],
        recipients=["Giám đốc Sở (để b/c)"],
        archive="VT, CĐS",
    )


def thong_bao() -> OfficialDocument:
    return _common(
        doc_type="thong_bao",
        number=12,
        subject="Lịch tập huấn sử dụng trợ lý AI đợt 1 năm 2026",
        body=[
            "Sở Khoa học và Công nghệ thông báo lịch tập huấn đợt 1 năm 2026 như sau:",
            "1. Thời gian: từ 08 giờ 00 ngày 24 tháng 3 năm 2026.",
            "2. Địa điểm: Hội trường Sở Khoa học và Công nghệ, phường Quy Nhơn.",
            "3. Thành phần: công chức được các cơ quan, đơn vị cử tham gia.",
        ],
        recipients=["Các sở, ban, ngành thuộc tỉnh", "UBND các xã, phường"],
    )


def giay_moi() -> OfficialDocument:
    return _common(
        doc_type="giay_moi",
        number=3,
        parent_agency="",
        agency="ỦY BAN NHÂN DÂN\nPHƯỜNG QUY NHƠN",
        agency_code="UBND",
        place="Quy Nhơn",
        issued=date(2026, 2, 9),
        subject="Dự họp triển khai chuyển đổi số năm 2026",
        body=[
            "Ủy ban nhân dân phường Quy Nhơn trân trọng kính mời: Trưởng các khu phố trên địa bàn phường.",
            "Tới dự cuộc họp triển khai nhiệm vụ chuyển đổi số năm 2026.",
            "Chủ trì: Phó Chủ tịch Ủy ban nhân dân phường.",
            "Thời gian: 14 giờ 00, ngày 12 tháng 02 năm 2026.",
            "Địa điểm: Phòng họp số 2, trụ sở Ủy ban nhân dân phường.",
        ],
        signature_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer_name="Lê Văn Hùng",
        recipients=["Như trên", "Chủ tịch UBND phường"],
    )


def to_trinh() -> OfficialDocument:
    return _common(
        doc_type="to_trinh",
        number=8,
        subject="Đề nghị phê duyệt Kế hoạch tập huấn sử dụng trợ lý AI năm 2026",
        recipients_to=["Ủy ban nhân dân tỉnh Gia Lai"],
        body=[
            "Thực hiện phong trào “Bình dân học vụ số”, Sở Khoa học và Công nghệ kính trình Ủy ban nhân "
            "dân tỉnh xem xét, phê duyệt Kế hoạch tập huấn sử dụng trợ lý AI cho cán bộ, công chức, "
            "viên chức năm 2026 (dự thảo Kế hoạch kèm theo).",
            "Sở Khoa học và Công nghệ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định.",
        ],
        signature_lines=["GIÁM ĐỐC"],
        signer_name="Nguyễn Văn An",
        recipients=["Như trên", "Lưu trữ điện tử"],
    )


def quyet_dinh() -> OfficialDocument:
    return _common(
        doc_type="quyet_dinh",
        parent_agency="",
        agency="ỦY BAN NHÂN DÂN\nTỈNH GIA LAI",
        agency_code="UBND",
        number=None,
        place="Gia Lai",
        subject="Phê duyệt Kế hoạch tập huấn sử dụng trợ lý AI năm 2026",
        issuing_authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI",
        legal_bases=[BASIS_ND30, BASIS_KH01, "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ"],
        body=[
            "Điều 1. Phê duyệt Kế hoạch tập huấn sử dụng trợ lý AI cho cán bộ, công chức, viên chức "
            "năm 2026 (kèm theo Quyết định này).",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Khoa học và Công nghệ và các cơ "
            "quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ],
        signature_lines=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer_name="Phạm Quốc Bảo",
        recipients=["Như Điều 3", "Chủ tịch, các PCT UBND tỉnh"],
        archive="VT, KGVX",
    )


def bao_cao() -> OfficialDocument:
    return _common(
        doc_type="bao_cao",
        number=21,
        subject="Kết quả tập huấn sử dụng trợ lý AI quý I năm 2026",
        recipients_to=["Ủy ban nhân dân tỉnh Gia Lai"],
        body=[
            Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
            "Trong quý I năm 2026, Sở Khoa học và Công nghệ đã tổ chức các lớp tập huấn theo kế hoạch; "
            "số liệu chi tiết tại Bảng 1.",
            Table(
                [
                    ["Đơn vị", "Số lớp", "Số học viên"],
                    ["Cấp tỉnh", 2, 80],
                    ["Cấp xã, phường", 3, 120],
                ],
                caption="Bảng 1. Số lớp và học viên quý I năm 2026 (số liệu giả định)",
            ),
            Heading("II. NHIỆM VỤ QUÝ II"),
            "Tiếp tục mở lớp cho các xã, phường còn lại.",
        ],
        recipients=["Như trên", "Giám đốc Sở"],
    )


def ke_hoach() -> OfficialDocument:
    return _common(
        doc_type="ke_hoach",
        number=15,
        subject="Tập huấn sử dụng trợ lý AI cho cán bộ, công chức, viên chức năm 2026",
        legal_bases=[BASIS_KH01],
        body=[
            Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            "Nâng cao kỹ năng sử dụng trợ lý AI an toàn, có trách nhiệm trong công việc hành chính.",
            Heading("II. NỘI DUNG"),
            "Tổ chức 06 lớp tập huấn trong năm 2026, mỗi lớp 40 học viên (số liệu giả định).",
            Heading("III. TỔ CHỨC THỰC HIỆN"),
            "Phòng Chuyển đổi số chủ trì, phối hợp với các đơn vị liên quan triển khai Kế hoạch này.",
        ],
        recipients=["UBND tỉnh (để b/c)", "Các sở, ban, ngành", "UBND các xã, phường"],
    )


SAMPLES = {
    "cong_van": cong_van,
    "thong_bao": thong_bao,
    "giay_moi": giay_moi,
    "to_trinh": to_trinh,
    "quyet_dinh": quyet_dinh,
    "bao_cao": bao_cao,
    "ke_hoach": ke_hoach,
}


def common_mistakes(path) -> None:
    """Save to ``path`` a công văn carrying the mistakes offices make most often.

    Used by the lesson ("lỗi thường gặp") and its tests: an en dash and an underline in the
    Tiêu ngữ, "tháng 03", the invented code "CV", a 12 pt body paragraph, an academic title
    before the signer's name and a 2 cm left margin.
    """
    from docx.shared import Mm, Pt

    from .builder import build

    doc = build(cong_van())
    paras = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    paras += doc.paragraphs

    def first(start: str):
        return next(p for p in paras if p.text.startswith(start))

    def retext(p, text: str) -> None:
        p.runs[0].text = text
        for r in p.runs[1:]:
            r.text = ""

    slogan = first("Độc lập")
    retext(slogan, "Độc lập – Tự do – Hạnh phúc")
    slogan.runs[0].font.underline = True
    retext(first("Gia Lai, ngày"), "Gia Lai, ngày 05 tháng 03 năm 2026")
    retext(first("Số:"), "Số: 05/CV-SKHCN")
    first("Sở Khoa học và Công nghệ đề nghị").runs[0].font.size = Pt(12)
    retext(first("Trần Thị Minh Thư"), "TS. Trần Thị Minh Thư")
    doc.sections[0].left_margin = Mm(20)
    doc.save(str(path))


# Rules the document above breaks (tests keep this list honest).
COMMON_MISTAKE_RULES = frozenset(
    {
        "header.slogan",
        "date.format",
        "doctype.abbreviation",
        "body.size",
        "signature.block",
        "page.margins",
    }
)
