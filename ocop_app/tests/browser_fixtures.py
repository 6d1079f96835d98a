"""Data for the browser test (tests/browser): a commune official with a password, and a
certificate to open on the public page. Not a test module (no test_ prefix)."""

import frappe

from ocop_app.tests.test_unit_scope import make_user

USER, PASSWORD, UNIT = "browser.xa@ocop.vn", "Ocop@Browser2026", "33-12472"  # Xã Quỳnh Phụ, Hưng Yên


def prepare() -> dict:
	from frappe.utils.password import update_password

	make_user(USER, "OCOP Commune Officer", UNIT)
	frappe.db.set_value(
		"User", USER, {"first_name": "Cán bộ xã Quỳnh Phụ", "language": "vi", "default_workspace": "OCOP Xã"}
	)
	update_password(USER, PASSWORD)
	from ocop_app.ocop_app.doctype.ocop_producer.test_ocop_producer import random_tax_id

	cert = frappe.db.get_value("OCOP Certificate", {"status": "Hiệu lực"}) or make_certificate()
	frappe.db.commit()
	values = {"user": USER, "password": PASSWORD, "certificate": cert, "tax_id": random_tax_id()}
	print("OCOP_BROWSER " + frappe.as_json(values, indent=None))
	return values


def make_certificate() -> str:
	from ocop_app.tests.test_reports import certificate_in

	return certificate_in(UNIT, 4, frappe.utils.today())


def cleanup() -> None:
	"""Remove what the browser test made in its commune (producers, products, certificates, and
	the producers' suppliers and bank accounts). Run by scripts/test on the test site only."""
	for cert in frappe.get_all("OCOP Certificate", filters={"administrative_unit": UNIT}, pluck="name"):
		frappe.delete_doc("OCOP Certificate", cert, force=True, ignore_permissions=True)
	for producer in frappe.get_all(
		"OCOP Producer", filters={"administrative_unit": UNIT}, fields=["name", "supplier"]
	):
		for product in frappe.get_all("OCOP Product", filters={"producer": producer.name}, pluck="name"):
			frappe.delete_doc("OCOP Product", product, force=True, ignore_permissions=True)
		frappe.delete_doc("OCOP Producer", producer.name, force=True, ignore_permissions=True)
		if producer.supplier:
			for account in frappe.get_all("Bank Account", filters={"party": producer.supplier}, pluck="name"):
				frappe.delete_doc("Bank Account", account, force=True, ignore_permissions=True)
			frappe.delete_doc("Supplier", producer.supplier, force=True, ignore_permissions=True)
	frappe.db.commit()
