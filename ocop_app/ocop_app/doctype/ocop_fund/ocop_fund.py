# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A support fund of one year and unit; committed and paid amounts come from the claims."""

import frappe
from frappe.model.document import Document
from frappe.utils import flt

from ocop_app.accounting.companies import set_fund_company
from ocop_app.rules.support import NOT_COUNTED


class OCOPFund(Document):
	def validate(self):
		set_fund_company(self)  # the province's office company keeps the fund's books
		self.set_amounts()

	def set_amounts(self, for_update: bool = False):
		committed, paid = fund_totals(self.name, for_update)
		self.committed_amount, self.paid_amount = committed, paid
		self.remaining_amount = flt(self.allocated_amount) - committed


def fund_totals(fund: str, for_update: bool = False) -> tuple[float, float]:
	"""``for_update``: a locking read, which sees the newest committed claims rather than the
	transaction's snapshot (taken, maybe, before another approval of this fund committed)."""
	filters = {"fund": fund, "docstatus": 1, "status": ["not in", list(NOT_COUNTED)]}
	fields = ["sum(approved_amount) as committed", "sum(paid_amount) as paid"]
	if for_update:
		rows = frappe.qb.get_query("OCOP Subsidy Claim", fields=fields, filters=filters, for_update=True).run(
			as_dict=True
		)
	else:
		rows = frappe.get_all("OCOP Subsidy Claim", filters=filters, fields=fields)
	return flt(rows[0].committed), flt(rows[0].paid)


def refresh_fund(fund: str) -> None:
	"""Under the fund's row lock (claims take it before their own), from the newest claims."""
	doc = frappe.get_doc("OCOP Fund", fund, for_update=True)
	doc.set_amounts(for_update=True)
	doc.db_update()
