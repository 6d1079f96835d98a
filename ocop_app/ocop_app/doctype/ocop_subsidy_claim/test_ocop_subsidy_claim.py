# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Approval rules of support claims, each refused with its own error and nothing written."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.factories import PACKAGING, REWARD, TRADE, M, certificate_in, make_claim, make_fund, make_policy
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
	PayeeAccountInUseError,
	PaymentFieldLockedError,
	RewardAlreadyPaidError,
	SupportCapError,
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
		return make_claim(self.product, self.fund, support_type, claimed, approved, **kw)

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
		from ocop_app.workflow_guard import WorkflowRecordDeleteError

		# cancelled is where it ends: the record stays
		self.assertRaises(WorkflowRecordDeleteError, frappe.delete_doc, "OCOP Subsidy Claim", claim.name)

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
			patch.object(module, "enqueue_payments", lambda batch, **kw: queued.append(batch)),  # queued
		):
			batch.submit()
		self.assertEqual(queued, [batch.name])
		self.assertEqual(frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Đang chi")
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", first.name, "status"), "Đã duyệt")

		pay_claim(first.name)  # meanwhile someone pays the first claim from its own form
		module.pay_batch(batch.name)  # the job: pays the second line, notes the first
		batch.reload()
		self.assertEqual((batch.payment_status, batch.paid_count), ("Chi chưa xong", 1))
		self.assertIn(f"Dòng 1 ({first.name})", batch.payment_error)
		# whoever started it is told: the count, and the line that failed
		notice = frappe.get_last_doc("Notification Log", {"document_name": batch.name})
		self.assertEqual(notice.for_user, "Administrator")
		self.assertIn("1/2", notice.subject)
		self.assertIn(first.name, notice.email_content)
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
		from ocop_app.factories import make_user

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
		from ocop_app.factories import make_user
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

	# ------------------------------------------------------------------ money: payee, fields, jobs
	def test_approval_freezes_the_payee_and_the_payment_follows_it(self):
		import io

		import pandas as pd

		from ocop_app.accounting.claims import ClaimPaymentError, pay_claim
		from ocop_app.factories import random_digits
		from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import download_transfer_file

		# a payee sent with the draft is dropped: only approval sets it
		draft = self.claim(approved=5 * M, payee_account_number="1234567890", payee_account_holder="X")
		self.assertEqual((draft.payee_account_number, draft.payee_account_holder), (None, None))
		claim = self.approve(draft)
		producer = frappe.get_doc("OCOP Producer", claim.producer)
		row = producer.bank_accounts[0]
		frozen = (row.bank, row.bank_bin, row.account_number, row.account_holder)
		self.assertEqual(
			(claim.payee_bank, claim.payee_bank_bin, claim.payee_account_number, claim.payee_account_holder),
			frozen,
		)
		# while the claim is unpaid its account can be neither changed nor removed
		row.account_number = random_digits(13)
		self.assertRaises(PayeeAccountInUseError, producer.save)
		producer.reload()
		producer.bank_accounts[0].account_holder = "NGUOI KHAC"
		self.assertRaises(PayeeAccountInUseError, producer.save)
		producer.reload()
		producer.bank_accounts = []
		self.assertRaises(PayeeAccountInUseError, producer.save)
		self.assertEqual(
			frappe.db.get_value("Bank Account", claim.bank_account, "bank_account_no"), frozen[2]
		)
		# a new default account is allowed, and does not redirect the approved claim
		producer.reload()
		producer.bank_accounts[0].is_default = 0
		other = random_digits(13)
		producer.append(
			"bank_accounts",
			{"bank": "Agribank", "account_number": other, "account_holder": frozen[3], "is_default": 1},
		)
		producer.save()
		batch = frappe.get_doc({"doctype": "OCOP Payment Batch", "items": [{"claim": claim.name}]}).insert()
		line = batch.items[0]
		self.assertEqual(
			(line.bank, line.account_number, line.account_holder), (frozen[0], frozen[2], frozen[3])
		)
		self.assertIn(frozen[2], line.vietqr)
		download_transfer_file(batch.name)
		sheet = pd.read_excel(io.BytesIO(frappe.response["filecontent"]), dtype=str)
		self.assertEqual(sheet["Số tài khoản"][0], frozen[2])
		# the ERPNext Bank Account edited behind the claim's back: no payment
		frappe.db.set_value("Bank Account", claim.bank_account, "bank_account_no", other)
		self.assertRaises(ClaimPaymentError, pay_claim, claim.name)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", claim.name, "paid_amount"), 0)
		frappe.db.set_value("Bank Account", claim.bank_account, "bank_account_no", frozen[2])
		pe = pay_claim(claim.name)
		self.assertEqual(frappe.db.get_value("Payment Entry", pe, "party_bank_account"), claim.bank_account)
		# paid in full: the producer's accounts are theirs to change again
		producer.reload()
		producer.bank_accounts[0].account_number = random_digits(13)
		producer.save()

	def test_fields_kept_by_payments_are_not_writable_after_approval(self):
		from frappe.client import save, set_value

		from ocop_app.factories import make_user

		claim = self.approve(self.claim(approved=5 * M))
		make_user("money.ketoan@ocop.vn", "OCOP Finance Officer", "33")
		frappe.set_user("money.ketoan@ocop.vn")
		self.assertTrue(frappe.get_doc("OCOP Subsidy Claim", claim.name).has_permission("write"))
		for field, value in (
			("paid_amount", 5 * M),
			("outstanding_amount", 0),
			("status", "Đã chi"),
			("journal_entry", ""),
			("bank_account", ""),
			("payee_account_number", "0123456789"),
			("payee_account_holder", "NGUOI KHAC"),
		):
			with self.subTest(field=field):  # frappe.client.set_value: what REST's set_value runs
				self.assertRaises(
					PaymentFieldLockedError, set_value, "OCOP Subsidy Claim", claim.name, field, value
				)
		# frappe.client.save / PUT /api/resource: the whole document sent back with new amounts
		doc = frappe.get_doc("OCOP Subsidy Claim", claim.name).as_dict()
		doc.update({"paid_amount": 5 * M, "outstanding_amount": 0, "status": "Đã chi"})
		self.assertRaises(PaymentFieldLockedError, save, frappe.as_json(doc))
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(
				"OCOP Subsidy Claim", claim.name, ["paid_amount", "outstanding_amount", "status"]
			),
			(0, 5 * M, "Đã duyệt"),
		)

	def test_one_payment_job_at_a_time_per_batch(self):
		from rq.job import Job, JobStatus

		from frappe.utils.background_jobs import create_job_id, get_redis_conn

		from ocop_app.factories import make_user
		from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import (
			BatchPaymentRunningError,
			payment_job_id,
			release_payment_lock,
			resume_payments,
			take_payment_lock,
		)

		first, _second, batch = self.two_claims_in_a_batch()
		batch.submit()
		# another request's "Chi tiếp" has started a background job that is paying this batch
		batch.db_set("payment_status", "Đang chi")
		job = Job.create(
			"frappe.ping", id=create_job_id(payment_job_id(batch.name)), connection=get_redis_conn()
		)
		job.set_status(JobStatus.QUEUED)
		job.save()
		make_user("money.ketoan@ocop.vn", "OCOP Finance Officer", "33")
		frappe.set_user("money.ketoan@ocop.vn")
		try:
			self.assertRaises(BatchPaymentRunningError, resume_payments, batch.name)  # queued
			job.set_status(JobStatus.STARTED)
			self.assertTrue(take_payment_lock(batch.name))  # the job's connection holds the batch's lock
			self.assertRaises(BatchPaymentRunningError, resume_payments, batch.name)  # running
			self.assertEqual(
				frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Đang chi"
			)
			# its worker died: the server freed the lock, RQ still lists the job as started
			release_payment_lock(batch.name)
			resume_payments(batch.name)
		finally:
			frappe.set_user("Administrator")
			release_payment_lock(batch.name)
			job.delete()
		self.assertEqual(frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Đã chi")
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", first.name, "paid_amount"), 5 * M)


NEXT_ACTION = {
	"Nháp": "Xã xác nhận",
	"Xã xác nhận": "Chuyển thẩm định",
	"Văn phòng điều phối thẩm định": "Phê duyệt",
}


def packaging_claim(product: str, fund: str, amount: float = 5 * M):
	"""A draft packaging-and-label claim of ``product`` on ``fund``, for ``amount`` claimed and approved."""
	return make_claim(product, fund, PACKAGING, amount, amount)


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


def approved_claim(unit: str, fund: str) -> tuple[str, str]:
	"""A packaging claim approved on ``fund`` (its Journal Entry posted), of a new product recognised
	3 stars in ``unit`` from 2025-01-01: (claim, certificate)."""
	cert = certificate_in(unit, 3, "2025-01-01")
	product = frappe.db.get_value("OCOP Certificate", cert, "product")
	return approve(packaging_claim(product, fund)).name, cert


def payments_of(claim: str, cancelled: bool = False) -> list[str]:
	"""The submitted Payment Entries paying ``claim``'s Journal Entry (and the cancelled ones too)."""
	journal_entry = frappe.db.get_value("OCOP Subsidy Claim", claim, "journal_entry")
	return frappe.get_all(
		"Payment Entry Reference",
		filters={"reference_name": journal_entry, "docstatus": ("in", (1, 2) if cancelled else (1,))},
		pluck="parent",
		distinct=True,
	)


def remove_committed(claims=(), funds=(), certificates=()) -> None:
	"""What a test class committed goes away again, so the next run starts from the same site: each
	claim with its payments (cancelled first, then deleted) and its Journal Entry (cancelled with the claim), the
	funds, and each certificate with its product and producer. The caller commits."""
	from ocop_app.tests.test_workflows import remove_product_and_producer

	for name in claims:
		for pe in payments_of(name):
			frappe.get_doc("Payment Entry", pe).cancel()
		claim = frappe.get_doc("OCOP Subsidy Claim", name)
		if claim.docstatus == 1:
			cancel(claim)
		# these and the ones cancelled before (a cancelled payment batch cancels its entries)
		for pe in payments_of(name, cancelled=True):
			frappe.delete_doc("Payment Entry", pe, force=True)
		frappe.delete_doc("OCOP Subsidy Claim", name, force=True, flags={"ignore_workflow_guard": True})
	for fund in funds:
		frappe.delete_doc("OCOP Fund", fund, force=True)
	for cert in certificates:
		product = frappe.get_doc("OCOP Product", frappe.db.get_value("OCOP Certificate", cert, "product"))
		frappe.delete_doc("OCOP Certificate", cert, force=True)
		remove_product_and_producer(product)


FINANCE_OFFICER = "money.ketoan@ocop.vn"


class TestNoDoublePayment(FrappeTestCase):
	"""20 officials press "pay" on the same claim at once: exactly one Payment Entry."""

	UNIT = "33-12970"  # Xã Tiền Hải, Hưng Yên: kept apart from the other tests' communes

	@classmethod
	def setUpClass(cls):
		from ocop_app.factories import make_user

		super().setUpClass()
		make_policy()
		make_user(FINANCE_OFFICER, "OCOP Finance Officer", "33")
		cls.fund = make_fund(1_000 * M)
		cls.claim, cls.cert = approved_claim(cls.UNIT, cls.fund)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		"""What setUpClass and the threads committed goes away again (the payment, the claim, its fund,
		certificate, product and producer): the next run starts from the same site."""
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove_committed([cls.claim], [cls.fund], [cls.cert])
		frappe.db.commit()
		super().tearDownClass()

	def test_twenty_concurrent_payments_make_one(self):
		import threading

		from ocop_app.accounting.claims import pay_claim

		site, outcomes = frappe.local.site, []

		def attempt():
			frappe.init(site=site)
			frappe.connect()
			frappe.set_user(FINANCE_OFFICER)  # holds only their role and province, as in real use
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
		payments = payments_of(self.claim)
		self.assertEqual(len(outcomes), 20)
		self.assertEqual(outcomes.count("paid"), 1, outcomes)
		self.assertEqual(len(payments), 1)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", self.claim, "paid_amount"), 5 * M)


class TestConcurrentApprovals(FrappeTestCase):
	"""Approvers press "Phê duyệt" on many claims at the same moment, each request on its own
	connection as in production: the fund and the producer's yearly cap are never exceeded."""

	UNIT = "33-12970"
	APPROVER = "money.ubnd@ocop.vn"

	@classmethod
	def setUpClass(cls):
		from ocop_app.factories import make_user

		super().setUpClass()
		make_policy()
		make_user(cls.APPROVER, "OCOP Approver", "33")
		frappe.db.commit()

	def setUp(self):
		self.claims, self.funds, self.certs = [], [], []

	def tearDown(self):
		"""What the threads committed goes away again."""
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove_committed(self.claims, self.funds, self.certs)
		frappe.db.set_value("OCOP Support Policy", "Chính sách thử Hưng Yên", "cap_per_producer_year", 0)
		frappe.db.commit()

	def claim_for_approval(self, product: str, fund: str, support_type: str, amount: float) -> str:
		"""A claim at the leader's step ("Văn phòng điều phối thẩm định"), committed."""
		from ocop_app.workflow_guard import apply_action

		claim = make_claim(product, fund, support_type, amount, amount)
		self.claims.append(claim.name)
		for action in ("Xã xác nhận", "Chuyển thẩm định"):
			claim = apply_action(claim, action)
		frappe.db.commit()
		return claim.name

	def product(self) -> str:
		cert = certificate_in(self.UNIT, 3, "2025-01-01")
		self.certs.append(cert)
		return frappe.db.get_value("OCOP Certificate", cert, "product")

	def fund(self, allocated: float) -> str:
		self.funds.append(make_fund(allocated))
		return self.funds[-1]

	def approve_all_at_once(self, claims: list[str]) -> list[str]:
		import threading

		from ocop_app.workflow_guard import apply_action

		site, outcomes = frappe.local.site, []
		start = threading.Barrier(len(claims))

		def attempt(name):
			frappe.init(site=site)
			frappe.connect()
			frappe.set_user(self.APPROVER)
			try:
				doc = frappe.get_doc("OCOP Subsidy Claim", name)  # the form the leader has open
				start.wait(timeout=60)
				apply_action(doc, "Phê duyệt")
				frappe.db.commit()
				outcomes.append("approved")
			except Exception as e:
				frappe.db.rollback()
				outcomes.append(type(e).__name__)
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=attempt, args=(name,)) for name in claims]
		for t in threads:
			t.start()
		for t in threads:
			t.join(timeout=300)
		frappe.db.rollback()  # this connection reads what the threads committed
		return outcomes

	def approved_total(self, **filters) -> float:
		rows = frappe.get_all(
			"OCOP Subsidy Claim",
			filters={"docstatus": 1, "name": ["in", self.claims], **filters},
			pluck="approved_amount",
		)
		return sum(rows)

	def test_concurrent_approvals_never_overdraw_the_fund(self):
		fund = self.fund(12 * M)  # room for two claims of 5 million
		claims = [self.claim_for_approval(self.product(), fund, PACKAGING, 5 * M) for _ in range(5)]
		outcomes = self.approve_all_at_once(claims)
		self.assertEqual(len(outcomes), 5)
		self.assertEqual(outcomes.count("approved"), 2, outcomes)
		self.assertTrue(set(outcomes) <= {"approved", "ApprovedAmountError", "FundExhaustedError"}, outcomes)
		self.assertEqual(self.approved_total(fund=fund), 10 * M)
		self.assertEqual(frappe.db.get_value("OCOP Fund", fund, "remaining_amount"), 2 * M)

	def test_concurrent_approvals_keep_the_producers_yearly_cap(self):
		frappe.db.set_value("OCOP Support Policy", "Chính sách thử Hưng Yên", "cap_per_producer_year", 10 * M)
		frappe.db.commit()
		product, fund = self.product(), self.fund(1_000 * M)
		claims = [
			self.claim_for_approval(product, fund, support_type, 5 * M)
			for support_type in (PACKAGING, TRADE, REWARD)
		]
		outcomes = self.approve_all_at_once(claims)
		self.assertEqual(outcomes.count("approved"), 2, outcomes)
		self.assertTrue(set(outcomes) <= {"approved", "ApprovedAmountError", "SupportCapError"}, outcomes)
		producer = frappe.db.get_value("OCOP Product", product, "producer")
		self.assertEqual(self.approved_total(producer=producer), 10 * M)
