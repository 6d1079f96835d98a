"""Sign-up of a producer's user: /ocop/co-so/dang-ky (ocop_app.portal.signup does the work)."""

import frappe
from frappe import _

from ocop_app.portal.signup import provinces
from ocop_app.rules import portal
from ocop_app.rules.tax_id import LEGAL_FORMS

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Đăng ký tài khoản chủ thể OCOP")
	context.signed_in = frappe.session.user != "Guest"
	context.provinces = provinces()
	context.legal_forms = LEGAL_FORMS
	context.account_kinds = portal.ACCOUNT_KINDS
	context.min_password = portal.MIN_PASSWORD_LENGTH
	return context
