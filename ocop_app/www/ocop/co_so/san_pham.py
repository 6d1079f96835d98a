"""The producer's products: /ocop/co-so/san-pham — the list with each step in plain words, and
registering a new product (ocop_app.portal.products does the work)."""

import frappe
from frappe import _

from ocop_app.portal.products import my_products, product_groups

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Sản phẩm của cơ sở")
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/ocop/co-so/san-pham"
		raise frappe.Redirect
	context.products = my_products()  # refuses (403) anybody who is not a confirmed producer user
	context.groups = product_groups()
	return context
