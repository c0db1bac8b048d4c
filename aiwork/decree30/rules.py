"""The ONE declarative rule set for Decree 30/2020/NĐ-CP document layout.

Both the builder (``builder.py``) and the checker (``checker.py``) read every size, margin,
text and abbreviation from here; nothing is repeated elsewhere.

Source: Nghị định 30/2020/NĐ-CP "về công tác văn thư", Phụ lục I (thể thức, kỹ thuật trình bày
văn bản hành chính) and Phụ lục III (bảng chữ viết tắt tên loại văn bản), as published on
thuvienphapluat.vn / vanban.chinhphu.vn. Clause references below use the annex's own numbering
("PL I, Phần I, Mục II, khoản 1 điểm a"). Where a value is the annex's "ví dụ minh họa" column
(the sample size it prints beside each allowed range), it is marked ``example``: the builder
uses it, the checker accepts the whole range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiwork.vi import format_number

# --- units ------------------------------------------------------------------------------------

MM_PER_INCH = 25.4
TWIPS_PER_PT = 20
EMU_PER_MM = 36000


@dataclass(frozen=True)
class Span:
    """An inclusive range of allowed values (pt, mm or cm, as named by the field using it)."""

    lo: float
    hi: float

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, (int, float)):
            return False
        # Half a unit of rounding slack: Word stores twips and half-points, not exact mm/pt.
        return self.lo - 0.05 <= float(value) <= self.hi + 0.05

    def text(self, unit: str) -> str:
        lo, hi = format_number(self.lo, None), format_number(self.hi, None)
        return f"{lo} {unit}" if self.lo == self.hi else f"từ {lo} đến {hi} {unit}"


# --- page (PL I, Phần I, Mục I) ---------------------------------------------------------------

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
PAGE_SIZE_TOLERANCE_MM = 1.0
CLAUSE_PAGE_SIZE = "NĐ 30/2020, Phụ lục I, Phần I, Mục I, khoản 1 (khổ A4 210 mm x 297 mm)"
CLAUSE_ORIENTATION = "NĐ 30/2020, Phụ lục I, Phần I, Mục I, khoản 2 (theo chiều dài khổ A4)"
CLAUSE_MARGINS = "NĐ 30/2020, Phụ lục I, Phần I, Mục I, khoản 3"

MARGINS_MM: dict[str, Span] = {
    "top": Span(20, 25),
    "bottom": Span(20, 25),
    "left": Span(30, 35),
    "right": Span(15, 20),
}
# What the builder uses (inside the ranges above).
BUILDER_MARGINS_MM: dict[str, float] = {"top": 20, "bottom": 20, "left": 30, "right": 15}

MARGIN_NAMES_VI = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}

# --- font (PL I, Phần I, Mục I, khoản 4) ------------------------------------------------------

FONT_FAMILY = "Times New Roman"
CLAUSE_FONT = (
    "NĐ 30/2020, Phụ lục I, Phần I, Mục I, khoản 4 (phông Times New Roman, Unicode TCVN 6909:2001)"
)

# --- fixed texts ------------------------------------------------------------------------------

NATIONAL_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# The annex's own sample prints the older spelling "HOÀ"; both are accepted.
NATIONAL_VARIANTS = (NATIONAL_TEXT, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
SLOGAN_TEXT = "Độc lập - Tự do - Hạnh phúc"
# Dashes people type instead of the plain hyphen the annex requires ("gạch nối (-)").
WRONG_DASHES = "\u2013\u2014\u2012\u2010\u2011\u2212"


# --- part specifications (PL I, Phần I, Mục II and the "Mục V" sample table) -----------------


@dataclass(frozen=True)
class PartSpec:
    """How one element of the layout is typeset."""

    name_vi: str
    size: Span  # pt
    example: float  # pt, the annex's sample size; the builder uses it
    bold: bool | None  # None: not prescribed
    italic: bool | None
    upper: bool | None  # True: all capitals; False: must not be all capitals
    clause: str
    centred: bool = False  # "canh giữa" in the annex


def _c(text: str) -> str:
    return f"NĐ 30/2020, Phụ lục I, Phần I, {text}"


PARTS: dict[str, PartSpec] = {
    "national": PartSpec(
        "Quốc hiệu", Span(12, 13), 12, True, False, True, _c("Mục II, khoản 1 điểm a"), centred=True
    ),
    "slogan": PartSpec(
        "Tiêu ngữ", Span(13, 14), 13, True, False, None, _c("Mục II, khoản 1 điểm b"), centred=True
    ),
    "parent_agency": PartSpec(
        "Tên cơ quan chủ quản",
        Span(12, 13),
        12,
        False,
        False,
        True,
        _c("Mục II, khoản 2 điểm b"),
        centred=True,
    ),
    "agency": PartSpec(
        "Tên cơ quan ban hành",
        Span(12, 13),
        12,
        True,
        False,
        True,
        _c("Mục II, khoản 2 điểm b"),
        centred=True,
    ),
    "number": PartSpec(
        "Số, ký hiệu",
        Span(13, 13),
        13,
        False,
        False,
        None,
        _c("Mục II, khoản 3 điểm c"),
        centred=True,
    ),
    "date": PartSpec(
        "Địa danh và thời gian",
        Span(13, 14),
        13,
        None,
        True,
        False,
        _c("Mục II, khoản 4"),
        centred=True,
    ),
    "doctype": PartSpec(
        "Tên loại văn bản",
        Span(13, 14),
        14,
        True,
        False,
        True,
        _c("Mục II, khoản 5 điểm b"),
        centred=True,
    ),
    "subject": PartSpec(
        "Trích yếu nội dung",
        Span(13, 14),
        14,
        True,
        False,
        False,
        _c("Mục II, khoản 5 điểm b"),
        centred=True,
    ),
    "subject_cv": PartSpec(
        "Trích yếu công văn (V/v)",
        Span(12, 13),
        12,
        False,
        False,
        False,
        _c("Mục II, khoản 5 điểm b, đoạn 2"),
        centred=True,
    ),
    "bases": PartSpec(
        "Căn cứ ban hành", Span(13, 14), 14, None, True, False, _c("Mục II, khoản 6 điểm a")
    ),
    "body": PartSpec(
        "Nội dung văn bản", Span(13, 14), 14, None, None, None, _c("Mục II, khoản 6 điểm e")
    ),
    "authority": PartSpec(
        "Quyền hạn, chức vụ người ký",
        Span(13, 14),
        14,
        True,
        False,
        True,
        _c("Mục II, khoản 7 điểm đ"),
    ),
    "signer": PartSpec(
        "Họ tên người ký", Span(13, 14), 14, True, False, False, _c("Mục II, khoản 7 điểm c, đ")
    ),
    "kinh_gui": PartSpec(
        "Kính gửi", Span(13, 14), 14, None, False, None, _c("Mục II, khoản 9 điểm d")
    ),
    "noi_nhan_label": PartSpec(
        "Từ “Nơi nhận”", Span(12, 12), 12, True, True, False, _c("Mục II, khoản 9 điểm d")
    ),
    "noi_nhan_items": PartSpec(
        "Danh sách nơi nhận", Span(11, 11), 11, None, False, None, _c("Mục II, khoản 9 điểm d")
    ),
    "urgency": PartSpec(
        "Mức độ khẩn", Span(13, 14), 13, True, False, True, _c("Mục III, khoản 2 điểm b")
    ),
    # Arabic numerals, centred in the top margin, not shown on the first page.
    "page_number": PartSpec("Số trang", Span(13, 14), 13, False, False, None, _c("Mục I, khoản 7")),
}

# --- body paragraphs (PL I, Phần I, Mục II, khoản 6 điểm e) -----------------------------------

BODY_FIRST_LINE_INDENTS_CM = (1.0, 1.27)
BODY_INDENT_TOLERANCE_CM = 0.05
BODY_MIN_PARAGRAPH_SPACING_PT = 6.0
# "khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa là 1,5 lines"
BODY_LINE_SPACING = Span(1.0, 1.5)
# For exact / at-least line heights in points: one line of Times New Roman is about 1.15 em,
# so "1.5 lines" is about 1.5 x 1.15 = 1.725 em.
SINGLE_LINE_EM = 1.15
# What the builder uses.
BUILDER_FIRST_LINE_INDENT_CM = 1.27
BUILDER_PARAGRAPH_SPACING_PT = 6.0
BUILDER_LINE_SPACING = 1.15
# Body paragraphs centred and shorter than this are headings or captions, not running text.
HEADING_MAX_CHARS = 120
CLAUSE_BODY = PARTS["body"].clause

# Body tables: the annex prescribes no size for table text; offices use 12-13 pt to fit.
BUILDER_TABLE_FONT_PT = 12

# --- number and code (PL I, Phần I, Mục II, khoản 3) ------------------------------------------

CLAUSE_NUMBER = PARTS["number"].clause
# "Số: 05/QĐ-UBND", "Số: 123/UBND-VP"; groups of the code are joined by "-", no spaces.
NUMBER_PATTERN = (
    r"^Số:\s?(?P<num>\d+)/(?P<code>[A-ZĐƯƠÂĂÊÔa-zđươâăêô0-9]+(?:-[A-ZĐƯƠÂĂÊÔa-zđươâăêô0-9]+)+)$"
)

# --- place and date (PL I, Phần I, Mục II, khoản 4 điểm b, c) ---------------------------------

CLAUSE_DATE = PARTS["date"].clause
# Days under 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 01"), other months
# do not ("tháng 3", never "tháng 03").
MONTHS_WITH_LEADING_ZERO = (1, 2)
# Day and month may be left blank in a draft for the văn thư to fill in when it is issued.
DATE_PATTERN = (
    r"^(?P<place>[^,]+),\s+ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s+(?P<year>\d{4})$"
)

# --- document types and abbreviations (Phụ lục III, Mục I) ------------------------------------

CLAUSE_ABBREVIATIONS = "NĐ 30/2020, Phụ lục III, Mục I (bảng chữ viết tắt tên loại văn bản)"


@dataclass(frozen=True)
class DocType:
    key: str
    name_vi: str
    title: str  # the printed type name; "" for công văn (it has none)
    abbreviation: str  # "" for công văn
    kinh_gui: bool = False  # has a "Kính gửi" part (PL I, Mục II, khoản 9 điểm b)
    bases: bool = False  # usually opens with legal bases ("Căn cứ ...")


DOC_TYPES: dict[str, DocType] = {
    d.key: d
    for d in [
        DocType("cong_van", "Công văn", "", "", kinh_gui=True),
        DocType("nghi_quyet", "Nghị quyết (cá biệt)", "NGHỊ QUYẾT", "NQ", bases=True),
        DocType("quyet_dinh", "Quyết định (cá biệt)", "QUYẾT ĐỊNH", "QĐ", bases=True),
        DocType("chi_thi", "Chỉ thị", "CHỈ THỊ", "CT"),
        DocType("quy_che", "Quy chế", "QUY CHẾ", "QC"),
        DocType("quy_dinh", "Quy định", "QUY ĐỊNH", "QyĐ"),
        DocType("thong_cao", "Thông cáo", "THÔNG CÁO", "TC"),
        DocType("thong_bao", "Thông báo", "THÔNG BÁO", "TB"),
        DocType("huong_dan", "Hướng dẫn", "HƯỚNG DẪN", "HD"),
        DocType("chuong_trinh", "Chương trình", "CHƯƠNG TRÌNH", "CTr"),
        DocType("ke_hoach", "Kế hoạch", "KẾ HOẠCH", "KH", bases=True),
        DocType("phuong_an", "Phương án", "PHƯƠNG ÁN", "PA"),
        DocType("de_an", "Đề án", "ĐỀ ÁN", "ĐA"),
        DocType("du_an", "Dự án", "DỰ ÁN", "DA"),
        DocType("bao_cao", "Báo cáo", "BÁO CÁO", "BC", kinh_gui=True),
        DocType("bien_ban", "Biên bản", "BIÊN BẢN", "BB"),
        DocType("to_trinh", "Tờ trình", "TỜ TRÌNH", "TTr", kinh_gui=True),
        DocType("hop_dong", "Hợp đồng", "HỢP ĐỒNG", "HĐ"),
        DocType("cong_dien", "Công điện", "CÔNG ĐIỆN", "CĐ"),
        DocType("ban_ghi_nho", "Bản ghi nhớ", "BẢN GHI NHỚ", "BGN"),
        DocType("ban_thoa_thuan", "Bản thỏa thuận", "BẢN THỎA THUẬN", "BTT"),
        DocType("giay_uy_quyen", "Giấy ủy quyền", "GIẤY ỦY QUYỀN", "GUQ"),
        DocType("giay_moi", "Giấy mời", "GIẤY MỜI", "GM"),
        DocType("giay_gioi_thieu", "Giấy giới thiệu", "GIẤY GIỚI THIỆU", "GGT"),
        DocType("giay_nghi_phep", "Giấy nghỉ phép", "GIẤY NGHỈ PHÉP", "GNP"),
        DocType("phieu_gui", "Phiếu gửi", "PHIẾU GỬI", "PG"),
        DocType("phieu_chuyen", "Phiếu chuyển", "PHIẾU CHUYỂN", "PC"),
        DocType("phieu_bao", "Phiếu báo", "PHIẾU BÁO", "PB"),
    ]
}
TYPE_ABBREVIATIONS = frozenset(d.abbreviation for d in DOC_TYPES.values() if d.abbreviation)
# Codes people invent for types that have none or another one (DOMAIN.md, common mistakes).
INVENTED_ABBREVIATIONS = frozenset({"CV", "CVan", "QCh", "DAn", "TTR", "QD", "KHo", "BCa"})

# --- signature (PL I, Phần I, Mục II, khoản 7) ------------------------------------------------

CLAUSE_SIGNATURE = PARTS["signer"].clause
AUTHORITY_PREFIXES = ("TM.", "Q.", "KT.", "TL.", "TUQ.")
# "Trước họ tên của người ký, không ghi học hàm, học vị và các danh hiệu danh dự khác."
ACADEMIC_TITLES = (
    "GS.TS.",
    "PGS.TS.",
    "GS.",
    "PGS.",
    "TS.",
    "ThS.",
    "KS.",
    "BS.",
    "CN.",
    "TSKH.",
    "Ths.",
    "Giáo sư",
    "Phó Giáo sư",
    "Tiến sĩ",
    "Thạc sĩ",
    "Kỹ sư",
    "Bác sĩ",
    "Cử nhân",
)

# --- recipients (PL I, Phần I, Mục II, khoản 9) -----------------------------------------------

CLAUSE_RECIPIENTS = PARTS["noi_nhan_label"].clause
KINH_GUI = "Kính gửi"
NOI_NHAN = "Nơi nhận"
ARCHIVE_PREFIX = "Lưu: VT"

URGENCY_LEVELS = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")


# --- the rule catalogue: stable ids, what they check, where the decree says so ---------------


@dataclass(frozen=True)
class Rule:
    id: str
    title_vi: str
    clause: str
    details: tuple[str, ...] = field(default=())


RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule("page.size", "Khổ giấy A4", CLAUSE_PAGE_SIZE),
        Rule("page.orientation", "Trình bày theo chiều dài khổ A4", CLAUSE_ORIENTATION),
        Rule("page.margins", "Định lề trang", CLAUSE_MARGINS),
        Rule("font.family", "Phông chữ Times New Roman", CLAUSE_FONT),
        Rule("body.size", "Cỡ chữ nội dung 13–14", CLAUSE_BODY),
        Rule("body.alignment", "Nội dung canh đều hai lề", CLAUSE_BODY),
        Rule("body.indent", "Lùi đầu dòng 1 cm hoặc 1,27 cm", CLAUSE_BODY),
        Rule("body.spacing", "Cách đoạn tối thiểu 6 pt, giãn dòng từ đơn đến 1,5", CLAUSE_BODY),
        Rule(
            "body.bases",
            "Căn cứ ban hành: nghiêng, mỗi căn cứ một dòng, “;” và “.” cuối",
            PARTS["bases"].clause,
        ),
        Rule("header.national", "Quốc hiệu", PARTS["national"].clause),
        Rule("header.slogan", "Tiêu ngữ", PARTS["slogan"].clause),
        Rule("header.slogan.rule", "Đường kẻ dưới Tiêu ngữ", PARTS["slogan"].clause),
        Rule("header.agency", "Tên cơ quan ban hành và cơ quan chủ quản", PARTS["agency"].clause),
        Rule("header.agency.rule", "Đường kẻ dưới tên cơ quan ban hành", PARTS["agency"].clause),
        Rule("header.urgency", "Mức độ khẩn (KHẨN, THƯỢNG KHẨN, HỎA TỐC)", PARTS["urgency"].clause),
        Rule("number.format", "Số, ký hiệu văn bản", CLAUSE_NUMBER),
        Rule("date.format", "Địa danh và thời gian ban hành", CLAUSE_DATE),
        Rule("doctype.title", "Tên loại văn bản", PARTS["doctype"].clause),
        Rule("doctype.abbreviation", "Chữ viết tắt tên loại trong ký hiệu", CLAUSE_ABBREVIATIONS),
        Rule("subject.line", "Trích yếu nội dung", PARTS["subject"].clause),
        Rule("subject.line.rule", "Đường kẻ dưới trích yếu", PARTS["subject"].clause),
        Rule("signature.block", "Quyền hạn, chức vụ, họ tên người ký", CLAUSE_SIGNATURE),
        Rule("recipients.block", "Nơi nhận", CLAUSE_RECIPIENTS),
        Rule("recipients.block.kinh_gui", "Kính gửi", PARTS["kinh_gui"].clause),
    ]
}


def doc_type_by_title(title: str) -> DocType | None:
    """The document type whose printed name is ``title`` (case-insensitive)."""
    wanted = " ".join(title.split()).upper().replace("HOÀ", "HÒA").replace("THOẢ", "THỎA")
    wanted = wanted.replace("UỶ", "ỦY")
    for d in DOC_TYPES.values():
        if d.title and d.title == wanted:
            return d
    return None
