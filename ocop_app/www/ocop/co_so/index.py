"""The producer portal's home: /ocop/co-so — the signed-in user's account and their producer."""

import frappe
from frappe import _

from ocop_app.portal.access import ACCOUNT_DOCTYPE, confirmed_producer, is_producer_user, signed_in_page

no_cache = 1


def get_context(context):
	signed_in_page(context, "/ocop/co-so", _("Cổng thông tin chủ thể OCOP"))
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
