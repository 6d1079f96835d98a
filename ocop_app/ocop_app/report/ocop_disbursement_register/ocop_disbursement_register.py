# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Sổ theo dõi chi hỗ trợ: what was approved, for whom, from which fund, what was paid, to which
account and when, and what is still owed; scoped to the user's units (frappe.get_list)."""

import frappe
from frappe import _

from ocop_app.units import subtree


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	money = {"fieldtype": "Currency", "options": "VND", "width": 130}
	return [
		{
			"fieldname": "name",
			"label": _("Subsidy Claim"),
			"fieldtype": "Link",
			"options": "OCOP Subsidy Claim",
			"width": 160,
		},
		{"fieldname": "producer_name", "label": _("Producer Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "product_name", "label": _("Product Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "support_type", "label": _("Support Content"), "fieldtype": "Data", "width": 180},
		{"fieldname": "fund", "label": _("Fund"), "fieldtype": "Link", "options": "OCOP Fund", "width": 160},
		{"fieldname": "approved_amount", "label": _("Approved"), **money},
		{"fieldname": "paid_amount", "label": _("Paid"), **money},
		{"fieldname": "outstanding_amount", "label": _("Outstanding"), **money},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "journal_entry",
			"label": _("Journal Entry"),
			"fieldtype": "Link",
			"options": "Journal Entry",
			"width": 150,
		},
		{
			"fieldname": "payment_entry",
			"label": _("Payment Entry"),
			"fieldtype": "Link",
			"options": "Payment Entry",
			"width": 150,
		},
		{"fieldname": "bank_account", "label": _("Producer Bank Account"), "fieldtype": "Data", "width": 200},
		{"fieldname": "paid_on", "label": _("Date"), "fieldtype": "Date", "width": 100},
	]


def get_data(filters) -> list[dict]:
	conditions = {"docstatus": 1}
	for field in ("fund", "support_type", "fiscal_year", "status"):
		if filters.get(field):
			conditions[field] = filters[field]
	if filters.get("administrative_unit"):
		conditions["administrative_unit"] = ["in", subtree(filters.administrative_unit)]
	claims = frappe.get_list(
		"OCOP Subsidy Claim",
		filters=conditions,
		fields=[
			"name",
			"producer_name",
			"product_name",
			"support_type",
			"fund",
			"approved_amount",
			"paid_amount",
			"outstanding_amount",
			"status",
			"journal_entry",
			"bank_account",
		],
		order_by="creation asc",
		limit_page_length=0,
	)
	entries = [c.journal_entry for c in claims if c.journal_entry]
	payments = {}
	if entries:
		for row in frappe.db.sql(
			"""select r.reference_name, p.name, p.posting_date from `tabPayment Entry Reference` r
			join `tabPayment Entry` p on p.name = r.parent
			where p.docstatus = 1 and r.reference_doctype = 'Journal Entry' and r.reference_name in %(entries)s
			order by p.posting_date""",
			{"entries": entries},
			as_dict=True,
		):
			payments[row.reference_name] = row
	for claim in claims:
		payment = payments.get(claim.journal_entry)
		claim.payment_entry = payment.name if payment else None
		claim.paid_on = payment.posting_date if payment else None
	return claims


def get_summary(data: list[dict]) -> list[dict]:
	total = lambda field: sum(r.get(field) or 0 for r in data)  # noqa: E731
	return [
		{
			"label": _("Approved"),
			"value": total("approved_amount"),
			"datatype": "Currency",
			"currency": "VND",
			"indicator": "blue",
		},
		{
			"label": _("Paid"),
			"value": total("paid_amount"),
			"datatype": "Currency",
			"currency": "VND",
			"indicator": "green",
		},
		{
			"label": _("Outstanding"),
			"value": total("outstanding_amount"),
			"datatype": "Currency",
			"currency": "VND",
			"indicator": "orange",
		},
	]
