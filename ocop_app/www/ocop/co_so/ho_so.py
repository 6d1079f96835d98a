"""The producer's own record and its change requests: /ocop/co-so/ho-so."""

import frappe
from frappe import _

from ocop_app.portal.access import producer_of, signed_in_page
from ocop_app.portal.own_record import own_record

no_cache = 1


def get_context(context):
	signed_in_page(context, "/ocop/co-so/ho-so", _("Hồ sơ chủ thể"))
	context.record = own_record(producer_of())
	context.banks = frappe.get_all("Bank", pluck="name", order_by="name asc")
	return context
