"""Vietnam's administrative units before and after the 1/7/2025 reform, as plain rows.

Two lists meet here:
- the two-level list in force from 1/7/2025 (34 provinces, 3,321 communes), and
- the three-level list in force until 30/6/2025 (63 provinces, their districts and communes),
  kept as legacy rows, each legacy commune pointing to the commune that succeeded it.

Everything is plain data in and plain rows out; the loader in ``ocop_app.setup.admin_units``
reads the PyPI packages and writes the rows to the site.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

PROVINCE, DISTRICT, COMMUNE = "Province", "District", "Commune"
LEVELS = (PROVINCE, DISTRICT, COMMUNE)

REFORM_DATE = date(2025, 7, 1)
LEGACY_VALID_TO = date(2025, 6, 30)

# unit_type values (Vietnamese, as officials write them) by level
UNIT_TYPES = {
	PROVINCE: ("Tỉnh", "Thành phố trực thuộc TW"),
	DISTRICT: ("Huyện", "Quận", "Thị xã", "Thành phố thuộc tỉnh"),
	COMMUNE: ("Xã", "Phường", "Thị trấn", "Đặc khu"),
}
# the level a unit's parent must have, by (is_legacy, level)
PARENT_LEVEL = {
	(False, PROVINCE): None,
	(False, COMMUNE): PROVINCE,
	(True, PROVINCE): None,
	(True, DISTRICT): PROVINCE,
	(True, COMMUNE): DISTRICT,
}

# name prefixes, longest first, and the unit type they mean at each level
_PREFIXES = {
	PROVINCE: (("Thành phố", "Thành phố trực thuộc TW"), ("Tỉnh", "Tỉnh")),
	DISTRICT: (
		("Thành phố", "Thành phố thuộc tỉnh"),
		("Thị xã", "Thị xã"),
		("Quận", "Quận"),
		("Huyện", "Huyện"),
	),
	COMMUNE: (("Thị trấn", "Thị trấn"), ("Đặc khu", "Đặc khu"), ("Phường", "Phường"), ("Xã", "Xã")),
}


def unit_type_from_name(name: str, level: str) -> str:
	"""The unit type an official name announces: "Huyện Kon Rẫy" → "Huyện"."""
	for prefix, unit_type in _PREFIXES[level]:
		if name.startswith(prefix + " "):
			return unit_type
	return UNIT_TYPES[level][0]


def level_of_type(unit_type: str) -> str | None:
	for level, types in UNIT_TYPES.items():
		if unit_type in types:
			return level
	return None


def make_unit_key(is_legacy: bool, level: str, code: int | str, parent_key: str | None = None) -> str:
	"""The document name of a unit: stable, readable, and unique across both eras.

	2025 list: province "01", commune "01-00070". Legacy list: "L-01", "L-01-001", "L-01-001-00001".
	"""
	width = {PROVINCE: 2, DISTRICT: 3, COMMUNE: 5}[level]
	code_text = str(code).strip()
	own = code_text.zfill(width) if code_text.isdigit() else code_text
	if level == PROVINCE:
		return f"L-{own}" if is_legacy else own
	if not parent_key:
		raise ValueError("a district or commune needs its parent's key")
	return f"{parent_key}-{own}"


def parent_level_error(is_legacy: bool, level: str, parent_level: str | None) -> str | None:
	"""Why a unit cannot sit under a parent of ``parent_level``, or None when it can."""
	expected = PARENT_LEVEL.get((bool(is_legacy), level), "invalid")
	if expected == "invalid":
		return "no_districts_after_reform"
	if expected != parent_level:
		return "wrong_parent_level"
	return None


def _row(name, unit_name, code, unit_type, level, parent, is_legacy, full_name):
	return {
		"name": name,
		"unit_name": unit_name,
		"unit_code": str(code),
		"unit_type": unit_type,
		"level": level,
		"parent_ocop_administrative_unit": parent,
		"is_group": 0 if level == COMMUNE else 1,
		"is_legacy": 1 if is_legacy else 0,
		"valid_from": None if is_legacy else REFORM_DATE,
		"valid_to": LEGACY_VALID_TO if is_legacy else None,
		"successor_unit": None,
		"full_name": full_name,
	}


_NEW_TYPES = {
	"tỉnh": "Tỉnh",
	"thành phố trung ương": "Thành phố trực thuộc TW",
	"xã": "Xã",
	"phường": "Phường",
	"đặc khu": "Đặc khu",
}


def rows_from_2025_tree(provinces: Iterable[dict]) -> list[dict]:
	"""Rows of the two-level list, from vietnam-provinces 2025.x nested-divisions.json."""
	rows = []
	for p in provinces:
		pkey = make_unit_key(False, PROVINCE, p["code"])
		rows.append(
			_row(pkey, p["name"], p["code"], _NEW_TYPES[p["division_type"]], PROVINCE, None, False, p["name"])
		)
		for w in p["wards"]:
			rows.append(
				_row(
					make_unit_key(False, COMMUNE, w["code"], pkey),
					w["name"],
					w["code"],
					_NEW_TYPES.get(w["division_type"]) or unit_type_from_name(w["name"], COMMUNE),
					COMMUNE,
					pkey,
					False,
					f"{w['name']}, {p['name']}",
				)
			)
	return rows


def rows_from_legacy_tree(provinces: Iterable[dict]) -> list[dict]:
	"""Rows of the three-level list, from vietnam-provinces 0.6 nested-divisions.json."""
	rows = []
	for p in provinces:
		pkey = make_unit_key(True, PROVINCE, p["code"])
		rows.append(
			_row(
				pkey,
				p["name"],
				p["code"],
				unit_type_from_name(p["name"], PROVINCE),
				PROVINCE,
				None,
				True,
				p["name"],
			)
		)
		for d in p["districts"]:
			dkey = make_unit_key(True, DISTRICT, d["code"], pkey)
			dfull = f"{d['name']}, {p['name']}"
			rows.append(
				_row(
					dkey,
					d["name"],
					d["code"],
					unit_type_from_name(d["name"], DISTRICT),
					DISTRICT,
					pkey,
					True,
					dfull,
				)
			)
			for w in d["wards"]:
				rows.append(
					_row(
						make_unit_key(True, COMMUNE, w["code"], dkey),
						w["name"],
						w["code"],
						unit_type_from_name(w["name"], COMMUNE),
						COMMUNE,
						dkey,
						True,
						f"{w['name']}, {dfull}",
					)
				)
	return rows


def map_successors(
	rows: list[dict], mapping_rows: Iterable[dict], normalize: Callable[[str], str]
) -> dict[str, int]:
	"""Set ``successor_unit`` on legacy rows from a published old→new mapping, in place.

	``mapping_rows`` are vietnam-address-converter's rows: {"old": {province_name, district_name,
	ward_name}, "new": {province_name, ward_name}}. Units are matched by normalised names (the
	packages number units differently). A commune split between several new communes goes to the
	one that kept its name, else to the first listed. A legacy district or province goes to the
	new province that received most of its communes. Returns counts for the seeding report.
	"""
	by_name = {r["name"]: r for r in rows}
	new_by_names = {}
	for r in rows:
		if not r["is_legacy"] and r["level"] == COMMUNE:
			province = by_name[r["parent_ocop_administrative_unit"]]
			new_by_names[(normalize(province["unit_name"]), normalize(r["unit_name"]))] = r["name"]

	targets = defaultdict(list)
	for m in mapping_rows:
		old, new = m["old"], m["new"]
		key = (normalize(old["province_name"]), normalize(old["district_name"]), normalize(old["ward_name"]))
		target = new_by_names.get((normalize(new["province_name"]), normalize(new["ward_name"])))
		if target and target not in targets[key]:
			targets[key].append(target)

	mapped = unmapped = 0
	votes = defaultdict(Counter)  # legacy district/province -> Counter(new province)
	for r in rows:
		if not (r["is_legacy"] and r["level"] == COMMUNE):
			continue
		district = by_name[r["parent_ocop_administrative_unit"]]
		province = by_name[district["parent_ocop_administrative_unit"]]
		key = (normalize(province["unit_name"]), normalize(district["unit_name"]), normalize(r["unit_name"]))
		candidates = targets.get(key)
		if not candidates:
			unmapped += 1
			continue
		own_name = normalize(r["unit_name"])
		same_name = [c for c in candidates if normalize(by_name[c]["unit_name"]) == own_name]
		r["successor_unit"] = (same_name or candidates)[0]
		new_province = by_name[r["successor_unit"]]["parent_ocop_administrative_unit"]
		votes[district["name"]][new_province] += 1
		votes[province["name"]][new_province] += 1
		mapped += 1

	for unit, counter in votes.items():
		by_name[unit]["successor_unit"] = counter.most_common(1)[0][0]
	return {"mapped": mapped, "unmapped": unmapped}


def assign_nested_set(rows: list[dict], parent_field: str = "parent_ocop_administrative_unit") -> None:
	"""Number ``lft``/``rgt`` for a forest of rows (parents before or after children), in place.

	The same numbering frappe.utils.nestedset keeps, computed once so the whole tree can be bulk
	inserted instead of saved node by node.
	"""
	children = defaultdict(list)
	roots = []
	for r in rows:
		parent = r.get(parent_field)
		(children[parent] if parent else roots).append(r)
	counter = 1
	stack = [(r, False) for r in reversed(roots)]
	while stack:
		node, done = stack.pop()
		if done:
			node["rgt"] = counter
			counter += 1
			continue
		node["lft"] = counter
		counter += 1
		stack.append((node, True))
		stack.extend((c, False) for c in reversed(children.get(node["name"], [])))
