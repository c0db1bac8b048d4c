"""The one home of every personal-data pattern the privacy detector uses.

Kinds follow the categories of basic personal data in Law 91/2025/QH15 (the list of
Decree 13/2023/NĐ-CP Art. 2 is used as the catalogue) and the identifier shapes of the project's
domain reference (shared DOMAIN.md): CCCD 12 digits, old CMND 9 digits, mobile (+84|0)[35789] + 8 digits, tax code
10 digits (+ "-NNN" for branches), social-insurance number 10 digits, passport one letter + 7
digits, vehicle plates like 77A-123.45.

Everything here is data (tables and compiled regular expressions); the logic that combines them
(context, overlaps, the thousand-separator rule) lives in ``detector.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiwork.vi import strip_diacritics

# --- kinds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    id: str  # also the placeholder label: [CCCD_1]
    label_vi: str  # what learners read in messages
    placeholder_digits: bool  # values compared digit-by-digit (spacing does not matter)


KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("HO_TEN", "họ và tên", False),
        Kind("NGAY_SINH", "ngày sinh", False),
        Kind("DIA_CHI", "địa chỉ, nơi cư trú", False),
        Kind("CCCD", "số căn cước công dân / số định danh cá nhân", True),
        Kind("CMND", "số chứng minh nhân dân", True),
        Kind("SDT", "số điện thoại", True),
        Kind("EMAIL", "địa chỉ thư điện tử", False),
        Kind("MST", "mã số thuế", True),
        Kind("BHXH", "số bảo hiểm xã hội / bảo hiểm y tế", False),
        Kind("HO_CHIEU", "số hộ chiếu", False),
        Kind("BIEN_SO", "biển số xe", False),
        Kind("STK", "số tài khoản ngân hàng", True),
    )
}

# --- Vietnamese letters --------------------------------------------------------------------

_VI_LOWER = (
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
LOWER = _VI_LOWER
UPPER = _VI_LOWER.upper()

# A capitalised word of a personal name: "Nguyễn", "H'Hen", "Y" (Ede/Jrai given-name prefixes
# are single capitals), or an all-capitals word as written in forms ("NGUYỄN").
NAME_WORD = rf"(?:[{UPPER}]['’][{UPPER}][{LOWER}]*|[{UPPER}][{LOWER}]+|[{UPPER}]{{2,7}}|[{UPPER}])"
CAP_WORD = rf"[{UPPER}][{LOWER}{UPPER}]*"

# --- number-like identifiers ----------------------------------------------------------------

# A number does not start in the middle of a word, a code (H21-250305) or a decimal.
_NUM_START = r"(?<![\w/.,\-+])"
# ...and does not run on into a letter, a slash (30/2020/NĐ-CP) or more digits.
_NUM_END = r"(?![\w/]|[.,\-]\d)"

# A run of digits, possibly grouped with dots or hyphens (0905.123.456, 4100123456-001).
NUMBER_RE = re.compile(_NUM_START + r"\d+(?:[.\-]\d+)*" + _NUM_END)

# Telephone numbers in their written forms: 0905 123 456, 0905.123.456, +84 905 123 456,
# (+84) 905123456, and landlines 0256 3822 123 / (0256) 3822 123.
PHONE_RE = re.compile(
    _NUM_START
    + r"(?:(?:\+84|\(\+84\)|0084)[ \u00a0.\-]?(?:[35789]\d(?:[ \u00a0.\-]?\d){7}|2\d(?:[ \u00a0.\-]?\d){8})"
    + r"|0[35789]\d(?:[ \u00a0.\-]?\d){7}"
    + r"|02\d(?:[ \u00a0.\-]?\d){8}"
    + r"|\(0\d{2,3}\)[ \u00a0]?\d(?:[ \u00a0.\-]?\d){6,7})"
    + _NUM_END
)
MOBILE_DIGITS_RE = re.compile(r"(?:84|0)[35789]\d{8}")
LANDLINE_DIGITS_RE = re.compile(r"(?:84|0)2\d{9}")

# An account number written in groups ("4300 205 671 238", "1903 5567 8890 12"): read as one
# number only where an account is named (a keyword before it, a bank after it).
ACCOUNT_GROUPED_RE = re.compile(_NUM_START + r"\d{2,6}(?:[ \u00a0.\-]\d{2,6}){1,5}" + _NUM_END)

# A CCCD written in groups of three: 052 089 001 234.
CCCD_GROUPED_RE = re.compile(_NUM_START + r"0\d{2}(?:[ \u00a0.]\d{3}){3}" + _NUM_END)

# Province codes that open a 12-digit personal ID number (the list published with the
# citizen-ID rules; the first three digits of every CCCD). Without context a 12-digit number
# is taken for a CCCD only when it opens with one of these and a century/sex digit 0-3.
CCCD_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)

# Health-insurance card: two letters, a benefit digit, a 2-digit province code and the
# 10-digit social-insurance number (e.g. GD4525201234567), counted as BHXH.
BHYT_CARD_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{13}(?!\w)")

# Passport: one capital letter and 7 digits (C1234567); with "hộ chiếu" before it, also the
# longer forms (letter + 8 digits).
PASSPORT_RE = re.compile(r"(?<![\w/.\-])[A-Z]\d{7}(?![\w/]|[.,\-]\d)")
PASSPORT_CONTEXT_RE = re.compile(r"(?<![\w/.\-])[A-Z]{1,2}\d{7,8}(?![\w/]|[.,\-]\d)")

# Vehicle plates: 77A-123.45, 77A 12345, 77-B1 234.56, 77B1-234.56, 81C-012.34, 77A-1234.
PLATE_RE = re.compile(
    r"(?<![\w/.\-])[1-9]\d[ \-]?[A-Z]{1,2}\d?[ \-.]?(?:\d{3}\.\d{2}|\d{4,5})(?![\w/]|[.,\-]\d)"
)

EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9])?@"
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}"
)

# --- banks and agencies ------------------------------------------------------------------------

# Banks as people write them next to an account number ("Agribank", "VCB", "MB Bank"): the
# abbreviations only in capitals ("10 MB" is a file size, "vcb" is not written).
BANK_NAMES = (
    r"(?-i:Vietcombank|VCB|Agribank|BIDV|VietinBank|Vietinbank|Techcombank|TCB|MB ?Bank|MB|"
    r"ACB|Sacombank|VPBank|TPBank|SHB|HDBank|OCB|VIB|SeABank|Eximbank|MSB|LPBank|"
    r"LienVietPostBank|NCB|PVcomBank|ABBank|Nam A Bank|BacABank|Kienlongbank|OceanBank|"
    r"VietABank|Saigonbank|BaoVietBank|GPBank|SCB|BVBank|Co-opBank|VBSP|VBARD)"
)
# A bank named within a few words after a number ("58010000123456 - BIDV", "(VCB)").
BANK_AFTER_RE = re.compile(
    r"^[\s(\-–,:]{0,4}(?:(?:tại|ở|mở tại|của)\s+)?(?:ngân hàng\s+)?" + BANK_NAMES + r"(?!\w)",
    re.IGNORECASE,
)
# Treasury accounts of public bodies have their own shape: 3761.0.1052234.
TREASURY_ACCOUNT_RE = re.compile(r"\d{4}\.\d\.\d{7}")

# An office's hotline, switchboard, phone or fax: published so that citizens call it, not
# personal data ("đường dây nóng", "tổng đài", "số điện thoại của cơ quan", "Fax").
AGENCY_PHONE = (
    r"đường dây nóng|tổng đài|hotline|Fax|trực ban|"
    r"(?:số )?(?:điện thoại|ĐT) (?:trực|tiếp nhận|hỗ trợ|giải đáp|tư vấn|đường dây)|"
    r"(?:số )?(?:điện thoại|ĐT|máy) (?:của )?(?:cơ quan|đơn vị|văn phòng|trụ sở)|"
    r"(?:số )?(?:điện thoại|ĐT) (?:liên hệ )?của (?:Văn phòng|UBND|Ủy ban|Uỷ ban|HĐND|Bộ phận|"
    r"Trung tâm|phường|xã|Sở|Phòng|Công an|Chi cục|Cục|Ban|Trường|Bệnh viện|Trạm|Kho bạc|"
    r"Ngân hàng|Công ty|Hội|Đài|Thanh tra|Tòa án|Viện|nhà văn hóa|Nhà văn hóa|Ban điều hành|"
    r"Ban quản lý|tổ dân phố|khu phố|thôn|làng)"
)
# An office's number named earlier in its clause, beyond the keyword window ("đường dây nóng
# tiếp nhận phản ánh về an ninh trật tự: 0256 3861 113").
AGENCY_PHONE_RE = re.compile(r"(?<!\w)(?:" + AGENCY_PHONE + r")(?!\w)", re.IGNORECASE)
# Said right after a number: "0256 3822 449 (điện thoại cơ quan)".
AGENCY_PHONE_AFTER_RE = re.compile(
    r"^\s*[(\-–,]\s*(?:số |máy |điện thoại |ĐT )?(?:cơ quan|văn phòng|đơn vị|trụ sở|bàn cơ quan)",
    re.IGNORECASE,
)
# A landline in a clause about an office ("Bộ phận Một cửa xã Phù Mỹ, ĐT: 0256 3855 101") is
# the office's, unless the clause is about a person ("Chị Hòa, số máy 0256 3765 432").
ORGANISATION_RE = re.compile(
    r"(?<!\w)(?:Văn phòng|VĂN PHÒNG|UBND|Ủy ban|Uỷ ban|HĐND|Bộ phận|Trung tâm|Công an|Chi cục|"
    r"Cục|Sở|Phòng|Ban|Kho bạc|Bệnh viện|Trạm|Trường|Hội|Đài|Thanh tra|Tòa án|Viện|Chi nhánh|"
    r"Bưu điện|Điện lực|Ngân hàng|Công ty|Hợp tác xã|Đảng ủy|MTTQ|Quỹ|Tổng cục|Bộ|Nhà văn hóa|"
    r"nhà văn hóa|Ban điều hành|Ban quản lý)(?!\w)"
)
PERSON_MARK_RE = re.compile(
    r"(?<!\w)(?:ông|bà|anh|chị|em|cháu|cô|chú|bác|tôi|mình|gia đình|nhà riêng|họ tên|"
    r"họ và tên|vợ|chồng|con|bố|mẹ|người|cá nhân|bạn|cụ|đồng chí)(?!\w)",
    re.IGNORECASE,
)
# Cues on the line of a number that make it an office's: its fax, website or official e-mail.
AGENCY_LINE_RE = re.compile(r"(?<!\w)(?:Fax|Website|website)(?!\w)|\.gov\.vn")

# --- context keywords ------------------------------------------------------------------------
# The nearest keyword before a number (same line, within CONTEXT_WINDOW characters) decides its
# kind when the shape fits; "ID" means "CMND or CCCD, by length"; "NEG" means "not personal".
CONTEXT_WINDOW = 48

_KW = r"(?<!\w)(?:{})(?!\w)"
CONTEXT_KEYWORDS: dict[str, re.Pattern[str]] = {
    k: re.compile(_KW.format("|".join(words)), re.IGNORECASE)
    for k, words in {
        "ID": [
            r"CMND\s*/\s*CCCD",
            r"CCCD\s*/\s*CMND",
            r"CMND\s+hoặc\s+CCCD",
            r"giấy tờ tùy thân",
            r"giấy tờ tuỳ thân",
        ],
        "CCCD": [
            r"căn cước(?: công dân)?",
            r"CCCD",
            r"CC",
            r"số định danh(?: cá nhân)?",
            r"ĐDCN",
            r"mã định danh cá nhân",
        ],
        "CMND": [r"CMND", r"CMTND", r"chứng minh (?:nhân dân|thư)"],
        "MST": [r"mã số thuế(?: cá nhân)?", r"MST", r"mã số doanh nghiệp", r"MSDN"],
        "BHXH": [r"BHXH", r"bảo hiểm xã hội", r"BHYT", r"bảo hiểm y tế", r"sổ BHXH"],
        "STK": [
            r"số tài khoản",
            r"STK",
            r"tài khoản(?: ngân hàng| thanh toán)?(?: số)?",
            r"TK",
            r"chủ tài khoản",
            r"ngân hàng",
            r"NHCSXH",
            BANK_NAMES,
        ],
        "SDT": [
            r"điện thoại",
            r"ĐT",
            r"SĐT",
            r"ĐTDĐ",
            r"di động",
            r"DĐ",
            r"số máy",
            r"liên hệ",
            r"Zalo",
            r"Tel",
            r"phone",
        ],
        "HO_CHIEU": [r"hộ chiếu", r"passport"],
        "NEG": [
            r"mã hồ sơ",
            r"số hồ sơ",
            r"mã QHNS",
            r"mã ĐVQHNS",
            r"mã số đơn vị",
            r"mã định danh(?: điện tử)?(?: của)? (?:cơ quan|đơn vị)",
            r"số biên nhận",
            r"mã vận đơn",
            r"số sê-?ri",
            r"số seri",
            r"mã bưu chính",
            r"mã giao dịch",
            r"mã số dự án",
            r"mã dự án",
            r"số hợp đồng",
            r"số chứng từ",
            r"số giấy phép",
            r"số hóa đơn",
            r"số phiếu",
            r"mã tra cứu",
            r"mã thủ tục",
            r"số vào sổ",
            r"(?:hóa đơn|hoá đơn|chứng từ|biên lai|phiếu thu|phiếu chi|giấy phép(?! lái))(?: số)?",
            # an office's published contact numbers are not personal data (issue 22)
            AGENCY_PHONE,
        ],
    }.items()
}

# Table column headers that say what a cell holds (pipe tables: "| Họ tên | Năm sinh |").
COLUMN_KINDS: dict[str, re.Pattern[str]] = {
    "NGAY_SINH": re.compile(
        r"(?<!\w)(?:năm sinh|ngày sinh|ngày,? tháng,? năm sinh|NS)(?!\w)", re.IGNORECASE
    ),
    "DIA_CHI": re.compile(
        r"(?<!\w)(?:địa chỉ|nơi ở|nơi cư trú|cư trú|thường trú|quê quán|"
        r"chỗ ở)(?!\w)",
        re.IGNORECASE,
    ),
    "HO_TEN": re.compile(
        r"(?<!\w)(?:họ(?: và)? tên|họ,? chữ đệm,?(?: và)? tên|tên người|"
        r"người nhận|chủ hộ)(?!\w)",
        re.IGNORECASE,
    ),
}

# A number followed by one of these is an amount or a count, never an identifier.
UNIT_AFTER_RE = re.compile(
    r"^\s*(?:đồng|đ\b|VNĐ|VND|vnđ|USD|triệu|tỷ|tỉ|nghìn|ngàn|%|người|hộ\b|lượt|hồ sơ|ha\b|m2|m²|km|kg|tấn)",
)

# Amounts written with thousand separators (1.250.000, 125.000.000) are never identifiers.
THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")

# --- date of birth ------------------------------------------------------------------------

# Numbers in words, as dates are written in notarised or hand-written documents: "mười lăm",
# "mùng 5", "tháng Giêng", "năm một nghìn chín trăm sáu mươi hai".
_NUMBER_WORD = r"(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|linh|lẻ)"
_DAY = rf"(?:(?:mùng|mồng)\s+)?(?:\d{{1,2}}|{_NUMBER_WORD}(?:\s+{_NUMBER_WORD}){{0,3}})"
_MONTH = rf"(?:\d{{1,2}}|giêng|chạp|{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})?)"
_YEAR = (
    r"(?:(?:19|20)\d{2}|(?:một|hai)\s+(?:nghìn|ngàn)(?:\s+(?:"
    + _NUMBER_WORD[3:-1]
    + r"|trăm)){1,8})"
)
_DATE = (
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:19|20)\d{2}"
    rf"|(?:ngày\s+)?{_DAY}\s+tháng\s+{_MONTH},?\s+năm\s+{_YEAR}"
)
DOB_RE = re.compile(
    r"(?<!\w)(?<!tuyển )(?<!học )(?<!phát )(?<!nảy )(?<!hồi )(?<!vệ )(?<!hi )(?<!hy )(?<!khai )"
    r"(?:(?:sinh ngày|ngày sinh|ngày,? tháng,? năm sinh|ngày tháng năm sinh|ngày/tháng/năm sinh"
    r"|sinh(?: vào)?)\s*(?:là\s*)?[:：]?\s*"
    rf"(?P<v>{_DATE})(?!\w)"
    r"|(?:sinh|ngày sinh)\s*(?:vào\s*)?(?:[:：]\s*)?tháng\s+(?P<m>\d{1,2}\s?[/.\-]\s?(?:19|20)\d{2})(?!\d)"
    r"|(?:sinh năm|năm sinh|SN|(?:ngày sinh|ngày,? tháng,? năm sinh|ngày/tháng/năm sinh)"
    r"\s*[:：]?\s*năm)\s*[:：]?\s*(?P<y>(?:19|20)\d{2})(?!\d))",
    re.IGNORECASE,
)

# A date of birth written again in words on its line: "Ngày, tháng, năm sinh: 03/02/2026, ghi
# bằng chữ: ngày ba tháng hai năm hai nghìn không trăm hai mươi sáu" (detector.py checks that
# the line names a birth).
DOB_IN_WORDS_RE = re.compile(
    r"(?<!\w)bằng chữ\s*[:：]?\s*(?:ngày\s+)?"
    rf"(?P<w>{_DAY}\s+tháng\s+{_MONTH},?\s+năm\s+{_YEAR})(?!\w)",
    re.IGNORECASE,
)
BIRTH_WORD_RE = re.compile(r"(?<!\w)(?:sinh|SN)(?!\w)", re.IGNORECASE)
# "Hộ bà A, 80 tuổi, số 3 hẻm 17 Lê Lợi, ...": an age before an address in a list item
AGE_RE = re.compile(r"(?<!\w)\d{1,3}\s*tuổi(?!\w)", re.IGNORECASE)

# --- personal names --------------------------------------------------------------------------

# Honorifics and form labels after which a capitalised sequence is a person's name.
NAME_TITLE_RE = re.compile(
    r"(?<!\w)(?:[ÔôOo]ng/[Bb]à|[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Ee]m|[Cc]háu|[Cc]ụ|[Đđ]ồng chí|[Đđ]/c"
    r"|[Cc]hú|[Cc]ô|[Bb]ác|[Dd]ì|[Cc]ậu|[Tt]hím|[Mm]ợ|[Dd]ượng"
    r"|[Ss]inh viên|[Hh]ọc sinh|[Hh]ọc viên|[Tt]hí sinh|[Bb]ệnh nhân|[Cc]ông dân|[Nn]gười bệnh"
    r"|[Cc]ử tri|[Nn]gười dân|[Nn]ạn nhân|[Đđ]ương sự|Mr\.?|Mrs\.?|Ms\.?|Miss)\s+"
)
NAME_LABEL_RE = re.compile(
    r"(?<!\w)(?:(?:[Hh]ọ[^:\n]{0,20}tên|HỌ[^:\n]{0,20}TÊN)[^:\n]{0,40}[:：]"
    r"|(?:[Tt]ôi )?tên là|(?:[Tt]ôi|[Ee]m|[Cc]háu|[Mm]ình) (?:là|tên)|[Tt]ôi\s*[:：]"
    r"|(?:[Cc]hủ|CHỦ) (?:tài khoản|TK)(?:\s*[:：])?"
    r"|(?:[Nn]gười(?: [^\W\d]+){1,4}|[Cc]án bộ(?: [^\W\d]+){0,3}|[Cc]hủ(?: [^\W\d]+){1,3}"
    r"|[Vv]ợ|[Cc]hồng|[Cc]on|[Bb]ố|[Mm]ẹ"
    r"|[Tt]ên (?:chủ(?: [^\W\d]+){0,3}|người(?: [^\W\d]+){0,3}|gọi khác|thường gọi))\s*[:：])\s*"
)
# Words that end a name or show the capitalised words are a position, not a person.
NAME_STOP_WORDS = frozenset(
    "Chủ Phó Giám Trưởng Bí Thủ Tổng Trợ Cán Kế Ủy Uỷ Sở Phòng Ban Hội Trú Địa Số Sinh "
    "Ngày Điện Nơi Quê Hiện Thường Tạm Mã Email CCCD CMND SĐT ĐT Là Có Đã Tại Theo Về Của "
    "Và Xin Kính Đề Hộ UBND HĐND MTTQ Đảng Bác Tỉnh Xã Phường Thôn Tổ Cục Vụ Viện Luật "
    "Điều Khoản Mr Mrs Ms Miss".split()
)
# Position words that are also family names: a name when a non-position word follows.
AMBIGUOUS_TITLE_WORDS = frozenset({"Phó"})
# Position words that are also given names: they stop a name only as its first word
# ("Ông Chánh Văn phòng" but "Lưu Văn Chánh").
NAME_STOP_FIRST = frozenset("Chánh Công Thanh Trung Chi Quyết Thông Nghị Được".split())
# Words that are place names after an honorific ("Bà Rịa", "Bà Nà", "Anh Quốc").
NAME_NOT_AFTER_TITLE = frozenset("Rịa Nà Đen Chiểu Quốc Huyện Điểm Trưng Triệu".split())
# Titles and names that together are a public figure, not a private person ("Bác Hồ").
PUBLIC_AFTER_TITLE = frozenset({"Bác Hồ", "bác Hồ", "Bac Ho", "bac Ho"})
# Positions written after a title ("ông Chủ tịch", "ong Chu tich"): not a name. Typed without
# diacritics, "Chu" and "Truong" are also family names, so the phrase is what tells them apart.
POSITION_AFTER_TITLE_RE = re.compile(
    r"(?:Phó |phó )?(?:[Cc]hủ tịch|[Tt]rưởng (?:phòng|ban|thôn|khoa|đoàn|công an|khu phố)|"
    r"[Gg]iám đốc|[Bb]í thư|[Tt]hủ trưởng|[Tt]ổ trưởng|[Đđ]ội trưởng|[Cc]hánh văn phòng|"
    r"[Cc]hánh thanh tra|[Uu]ỷ viên|[Ủủ]y viên|[Kk]ế toán|[Vv]ăn thư)(?!\w)"
)
# Typed without diacritics, these titles are also ordinary words ("di" = "đi", "cau" = "câu").
UNACCENTED_AMBIGUOUS_TITLES = frozenset("di Di cau Cau thim Thim mo Mo duong Duong".split())
# Given names and family names that, typed without diacritics, look like a stop word ("Thu" /
# "Thủ", "Tam" / "Tạm", "Ho" / "Hộ", "Vu" / "Vụ", "Dang" / "Đảng", "Truong" / "Trưởng"): typed
# so, they do not end a name.
COMMON_GIVEN_NAMES = frozenset(
    "An Anh Bảo Bắc Bình Cúc Cường Diệu Diễn Điền Dũng Giang Hà Hải Hiền Hoa Hòa Hùng Hương "
    "Khoa Lan Linh Long Mai Minh Nam Nga Ngọc Nhân Phong Phúc Phương Quân Quế Sinh Sơn Tài Tâm "
    "Tám Thanh Thảo Thu Thuận Thương Thủy Tiến Tính Tình Trang Trí Trung Tú Tuấn Uy Viên Vinh "
    "Xuân Yến Hợi Cần Bi Đệ Kinh Khoan Quang Tịnh".split()
)

# Common Vietnamese surnames (Kinh, and Jrai/Bahnar family names frequent in Gia Lai): a
# sequence of 3-4 capitalised words opening with one of them is taken for a name even without
# an honorific before it.
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lâm Mai "
    "Trương Tô Hà Cao Lưu Tạ Châu Thái La Quách Kiều Triệu Phùng Tăng Lương Trịnh Đào Đàm Từ "
    "Nông Lò Lại Khổng Mạc Âu Vương Chu Tôn Giang Thân Thạch Diệp Hứa Nghiêm Doãn Bạch Quan "
    "Tiêu Văn Ksor Siu Rơ Rahlan Puih Kpă Kpuih Nay Rcom Rmah Kpuil Hờ Lữ Khúc Giáp Cù Ninh "
    "Phí Hầu Lã Tống Khương Kha Lạc Lục Bế Mông Sầm Trình Ung Vi Cấn Quàng Mã Ông Mẫn Hạ Chế "
    "Lò Kiều Bạch Cao".split()
)
# Family names distinctive enough (Jrai, Bahnar) that two capitalised words after them are a
# name even without an honorific: "Ksor H'Mai", "Siu Blơng".
DISTINCTIVE_SURNAMES = frozenset("Ksor Siu Rahlan Puih Kpă Kpuih Rcom Rmah Kpuil".split())
# Public figures and the streets named after them: never redacted as a private person.
PUBLIC_NAMES = frozenset(
    {
        "Hồ Chí Minh",
        "Võ Nguyên Giáp",
        "Trần Hưng Đạo",
        "Phạm Văn Đồng",
        "Võ Thị Sáu",
        "Nguyễn Thị Minh Khai",
        "Lê Hồng Phong",
        "Nguyễn Văn Cừ",
        "Ngô Gia Tự",
        "Lý Thường Kiệt",
        "Trần Quang Diệu",
        "Hàn Mặc Tử",
        "Nguyễn Thái Học",
        "Đào Duy Từ",
        "Tăng Bạt Hổ",
        "Bùi Thị Xuân",
        "Mai Xuân Thưởng",
        "Nguyễn Tất Thành",
        "Nguyễn Ái Quốc",
        "Tôn Đức Thắng",
        "Nguyễn Thị Định",
        "Lê Thánh Tông",
        "Trần Nhân Tông",
        "Nguyễn Đình Chiểu",
        "Phan Bội Châu",
        "Phan Châu Trinh",
        "Lê Quý Đôn",
        "Nguyễn Văn Linh",
        "Trường Chinh",
        "Lê Văn Hưu",
        "Đào Tấn",
        "Nguyễn Lữ",
        "Nguyễn Nhạc",
        "Nguyễn Huệ",
        "Ngô Mây",
        "Lê Duẩn",
        "Trần Phú",
    }
)
# Countries and places that follow "công dân", "người"... ("công dân Việt Nam"): never a name.
PLACE_NAMES = frozenset(
    {
        "Việt Nam",
        "VIỆT NAM",
        "Trung Quốc",
        "Lào",
        "Campuchia",
        "Hàn Quốc",
        "Nhật Bản",
        "Hoa Kỳ",
        "Thái Lan",
        "Gia Lai",
        "Bình Định",
        "Quy Nhơn",
        "Pleiku",
        "Kon Tum",
        "Đắk Lắk",
        "Phú Yên",
        "Quảng Ngãi",
        "Hà Nội",
        "Huế",
        "Đà Nẵng",
        "Hồ Chí Minh",
    }
)
# Words right before a capitalised sequence that make it a place or an institution.
NAME_NOT_AFTER_WORDS = frozenset(
    "đường Đường phố Phố ngõ hẻm kiệt trường Trường THPT THCS TH tưởng phố TP TP. quận Quận "
    "phường Phường xã Xã khu Khu cầu Cầu chợ Chợ viện Viện lộ Lăng lăng tàng Cung cung huyện "
    "Huyện tỉnh Tỉnh thôn Thôn làng Làng buôn Buôn plei Plei công viên Quảng trường".split()
)

# --- addresses -----------------------------------------------------------------------------

# The smallest units of an address, which a residence names ("thôn 3", "tổ 5", "KP 6", "số 12").
_SMALL_UNIT = (
    r"(?i:thôn|làng|buôn|plei|plơi|xóm|tổ|khu phố|khu vực|khối|ấp|bản|hẻm|kiệt|ngõ|ngách)(?!\w)"
    r"(?! trưởng| phó)"  # "Tổ trưởng tổ dân phố 9" is a position
    r"|(?:KP|KV|TDP)(?!\w)|[Ss]ố \d"
    # a house number then its alley or street: "25/4 hẻm 12 Ngô Mây", "102/15 Trần Phú"
    rf"|\d{{1,4}}[A-Z]?(?:/\d{{1,4}}[A-Z]?){{0,3}}[^\S\n]+(?:hẻm|kiệt|ngõ|ngách|đường|phố|[{UPPER}])"
)
# A place name, then its commune or ward: "Hà Thanh, xã Vân Canh", "Plei Ktu, xã Đak Đoa".
_PLACE_THEN_COMMUNE = (
    rf"[{UPPER}][^\n,;.()]{{0,40}},[^\S\n]*(?:xã|phường|thị trấn|đặc khu)[^\S\n]+[{UPPER}]"
)
ADDRESS_TRIGGER_RE = re.compile(
    r"(?<!\w)(?:(?:thường trú|tạm trú|cư trú|trú|ở|sinh|cư ngụ)\s+tại(?:[^\S\n]*[:：])?"
    r"|(?:[Đđ]ịa chỉ(?: thường trú| tạm trú| liên hệ| hiện nay| cư trú| nhà riêng| liên lạc)?"
    r"|[Nn]ơi (?:ở|cư trú|thường trú|tạm trú|sinh|đăng ký khai sinh)(?: hiện nay| hiện tại)?"
    r"|[Qq]uê quán|HKTT|[Hh]ộ khẩu thường trú|[Tt]hường trú|[Tt]ạm trú|[Cc]hỗ ở(?: hiện (?:nay|tại))?"
    r"|(?:[Hh]iện )?[Cc]ư trú"
    r"|[Đđ]ịa điểm kinh doanh|[Đđ]/[Cc](?=[^\S\n]*[:：]))"
    r"(?:[^\S\n]+[^\W\d]+){0,3}?[^\S\n]*[:：])[^\S\n]*"  # the value is on the same line
    # "Địa chỉ số 8 hẻm 102 ...", "dia chi so 8": the label without its colon
    r"|(?<!\w)[Đđ]ịa chỉ(?: nhà| thường trú| tạm trú| liên hệ| hiện nay)?[^\S\n]+(?="
    + _SMALL_UNIT
    + r")"
    # "ở thôn ..., sống tại tổ ...": only before the smallest units, never "ở xã", "ở tỉnh";
    # "ở Hà Thanh, xã Vân Canh": a place name followed by its commune or ward
    # "nhà số 18 Lý Thường Kiệt": a house by its number
    r"|(?<!\w)(?<!văn )(?<!trong )(?<!trước )(?<!cạnh )(?<!sau )(?<!diện )(?<!gần )"
    r"nhà\s+(?=[Ss]ố \d)"
    r"|(?<!\w)(?:ở|sống ở|sống tại|nhà ở|chuyển đến|chuyển về|thường trú|tạm trú|cư trú|trú|cư ngụ)"
    r"\s+(?=" + _SMALL_UNIT + r"|" + _PLACE_THEN_COMMUNE + r")"
    # "Hộ ông A (tổ 12, KV 3, phường Quy Nhơn Nam)": a residence in brackets, down to its ward
    r"|\((?=(?:" + _SMALL_UNIT + r")[^();\n]{0,60}(?:xã|phường|thị trấn|đặc khu)[^\S\n]+"
    rf"[{UPPER}])"
    # "tại hẻm 45 ...", "tại lô A12": house-level units only ("tại thôn" is often a venue)
    r"|(?<!\w)tại\s+(?=(?:lô|hẻm|kiệt|ngõ|ngách)(?!\w)|số \d)"
)
# Address parts: a comma-separated segment that opens with one of these continues the address.
ADDRESS_PART_RE = re.compile(
    r"(?:số|thôn|tổ|tổ dân phố|TDP|khu phố|khu vực|KP|KV|khối|đường|phố|ngõ|ngách|hẻm|kiệt|ấp|"
    r"làng|buôn|bon|plei|plơi|xóm|bản|phường|xã|thị trấn|thị xã|thành phố|TP|quận|huyện|tỉnh|"
    r"đặc khu|P\.|Q\.|căn hộ|chung cư|lô|tầng|nhà|khu|đội|km)(?![\w])",
    re.IGNORECASE,
)
# "bà Bùi Thị Lài, thôn 2, xã Vân Canh": after a name and a comma, a small unit then a commune
# or ward (the word before the comma must be capitalised; detector.py checks it).
ADDRESS_AFTER_NAME_RE = re.compile(
    r",[^\S\n]*(?=(?:" + _SMALL_UNIT + r")[^;\n]{0,60}?[,\s][^\S\n]*(?:xã|phường|thị trấn|đặc khu)"
    rf"[^\S\n]+[{UPPER}])"
)
# Phrases that end an address inside its segment ("..., có số điện thoại ...").
ADDRESS_STOP_RE = re.compile(
    r"\s(?:có|là|đã|đến|đề nghị|kính|số điện thoại|điện thoại|(?i:số đt|sđt|đt)|di động|CCCD|CMND|"
    r"(?i:stk|số tk|số tài khoản|tài khoản|mst|mã số thuế|bhxh|email|e-mail)|"
    r"sinh|nay|xin|với|và|để|về việc|làm|hiện đang|theo|nhưng|thì(?! trấn)|do|vì|được|bị|còn|"
    r"chưa|cần|muốn|mà|nên|gồm|"
    r"cùng|từ|trong|khi|nhờ|gửi|nhận)(?!\w)"
)
# A segment opening with a number that is a count or a measure, not a house number: "67 tuổi".
ADDRESS_NOT_NUMBER_RE = re.compile(
    r"\d[\d.,]*\s*(?:tuổi|người|hộ|năm|tháng|ngày|lần|khẩu|nhân khẩu|con|m2|m²|ha|km|kg|"
    r"đồng|triệu|%)(?!\w)"
)
# Abbreviations whose dot does not end a sentence inside an address ("TP. Quy Nhơn").
ADDRESS_ABBREVIATIONS = frozenset("TP Tp tp P p Q q H X T TX TT KP KV Đ đ Ng Lô lô ấp".split())
# An address that ends its line with a comma goes on on the next line when that line opens
# with an address part ("..., tổ 3,\nphường Pleiku, tỉnh Gia Lai"); without the comma, only
# with a commune, ward or province ("số 12 Lê Lợi\nphường Quy Nhơn").
ADDRESS_NEXT_LINE_RE = re.compile(
    rf"[^\S\n]*(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố)[^\S\n]+[{UPPER}]"
)

# --- text typed without diacritics -----------------------------------------------------------
# E-mails and messages are often typed without diacritics ("Toi ten la Nguyen Van Hai, o thon
# 2"). For such texts the detector uses UNACCENTED: the same patterns and word lists with
# diacritics removed (one character for one, so offsets do not move). It is not used on
# ordinary accented text, where "Ba" (three) or "Chi" (branch) must not act as "Bà", "Chị".


def _folded(value: object) -> object:
    if isinstance(value, re.Pattern):
        return re.compile(strip_diacritics(value.pattern), value.flags)
    if isinstance(value, frozenset):
        return frozenset(strip_diacritics(v) for v in value)
    if isinstance(value, dict) and all(isinstance(v, re.Pattern) for v in value.values()):
        return {k: _folded(v) for k, v in value.items()}
    return value


_CONTEXT_SENSITIVE = (
    "PUBLIC_AFTER_TITLE",
    "POSITION_AFTER_TITLE_RE",
    "BANK_AFTER_RE",
    "AGENCY_PHONE_AFTER_RE",
    "AGENCY_PHONE_RE",
    "ORGANISATION_RE",
    "PERSON_MARK_RE",
    "ADDRESS_NEXT_LINE_RE",
    "ADDRESS_AFTER_NAME_RE",
    "ADDRESS_NOT_NUMBER_RE",
    "DOB_IN_WORDS_RE",
    "BIRTH_WORD_RE",
    "AGE_RE",
    "NAME_TITLE_RE",
    "NAME_LABEL_RE",
    "NAME_STOP_WORDS",
    "NAME_STOP_FIRST",
    "NAME_NOT_AFTER_TITLE",
    "SURNAMES",
    "DISTINCTIVE_SURNAMES",
    "PUBLIC_NAMES",
    "PLACE_NAMES",
    "NAME_NOT_AFTER_WORDS",
    "ADDRESS_TRIGGER_RE",
    "ADDRESS_PART_RE",
    "ADDRESS_STOP_RE",
    "ADDRESS_ABBREVIATIONS",
    "DOB_RE",
    "CONTEXT_KEYWORDS",
    "COLUMN_KINDS",
    "UNIT_AFTER_RE",
)


class _Namespace:
    """This module's names, with the context-sensitive ones replaced by their folded form."""

    def __init__(self, module_globals: dict[str, object]):
        self.__dict__.update({k: v for k, v in module_globals.items() if k.isupper()})
        for name in _CONTEXT_SENSITIVE:
            setattr(self, name, _folded(module_globals[name]))
        # Typed without diacritics, "Thu" may be "Thủ" (a stop word) or a given name: names win.
        names = _folded(module_globals["SURNAMES"] | module_globals["COMMON_GIVEN_NAMES"])
        self.NAME_STOP_WORDS = self.NAME_STOP_WORDS - names
        self.NAME_STOP_FIRST = self.NAME_STOP_FIRST - names


UNACCENTED = _Namespace(globals())
# A text is "unaccented" when fewer than this share of its letters carry a diacritic.
UNACCENTED_MAX_SHARE = 0.01
UNACCENTED_MIN_LETTERS = 20
