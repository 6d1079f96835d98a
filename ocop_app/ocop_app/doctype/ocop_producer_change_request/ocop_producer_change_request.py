# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A producer's proposed change of its own record (address, representative, phone, a bank account),
sent from the portal (/ocop/co-so/ho-so) and applied or refused by the commune officer.

Applying saves the producer as the officer (their scope, the producer's own rules). A bank account
is added as a new default row: the payee an approved, unpaid claim froze at approval stays as it is
on the claim, and that account cannot be changed or removed on the producer
(``check_payee_accounts_kept``). The status moves only through the buttons.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from ocop_app.rules import bank, portal


class ChangeRequestStatusError(frappe.ValidationError):
	pass


class EmptyChangeRequestError(frappe.ValidationError):
	pass


class InvalidProposedBankAccountError(frappe.ValidationError):
	pass


class ChangeRequestDecisionNotAllowedError(frappe.PermissionError):
	pass


class OCOPProducerChangeRequest(Document):
	def validate(self):
		self.set_unit()
		self.validate_status_change()
		if self.status == portal.REQUEST_PENDING:
			self.validate_changes()

	def set_unit(self):
		self.administrative_unit = frappe.db.get_value("OCOP Producer", self.producer, "administrative_unit")

	def validate_status_change(self):
		before = self.get_doc_before_save()
		old = before.status if before else None
		forced = old is not None and old != self.status and not self.flags.ocop_request_decision
		if forced or not portal.may_change_request_status(old, self.status):
			frappe.throw(
				_("Trạng thái đề nghị chỉ được đổi bằng các nút Áp dụng hoặc Từ chối."),
				ChangeRequestStatusError,
				title=_("Không được đổi trạng thái trực tiếp"),
			)

	def validate_changes(self):
		for field in ("address", "representative", "phone", "bank", "account_number", "account_holder"):
			self.set(field, (self.get(field) or "").strip() or None)
		bank_values = [self.bank, self.account_number, self.account_holder]
		if any(bank_values) and not all(bank_values):
			frappe.throw(
				_("Tài khoản ngân hàng mới cần đủ ngân hàng, số tài khoản và tên chủ tài khoản."),
				InvalidProposedBankAccountError,
				title=_("Thiếu thông tin tài khoản"),
			)
		if self.account_number:
			self.account_number = bank.normalise_account_number(self.account_number)
			if not bank.is_valid_account_number(self.account_number):
				frappe.throw(
					_("Số tài khoản {0} không hợp lệ (4–19 chữ hoặc số).").format(
						frappe.bold(self.account_number)
					),
					InvalidProposedBankAccountError,
					title=_("Số tài khoản không hợp lệ"),
				)
			if not frappe.db.exists("Bank", self.bank):
				frappe.throw(
					_("Không có ngân hàng {0}.").format(frappe.bold(self.bank)),
					InvalidProposedBankAccountError,
				)
		if not any([self.address, self.representative, self.phone, self.account_number]):
			frappe.throw(
				_("Chưa có nội dung nào được đề nghị thay đổi."),
				EmptyChangeRequestError,
				title=_("Đề nghị trống"),
			)

	@frappe.whitelist(methods=["POST"])
	def apply_request(self):
		return decide(self, portal.REQUEST_APPLIED)

	@frappe.whitelist(methods=["POST"])
	def refuse_request(self, reason: str):
		return decide(self, portal.REQUEST_REFUSED, reason)


def decide(request, status: str, reason: str | None = None) -> dict:
	frappe.db.sql(
		"select name from `tabOCOP Producer Change Request` where name = %s for update", request.name
	)
	request.load_from_db()
	request.check_permission("write")  # the role, and the producer's commune in scope
	refusal = portal.decision_refusal(frappe.session.user, request.requested_by, frappe.get_roles())
	if refusal:
		frappe.throw(
			_("Bạn không thể tự quyết định đề nghị của mình.")
			if refusal == "self"
			else _("Chỉ cán bộ xã (hoặc cán bộ tỉnh, quản trị OCOP) mới xử lý được đề nghị thay đổi."),
			ChangeRequestDecisionNotAllowedError,
			title=_("Không được phép"),
		)
	if request.status != portal.REQUEST_PENDING:
		frappe.throw(
			_("Đề nghị đã được xử lý ({0}).").format(frappe.bold(request.status)),
			ChangeRequestStatusError,
			title=_("Sai trạng thái"),
		)
	if status == portal.REQUEST_REFUSED and not portal.refusal_reason_ok(reason):
		frappe.throw(_("Cần ghi lý do (ít nhất 5 ký tự)."), ChangeRequestStatusError, title=_("Thiếu lý do"))
	if status == portal.REQUEST_APPLIED:
		apply_to_producer(request)
	request.status = status
	request.reason = (reason or "").strip() or None
	request.decided_by = frappe.session.user
	request.decided_on = now_datetime()
	request.flags.ocop_request_decision = True
	request.save()
	notify_requester(request)
	return {"status": request.status}


def apply_to_producer(request) -> None:
	"""The proposed values onto the producer, saved as the deciding official (scope and rules apply)."""
	producer = frappe.get_doc("OCOP Producer", request.producer)
	for field in portal.PROPOSABLE_FIELDS:
		if request.get(field):
			producer.set(field, request.get(field))
	if request.account_number:
		for row in producer.bank_accounts:
			row.is_default = 0
		producer.append(
			"bank_accounts",
			{
				"bank": request.bank,
				"account_number": request.account_number,
				"account_holder": request.account_holder,
				"is_default": 1,
			},
		)
	producer.save()


def notify_requester(request) -> None:
	if not request.requested_by:
		return
	subject = (
		_("Đề nghị thay đổi thông tin chủ thể {0} đã được áp dụng.").format(request.producer_name)
		if request.status == portal.REQUEST_APPLIED
		else _("Đề nghị thay đổi thông tin chủ thể {0} không được chấp nhận. Lý do: {1}").format(
			request.producer_name, request.reason
		)
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": request.requested_by,
			"type": "Alert",
			"document_type": request.doctype,
			"document_name": request.name,
			"subject": subject,
			"from_user": frappe.session.user,
		}
	).insert(ignore_permissions=True)  # a notice to the requester about the decision just taken
