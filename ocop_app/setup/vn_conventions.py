"""Vietnamese public-finance conventions for the whole site: VND in whole đồng ("5.000.000 đ"),
dates dd/mm/yyyy, and each OCOP DocType printing on its own print format by default.

How frappe 15 formats money, and why these settings:

- Python (prints, ``frappe.format``) takes a Currency field's decimals from the field's
  ``precision``, else from System Settings ``currency_precision`` — but ``cint("0")`` is false, so
  a currency precision of 0 falls back to the number format's decimals (2 for ``#.###,##``).
  The desk (JS) honours ``currency_precision = "0"``. Every Currency field of the app therefore
  gets a ``precision`` 0 Property Setter, and prints use ``ocop_app.printing.vnd``.
- The number format ``#.###`` would drop the decimals of every Float too (average scores,
  star-band bounds such as 69,99), which is why frappe's own setup wizard turns Vietnam's
  ``#.###`` into ``#.###,##``: that is what the site uses, with currency precision 0.
- The VND Currency record: symbol ``đ`` after the amount, no fraction, smallest fraction 1 đồng.

- ERPNext's vouchers that the app posts (a claim's approval: Journal Entry; its payment: Payment
  Entry) are VND too: their Currency fields get the same ``precision`` 0 Property Setter
  (``VOUCHER_DOCTYPES``), so their forms and prints read "5.000.000 đ", not "5.000.000,00 đ". An
  OCOP site keeps its books in VND (a Company per province); a site that also keeps books in a
  currency with cents would round those to whole units, and should delete these Property Setters.

Site-wide settings are applied once per version of this list (``CONVENTIONS_VERSION``) so that an
administrator's later choices stay; the per-field precision and the default print formats are
created only where missing, on install and after every migrate.
"""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

CONVENTIONS_VERSION = "1"
VERSION_KEY = "ocop_vn_conventions"
MODULE = "OCOP App"

SYSTEM_SETTINGS = {
	"date_format": "dd/mm/yyyy",
	"number_format": "#.###,##",
	"currency_precision": "0",
	"first_day_of_the_week": "Monday",
}

VND = {
	"symbol": "đ",
	"symbol_on_right": 1,
	"fraction": "",
	"fraction_units": 0,
	"smallest_currency_fraction_value": 1,
	"number_format": "#.###",
	"enabled": 1,
}

# ERPNext's vouchers the app posts, with their child tables
VOUCHER_DOCTYPES = (
	"Journal Entry",
	"Journal Entry Account",
	"Payment Entry",
	"Payment Entry Reference",
	"Payment Entry Deduction",
)

# each OCOP DocType prints on its own format first (Print, PDF and the print view)
DEFAULT_PRINT_FORMATS = {
	"OCOP Certificate": "Giấy chứng nhận sản phẩm OCOP",
	"OCOP Recognition Decision": "Quyết định công nhận sản phẩm OCOP",
	"OCOP Revocation Decision": "Quyết định thu hồi giấy chứng nhận OCOP",
	"OCOP Score Sheet": "Phiếu chấm OCOP",
	"OCOP Evaluation": "Tổng hợp kết quả đánh giá OCOP",
	"OCOP Payment Batch": "Lệnh chuyển khoản OCOP",
	"OCOP Subsidy Claim": "Đề nghị hỗ trợ OCOP",
	"OCOP Fund": "Tình hình sử dụng kinh phí OCOP",
}


def apply_vn_conventions() -> None:
	if frappe.db.get_default(VERSION_KEY) != CONVENTIONS_VERSION:
		set_site_settings()
		frappe.db.set_default(VERSION_KEY, CONVENTIONS_VERSION)
	set_currency_precision()
	set_default_print_formats()


def after_setup_wizard(args=None) -> None:
	"""hooks ``setup_wizard_complete``: the wizard has just written its country's formats."""
	set_site_settings()
	frappe.db.set_default(VERSION_KEY, CONVENTIONS_VERSION)


def set_site_settings() -> None:
	frappe.db.set_single_value("System Settings", SYSTEM_SETTINGS)
	for key, value in SYSTEM_SETTINGS.items():
		frappe.db.set_default(key, value)  # what frappe.db.get_default and the desk's boot read
	if frappe.db.exists("Currency", "VND"):
		frappe.db.set_value("Currency", "VND", VND)
	# the site's money is VND (the setup wizard already says so on an OCOP site; a test site's may not)
	if frappe.db.exists("DocType", "Global Defaults"):
		frappe.db.set_single_value("Global Defaults", "default_currency", "VND")
	frappe.db.set_default("currency", "VND")
	frappe.clear_cache()


def currency_fields() -> list[tuple[str, str]]:
	"""(DocType, fieldname) of every Currency field of the app, child tables included."""
	doctypes = frappe.get_all("DocType", filters={"module": MODULE}, pluck="name")
	return [
		(f.parent, f.fieldname)
		for f in frappe.get_all(
			"DocField",
			filters={"parent": ("in", doctypes), "fieldtype": "Currency"},
			fields=["parent", "fieldname"],
		)
	]


def voucher_currency_fields() -> list[tuple[str, str]]:
	"""(DocType, fieldname) of the Currency fields of the ERPNext vouchers the app posts."""
	return [
		(f.parent, f.fieldname)
		for f in frappe.get_all(
			"DocField",
			filters={"parent": ("in", VOUCHER_DOCTYPES), "fieldtype": "Currency"},
			fields=["parent", "fieldname"],
		)
	]


def set_currency_precision() -> None:
	"""VND amounts show and round to whole đồng: precision 0 wherever the site has not chosen one."""
	for doctype, fieldname in currency_fields() + voucher_currency_fields():
		if not frappe.db.exists(
			"Property Setter", {"doc_type": doctype, "field_name": fieldname, "property": "precision"}
		):
			make_property_setter(
				doctype, fieldname, "precision", "0", "Select", validate_fields_for_doctype=False
			)


def set_default_print_formats() -> None:
	for doctype, print_format in DEFAULT_PRINT_FORMATS.items():
		if not frappe.db.exists("Print Format", print_format) or not frappe.db.exists("DocType", doctype):
			continue
		if frappe.db.exists(
			"Property Setter",
			{"doc_type": doctype, "property": "default_print_format", "doctype_or_field": "DocType"},
		):
			continue  # the site's own choice stays
		make_property_setter(
			doctype, None, "default_print_format", print_format, "Data", for_doctype=True,
			validate_fields_for_doctype=False,
		)  # fmt: skip
