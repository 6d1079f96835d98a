"""The producer's support claims: /ocop/co-so/ho-tro — each step in plain words, to payment."""

from frappe import _

from ocop_app.portal.access import signed_in_page
from ocop_app.portal.support import my_claims

no_cache = 1


def get_context(context):
	signed_in_page(context, "/ocop/co-so/ho-tro", _("Đề nghị hỗ trợ"))
	context.claims = my_claims()
	return context
