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
        "STK": [r"số tài khoản", r"STK", r"tài khoản(?: ngân hàng| thanh toán)?(?: số)?", r"TK"],
        "SDT": [
            r"điện thoại",
            r"ĐT",
            r"SĐT",
            r"ĐTDĐ",
            r"di động",
            r"DĐ",
            r"số máy",
            r"liên hệ",
            r"hotline",
            r"Zalo",
            r"Tel",
            r"phone",
            r"Fax",
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

_DATE = (
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:19|20)\d{2}"
    r"|(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d{2}"
)
DOB_RE = re.compile(
    r"(?<!\w)(?<!tuyển )(?<!học )(?<!phát )(?<!nảy )(?<!hồi )(?<!vệ )(?<!hi )(?<!hy )(?<!khai )"
    r"(?:(?:sinh ngày|ngày sinh|ngày,? tháng,? năm sinh|ngày tháng năm sinh|sinh)\s*(?:là\s*)?[:：]?\s*"
    rf"(?P<v>{_DATE})"
    r"|(?:sinh năm|năm sinh|SN)\s*[:：]?\s*(?P<y>(?:19|20)\d{2})(?!\d))",
    re.IGNORECASE,
)

# --- personal names --------------------------------------------------------------------------

# Honorifics and form labels after which a capitalised sequence is a person's name.
NAME_TITLE_RE = re.compile(
    r"(?<!\w)(?:[ÔôOo]ng/[Bb]à|[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Ee]m|[Cc]háu|[Cc]ụ|[Đđ]ồng chí|[Đđ]/c"
    r"|[Ss]inh viên|[Hh]ọc sinh|[Hh]ọc viên|[Tt]hí sinh|[Bb]ệnh nhân|[Cc]ông dân|[Nn]gười bệnh"
    r"|[Cc]ử tri|[Nn]gười dân|[Nn]ạn nhân|[Đđ]ương sự|Mr\.?|Mrs\.?|Ms\.?|Miss)\s+"
)
NAME_LABEL_RE = re.compile(
    r"(?<!\w)(?:(?:[Hh]ọ[^:\n]{0,20}tên|HỌ[^:\n]{0,20}TÊN)[^:\n]{0,40}[:：]"
    r"|(?:[Tt]ôi )?tên là|[Tt]ôi là"
    r"|(?:[Nn]gười(?: [^\W\d]+){1,4}|[Cc]hủ hộ|[Vv]ợ|[Cc]hồng|[Cc]on|[Bb]ố|[Mm]ẹ"
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
NAME_NOT_AFTER_TITLE = frozenset("Rịa Nà Đen Chiểu Quốc Huyện Điểm".split())

# Common Vietnamese surnames (Kinh, and Jrai/Bahnar family names frequent in Gia Lai): a
# sequence of 3-4 capitalised words opening with one of them is taken for a name even without
# an honorific before it.
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lâm Mai "
    "Trương Tô Hà Cao Lưu Tạ Châu Thái La Quách Kiều Triệu Phùng Tăng Lương Trịnh Đào Đàm Từ "
    "Nông Lò Lại Khổng Mạc Âu Vương Chu Tôn Giang Thân Thạch Diệp Hứa Nghiêm Doãn Bạch Quan "
    "Tiêu Văn Ksor Siu Rơ Rahlan Puih Kpă Kpuih Nay Rcom Rmah Kpuil Hờ".split()
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

ADDRESS_TRIGGER_RE = re.compile(
    r"(?<!\w)(?:(?:thường trú|tạm trú|cư trú|trú|ở|sinh|cư ngụ)\s+tại(?:[^\S\n]*[:：])?"
    r"|(?:[Đđ]ịa chỉ(?: thường trú| tạm trú| liên hệ| hiện nay| cư trú| nhà riêng| liên lạc)?"
    r"|[Nn]ơi (?:ở|cư trú|thường trú|tạm trú|sinh|đăng ký khai sinh)(?: hiện nay| hiện tại)?"
    r"|[Qq]uê quán|HKTT|[Hh]ộ khẩu thường trú|[Tt]hường trú|[Tt]ạm trú|[Cc]hỗ ở hiện (?:nay|tại)"
    r"|[Đđ]ịa điểm kinh doanh)"
    r"(?:[^\S\n]+[^\W\d]+){0,3}?[^\S\n]*[:：])[^\S\n]*"  # the value is on the same line
    # "ở thôn ..., sống tại tổ ...": only before the smallest units, never "ở xã", "ở tỉnh"
    r"|(?<!\w)(?:ở|sống ở|sống tại|nhà ở)\s+(?=(?:thôn|làng|buôn|plei|xóm|tổ|khu phố|ấp|bản|hẻm|"
    r"kiệt|ngõ|số \d)(?!\w))"
    # "tại hẻm 45 ...", "tại lô A12": house-level units only ("tại thôn" is often a venue)
    r"|(?<!\w)tại\s+(?=(?:lô|hẻm|kiệt|ngõ|ngách|số \d)(?!\w))"
)
# Address parts: a comma-separated segment that opens with one of these continues the address.
ADDRESS_PART_RE = re.compile(
    r"(?:số|thôn|tổ|tổ dân phố|TDP|khu phố|khu vực|KP|KV|khối|đường|phố|ngõ|ngách|hẻm|kiệt|ấp|"
    r"làng|buôn|bon|plei|plơi|xóm|bản|phường|xã|thị trấn|thị xã|thành phố|TP|quận|huyện|tỉnh|"
    r"đặc khu|P\.|Q\.|căn hộ|chung cư|lô|tầng|nhà|khu|đội|km)(?![\w])",
    re.IGNORECASE,
)
# Phrases that end an address inside its segment ("..., có số điện thoại ...").
ADDRESS_STOP_RE = re.compile(
    r"\s(?:có|là|đã|đến|đề nghị|kính|số điện thoại|điện thoại|ĐT|SĐT|CCCD|CMND|sinh|nay|xin|với|"
    r"và|để|về việc|làm|hiện đang|theo|nhưng|thì|do|vì|được|bị|còn|chưa|cần|muốn|mà|nên|gồm|"
    r"cùng|từ|trong|khi|nhờ|gửi|nhận)(?!\w)"
)
# Abbreviations whose dot does not end a sentence inside an address ("TP. Quy Nhơn").
ADDRESS_ABBREVIATIONS = frozenset("TP Tp tp P p Q q H X T TX TT KP KV Đ đ Ng Lô lô ấp".split())

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


UNACCENTED = _Namespace(globals())
# A text is "unaccented" when fewer than this share of its letters carry a diacritic.
UNACCENTED_MAX_SHARE = 0.01
UNACCENTED_MIN_LETTERS = 20
