"""Whitelisted replacements for frappe.client methods that skip permission checks.

``frappe.client.get_count`` counts with frappe.db.count, which applies no permission at all, so a
commune official could count every province's producers through /api/method. For the unit-scoped
OCOP DocTypes the count goes through frappe.get_list instead; other DocTypes keep frappe's method.
"""

import frappe
import frappe.client

from ocop_app.permissions import SCOPED_DOCTYPES


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	if doctype not in SCOPED_DOCTYPES:
		return frappe.client.get_count(doctype, filters=filters, debug=debug, cache=cache)
	rows = frappe.get_list(
		doctype, filters=frappe.client.get_safe_filters(filters), fields=["count(name) as total"]
	)
	return rows[0].total if rows else 0
