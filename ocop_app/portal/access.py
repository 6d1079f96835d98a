"""Which producer a portal user acts for: the one answer every portal page and method asks.

A producer user is a website user holding the role ``OCOP Producer User`` (and no official's
role) whose ``OCOP Producer Account`` the commune officer has confirmed. Until then — and after a
refusal or a lock — the user is nobody's producer: ``producer_of`` refuses, and the authorization
module (``ocop_app.permissions``, through ``producer_scope``) shows them no record at all.
"""

import frappe
from frappe import _

from ocop_app import security_matrix as matrix
from ocop_app.exceptions import NotConfirmedProducerError
from ocop_app.request_memo import clear_request_memo, request_memo
from ocop_app.rules.portal import CONFIRMED

PRODUCER_ROLE = matrix.PRODUCER_ROLE
ACCOUNT_DOCTYPE = "OCOP Producer Account"
PRODUCER_OF = "ocop_producer_of"  # request memo: {user: the producer of their confirmed account}
# a user who holds any of these is an official (scoped by units), never a producer user
OFFICIAL_ROLES = frozenset((*matrix.OCOP_ROLES, *matrix.NATIONAL_ROLES))


def signed_in_page(context, path: str, title: str | None = None) -> None:
	"""A producer portal page: never cached, no sidebar, ``title``; a guest goes to sign in, then back to ``path``."""
	context.no_cache = 1
	context.show_sidebar = False
	if title is not None:
		context.title = title
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + path
		raise frappe.Redirect


def is_producer_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user in ("Administrator", "Guest"):
		return False
	roles = set(frappe.get_roles(user))
	return PRODUCER_ROLE in roles and not roles & OFFICIAL_ROLES


def confirmed_producer(user: str | None = None) -> str | None:
	"""The producer of ``user``'s confirmed account (cached for the request), else None."""
	user = user or frappe.session.user
	cache = request_memo(PRODUCER_OF)
	if user not in cache:
		cache[user] = frappe.db.get_value(
			ACCOUNT_DOCTYPE, {"user": user, "status": CONFIRMED}, "producer", order_by="creation desc"
		)
	return cache[user]


def producer_scope(user: str | None = None) -> str | None:
	"""For the authorization module: None when ``user`` is no producer user (the officials' unit
	scope applies); "" for a producer user with no confirmed account (sees nothing); else the
	name of their producer."""
	user = user or frappe.session.user
	if not is_producer_user(user):
		return None
	return confirmed_producer(user) or ""


def producer_of(user: str | None = None) -> str:
	"""The confirmed producer ``user`` acts for, or NotConfirmedProducerError (a PermissionError)."""
	user = user or frappe.session.user
	producer = confirmed_producer(user) if is_producer_user(user) else None
	if not producer:
		frappe.throw(
			_(
				"Tài khoản của bạn chưa được cán bộ xã xác nhận là tài khoản của một chủ thể OCOP "
				"(hoặc đã bị khóa), nên chưa dùng được chức năng này."
			),
			NotConfirmedProducerError,
			title=_("Chưa được xác nhận"),
		)
	return producer


def clear_cache(*args, **kwargs) -> None:
	clear_request_memo(PRODUCER_OF)
