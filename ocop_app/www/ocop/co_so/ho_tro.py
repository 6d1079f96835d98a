"""The producer's support claims: /ocop/co-so/ho-tro — each step in plain words, to payment."""

import frappe
from frappe import _

from ocop_app.portal.support import my_claims

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Đề nghị hỗ trợ")
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/ocop/co-so/ho-tro"
		raise frappe.Redirect
	context.claims = my_claims()
	return context
