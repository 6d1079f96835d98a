"""Pure rules of the producer portal's pages: uploads by content, states in plain words, the
dossier's open steps, the fund of a portal claim."""

from ocop_app.rules import portal_pages as pages

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 "


def test_kinds_are_read_from_the_content():
	assert [pages.sniff(c) for c in (PDF, PNG, JPG, WEBP)] == ["pdf", "png", "jpg", "webp"]
	assert pages.sniff(b"<html><script>alert(1)</script>") is None
	assert pages.sniff(b"MZ\x90\x00") is None
	assert pages.sniff(b"") is None


def test_an_upload_is_a_pdf_or_an_image_under_the_limit_named_as_what_it_is():
	assert pages.check_upload("hop-dong.PDF", PDF) == ("pdf", "")
	assert pages.check_upload("anh.jpeg", JPG) == ("jpg", "")
	assert pages.check_upload("anh.png", PNG) == ("png", "")
	assert pages.check_upload("trong.pdf", b"") == (None, "empty")
	assert pages.check_upload("lon.pdf", PDF + b"0" * 100, max_bytes=50) == (None, "too_big")
	# a script or a program named .pdf is refused by its content
	assert pages.check_upload("hoa-don.pdf", b"<svg onload=alert(1)>") == (None, "type")
	assert pages.check_upload("hoa-don.pdf", b"MZ\x90\x00") == (None, "type")
	# a PDF named .html (served as a page) is refused by its name
	assert pages.check_upload("trang.html", PDF) == (None, "extension")
	assert pages.check_upload("khong-duoi", PNG) == (None, "extension")


def test_the_stored_name_is_plain_and_carries_the_extension_of_the_content():
	assert pages.safe_filename("Hóa đơn số 1.pdf", "pdf") == "Hóa-đơn-số-1.pdf"
	assert pages.safe_filename("../../etc/passwd.jpeg", "jpg") == "passwd.jpg"
	assert pages.safe_filename("<img src=x onerror=1>.png", "png").endswith(".png")
	assert "<" not in pages.safe_filename("<img src=x onerror=1>.png", "png")
	assert pages.safe_filename(".pdf", "pdf") == "tep.pdf"
	assert len(pages.safe_filename("a" * 500 + ".pdf", "pdf")) <= pages.MAX_FILENAME_LENGTH


def test_states_in_plain_words_with_the_next_step():
	step = pages.plain_step(pages.PRODUCT_STEPS, "Trả lại bổ sung")
	assert "trả lại" in step.words and "bổ sung" in step.next_step
	assert pages.plain_step(pages.PRODUCT_STEPS, None).words == ""
	assert pages.plain_step(pages.CLAIM_STEPS, "Bước mới").words == "Bước mới"
	for steps in (pages.PRODUCT_STEPS, pages.EVALUATION_STEPS, pages.CLAIM_STEPS):
		assert all(s.words for s in steps.values())


def test_the_dossier_changes_only_before_the_commune_takes_it_or_between_evaluations():
	assert pages.dossier_open("Nháp", False)
	assert pages.dossier_open(None, False)
	assert pages.dossier_open("Trả lại bổ sung", False)
	assert pages.dossier_open("Đã tiếp nhận", False)
	assert not pages.dossier_open("Đã tiếp nhận", True)
	assert not pages.dossier_open("Chờ xã kiểm tra hồ sơ", False)


def test_a_portal_claim_starts_on_the_provinces_fund_with_money_left():
	F = pages.FundChoice
	assert pages.choose_fund([]) is None
	assert pages.choose_fund([F("a", 0, True)]) is None
	assert pages.choose_fund([F("xa", 9e9, False), F("tinh", 1, True)]) == "tinh"
	assert pages.choose_fund([F("t1", 5, True), F("t2", 7, True)]) == "t2"
	assert pages.choose_fund([F("t", 0, True), F("xa", 3, False)]) == "xa"
