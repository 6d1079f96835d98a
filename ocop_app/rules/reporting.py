"""Periodic reports up the levels (báo cáo định kỳ): periods, who receives, who has not reported.

Pure Python (no frappe). A commune (or a legacy district) reports to the province, a province to
the ministry; the province's and the ministry's reports consolidate those of the level below.
"""

from datetime import date, timedelta

QUARTERS = ("Quý I", "Quý II", "Quý III", "Quý IV")
HALF_YEAR, YEAR = "6 tháng đầu năm", "Cả năm"
# period -> (first month, last month)
PERIODS = {
	"Quý I": (1, 3),
	"Quý II": (4, 6),
	"Quý III": (7, 9),
	"Quý IV": (10, 12),
	HALF_YEAR: (1, 6),
	YEAR: (1, 12),
}
COMMUNE, DISTRICT, PROVINCE, NATIONAL = "Commune", "District", "Province", "National"
RECEIVER = {COMMUNE: PROVINCE, DISTRICT: PROVINCE, PROVINCE: NATIONAL, NATIONAL: None}
NOT_REPORTED = "Chưa báo cáo"
# certificates ending within this many days after the period are reported as "expiring"
EXPIRING_WINDOW_DAYS = 90


def period_dates(year: int, period: str) -> tuple[date, date]:
	"""First and last day of ``period`` in ``year``."""
	if period not in PERIODS:
		raise ValueError(period)
	first, last = PERIODS[period]
	end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
	return date(year, first, 1), end - timedelta(days=1)


def deadline_stage(period: str) -> str:
	"""The OCOP Cycle stage whose deadline is the report's: "Báo cáo Quý I", "Báo cáo Cả năm"…"""
	return f"Báo cáo {period}"


def report_level(unit_level: str | None) -> str:
	"""The level of a report: that of its unit, national when it has none."""
	return unit_level or NATIONAL


def consolidation(expected: list[str], reports: dict[str, str]) -> list[tuple[str, str]]:
	"""Each unit expected to report with the state of its report (``NOT_REPORTED`` when none).

	``expected`` are the units below that should report; ``reports`` maps a unit to the workflow
	state of its report for the period. Units that reported without being expected are listed
	too. Units that have not reported come first, then the others, each in the order given.
	"""
	units = list(dict.fromkeys([*expected, *reports]))
	rows = [(u, reports.get(u) or NOT_REPORTED) for u in units]
	return [r for r in rows if r[1] == NOT_REPORTED] + [r for r in rows if r[1] != NOT_REPORTED]


def is_overdue(open_report: bool, deadline: date | None, today: date) -> bool:
	return open_report and deadline is not None and deadline < today


# how each annual-plan metric (OCOP Plan Target) is counted from certificates; None: not recorded here
PLAN_METRICS = {
	"New products ≥3★": "new",
	"Upgraded products": "upgraded",
	"Products ≥3★ (cumulative)": "cumulative",
	"Producers strengthened": None,
	"Points of sale": None,
}
PLAN_MIN_STAR = 3  # plans count products recognised 3★ and above


def plan_achievements(certificates, start: date, end: date, on: date, upgrades) -> dict[str, dict[str, set]]:
	"""The products counted for each plan metric, by the unit of their certificate.

	``certificates``: (unit, product, evaluation, active, valid_from, valid_to) of the ≥3★ certificates
	that were not cancelled; ``upgrades``: the evaluations among theirs that upgraded a star.
	"new"/"upgraded": issued between ``start`` and ``end`` (upgraded when by an upgrade evaluation);
	"cumulative": active and valid on ``on``. A product is counted once however many certificates it has.
	"""
	counted = {"new": {}, "upgraded": {}, "cumulative": {}}
	for unit, product, evaluation, active, valid_from, valid_to in certificates:
		if valid_from is None:  # not issued yet
			continue
		kinds = []
		if start <= valid_from <= end:
			kinds.append("upgraded" if evaluation in upgrades else "new")
		if active and valid_to is not None and valid_from <= on <= valid_to:
			kinds.append("cumulative")
		for kind in kinds:
			counted[kind].setdefault(unit, set()).add(product)
	return counted


def count_in(products_by_unit: dict[str, set], units) -> int:
	"""How many distinct products ``products_by_unit`` holds in any of ``units``."""
	found = set()
	for unit in units:
		found |= products_by_unit.get(unit, set())
	return len(found)
