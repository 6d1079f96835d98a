# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Many approved claims paid together: the bank transfer file and one Payment Entry per claim.

A batch DocType rather than ERPNext's Payment Order: a Payment Order is built from Payment
Requests or Payment Entries drawn on one company bank account and has no place for the
beneficiary's VietQR BIN or the transfer note the coordination office's bank wants per line.
Each line is still paid with ERPNext's own Payment Entry (ocop_app.accounting.claims.pay_claim).
"""

import io

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, strip_html

from ocop_app.accounting.claims import pay_claim
from ocop_app.accounting.companies import company_of_claim, is_office_company
from ocop_app.rules.vietqr import payload

# batches of up to this many lines are paid in the submitting request, longer ones in the background
PAY_IN_REQUEST = 25


class BatchClaimError(frappe.ValidationError):
	pass


class BatchPaymentRunningError(frappe.ValidationError):
	pass


class OCOPPaymentBatch(Document):
	def validate(self):
		self.set_company()
		seen = set()
		for row in self.items:
			if row.claim in seen:
				frappe.throw(
					_("Dòng {0}: đề nghị {1} có hai lần.").format(row.idx, row.claim), BatchClaimError
				)
			seen.add(row.claim)
			self.check_company(row)
			self.fill_row(row)
		self.total_amount = sum(flt(r.amount) for r in self.items)
		self.payments = len(self.items)

	def set_company(self):
		"""A batch pays from one office's books: its fund's company, else its first claim's."""
		fund_company = frappe.db.get_value("OCOP Fund", self.fund, "company") if self.fund else None
		if not self.company or (self.is_new() and not is_office_company(self.company)):
			# empty, or the desk's default company of a new form (no province's office)
			self.company = fund_company or (company_of_claim(self.items[0].claim) if self.items else None)
		if fund_company and self.company != fund_company:
			frappe.throw(
				_("Nguồn kinh phí {0} thuộc sổ sách của {1}, không phải {2}.").format(
					frappe.bold(self.fund), frappe.bold(fund_company), frappe.bold(self.company)
				),
				BatchClaimError,
			)

	def check_company(self, row):
		company = company_of_claim(row.claim)
		if company != self.company:
			frappe.throw(
				_("Dòng {0}: đề nghị {1} chi từ sổ sách của {2}; đợt chi này của {3}.").format(
					row.idx, frappe.bold(row.claim), frappe.bold(company), frappe.bold(self.company)
				),
				BatchClaimError,
			)

	def fill_row(self, row):
		claim = frappe.get_doc("OCOP Subsidy Claim", row.claim)
		outstanding = flt(claim.approved_amount) - flt(claim.paid_amount)
		if claim.docstatus != 1 or outstanding <= 0 or not claim.payee_account_number:
			frappe.throw(
				_("Dòng {0}: đề nghị {1} không còn khoản nào phải chi.").format(
					row.idx, frappe.bold(row.claim)
				),
				BatchClaimError,
			)
		# the payee frozen on the claim at approval, never the producer's account of today
		row.producer_name, row.product_name = claim.producer_name, claim.product_name
		row.bank, row.account_number = claim.payee_bank, claim.payee_account_number
		row.account_holder = claim.payee_account_holder
		row.bank_bin = claim.payee_bank_bin or frappe.db.get_value(
			"Bank", claim.payee_bank, "ocop_vietqr_bin"
		)
		row.amount = outstanding
		row.transfer_note = f"OCOP {claim.name} {claim.product_name}"
		row.vietqr = (
			payload(row.bank_bin, row.account_number, row.amount, row.transfer_note) if row.bank_bin else None
		)

	def on_submit(self):
		if len(self.items) <= PAY_IN_REQUEST:
			pay_rows(self)
			return
		# a long batch would outlast the web request: a background job pays it line by line
		start_payments(self)
		frappe.msgprint(
			_("Đang chi {0} khoản ở chế độ nền; mỗi dòng ghi số phiếu chi khi chi xong.").format(
				len(self.items)
			),
			alert=True,
		)

	def on_cancel(self):
		for row in self.items:
			if (
				row.payment_entry
				and frappe.db.get_value("Payment Entry", row.payment_entry, "docstatus") == 1
			):
				pe = frappe.get_doc("Payment Entry", row.payment_entry)
				pe.flags.ignore_permissions = True  # the batch's own cancel was checked (role, company)
				pe.cancel()


def pay_rows(batch, background: bool = False) -> None:
	"""Pay each line that has no live Payment Entry yet. In the background each payment is committed
	on its own with the count of lines paid, and the progress is published to the batch's form; a
	line that cannot be paid is noted on the batch while the others are paid ("Chi tiếp" retries
	the lines left). A stopped run (its worker killed) resumes here: lines already paid are skipped,
	and pay_claim locks the claim and pays only what is still outstanding, so none is paid twice."""
	problems = []
	total, paid = len(batch.items), sum(1 for row in batch.items if line_paid(row))
	for row in batch.items:
		if line_paid(row):
			continue
		frappe.db.savepoint("ocop_batch_line")
		try:
			row.db_set("payment_entry", pay_claim(row.claim))
			paid += 1
		except Exception as e:
			if not background:
				raise
			frappe.db.rollback(save_point="ocop_batch_line")
			problems.append(_("Dòng {0} ({1}): {2}").format(row.idx, row.claim, strip_html(str(e)).strip()))
			frappe.log_error(title=f"OCOP Payment Batch {batch.name}", reference_doctype=batch.doctype)
		finally:
			frappe.local.message_log = []
		if background:
			batch.db_set("paid_count", paid, update_modified=False)
			commit_outside_tests()  # this line's payment and the count, together
			publish_batch_progress(batch, paid, total)
	batch.db_set(
		{
			"payment_status": "Chi chưa xong" if problems else "Đã chi",
			"payment_error": "\n".join(problems) or None,
			"paid_count": paid,
		}
	)
	if background:
		notify_payment_end(batch, paid, total, problems)


def line_paid(row) -> bool:
	return bool(
		row.payment_entry and frappe.db.get_value("Payment Entry", row.payment_entry, "docstatus") == 1
	)


def publish_batch_progress(batch, paid: int, total: int) -> None:
	"""frappe's realtime progress bar on the open batch form (the count is also stored on the batch,
	so a user who left the page sees it again on coming back)."""
	frappe.publish_progress(
		paid * 100 / (total or 1),
		title=_("Đang chi đợt {0}").format(batch.name),
		doctype=batch.doctype,
		docname=batch.name,
		description=_("Đã chi {0}/{1} khoản").format(paid, total),
	)


def notify_payment_end(batch, paid: int, total: int, problems: list[str]) -> None:
	"""A notification to whoever started the payment: the count, and each line that failed."""
	user = batch.payment_started_by or frappe.session.user
	if problems:
		subject = _("Đợt chi {0}: đã chi {1}/{2} khoản; {3} khoản không chi được.").format(
			batch.name, paid, total, len(problems)
		)
	else:
		subject = _("Đợt chi {0}: đã chi xong {1}/{2} khoản.").format(batch.name, paid, total)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"document_type": batch.doctype,
			"document_name": batch.name,
			"subject": subject,
			"email_content": "<br>".join(frappe.utils.escape_html(p) for p in problems) or None,
		}
	).insert(ignore_permissions=True)  # a notice to the user who started this batch's payment
	commit_outside_tests()


def commit_outside_tests() -> None:
	if not frappe.flags.in_test:  # a test keeps its one transaction, rolled back after it
		frappe.db.commit()


def payment_job_id(batch: str) -> str:
	return f"ocop_payment_batch::{batch}"


def payment_lock(batch: str) -> str:
	"""A MariaDB named lock, held by the connection of the job paying the batch. The server frees
	it when that connection ends, so a killed worker leaves no lock behind (names are server-wide:
	the database name keeps sites apart)."""
	return f"{frappe.conf.db_name}:pay:{batch}"[-64:]


def take_payment_lock(batch: str) -> bool:
	return frappe.db.sql("select get_lock(%s, 0)", payment_lock(batch))[0][0] == 1


def release_payment_lock(batch: str) -> None:
	frappe.db.sql("select release_lock(%s)", payment_lock(batch))


def payment_job_running(batch: str) -> bool:
	"""A job queued for the batch, or one paying it now (holding its lock). A job that RQ still
	lists as started but that holds no lock was killed with its worker: it is running no more."""
	from rq.job import JobStatus

	from frappe.utils.background_jobs import get_job_status

	status = get_job_status(payment_job_id(batch))  # frappe adds the site to the id, as enqueue does
	if status == JobStatus.QUEUED:
		return True
	return frappe.db.sql("select is_used_lock(%s)", payment_lock(batch))[0][0] is not None


def start_payments(batch, after_commit: bool = True) -> None:
	"""One background job at most per batch. ``batch`` is read under its row lock by the caller
	(or is being submitted, which holds it): a second "Chi trả"/"Chi tiếp" waits for the first
	to commit, then sees "Đang chi" and a job queued or running, and is refused."""
	from frappe.utils.background_jobs import get_job

	if batch.payment_status == "Đang chi" and payment_job_running(batch.name):
		frappe.throw(
			_("Đợt chi {0} đang được chi ở chế độ nền; hãy chờ tác vụ này xong rồi mới chi tiếp.").format(
				frappe.bold(batch.name)
			),
			BatchPaymentRunningError,
			title=_("Đang chi"),
		)
	stale = get_job(payment_job_id(batch.name))
	if stale:  # finished, failed, or killed with its worker (still "started" for RQ): make way
		stale.delete()
	batch.db_set(
		{"payment_status": "Đang chi", "payment_error": None, "payment_started_by": frappe.session.user}
	)
	# a batch being submitted is queued once committed; "Chi tiếp" queues at once, so the next
	# request, let in when this one commits, already finds the job (the job id keeps it to one)
	enqueue_payments(batch.name, after_commit=after_commit)


def enqueue_payments(batch: str, after_commit: bool = True) -> None:
	frappe.enqueue(
		pay_batch,
		queue="long",
		timeout=3600,
		batch=batch,
		job_id=payment_job_id(batch),
		deduplicate=not frappe.flags.in_test,
		enqueue_after_commit=after_commit,
		now=bool(frappe.flags.in_test),
	)


def pay_batch(batch: str) -> None:
	"""Background job: pay a long batch line by line, committing each payment. Only the job that
	holds the batch's lock pays; another one (a duplicate resume) has nothing to do."""
	if not take_payment_lock(batch):
		return
	try:
		pay_rows(frappe.get_doc("OCOP Payment Batch", batch), background=True)
	finally:
		release_payment_lock(batch)


def resume_stopped_payments() -> None:
	"""Scheduled every minute (hooks.py cron): a batch still "Đang chi" whose job is neither queued nor holding
	the batch's lock was stopped (its worker killed, the server restarted). Pay the lines left, as
	the user who started the payment (their permissions apply again to every line)."""
	for name in frappe.get_all(
		"OCOP Payment Batch", filters={"docstatus": 1, "payment_status": "Đang chi"}, pluck="name"
	):
		if payment_job_running(name):
			continue
		batch = frappe.get_doc("OCOP Payment Batch", name, for_update=True)
		if batch.payment_status != "Đang chi" or payment_job_running(name):
			frappe.db.rollback()
			continue
		scheduler_user = frappe.session.user
		frappe.set_user(batch.payment_started_by or batch.modified_by)
		try:
			start_payments(batch, after_commit=False)
		finally:
			frappe.set_user(scheduler_user)
		commit_outside_tests()


@frappe.whitelist(methods=["POST"])
def resume_payments(batch: str) -> None:
	"""Desk button on a batch whose payments stopped: pay the lines still unpaid. The batch is read
	inside its row lock and permission is checked on that copy."""
	frappe.has_permission("OCOP Payment Batch", "submit", throw=True)  # the role, before any lock
	doc = frappe.get_doc("OCOP Payment Batch", batch, for_update=True)
	doc.check_permission("submit")
	if doc.docstatus != 1 or doc.payment_status not in ("Chi chưa xong", "Đang chi"):
		frappe.throw(
			_("Đợt chi {0} không còn khoản nào chờ chi.").format(frappe.bold(batch)), BatchClaimError
		)
	start_payments(doc, after_commit=False)


@frappe.whitelist()
def get_approved_claims(fund: str | None = None, company: str | None = None) -> list[dict]:
	"""Approved claims with something left to pay, in the user's scope (and the batch's company)."""
	filters = {"docstatus": 1, "status": ["in", ["Đã duyệt", "Đã chi một phần"]]}
	if fund:
		filters["fund"] = fund
	elif company:  # the batch's company: the claims of its funds
		filters["fund"] = ["in", frappe.get_list("OCOP Fund", {"company": company}, pluck="name") or [""]]
	return frappe.get_list(
		"OCOP Subsidy Claim", filters=filters, fields=["name as claim"], limit_page_length=0
	)


@frappe.whitelist()
def download_transfer_file(batch: str, file_format: str = "xlsx") -> None:
	"""The file to upload to the bank: STT, account number, beneficiary, BIN, amount, note."""
	import pandas as pd

	doc = frappe.get_doc("OCOP Payment Batch", batch)
	doc.check_permission("read")
	frame = pd.DataFrame(
		[
			{
				"STT": row.idx,
				"Số tài khoản": row.account_number,
				"Tên người thụ hưởng": row.account_holder,
				"Mã BIN ngân hàng": row.bank_bin,
				"Số tiền": int(flt(row.amount)),
				"Nội dung chuyển khoản": row.transfer_note,
			}
			for row in doc.items
		],
		# the bank's columns, also for a batch with no line yet
		columns=[
			"STT",
			"Số tài khoản",
			"Tên người thụ hưởng",
			"Mã BIN ngân hàng",
			"Số tiền",
			"Nội dung chuyển khoản",
		],
	)
	if file_format == "csv":
		buffer = io.BytesIO()
		frame.to_csv(buffer, index=False, encoding="utf-8-sig")
		frappe.response["type"], frappe.response["filename"] = "download", f"{batch}.csv"
		frappe.response["filecontent"] = buffer.getvalue()
	else:
		from ocop_app.data_exchange import AMOUNT_FORMAT, xlsx_bytes

		# whole đồng with separators, no "đ": the bank's upload reads a plain amount
		frappe.response["filecontent"] = xlsx_bytes(
			{"Sheet1": frame}, {"Sheet1": {"Số tiền": None}}, number_format=AMOUNT_FORMAT
		)
		frappe.response["type"], frappe.response["filename"] = "binary", f"{batch}.xlsx"
