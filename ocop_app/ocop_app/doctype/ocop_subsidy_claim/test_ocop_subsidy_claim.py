# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Approval rules of support claims, each refused with its own error and nothing written."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.ocop_subsidy_claim import (
	AlreadySupportedError,
	ApprovedAmountError,
	FundExhaustedError,
	NoMatchingBankAccountError,
	NoValidCertificateError,
	RewardAlreadyPaidError,
	SupportCapError,
)

M = 1_000_000
PACKAGING, REWARD, TRADE = (
	"Thiết kế, in ấn bao bì, nhãn mác",
	"Thưởng sản phẩm đạt hạng sao",
	"Xúc tiến thương mại",
)


class TestOCOPSubsidyClaim(CouncilTestCase):
	def setUp(self):
		make_policy()
		self.fund = make_fund(1_000 * M)
		self.product, self.cert = recognised_product()  # 3 stars, Hưng Yên, valid 2024-07-01 → 2027-06-30

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def claim(self, support_type=PACKAGING, claimed=6 * M, approved=None, **kw):
		producer = frappe.db.get_value("OCOP Product", self.product, "producer")
		values = {
			"doctype": "OCOP Subsidy Claim",
			"producer": producer,
			"product": self.product,
			"support_type": support_type,
			"claim_date": "2025-03-01",
			"fund": self.fund,
			"claimed_amount": claimed,
			"approved_amount": approved,
		}
		values.update(kw)
		return frappe.get_doc(values).insert()

	def approve(self, doc):
		return approve(doc)

	def two_claims_in_a_batch(self):
		"""Two approved claims (5 and 15 million) on one payment batch, not yet submitted."""
		first = self.approve(self.claim(approved=5 * M))
		second = self.approve(self.claim(TRADE, claimed=15 * M, approved=15 * M))
		batch = frappe.get_doc(
			{"doctype": "OCOP Payment Batch", "items": [{"claim": first.name}, {"claim": second.name}]}
		).insert()
		return first, second, batch

	def test_approval_within_the_policy(self):
		claim = self.claim(claimed=6 * M)
		self.assertEqual((claim.star, claim.certificate, claim.eligible_amount), (3, self.cert, 5 * M))
		claim.approved_amount = 5 * M
		self.approve(claim)
		self.assertEqual((claim.status, claim.outstanding_amount), ("Đã duyệt", 5 * M))
		self.assertTrue(claim.bank_account)
		fund = frappe.get_doc("OCOP Fund", self.fund)
		self.assertEqual((fund.committed_amount, fund.remaining_amount), (5 * M, 995 * M))

	def test_above_the_policy_or_the_claim_is_refused(self):
		before = frappe.db.count("OCOP Subsidy Claim", {"docstatus": 1})
		claim = self.claim(claimed=6 * M, approved=6 * M)
		self.assertRaises(ApprovedAmountError, approve, claim)
		claim = self.claim(claimed=4 * M, approved=5 * M)
		self.assertRaises(ApprovedAmountError, approve, claim)
		self.assertEqual(frappe.db.count("OCOP Subsidy Claim", {"docstatus": 1}), before)

	def test_no_valid_certificate(self):
		claim = self.claim(claim_date="2024-06-01", approved=5 * M)  # before the recognition
		self.assertRaises(NoValidCertificateError, approve, claim)

	def test_each_content_once_per_product(self):
		self.approve(self.claim(approved=5 * M))
		again = self.claim(claim_date="2026-02-01", approved=1 * M)
		self.assertRaises(AlreadySupportedError, approve, again)
		self.approve(self.claim(TRADE, claimed=15 * M, approved=15 * M))  # another content is fine
		# a cancelled claim does not count
		cancel(frappe.get_doc("OCOP Subsidy Claim", {"support_type": PACKAGING, "docstatus": 1}))
		self.approve(self.claim(claim_date="2026-02-01", approved=5 * M))

	def test_star_reward_pays_the_difference_after_an_upgrade(self):
		self.approve(self.claim(REWARD, claimed=50 * M, approved=50 * M))
		again = self.claim(REWARD, claimed=50 * M, approved=50 * M)
		self.assertRaises(RewardAlreadyPaidError, approve, again)
		frappe.db.set_value("OCOP Certificate", self.cert, "star", 4)  # as an upgrade leaves it
		upgrade = self.claim(REWARD, claimed=150 * M)
		self.assertEqual(upgrade.eligible_amount, 100 * M)
		upgrade.approved_amount = 100 * M
		self.approve(upgrade)

	def test_producer_cap_and_fund(self):
		frappe.db.set_value("OCOP Support Policy", "Chính sách thử Hưng Yên", "cap_per_producer_year", 5 * M)
		self.approve(self.claim(approved=5 * M))
		trade = self.claim(TRADE, claimed=15 * M, approved=1 * M)
		self.assertRaises(SupportCapError, approve, trade)
		frappe.db.set_value("OCOP Support Policy", "Chính sách thử Hưng Yên", "cap_per_producer_year", 0)
		frappe.db.set_value("OCOP Fund", self.fund, "allocated_amount", 5 * M)
		trade = frappe.get_doc("OCOP Subsidy Claim", trade.name)
		self.assertRaises(FundExhaustedError, approve, trade)

	# ------------------------------------------------------------------ accounting
	def test_approval_posts_a_journal_entry_to_the_producers_supplier(self):
		claim = self.approve(self.claim(approved=5 * M))
		je = frappe.get_doc("OCOP Subsidy Claim", claim.name).journal_entry
		supplier = frappe.db.get_value("OCOP Producer", claim.producer, "supplier")
		gl = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": je, "is_cancelled": 0},
			fields=[
				"account",
				"debit",
				"credit",
				"party_type",
				"party",
				"ocop_fund",
				"ocop_administrative_unit",
			],
		)
		credit = next(g for g in gl if g.credit)
		self.assertEqual((credit.party_type, credit.party, credit.credit), ("Supplier", supplier, 5 * M))
		debit = next(g for g in gl if g.debit)
		self.assertEqual(frappe.db.get_value("Account", debit.account, "root_type"), "Expense")
		self.assertTrue(
			all(
				g.ocop_fund == self.fund and g.ocop_administrative_unit == claim.administrative_unit
				for g in gl
			)
		)
		self.assertEqual(
			frappe.get_cached_value(
				"Company", frappe.db.get_value("Journal Entry", je, "company"), "default_currency"
			),
			"VND",
		)

	def test_a_producer_whose_accounts_are_still_being_made_is_paid_all_the_same(self):
		# imported in bulk: the background job has not yet made its Supplier and Bank Account
		producer = frappe.get_doc(
			"OCOP Producer", frappe.db.get_value("OCOP Product", self.product, "producer")
		)
		for row in producer.bank_accounts:
			frappe.delete_doc("Bank Account", row.bank_account, force=True)
		frappe.delete_doc("Supplier", producer.supplier, force=True)
		frappe.db.set_value("OCOP Producer", producer.name, "supplier", None)
		frappe.db.sql(
			"update `tabOCOP Producer Bank Account` set bank_account = null where parent = %s", producer.name
		)
		claim = self.approve(self.claim(approved=5 * M))
		supplier = frappe.db.get_value("OCOP Producer", producer.name, "supplier")
		self.assertEqual(frappe.db.get_value("Supplier", supplier, "tax_id"), producer.tax_id)
		je = frappe.db.get_value("OCOP Subsidy Claim", claim.name, "journal_entry")
		self.assertTrue(frappe.db.exists("GL Entry", {"voucher_no": je, "party": supplier, "credit": 5 * M}))
		self.assertEqual(frappe.db.get_value("Bank Account", claim.bank_account, "party"), supplier)

	def test_payment_closes_the_claim_and_cancelling_it_reopens(self):
		from ocop_app.accounting.claims import pay_claim
		from ocop_app.ocop_app.doctype.ocop_subsidy_claim.ocop_subsidy_claim import ClaimHasPaymentsError

		claim = self.approve(self.claim(approved=5 * M))
		pe = pay_claim(claim.name)
		claim.reload()
		self.assertEqual((claim.status, claim.paid_amount, claim.outstanding_amount), ("Đã chi", 5 * M, 0))
		self.assertEqual(frappe.db.get_value("Payment Entry", pe, "party_bank_account"), claim.bank_account)
		self.assertEqual(frappe.db.get_value("OCOP Fund", self.fund, "paid_amount"), 5 * M)
		self.assertRaises(ClaimHasPaymentsError, cancel, claim)
		frappe.get_doc("Payment Entry", pe).cancel()
		claim.reload()
		self.assertEqual((claim.status, claim.outstanding_amount), ("Đã duyệt", 5 * M))
		claim = cancel(claim)
		self.assertEqual(frappe.db.get_value("Journal Entry", claim.journal_entry, "docstatus"), 2)
		self.assert_gl_balanced()

	def test_a_payment_batch_pays_many_claims_and_gives_the_bank_file(self):
		import io

		import pandas as pd

		from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import download_transfer_file
		from ocop_app.rules.vietqr import crc16_ccitt

		first, second, batch = self.two_claims_in_a_batch()
		self.assertEqual((batch.payments, batch.total_amount), (2, 20 * M))
		row = batch.items[0]
		self.assertEqual(row.bank_bin, "970405")  # Agribank
		self.assertTrue(row.vietqr.endswith(crc16_ccitt(row.vietqr[:-4])))
		download_transfer_file(batch.name)
		sheet = pd.read_excel(io.BytesIO(frappe.response["filecontent"]), dtype=str)
		self.assertEqual(
			list(sheet.columns),
			[
				"STT",
				"Số tài khoản",
				"Tên người thụ hưởng",
				"Mã BIN ngân hàng",
				"Số tiền",
				"Nội dung chuyển khoản",
			],
		)
		self.assertEqual(sheet["Nội dung chuyển khoản"][0], f"OCOP {first.name} {first.product_name}")
		batch.submit()
		self.assertEqual(frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Đã chi")
		from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import (
			BatchClaimError,
			resume_payments,
		)

		self.assertRaises(BatchClaimError, resume_payments, batch.name)  # nothing left to pay
		for claim in (first, second):
			self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", claim.name, "status"), "Đã chi")
		html = frappe.get_print("OCOP Payment Batch", batch.name, print_format="Lệnh chuyển khoản OCOP")
		self.assertEqual(html.count("data:image/png;base64,"), 2)
		self.assert_gl_balanced()

	def test_a_long_batch_is_paid_in_the_background_and_says_what_it_could_not_pay(self):
		from unittest.mock import patch

		from ocop_app.accounting.claims import pay_claim
		from ocop_app.ocop_app.doctype.ocop_payment_batch import ocop_payment_batch as module

		first, second, batch = self.two_claims_in_a_batch()
		queued = []
		with (
			patch.object(module, "PAY_IN_REQUEST", 1),  # two lines count as a long batch here
			patch.object(module, "enqueue_payments", queued.append),  # the job waits in the queue
		):
			batch.submit()
		self.assertEqual(queued, [batch.name])
		self.assertEqual(frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Đang chi")
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", first.name, "status"), "Đã duyệt")

		pay_claim(first.name)  # meanwhile someone pays the first claim from its own form
		module.pay_batch(batch.name)  # the job: pays the second line, notes the first
		batch.reload()
		self.assertEqual(batch.payment_status, "Chi chưa xong")
		self.assertIn(f"Dòng 1 ({first.name})", batch.payment_error)
		self.assertFalse(batch.items[0].payment_entry)
		self.assertTrue(batch.items[1].payment_entry)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", second.name, "status"), "Đã chi")
		# "Chi tiếp" tries the line left again, and says so again; nothing is paid twice
		module.resume_payments(batch.name)
		self.assertEqual(
			frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Chi chưa xong"
		)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", first.name, "paid_amount"), 5 * M)
		self.assert_gl_balanced()

	def test_disbursement_and_fund_reports(self):
		from frappe.desk.query_report import run

		from ocop_app.accounting.claims import pay_claim
		from ocop_app.tests.test_unit_scope import make_user

		paid = self.approve(self.claim(approved=5 * M))
		pe = pay_claim(paid.name)
		owed = self.approve(self.claim(TRADE, claimed=15 * M, approved=15 * M))
		rows = {
			r["name"]: r
			for r in run("OCOP Disbursement Register", filters={"fund": self.fund})["result"]
			if isinstance(r, dict)
		}
		self.assertEqual((rows[paid.name]["payment_entry"], rows[paid.name]["outstanding_amount"]), (pe, 0))
		self.assertEqual(rows[owed.name]["outstanding_amount"], 15 * M)
		usage = next(
			r
			for r in run("OCOP Fund Usage", filters={})["result"]
			if isinstance(r, dict) and r["name"] == self.fund
		)
		self.assertEqual(
			(usage["committed_amount"], usage["paid_amount"], usage["remaining_amount"]),
			(20 * M, 5 * M, 980 * M),
		)
		make_user("fin.hanoi@ocop.vn", "OCOP Finance Officer", "01")  # another province's accountant
		frappe.set_user("fin.hanoi@ocop.vn")
		self.assertFalse(
			[r for r in run("OCOP Disbursement Register", filters={})["result"] if isinstance(r, dict)]
		)

	def test_the_claim_workflow_from_commune_to_payment(self):
		from ocop_app.tests.test_unit_scope import make_user
		from ocop_app.workflow_guard import (
			WorkflowActionNotAllowedError,
			WorkflowStateForcedError,
			apply_action,
		)

		users = {
			"xa": ("cl.xa@ocop.vn", "OCOP Commune Officer", "33-12688"),
			"tinh": ("cl.tinh@ocop.vn", "OCOP Province Officer", "33"),
			"ubnd": ("cl.ubnd@ocop.vn", "OCOP Approver", "33"),
			"ketoan": ("cl.ketoan@ocop.vn", "OCOP Finance Officer", "33"),
		}
		for user, role, unit in users.values():
			make_user(user, role, unit)
		claim = self.claim(approved=5 * M)

		def act(who, action):
			frappe.set_user(users[who][0])
			try:
				return apply_action(frappe.get_doc("OCOP Subsidy Claim", claim.name), action)
			finally:
				frappe.set_user("Administrator")

		self.assertRaises(WorkflowActionNotAllowedError, act, "ketoan", "Xã xác nhận")
		act("xa", "Xã xác nhận")
		act("tinh", "Chuyển thẩm định")
		self.assertRaises(WorkflowActionNotAllowedError, act, "tinh", "Phê duyệt")  # the leader approves
		act("ubnd", "Phê duyệt")
		self.assertTrue(frappe.db.get_value("OCOP Subsidy Claim", claim.name, "journal_entry"))
		frappe.set_user(users["ketoan"][0])
		doc = frappe.get_doc("OCOP Subsidy Claim", claim.name)
		doc.workflow_state = "Đã chi"
		self.assertRaises(WorkflowStateForcedError, doc.save)  # only the action pays
		frappe.set_user("Administrator")
		act("ketoan", "Chi trả")
		claim.reload()
		self.assertEqual(
			(claim.workflow_state, claim.status, claim.outstanding_amount), ("Đã chi", "Đã chi", 0)
		)
		self.assertTrue(
			frappe.get_all(
				"Payment Entry Reference", filters={"reference_name": claim.journal_entry, "docstatus": 1}
			)
		)

	def test_a_rejected_claim_does_not_count(self):
		from ocop_app.workflow_guard import apply_action

		claim = self.claim(approved=5 * M)
		apply_action(claim, "Xã xác nhận")
		claim = frappe.get_doc("OCOP Subsidy Claim", claim.name)
		claim.remarks = "Hóa đơn không hợp lệ"
		claim.save()
		claim = apply_action(claim, "Từ chối")
		self.assertEqual((claim.workflow_state, claim.status), ("Từ chối", "Từ chối"))
		approve(self.claim(approved=5 * M))  # the same content can still be claimed

	def assert_gl_balanced(self):
		rows = frappe.db.sql(
			"""select voucher_no, ocop_fund, sum(debit) - sum(credit) from `tabGL Entry`
			where ocop_fund = %s group by voucher_no, ocop_fund""",
			self.fund,
		)
		self.assertTrue(rows)
		for voucher, fund, difference in rows:
			self.assertAlmostEqual(difference, 0, msg=f"{voucher} / {fund}")

	def test_the_transfer_needs_an_account_in_the_producers_name(self):
		producer = frappe.db.get_value("OCOP Product", self.product, "producer")
		frappe.db.set_value(
			"OCOP Producer Bank Account", {"parent": producer}, "account_holder", "NGUOI KHAC"
		)
		claim = self.claim(approved=5 * M)
		self.assertRaises(NoMatchingBankAccountError, approve, claim)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", claim.name, "docstatus"), 0)


NEXT_ACTION = {
	"Nháp": "Xã xác nhận",
	"Xã xác nhận": "Chuyển thẩm định",
	"Văn phòng điều phối thẩm định": "Phê duyệt",
}


def approve(claim):
	"""Through the shipped workflow, as the officials would: commune, coordination office, leader."""
	from ocop_app.workflow_guard import apply_action

	if claim.docstatus == 0 and not claim.is_new():
		claim.save()
	claim.reload()
	while claim.docstatus == 0:
		claim = apply_action(claim, NEXT_ACTION[claim.workflow_state or "Nháp"])
	return claim


def cancel(claim):
	from ocop_app.workflow_guard import apply_action

	return apply_action(frappe.get_doc("OCOP Subsidy Claim", claim.name), "Hủy đề nghị")


def make_policy():
	if frappe.db.exists("OCOP Support Policy", "Chính sách thử Hưng Yên"):
		return
	frappe.get_doc(
		{
			"doctype": "OCOP Support Policy",
			"policy_name": "Chính sách thử Hưng Yên",
			"province": "33",
			"effective_from": "2024-01-01",
			"cap_per_producer_year": 0,
			"rows": [
				{"support_type": REWARD, "star": 3, "amount": 50 * M},
				{"support_type": REWARD, "star": 4, "amount": 150 * M},
				{"support_type": REWARD, "star": 5, "amount": 300 * M},
				{"support_type": PACKAGING, "star": 3, "amount": 5 * M},
				{"support_type": PACKAGING, "star": 4, "amount": 10 * M},
				{"support_type": PACKAGING, "star": 5, "amount": 20 * M},
				{"support_type": TRADE, "star": 0, "amount": 15 * M},
			],
		}
	).insert()


def make_fund(allocated: float, unit: str = "33") -> str:
	"""A 2025 fund of ``unit``; it belongs to the company of the unit's province."""
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Fund",
				"fund_name": f"Ngân sách tỉnh thử {frappe.generate_hash(length=4)}",
				"funding_source": "Tỉnh",
				"fiscal_year": 2025,
				"administrative_unit": unit,
				"allocated_amount": allocated,
			}
		)
		.insert()
		.name
	)


class TestNoDoublePayment(FrappeTestCase):
	"""20 officials press "pay" on the same claim at once: exactly one Payment Entry."""

	UNIT = "33-12970"  # Xã Tiền Hải, Hưng Yên: kept apart from the other tests' communes

	@classmethod
	def setUpClass(cls):
		from ocop_app.tests.test_reports import certificate_in

		super().setUpClass()
		make_policy()
		cls.fund = make_fund(1_000 * M)
		cert = certificate_in(cls.UNIT, 3, "2025-01-01")
		product = frappe.db.get_value("OCOP Certificate", cert, "product")
		claim = frappe.get_doc(
			{
				"doctype": "OCOP Subsidy Claim",
				"producer": frappe.db.get_value("OCOP Product", product, "producer"),
				"product": product,
				"support_type": PACKAGING,
				"claim_date": "2025-03-01",
				"fund": cls.fund,
				"claimed_amount": 5 * M,
				"approved_amount": 5 * M,
			}
		).insert()
		approve(claim)
		cls.claim, cls.cert = claim.name, cert
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		claim = frappe.get_doc("OCOP Subsidy Claim", cls.claim)
		for pe in frappe.get_all(
			"Payment Entry Reference",
			filters={"reference_name": claim.journal_entry, "docstatus": 1},
			pluck="parent",
		):
			frappe.get_doc("Payment Entry", pe).cancel()
		cancel(claim)
		frappe.db.commit()
		super().tearDownClass()

	def test_twenty_concurrent_payments_make_one(self):
		import threading

		from ocop_app.accounting.claims import pay_claim

		site, outcomes = frappe.local.site, []

		def attempt():
			frappe.init(site=site)
			frappe.connect()
			frappe.set_user("Administrator")
			try:
				pay_claim(self.claim)
				frappe.db.commit()
				outcomes.append("paid")
			except Exception as e:
				frappe.db.rollback()
				outcomes.append(type(e).__name__)
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=attempt) for _ in range(20)]
		for t in threads:
			t.start()
		for t in threads:
			t.join(timeout=120)
		journal_entry = frappe.db.get_value("OCOP Subsidy Claim", self.claim, "journal_entry")
		payments = frappe.get_all(
			"Payment Entry Reference",
			filters={"reference_name": journal_entry, "docstatus": 1},
			pluck="parent",
		)
		self.assertEqual(len(outcomes), 20)
		self.assertEqual(outcomes.count("paid"), 1, outcomes)
		self.assertEqual(len(payments), 1)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", self.claim, "paid_amount"), 5 * M)
