"""Periods, deadlines and consolidation of the periodic reports."""

from datetime import date

import pytest

from ocop_app.rules import reporting as r


def test_period_dates():
	assert r.period_dates(2026, "Quý I") == (date(2026, 1, 1), date(2026, 3, 31))
	assert r.period_dates(2024, "Quý I") == (date(2024, 1, 1), date(2024, 3, 31))
	assert r.period_dates(2026, "Quý IV") == (date(2026, 10, 1), date(2026, 12, 31))
	assert r.period_dates(2026, "6 tháng đầu năm") == (date(2026, 1, 1), date(2026, 6, 30))
	assert r.period_dates(2026, "Cả năm") == (date(2026, 1, 1), date(2026, 12, 31))
	with pytest.raises(ValueError):
		r.period_dates(2026, "Quý V")


def test_receivers_and_levels():
	assert r.RECEIVER[r.COMMUNE] == r.PROVINCE
	assert r.RECEIVER[r.PROVINCE] == r.NATIONAL
	assert r.report_level(None) == r.NATIONAL
	assert r.report_level("Commune") == r.COMMUNE
	assert r.deadline_stage("Quý II") == "Báo cáo Quý II"


def test_consolidation_lists_missing_units_first():
	rows = r.consolidation(["A", "B", "C"], {"A": "Đã tiếp nhận", "C": "Đã gửi", "D": "Trả lại"})
	assert rows == [("B", r.NOT_REPORTED), ("A", "Đã tiếp nhận"), ("C", "Đã gửi"), ("D", "Trả lại")]
	assert r.consolidation([], {}) == []


def test_overdue():
	today = date(2026, 4, 20)
	assert r.is_overdue(True, date(2026, 4, 15), today)
	assert not r.is_overdue(True, date(2026, 4, 20), today)
	assert not r.is_overdue(False, date(2026, 4, 15), today)
	assert not r.is_overdue(True, None, today)


def test_plan_achievements_count_each_product_once_by_kind():
	start, end, on = date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 2)
	certificates = [
		("X1", "P1", "E1", True, date(2026, 3, 1), date(2029, 2, 28)),  # new this year, valid
		("X1", "P1", "E9", False, date(2026, 1, 5), date(2029, 1, 4)),  # P1 again (superseded): once
		("X1", "P2", "E2", True, date(2026, 5, 1), date(2029, 4, 30)),  # an upgrade this year
		("X2", "P3", None, True, date(2024, 6, 1), date(2027, 5, 31)),  # older, still valid
		("X2", "P4", "E4", True, date(2022, 1, 1), date(2024, 12, 31)),  # expired
		("X2", "P5", "E5", True, date(2027, 1, 2), date(2030, 1, 1)),  # next year's
		("X2", "P6", "E6", True, None, None),  # no dates: not counted
		("X2", "P7", "E7", True, date(2026, 2, 1), None),  # issued this year, no end date: new only
	]
	counted = r.plan_achievements(certificates, start, end, on, upgrades={"E2"})
	assert counted["new"] == {"X1": {"P1"}, "X2": {"P7"}}
	assert counted["upgraded"] == {"X1": {"P2"}}
	assert counted["cumulative"] == {"X1": {"P1", "P2"}, "X2": {"P3"}}
	assert r.count_in(counted["cumulative"], ["X1", "X2", "X3"]) == 3
	assert r.count_in(counted["cumulative"], ["X2"]) == 1
	assert r.count_in(counted["new"], []) == 0
	# a product moved between units (the 2025 merger) is still one product in a subtree holding both
	assert r.count_in({"A": {"P1"}, "B": {"P1", "P2"}}, ["A", "B"]) == 2
	assert set(r.PLAN_METRICS.values()) == {"new", "upgraded", "cumulative", None}
