"""Every lesson notebook executes top to bottom with the offline assistant, in a kernel set up as
the course sets up learners' kernels; every demo shows what its text says; and a typical
learner mistake made in the lesson gets one Vietnamese sentence, not a traceback.

Demo cells carry a tag ``demo-<name>`` (cell metadata); ``DEMOS`` below says, per lesson and
tag, what the lesson's text claims about that cell's output, as a check on the output text.
A demo whose output no longer matches its prose fails here, naming the cell.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from aiwork.learner_errors import write_kernel_config

REPO = Path(__file__).resolve().parent.parent
LESSONS = sorted((REPO / "course").glob("[0-9][0-9]-*/bai-hoc.ipynb"))
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")

Check = Callable[[str], None]


def has(*words: str) -> Check:
    def check(out: str) -> None:
        for w in words:
            assert w in out, f"expected {w!r} in:\n{out}"

    return check


def lacks(*words: str) -> Check:
    def check(out: str) -> None:
        for w in words:
            assert w not in out, f"did not expect {w!r} in:\n{out}"

    return check


def matches(pattern: str) -> Check:
    def check(out: str) -> None:
        assert re.search(pattern, out, re.S), f"expected /{pattern}/ in:\n{out}"

    return check


def part(start: str, end: str | None, *checks: Check) -> Check:
    """Run ``checks`` on the part of the output between two markers."""

    def check(out: str) -> None:
        assert start in out, f"marker {start!r} missing in:\n{out}"
        piece = out.split(start, 1)[1]
        if end is not None:
            assert end in piece, f"marker {end!r} missing in:\n{out}"
            piece = piece.split(end, 1)[0]
        for c in checks:
            c(piece)

    return check


def bullets(n: int) -> Check:
    def check(out: str) -> None:
        found = [line for line in out.splitlines() if line.lstrip().startswith(("- ", "• "))]
        assert len(found) == n, f"expected {n} bullets, got {len(found)} in:\n{out}"

    return check


def at_most_words(n: int) -> Check:
    def check(out: str) -> None:
        assert len(out.split()) <= n, f"more than {n} words:\n{out}"

    return check


def only_numbers(*allowed: str) -> Check:
    """Every number in the text is one of ``allowed`` (as written, e.g. "86,7")."""

    def check(out: str) -> None:
        found = set(re.findall(r"\d+(?:[.,]\d+)*", out))
        extra = found - set(allowed)
        assert not extra, f"numbers not in the given data: {sorted(extra)} in:\n{out}"

    return check


def exactly(text: str) -> Check:
    def check(out: str) -> None:
        assert out.strip() == text, f"expected exactly {text!r}, got {out.strip()!r}"

    return check


# lesson folder -> demo tag -> checks on that cell's output text
DEMOS: dict[str, dict[str, list[Check]]] = {
    "00-lam-quen": {
        "welcome": [
            has("Phòng thực hành đã sẵn sàng"),
            matches(r"Hôm nay là ngày \d{2}/\d{2}/\d{4}"),
        ],
        # the stub "..." is not an answer: the self-check says so (and does not echo True/False)
        "self-check": [has("chưa trả lời"), lacks("True", "False")],
        "tutor": [
            has("Nbgrader → Assignment List", "Submit", "Nguồn:"),
            lacks("(Nguồn:", "thẻ Assignments (Bài tập)"),
        ],
    },
    "01-loi-nhac": {
        # "nêu con số và năm cụ thể nhưng không nêu nguồn nào"
        "hallucination": [matches(r"\d{1,3}\.\d{3}"), matches(r"năm \d{4}"), lacks("[", "Nguồn")],
        # vague: a generic frame full of blanks; complete: the given time, date, place, 3 bullets
        "vague-vs-good": [
            part(
                "— Lời nhắc mơ hồ —",
                "— Lời nhắc đủ thành phần —",
                has("[tên cơ quan]", "[thời gian]"),
            ),
            part(
                "— Lời nhắc đủ thành phần —",
                None,
                has("7 giờ 30", "10/12/2026", "Phòng tiếp công dân (tầng 1)"),
                bullets(3),
                at_most_words(100),
                lacks("["),
            ),
        ],
        "anatomy": [
            part("❌ vai trò", "Giới hạn số từ: (chưa nêu)", has("✅ nhiệm vụ", "❌ bối cảnh")),
            part(
                "Dữ liệu trong thẻ: chưa có\n\n",
                None,
                matches(r"^(✅[^\n]*\n){6}"),
                has("Giới hạn số từ: 100 từ", "gạch đầu dòng"),
            ),
        ],
        # "chỉ lấy thông tin trong thẻ ... và không chép lại chữ <van_ban>"
        "delimiters": [
            bullets(2),
            at_most_words(50),
            has("20/11/2026", "2 cán bộ", "31/12/2026"),
            lacks("van_ban"),
        ],
        "few-shot": [exactly("Giao thông")],
        "iterate": [
            part("— Lần 1 —", "— Lần 2 —", has("[số liệu]")),
            part(
                "— Lần 2 —",
                None,
                has("130/150", "86,7%", "98%"),
                only_numbers("130", "150", "86,7", "98"),
                lacks("["),
            ),
        ],
    },
    "02-soan-thao": {
        # "bản nháp chung chung, đầy chỗ để trống"
        "vague-draft": [has("[tên cơ quan]", "[thời gian]")],
        "good-draft": [has("01 điểm hỗ trợ", "01/4/2026", "25/3/2026"), lacks("[")],
        "review": [
            part("Bản nháp 1", "Bản nháp 2", has("❌ Thiếu dữ kiện", "❌ Còn chỗ để trống")),
            part("Bản nháp 2", None, has("✅ Bản nháp có đủ dữ kiện"), lacks("❌")),
        ],
        "review-fixed": [has("✅ Bản nháp có đủ dữ kiện"), lacks("❌")],
        # the công văn written as labelled lines builds and passes the check, as the assignment's
        "build": [has("Đã tạo tệp", "✅ Văn bản đúng thể thức"), lacks("❌", "⚠️")],
        # the giấy mời: a titled document, its trích yếu without "V/v"
        "invitation": [
            has("Đã tạo tệp", "✅ Văn bản đúng thể thức", "GIẤY MỜI"),
            lacks("❌", "V/v"),
        ],
        # "công cụ không dựng tệp mà nói rõ phải sửa gì": the missing line, then the "V/v"
        "form-mistakes": [
            has("Còn thiếu dòng «Người ký»", "“V/v” chỉ dùng cho công văn"),
            lacks("Đã tạo tệp"),
        ],
        "decision": [has("✅ Văn bản đúng thể thức"), lacks("❌")],
        # the seven mistakes the text lists, each reported with its rule
        "mistakes": [
            has(
                "❌ Có 7 lỗi thể thức",
                "[page.margins]",
                "[header.slogan]",
                "[date.format]",
                "[doctype.abbreviation]",
                "[body.size]",
                "[signature.block]",
            )
        ],
    },
    "03-tra-cuu": {
        # no passages given: "mọi con số đều không có căn cứ"
        "hallucination": [matches(r"\d+ ngày"), lacks("[")],
        "no-sources": [has("❌ Có", "không dẫn nguồn"), lacks("✅")],
        "passage": [has("[tthc-thuong-tru]", "07 ngày làm việc")],
        "cv557": [has("[cv557-kiem-chung]", "[cv557-trach-nhiem]")],
        "no-diacritics": [matches(r"^\[tthc-ly-lich-tu-phap\]"), matches(r"điểm \d+,\d{2}")],
        # first sentence right (07 days, cited); second grounded but about the linked procedure
        "grounded": [
            has("07 ngày làm việc", "[tthc-thuong-tru]", "05 ngày", "[tthc-lien-thong-khai-sinh]"),
            has("✅ Mọi câu"),
        ],
        "answer-with-sources": [has("10 lần", "luat91-d8-xu-phat", "✅")],
        "choose": [has("15 ngày", "[tthc-khai-tu]", "✅")],
        # "Công cụ kiểm tra phát hiện cả ba"
        "citation-errors": [
            has(
                "❌ Có 3 vấn đề", "trích dẫn sai đoạn", "không có trong các đoạn", "không dẫn nguồn"
            )
        ],
        "units": [
            part("07 ngày làm việc [tthc-thuong-tru].", "trong 7 ngày [", has("✅"), lacks("❌")),
            part("trong 7 ngày [", None, has("❌")),
        ],
        "citing": [has("[nd30-pl1-noi-dung]", "viện dẫn lần đầu")],
    },
    "04-bao-cao": {
        # tables shown with Vietnamese formats, never pandas' dots and ISO dates
        "excel": [has("Hai tệp có cùng số liệu: có", "31/10/2026"), lacks("2026-10-31")],
        "totals": [has("198.722", "124.070", "62,4%")],
        # "hai cách tính ra hai con số khác nhau"
        "mean-of-rates": [has("(SAI): 56,6%", "62,4%", "72,6"), lacks("72.6", "62.4")],
        "target": [has("7 / 12")],
        "no-figures": [has("[số liệu]")],
        "prompt-figures": [has("198.722", "62,4%")],
        "check-reply": [has("0 không có căn cứ", "Mọi con số đều khớp với dữ liệu")],
        # the three errors the text names
        "check-draft": [has("3 không có căn cứ", "“250 nghìn”", "“62,8%”", "“tháng 12/2026”")],
        "fixed": [has("Mọi con số đều khớp với dữ liệu")],
        "report": [
            has("✅ Văn bản đúng thể thức", "✅ Số bảng số liệu: 1", "✅ Số biểu đồ: 2"),
            lacks("❌"),
        ],
    },
    "05-an-toan": {
        # the passages behind the text: which are verbatim, which paraphrase
        "sources": [
            has("Công văn 557/BKHCN-CĐSQG", "diễn giải", "Điều 2, khoản 1 — nguyên văn"),
        ],
        # "tìm được họ tên, ngày sinh, CCCD, địa chỉ, điện thoại, thư điện tử — không báo nhầm số
        # hiệu văn bản ... không nhận ra thông tin sức khỏe"
        "detect": [
            has("HO_TEN", "NGAY_SINH", "CCCD", "DIA_CHI", "SDT", "EMAIL"),
            lacks("24/KH-UBND", "hen suyễn", "15/3/2026"),
        ],
        "redact": [
            part(
                "Kính gửi",
                "Bảng đối chiếu",
                has("[HO_TEN_1]", "[CCCD_1]", "hen suyễn"),
                lacks("052185001234"),
            ),
        ],
        "manual": [has("[SUC_KHOE_1]", "không còn dữ liệu cá nhân")],
        # the draft holds labels only; restored on the machine, the real name is back
        "restore": [
            part("chỉ thấy nhãn", "Sau khi khôi phục", has("[HO_TEN_1]"), lacks("Trần Thị Mỹ Lệ")),
            part(
                "Sau khi khôi phục",
                None,
                has("Trần Thị Mỹ Lệ", "[SUC_KHOE_1]"),
                lacks("[HO_TEN_1]"),
            ),
        ],
        "guard": [
            part(
                "Chế độ redact",
                "Chế độ block",
                has("[HO_TEN_1]", "[SDT_1]"),
                lacks("Mỹ Lệ", "0905"),
            ),
            part("Chế độ block", None, has("(bị chặn)"), lacks("052185001234")),
        ],
        # without a source the deadline differs from the document's 12 days; with it, it is 12
        "grounded": [
            part("Không có tài liệu:", "Có tài liệu", matches(r"\d+ ngày"), lacks("12 ngày", "[")),
            part("Có tài liệu", None, has("12 ngày làm việc")),
        ],
    },
    "06-tinh-huong": {
        "receive": [has("Ngày tiếp nhận: 23/11/2026"), lacks("2026-11-23")],
        "mask": [
            has("[HO_TEN_1]", "[CCCD_1]", "[SDT_1]"),
            lacks("052068001234", "Nguyễn Văn An", "0905 123 456"),
        ],
        # "điền lĩnh vực Đất đai, nhưng ghi cơ quan giải quyết là Ủy ban nhân dân phường"
        "form": [has("linh_vuc: Đất đai", "co_quan_giai_quyet: Ủy ban nhân dân phường")],
        "review-form": [has("co_quan_giai_quyet: Văn phòng đăng ký đất đai")],
        "nothing-leaked": [has("Số CCCD có bị gửi cho trợ lý không? không")],
        "grounded": [has("✅"), lacks("❌")],
        # real name back on the machine; the citation id still to be removed (the text says so)
        "draft": [
            has("Nguyễn Văn An", "20 ngày làm việc", "[tthc-gcn-lan-dau]"),
            lacks("[HO_TEN_1]"),
        ],
        "letter": [has("✅ Văn bản đúng thể thức"), lacks("❌")],
        "log": [has("Đất đai")],
        "weekly": [has("Mọi con số đều khớp với dữ liệu")],
    },
}

# lesson folder -> [(a typical mistake made in that lesson, words its one sentence must hold)]
COMMON_MISTAKES: list[tuple[str, list[str]]] = [
    ("loi_nhac = “Viết thông báo lịch tiếp công dân”", ["nháy cong"]),
    (
        'loi_nhac = """\nBạn là chuyên viên Văn phòng UBND phường.\nViết thông báo.\n',
        ['"""', "chưa được đóng"],
    ),
    ("kiem_tra_lai('cau_1')", ["`kiem_tra_lai`"]),
    ("print(bien_chua_co)", ["Chưa có `bien_chua_co`", "Shift + Enter"]),
]
MISTAKES: dict[str, list[tuple[str, list[str]]]] = {
    "00-lam-quen": [("kiem_tra('cau_1'", ["ngoặc ("])],
    "02-soan-thao": [
        ('cong_van =\nLoại văn bản: Công văn\nSố, ký hiệu: 18/UBND-VP\n"""', ["thiếu ba dấu nháy"]),
        ('soan_van_ban(cong_van KET_QUA / "cong-van.docx")', ["Thiếu dấu phẩy"]),
        ('soan_van_ban(cong_van, KET_QUA / "cong-van.docx"', ["ngoặc (", "chưa được đóng"]),
    ],
    "03-tra-cuu": [('hien_thi_doan(search("khai tử", k=3)', ["ngoặc (", "chưa được đóng"])],
    "04-bao-cao": [
        ('dv["ho_so_tiep_nhân"].sum()', ["không có cột", "`ho_so_tiep_nhan`", "Các cột hiện có"])
    ],
    "05-an-toan": [("detect(don_moi)", ["Chưa có `don_moi`"])],
    "06-tinh-huong": [('phieu["linh vuc"]', ["Không tìm thấy khóa 'linh vuc'"])],
}


def _texts(cell) -> str:
    parts = []
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type == "error":
            parts.append("\n".join(o.traceback))
        elif "data" in o:
            data = o["data"]
            parts.append(data.get("text/markdown") or data.get("text/plain", ""))
            if "text/html" in data:
                parts.append(data["text/html"])
    return "\n".join(parts)


@pytest.fixture(scope="module")
def learner_env(tmp_path_factory) -> dict[str, str]:
    """The environment of a learner's kernel: the IPython configuration `aiwork setup-lab`
    writes (Vietnamese errors), no grading flag."""
    tmp = tmp_path_factory.mktemp("ipython")
    config = write_kernel_config(str(tmp / "prefix"))
    profile = tmp / "ipython" / "profile_default"
    profile.mkdir(parents=True)
    (profile / "ipython_kernel_config.json").write_text(config.read_text())
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    env["IPYTHONDIR"] = str(tmp / "ipython")
    return env


def _execute(path: Path, env: dict[str, str]):
    nb = nbformat.read(str(path), as_version=4)
    n_lesson = len(nb.cells)
    mistakes = COMMON_MISTAKES + MISTAKES.get(path.parent.name, [])
    for source, _ in mistakes:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = ["raises-exception"]  # nbclient: this cell may fail
        nb.cells.append(cell)
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # the kernel inherits the server's environment
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb, n_lesson, mistakes


@pytest.fixture(scope="module", params=LESSONS, ids=lambda p: p.parent.name)
def executed(request, learner_env):
    return request.param, *_execute(request.param, learner_env)


def test_lesson_executes(executed):
    path, nb, n_lesson, _ = executed
    errors = [
        o
        for c in nb.cells[:n_lesson]
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"


def test_demos_show_what_the_text_says(executed):
    path, nb, n_lesson, _ = executed
    demos = DEMOS.get(path.parent.name, {})
    tagged = {
        t[len("demo-") :]: c
        for c in nb.cells[:n_lesson]
        for t in c.metadata.get("tags", [])
        if t.startswith("demo-")
    }
    assert set(demos) <= set(tagged), f"demo cells missing their tag: {set(demos) - set(tagged)}"
    assert set(tagged) <= set(demos), f"tagged demos without a check: {set(tagged) - set(demos)}"
    for name, checks in demos.items():
        out = _texts(tagged[name])
        for check in checks:
            try:
                check(out)
            except AssertionError as exc:
                raise AssertionError(f"{path.parent.name} demo-{name}: {exc}") from None


# What a Vietnamese reader should never meet in a lesson's output: a decimal point (62.4), an
# ISO date or month (2026-11-23, 2026-10), Python's True/False/None.
NOT_VIETNAMESE_FORMAT = re.compile(
    r"(?<![\d.,/\w])\d+\.\d{1,2}(?![\d.])|\b\d{4}-\d{2}(?:-\d{2})?\b|\b(?:True|False|None)\b"
)


def test_outputs_use_vietnamese_formats(executed):
    path, nb, n_lesson, _ = executed
    for cell in nb.cells[:n_lesson]:
        if cell.cell_type != "code" or any(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.outputs
        ):
            continue
        text = re.sub(r"<[^>]+>", " ", _texts(cell))
        found = NOT_VIETNAMESE_FORMAT.findall(text)
        assert not found, f"{path.parent.name}#{cell.id}: {found[:5]} (use aiwork.vi formats)"


def test_learner_mistakes_get_a_vietnamese_sentence(executed):
    path, nb, n_lesson, mistakes = executed
    for cell, (source, words) in zip(nb.cells[n_lesson:], mistakes, strict=True):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert len(errors) == 1, source
        sentence = "\n".join(errors[0].traceback)
        assert len(errors[0].traceback) == 1 and "Traceback" not in sentence, sentence
        assert VIETNAMESE.search(sentence), sentence
        for w in words:
            assert w in sentence, (source, w, sentence)
        assert "<details" in _texts(cell), "the full traceback is one click away"
