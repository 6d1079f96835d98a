# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""OCOP certificates: made by recognition decisions, ended by revocation, expiry or a newer one.

Certificates are never typed: only the decisions and the daily expiry job change them, and the
product's star always follows its active certificate.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import add_days, add_months, getdate, today

from ocop_app.rules.public_check import new_check_code

ACTIVE, EXPIRED, REVOKED, SUPERSEDED, CANCELLED = "Hiệu lực", "Hết hạn", "Thu hồi", "Thay thế", "Hủy"
REMIND_DAYS_BEFORE_EXPIRY = 30


class OCOPCertificate(Document):
	def before_insert(self):
		# the public check page opens a certificate only with this code (not enumerable by number)
		self.check_code = self.check_code or new_check_code()


def make_certificate(item, decision, months: int) -> str:
	"""Issue the certificate of one recognised product; older active ones are superseded."""
	product = frappe.db.get_value(
		"OCOP Product", item.product, ["producer", "administrative_unit", "province"], as_dict=True
	)
	valid_from = getdate(decision.decision_date)
	doc = frappe.get_doc(
		{
			"doctype": "OCOP Certificate",
			"certificate_no": make_autoname("OCOP-GCN-.YYYY.-.#####"),
			"product": item.product,
			"producer": product.producer,
			"administrative_unit": product.administrative_unit,
			"province": product.province,
			"star": item.star,
			"status": ACTIVE,
			"valid_from": valid_from,
			"valid_to": add_days(add_months(valid_from, months), -1),
			"recognition_decision": decision.name,
			"decision_no": decision.decision_no,
			"decision_date": decision.decision_date,
			"evaluation": item.evaluation,
		}
	)
	doc.insert(
		ignore_permissions=True
	)  # issued by a decision submitted in scope (no role creates certificates)
	for older in frappe.get_all(
		"OCOP Certificate",
		filters={"product": item.product, "status": ACTIVE, "name": ["!=", doc.name]},
		pluck="name",
	):
		frappe.db.set_value("OCOP Certificate", older, {"status": SUPERSEDED, "superseded_by": doc.name})
	return doc.name


def active_certificate(product: str, on_date=None) -> dict | None:
	"""The product's certificate in force on ``on_date`` (today by default)."""
	on_date = getdate(on_date or today())
	rows = frappe.get_all(
		"OCOP Certificate",
		filters={
			"product": product,
			"status": ACTIVE,
			"valid_from": ["<=", on_date],
			"valid_to": [">=", on_date],
		},
		fields=["name", "star", "valid_from", "valid_to"],
		order_by="valid_from desc",
		limit=1,
	)
	return rows[0] if rows else None


def latest_certificate(product: str) -> dict | None:
	rows = frappe.get_all(
		"OCOP Certificate",
		filters={"product": product, "status": ["in", [ACTIVE, EXPIRED]]},
		fields=["name", "star", "status", "valid_to"],
		order_by="valid_from desc",
		limit=1,
	)
	return rows[0] if rows else None


def refresh_product_star(product: str) -> None:
	"""The product's star is that of its active certificate (0 when it has none)."""
	cert = active_certificate(product)
	doc = frappe.get_doc("OCOP Product", product)
	star = cert.star if cert else 0
	if (doc.star_rating or 0) != star:
		doc.star_rating = star
		doc.flags.allow_star_rating = True
		doc.flags.ignore_permissions = True  # the star follows the certificates (decision, expiry job)
		doc.save()


def mark_expired_certificates() -> int:
	"""Daily: certificates past their end date become "Hết hạn" and their products lose the star."""
	expired = frappe.get_all(
		"OCOP Certificate", filters={"status": ACTIVE, "valid_to": ["<", today()]}, fields=["name", "product"]
	)
	for row in expired:
		frappe.db.set_value("OCOP Certificate", row.name, "status", EXPIRED)
		refresh_product_star(row.product)
	return len(expired)


def notify_expiring_certificates() -> int:
	"""Daily: remind the officials of the product's units and the producer, 30 days ahead."""
	limit = add_days(today(), REMIND_DAYS_BEFORE_EXPIRY)
	due = frappe.get_all(
		"OCOP Certificate",
		filters={"status": ACTIVE, "valid_to": ["<=", limit], "expiry_notified": 0},
		fields=["name", "product", "product_name", "producer", "administrative_unit", "valid_to", "star"],
	)
	for cert in due:
		subject = _("Giấy chứng nhận OCOP {0} ({1}, {2} sao) hết hiệu lực ngày {3}").format(
			cert.name, cert.product_name, cert.star, frappe.format(cert.valid_to, "Date")
		)
		for user in officials_of(cert.administrative_unit):
			alert(user, cert, subject)  # daily job: a notice to the certificate's own officials
		notify_producer_users(cert, subject)
		email = frappe.db.get_value("OCOP Producer", cert.producer, "email")
		if email:
			frappe.sendmail(
				recipients=[email],
				subject=subject,
				message=_(
					"Sản phẩm {0} cần được đánh giá lại trước khi giấy chứng nhận hết hiệu lực. "
					"Vui lòng liên hệ cán bộ OCOP cấp xã để đăng ký."
				).format(cert.product_name),
				reference_doctype="OCOP Certificate",
				reference_name=cert.name,
				delayed=True,
			)
		frappe.db.set_value("OCOP Certificate", cert.name, "expiry_notified", 1)
	return len(due)


def notify_producer_users(cert, subject: str) -> None:
	"""The producer's confirmed portal users: a notification (shown on the portal and mailed)."""
	from ocop_app.portal.products import producer_users

	for user in producer_users(cert.producer):
		alert(  # daily job: a notice to the certificate's own producer
			user,
			cert,
			subject,
			email_content=_(
				"Sản phẩm {0} cần được đánh giá lại trước khi giấy chứng nhận hết hiệu lực. "
				"Đăng ký đánh giá lại trên trang Sản phẩm của cổng thông tin chủ thể OCOP."
			).format(cert.product_name),
		)


def alert(user: str, cert, subject: str, **extra) -> None:
	"""An alert about ``cert`` in ``user``'s notifications (``extra``: e.g. its ``email_content``)."""
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"document_type": "OCOP Certificate",
			"document_name": cert.name,
			"subject": subject,
			**extra,
		}
	).insert(ignore_permissions=True)  # trusted callers: the daily expiry job's notices


def officials_of(unit: str) -> list[str]:
	"""Enabled users with a User Permission on the unit or one of its ancestors."""
	if not unit:
		return []
	units = [unit, *frappe.get_all(
		"OCOP Administrative Unit",
		filters={
			"lft": ["<", frappe.db.get_value("OCOP Administrative Unit", unit, "lft")],
			"rgt": [">", frappe.db.get_value("OCOP Administrative Unit", unit, "rgt")],
		},
		pluck="name",
	)]  # fmt: skip
	users = frappe.get_all(
		"User Permission",
		filters={"allow": "OCOP Administrative Unit", "for_value": ["in", units]},
		pluck="user",
		distinct=True,
	)
	return [u for u in users if frappe.db.get_value("User", u, "enabled")]


def run_daily() -> None:
	mark_expired_certificates()
	notify_expiring_certificates()
