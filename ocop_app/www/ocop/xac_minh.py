"""Public certificate check: /ocop/xac-minh/<certificate_no>?ma=<check code> (the certificate's QR
code points here; the code is also printed beside it for people who type it).

Shows only what the certificate itself states (product, producer, star, decision, validity,
status). A number without its check code, or unknown, is answered "not found" with HTTP 404, so
that certificates cannot be listed by counting numbers. Each client address gets a few checks a
minute (an atomic Redis counter); behind nginx the address is read as
``ocop_app.rules.public_check.client_address`` says (site config ``ocop_trusted_proxies``).
Every value is escaped by the template (``{% autoescape true %}``). The certificate is read from
the read replica when the site has one (frappe's read-only path; see ocop_app.replica).
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from ocop_app.rules.public_check import DEFAULT_TRUSTED_PROXIES, client_address, codes_match

no_cache = 1
CHECKS_PER_MINUTE = 30
WINDOW_SECONDS = 60
MAX_NUMBER_LENGTH = 40
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
		context.http_status_code = 429
		context.error = _("Bạn kiểm tra quá nhiều lần trong một phút. Vui lòng thử lại sau.")
		return context
	# the page's own form sends the number as ?so= (its action is /ocop/xac-minh/tra-cuu)
	number = (frappe.form_dict.get("so") or frappe.form_dict.get("certificate_no") or "").strip()
	code = (frappe.form_dict.get("ma") or "").strip()[:MAX_NUMBER_LENGTH]
	context.certificate_no = number[:MAX_NUMBER_LENGTH]
	context.check_code = code
	context.certificate = read_certificate(number, code)
	if not context.certificate:
		context.http_status_code = 404
		return context
	cert = context.certificate
	cert.expired = cert.status == "Hiệu lực" and getdate(cert.valid_to) < getdate(today())
	cert.valid = cert.status == "Hiệu lực" and not cert.expired
	return context


@frappe.read_only()  # from the read replica when the site has one (ocop_app.replica)
def read_certificate(number: str, code: str):
	"""The certificate's public fields and the address of its unit, or None (see find_certificate)."""
	cert = find_certificate(number, code)
	if cert:
		cert.address = frappe.db.get_value(
			"OCOP Administrative Unit",
			frappe.db.get_value("OCOP Certificate", cert.name, "administrative_unit"),
			"full_name",
		)
	return cert


def find_certificate(number: str, code: str):
	"""The certificate's public fields, only when the number and its check code both match."""
	if not number or len(number) > MAX_NUMBER_LENGTH:
		return None
	# a public page: the guest reads only PUBLIC_FIELDS of the one certificate its code opens
	rows = frappe.get_all(
		"OCOP Certificate", filters={"name": number}, fields=[*PUBLIC_FIELDS, "check_code"], limit=1
	)
	if not rows or not codes_match(code, rows[0].pop("check_code")):
		return None
	return rows[0]


def request_client_address() -> str:
	request = getattr(frappe.local, "request", None)
	peer = getattr(request, "remote_addr", None) if request else None
	if not request:
		return getattr(frappe.local, "request_ip", None) or "unknown"
	trusted = frappe.conf.get("ocop_trusted_proxies") or DEFAULT_TRUSTED_PROXIES
	return client_address(peer, request.headers.get("X-Forwarded-For"), trusted)


def over_rate_limit() -> bool:
	"""Fixed one-minute window per client, counted atomically (SET NX EX + INCR in one MULTI)."""
	key = frappe.cache.make_key(f"ocop_certificate_check:{request_client_address()}")
	pipe = frappe.cache.pipeline(transaction=True)
	pipe.set(key, 0, ex=WINDOW_SECONDS, nx=True)
	pipe.incr(key)
	count = pipe.execute()[-1]
	return count > CHECKS_PER_MINUTE
