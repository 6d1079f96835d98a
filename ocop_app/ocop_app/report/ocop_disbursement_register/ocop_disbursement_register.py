# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Sổ theo dõi chi hỗ trợ: what was approved, for whom, from which fund, what was paid, to which
account and when, and what is still owed; scoped to the user's units (frappe.get_list)."""

import frappe
from frappe import _

from ocop_app.report_common import column, report_result
from ocop_app.units import subtree


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, None, get_summary)


def get_columns() -> list[dict]:
	money = {"fieldtype": "Currency", "options": "VND", "width": 130}
	return [
		column("name", _("Subsidy Claim"), "Link", 160, "OCOP Subsidy Claim"),
		column("producer_name", _("Producer Name"), width=200),
		column("product_name", _("Product Name"), width=180),
		column("support_type", _("Support Content"), width=180),
		column("fund", _("Fund"), "Link", 160, "OCOP Fund"),
		{"fieldname": "approved_amount", "label": _("Approved"), **money},
		{"fieldname": "paid_amount", "label": _("Paid"), **money},
		{"fieldname": "outstanding_amount", "label": _("Outstanding"), **money},
		column("status", _("Status"), width=110),
		column("journal_entry", _("Journal Entry"), "Link", 150, "Journal Entry"),
		column("payment_entry", _("Payment Entry"), "Link", 150, "Payment Entry"),
		column("bank_account", _("Producer Bank Account"), width=200),
		column("paid_on", _("Date"), "Date", 100),
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
