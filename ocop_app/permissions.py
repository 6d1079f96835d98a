"""Who sees and does what on OCOP records: the one module every path asks.

An official is given one or more units (User Permission on "OCOP Administrative Unit"); the units
below them in the tree come with them (unless "Hide Descendants" is ticked), and so do the legacy
units whose successor is in scope, so history recorded under the old map stays visible to the
officials of the units that took it over. National roles see everything; an OCOP official with no
unit sees nothing.

Which DocType is scoped how is written down in ``ocop_app.security_matrix`` (also the source of
docs/phan-quyen.md and of the attack suite):
- unit DocTypes carry their unit in a field; plans, cycles and support policies of a unit *above*
  the official's are readable too (a province's policy applies to its communes), not writable;
- a payment batch is scoped through its fund (or, without a fund, through the claims it pays);
- child tables are scoped through their parent (``child_query_conditions``): frappe's
  ``frappe.client.get_list(child, parent=P)`` checks only the parent DocType's role permission;
- links to scoped records must point inside the scope too (``validate_scope``, on every save).

The same scope answers lists and link searches (permission_query_conditions) and single documents
(has_permission), so the two can never disagree. Neither hook applies to frappe.get_all or raw
SQL: code that reads with those must filter with ``get_unit_scope`` itself.
"""

import hashlib

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app import security_matrix as matrix
from ocop_app.exceptions import OutOfScopeError
from ocop_app.portal.access import PRODUCER_OF, producer_scope
from ocop_app.request_memo import clear_request_memo, request_memo
from ocop_app.units import PROVINCE_COLUMN

UNIT_DOCTYPE = "OCOP Administrative Unit"
NATIONAL_ROLES = frozenset(matrix.NATIONAL_ROLES)
# DocTypes scoped by their unit field
SCOPED_DOCTYPES = {
	doctype: spec["unit_field"] for doctype, spec in matrix.DOCTYPES.items() if spec["scope"] == "unit"
}
# a unit above the official's publishes these for them: readable from below, writable only in scope
READ_FROM_ABOVE = frozenset(d for d, spec in matrix.DOCTYPES.items() if spec.get("read_from_above"))
# DocTypes scoped through a linked record: {doctype: (link field, linked DocType)}
VIA_LINK = {
	doctype: (spec["via_field"], spec["via_doctype"])
	for doctype, spec in matrix.DOCTYPES.items()
	if spec["scope"] == "link"
}
# child tables: {child DocType: parent DocTypes}
CHILD_PARENTS = {
	doctype: tuple(spec["parents"]) for doctype, spec in matrix.DOCTYPES.items() if spec["scope"] == "child"
}
ALL_SCOPED = (*SCOPED_DOCTYPES, *VIA_LINK)
READ_PTYPES = frozenset({"read", "select", "print", "email", "report", "export", "share"})
# what a request keeps (request_memo): {user: units in scope}, {user: those plus the units above},
# {frozenset of units: their escaped SQL list}, {frozenset of units: the SQL list of their whole provinces}
UNIT_SCOPE, READ_SCOPE = "ocop_unit_scope", "ocop_read_scope"
SQL_LISTS, PROVINCE_LISTS = "ocop_sql_lists", "ocop_province_lists"


# ---------------------------------------------------------------------- the user's scope
def get_unit_scope(user: str | None = None) -> set[str] | None:
	"""The units ``user`` may act on, or None when the user is not restricted."""
	user = user or frappe.session.user
	cache = request_memo(UNIT_SCOPE)
	if user not in cache:
		cache[user] = _compute_scope(user)
	return cache[user]


def is_national(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(NATIONAL_ROLES.intersection(frappe.get_roles(user)))


def _compute_scope(user: str) -> set[str] | None:
	if is_national(user):
		return None
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	# already expanded to descendants for tree DocTypes, and cached by frappe
	allowed = {p.get("doc") for p in get_user_permissions(user).get(UNIT_DOCTYPE, [])}
	if not allowed:
		return allowed
	units, sql, provinces = _with_legacy(allowed)
	scope = set(units)
	request_memo(SQL_LISTS)[frozenset(scope)] = sql
	request_memo(PROVINCE_LISTS)[frozenset(scope)] = provinces
	return scope


SCOPE_CACHE = "ocop_unit_scope"


def _with_legacy(allowed: set[str]) -> tuple[list[str], str, str | None]:
	"""The granted units plus the legacy units whose successor is among them, their SQL list, and
	the SQL list of the provinces they are made of when they are exactly whole provinces (else None).

	Cached in Redis by the granted units themselves (frappe's user permissions, which they come
	from, are cached and cleared by frappe on every User Permission change), so the entry depends
	only on the unit tree: ``clear_scope_cache`` drops it when a unit changes, frappe.clear_cache
	with everything else."""
	key = hashlib.sha1("\n".join(sorted(allowed)).encode()).hexdigest()
	cached = frappe.cache.hget(SCOPE_CACHE, key)
	if cached is None or len(cached) != 3:
		successors_of = frappe.get_all(
			UNIT_DOCTYPE,
			filters={"is_legacy": 1, "successor_unit": ["in", list(allowed)]},
			pluck="name",
		)
		units = sorted(allowed.union(successors_of))
		provinces = _whole_provinces(units)
		cached = (
			units,
			", ".join(frappe.db.escape(v) for v in units),
			", ".join(frappe.db.escape(v) for v in provinces) if provinces else None,
		)
		frappe.cache.hset(SCOPE_CACHE, key, cached)
	return cached


def _whole_provinces(units: list[str]) -> list[str] | None:
	"""The provinces (of either era) among ``units`` when ``units`` is exactly their subtrees.

	Then a unit is in scope if and only if the province containing it is one of them (a unit has
	one province above it), so a record that keeps its unit's province (PROVINCE_COLUMN, kept right
	on every save, unit move and merge) is in scope exactly when that province is: a short list of
	provinces instead of hundreds of units. Anything else (a commune, a hidden subtree, a legacy
	unit merged in from another province) gives None and the full unit list is used."""
	from ocop_app.rules.admin_units import PROVINCE

	provinces = frappe.get_all(
		UNIT_DOCTYPE, filters={"level": PROVINCE, "name": ["in", units]}, fields=["name", "lft", "rgt"]
	)
	if not provinces:
		return None
	covered = set()
	for province in provinces:
		covered.update(
			frappe.get_all(
				UNIT_DOCTYPE,
				filters={"lft": [">=", province.lft], "rgt": ["<=", province.rgt]},
				pluck="name",
			)
		)
	return sorted(p.name for p in provinces) if covered == set(units) else None


def get_read_scope(user: str | None = None) -> set[str] | None:
	"""The scope plus the units above the user's own (for DocTypes published downwards)."""
	user = user or frappe.session.user
	scope = get_unit_scope(user)
	if scope is None:
		return None
	cache = request_memo(READ_SCOPE)
	if user not in cache:
		granted = frappe.get_all(
			"User Permission", filters={"user": user, "allow": UNIT_DOCTYPE}, pluck="for_value"
		)
		above = set()
		for unit in granted:
			lft, rgt = frappe.db.get_value(UNIT_DOCTYPE, unit, ["lft", "rgt"]) or (None, None)
			if lft is not None:
				above.update(
					frappe.get_all(UNIT_DOCTYPE, filters={"lft": ["<", lft], "rgt": [">", rgt]}, pluck="name")
				)
		cache[user] = scope | above
	return cache[user]


def clear_scope_cache(*args, **kwargs) -> None:
	frappe.cache.delete_value(SCOPE_CACHE)
	clear_request_memo(UNIT_SCOPE, READ_SCOPE, PRODUCER_OF, SQL_LISTS, PROVINCE_LISTS)
	# a scope computed later in this transaction sees its uncommitted change: rolled back, drop it again
	frappe.db.after_rollback.add(_drop_cached_scopes)


def _drop_cached_scopes() -> None:
	frappe.cache.delete_value(SCOPE_CACHE)
	frappe.cache.delete_value("user_permissions")


def _in(values: set[str]) -> str:
	key = frozenset(values)
	memo = request_memo(SQL_LISTS)
	if key not in memo:
		memo[key] = ", ".join(frappe.db.escape(v) for v in sorted(values))
	return memo[key]


# ---------------------------------------------------------------------- lists (permission_query_conditions)
def unit_condition(doctype: str, user: str | None = None) -> str:
	"""SQL condition on `tab<doctype>` for the records ``user`` may list ("" = all)."""
	producer = producer_scope(user)
	if producer is not None:  # a producer's website user: their own producer's records only
		return producer_condition(doctype, producer)
	scope = get_unit_scope(user)
	if scope is None:
		return ""
	if doctype in VIA_LINK:
		return _via_link_condition(doctype, scope)
	if doctype in READ_FROM_ABOVE:
		scope = get_read_scope(user)
	if not scope:
		return "1=0"
	provinces = request_memo(PROVINCE_LISTS).get(frozenset(scope)) if doctype in PROVINCE_COLUMN else None
	if provinces:  # the scope is whole provinces: the same rows, by the record's province column
		return f"`tab{doctype}`.`province` in ({provinces})"
	return f"`tab{doctype}`.`{SCOPED_DOCTYPES[doctype]}` in ({_in(scope)})"


def producer_condition(doctype: str, producer: str) -> str:
	"""A producer user's records: those naming their (confirmed) producer; nothing without one."""
	field = matrix.PRODUCER_FIELDS.get(doctype)
	if not producer or not field:
		return "1=0"
	return f"`tab{doctype}`.`{field}` = {frappe.db.escape(producer)}"


def _via_link_condition(doctype: str, scope: set[str]) -> str:
	"""A payment batch: its fund's unit in scope; without a fund, every claim it pays in scope."""
	field, linked = VIA_LINK[doctype]
	if not scope:
		return "1=0"
	units = _in(scope)
	linked_unit = SCOPED_DOCTYPES[linked]
	return (
		f"(`tab{doctype}`.`{field}` in (select f.name from `tab{linked}` f where f.`{linked_unit}` in ({units}))"
		f" or (ifnull(`tab{doctype}`.`{field}`, '') = ''"
		f" and exists (select 1 from `tabOCOP Payment Batch Item` i where i.parent = `tab{doctype}`.name)"
		f" and not exists (select 1 from `tabOCOP Payment Batch Item` i join `tabOCOP Subsidy Claim` c"
		f" on c.name = i.claim where i.parent = `tab{doctype}`.name and c.administrative_unit not in ({units}))))"
	)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every scoped DocType."""
	return unit_condition(doctype, user)


def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for child tables: a row is listed when its parent is."""
	if get_unit_scope(user) is None:
		return ""
	table = f"`tab{doctype}`"
	parts, unscoped = [], []
	for parent in CHILD_PARENTS[doctype]:
		if parent in ALL_SCOPED:
			condition = unit_condition(parent, user)
			parts.append(
				f"({table}.parenttype = {frappe.db.escape(parent)} and {table}.parent in"
				f" (select `tab{parent}`.name from `tab{parent}` where {condition}))"
			)
		else:
			unscoped.append(parent)
	if unscoped:
		parts.append(f"{table}.parenttype in ({_in(set(unscoped))})")
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook on File, added to frappe's: frappe lists every private file
	attached to a DocType the user may read; a file attached to a scoped record is listed only when
	the record is in scope (downloading it is checked by File.has_permission → our has_permission)."""
	if get_unit_scope(user) is None:
		return ""
	parts = [f"ifnull(`tabFile`.`attached_to_doctype`, '') not in ({_in(set(ALL_SCOPED))})"]
	for parent in ALL_SCOPED:
		parts.append(
			f"(`tabFile`.`attached_to_doctype` = {frappe.db.escape(parent)} and `tabFile`.`attached_to_name` in"
			f" (select `tab{parent}`.name from `tab{parent}` where {unit_condition(parent, user)}))"
		)
	return "(" + " or ".join(parts) + ")"


# ---------------------------------------------------------------------- single documents (has_permission)
def record_unit(doc) -> str | None:
	"""The unit a record belongs to (a batch: its fund's)."""
	if doc.doctype in VIA_LINK:
		field, linked = VIA_LINK[doc.doctype]
		return (
			frappe.db.get_value(linked, doc.get(field), SCOPED_DOCTYPES[linked]) if doc.get(field) else None
		)
	return doc.get(SCOPED_DOCTYPES[doc.doctype])


def in_scope(doc, ptype: str = "read", user: str | None = None) -> bool:
	"""Whether ``doc`` belongs to the user's scope for ``ptype`` (role permissions aside)."""
	producer = producer_scope(user)
	if producer is not None:  # a producer user: a record of their own producer
		field = matrix.PRODUCER_FIELDS.get(doc.doctype)
		return bool(producer and field and doc.get(field) == producer)
	scope = get_unit_scope(user)
	if scope is None:
		return True
	if doc.doctype in VIA_LINK and not doc.get(VIA_LINK[doc.doctype][0]):
		claims = [row.claim for row in doc.get("items") or [] if row.claim]
		units = {frappe.db.get_value("OCOP Subsidy Claim", c, "administrative_unit") for c in claims}
		return bool(claims) and units <= scope
	unit = record_unit(doc)
	if doc.doctype in READ_FROM_ABOVE and ptype in READ_PTYPES:
		scope = get_read_scope(user)
	return bool(unit) and unit in scope


def unit_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission hook: a restricted user acts only on records of units in scope."""
	if get_unit_scope(user) is None:
		return None  # defer to the role permissions
	ptype = ptype or "read"
	if producer_scope(user) is not None:
		return in_scope(doc, ptype, user)
	if ptype == "create" and not record_unit(doc) and doc.is_new():
		return True  # the unit is set (and checked by validate_scope) on validate
	if not in_scope(doc, ptype, user):
		return False
	if doc.doctype == "OCOP Evaluation" and ptype not in READ_PTYPES:
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


class ScopedChildRow(Document):
	"""Controller base of the child tables of scoped DocTypes. A row read on its own
	(``frappe.client.get(child, name, parent=...)``, ``/api/resource/<child>/<name>``) is checked by
	frappe against the parent DocType's role permission only (its ``parent_doc`` is not loaded):
	the row answers with its parent document's permission."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		if not super().has_permission(permtype, debug=debug, user=user):
			return False
		parent = self.parent_doc
		if parent is None:
			if self.parenttype not in CHILD_PARENTS.get(self.doctype, ()) or not frappe.db.exists(
				self.parenttype, self.parent
			):
				return False
			parent = frappe.get_doc(self.parenttype, self.parent)
		ptype = "read" if permtype in READ_PTYPES else "write"
		return bool(parent.has_permission(ptype, debug=debug, user=user))


# ---------------------------------------------------------------------- saves (doc_events validate)
def out_of_scope(unit: str | None, title: str | None = None):
	frappe.throw(
		_("Bạn không có quyền với hồ sơ của đơn vị {0}.").format(
			frappe.bold(frappe.db.get_value(UNIT_DOCTYPE, unit, "full_name") or unit or "—")
		)
		if title is None
		else title,
		OutOfScopeError,
		title=_("Ngoài phạm vi quản lý"),
	)


def check_unit_scope(doc) -> None:
	"""On save: the record's unit must be in the saving user's scope (closes create-then-default)."""
	if doc.flags.ignore_permissions:
		return
	scope = get_unit_scope()
	if scope is not None and not in_scope(doc, "write"):
		unit = record_unit(doc)
		out_of_scope(
			unit, None if unit else _("Hồ sơ này gồm dữ liệu của đơn vị ngoài phạm vi quản lý của bạn.")
		)


def check_stored_scope(doc, method=None) -> None:
	"""The stored record must be in scope too (validate and before_cancel of every scoped DocType):
	frappe's update paths (PUT /api/resource, frappe.client.set_value and save) load the record,
	apply the user's changes and only then check permission, so another unit's record sent with
	its unit changed to the user's own would pass every other check."""
	if doc.flags.ignore_permissions or doc.is_new() or get_unit_scope() is None:
		return
	before = doc.get_doc_before_save()
	if before is not None and not in_scope(before, "write"):
		out_of_scope(record_unit(before))


def validate_scope(doc, method=None) -> None:
	"""doc_events validate of every scoped DocType: the record and every record it links to (in its
	own fields and its child rows) are in the saving user's scope. Trusted code that saves with
	ignore_permissions has checked the scope itself."""
	if doc.flags.ignore_permissions or get_unit_scope() is None:
		return
	check_stored_scope(doc)
	check_unit_scope(doc)
	before = doc.get_doc_before_save()
	known = set(linked_values(before)) if before else set()
	for label, doctype, value in linked_values(doc, with_labels=True):
		if (doctype, value) in known:
			continue
		linked = frappe.get_doc(doctype, value) if frappe.db.exists(doctype, value) else None
		if linked and not in_scope(linked, "read"):
			out_of_scope(
				None,
				_("{0} {1} thuộc đơn vị ngoài phạm vi quản lý của bạn.").format(_(label), frappe.bold(value)),
			)


def linked_values(doc, with_labels: bool = False):
	"""(DocType, name) of every link to a scoped record, in the document and its child rows."""
	for d in (doc, *doc.get_all_children()):
		for df in d.meta.get_link_fields():
			if df.options in ALL_SCOPED and d.get(df.fieldname) and df.fieldname != "amended_from":
				value = (df.options, d.get(df.fieldname))
				yield (df.label or df.fieldname, *value) if with_labels else value


def validate_share(share, method=None) -> None:
	"""DocShare validate: frappe lets a shared record through both lists and has_permission, past
	our hooks; an OCOP record is shared only with users whose scope holds it (never with everyone)."""
	if share.share_doctype not in ALL_SCOPED:
		return
	record = frappe.get_doc(share.share_doctype, share.share_name)
	if share.everyone or not share.user or not in_scope(record, "read", user=share.user):
		out_of_scope(
			None,
			_("Không thể chia sẻ {0} {1} với người dùng ngoài phạm vi quản lý của hồ sơ.").format(
				_(share.share_doctype), frappe.bold(share.share_name)
			),
		)


def check_scope_of(doctype: str, name: str, ptype: str = "read"):
	"""For whitelisted methods and importers: ``name`` must be a record the user may ``ptype``."""
	doc = frappe.get_doc(doctype, name)
	if not doc.has_permission(ptype):
		out_of_scope(record_unit(doc) if doctype in ALL_SCOPED else None)
	return doc


def validate_file_attachment(file, method=None) -> None:
	"""File validate: frappe's upload_file checks write permission on the record a file is attached
	to but ignores the answer, and File's own create permission is everybody's. A file is attached
	to (or moved onto) a scoped OCOP record only by a user whose scope holds it; a producer user only
	to a record they may write (none: the portal's own methods attach their files)."""
	if file.flags.ignore_permissions or get_unit_scope() is None:
		return
	doctype, name = file.attached_to_doctype, file.attached_to_name
	if doctype not in ALL_SCOPED or not name or not frappe.db.exists(doctype, name):
		return
	before = file.get_doc_before_save()
	if before is not None and (before.attached_to_doctype, before.attached_to_name) == (doctype, name):
		return
	ptype = "write" if producer_scope() is not None else "read"
	if not frappe.has_permission(doctype, ptype, doc=name):
		out_of_scope(
			None,
			_("Bạn không được đính kèm tệp vào {0} {1}.").format(_(doctype), frappe.bold(name)),
		)


# ---------------------------------------------------------------------- records of their owner
# a background import's or export's record (OCOP Data Job): its owner's, or any for a national role
OWNED_DOCTYPES = tuple(d for d, spec in matrix.DOCTYPES.items() if spec["scope"] == "owner")


def owner_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of the owner-scoped DocTypes."""
	user = user or frappe.session.user
	if is_national(user):
		return ""
	return f"`tab{doctype}`.`owner` = {frappe.db.escape(user)}"


def owner_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission hook of the owner-scoped DocTypes: the owner's record only."""
	user = user or frappe.session.user
	if is_national(user):
		return None  # defer to the role permissions
	return doc.owner == user
