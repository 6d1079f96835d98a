from datetime import date

import pytest

from ocop_app.rules import forwarding as fw

R1048 = [
	fw.LevelRule("Commune"),
	fw.LevelRule("District", frozenset(), 50, True),
	fw.LevelRule("Province", frozenset({3, 4}), 90),
	fw.LevelRule("National", frozenset({5})),
]
R148 = [
	fw.LevelRule("Commune"),
	fw.LevelRule("District", frozenset({3}), 70, True),
	fw.LevelRule("Province", frozenset({4}), 90),
	fw.LevelRule("National", frozenset({5})),
]
R1489 = [
	fw.LevelRule("Commune", frozenset(), 0),
	fw.LevelRule("Province", frozenset({3, 4}), 90),
	fw.LevelRule("National", frozenset({5})),
]


def rule(rules, level):
	return next(r for r in rules if r.level == level)


def test_parse_stars():
	assert fw.parse_stars("3,4") == {3, 4}
	assert fw.parse_stars("3-5") == {3, 4, 5}
	assert fw.parse_stars("") == frozenset()


def test_rule_set_by_date():
	periods = [
		fw.RuleSetPeriod("1048/QĐ-TTg", date(2019, 8, 21), date(2023, 2, 23)),
		fw.RuleSetPeriod("148/QĐ-TTg", date(2023, 2, 24), date(2025, 6, 30)),
		fw.RuleSetPeriod("148/QĐ-TTg sửa đổi bởi 1489/QĐ-TTg", date(2025, 7, 1)),
	]
	assert fw.rule_set_for(periods, date(2020, 5, 1)).code == "1048/QĐ-TTg"
	assert fw.rule_set_for(periods, date(2023, 2, 24)).code == "148/QĐ-TTg"
	assert fw.rule_set_for(periods, date(2025, 7, 1)).code.startswith("148/QĐ-TTg sửa")
	assert fw.rule_set_for(periods, date(2018, 1, 1)) is None
	# an administrator adds a fourth set: it wins from its date
	periods.append(fw.RuleSetPeriod("26/2026/QĐ-TTg", date(2026, 5, 22)))
	assert fw.rule_set_for(periods, date(2026, 6, 1)).code == "26/2026/QĐ-TTg"


def test_next_level_skips_districts_after_the_reform():
	assert fw.next_level(R1048, "District") == "Province"
	assert fw.next_level(R1489, "Commune") == "Province"
	assert fw.next_level(R1489, "National") is None


@pytest.mark.parametrize(
	"rules, level, average, star, expected",
	[
		(R1048, "District", 55, 3, (fw.FORWARD, True, 3)),
		(R1048, "District", 45, 2, (fw.FAILED, False, None)),
		(R1048, "Province", 75, 4, (fw.PASSED, False, 4)),
		(R1048, "Province", 92, 5, (fw.FORWARD, True, 5)),
		(R148, "District", 65, 3, (fw.PASSED, False, 3)),  # the district recognises 3 stars itself
		(R148, "District", 75, 4, (fw.FORWARD, True, 4)),
		(R148, "Province", 80, 4, (fw.PASSED, False, 4)),
		(R148, "Province", 70, 4, (fw.PASSED, False, 4)),
		(R1489, "Province", 60, 3, (fw.PASSED, False, 3)),
		(R1489, "Province", 95, 5, (fw.FORWARD, True, 5)),
		(R1489, "National", 95, 5, (fw.PASSED, False, 5)),
		(R1489, "National", 85, 4, (fw.FAILED, False, None)),  # the ministry recognises 5 stars only
	],
)
def test_outcomes(rules, level, average, star, expected):
	r = rule(rules, level)
	assert fw.outcome(r, fw.next_level(rules, level), average, star) == expected


def test_knock_out_fails_whatever_the_score():
	assert fw.outcome(rule(R1048, "Province"), "National", 95, 5, knocked_out=True) == (
		fw.FAILED,
		False,
		None,
	)


def test_a_score_above_the_level_but_below_the_threshold_gets_the_levels_best_star():
	strict = fw.LevelRule("Province", frozenset({3, 4}), 95)
	assert fw.outcome(strict, "National", 92, 5) == (fw.PASSED, False, 4)


def test_upgrade_must_beat_the_current_star():
	r = rule(R148, "District")
	assert fw.outcome(r, "Province", 65, 3, current_star=3) == (fw.FAILED, False, None)
	assert fw.outcome(r, "Province", 75, 4, current_star=3) == (fw.FORWARD, True, 4)
	assert fw.forwarding_problems(r, "Province", 75, 4, current_star=4, has_field_inspection=True) == [
		"not_higher_than_current"
	]


def test_forwarding_problems():
	r = rule(R148, "District")
	assert fw.forwarding_problems(r, "Province", 72, 4, has_field_inspection=True) == []
	assert fw.forwarding_problems(r, "Province", 65, 3, has_field_inspection=True) == ["below_threshold"]
	assert fw.forwarding_problems(r, "Province", 72, 4) == ["no_field_inspection"]
	assert "no_upper_level" in fw.forwarding_problems(rule(R148, "National"), None, 95, 5)


def test_a_dossier_check_level_forwards_without_a_score():
	commune = rule(R1489, "Commune")
	assert fw.forwarding_problems(commune, "Province", None, None) == []
