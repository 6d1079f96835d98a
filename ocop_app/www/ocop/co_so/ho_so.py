"""The producer's own record and its change requests: /ocop/co-so/ho-so."""

import frappe
from frappe import _

from ocop_app.portal.access import producer_of
from ocop_app.portal.own_record import own_record

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Hồ sơ chủ thể")
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/ocop/co-so/ho-so"
		raise frappe.Redirect
	context.record = own_record(producer_of())
	context.banks = frappe.get_all("Bank", pluck="name", order_by="name asc")
	return context
