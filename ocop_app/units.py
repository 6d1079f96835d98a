"""Administrative-unit look-ups shared by OCOP DocTypes (producers, products, and later records)."""

from bisect import bisect_left, bisect_right

import frappe
from frappe import _

from ocop_app import security_matrix as matrix
from ocop_app.exceptions import LegacyUnitError, UnitLevelError
from ocop_app.rules.admin_units import COMMUNE, PROVINCE

UNIT_DOCTYPE = "OCOP Administrative Unit"


def validate_commune(unit: str, label: str, allow_legacy: bool = False) -> None:
	"""A record is placed on a commune/ward of today's map (a legacy one only for history)."""
	values = frappe.db.get_value(
		UNIT_DOCTYPE, unit, ["unit_name", "level", "is_legacy", "full_name"], as_dict=True
	)
	if not values:
		return  # link validation reports a missing unit
	if values.level != COMMUNE:
		frappe.throw(
			_("{0} phải là một xã, phường hoặc đặc khu; {1} là đơn vị cấp {2}.").format(
				_(label), frappe.bold(values.unit_name), _(values.level).lower()
			),
			UnitLevelError,
			title=_("Sai cấp đơn vị hành chính"),
		)
	if values.is_legacy and not allow_legacy:
		frappe.throw(
			_(
				"{0} đã không còn từ ngày 01/07/2025 (sắp xếp đơn vị hành chính). Hãy chọn đơn vị hiện hành"
				"{1}."
			).format(frappe.bold(values.full_name or values.unit_name), get_successor_hint(unit)),
			LegacyUnitError,
			title=_("Đơn vị hành chính cũ"),
		)


def get_successor_hint(unit: str) -> str:
	successor = frappe.db.get_value(UNIT_DOCTYPE, unit, "successor_unit")
	if not successor:
		return ""
	name = frappe.db.get_value(UNIT_DOCTYPE, successor, "full_name")
	return _(", ví dụ {0}").format(frappe.bold(name))


def get_province(unit: str | None) -> str | None:
	"""The province (of the same era) that contains ``unit``, or the unit itself if it is one."""
	if not unit:
		return None
	lft, rgt, level = frappe.db.get_value(UNIT_DOCTYPE, unit, ["lft", "rgt", "level"]) or (None, None, None)
	if level == PROVINCE or lft is None:
		return unit if level == PROVINCE else None
	return frappe.db.get_value(
		UNIT_DOCTYPE, {"lft": ["<", lft], "rgt": [">", rgt], "level": PROVINCE}, "name"
	)


def subtree(unit: str) -> list[str]:
	"""The unit and every unit below it, plus the legacy units whose successor is among them."""
	return subtrees([unit]).get(unit, [])


def subtrees(units, legacy_among=None) -> dict[str, list[str]]:
	"""subtree() of each of ``units`` (those that exist), in three queries however many they are.
	``legacy_among``: look for the legacy units merged into them among these only (the units some
	records are on), not among all of the old map's."""
	bounds = frappe.get_all(
		UNIT_DOCTYPE,
		filters={"name": ["in", list({u for u in units if u})]},
		fields=["name", "lft", "rgt"],
		as_list=True,
	)
	bounds = [b for b in bounds if b[1] is not None]
	if not bounds:
		return {}
	# the nested set: a unit's descendants are the units whose lft lies between its lft and rgt
	inside = frappe.get_all(
		UNIT_DOCTYPE,
		filters=[["lft", ">=", min(b[1] for b in bounds)], ["lft", "<=", max(b[2] for b in bounds)]],
		fields=["lft", "name"],
		order_by="lft asc",
		as_list=True,
	)
	lfts = [row[0] for row in inside]
	merged = {}  # a unit of today -> the legacy units merged into it
	if legacy_among is None:
		old_map = {"is_legacy": 1, "successor_unit": ["in", [row[1] for row in inside]]}
	else:
		old_map = {"is_legacy": 1, "name": ["in", list({u for u in legacy_among if u})]}
	if legacy_among is None or old_map["name"][1]:
		for name, successor in frappe.get_all(
			UNIT_DOCTYPE, filters=old_map, fields=["name", "successor_unit"], as_list=True
		):
			merged.setdefault(successor, []).append(name)
	result = {}
	for unit, lft, rgt in bounds:
		below = [row[1] for row in inside[bisect_left(lfts, lft) : bisect_right(lfts, rgt)]]
		result[unit] = below + [legacy for name in below for legacy in merged.get(name, ())]
	return result


def names_of(doctype: str, names, field: str) -> dict:
	"""{name: field} for a set of records (unit names, product groups…), in one query."""
	names = [n for n in set(names) if n]
	if not names:
		return {}
	return dict(
		frappe.get_all(doctype, filters={"name": ["in", names]}, fields=["name", field], as_list=True)
	)


def is_within(unit: str | None, ancestor: str | None) -> bool:
	"""Whether ``unit`` is ``ancestor`` or below it, or a legacy unit merged into one of those."""
	if not unit or not ancestor:
		return False
	rows = frappe.db.get_values(
		UNIT_DOCTYPE,
		{"name": ["in", [unit, ancestor]]},
		["name", "lft", "rgt", "successor_unit"],
		as_dict=True,
	)
	by_name = {r.name: r for r in rows}
	top, below = by_name.get(ancestor), by_name.get(unit)
	if not top or not below:
		return False
	if top.lft <= below.lft and below.rgt <= top.rgt:
		return True
	return bool(below.successor_unit) and is_within(below.successor_unit, ancestor)


# records that keep the province of their unit in a ``province`` column (the lists of these
# DocTypes filter on it when an official's scope is made of whole provinces: see permissions.py)
# {doctype: its unit field}, the field as the security matrix names it
PROVINCE_COLUMN = {
	doctype: matrix.DOCTYPES[doctype]["unit_field"]
	for doctype in ("OCOP Producer", "OCOP Product", "OCOP Certificate")
}


def refresh_record_provinces(unit: str | None = None) -> int:
	"""Set each record's ``province`` to the province (of its era) containing its unit — the
	records on ``unit`` and below it, or every record. A unit moved under another province, or
	merged into another unit by renaming, takes its records' province with it. Returns the rows
	changed."""
	bounds = ""
	values = {"province": PROVINCE}
	if unit:
		lft, rgt = frappe.db.get_value(UNIT_DOCTYPE, unit, ["lft", "rgt"]) or (None, None)
		if lft is None:
			return 0
		bounds = "and u.lft >= %(lft)s and u.rgt <= %(rgt)s"
		values.update(lft=lft, rgt=rgt)
	changed = 0
	for doctype, field in PROVINCE_COLUMN.items():
		frappe.db.sql(
			f"""update `tab{doctype}` t
			join `tab{UNIT_DOCTYPE}` u on u.name = t.`{field}`
			left join `tab{UNIT_DOCTYPE}` p on p.level = %(province)s and p.lft <= u.lft and p.rgt >= u.rgt
			set t.province = p.name
			where not (t.province <=> p.name) {bounds}""",
			values,
		)
		changed += frappe.db._cursor.rowcount
	return changed
