"""Dicts that live as long as one request or job (on ``frappe.local``), made on first use."""

import frappe


def request_memo(name: str) -> dict:
	"""The dict ``frappe.local.<name>`` of this request, made empty the first time it is asked for."""
	memo = getattr(frappe.local, name, None)
	if memo is None:
		memo = {}
		setattr(frappe.local, name, memo)
	return memo
