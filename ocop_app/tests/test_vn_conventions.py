"""Vietnamese public-finance conventions on the site: VND in whole đồng on forms and prints, amounts
in words, dates dd/mm/yyyy, each OCOP DocType printing on its own format first."""

import re

import frappe
from frappe.utils import formatdate

from ocop_app.exceptions import FractionalDongError
from ocop_app.factories import PACKAGING, TRADE, make_claim, make_fund, make_policy
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve
from ocop_app.setup.vn_conventions import DEFAULT_PRINT_FORMATS, currency_fields, voucher_currency_fields

M = 1_000_000
WHOLE_DONG = r"\d,00\b"  # what a print shows if an amount kept two decimals ("5.000.000,00")


def text_of(html: str) -> str:
	"""The print as a reader sees it: tags out, spaces collapsed."""
	html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
	return re.sub(r"\s+", " ", frappe.utils.strip_html(html)).strip()


def printed(doctype: str, name: str) -> str:
	"""The text of ``doctype``'s default print of ``name`` (what "Print" and the PDF show)."""
	return text_of(frappe.get_print(doctype, name))


DEPUTY = {  # a deputy chairman signs for the chairman ("KT. CHỦ TỊCH")
	"doc_signing_authority": "KT.",
	"doc_on_behalf_of": "CHỦ TỊCH",
	"doc_signer_title": "PHÓ CHỦ TỊCH",
	"doc_signer_name": "Trần Thị Phó",
}


def configure_province(**values) -> None:
	"""Hưng Yên's document settings (issuing body, place, signer, recipients) for its decisions."""
	frappe.db.set_value("OCOP Administrative Unit", "33", values)


def vn_score(value: float) -> str:
	"""A score as the prints write it: 62 → "62", 62.5 → "62,50"."""
	return str(int(value)) if value == int(value) else f"{value:.2f}".replace(".", ",")


class TestVNConventions(CouncilTestCase):
	def setUp(self):
		make_policy()
		self.fund = make_fund(1_000 * M)
		self.product, self.cert = recognised_product()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def claim(self, support_type=PACKAGING, claimed=5 * M, approved=5 * M):
		return make_claim(self.product, self.fund, support_type, claimed, approved)

	def assertPrints(self, text: str, *expected: str, never: str | None = None):
		"""Each ``expected`` passage is in the print's ``text``, and ``never`` (a pattern) is not."""
		for passage in expected:
			self.assertIn(passage, text)
		if never:
			self.assertNotRegex(text, never)

	# ------------------------------------------------------------------ settings
	def test_site_settings(self):
		settings = frappe.get_single("System Settings")
		self.assertEqual(
			(settings.date_format, settings.number_format, settings.currency_precision),
			("dd/mm/yyyy", "#.###,##", "0"),
		)
		self.assertEqual(formatdate("2025-10-10"), "10/10/2025")
		self.assertEqual(frappe.db.get_default("currency"), "VND")
		vnd = frappe.db.get_value("Currency", "VND", ["symbol", "symbol_on_right"], as_dict=True)
		self.assertEqual((vnd.symbol, vnd.symbol_on_right), ("đ", 1))

	def test_every_amount_field_shows_whole_dong(self):
		fields = currency_fields()
		self.assertIn(("OCOP Subsidy Claim", "approved_amount"), fields)
		self.assertIn(("OCOP Payment Batch Item", "amount"), fields)
		for doctype, fieldname in fields:
			df = frappe.get_meta(doctype).get_field(fieldname)
			self.assertEqual(
				frappe.format_value(5 * M, df, currency="VND"), "5.000.000 đ", f"{doctype}.{fieldname}"
			)
		# floats keep their decimals: an average score is not rounded away
		self.assertEqual(frappe.format_value(72.5, {"fieldtype": "Float", "precision": "2"}), "72,50")

	def test_each_doctype_prints_on_its_own_format_first(self):
		for doctype, print_format in DEFAULT_PRINT_FORMATS.items():
			if frappe.db.exists("Print Format", print_format):
				self.assertEqual(frappe.get_meta(doctype).default_print_format, print_format, doctype)
		for doctype in ("OCOP Certificate", "OCOP Subsidy Claim", "OCOP Payment Batch", "OCOP Fund"):
			self.assertTrue(frappe.get_meta(doctype).default_print_format, doctype)

	# ------------------------------------------------------------------ whole đồng
	def test_a_fraction_of_a_dong_is_refused_and_nothing_is_written(self):
		before = frappe.db.count("OCOP Subsidy Claim")
		self.assertRaises(FractionalDongError, self.claim, claimed=5 * M + 0.5, approved=None)
		self.assertEqual(frappe.db.count("OCOP Subsidy Claim"), before)

	def test_vouchers_carry_whole_dong(self):
		claim = approve(self.claim())
		je = frappe.db.get_value("OCOP Subsidy Claim", claim.name, "journal_entry")
		amounts = frappe.get_all(
			"GL Entry", filters={"voucher_no": je, "is_cancelled": 0}, pluck="debit"
		) + frappe.get_all("GL Entry", filters={"voucher_no": je, "is_cancelled": 0}, pluck="credit")
		self.assertEqual(sorted(a for a in amounts if a), [5 * M, 5 * M])

	# ------------------------------------------------------------------ prints
	def test_claim_print(self):
		claim = approve(self.claim())
		self.assertPrints(
			printed("OCOP Subsidy Claim", claim.name),
			"GIẤY ĐỀ NGHỊ HỖ TRỢ KINH PHÍ",
			"5.000.000 đ",
			"Bằng chữ: Năm triệu đồng chẵn.",
			"ngày 01 tháng 3 năm 2025",
			never=WHOLE_DONG,
		)

	def test_transfer_order_print(self):
		first = approve(self.claim())
		second = approve(self.claim(TRADE, claimed=15 * M, approved=14 * M + 21))
		batch = frappe.get_doc(
			{"doctype": "OCOP Payment Batch", "items": [{"claim": first.name}, {"claim": second.name}]}
		).insert()
		self.assertPrints(
			printed("OCOP Payment Batch", batch.name),
			"ĐỀ NGHỊ CHI HỖ TRỢ OCOP BẰNG CHUYỂN KHOẢN",
			"5.000.000",
			"14.000.021",
			"Tổng số tiền: 19.000.021 đ",
			"Bằng chữ: Mười chín triệu không trăm hai mươi mốt đồng.",
			never=WHOLE_DONG,
		)

	def test_fund_statement_print(self):
		approve(self.claim())
		self.assertPrints(
			printed("OCOP Fund", self.fund),
			"TÌNH HÌNH SỬ DỤNG KINH PHÍ",
			"1.000.000.000",
			"995.000.000",
			"Kinh phí được giao bằng chữ: Một tỷ đồng chẵn.",
			"Còn lại bằng chữ: Chín trăm chín mươi lăm triệu đồng chẵn.",
			never=",00",
		)

	def test_erpnext_vouchers_show_whole_dong(self):
		from ocop_app.accounting.claims import pay_claim

		claim = approve(self.claim())
		journal_entry = frappe.db.get_value("OCOP Subsidy Claim", claim.name, "journal_entry")
		payment_entry = pay_claim(claim.name)
		for doctype, name in (("Journal Entry", journal_entry), ("Payment Entry", payment_entry)):
			with self.subTest(doctype=doctype):  # ERPNext's own print, as "Print" opens it
				self.assertPrints(printed(doctype, name), "5.000.000", never=WHOLE_DONG)
		self.assertEqual(
			frappe.get_doc("Journal Entry", journal_entry).get_formatted("total_debit"), "5.000.000 đ"
		)
		self.assertEqual(
			frappe.get_doc("Payment Entry", payment_entry).get_formatted("paid_amount"), "5.000.000 đ"
		)
		fields = voucher_currency_fields()
		self.assertIn(("Journal Entry Account", "credit_in_account_currency"), fields)
		for doctype, fieldname in fields:  # what the forms read
			df = frappe.get_meta(doctype).get_field(fieldname)
			self.assertEqual(
				frappe.format_value(5 * M, df, currency="VND"), "5.000.000 đ", f"{doctype}.{fieldname}"
			)

	# ------------------------------------------------------------------ Excel
	def test_excel_amounts_are_whole_dong(self):
		import io

		from openpyxl import load_workbook

		from frappe.utils import getdate, today

		from ocop_app.accounting.claims import pay_claim
		from ocop_app.data_exchange import AMOUNT_FORMAT, VND_FORMAT
		from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import download_transfer_file
		from ocop_app.ocop_app.doctype.ocop_periodic_report.ocop_periodic_report import export_xlsx
		from ocop_app.rules.reporting import QUARTERS

		def workbook():
			return load_workbook(io.BytesIO(frappe.response.pop("filecontent")))

		paid = approve(self.claim())
		paid.db_set("claim_date", today())  # counted in this quarter's report
		pay_claim(paid.name)
		unpaid = approve(self.claim(TRADE, claimed=15 * M, approved=14 * M + 21))
		batch = frappe.get_doc({"doctype": "OCOP Payment Batch", "items": [{"claim": unpaid.name}]}).insert()

		# the bank's file: integers, shown with separators
		download_transfer_file(batch.name)
		sheet = workbook().active
		header = [c.value for c in sheet[1]]
		amount = sheet.cell(row=2, column=header.index("Số tiền") + 1)
		self.assertEqual(
			(amount.value, type(amount.value), amount.number_format), (14 * M + 21, int, AMOUNT_FORMAT)
		)

		# the periodic report: support paid in đồng, counts left as counts
		period = QUARTERS[(getdate().month - 1) // 3]
		frappe.db.delete(
			"OCOP Periodic Report", {"administrative_unit": "33", "year": getdate().year, "period": period}
		)
		report = frappe.get_doc(
			{
				"doctype": "OCOP Periodic Report",
				"administrative_unit": "33",
				"year": getdate().year,
				"period": period,
			}
		).insert()
		export_xlsx(report.name)
		rows = {r[1].value: r for r in workbook()["Số liệu"].iter_rows(min_row=2)}
		total = rows["Tổng kinh phí đã chi"][3]
		self.assertIsInstance(total.value, int)
		self.assertGreaterEqual(total.value, 5 * M)
		self.assertEqual(total.number_format, VND_FORMAT)
		by_content = [r[3] for name, r in rows.items() if name.startswith(PACKAGING)]
		self.assertTrue(by_content)
		self.assertTrue(all(c.number_format == VND_FORMAT and isinstance(c.value, int) for c in by_content))
		self.assertNotEqual(rows["Sản phẩm đăng ký mới"][3].number_format, VND_FORMAT)

	# ------------------------------------------------------------------ administrative format
	def decision_text(self) -> tuple[str, str]:
		decision = frappe.db.get_value("OCOP Certificate", self.cert, "recognition_decision")
		number = frappe.db.get_value("OCOP Recognition Decision", decision, "decision_no")
		return printed("OCOP Recognition Decision", decision), number

	def test_decision_signed_as_configured_on_the_unit(self):
		configure_province(
			doc_issuing_body="ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN",
			doc_place="Hưng Yên",
			doc_signing_authority="TM.",
			doc_on_behalf_of="Ủy ban nhân dân",
			doc_signer_title="Chủ tịch",
			doc_signer_name="Nguyễn Văn Thử",
			doc_recipients="Như Điều 3\nBộ Nông nghiệp và Môi trường\nLưu: VT, KT",
		)
		text, number = self.decision_text()
		self.assertPrints(
			text,
			f"Số: {number}",
			"Hưng Yên, ngày 01 tháng 7 năm 2024",
			"QUYẾT ĐỊNH Về việc công nhận sản phẩm đạt tiêu chuẩn OCOP năm 2024",
			"Nơi nhận: - Như Điều 3; - Bộ Nông nghiệp và Môi trường; - Lưu: VT, KT.",
			"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Thử",
		)
		self.assertNotIn("KT. CHỦ TỊCH", text)
		self.assertNotIn("CHỦ TỊCH ỦY BAN NHÂN DÂN", text)  # the committee decides, not its chairman

	def test_a_deputy_signs_for_the_chairman(self):
		configure_province(**DEPUTY)
		self.assertPrints(
			self.decision_text()[0],
			"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
			"KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Thị Phó",
		)

	def test_revocation_decision_print(self):
		configure_province(**{**DEPUTY, "doc_signer_name": None})
		revocation = frappe.get_doc(
			{
				"doctype": "OCOP Revocation Decision",
				"decision_no": "42",
				"decision_date": "2025-10-10",
				"issuing_unit": "33",
				"reason": "Vi phạm an toàn thực phẩm",
				"items": [{"certificate": self.cert}],
			}
		).insert()
		self.assertEqual(
			frappe.get_meta("OCOP Revocation Decision").default_print_format,
			"Quyết định thu hồi giấy chứng nhận OCOP",
		)
		self.assertPrints(
			printed("OCOP Revocation Decision", revocation.name),
			"Số: 42/QĐ-UBND",
			"Hưng Yên, ngày 10 tháng 10 năm 2025",
			"Về việc thu hồi Giấy chứng nhận sản phẩm OCOP",
			"Xét lý do: Vi phạm an toàn thực phẩm.",
			"KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
			"Nơi nhận: - Như Điều 3;",
		)

	def test_certificate_signed_as_the_decision(self):
		configure_province(**DEPUTY)
		self.assertPrints(
			printed("OCOP Certificate", self.cert),
			"GIẤY CHỨNG NHẬN SẢN PHẨM OCOP",  # the A4 certificate, the default
			"KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Thị Phó",
			"Có giá trị từ ngày 01 tháng 7 năm 2024",
		)

	def test_score_sheet_and_evaluation_summary_print_their_scores(self):
		decision = frappe.db.get_value("OCOP Certificate", self.cert, "recognition_decision")
		evaluation = frappe.db.get_value("OCOP Recognition Item", {"parent": decision}, "evaluation")
		sheet = frappe.get_all(
			"OCOP Score Sheet",
			filters={"evaluation": evaluation, "docstatus": 1},
			fields=["name", "total_score"],
			limit=1,
		)[0]
		self.assertPrints(
			printed("OCOP Score Sheet", sheet.name),
			"PHIẾU CHẤM ĐIỂM ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP",
			f"TỔNG ĐIỂM (A + B + C) 100 {vn_score(sheet.total_score)}",
		)
		average = frappe.db.get_value("OCOP Evaluation", evaluation, "average_score")
		self.assertPrints(
			printed("OCOP Evaluation", evaluation),
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
			f"{average:.2f} / 100 điểm".replace(".", ","),  # "Điểm trung bình": 62,00, two decimals
			"★★★☆☆ 3 sao",
		)

	# ------------------------------------------------------------------ cards
	def test_money_cards_speak_millions_within_the_readers_scope(self):
		from ocop_app.api.number_cards import funds_paid, funds_remaining
		from ocop_app.factories import make_user
		from ocop_app.rules.vn_words import short_vnd

		approve(self.claim())
		make_user("ketoan.vn.hungyen@ocop.vn", "OCOP Finance Officer", "33")
		make_user("ketoan.vn.hanoi@ocop.vn", "OCOP Finance Officer", "01")
		lft, rgt = frappe.db.get_value("OCOP Administrative Unit", "33", ["lft", "rgt"])
		remaining = frappe.db.sql(
			"""select coalesce(sum(f.remaining_amount), 0) from `tabOCOP Fund` f
			join `tabOCOP Administrative Unit` u on u.name = f.administrative_unit
			where u.lft >= %s and u.rgt <= %s""",
			(lft, rgt),
		)[0][0]
		self.assertGreaterEqual(remaining, 995 * M)

		frappe.set_user("ketoan.vn.hungyen@ocop.vn")
		self.assertEqual(funds_remaining(), short_vnd(round(remaining)))
		self.assertRegex(funds_remaining(), r"^[\d.,]+ (triệu|tỷ) đồng$")
		frappe.set_user("ketoan.vn.hanoi@ocop.vn")  # another province's funds are not theirs
		self.assertEqual((funds_paid(), funds_remaining()), ("0 đồng", "0 đồng"))

	def test_the_stars_chart_is_labelled_in_stars(self):
		from frappe.desk.query_report import run

		chart = frappe.get_doc("Dashboard Chart", "Sản phẩm theo hạng sao")
		self.assertEqual((chart.chart_type, chart.use_report_chart), ("Report", 1))
		result = run(chart.report_name, filters={})
		self.assertIn("3 sao", result["chart"]["data"]["labels"])
