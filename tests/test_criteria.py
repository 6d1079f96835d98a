import csv
from pathlib import Path

import pytest

from ocop_app.rules import criteria as cr

SHEETS = Path(__file__).resolve().parents[2] / "shared" / "data" / "criteria"
SHIPPED = Path(__file__).resolve().parents[1] / "ocop_app" / "setup" / "data" / "criteria"


def read(path):
	with open(path, encoding="utf-8") as f:
		return list(csv.DictReader(f))


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.csv")), ids=lambda p: p.name)
def test_real_sheets_are_sound(path):
	sheet, errors = cr.rows_to_sheet(read(path))
	assert errors == []
	assert cr.sheet_problems(sheet) == []
	assert abs(sum(c.max_points for c in sheet.criteria) - 100) < 1e-9


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.csv")), ids=lambda p: p.name)
def test_export_gives_back_the_same_rows(path):
	rows = read(path)
	sheet, _ = cr.rows_to_sheet(rows)
	again = cr.sheet_to_rows(sheet)
	assert [(r["criterion_code"], r["option_text"], float(r["points"]), r["mandatory"]) for r in rows] == [
		(r["criterion_code"], r["option_text"], float(r["points"]), r["mandatory"]) for r in again
	]


def test_148_markers_and_prefill():
	sheet, _ = cr.rows_to_sheet(read(SHIPPED / "148_rau_cu_qua_hat_tuoi.csv"))
	by_code = {c.code: c for c in sheet.criteria}
	assert [o.min_star for o in by_code["1c"].options] == [0, 4, 5]
	assert by_code["3b"].prefill == cr.PREFILL_WOMEN_OR_ETHNIC
	assert [p.max_points for p in sheet.parts] == [40, 25, 35]


def test_row_errors_are_collected():
	rows = [
		{
			"part": "A",
			"part_max": "60",
			"criterion_code": "1",
			"criterion_text": "x",
			"option_text": "a",
			"points": "5",
		},
		{
			"part": "A",
			"part_max": "60",
			"criterion_code": "1",
			"criterion_text": "x",
			"option_text": "",
			"points": "x",
		},
		{
			"part": "B",
			"part_max": "40",
			"criterion_code": "2",
			"criterion_text": "y",
			"option_text": "b",
			"points": "4",
		},
	]
	sheet, errors = cr.rows_to_sheet(rows)
	assert {(e.row, e.column, e.code) for e in errors} == {
		(2, "option_text", "missing"),
		(2, "points", "not_a_number"),
	}
	codes = [p[0] for p in cr.sheet_problems(sheet)]
	assert "part_sum_mismatch" in codes  # A: 5 of 60, B: 4 of 40


def test_best_option_must_reach_the_stated_maximum():
	rows = [
		{"part": "A", "part_max": "100", "criterion_code": "1", "criterion_text": "x", "option_text": "a",
		 "points": "2", "criterion_max": "3"},
	]  # fmt: skip
	sheet, _ = cr.rows_to_sheet(rows)
	assert ("best_option_not_max", ("1", 2.0, 3.0)) in cr.sheet_problems(sheet)


def test_markers():
	assert cr.parse_marker("***") == 3
	assert cr.parse_marker(" ***** ") == 5
	assert cr.parse_marker("") == 0
