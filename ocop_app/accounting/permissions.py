"""Who sees which ERPNext accounting records: OCOP officials see their own province's books.

ERPNext's own User Permission on Company (given to finance officers by
ocop_app.accounting.companies) already keeps lists and forms of Journal Entries, Payment Entries,
GL Entries and payment batches to the officer's company. These hooks hold the same line when that
permission is missing or was set not to apply: an OCOP official (a user with an OCOP role and no
national role) sees the books of the companies of the provinces in their unit scope, and only the
Suppliers and Bank Accounts of producers in that scope (plus their companies' own bank accounts);
the child rows of those books (journal lines, payment references, batch lines) follow their parent.
Users without an OCOP role (the site's own accountants) are left to ERPNext's permissions.

Hooks on the single document return False to refuse and None to defer (to other hooks and the
role permissions): frappe stops at the first hook that answers.
"""

import frappe

from ocop_app.accounting.companies import BOOKS_COMPANIES, PROVINCE_FIELD
from ocop_app.permissions import get_unit_scope
from ocop_app.request_memo import request_memo

COMPANY_DOCTYPES = ("Journal Entry", "Payment Entry", "GL Entry", "OCOP Payment Batch")


def official_scope(user: str | None = None) -> set[str] | None:
	"""The units of an OCOP official, or None when ERPNext's permissions alone apply."""
	user = user or frappe.session.user
	if user == "Administrator" or not any(r.startswith("OCOP ") for r in frappe.get_roles(user)):
		return None
	return get_unit_scope(user)  # None for the national roles


def allowed_companies(user: str | None = None) -> list[str] | None:
	"""The office companies whose books ``user`` may see, or None when not restricted."""
	user = user or frappe.session.user
	scope = official_scope(user)
	if scope is None:
		return None
	cache = request_memo(BOOKS_COMPANIES)
	if user not in cache:
		cache[user] = (
			frappe.get_all("Company", filters={PROVINCE_FIELD: ["in", list(scope)]}, pluck="name")
			if scope
			else []
		)
	return cache[user]


def in_list(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in sorted(values))


# ------------------------------------------------------------------ Company-held records
def company_query(user: str | None = None, doctype: str | None = None) -> str:
	companies = allowed_companies(user)
	if companies is None:
		return ""
	if not companies:
		return "1=0"
	return f"`tab{doctype}`.`company` in ({in_list(companies)})"


def company_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	companies = allowed_companies(user)
	if companies is None:
		return None
	if not doc.get("company"):
		return None if ptype == "create" else False
	return None if doc.company in companies else False


# child rows read on their own (frappe.client.get_list(child, parent=...) checks only the parent's role)
CHILD_TABLES = {
	"Journal Entry Account": "Journal Entry",
	"Payment Entry Reference": "Payment Entry",
	"Payment Entry Deduction": "Payment Entry",
	"OCOP Payment Batch Item": "OCOP Payment Batch",
}


def child_company_query(user: str | None = None, doctype: str | None = None) -> str:
	companies = allowed_companies(user)
	if companies is None:
		return ""
	if not companies:
		return "1=0"
	parent = CHILD_TABLES[doctype]
	return f"`tab{doctype}`.`parent` in (select `name` from `tab{parent}` where `company` in ({in_list(companies)}))"


# ------------------------------------------------------------------ producers' Suppliers and Bank Accounts
def supplier_condition(scope: set[str]) -> str:
	return f"`tabSupplier`.`ocop_administrative_unit` in ({in_list(scope)})" if scope else "1=0"


def supplier_query(user: str | None = None, doctype: str | None = None) -> str:
	scope = official_scope(user)
	return "" if scope is None else supplier_condition(scope)


def supplier_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	scope = official_scope(user)
	if scope is None:
		return None
	return None if doc.get("ocop_administrative_unit") in scope else False


def bank_account_query(user: str | None = None, doctype: str | None = None) -> str:
	scope = official_scope(user)
	if scope is None:
		return ""
	companies = allowed_companies(user)
	own = (
		f"(`tabBank Account`.`is_company_account` = 1 and `tabBank Account`.`company` in ({in_list(companies)}))"
		if companies
		else "1=0"
	)
	producers = (
		"(`tabBank Account`.`party_type` = 'Supplier' and `tabBank Account`.`party` in "
		f"(select `tabSupplier`.`name` from `tabSupplier` where {supplier_condition(scope)}))"
	)
	return f"({own} or {producers})"


def bank_account_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	scope = official_scope(user)
	if scope is None:
		return None
	if doc.get("is_company_account"):
		return None if doc.get("company") in (allowed_companies(user) or []) else False
	if doc.get("party_type") == "Supplier" and doc.get("party"):
		unit = frappe.db.get_value("Supplier", doc.party, "ocop_administrative_unit")
		return None if unit in scope else False
	return False
