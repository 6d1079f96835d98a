"""Fill the producers' product count and best star, kept by OCOP Product from now on."""

from ocop_app.ocop_app.doctype.ocop_product.ocop_product import refresh_producer_stats


def execute():
	refresh_producer_stats()
