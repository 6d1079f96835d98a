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
