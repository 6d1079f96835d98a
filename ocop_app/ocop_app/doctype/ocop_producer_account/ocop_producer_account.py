# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A website user's link to an OCOP producer (the producer portal).

Made by the sign-up page (ocop_app.portal.signup) as "Chờ xác nhận"; the commune officer of the
producer's commune confirms it (a proposed new producer is made then, in that commune, as the
officer), refuses it with a reason, or later locks it. The status moves only through those
buttons (``confirm`` / ``refuse`` / ``lock``), never by editing the record; the user is told of
the decision by email (when they gave one) and a notification.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from ocop_app.portal.access import clear_cache
from ocop_app.rules import portal
from ocop_app.rules.tax_id import HOUSEHOLD_BUSINESS


class AccountStatusError(frappe.ValidationError):
	pass


class AccountDecisionNotAllowedError(frappe.PermissionError):
	pass


class RefusalReasonMissingError(frappe.ValidationError):
	pass


class DuplicateProducerAccountError(frappe.ValidationError):
	pass


class OCOPProducerAccount(Document):
	def validate(self):
		self.set_from_producer()
		self.validate_status_change()
		self.validate_one_account_per_user()

	def on_update(self):
		clear_cache()

	def set_from_producer(self):
		self.full_name = frappe.db.get_value("User", self.user, "full_name")
		if self.producer:  # the commune is the producer's (a proposed producer's: the one proposed)
			self.administrative_unit = frappe.db.get_value(
				"OCOP Producer", self.producer, "administrative_unit"
			)

	def validate_status_change(self):
		before = self.get_doc_before_save()
		old = before.status if before else None
		if old != self.status and old is not None and not self.flags.ocop_account_decision:
			frappe.throw(
				_("Trạng thái tài khoản chỉ được đổi bằng các nút Xác nhận, Từ chối hoặc Khóa."),
				AccountStatusError,
				title=_("Không được đổi trạng thái trực tiếp"),
			)
		if not portal.may_change_status(old, self.status):
			frappe.throw(
				_("Tài khoản không thể chuyển từ trạng thái {0} sang {1}.").format(
					frappe.bold(old or _("mới")), frappe.bold(self.status)
				),
				AccountStatusError,
				title=_("Sai trạng thái"),
			)

	def validate_one_account_per_user(self):
		other = frappe.db.exists(
			self.doctype,
			{"user": self.user, "name": ["!=", self.name], "status": ["!=", portal.REFUSED]},
		)
		if other:
			frappe.throw(
				_("Người dùng {0} đã có tài khoản chủ thể {1}.").format(frappe.bold(self.user), other),
				DuplicateProducerAccountError,
				title=_("Trùng tài khoản"),
			)

	# ------------------------------------------------------------ the commune officer's decisions
	@frappe.whitelist(methods=["POST"])
	def confirm(self):
		return decide(self, portal.CONFIRMED)

	@frappe.whitelist(methods=["POST"])
	def refuse(self, reason: str):
		return decide(self, portal.REFUSED, reason)

	@frappe.whitelist(methods=["POST"])
	def lock_account(self, reason: str):
		return decide(self, portal.LOCKED, reason)


def decide(account: "OCOPProducerAccount", status: str, reason: str | None = None) -> dict:
	"""The decision of an official on an account: scope and role first, then the status rule."""
	# the row lock: two officers pressing at once decide once (the second sees the first's status)
	frappe.db.sql("select name from `tabOCOP Producer Account` where name = %s for update", account.name)
	account.load_from_db()
	account.check_permission("write")  # the role, and the commune in the official's scope
	refusal = portal.decision_refusal(frappe.session.user, account.user, frappe.get_roles())
	if refusal:
		frappe.throw(
			_("Bạn không thể tự xác nhận tài khoản của mình.")
			if refusal == "self"
			else _("Chỉ cán bộ xã (hoặc cán bộ tỉnh, quản trị OCOP) mới xác nhận được tài khoản chủ thể."),
			AccountDecisionNotAllowedError,
			title=_("Không được phép"),
		)
	if status == account.status or not portal.may_change_status(account.status, status):
		frappe.throw(
			_("Tài khoản đang ở trạng thái {0}: không thể chuyển sang {1}.").format(
				frappe.bold(account.status), frappe.bold(status)
			),
			AccountStatusError,
			title=_("Sai trạng thái"),
		)
	if status in (portal.REFUSED, portal.LOCKED) and not portal.refusal_reason_ok(reason):
		frappe.throw(_("Cần ghi lý do (ít nhất 5 ký tự)."), RefusalReasonMissingError, title=_("Thiếu lý do"))
	if status == portal.CONFIRMED and not account.producer:
		account.producer = make_proposed_producer(account)
	account.status = status
	account.reason = (reason or "").strip() or None
	account.confirmed_by = frappe.session.user
	account.confirmed_on = now_datetime()
	account.flags.ocop_account_decision = True
	account.save()
	notify_decision(account)
	return {"status": account.status, "producer": account.producer}


def make_proposed_producer(account) -> str:
	"""The producer proposed at sign-up, made by the confirming official (their permissions and
	scope apply, and the producer's own rules: tax id, duplicate, commune)."""
	legal_form = HOUSEHOLD_BUSINESS if account.identity_kind == "Số định danh cá nhân" else None
	producer = frappe.get_doc(
		{
			"doctype": "OCOP Producer",
			"producer_name": account.proposed_producer_name,
			"legal_form": legal_form or account.proposed_legal_form or "Doanh nghiệp",
			"tax_id": account.identity,
			"administrative_unit": account.administrative_unit,
			"phone": account.phone,
			"email": account.email if portal.deliverable(account.email) else None,
		}
	).insert()
	return producer.name


def notify_decision(account) -> None:
	"""Tell the user: an email when they gave one, and a notification they see when signed in."""
	messages = {
		portal.CONFIRMED: _("Tài khoản của bạn đã được xác nhận là tài khoản của chủ thể {0}.").format(
			account.producer_name or frappe.db.get_value("OCOP Producer", account.producer, "producer_name")
		),
		portal.REFUSED: _("Đăng ký tài khoản chủ thể của bạn không được xác nhận. Lý do: {0}").format(
			account.reason
		),
		portal.LOCKED: _("Tài khoản chủ thể của bạn đã bị khóa. Lý do: {0}").format(account.reason),
	}
	subject = messages[account.status]
	if portal.deliverable(account.email or account.user):
		try:
			frappe.sendmail(
				recipients=[account.email or account.user],
				subject=_("OCOP: {0}").format(account.status),
				message=frappe.utils.escape_html(subject),
				reference_doctype=account.doctype,
				reference_name=account.name,
			)
		except frappe.OutgoingEmailError:
			# a site with no outgoing email account yet: the notification below still tells the user
			frappe.clear_last_message()
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": account.user,
			"type": "Alert",
			"document_type": account.doctype,
			"document_name": account.name,
			"subject": subject,
			"from_user": frappe.session.user,
		}
	).insert(ignore_permissions=True)  # a notice to the account's user about the decision just taken
