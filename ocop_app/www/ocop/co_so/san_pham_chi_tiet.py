"""One of the producer's products: /ocop/co-so/san-pham/<product> — its step, dossier items and
evidence per criterion (upload, replace), evaluation results, certificates (PDF) and support."""

import frappe
from frappe import _

from ocop_app.portal.access import signed_in_page
from ocop_app.portal.products import product_view
from ocop_app.portal.support import support_contents

no_cache = 1


def get_context(context):
	signed_in_page(context, "/ocop/co-so/san-pham")  # its title: the product's name, below
	product = frappe.form_dict.get("product")
	# another producer's product, or none: the same refusal (ocop_app.portal.products.own_record)
	context.product = product_view(product)
	context.support = support_contents(product)
	context.title = context.product["product_name"]
	evidence = {}
	for row in context.product["evidence"]:
		evidence.setdefault(row["criterion_code"], []).append(row)
	context.evidence_by_code = evidence
	context.items_by_type = {r["item_type"]: r for r in context.product["dossier_items"]}
	return context
