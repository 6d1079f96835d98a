"""The producer's products: /ocop/co-so/san-pham — the list with each step in plain words, and
registering a new product (ocop_app.portal.products does the work)."""

from frappe import _

from ocop_app.portal.access import signed_in_page
from ocop_app.portal.products import my_products, product_groups

no_cache = 1


def get_context(context):
	signed_in_page(context, "/ocop/co-so/san-pham", _("Sản phẩm của cơ sở"))
	context.products = my_products()  # refuses (403) anybody who is not a confirmed producer user
	context.groups = product_groups()
	return context
