"""The study assistant: knowledge base current, grounded cited answers, no graded answers."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from aiwork import submissions
from aiwork.lookup.retriever import Hit
from aiwork.tutor import evaluation, feedback_log, knowledge
from aiwork.tutor.guard import graded_questions
from aiwork.tutor.tutor import NOT_COVERED, Tutor

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _log(tmp_path, monkeypatch):
    monkeypatch.setenv("AIWORK_TUTOR_LOG", str(tmp_path / "tutor-log.jsonl"))


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor()


def test_knowledge_base_is_current():
    assert knowledge.KB_PATH.read_text(encoding="utf-8") == knowledge.build_text(), (
        "run `aiwork tutor build` after changing lessons, glossary, FAQ or assignments"
    )


def test_knowledge_base_covers_every_lesson_and_no_solution():
    data = json.loads(knowledge.KB_PATH.read_text(encoding="utf-8"))
    lessons = {p["doc"] for p in data["passages"] if p["doc"].startswith("bai")}
    expected = {
        f"bai{p.parent.name[:2]}" for p in (REPO / "course").glob("[0-9][0-9]-*/bai-hoc.ipynb")
    }
    assert lessons == expected
    blob = json.dumps(data, ensure_ascii=False)
    assert "BEGIN SOLUTION" not in blob and "BEGIN HIDDEN TESTS" not in blob


def test_answers_with_citations_to_given_passages(tutor: Tutor):
    tutor.history.clear()
    answer = tutor.ask("lam sao nop bai")
    assert answer.kind == "answer"
    given = {p.id for p in answer.passages}
    assert answer.citations and {c.id for c in answer.citations} <= given
    assert "Nguồn:" in answer.render()


def test_says_plainly_when_not_covered_and_logs_without_personal_data(tutor: Tutor, tmp_path):
    tutor.history.clear()
    answer = tutor.ask("Giá vàng hôm nay bao nhiêu? Gọi tôi số 0905 123 456")
    assert answer.kind == "not_covered" and answer.text == NOT_COVERED and not answer.citations
    logged = feedback_log.read(tmp_path / "tutor-log.jsonl")
    assert logged[-1]["event"] == "unanswered"
    assert "0905" not in logged[-1]["question"] and "[SDT_1]" in logged[-1]["question"]


def test_follow_up_keeps_context(tutor: Tutor):
    tutor.history.clear()
    tutor.ask("Nhiệt độ temperature là gì?")
    follow = tutor.ask("còn few-shot thì sao?")
    assert follow.kind == "answer"
    assert any("vi-du-mau" in p.id for p in follow.passages)


def test_rating_is_logged(tutor: Tutor, tmp_path):
    tutor.history.clear()
    answer = tutor.ask("Ảo giác là gì?")
    tutor.rate(answer, good=False, comment="chưa rõ")
    entry = feedback_log.read(tmp_path / "tutor-log.jsonl")[-1]
    assert entry["event"] == "rating" and entry["rating"] == "chua_tot"
    assert entry["citations"] == [c.id for c in answer.citations]


def test_empty_question_is_refused_in_vietnamese(tutor: Tutor):
    with pytest.raises(ValueError, match="chưa nhập"):
        tutor.ask("   ")


def _solutions() -> list[tuple[str, str, str]]:
    """(assignment, answer cell, solution text) of every graded answer cell."""
    out = []
    for path in sorted((REPO / "assignments" / "source").glob("*/*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                out.append(
                    (path.parent.name, meta["grade_id"], submissions.strip_markers(cell.source))
                )
    return out


GRADED = graded_questions(REPO / "assignments" / "source")


@pytest.mark.parametrize("graded", GRADED, ids=lambda g: f"{g.assignment}/{g.cell}")
def test_graded_exercise_gets_a_hint_never_the_solution(tutor: Tutor, graded):
    solution = next(s for a, c, s in _solutions() if a == graded.assignment and c == graded.cell)
    # Learners paste the statement (or its last paragraph) and ask for the answer.
    last_paragraph = [p for p in graded.text.split("\n\n") if p.strip()][-1]
    for question in (graded.text, f"Giải giúp tôi: {last_paragraph}"):
        tutor.history.clear()
        answer = tutor.ask(question)
        assert answer.kind == "hint", question[:80]
        for line in solution.splitlines():
            line = line.strip()
            if len(line) > 12:
                assert line not in answer.render()


def test_asking_for_an_answer_key_gets_a_hint(tutor: Tutor):
    tutor.history.clear()
    assert tutor.ask("đáp án câu 4a bài tập mô-đun 1 là gì").kind == "hint"


@pytest.mark.parametrize(
    "question",
    [
        "tra_loi_4b bai m03 ghi sao cho dung, viet giup em",  # the name and the exercise
        "cau_sai_3 dien nhung so nao vay",  # a numbered answer name alone
        "con_lo_2b thi ghi gi a",
        "m06 don_da_che ghi the nao cho du diem",  # a lesson's name too, beside its exercise
    ],
)
def test_naming_an_answer_cell_by_its_variable_gets_a_hint(tutor: Tutor, question: str):
    """Learners name a graded item by the variable its answer cell assigns, as their copy
    shows it (the ninth held-out set's two misses were of this kind)."""
    tutor.history.clear()
    assert tutor.ask(question).kind == "hint"


@pytest.mark.parametrize(
    "question",
    [
        "bai tap m04 lam san giup em roi em chep vao",  # the code first, then the request
        "cho em xin ban mau bai m05 de nop a",  # the request first
        "m02 viet giup minh ban hoan chinh nhe",
    ],
)
def test_asking_for_a_model_answer_to_an_exercise_gets_a_hint(tutor: Tutor, question: str):
    """The tenth held-out set's unhinted question asked for "câu trả lời mẫu để nộp" of an
    exercise without naming its item."""
    tutor.history.clear()
    assert tutor.ask(question).kind == "hint"


@pytest.mark.parametrize(
    "question",
    ["bai tap m03 nop nhu the nao", "lam bai m01 mat khoang bao lau", "loi nhac mau la gi"],
)
def test_asking_about_an_exercise_is_not_asking_for_its_answer(tutor: Tutor, question: str):
    tutor.history.clear()
    assert tutor.ask(question).kind != "hint"


def test_a_lesson_variable_alone_is_no_exercise_item(tutor: Tutor):
    # "don_da_che" is also the module 6 lesson's variable: asked without an exercise's code,
    # the lesson answers.
    tutor.history.clear()
    assert tutor.ask("trong bai hoc mo dun 6 bien don_da_che la gi").kind != "hint"


def test_every_answer_cell_is_known_to_the_guard():
    """Answer cells that follow one another under one question ("cau_2a" then "cau_2b") were
    skipped (no statement of their own), so naming them got the answer: the eleventh held-out
    set's "doan_chon_2b" and "cau_1c"."""
    cells = {
        (path.parent.name, cell.metadata["nbgrader"]["grade_id"])
        for path in sorted((REPO / "assignments" / "source").glob("*/*.ipynb"))
        for cell in nbformat.read(str(path), as_version=4).cells
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    assert cells == {(g.assignment, g.cell) for g in GRADED}


@pytest.mark.parametrize(
    "question",
    [
        "cau_1b m04 thi ghi bao nhieu phan tram",  # a second answer cell of one question
        "bai m03 doan_chon_2b chon ma nao",
        "m05 cau bon phan c chon gi vay",  # the item's number in words
        "bai tap m02 cau hai ghi the nao",
        "m01 ghi san giup em loi nhac de nop",  # "ghi sẵn", "điền giúp": a finished answer
        "bai m04 dien giup em may o con thieu",
    ],
)
def test_items_named_in_other_ways_get_a_hint(tutor: Tutor, question: str):
    tutor.history.clear()
    assert tutor.ask(question).kind == "hint"


def test_answer_names_are_read_outside_the_solution_block():
    names = {n for g in GRADED for n in g.names}
    assert {"doan_chon_2a", "tra_loi_4a", "cong_van"} <= names
    for g in GRADED:  # nothing from inside a solution: every name is assigned in the release
        assert all(n.isidentifier() for n in g.names)


# The tuning set's figures (questions typed without diacritics answered right; citations
# correct): floors that fail if an improvement regresses.
# The fifth to eleventh held-out sets joined the tuning set after their one measurement
# (68/120, 69/120, 66/120, 59/120, 71/120, 87/120, 75/120), hence the lower citation share than the earlier sets alone
# (0.96).
TUNING_PLAIN_RIGHT = 882
TUNING_CITATIONS = 0.85
TUNING_NEAR_DECLINED = 56  # of the 67 near-domain off-topic probes
# Far from the domain, every one is declined (the eleventh set's question on fishing bait,
# "câu cá rô đồng thì dùng mồi gì", too: its one course pair "dùng mồi" is "nội dung mới" read
# across two words, Tutor._side_by_side).
FAR_ANSWERED: set[str] = set()


def test_benchmark_targets():
    result = evaluation.evaluate()
    assert result.n_covered >= 40
    assert result.recall_at_k >= evaluation.TARGET_RECALL, result.misses
    assert result.citations_correct >= TUNING_CITATIONS, result.bad_citations
    # every off-topic question declined but those near the course's domain (another
    # procedure or figure): a floor for them
    near = {q["q"] for q in evaluation.load_questions() if q.get("near")}
    assert not [q for q in result.not_declined if q not in near | FAR_ANSWERED], result.not_declined
    assert round(result.near_declined * result.n_near) >= TUNING_NEAR_DECLINED
    assert result.graded_hinted == 1.0, result.not_hinted
    # issue 22: answers state the key fact (tuning set; the held-out set is the benchmark's).
    # The tuning set holds the eleven measured held-out sets: a regression floor, raised as the
    # tutor improves (the target is read on the held-out set).
    assert result.n_plain >= 1090
    right = round(result.plain_right * result.n_plain)
    assert right >= TUNING_PLAIN_RIGHT, (right, result.wrong_answers)


def test_question_sets_are_labelled_completely():
    """Every covered question names its passages (ids that exist); questions typed without
    diacritics carry a key fact; the held-out set has off-topic and answer-seeking ones."""
    known = {p.id for p in knowledge.load()}
    total_plain = 0
    for name, path in evaluation.SETS.items():
        if not path.exists():  # between two held-out sets (the last one joined the tuning set)
            assert name == "held-out"
            continue
        questions = evaluation.load_questions(path)
        for q in questions:
            if q.get("covered", True) and not q.get("graded"):
                assert q["ids"] and set(q["ids"]) <= known, (name, q)
                if evaluation.typed_without_diacritics(q["q"]) and "key" in q:
                    total_plain += 1
        assert any(not q.get("covered", True) for q in questions), name
        assert any(q.get("graded") for q in questions), name
    assert total_plain >= 60


def test_key_facts_are_in_the_expected_passages():
    """A key fact is only fair if a passage named for the question states it: every keyed
    question of both sets has one of its keys in the text of one of its passages."""
    passages = {p.id: p for p in knowledge.load()}
    for name, path in evaluation.SETS.items():
        if not path.exists():
            continue
        for q in evaluation.load_questions(path):
            if "key" in q:
                texts = [passages[i].text for i in q["ids"]]
                assert any(evaluation.states(t, q["key"]) for t in texts), (name, q["q"])


@pytest.mark.parametrize(
    "question, asked, not_asked",
    [
        # issue 22: the sentence that answers, not the passage's first one
        ("le trai bao nhieu mm", "30 đến 35 mm", None),
        ("ao giac la gi", "không có thật", None),
        ("tieu ngu la gi", "Độc lập - Tự do - Hạnh phúc", None),
        ("co duoc dan so cccd cua nguoi dan vao chatgpt khong", "Không", None),
        ("kho giay van ban hanh chinh la gi", "A4", None),
        # the procedure named, not another one sharing "nộp hồ sơ" (Tutor._on_topic)
        ("khai tu nop ho so o dau", "UBND xã", None),
        # not from the exercise that quotes the question (Tutor._answering)
        ("nguoi nha mat bao lau phai di khai tu", "15 ngày", None),
        # the procedure named ("xác nhận"), not marriage registration beside it
        ("xin giay xac nhan doc than mat may ngay", "03 ngày làm việc", None),
        # asked what a term is: the glossary entry whose head names it (Tutor._defining)
        ("chatbot la cai gi vay", "Ứng dụng trò chuyện", None),
        # the course's "giữ bí mật" for the learner's "giữ kín" (synonyms.yaml; was declined)
        ("giu kin ten nguoi to cao ko", "giữ bí mật", None),
        # an official's abbreviation (synonyms.yaml's texting table)
        ("xin giay chung nhan attp thi can tap huan ko", "tập huấn", None),
        # "photo công chứng" is what everybody calls the course's "chứng thực bản sao"
        ("ban photo cong chung mat bao nhieu tien 1 trang", "2.000 đồng", None),
    ],
)
def test_the_answer_states_what_was_asked(tutor: Tutor, question, asked, not_asked):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer" and asked in answer.text, answer.text
    assert len(answer.text.strip()) > 20  # never a lone "(" (issue 22)


def test_glossary_titles_are_not_doubled():
    # "Trí tuệ nhân tạo (AI) (AI)", "Ảo giác (hallucination) (hallucination)" (issue 18)
    for p in knowledge.glossary_entries():
        head = p.text.split(":", 1)[0]
        parts = [x.strip(" )") for x in head.split("(")[1:]]
        assert len(parts) == len(set(parts)), head


@pytest.mark.parametrize(
    "question", ["lấy bài tập ở đâu", "làm sao nộp bài", "xem điểm ở đâu", "ảo giác là gì"]
)
def test_answer_text_never_quotes_the_passage_source_note(tutor: Tutor, question: str):
    # the "(Nguồn: …; nguyên văn)" note of a passage line is provenance, not content (issue 18)
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer"
    assert "(Nguồn:" not in answer.text and "nguyên văn)" not in answer.text


def test_table_header_is_no_sentence_and_rows_name_their_columns():
    headers: list[str] = []
    text = knowledge._plain(
        "| Làm tốt | Không làm được |\n|---|---|\n| Soạn nháp | Chịu trách nhiệm |\n\n"
        "| Bước | Việc | Công cụ |\n|---|---|---|\n| 2 | Che dữ liệu | redact |",
        headers,
    )
    assert text == (
        "Làm tốt: Soạn nháp; Không làm được: Chịu trách nhiệm. Bước 2: Che dữ liệu; redact."
    )
    assert "Việc" in headers  # searched, not quoted


@pytest.mark.parametrize(
    "question", ["ket qua bong da toi qua", "gia vang hom nay", "lich chieu phim cuoi tuan"]
)
def test_off_topic_with_a_word_the_course_never_uses_is_declined(tutor: Tutor, question):
    tutor.history.clear()
    assert tutor.ask(question).kind == "not_covered"


def test_texting_shorthand_does_not_decline_a_covered_question(tutor: Tutor):
    tutor.history.clear()
    answer = tutor.ask("le trai cach mep bn mm vay ad")
    assert answer.kind == "answer" and "30 đến 35" in answer.text, answer.text


def test_passages_off_the_questions_topic_are_not_given(tutor: Tutor):
    """A passage holding much less of the question's topic (IDF-weighted terms) than another
    found is not given to the model: "khai tử" weighs more than "nộp hồ sơ"."""
    terms = tutor.topic_terms("khai tu nop ho so o dau")
    assert terms["khai_tu"] > terms.get("ho_so", 0) and "o" not in terms
    passages = {p.id: p for p in tutor.passages}
    hits = [
        Hit(passages[i], 1.0, rank)
        for rank, i in enumerate(["tthc-khai-tu", "tthc-tro-cap-that-nghiep"], 1)
    ]
    kept = [h.passage.id for h in tutor._on_topic("khai tu nop ho so o dau", hits)]
    assert kept == ["tthc-khai-tu"]


@pytest.mark.parametrize(
    "question, title, names",
    [
        ("khai tu nop ho so o dau", "Đăng ký khai tử", True),
        ("dang ky xe may o dau", "Đăng ký, cấp biển số xe mô tô, xe gắn máy", True),
        ("xin giay xac nhan doc than mat may ngay", "Cấp Giấy xác nhận tình trạng hôn nhân", True),
        ("tu may tuoi phai lam the can cuoc", "Cấp, cấp đổi thẻ căn cước", True),
        # another procedure sharing a syllable ("hộ"), a document kind ("giấy chứng nhận")
        (
            "thu tuc lam ho chieu can giay to gi",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
            False,
        ),
        (
            "cap giay chung nhan phong chay chua chay mat bao lau",
            "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            False,
        ),
        (
            "thu tuc ly hon thuan tinh nop ho so o dau",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            False,
        ),
    ],
)
def test_a_procedure_record_answers_only_the_procedure_named(tutor: Tutor, question, title, names):
    assert tutor._names(question, title) is names


@pytest.mark.parametrize(
    "question, record, english",
    [
        ("ao giac tieng anh la gi", "tu-dien-ao-giac", "hallucination"),
        ("che thong tin tieng anh goi la gi", "tu-dien-an-danh-hoa", "redact"),
    ],
)
def test_a_terms_english_name_is_answered_from_the_glossary_entry_giving_it(
    tutor: Tutor, question, record, english
):
    # the term asked is "ảo giác", not "ảo giác tiếng Anh" (whose pair "tiếng Anh" no passage
    # writes: declined); "Che thông tin (ẩn danh hóa) (redact):" gives two names in brackets
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert [c.id for c in answer.citations] == [record]
    assert english in answer.text


def test_an_english_name_is_asked_only_of_a_glossary_entry_giving_one(tutor: Tutor):
    # the course gives "căn cước" no English name: the procedure's record does not answer
    tutor.history.clear()
    assert tutor.ask("can cuoc cong dan tieng anh la gi").kind == "not_covered"


@pytest.mark.parametrize(
    "question, record",
    [
        ("dang ky thuong tru o nha thue thi can giay gi chung minh", "tthc-thuong-tru"),
        ("thuong tru thi nop giay o cong an hay ubnd", "tthc-thuong-tru"),
        ("khai sinh ma tre han thi le phi tinh sao", "tthc-khai-sinh"),
        ("nguoi lam chung viet giay thay giay chung sinh khi khai sinh dc ko", "tthc-khai-sinh"),
    ],
)
def test_a_procedure_named_by_its_whole_short_name_answers_a_case_its_record_states(
    tutor: Tutor, question, record
):
    # "khai sinh", "thường trú" are also in the joint procedure's title ("Liên thông đăng ký
    # khai sinh, đăng ký thường trú, ..."): named by no pair alone, the case words (thuê,
    # trễ hạn, người làm chứng) outweighed them (all four were declined)
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert record in [c.id for c in answer.citations]


@pytest.mark.parametrize(
    "question",
    [
        # a variant of the procedure is another procedure
        "xoa dang ky thuong tru khi chuyen di noi khac can giay gi",
        "dang ky thuong tru cho nguoi nuoc ngoai o dau",
        # a case the record does not speak of
        "dang ky khai sinh bi cham thi bi xu phat hanh chinh bao nhieu tien",
        # ... but for its field names ("Thủ tục:" is no "thu hồi": "sổ hộ khẩu" is the
        # residence registration's, aiwork/data/tutor/synonyms.yaml)
        "ho khau giay bi thu het roi thi chung minh cu tru bang gi",
    ],
)
def test_a_procedures_short_name_does_not_answer_another_case(tutor: Tutor, question):
    tutor.history.clear()
    assert tutor.ask(question).kind == "not_covered"


@pytest.mark.parametrize(
    "question",
    [
        "muc phat khi khong doi mu bao hiem",
        "vai tro cua omega 3 la gi",
        # a thing of a word the course never uses is that word's
        "muc dich cua yoga la gi",
        "vai tro cua canxi voi tre em",
    ],
)
def test_one_pair_of_two_found_does_not_cover_a_word_the_course_never_uses(tutor: Tutor, question):
    """ "mũ bảo hiểm" shares "bảo hiểm" with the course, "kẽm" nothing: one pair of two found
    beside a word the course never uses is a coincidence, not the topic."""
    tutor.history.clear()
    assert tutor.ask(question).kind == "not_covered"


def test_a_pair_the_course_writes_only_across_two_words_is_no_term_found(tutor: Tutor):
    """ "dùng mồi" is in the course only inside "nội dung mới": a fishing question whose one
    course pair it is was answered from that lesson."""
    tutor.history.clear()
    assert tutor.ask("cau ca ro dong dung moi gi").kind == "not_covered"
    assert "dung_moi" in tutor._side_by_side
    assert not {"noi_dung", "van_ban", "ho_so", "cham_tron"} & tutor._side_by_side


def test_initials_of_words_a_passage_writes_are_its_term(tutor: Tutor):
    """ "bdhvs" is no word of the course, but the initials of "bình dân học vụ số": a plan's
    passage writing it answers; a thing "của bdhvs" is the plan's."""
    for question, passage in [
        ("ke hoach bdhvs cua tinh giao cho so nao lam", "bdhvs-tinh-ke-hoach"),
        ("muc tieu cua bdhvs la gi", "bdhvs-tinh-muc-tieu"),
    ]:
        tutor.history.clear()
        answer = tutor.ask(question)
        assert answer.kind == "answer" and passage in {c.id for c in answer.citations}, question
    # on a procedure's record only for a case the record states
    tutor.history.clear()
    assert tutor.ask("cong ty tnhh phai quyet toan thue tncn luc nao").kind == "not_covered"


def test_a_pair_joining_the_act_to_a_word_does_not_name_a_procedure(tutor: Tutor):
    """ "cấp thẻ" is rare among the procedures' titles ("cấp thẻ bảo hiểm y tế"), yet a lawyer's
    card is no health-insurance card: what follows "cấp" names the procedure."""
    tutor.history.clear()
    assert tutor.ask("cap the luat su o dau").kind == "not_covered"
    tutor.history.clear()
    answer = tutor.ask("xin cap lai the can cuoc bi mat thi mat bao lau")
    assert answer.kind == "answer" and "tthc-can-cuoc" in {c.id for c in answer.citations}


@pytest.mark.parametrize(
    "question",
    [
        "thu tuc lam ho chieu can giay to gi",
        "dang ky nghia vu quan su o dau",
        "thu tuc nhap hoc lop 1 can giay to gi",
        "giam tru gia canh thue thu nhap ca nhan bao nhieu",
    ],
)
def test_other_procedures_are_not_answered_from_the_nearest_one(tutor: Tutor, question):
    tutor.history.clear()
    assert tutor.ask(question).kind == "not_covered"


def test_a_question_naming_a_thing_by_its_everyday_name_is_covered(tutor: Tutor):
    # "kích thước giấy" is the course's "khổ giấy" (aiwork/data/tutor/synonyms.yaml)
    tutor.history.clear()
    assert tutor.ask("kich thuoc giay in van ban hanh chinh").kind == "answer"


def test_a_word_pair_across_a_linking_word_is_not_asked_of_the_passage(tutor: Tutor):
    # "trong dòng" (two words side by side, never written by the course) is not a topic the
    # passages lack; the question is the Decree 30 lesson's (was declined)
    tutor.history.clear()
    answer = tutor.ask("chu trong dong can cu cua quyet dinh in nghieng a")
    assert answer.kind == "answer", answer.text
    assert "chữ nghiêng" in answer.text


@pytest.mark.parametrize(
    "question, found",
    [
        ("tinh tong theo tung xa dung ham gi", "bai04-tu-tinh-so-lieu"),
        ("ban du thao do ai ky duyet", "nd30-d11-d12"),
    ],
)
def test_a_question_in_course_words_is_not_asked_pairs_the_course_never_writes(
    tutor: Tutor, question, found
):
    # every word is a course word and most are found: "theo từng", "tổng theo", "do ai" are
    # words side by side, not topics the passage lacks (both were declined)
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert found in [p.id for p in answer.passages]
    # ... but half the pairs the course writes must be found: not an archive rule for this
    tutor.history.clear()
    assert tutor.ask("cong chuc nghi viec co duoc tro cap thoi viec ko").kind == "not_covered"


def test_every_term_of_a_question_found_asks_fewer_of_its_everyday_words(tutor: Tutor):
    # "tự kiểm tra" ("tu kiem", "kiem tra") found, "hiện hết xanh rồi nộp chắc ăn điểm" the
    # learner's words: 0.6 of the words are enough, not 0.75 (was declined)
    tutor.history.clear()
    answer = tutor.ask("tu kiem tra hien het xanh roi nop chac an diem ko")
    assert answer.kind == "answer", answer.text
    assert "bai00-tu-kiem-tra" in [c.id for c in answer.citations]


def test_a_glossary_entry_answers_what_a_term_is_not_all_about_it(tutor: Tutor):
    # the glossary only defines "dữ liệu cá nhân": a figure asked about it is not answered there
    tutor.history.clear()
    asked = [
        h.passage.id for h in tutor.search("luat 91 phat bao nhieu neu lam lo du lieu ca nhan")
    ]
    assert "tu-dien-du-lieu-ca-nhan" not in asked, asked
    defined = [h.passage.id for h in tutor.search("du lieu ca nhan la gi")]
    assert "tu-dien-du-lieu-ca-nhan" in defined, defined


def test_a_follow_up_keeps_the_previous_questions_procedure(tutor: Tutor):
    # "còn" opens a follow-up; it is not "con" (a child) naming "Đăng ký nhận cha, mẹ, con"
    tutor.history.clear()
    tutor.ask("dang ky khai sinh nop o dau")
    answer = tutor.ask("con le phi thi sao")
    assert [p.id for p in answer.passages][:1] == ["tthc-khai-sinh"], answer.text
    assert "Miễn lệ phí" in answer.text


@pytest.mark.parametrize(
    "question, found",
    [
        ("sang ten so do o dau", "tthc-bien-dong-dat"),
        ("xin cap so hong o dau", "tthc-gcn-lan-dau"),
        # texting shorthand in a question typed without diacritics: written out without them
        # too ("ko" -> "khong"), else the search read "không" and nothing else of it
        ("chung thuc chu ky thi co can ky truoc mat can bo ko", "tthc-chung-thuc-chu-ky"),
        ("dang ky ket hon can giay to j", "tthc-ket-hon"),
        # typed without diacritics but a word or two (a phone's autocorrect): searched folded
        ("chung thuc chu ky thi có can ky truoc mat can bo không", "tthc-chung-thuc-chu-ky"),
        ("dang ky ket hon can giay to gì", "tthc-ket-hon"),
        # officials' abbreviations (synonyms.yaml's texting table)
        ("giay chung nhan attp do co quan nao cap", "tthc-an-toan-thuc-pham"),
        ("gplx het han thi doi o dau", "tthc-doi-gplx"),
        ("gv cham bai xong thi xem diem o dau", "hoi-dap-diem-bai"),
        # everyday computer words for the course's ("cửa sổ chat" is its "bảng trò chuyện")
        ("cua so chat hien ten mo hinh ko", "bai01-tro-chuyen-voi-tro-ly"),
        # "một cửa": both syllables are function words to the search; named by its office
        ("ho so nop o mot cua bi thieu giay thi sao", "tthc-mot-cua"),
    ],
)
def test_the_search_reads_everyday_names_in_the_courses_words(tutor: Tutor, question, found):
    tutor.history.clear()
    assert tutor.search(question)[0].passage.id == found


@pytest.mark.parametrize(
    "question, assignment",
    [
        # issue 22, fifth held-out set: an exercise's item named without "đáp án"
        ("cau 1a bai m04 xa nao co ty le truc tuyen thap nhat thang 10 vay", "m04-bao-cao"),
        ("bai m05 cau 4b chon phuong an nao moi dung", "m05-an-toan"),
        ("viet san giup minh loi nhac cau 1 bai m01 voi", "m01-loi-nhac"),
        ("m06 buoc 6 bao cao tuan viet mau giup minh de nop", "m06-tinh-huong"),
        ("câu 2 bài tập mô-đun 3 làm thế nào", "m03-tra-cuu"),
    ],
)
def test_a_question_naming_an_exercise_item_gets_a_hint(tutor: Tutor, question, assignment):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "hint", answer.text
    assert assignment in answer.text


@pytest.mark.parametrize("question", ["mo dun 3 buoc 2 la gi", "bước 2 của bài 5 là gì"])
def test_a_lesson_step_is_not_an_exercise_item(tutor: Tutor, question):
    tutor.history.clear()
    assert tutor.ask(question).kind != "hint"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # "nữa" ("any more") is how the question asks; the course never writes it, so it made
        # the question read as one about something else (half its word pairs asked, not 0.3)
        ("luu bai roi co can bam ctrl s nua ko", "bai00-luu-bai"),
        ("bam ctrl s roi con cach luu bai nao nua", "bai00-luu-bai"),
        # folded "tử" is a function word for the search ("từ"), so "khai tử" left only "khai"
        # and the case details ("ông nội", "mất") to name the procedure
        ("ong noi mat thi khai tu o dau", "tthc-khai-tu"),
        ("khai tu cho ba noi can giay gi", "tthc-khai-tu"),
        # a pair between two found ones is the question's words read across them: "dung công"
        # in "nội dung công văn"; "nhắc dùng", "sau dùng" beside "lời nhắc", "dùng lại", "lần
        # sau" (with "cất", no course word, half the pairs are asked)
        (
            "nho ai viet noi dung cong van thi dan no viet may doan",
            "bai02-tai-co-quan-soan-van-ban",
        ),
        (
            "loi nhac dung tot roi thi cat vao dau de lan sau dung lai",
            "bai01-tai-co-quan-lam-viec-nay",
        ),
        ("loi nhac hay thi cat o dau de lan sau xai lai", "bai01-tai-co-quan-lam-viec-nay"),
        # abbreviations with one reading that the course spells out (synonyms.yaml's texting
        # table): unknown words before, so the question read as one about something else
        ("bvdlcn co ap dung cho nguoi nuoc ngoai ko", "luat91-d1-k2"),
        ("xin lltp thi nop o dau", "tthc-ly-lich-tu-phap"),
        ("cap gcn qsdd lan dau mat bao lau", "tthc-gcn-lan-dau"),
        ("dang ky hkd can giay to gi", "tthc-ho-kinh-doanh"),
    ],
)
def test_a_covered_question_is_not_declined_for_how_its_words_pair(tutor: Tutor, question, found):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert [p.id for p in answer.passages][:1] == [found]


def test_a_legal_text_is_named_as_learners_name_it():
    assert knowledge.source_names("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15") == (
        "Luật Bảo vệ dữ liệu cá nhân; Luật 91"
    )
    assert knowledge.source_names("Nghị định 30/2020/NĐ-CP về công tác văn thư") == (
        "NĐ30; NĐ 30; Nghị định 30"
    )
    assert (
        knowledge.source_names("Kế hoạch 01-KH/BCĐTW ngày 21/3/2025") == "KH01; KH 01; Kế hoạch 01"
    )
    assert knowledge.source_names("Từ điển thuật ngữ của khóa học") == ""


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # the passages of a legal text are searched with the text's names: a question naming
        # it ("luật 91", "nđ 30") finds its articles, not another text's or the glossary's
        ("luat 91 dieu 1 noi gi", "luat91-d1-k1"),
        ("nguoi nuoc ngoai o vn co phai theo luat 91 ko", "luat91-d1-k2"),
        ("nd 30 dieu 36 noi ve tien cho cong tac van thu the nao", "nd30-d36"),
    ],
)
def test_a_question_naming_a_legal_text_is_answered_from_it(tutor: Tutor, question, found):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert found in [c.id for c in answer.citations], answer.render()


def test_one_found_pair_is_no_reading_of_the_question(tutor: Tutor):
    # "công chức" alone: not an archive rule ("thôi việc") for severance pay ("trợ cấp")
    tutor.history.clear()
    assert tutor.ask("cong chuc nghi viec co duoc tro cap thoi viec ko").kind == "not_covered"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # a term Decree 30 defines ("“Bản thảo văn bản” là ..."), asked by its everyday name
        ("ban thao theo nd30 hieu la gi", "nd30-d3-k5-k9"),
        ("van thu co quan nghia la gi", "nd30-d3-k13-k17"),
        ("the nao la van ban hanh chinh", "nd30-d3-k1-k4"),
    ],
)
def test_a_term_asked_to_be_defined_is_answered_from_its_definition(tutor: Tutor, question, found):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert [c.id for c in answer.citations] == [found], answer.render()


def test_only_a_term_named_exactly_is_read_as_defined(tutor: Tutor):
    assert tutor.asked_term("cho em hoi the nao la ban sao luc") == "ban sao luc"
    assert tutor.asked_term("theo nd30 thi van ban den la gi vay") == "van ban den"
    assert tutor.defined("llm la gi") == ("tu-dien-llm",)  # a glossary head's alias
    # a longer term is another thing, even if the course defines its first words
    assert tutor.defined("van ban quy pham phap luat la gi") == ()
    assert tutor.defined("ban sao luc co gia tri nhu ban chinh ko") == ()


@pytest.mark.parametrize(
    "question",
    ["ho so benh an la gi", "van hoa cong so la gi", "the tin dung la gi", "la chan nhiet la gi"],
)
def test_a_term_the_course_never_writes_whole_is_not_defined_from_its_parts(tutor: Tutor, question):
    # "hồ sơ" and "bệnh", "lá chắn" and "nhiệt (độ)" are course words; the terms are not
    tutor.history.clear()
    assert tutor.ask(question).kind == "not_covered"


@pytest.mark.parametrize(
    "question", ["danh muc ho so la cai gi vay", "ao giac cua chatbot la sao", "so den la gi"]
)
def test_a_term_the_course_writes_is_still_defined(tutor: Tutor, question):
    tutor.history.clear()
    assert tutor.ask(question).kind == "answer"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # "luật nào", "căn cứ", "bản chính hay bản chụp" ask a field of any procedure's record
        # ("Căn cứ pháp lý: ..."): they do not name another procedure
        ("dang ky xe may theo luat nao vay", "tthc-dang-ky-xe"),
        ("dang ky tam tru can cu phap ly la gi", "tthc-tam-tru"),
    ],
)
def test_a_field_of_a_procedure_asked_in_other_words_is_answered(tutor: Tutor, question, found):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert answer.kind == "answer", answer.text
    assert found in [c.id for c in answer.citations], answer.render()
    # the procedure's name is still needed
    tutor.history.clear()
    assert tutor.ask("dang ky nghia vu quan su can cu luat nao").kind == "not_covered"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # a table row headed by what is asked ("Định dạng: ...; ...", "Kế hoạch: ...; ...")
        ("phan dinh dang trong loi nhac ghi ra sao", "bai01-sau-thanh-phan-cua-mot-loi"),
        ("ke hoach can neu nhung noi dung nao", "bai02-chon-loai-van-ban-nao"),
    ],
)
def test_a_table_row_headed_by_what_is_asked_ranks_first(tutor: Tutor, question, found):
    tutor.history.clear()
    assert tutor.search(question)[0].passage.id == found


def test_who_a_term_names_is_asked_as_its_definition(tutor: Tutor):
    # "X là ai" asks what X is: answered from X's definition, declined for an X never written
    tutor.history.clear()
    answer = tutor.ask("van thu co quan la ai")
    assert [c.id for c in answer.citations] == ["nd30-d3-k13-k17"], answer.render()
    tutor.history.clear()
    assert tutor.ask("chu tich nuoc la ai").kind == "not_covered"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # two terms a passage defines, compared: that passage ("văn bản" is no third term)
        ("van ban di va van ban den khac nhau the nao", "nd30-d3-k5-k9"),
        ("ho so voi danh muc ho so khac nhau sao", "nd30-d3-k13-k17"),
    ],
)
def test_two_defined_terms_compared_are_answered_from_their_definitions(
    tutor: Tutor, question, found
):
    tutor.history.clear()
    answer = tutor.ask(question)
    assert [c.id for c in answer.citations] == [found], answer.render()


def test_a_glossary_entry_does_not_win_a_question_about_its_subjects_content(tutor: Tutor):
    # asked what one office does in the movement, not what the movement is
    tutor.history.clear()
    found = tutor.search("cong an tinh lam gi trong binh dan hoc vu so")
    assert found[0].passage.id != "tu-dien-binh-dan-hoc-vu-so"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # everyday names of what the course's texts call otherwise (synonyms.yaml, round 11)
        ("xin giay chung tu cho ba toi mat bao lau", "tthc-khai-tu"),
        ("cap lai ban sao khai sinh co mat phi ko", "tthc-trich-luc-ho-tich"),
        ("sua ngay sinh cho con thi nop o dau", "tthc-cai-chinh-ho-tich"),
        ("pho giam doc so duoc ky thay giam doc ko", "nd30-d13-k1-k2"),
        ("van ban dien tu thi ai ky dien tu", "nd30-d13-k5-k7"),
        ("sao y hoc ba cho con o xa co mat phi ko", "tthc-chung-thuc-ban-sao"),
        ("xin giay cuoi can mang giay gi", "tthc-ket-hon"),
        ("viet prompt can co may phan", "bai01-sau-thanh-phan-cua-mot-loi"),
        ("system prompt dat o dau trong ham hoi", "bai01-vi-du-mau-va-loi-nhac"),
        # Decree 30's own "sao y" of an official document is still read as its
        ("sao y van ban cua co quan thi ai ky", "nd30-d25"),
    ],
)
def test_a_course_term_asked_by_its_everyday_name_is_found(tutor: Tutor, question, found):
    tutor.history.clear()
    assert found in [h.passage.id for h in tutor.search(question)]


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # a code identifier in English words is searched by them too, typed either way
        ("ham format_percent lam gi", "bai04-tu-tinh-so-lieu"),
        ("answer with sources dung de lam gi", "bai03-hoi-tro-ly-kem-nguon"),
    ],
)
def test_a_code_identifier_is_found_by_its_words(tutor: Tutor, question, found):
    tutor.history.clear()
    assert tutor.search(question)[0].passage.id == found


def test_an_identifier_in_vietnamese_words_is_not_split_into_them():
    # split, "tao_van_ban" would make a lesson's step say "văn bản" to every question on it
    p = knowledge.CoursePassage(
        id="x", doc="bai", source="s", text="gọi tao_van_ban(...) rồi get_client()"
    )
    assert p.search_text == "gọi tao_van_ban(...) rồi get_client get client()"


@pytest.mark.parametrize(
    "question",
    ["xin giay phep ho ca the mat bao lau", "ho ca the dang ky o xa hay o tinh"],
)
def test_a_procedure_asked_by_its_everyday_name_is_answered_from_its_record(tutor: Tutor, question):
    # "hộ cá thể" is the household business ("hộ kinh doanh")
    tutor.history.clear()
    answer = tutor.ask(question)
    assert [c.id for c in answer.citations] == ["tthc-ho-kinh-doanh"], answer.render()


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("trong bai 0 luu bai bang phim gi", "bai00-luu-bai"),
        ("mo dun 1 vd loi nhac yeu la cau nao", "bai01-cai-tien-loi-nhac-qua-nhieu"),
    ],
)
def test_a_lesson_named_by_its_number_is_searched_first(tutor: Tutor, question, found):
    assert found in [h.passage.id for h in tutor.search(question)]


def test_only_a_lesson_the_course_has_is_read_as_named(tutor: Tutor):
    assert tutor.named_lesson("o bai 5 nhan thay ho ten la gi") == "bai05"
    assert tutor.named_lesson("module 4 ve bieu do the nao") == "bai04"
    for question in ("bai 12 la gi", "dieu 5 nghi dinh 30", "bai tap 3 nop o dau", "bai 1.5"):
        assert tutor.named_lesson(question) is None


def test_a_lesson_is_named_by_its_number_in_words_too(tutor: Tutor):
    assert tutor.named_lesson("mo dun thu ba chon qua nhieu doan thi sao") == "bai03"
    assert tutor.named_lesson("bai so 4 ve bieu do the nao") == "bai04"
    assert tutor.named_lesson("bai hai soan cong van gui ai") == "bai02"
    # "bài ba quy tắc", "bài năm nay", "bài sau" name no lesson
    for question in ("bai ba quy tac dung tro ly", "bai nam nay kho ko", "bai sau hoc gi"):
        assert tutor.named_lesson(question) is None


@pytest.mark.parametrize(
    "question",
    ["nho tro ly dich thu tieng anh dc ko", "nho chatgpt tom tat bien ban hop dc ko"],
)
def test_asking_whether_the_assistant_can_do_a_thing_finds_what_it_can_do(tutor: Tutor, question):
    assert "bai01-tro-ly-ai-lam-duoc-gi" in [h.passage.id for h in tutor.search(question)]
