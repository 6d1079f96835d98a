"""The producer portal's home: /ocop/co-so — the signed-in user's account and their producer."""

import frappe
from frappe import _

from ocop_app.portal.access import ACCOUNT_DOCTYPE, confirmed_producer, is_producer_user

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Cổng thông tin chủ thể OCOP")
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/ocop/co-so"
		raise frappe.Redirect
	context.is_producer_user = is_producer_user()
	# the user's own accounts (their status, and the reason of a refusal or a lock)
	context.accounts = frappe.get_all(
		ACCOUNT_DOCTYPE,
		filters={"user": frappe.session.user},
		fields=["name", "status", "producer_name", "proposed_producer_name", "reason", "creation"],
		order_by="creation desc",
	)
	producer = confirmed_producer() if context.is_producer_user else None
	context.producer = (
		frappe.get_doc("OCOP Producer", producer).as_dict(no_default_fields=True) if producer else None
	)
	return context
