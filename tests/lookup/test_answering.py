"""aiwork.lookup.answering: the sentence that answers a question's focus (issue 22)."""

from __future__ import annotations

import pytest

from aiwork.lookup import answering
from aiwork.lookup.corpus import by_id
from aiwork.tutor import knowledge

MARGINS = by_id()["nd30-pl1-kho-giay-le"].text
HEADER = by_id()["nd30-pl1-quoc-hieu"].text


@pytest.mark.parametrize(
    "question, kind",
    [
        ("le trai bao nhieu mm", "figure"),
        ("ao giac la gi", "definition"),
        ("co duoc dan so cccd vao chatgpt khong", "rule"),
        ("Thể thức văn bản gồm những thành phần nào?", "list"),
        ("dau phan cach de lam gi", "purpose"),
        ("luat 91 co hieu luc tu ngay nao", "when"),
        ("lam sao nop bai", "how"),
        ("ra soat ban nhap", "how"),  # a bare topic asks how it is done
    ],
)
def test_focus_of_questions_typed_with_or_without_diacritics(question, kind):
    assert answering.focus(question).kind == kind


def test_a_figure_question_gets_the_sentence_with_its_unit():
    # not the paper size, which comes first
    assert "lề trái cách mép từ 30 đến 35 mm" in answering.best_sentence(
        "le trai bao nhieu mm", MARGINS
    )
    assert answering.best_sentence("kho giay la gi", MARGINS).startswith("Văn bản hành chính")


def test_a_definition_question_gets_the_sentence_naming_the_term():
    assert answering.best_sentence("tieu ngu la gi", HEADER).startswith("Tiêu ngữ")
    assert answering.best_sentence("quoc hieu la gi", HEADER).startswith("Quốc hiệu")


def test_a_rule_question_gets_the_rule():
    text = (
        "Trợ lý AI công cộng lưu nội dung trên máy chủ của nhà cung cấp. "
        "Không đưa dữ liệu cá nhân như số căn cước của người dân vào chatbot AI công cộng."
    )
    chosen = answering.best_sentence("co duoc dan so can cuoc vao chatbot khong", text)
    assert chosen.startswith("Không đưa")


def test_a_sentence_introducing_a_list_comes_with_its_items():
    text = "Anh/chị cần mở văn bản gốc khi: - đoạn được ghi là diễn giải; - thông tin dùng để trả lời người dân."
    chosen = answering.best_sentence("khi nao phai mo van ban goc", text)
    assert "diễn giải" in chosen and "trả lời người dân" in chosen


def test_passage_sentences_keep_ellipses_brackets_and_abbreviations_inside():
    text = (
        "Không đưa dữ liệu cá nhân (họ tên, địa chỉ... của người dân) vào chatbot (Công văn "
        "557, diễn giải). Trụ sở ở TP. Quy Nhơn. Các ý chính: - tuân thủ pháp luật; - tự chịu trách nhiệm."
    )
    assert answering.passage_sentences(text) == [
        "Không đưa dữ liệu cá nhân (họ tên, địa chỉ... của người dân) vào chatbot (Công văn "
        "557, diễn giải).",
        "Trụ sở ở TP. Quy Nhơn.",
        "Các ý chính:",
        "tuân thủ pháp luật",
        "tự chịu trách nhiệm.",
    ]


def test_a_heading_that_asks_the_question_is_not_the_answer():
    text = "Chạy ô lệnh bằng phím nào? Bấm vào ô lệnh rồi nhấn Shift + Enter."
    assert "Shift + Enter" in answering.best_sentence("chay o lenh bang phim gi", text)


def test_the_askers_words_are_read_in_the_courses_words():
    # "mất tiền" is the fee ("Phí, lệ phí"), not "có mặt" (both fold to "mat")
    marriage = by_id()["tthc-ket-hon"].text
    assert "Miễn lệ phí" in answering.best_sentence("dang ky ket hon mat bao nhieu tien", marriage)
    assert answering.in_course_words("nop o dau")[0] == "co quan thuc hien"
    residence = by_id()["tthc-tam-tru"].text
    assert "Công an xã" in answering.best_sentence("dang ky tam tru nop o dau", residence)


def test_synonym_table_is_unambiguous():
    # one syllable that folds alike with another word ("mat", "ai") is never an asked phrase
    for syn in answering.synonyms():
        for phrase in syn.asked.pattern.split("|"):
            assert phrase.strip("()?:<!\\w") not in {"mat", "ai", "da", "dung"}, phrase


def test_a_numbered_item_named_by_the_question_is_chosen():
    text = "Bước 1: Nhận đơn; nhan_ho_so(). Bước 2: Che dữ liệu cá nhân; che_thong_tin(...)."
    assert answering.best_sentence("buoc 2 la gi", text).startswith("Bước 2")


def test_a_choice_is_answered_by_the_sentence_naming_an_option():
    signer = by_id()["nd30-pl1-chu-ky"].text
    assert answering.best_sentence(
        "chuc vu nguoi ky viet chu in hoa hay in thuong", signer
    ).startswith("Chức vụ")


def test_cues_are_matched_with_their_diacritics():
    # "Tài chính" holds no place ("tại"), "anh/chị" no restriction ("chỉ")
    f = answering.focus("doi giay phep lai xe o dau")
    fee = "Phí, lệ phí: Lệ phí cấp, đổi giấy phép lái xe theo biểu phí của Bộ Tài chính."
    office = "Cơ quan thực hiện: Phòng Cảnh sát giao thông Công an tỉnh."
    assert answering.sentence_score(f, office) > answering.sentence_score(f, fee)


def test_texting_shorthand_is_spelled_out():
    assert answering.spelled_out("vb này dc ko ad") == "văn bản này được không"
    # typed without diacritics, written out without them (the search's folded index)
    assert answering.spelled_out("vb nay dc ko ad") == "van ban nay duoc khong"
    assert answering.spelled_out("search(k=5)") == "search(k=5)"  # "k" is not shorthand here
    assert answering.focus("cq nao giai quyet").kind == "who"


@pytest.mark.parametrize(
    "question, words",
    [
        ("cho hoi ky hieu viet tat la gi", ("ky", "hieu", "viet", "tat")),
        ("xin hỏi thời hiệu khiếu nại", ("thoi", "hieu", "khieu", "nai")),
        ("em muon hoi la le phi khai tu", ("le", "phi", "khai")),
        ("hoi dong la gi", ("hoi", "dong")),  # "hội đồng": a topic, not an opener
    ],
)
def test_how_a_question_opens_is_not_its_focus(question, words):
    assert answering.focus(question).words == words


@pytest.mark.parametrize(
    "asked, course",
    [
        ("font chu van ban la gi", "phong chu van ban la gi"),
        ("doi bang lai xe", "doi giay phep lai xe"),
        ("xin giay xac nhan doc than", "xin giay xac nhan tinh trang hon nhan"),
        ("nhap ho khau cho con", "dang ky thuong tru cho con"),
        ("lam can cuoc cong dan", "lam the can cuoc"),
    ],
)
def test_everyday_names_are_read_as_the_courses(asked, course):
    assert answering.in_course_words(asked)[0] == course


def test_a_how_question_gets_the_steps_not_an_example():
    text = (
        "Ít khi bản nháp đầu tiên đã dùng được. "
        'Ví dụ với bản nháp yếu "Báo cáo tháng":. '
        "- Thêm bảng số liệu; - Nêu kỳ báo cáo. "
        "Hãy đọc kết quả → tìm điều chưa đạt → bổ sung phần còn thiếu → thử lại."
    )
    assert "→ thử lại" in answering.best_sentence("cai thien ban nhap yeu lam the nao", text)


@pytest.mark.parametrize(
    "question, answer",
    [
        ("lam giay phep kinh doanh quan an can may bo ho so", "Hồ sơ gồm"),
        ("cap phep quan an thi so nao cap", "Cơ quan thực hiện"),
        ("quan an co duoc cap phep ngay ko", "Thời hạn giải quyết"),
        ("thu tuc nao cap phep cho quan an", "Thủ tục"),  # asked for its name: the name
    ],
)
def test_a_procedures_naming_row_does_not_answer_what_is_asked_of_it(question, answer):
    # a made-up record: its naming rows hold every word of the question, another row answers
    text = (
        "Thủ tục: Cấp giấy phép kinh doanh quán ăn. Lĩnh vực: Kinh doanh quán ăn. "
        "Cơ quan thực hiện: Sở Công Thương. Hồ sơ gồm: Đơn đề nghị; 02 bộ bản vẽ mặt bằng. "
        "Thời hạn giải quyết: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ."
    )
    assert answering.best_sentence(question, text).startswith(answer)


@pytest.mark.parametrize(
    "question, answer",
    [
        ("nop to khai trong thoi han bao nhieu ngay", "Người dân nộp tờ khai"),
        ("thoi han giai quyet la bao nhieu ngay", "Thời hạn giải quyết"),
    ],
)
def test_the_sentence_saying_the_questions_phrases_answers_it(question, answer):
    # both sentences hold the question's words; one says its phrases ("nộp tờ khai trong thời
    # hạn"), the other has them apart ("Thời hạn ... nộp đủ tờ khai")
    text = (
        "Thời hạn giải quyết: 10 ngày kể từ ngày nộp đủ tờ khai. "
        "Người dân nộp tờ khai trong thời hạn 30 ngày kể từ ngày chuyển đến."
    )
    assert answering.best_sentence(question, text).startswith(answer)


def test_asked_who_pays_the_fee_row_does_not_answer():
    text = (
        "Phí, lệ phí: Miễn lệ phí. Thẻ bảo hiểm y tế của người cao tuổi do ngân sách nhà nước đóng."
    )
    asked = answering.best_sentence("the bao hiem y te cua nguoi cao tuoi ai dong tien", text)
    assert asked.startswith("Thẻ bảo hiểm")
    assert answering.best_sentence("the bao hiem y te mat bao nhieu tien", text).startswith("Phí")


def test_the_next_sentence_joins_when_it_says_what_the_chosen_one_leaves_out():
    text = (
        "Một số văn bản gửi người dân dùng từ ngữ khó hiểu, câu dài. "
        "Anh/chị sửa thành câu ngắn, dùng từ thông dụng. "
        "Cuối cùng, kiểm tra chính tả trước khi gửi."
    )
    said = answering.best_sentence("van ban kho hieu thi sua sao", text)
    assert "câu ngắn" in said and "chính tả" not in said, said
    # nothing left out: the one sentence alone
    said = answering.best_sentence("van ban gui nguoi dan dung tu ngu kho hieu la sao", text)
    assert "câu ngắn" not in said, said


@pytest.mark.parametrize(
    "question",
    ["ham nao ve bieu do cot", "muon ve bieu do thi dung lenh gi"],
)
def test_asked_which_function_the_sentence_naming_one_answers(question):
    # both sentences speak of the chart; the one naming the function answers "hàm nào"
    text = (
        "Biểu đồ giúp lãnh đạo đọc nhanh số liệu của bảng theo từng tháng. "
        "Hàm ve_bieu_do(bang) vẽ cột cho mỗi tháng."
    )
    assert answering.focus(question).kind == "name"
    assert answering.best_sentence(question, text).startswith("Hàm ve_bieu_do")


def test_progress_asked_is_not_the_fee_and_the_office_asked_by_its_role_is_the_office():
    record = (
        "Phí, lệ phí: Miễn phí. Thời hạn giải quyết: 05 ngày làm việc. "
        "Cơ quan thực hiện: Công an cấp xã. "
        "Người dân theo dõi tiến độ bằng mã hồ sơ trên Cổng Dịch vụ công."
    )
    # "tien do" is "tiến độ" (progress) by its context, not "tiền" (money)
    asked = answering.best_sentence("muon xem tien do ho so thi lam cach nao", record)
    assert asked.startswith("Người dân theo dõi tiến độ")
    # "cơ quan giải quyết/tiếp nhận" is the record's "Cơ quan thực hiện"
    asked = answering.best_sentence("co quan giai quyet la so tu phap dung ko", record)
    assert asked.startswith("Cơ quan thực hiện")


def test_a_number_labelling_a_part_is_no_figure():
    # asked how long, "Mô-đun 2" and "Điều 8" label parts; the figure is the minutes
    text = "Mô-đun 2 đi theo Điều 8 của Nghị định. Thời lượng học khoảng 45 phút."
    assert answering.best_sentence("mo dun 2 hoc mat bao lau", text).startswith("Thời lượng")


def test_an_example_introduced_with_a_colon_is_not_how_it_is_done():
    # "Ví dụ ...:" is followed by the example's items, not by the steps asked for
    text = (
        "Ví dụ về lời nhắc yếu cần sửa: - thiếu vai trò; - thiếu người đọc. "
        "Với lời nhắc yếu, anh/chị sửa phần thiếu rồi thử lại."
    )
    assert answering.best_sentence("sua loi nhac yeu the nao", text).startswith("Với lời nhắc")


@pytest.mark.parametrize(
    "question, passage, answer",
    [
        # the place asked by its kind or by where to go: the office row, not the papers
        ("dang ky nhan con thi ra xa nao nop", "tthc-nhan-cha-me-con", "Cơ quan thực hiện"),
        ("giam ho cho em ruot thi lam o phuong nao", "tthc-giam-ho", "Cơ quan thực hiện"),
        ("xin giay phep xay nha thi len dau lam", "tthc-giay-phep-xay-dung", "Cơ quan thực hiện"),
        # who handles it, asked as a person: the office row
        ("to cao can bo phuong thi ai se giai quyet", "tthc-to-cao", "Cơ quan thực hiện"),
        ("khieu nai thi nguoi nao tiep nhan don", "tthc-khieu-nai", "Cơ quan thực hiện"),
        # the cost asked in everyday words: the fee row
        ("chung thuc chu ky co ton dong nao ko", "tthc-chung-thuc-chu-ky", "Phí, lệ phí"),
        ("sang ten dat cho con phai dong nhung khoan gi", "tthc-bien-dong-dat", "Phí, lệ phí"),
        # when the result can be collected: the processing time row
        ("chung thuc ban sao co lay lien dc ko", "tthc-chung-thuc-ban-sao", "Thời hạn giải quyết"),
    ],
)
def test_a_procedures_place_cost_and_time_asked_in_everyday_words(question, passage, answer):
    assert answering.best_sentence(question, by_id()[passage].text).startswith(answer)


def test_where_to_go_is_not_read_in_the_top_of_a_page():
    assert answering.focus("nop bai xong thi di dau xem diem").kind == "where"
    assert answering.focus("keo len dau trang bam nut gi").kind != "where"
    assert answering.focus("o dau tien phai chay lai nhieu lan ko").kind != "where"  # "ô đầu tiên"


def test_a_term_row_is_no_list_and_the_items_are():
    # "Hồ sơ lưu trữ: ..." names the term; the list asked for is the sentence with the items
    text = (
        "Hồ sơ lưu trữ: tập hợp văn bản về một việc do cán bộ thụ lý lập. Hồ sơ được nộp vào "
        "Lưu trữ cơ quan. Một hồ sơ lưu trữ thường có công văn đến, phiếu trình, bản thảo và "
        "văn bản đã ban hành."
    )
    assert answering.best_sentence("ho so luu tru co nhung gi", text).startswith("Một hồ sơ")


def test_a_close_second_sentence_saying_what_the_first_leaves_out_joins_it():
    sentences = [
        "Sổ theo dõi: nơi tập hợp mọi vụ việc đã nhận trong tuần của bộ phận.",
        "Cuối tuần, lập báo cáo từ sổ theo dõi.",
        "Mỗi vụ việc ghi một dòng gồm ngày nhận, lĩnh vực và người xử lý.",
    ]
    chosen = answering.best_sentence("so theo doi ghi vu viec the nao", " ".join(sentences))
    assert chosen == f"{sentences[0]} {sentences[2]}"
    # not a sentence that does not answer the kind asked: a part's label is no figure
    text = "Mô-đun 2 đi theo Điều 8 của Nghị định. Thời lượng học khoảng 45 phút."
    assert answering.best_sentence("mo dun 2 hoc mat bao lau", text).startswith("Thời lượng")


def test_a_section_heading_and_a_folded_function_word_answer_nothing():
    # "Tìm hiểu thêm (không bắt buộc)." is a heading: "bắt buộc" there is no rule on "bắt"
    lessons = {p.id: p.text for p in knowledge.load()}
    text = lessons["bai04-kiem-tra-tung-con-so"]
    chosen = answering.best_sentence("check_figures co bat dc ngay thang sai ko", text)
    assert not chosen.startswith("Tìm hiểu thêm")
    # "rồi" (already), typed "roi", is not "rời" (to leave)
    text = lessons["bai05-la-chan-bao-ve-du-lieu"]
    assert "rời khỏi" not in answering.best_sentence("la chan roi thi con can che ten ko", text)


def test_which_month_asks_when_and_another_documents_date_is_not_the_answer():
    assert answering.focus("luat 91 ap dung tu thang may nam nao").kind == "when"
    assert answering.focus("hop dong mua ban ky ngay may").kind == "when"
    assert answering.focus("nghi thai san dc may thang").kind == "figure"
    text = (
        "Quy chế này thay thế Quy chế số 12/2019/QĐ-UBND ngày 05 tháng 3 năm 2019 của Ủy ban. "
        "Quy chế này có hiệu lực kể từ ngày ký ban hành."
    )
    chosen = answering.best_sentence("quy che nay co hieu luc tu khi nao", text)
    assert chosen.startswith("Quy chế này có hiệu lực")
    # the date of the document asked about is the answer
    text = (
        "Quy chế được xây dựng theo đề nghị của Văn phòng. Quy chế số 12/2019/QĐ-UBND ngày 05 "
        "tháng 3 năm 2019 quy định việc tiếp công dân."
    )
    assert answering.best_sentence("quy che 12 ban hanh khi nao", text).startswith("Quy chế số")


def test_the_options_of_a_choice_are_its_content_words():
    assert answering.focus("cau do thi giu hay bo").options == ("giu", "bo")


def test_how_many_of_a_thing_asks_a_figure_counting_that_thing():
    assert answering.focus("luat 91 co may chuong").kind == "figure"
    assert answering.focus("phong thuc hanh co may tinh ko").kind != "figure"  # "máy tính"
    text = (
        "Bản nháp có đúng 3 gạch đầu dòng như lời nhắc yêu cầu. Một lời nhắc tốt nêu sáu thành "
        "phần, từ vai trò đến ràng buộc."
    )
    chosen = answering.best_sentence("loi nhac tot co may thanh phan", text)
    assert chosen.startswith("Một lời nhắc tốt")


def test_has_it_yet_is_a_yes_no_question():
    # "có ... chưa?" asks yes or no, as "có ... không?" does
    assert answering.focus("ban nhap co can cu roi thi co dung de trinh ky chua").kind == "rule"
    assert answering.focus("bao gio thi co ket qua").kind != "rule"


def test_an_item_of_a_checklist_answers_what_to_check():
    # "Label: ... không?" lists what to check; it is no heading that asks the question
    text = (
        "Trước khi gửi công văn, chuyên viên rà soát bản nháp theo danh sách sau. "
        "Chính tả, dấu câu: có lỗi gõ, thiếu dấu hay thừa khoảng trắng không? "
        "Nơi nhận: đã ghi đủ các đơn vị phối hợp chưa? "
        "Bản nháp đạt yêu cầu thì chuyển lãnh đạo phòng ký nháy."
    )
    assert not answering.quotes_question("Nơi nhận: đã ghi đủ các đơn vị phối hợp chưa?")
    chosen = answering.best_sentence("ra soat cong van co can xem loi chinh ta ko", text)
    assert chosen.startswith("Chính tả, dấu câu:")
    # a heading asking the question, or a quoted question, still asks it
    assert answering.quotes_question("Tra cứu ở đâu?")
    assert answering.quotes_question('Thử ngay: câu hỏi "Nộp hồ sơ ở đâu?" — đọc các đoạn dưới.')


def test_a_choice_is_read_with_its_closing_particles_and_a_yes_no_first_option():
    f = answering.focus("bien ban hop ghi tieng viet ko hay ghi tieng anh")
    assert f.options == ("ghi tieng viet", "ghi tieng anh")
    assert answering.focus("so dien thoai ghi lien hay cach nhau vay").options == (
        "lien",
        "cach nhau",
    )
    # "hay" meaning "often" is no choice
    assert answering.focus("vi sao may in hay ket giay a4").options == ()
    # the option named by its own word ("hoa" of "chữ hoa", written "in hoa")
    text = (
        "Biên bản họp ghi rõ thành phần, thời gian, địa điểm và nội dung đã thống nhất. "
        "Tên cuộc họp: ghi in hoa, đặt giữa trang, ngay dưới tên loại biên bản."
    )
    chosen = answering.best_sentence("ten cuoc hop ghi chu hoa hay chu thuong", text)
    assert chosen.startswith("Tên cuộc họp")


def test_a_last_sentence_introducing_a_missing_table_answers_nothing():
    # the table or code cell a passage's last sentence introduces is not in its text
    text = (
        "Danh sách cán bộ tiếp dân lưu trong tệp tiep-dan.xlsx, mỗi người một dòng. "
        "Muốn xem lịch trực từng ngày, mở sheet lich-truc trong cùng tệp đó. "
        "Lịch trực tiếp dân của tháng này, đọc từ tệp Excel bằng câu lệnh sau:"
    )
    chosen = answering.best_sentence("lich truc tiep dan xem o dau", text)
    assert chosen.startswith("Muốn xem lịch trực")


def test_a_step_asked_by_its_place_is_that_item_of_the_numbered_list():
    text = (
        "Tiếp nhận đơn thư của công dân đúng quy trình giúp trả lời đúng hạn. "
        "Quy trình tiếp nhận đơn thư tại Bộ phận Một cửa: 1. Kiểm tra đơn có đủ chữ ký, địa chỉ "
        "của người gửi. 2. Vào sổ theo dõi đơn thư, ghi ngày nhận. 3. Chuyển đơn cho công chức "
        "phụ trách lĩnh vực trong ngày. Đơn nặc danh thì không xử lý."
    )
    chosen = answering.best_sentence("tiep nhan don thu buoc 2 lam gi", text)
    assert "Vào sổ theo dõi đơn thư" in chosen and "Kiểm tra đơn" not in chosen
    chosen = answering.best_sentence("quy trinh tiep nhan don thu buoc dau tien la gi", text)
    assert "Kiểm tra đơn có đủ chữ ký" in chosen
    chosen = answering.best_sentence("tiep nhan don thu ket thuc bang buoc nao", text)
    assert "Chuyển đơn cho công chức" in chosen and "nặc danh" not in chosen
    # a list on something else is no answer
    assert "Vào sổ" not in answering.best_sentence("nop ho so dat dai buoc 2 la gi", text)


def test_a_passage_naming_steps_by_number_still_gives_the_numbered_item():
    # "làm nhanh bước 2-3" names steps; it does not label them ("Bước 3:")
    text = (
        "Cách rà soát bản nháp công văn: 1. Đọc lướt toàn bộ bản nháp. 2. Đối chiếu ngày, hạn, "
        "số lượng với đề bài. 3. Xóa câu trợ lý tự thêm. Công cụ so khớp giúp làm nhanh "
        "bước 2–3 với các con số."
    )
    chosen = answering.best_sentence("ra soat ban nhap cong van buoc 3 la gi", text)
    assert "Xóa câu trợ lý tự thêm" in chosen and "Đọc lướt" not in chosen


def test_an_intro_to_steps_answers_how_only_when_it_is_about_the_question():
    # "Trước khi gửi tin nhắn, kiểm tra:" introduces a checklist on something else
    text = (
        "Phường gửi tin nhắn nhắc lịch tiêm cho người dân đã đăng ký số điện thoại. "
        "Trước khi gửi tin nhắn, kiểm tra: "
        "1. Đủ họ tên người nhận. 2. Đúng ngày, giờ, địa điểm. "
        "Người dân báo không muốn nhận nữa thì xóa số của họ khỏi danh sách."
    )
    chosen = answering.best_sentence("dan bao ko muon nhan tin nhan nua thi xu ly sao", text)
    assert chosen.startswith("Người dân báo không muốn nhận")
    # an intro about the question still brings its steps
    text = (
        "Phòng họp trực tuyến của phường dùng phần mềm của tỉnh. "
        "Muốn mở phòng họp trực tuyến, anh/chị làm như sau: "
        "1. Đăng nhập bằng tài khoản công vụ. 2. Bấm Tạo phòng và gửi đường dẫn cho người dự."
    )
    chosen = answering.best_sentence("mo phong hop truc tuyen the nao", text)
    assert chosen.startswith("Muốn mở phòng họp") and "Đăng nhập" in chosen


def test_asked_what_a_term_is_the_sentence_defining_that_very_term():
    # not another term sharing its words ("sổ đi" beside "sổ đến"), even when first
    text = (
        "“Sổ công văn đi” là sổ ghi các công văn do phường gửi ra ngoài. "
        "“Sổ công văn đến” là sổ ghi các công văn phường nhận từ nơi khác. "
        "“Sổ theo dõi đơn thư” là sổ ghi từng đơn của công dân."
    )
    assert answering.best_sentence("so cong van den nghia la gi", text).startswith(
        "“Sổ công văn đến”"
    )
    # a qualifier after the term ("theo quy chế") still asks for it, not "lập hồ sơ ..."
    text = (
        "Lập biên bản là việc ghi lại diễn biến một cuộc họp theo mẫu của cơ quan. "
        "Biên bản là văn bản ghi lại sự việc đã diễn ra, có chữ ký của người ghi."
    )
    chosen = answering.best_sentence("bien ban theo quy che la cai gi", text)
    assert chosen.startswith("Biên bản là")
    # words after the term that are not where it is defined ask something else
    assert answering.focus("bien ban ky hieu la gi").asked_term == "bien ban ky hieu"
    assert not answering._defines_asked(
        answering.focus("bien ban ky hieu la gi"), "bien ban la van ban ghi lai su viec"
    )


def test_a_syllable_of_the_questions_word_inside_another_word_counts_little():
    # "con" and "dấu" of "con dấu" are also in "con số", "đánh dấu": the passage says
    # "con dấu", so a sentence holding them apart names something else
    text = (
        "Sổ tay công tác của phường ghi các việc cần làm trong tháng. "
        "Việc nào xong thì đánh dấu, con số việc còn lại ghi ở cuối trang. "
        "Con dấu của phường do văn thư giữ trong tủ có khóa."
    )
    chosen = answering.best_sentence("con dau cua phuong de o cho nao thi dung", text)
    assert chosen.startswith("Con dấu của phường")


def test_a_yes_no_question_without_co_and_words_read_as_question_words_only_when_they_ask():
    # "(còn) phải ... không?" asks yes or no, as "có phải ... không?" does
    text = (
        "Hồ sơ nộp trực tuyến được ký số bằng tài khoản định danh điện tử. "
        "Cách nộp: vào Cổng Dịch vụ công, chọn thủ tục, tải bản chụp giấy tờ lên. "
        "Đã nộp trực tuyến thì không phải nộp thêm bản giấy."
    )
    q = "nop truc tuyen roi thi con phai nop ban giay nua ko"
    assert answering.focus(q).kind == "rule"
    assert answering.best_sentence(q, text).startswith("Đã nộp trực tuyến")
    # "cách nhau" (apart) is what is asked about, not "cách" (how)
    assert "cach" in answering.focus("hai muc trong bien ban cach nhau ntn").words
    assert "cach" not in answering.focus("cach nop ho so truc tuyen").words
    # "đưa vào AI" is the tool, not "who"
    assert answering.focus("du lieu nao thi ko nen dua vao ai").kind != "who"
    assert answering.focus("ho so nay nop cho ai").kind == "who"


def test_which_year_is_answered_by_a_year_and_the_most_by_the_bound_stated():
    text = (
        "Phường xét khen thưởng cho tập thể, cá nhân có thành tích theo đề nghị của tổ dân phố. "
        "Căn cứ pháp lý: Luật Thi đua, khen thưởng 2022. "
        "Người đề nghị khen thưởng phải nộp báo cáo thành tích."
    )
    chosen = answering.best_sentence("khen thuong cua phuong theo luat nam nao", text)
    assert chosen.startswith("Căn cứ pháp lý")
    # asked the most ("tối đa"): "không quá", not the least ("trở lên")
    text = (
        "Tài liệu mượn của kho mà được giữ lâu từ 30 ngày trở lên thì phải gia hạn. "
        "Tài liệu mượn của kho chỉ được giữ không quá 15 ngày."
    )
    chosen = answering.best_sentence("muon tai lieu trong kho thi dc giu toi da bao lau", text)
    assert "không quá 15 ngày" in chosen


def test_a_condition_in_a_list_is_read_and_quoted_with_its_intro():
    # the items of "... khi:" open in lower case and continue their intro: the yes/no answer
    # is the item with what it is the condition for
    text = (
        "Sổ tay nghiệp vụ giúp tra cứu nhanh nhưng không thay thế ý kiến của lãnh đạo phòng. "
        "Anh/chị phải xin ý kiến lãnh đạo phòng khi: "
        "- việc vượt quá thẩm quyền được giao; "
        "- hồ sơ liên quan đến đất đai, tài sản của người dân có tranh chấp; "
        "- người dân khiếu nại về cách giải quyết."
    )
    q = "ho so dat dai cua dan dang tranh chap thi co can hoi y kien lanh dao ko"
    chosen = answering.best_sentence(q, text)
    assert chosen.startswith("Anh/chị phải xin ý kiến lãnh đạo phòng khi:")
    assert chosen.endswith("có tranh chấp") and "vượt quá" not in chosen


def test_on_a_system_is_a_place():
    # "lưu trên phần mềm" says where, as "lưu tại Văn thư" does
    text = (
        "Lưu biên bản giấy: bản gốc biên bản được lưu tại Văn thư, sắp xếp theo ngày họp. "
        "Lưu biên bản điện tử: bản gốc biên bản điện tử được lưu trên phần mềm quản lý văn bản "
        "của phường."
    )
    chosen = answering.best_sentence("bien ban dien tu thi ban goc luu o dau", text)
    assert chosen.startswith("Lưu biên bản điện tử")


def test_a_records_legal_basis_asked_by_the_kind_of_document():
    # "theo nghị định gì", "thông tư số mấy": the document is the focus, even when the
    # question names another field (the fee) as its topic
    text = (
        "Thủ tục: Cấp giấy xác nhận kiến thức an toàn thực phẩm. "
        "Hồ sơ gồm: Đơn đề nghị; Bản sao giấy tờ tùy thân. "
        "Phí, lệ phí: 30.000 đồng/lần. "
        "Cơ quan thực hiện: Chi cục An toàn vệ sinh thực phẩm. "
        "Căn cứ pháp lý: Luật An toàn thực phẩm 2010; Thông tư 67/2016/TT-BTC."
    )
    for q in (
        "le phi xac nhan kien thuc thu theo thong tu so may",
        "cap giay xac nhan kien thuc theo nghi dinh gi vay",
        "thong tu nao quy dinh phi xac nhan kien thuc",
    ):
        assert answering.best_sentence(q, text).startswith("Căn cứ pháp lý"), q
    # the fee asked alone is still the fee row
    assert answering.best_sentence("phi xac nhan kien thuc bao nhieu", text).startswith("Phí")


def test_the_step_after_one_done_is_the_next_item_of_an_introduced_list():
    text = (
        "Quy trình cấp phát đồ dùng văn phòng: 1. Nhận phiếu đề nghị của phòng. "
        "2. Kiểm tra tồn kho. 3. Xuất kho và ghi sổ cấp phát. 4. Báo cáo lãnh đạo cuối tháng."
    )
    for q, step in (
        ("kiem tra ton kho xong thi toi buoc gi", "3. Xuất kho"),
        ("nhan phieu de nghi roi thi lam gi tiep", "2. Kiểm tra tồn kho"),
        ("sau khi xuat kho thi buoc nao", "4. Báo cáo"),
    ):
        assert step in answering.best_sentence(q, text), q
    # the last step has no next; an article's numbered clauses are no sequence of steps
    assert "Báo cáo" in answering.best_sentence("bao cao lanh dao xong thi lam gi tiep", text)
    clauses = (
        "1. Phiếu đề nghị cấp phát được ghi vào sổ theo thứ tự nhận. "
        "2. Đồ dùng quý hiếm chỉ được cấp khi lãnh đạo phòng đồng ý."
    )
    chosen = answering.best_sentence("ghi phieu de nghi vao so xong thi toi buoc gi", clauses)
    assert chosen.startswith("Phiếu")


def test_whether_to_bring_something_asks_for_the_records_papers():
    # "có phải đem ... theo không": what to bring is the papers row, not the fee row's limit
    text = (
        "Thủ tục: Cấp giấy phép tổ chức hội chợ. "
        "Hồ sơ gồm: Đơn đề nghị; Bản chính sơ đồ gian hàng. "
        "Phí, lệ phí: 500.000 đồng/hồ sơ, tối đa không quá 2.000.000 đồng/năm."
    )
    for q in (
        "xin phep to chuc hoi cho co phai dem ban chinh theo ko",
        "to chuc hoi cho thi phai mang theo nhung gi",
        "xin phep hoi cho can dem ban chinh ko",
    ):
        assert answering.best_sentence(q, text).startswith("Hồ sơ gồm"), q


def test_function_words_naming_a_thing_are_the_questions_words():
    # "bản sao", "sao lục" name a copy: "sao" here does not ask why, "bản" is not "bạn"
    text = (
        "Công văn không có chữ viết tắt tên loại, chỉ ghi chữ viết tắt tên cơ quan. "
        "Giấy mời viết tắt GM, bản sao lục SL."
    )
    for q in ("ban sao luc viet tat chu gi", "sao luc thi chu viet tat la gi"):
        assert answering.best_sentence(q, text).startswith("Giấy mời"), q
    assert "sao" not in answering.focus("vi sao cong van ko co chu viet tat").words
