"""Find an administrative unit from the names people type in spreadsheets.

"Tỉnh Thái Bình / Huyện Đông Hưng / Xã Nguyên Xá" or "Hưng Yên / Đông Hưng": prefixes, accents and
case do not matter. Pre-2025 addresses (with a district) resolve to the legacy commune, whose
successor is today's unit.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class UnitRow:
	name: str
	unit_name: str
	level: str
	parent: str | None
	is_legacy: bool
	successor: str | None


class UnitIndex:
	def __init__(self, rows: Iterable[UnitRow], normalize: Callable[[str], str]):
		self.normalize = normalize
		self.by_name = {r.name: r for r in rows}
		self.current: dict[tuple[str, str], str] = {}
		self.legacy: dict[tuple[str, str, str], str] = {}
		for r in self.by_name.values():
			if r.level != "Commune" or not r.parent:
				continue
			parent = self.by_name.get(r.parent)
			if not parent:
				continue
			if r.is_legacy:
				province = self.by_name.get(parent.parent)
				if province:
					key = (normalize(province.unit_name), normalize(parent.unit_name), normalize(r.unit_name))
					self.legacy.setdefault(key, r.name)
			else:
				self.current.setdefault((normalize(parent.unit_name), normalize(r.unit_name)), r.name)

	def province_of(self, name: str) -> str | None:
		"""The province (of the same map) holding the unit ``name``, or None if it is not known."""
		row, seen = self.by_name.get(name), set()
		while row and row.level != "Province" and row.name not in seen:
			seen.add(row.name)
			row = self.by_name.get(row.parent) if row.parent else None
		return row.name if row and row.level == "Province" else None

	def resolve(self, province: str, commune: str, district: str = "") -> tuple[str | None, str | None]:
		"""(today's commune, the legacy commune it came from or None); (None, None) when unknown."""
		p, c = self.normalize(province or ""), self.normalize(commune or "")
		if district:
			legacy = self.legacy.get((p, self.normalize(district), c))
			if legacy:
				return self.by_name[legacy].successor, legacy
		found = self.current.get((p, c))
		return (found, None) if found else (None, None)
