"""Who sees which OCOP records: one scope per user, read from User Permissions on the unit tree.

An official is given one or more units (User Permission on "OCOP Administrative Unit"); the units
below them in the tree come with them (unless "Hide Descendants" is ticked), and so do the legacy
units whose successor is in scope, so history recorded under the old map stays visible to the
officials of the units that took it over. National roles see everything; an OCOP official with no
unit sees nothing.

The same scope answers lists and link searches (permission_query_conditions) and single documents
(has_permission), so the two can never disagree. Neither hook applies to frappe.get_all or raw
SQL: code that reads with those must filter with ``get_unit_scope`` itself.
"""

import frappe
from frappe import _

UNIT_DOCTYPE = "OCOP Administrative Unit"
NATIONAL_ROLES = frozenset({"System Manager", "OCOP Administrator", "OCOP Ministry Officer"})
# DocTypes scoped by their unit field
SCOPED_DOCTYPES = {
	"OCOP Producer": "administrative_unit",
	"OCOP Product": "administrative_unit",
	"OCOP Council": "administrative_unit",
	"OCOP Evaluation": "administrative_unit",
	"OCOP Score Sheet": "administrative_unit",
	"OCOP Certificate": "administrative_unit",
	"OCOP Recognition Decision": "issuing_unit",
	"OCOP Revocation Decision": "issuing_unit",
	"OCOP Subsidy Claim": "administrative_unit",
	"OCOP Fund": "administrative_unit",
	"OCOP Inspection Plan": "administrative_unit",
	"OCOP Inspection": "administrative_unit",
	"OCOP Periodic Report": "administrative_unit",
	"OCOP Stamp Batch": "administrative_unit",
}
# child tables scoped through their parent (child table -> parent DocType)
SCOPED_CHILD_DOCTYPES = {
	"OCOP Inspection Plan Item": "OCOP Inspection Plan",
	"OCOP Inspection Team Member": "OCOP Inspection Plan",
	"OCOP Inspection Check": "OCOP Inspection",
	"OCOP Inspection Finding": "OCOP Inspection",
	"OCOP Periodic Report Figure": "OCOP Periodic Report",
	"OCOP Periodic Report Unit": "OCOP Periodic Report",
}


def get_unit_scope(user: str | None = None) -> set[str] | None:
	"""The units ``user`` may act on, or None when the user is not restricted."""
	user = user or frappe.session.user
	cache = getattr(frappe.local, "ocop_unit_scope", None)
	if cache is None:
		cache = frappe.local.ocop_unit_scope = {}
	if user not in cache:
		cache[user] = _compute_scope(user)
	return cache[user]


def _compute_scope(user: str) -> set[str] | None:
	if user == "Administrator" or NATIONAL_ROLES.intersection(frappe.get_roles(user)):
		return None
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	# already expanded to descendants for tree DocTypes, and cached by frappe
	allowed = {p.get("doc") for p in get_user_permissions(user).get(UNIT_DOCTYPE, [])}
	if allowed:
		successors_of = frappe.get_all(
			UNIT_DOCTYPE,
			filters={"is_legacy": 1, "successor_unit": ["in", list(allowed)]},
			pluck="name",
		)
		allowed.update(successors_of)
	return allowed


def clear_scope_cache(*args, **kwargs) -> None:
	frappe.local.ocop_unit_scope = {}


def unit_condition(doctype: str, user: str | None = None) -> str:
	scope = get_unit_scope(user)
	if scope is None:
		return ""
	if not scope:
		return "1=0"
	values = ", ".join(frappe.db.escape(unit) for unit in sorted(scope))
	if doctype in SCOPED_CHILD_DOCTYPES:
		parent = SCOPED_CHILD_DOCTYPES[doctype]
		return (
			f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
			f"(select `name` from `tab{parent}` where `{SCOPED_DOCTYPES[parent]}` in ({values}))"
		)
	field = SCOPED_DOCTYPES[doctype]
	return f"`tab{doctype}`.`{field}` in ({values})"


def unit_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission hook: a restricted user acts only on records of units in scope."""
	scope = get_unit_scope(user)
	if scope is None:
		return None  # defer to the role permissions
	unit = doc.get(SCOPED_DOCTYPES[doc.doctype])
	if not unit:
		return ptype == "create"  # the unit is set (and checked by check_unit_scope) on validate
	if unit not in scope:
		return False
	if doc.doctype == "OCOP Evaluation" and ptype not in ("read", "print", "email", "report", "export"):
		return council_member_may_act(doc, user)
	return True


OFFICER_ROLES = frozenset(
	{"OCOP Commune Officer", "OCOP District Officer", "OCOP Province Officer", "OCOP Approver"}
)


def council_member_may_act(doc, user: str | None = None) -> bool:
	"""A council member (who is no officer) acts only in their own council's evaluations."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if OFFICER_ROLES & roles or "OCOP Council Member" not in roles:
		return True
	return bool(
		doc.get("council")
		and frappe.db.exists(
			"OCOP Council Member", {"parent": doc.get("council"), "parenttype": "OCOP Council", "user": user}
		)
	)


def check_unit_scope(doc) -> None:
	"""On save: the record's unit must be in the saving user's scope (closes create-then-default)."""
	if doc.flags.ignore_permissions:
		return
	scope = get_unit_scope()
	unit = doc.get(SCOPED_DOCTYPES[doc.doctype])
	if scope is not None and unit not in scope:
		frappe.throw(
			_("Bạn không có quyền với hồ sơ của đơn vị {0}.").format(
				frappe.bold(frappe.db.get_value(UNIT_DOCTYPE, unit, "full_name") or unit)
			),
			frappe.PermissionError,
			title=_("Ngoài phạm vi quản lý"),
		)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every unit-scoped DocType."""
	return unit_condition(doctype, user)
