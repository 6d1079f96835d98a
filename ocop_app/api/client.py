"""Whitelisted replacements for frappe methods that skip or widen permission checks.

- ``frappe.client.get_count`` counts with frappe.db.count, which applies no permission at all, so a
  commune official could count every province's producers (or every bank account row) through
  /api/method. For the scoped OCOP DocTypes, their child tables and the owner-scoped records
  (a background import's OCOP Data Job) the count goes through
  frappe.get_list instead; other DocTypes keep frappe's method.
- ``frappe.desk.search.search_link`` / ``search_widget`` with ``ignore_user_permissions=1`` read with
  ignore_permissions, i.e. without our permission_query_conditions: for the scoped OCOP DocTypes
  the flag is dropped (their links cross units only through fields of the unit tree, which is a
  national catalogue).
"""

import frappe
import frappe.client
import frappe.desk.search

from ocop_app.permissions import ALL_SCOPED, CHILD_PARENTS, OWNED_DOCTYPES

SCOPED_SEARCH = frozenset((*ALL_SCOPED, *CHILD_PARENTS, *OWNED_DOCTYPES))


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	if doctype not in SCOPED_SEARCH:
		return frappe.client.get_count(doctype, filters=filters, debug=debug, cache=cache)
	rows = frappe.get_list(
		doctype,
		filters=frappe.client.get_safe_filters(filters),
		fields=["count(*) as total"],
		parent_doctype=CHILD_PARENTS.get(doctype, (None,))[0],
	)
	return rows[0].total if rows else 0


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters=None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	results = search_widget(
		doctype,
		txt.strip(),
		query,
		searchfield=searchfield,
		page_length=page_length,
		filters=filters,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)
	return frappe.desk.search.build_for_autosuggest(results, doctype=doctype)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters=None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	if doctype in SCOPED_SEARCH:
		ignore_user_permissions = False
	return frappe.desk.search.search_widget(
		doctype,
		txt,
		query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)
