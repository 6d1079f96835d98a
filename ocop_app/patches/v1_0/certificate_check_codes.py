"""The public check page opens a certificate only with its check code: give one to every
certificate made before codes existed (reprint them so that their QR code carries it)."""

import frappe

from ocop_app.rules.public_check import new_check_code


def execute():
	for name in frappe.get_all("OCOP Certificate", filters={"check_code": ["is", "not set"]}, pluck="name"):
		frappe.db.set_value("OCOP Certificate", name, "check_code", new_check_code(), update_modified=False)
