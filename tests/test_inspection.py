"""Sampling certified products for inspection, and the consistency of an inspection's conclusion."""

from datetime import date

from ocop_app.rules import inspection as r


def cert(name, valid_to):
	return {"name": name, "valid_to": date.fromisoformat(valid_to)}


def test_sample_size_rounds_up_and_caps():
	assert r.sample_size(10, 30) == 3
	assert r.sample_size(10, 25) == 3
	assert r.sample_size(3, 10) == 1
	assert r.sample_size(4, 100) == 4
	assert r.sample_size(4, 150) == 4
	assert r.sample_size(0, 50) == 0
	assert r.sample_size(10, 0) == 0


def test_sample_takes_the_closest_to_expiry_first():
	certs = [
		cert("C", "2027-05-01"),
		cert("A", "2026-12-31"),
		cert("B", "2027-01-15"),
		cert("D", "2028-01-01"),
	]
	assert [c["name"] for c in r.sample(certs, 50)] == ["A", "B"]


def test_sample_counts_what_the_plan_already_has():
	certs = [cert("A", "2026-12-31"), cert("B", "2027-01-15"), cert("C", "2027-05-01")]
	# 4 valid certificates in all, one already chosen by hand: 50 % is 2, so one more
	assert [c["name"] for c in r.sample(certs, 50, already_listed=1)] == ["A"]
	assert r.sample(certs, 25, already_listed=1) == []


def checks(*outcomes, mandatory=True):
	return [{"idx": i, "outcome": o, "is_mandatory": mandatory} for i, o in enumerate(outcomes, start=1)]


D = date(2026, 3, 1)


def test_no_result_yet_is_no_problem():
	assert r.conclusion_problems(None, checks(None), 0, D, None, None) == []


def test_every_item_must_be_checked():
	problems = r.conclusion_problems(r.PASSED, checks("Đạt", None, "Không áp dụng", None), 0, D, None, None)
	assert problems == [("unchecked", [2, 4])]


def test_passed_cannot_hide_a_failed_mandatory_item():
	assert r.conclusion_problems(r.PASSED, checks("Đạt", "Không đạt"), 0, D, None, None) == [
		("passed_with_failure", [2])
	]
	assert (
		r.conclusion_problems(r.PASSED, checks("Đạt", "Không đạt", mandatory=False), 0, D, None, None) == []
	)


def test_correction_needs_findings_and_a_later_deadline():
	codes = [p[0] for p in r.conclusion_problems(r.CORRECTION, checks("Không đạt"), 0, D, None, None)]
	assert codes == ["no_findings", "deadline_missing"]
	assert r.conclusion_problems(r.CORRECTION, checks("Không đạt"), 1, D, D, None) == [
		("deadline_not_after", D)
	]
	assert r.conclusion_problems(r.CORRECTION, checks("Không đạt"), 1, D, date(2026, 4, 1), None) == []


def test_revocation_needs_a_reason_and_findings():
	codes = [p[0] for p in r.conclusion_problems(r.REVOCATION, checks("Không đạt"), 0, D, None, "")]
	assert codes == ["no_findings", "reason_missing"]
	assert (
		r.conclusion_problems(r.REVOCATION, checks("Không đạt"), 2, D, None, "Vi phạm an toàn thực phẩm")
		== []
	)


def test_unknown_result():
	assert r.conclusion_problems("Tốt", [], 0, D, None, None) == [("unknown_result", "Tốt")]


def test_correction_overdue():
	today = date(2026, 5, 1)
	assert r.correction_overdue(r.CORRECTION, False, date(2026, 4, 30), today)
	assert not r.correction_overdue(r.CORRECTION, False, date(2026, 5, 1), today)
	assert not r.correction_overdue(r.CORRECTION, True, date(2026, 4, 30), today)
	assert not r.correction_overdue(r.PASSED, False, date(2026, 4, 30), today)
	assert not r.correction_overdue(r.CORRECTION, False, None, today)
