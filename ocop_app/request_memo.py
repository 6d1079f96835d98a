"""Dicts that live as long as one request or job (on ``frappe.local``), made on first use."""

import frappe

MEMOS: set[str] = set()  # the names asked for in this process


def request_memo(name: str) -> dict:
	"""The dict ``frappe.local.<name>`` of this request, made empty the first time it is asked for."""
	memo = getattr(frappe.local, name, None)
	if memo is None:
		memo = {}
		setattr(frappe.local, name, memo)
		MEMOS.add(name)
	return memo


def clear_request_memo(*names: str) -> None:
	"""Empty the memos ``names`` of this request (every memo when none is named), as when what they
	were computed from has changed, or a new request starts."""
	for name in names or tuple(MEMOS):
		setattr(frappe.local, name, {})
