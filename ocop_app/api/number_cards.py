"""Money number cards in the units officials report in ("995 triệu đồng", "1,25 tỷ đồng").

frappe's own cards shorten to "995 M" and put the currency symbol inside the number; a Custom
number card that returns text is shown as it is. The sums go through frappe.get_list, so each
reader sees the funds of their own units only (permission hooks on OCOP Fund).
"""

import frappe
from frappe.utils import flt

from ocop_app.rules.vn_words import short_vnd


def fund_total(field: str) -> str:
	frappe.has_permission("OCOP Fund", "read", throw=True)
	rows = frappe.get_list("OCOP Fund", fields=[f"sum({field}) as total"])
	return short_vnd(round(flt(rows[0].total if rows else 0)))


@frappe.whitelist()
def funds_paid(filters: str | dict | None = None) -> str:
	return fund_total("paid_amount")


@frappe.whitelist()
def funds_remaining(filters: str | dict | None = None) -> str:
	return fund_total("remaining_amount")
