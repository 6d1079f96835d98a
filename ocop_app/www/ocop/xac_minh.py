"""Public certificate check: /ocop/xac-minh/<certificate_no> (the certificate's QR code points here).

Shows only what the certificate itself states (product, producer, star, decision, validity,
status); unknown numbers get a plain "not found"; each address is limited to a few checks a
minute.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

no_cache = 1
CHECKS_PER_MINUTE = 30
PUBLIC_FIELDS = (
	"name",
	"product_name",
	"producer_name",
	"star",
	"status",
	"valid_from",
	"valid_to",
	"decision_no",
	"decision_date",
	"revocation_reason",
)


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Kiểm tra giấy chứng nhận OCOP")
	if over_rate_limit():
		frappe.local.response["http_status_code"] = 429
		context.error = _("Bạn kiểm tra quá nhiều lần trong một phút. Vui lòng thử lại sau.")
		return context
	number = (frappe.form_dict.get("certificate_no") or "").strip()
	context.certificate_no = number
	context.certificate = find_certificate(number)
	if not context.certificate:
		frappe.local.response["http_status_code"] = 404
		return context
	cert = context.certificate
	cert.address = frappe.db.get_value(
		"OCOP Administrative Unit",
		frappe.db.get_value("OCOP Certificate", cert.name, "administrative_unit"),
		"full_name",
	)
	cert.expired = cert.status == "Hiệu lực" and getdate(cert.valid_to) < getdate(today())
	cert.valid = cert.status == "Hiệu lực" and not cert.expired
	return context


def find_certificate(number: str):
	if not number or len(number) > 40:
		return None
	rows = frappe.get_all("OCOP Certificate", filters={"name": number}, fields=list(PUBLIC_FIELDS), limit=1)
	return rows[0] if rows else None


def over_rate_limit() -> bool:
	ip = getattr(frappe.local, "request_ip", None) or "unknown"
	key = f"ocop_certificate_check:{ip}"
	count = (frappe.cache.get_value(key) or 0) + 1
	frappe.cache.set_value(key, count, expires_in_sec=60)
	return count > CHECKS_PER_MINUTE
