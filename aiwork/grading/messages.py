"""Every sentence the grading engine shows, in the course's language (``AiworkGrade.language``).

English is the default (a course that sets nothing); Vietnamese for this course. Learners read
the sandbox's messages (in autograded notebooks and feedback); trainers read the command's.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- in autograded notebooks (learners) ------------------------------------------------
    "tamper_input": {
        "en": "This test cannot use '{name}': its value is {reason}, not a plain answer "
        "(text, number, list...).",
        "vi": "Ô chấm điểm không dùng được biến '{name}': giá trị của nó là {reason}, "
        "không phải một câu trả lời thông thường (chuỗi, số, danh sách...).",
    },
    "tamper_replaced": {
        "en": "This test cannot use '{name}': the exercise defined it, and the submission "
        "replaced it with {reason}.",
        "vi": "Ô chấm điểm không dùng được '{name}': bài tập đã định nghĩa tên này và bài làm "
        "đã thay nó bằng {reason}.",
    },
    "tamper_compare": {
        "en": "A test compared {reason} with an expected value; only plain values (text, "
        "numbers, lists...) can be compared with what a test expects.",
        "vi": "Ô chấm điểm so sánh {reason} với giá trị mong đợi; chỉ so sánh được các giá trị "
        "thông thường (chuỗi, số, danh sách...).",
    },
    "tamper_truth": {
        "en": "A test used {reason} as a condition; only plain values can decide a test.",
        "vi": "Ô chấm điểm dùng {reason} làm điều kiện; chỉ giá trị thông thường mới quyết định "
        "được kết quả kiểm tra.",
    },
    "tamper_result": {
        "en": "A test cell ended with {reason}; a test's result must be a plain value.",
        "vi": "Ô chấm điểm kết thúc bằng {reason}; kết quả của ô chấm điểm phải là giá trị "
        "thông thường.",
    },
    "reason_fake_module": {"en": "a fake module '{x}'", "vi": "mô-đun giả '{x}'"},
    "reason_module": {"en": "module '{x}'", "vi": "mô-đun '{x}'"},
    "reason_function": {
        "en": "a function '{x}' defined by the submission",
        "vi": "hàm '{x}' do bài làm định nghĩa",
    },
    "reason_type": {
        "en": "an object of type '{x}' defined by the submission",
        "vi": "đối tượng kiểu '{x}' do bài làm định nghĩa",
    },
    "reason_method": {
        "en": "an object of type '{x}' with a method defined by the submission",
        "vi": "đối tượng kiểu '{x}' có phương thức do bài làm định nghĩa",
    },
    "reason_dunder": {
        "en": "an object of type '{x}' that overrides {y}",
        "vi": "đối tượng kiểu '{x}' ghi đè {y}",
    },
    "reason_metaclass": {
        "en": "an object whose type '{x}' has a custom metaclass",
        "vi": "đối tượng có kiểu '{x}' dùng siêu lớp (metaclass) riêng",
    },
    "reason_code": {
        "en": "code created by the submission",
        "vi": "mã do bài làm tạo ra",
    },
    # --- feedback (learners) ---------------------------------------------------------------
    "hidden_line": {
        "en": "# Hidden tests (code not shown): {verdict}",
        "vi": "# Kiểm tra ẩn (không hiển thị mã): {verdict}",
    },
    "hidden_points": {"en": " — {score}/{points} points", "vi": " — {score}/{points} điểm"},
    "passed": {"en": "PASSED", "vi": "ĐẠT"},
    "failed": {"en": "FAILED", "vi": "KHÔNG ĐẠT"},
    "masked": {"en": "[hidden]", "vi": "[đã ẩn]"},
    # --- the command (trainers) ------------------------------------------------------------
    "progress": {"en": "Grading {assignment}", "vi": "Chấm {assignment}"},
    "progress_unit": {"en": "submission", "vi": "bài"},
    "summary": {
        "en": "{assignment}: {n} submissions ({counts})",
        "vi": "{assignment}: {n} bài nộp ({counts})",
    },
    "status_graded": {"en": "graded", "vi": "đã chấm"},
    "status_skipped": {"en": "already graded", "vi": "đã chấm trước đó"},
    "status_error": {"en": "failed", "vi": "lỗi"},
    "status_empty": {"en": "no notebook", "vi": "không có sổ tay"},
    "none": {"en": "none", "vi": "không có"},
    "already_graded": {
        "en": "already graded (use --force to grade again)",
        "vi": "đã chấm trước đó (dùng --force để chấm lại)",
    },
    "excluded": {
        "en": "excluded by CourseDirectory.student_id_exclude",
        "vi": "bị loại trừ bởi CourseDirectory.student_id_exclude",
    },
    "no_notebooks_found": {
        "en": "the folder holds no notebook (*.ipynb); nothing was graded or recorded",
        "vi": "thư mục bài nộp không có sổ tay (*.ipynb) nào; không chấm và không ghi điểm",
    },
    "unknown_notebooks": {
        "en": "none of the submitted notebooks ({found}) belongs to the assignment "
        "(expected {expected})",
        "vi": "không sổ tay nào đã nộp ({found}) thuộc bài tập (cần {expected})",
    },
    "notebook_failed": {"en": "{notebook}: {reason}", "vi": "{notebook}: {reason}"},
    "run_timeout": {
        "en": "a cell ran past its time limit and did not stop when interrupted",
        "vi": "một ô chạy quá thời gian cho phép và không dừng khi bị ngắt",
    },
    "run_crashed": {
        "en": "the notebook's process ended before the notebook did (os._exit, a crash, or a "
        "resource limit)",
        "vi": "tiến trình chạy sổ tay kết thúc trước khi chạy xong (os._exit, lỗi nghiêm trọng "
        "hoặc vượt giới hạn tài nguyên)",
    },
    "run_protocol": {
        "en": "the notebook's process broke the grading protocol",
        "vi": "tiến trình chạy sổ tay vi phạm giao thức chấm điểm",
    },
    "run_error": {"en": "the notebook could not be run: {x}", "vi": "không chạy được sổ tay: {x}"},
    "no_submissions": {
        "en": "No submission of '{assignment}' with a notebook was found in {path}.",
        "vi": "Không tìm thấy bài nộp nào có sổ tay của '{assignment}' trong {path}.",
    },
    "some_failed": {
        "en": "{n} submissions could not be graded (listed above); run again after fixing them.",
        "vi": "{n} bài nộp không chấm được (liệt kê ở trên); sửa rồi chạy lại.",
    },
    "bad_timeout": {
        "en": "--timeout must be a number of seconds per cell from {low:g} to {high:g} (got {x}).",
        "vi": "--timeout phải là số giây cho mỗi ô, từ {low:g} đến {high:g} (đã nhập {x}).",
    },
    "bad_memory": {
        "en": "--memory must be a number of megabytes from {low} to {high} (got {x}).",
        "vi": "--memory phải là số megabyte, từ {low} đến {high} (đã nhập {x}).",
    },
    "bad_workers": {
        "en": "--workers must be a whole number from 1 to {high} (got {x}).",
        "vi": "--workers phải là số nguyên từ 1 đến {high} (đã nhập {x}).",
    },
    "course_missing": {
        "en": "Course folder {path} does not exist or is not a folder; check --course.",
        "vi": "Không có thư mục lớp {path} (hoặc đó không phải thư mục); kiểm tra --course.",
    },
    "gradebook_missing": {
        "en": "{path} has no gradebook.db: run `nbgrader generate_assignment` in the course first.",
        "vi": "{path} chưa có gradebook.db: chạy `nbgrader generate_assignment` trong thư mục lớp "
        "trước.",
    },
    "gradebook_bad": {
        "en": "The gradebook {path} cannot be used ({why}); nothing was changed. Restore it from "
        "a backup (e.g. gradebook.db.bak-*) before grading.",
        "vi": "Không dùng được sổ điểm {path} ({why}); chưa thay đổi gì. Khôi phục sổ điểm từ "
        "bản sao lưu (ví dụ gradebook.db.bak-*) rồi chấm lại.",
    },
    "gradebook_empty": {"en": "the file is empty", "vi": "tệp rỗng"},
    "gradebook_not_sqlite": {
        "en": "not an SQLite database",
        "vi": "không phải cơ sở dữ liệu SQLite",
    },
    "gradebook_tables": {
        "en": "tables missing: {tables}",
        "vi": "thiếu bảng: {tables}",
    },
    "assignment_missing": {
        "en": "Assignment '{assignment}' is not in the gradebook; run `nbgrader generate_assignment "
        "{assignment}` first.",
        "vi": "Sổ điểm chưa có bài tập '{assignment}'; chạy `nbgrader generate_assignment "
        "{assignment}` trước.",
    },
    "backup_made": {
        "en": "gradebook backed up to {path} before regrading",
        "vi": "đã sao lưu sổ điểm vào {path} trước khi chấm lại",
    },
    "feedback_summary": {
        "en": "{assignment}: feedback for {n} notebooks",
        "vi": "{assignment}: đã viết nhận xét cho {n} sổ tay",
    },
    "feedback_unfinished": {
        "en": "{assignment}: grading did not finish for {students}; no feedback for them: run "
        "`aiwork grade {assignment}` again first.",
        "vi": "{assignment}: chưa chấm xong bài của {students}; chưa viết nhận xét cho các bài "
        "này: chạy lại `aiwork grade {assignment}` trước.",
    },
    "feedback_none": {
        "en": "{assignment}: no graded submission to write feedback for (run `aiwork grade` "
        "first).",
        "vi": "{assignment}: chưa có bài nào đã chấm để viết nhận xét (chạy `aiwork grade` trước).",
    },
}


def text(language: str, key: str, **values: object) -> str:
    entry = MESSAGES[key]
    return entry.get(language, entry["en"]).format(**values)
