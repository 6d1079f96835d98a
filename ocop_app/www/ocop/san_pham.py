"""Public product page: /ocop/san-pham/<product>[?tem=<serial>] (the product's QR code and its
stamps point here).

Facts only: product, producer, commune/province, current star and certificate status with its
validity, and the certificate check link; "không còn hiệu lực" when the certificate is expired or
revoked; an unknown product is a 404; a stamp serial that was never issued for the product is
a warning. Values are escaped in the template (www Jinja has no autoescape).
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from ocop_app.ocop_app.doctype.ocop_stamp_batch.ocop_stamp_batch import check_serial
from ocop_app.printing import certificate_check_url

no_cache = 1
VIEWS_PER_MINUTE = 60
SHOWN_STATUSES = ("Hiệu lực", "Hết hạn", "Thu hồi")


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Sản phẩm OCOP")
	if over_rate_limit():
		context.http_status_code = 429
		context.error = _("Bạn tra cứu quá nhiều lần trong một phút. Vui lòng thử lại sau.")
		return context
	name = (frappe.form_dict.get("product") or "").strip()
	context.product = find_product(name)
	if not context.product:
		context.http_status_code = 404  # what frappe's template page answers with
		return context
	context.product.address = frappe.db.get_value(
		"OCOP Administrative Unit", context.product.administrative_unit, "full_name"
	)
	context.certificate = current_certificate(context.product.name)
	context.stamp = check_serial(context.product.name, (frappe.form_dict.get("tem") or "")[:40])
	context.serial = (frappe.form_dict.get("tem") or "")[:40]
	context.title = context.product.product_name
	return context


def find_product(name: str):
	if not name or len(name) > 40:
		return None
	rows = frappe.get_all(
		"OCOP Product",
		filters={"name": name},
		fields=["name", "product_name", "producer_name", "administrative_unit", "product_group"],
		limit=1,
	)
	return rows[0] if rows else None


def current_certificate(product: str):
	"""The product's latest certificate that was in force (valid, expired or revoked)."""
	rows = frappe.get_all(
		"OCOP Certificate",
		filters={"product": product, "status": ["in", list(SHOWN_STATUSES)]},
		fields=["name", "star", "status", "valid_from", "valid_to", "revocation_reason"],
		order_by="valid_from desc",
		limit=1,
	)
	if not rows:
		return None
	cert = rows[0]
	cert.valid = cert.status == "Hiệu lực" and getdate(cert.valid_to) >= getdate(today())
	cert.revoked = cert.status == "Thu hồi"
	cert.check_url = certificate_check_url(cert.name)
	return cert


def over_rate_limit() -> bool:
	ip = getattr(frappe.local, "request_ip", None) or "unknown"
	key = f"ocop_product_page:{ip}"
	count = (frappe.cache.get_value(key) or 0) + 1
	frappe.cache.set_value(key, count, expires_in_sec=60)
	return count > VIEWS_PER_MINUTE
