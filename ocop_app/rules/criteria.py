"""Criteria sheets (phiếu chấm) as data: read from the national layout, checked, written back.

The layout is one row per option: part, part_max, group_no, criterion_code, criterion_text,
mandatory, option_text, points, then part_name, group_text, criterion_max, case, note (see
shared/data/criteria/SOURCES.md). ``mandatory`` holds the star markers of 148-era sheets
("***" = needed for 3 stars).
"""

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

COLUMNS = (
	"part",
	"part_max",
	"group_no",
	"criterion_code",
	"criterion_text",
	"mandatory",
	"option_text",
	"points",
	"part_name",
	"group_text",
	"criterion_max",
	"case",
	"note",
)
REQUIRED_COLUMNS = COLUMNS[:8]
TOTAL_POINTS = 100
# criteria answered by the producer's record rather than by the council
PREFILL_WOMEN_OR_ETHNIC = "women_or_ethnic_minority_led"
_PREFILL_PATTERNS = ((re.compile(r"nữ\s*/\s*đồng bào dân tộc thiểu số", re.I), PREFILL_WOMEN_OR_ETHNIC),)


@dataclass
class SheetOption:
	text: str
	points: float
	min_star: int = 0
	case: str = ""


@dataclass
class SheetCriterion:
	code: str
	text: str
	part: str
	group_no: str = ""
	group_text: str = ""
	max_points: float = 0
	note: str = ""
	prefill: str = ""
	options: list[SheetOption] = field(default_factory=list)


@dataclass
class SheetPart:
	part: str
	name: str
	max_points: float


@dataclass
class Sheet:
	parts: list[SheetPart]
	criteria: list[SheetCriterion]


@dataclass(frozen=True)
class RowError:
	row: int  # 1-based data row (the header is row 0)
	column: str
	code: str
	value: str = ""


def parse_marker(value: str | None) -> int:
	"""'****' → 4; '' → 0. A marker of 1 or 2 stars means nothing here (only 3–5 are recognised)."""
	stars = (value or "").strip().count("*")
	return stars if stars >= 3 else 0


def _number(value) -> float | None:
	text = str(value if value is not None else "").strip().replace(",", ".")
	if not text:
		return None
	try:
		return float(text)
	except ValueError:
		return None


def prefill_for(criterion_text: str) -> str:
	for pattern, key in _PREFILL_PATTERNS:
		if pattern.search(criterion_text or ""):
			return key
	return ""


def rows_to_sheet(rows: Iterable[Mapping[str, object]]) -> tuple[Sheet, list[RowError]]:
	"""Build a sheet from layout rows, collecting every row error instead of stopping at the first."""
	errors: list[RowError] = []
	parts: OrderedDict[str, SheetPart] = OrderedDict()
	criteria: OrderedDict[str, SheetCriterion] = OrderedDict()
	for i, row in enumerate(rows, start=1):
		get = lambda key: str(row.get(key) if row.get(key) is not None else "").strip()  # noqa: E731
		missing = [c for c in ("part", "criterion_code", "criterion_text", "option_text") if not get(c)]
		for column in missing:
			errors.append(RowError(i, column, "missing"))
		points, part_max = _number(get("points")), _number(get("part_max"))
		if points is None:
			errors.append(RowError(i, "points", "not_a_number", get("points")))
		if part_max is None:
			errors.append(RowError(i, "part_max", "not_a_number", get("part_max")))
		if missing or points is None or part_max is None:
			continue
		part = parts.setdefault(get("part"), SheetPart(get("part"), get("part_name"), part_max))
		if part.max_points != part_max:
			errors.append(RowError(i, "part_max", "inconsistent", get("part_max")))
		code = get("criterion_code")
		criterion = criteria.get(code)
		if criterion is None:
			criterion = criteria[code] = SheetCriterion(
				code=code,
				text=get("criterion_text"),
				part=part.part,
				group_no=get("group_no"),
				group_text=get("group_text"),
				max_points=_number(get("criterion_max")) or 0,
				note=get("note"),
				prefill=prefill_for(get("criterion_text")),
			)
		elif criterion.part != part.part:
			errors.append(RowError(i, "part", "inconsistent", get("part")))
		criterion.options.append(
			SheetOption(get("option_text"), points, parse_marker(get("mandatory")), get("case"))
		)
	for criterion in criteria.values():
		if not criterion.max_points:
			criterion.max_points = max(o.points for o in criterion.options)
	return Sheet(list(parts.values()), list(criteria.values())), errors


def sheet_problems(sheet: Sheet) -> list[tuple[str, tuple]]:
	"""What makes a sheet unusable: (code, values) pairs, empty when it is sound.

	- the part maxima add up to 100;
	- each criterion's best option reaches the criterion's stated maximum (and no option exceeds it);
	- each part's criteria add up to the part's maximum.
	"""
	problems: list[tuple[str, tuple]] = []
	if not sheet.criteria:
		return [("empty", ())]
	total = sum(p.max_points for p in sheet.parts)
	if abs(total - TOTAL_POINTS) > 1e-6:
		problems.append(("parts_not_100", (total,)))
	for criterion in sheet.criteria:
		best = max(o.points for o in criterion.options)
		if abs(best - criterion.max_points) > 1e-6:
			problems.append(("best_option_not_max", (criterion.code, best, criterion.max_points)))
	for part in sheet.parts:
		subtotal = sum(c.max_points for c in sheet.criteria if c.part == part.part)
		if abs(subtotal - part.max_points) > 1e-6:
			problems.append(("part_sum_mismatch", (part.part, subtotal, part.max_points)))
	return problems


def sheet_to_rows(sheet: Sheet) -> list[dict]:
	"""The layout rows of a sheet (the importer's input, and the export's output)."""
	part_by_code = {p.part: p for p in sheet.parts}
	rows = []
	for criterion in sheet.criteria:
		part = part_by_code[criterion.part]
		for option in criterion.options:
			rows.append(
				{
					"part": part.part,
					"part_max": _plain(part.max_points),
					"group_no": criterion.group_no,
					"criterion_code": criterion.code,
					"criterion_text": criterion.text,
					"mandatory": "*" * option.min_star if option.min_star else "",
					"option_text": option.text,
					"points": _plain(option.points),
					"part_name": part.name,
					"group_text": criterion.group_text,
					"criterion_max": _plain(criterion.max_points),
					"case": option.case,
					"note": criterion.note,
				}
			)
	return rows


def _plain(number: float):
	return int(number) if float(number).is_integer() else number


def best_choices(criteria: Sequence[SheetCriterion]) -> dict[str, int]:
	"""Index of each criterion's best option (used by tests and benchmarks)."""
	return {c.code: max(range(len(c.options)), key=lambda i: c.options[i].points) for c in criteria}
