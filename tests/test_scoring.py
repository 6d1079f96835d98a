import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_app.rules import scoring as sc

C = [
	sc.Criterion("1a", 5, (sc.Option("<50%", 1), sc.Option("50-75%", 3), sc.Option(">75%", 5))),
	sc.Criterion(
		"1c",
		3,
		(sc.Option("nhỏ", 1), sc.Option("trung bình", 2, min_star=4), sc.Option("lớn", 3, min_star=5)),
	),
	sc.Criterion("9a", 2, (sc.Option("không", 0), sc.Option("có", 1, min_star=3), sc.Option("đủ", 2))),
]


@pytest.mark.parametrize(
	"score, star",
	[
		(100, 5),
		(90, 5),
		(89.99, 4),
		(70, 4),
		(69.99, 3),
		(69.71, 3),
		(50, 3),
		(49.5, 2),
		(30, 2),
		(29.99, 1),
		(0, 1),
	],
)
def test_star_bands(score, star):
	assert sc.star_for_score(score) == star


@given(st.floats(0, 100), st.floats(0, 100))
def test_star_never_decreases_as_score_rises(a, b):
	low, high = sorted((a, b))
	assert sc.star_for_score(low) <= sc.star_for_score(high)


def test_average_keeps_two_decimals_and_is_not_rounded_up():
	assert sc.round_average([69.71, 69.72, 69.72]) == 69.71  # 69.7166… cut, not 69.72
	assert sc.star_for_score(sc.round_average([69.99, 70, 69.99])) == 3  # 69.993… stays 3 stars
	assert sc.round_average([69.71, 69.72, 69.72], sc.ROUND_2) == 69.72
	assert sc.round_average([69.5, 69.5], sc.ROUND_0) == 70


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=30))
def test_truncated_average_is_within_a_cent_below_the_mean(totals):
	mean = sum(totals) / len(totals)
	avg = sc.round_average(totals)
	assert mean - 0.01 - 1e-9 <= avg <= mean + 1e-9


def test_sheet_total_and_missing_answers():
	assert sc.sheet_total(C, {"1a": 2, "1c": 1, "9a": 2}) == 9
	with pytest.raises(sc.ScoringError) as e:
		sc.sheet_total(C, {"1a": 2, "1c": 1})
	assert e.value.code == "unanswered"
	with pytest.raises(sc.ScoringError) as e:
		sc.sheet_total(C, {"1a": 3, "1c": 1, "9a": 0})
	assert e.value.code == "invalid_option"
	with pytest.raises(sc.ScoringError) as e:
		sc.sheet_total(C, {"1a": 0, "1c": 1, "9a": 0, "zz": 0})
	assert e.value.code == "unknown_criterion"


def test_minimum_criteria_cap_the_star():
	assert sc.star_cap(C, {"1a": 2, "1c": 2, "9a": 2}) == 5
	assert sc.star_cap(C, {"1a": 2, "1c": 1, "9a": 2}) == 4  # 5 stars need the largest capacity
	assert sc.star_cap(C, {"1a": 2, "1c": 0, "9a": 2}) == 3
	assert sc.star_cap(C, {"1a": 2, "1c": 2, "9a": 0}) == 2  # no 3-star minimum met


def test_thresholds_take_the_lowest_marked_option():
	double = sc.Criterion("1đ", 3, (sc.Option("a", 1, 4), sc.Option("b", 2, 4), sc.Option("c", 3)))
	assert double.star_thresholds() == {4: 1}


def test_council_result_needs_quorum():
	result = sc.council_result([80, 82], [5, 5], members=5)
	assert not result.quorum_met and result.quorum == 4 and result.average is None
	result = sc.council_result([80, 82, 84, 81], [5, 5, 5, 5], members=5)
	assert result.quorum_met and result.average == 81.75 and result.star == 4


def test_council_result_blocks_on_spread():
	result = sc.council_result([60, 71.5, 65], [5, 5, 5], members=3)
	assert result.spread_exceeded and result.average is None and result.spread == 11.5
	result = sc.council_result([60, 70, 65], [5, 5, 5], members=3)
	assert not result.spread_exceeded and result.average == 65.0


def test_council_result_caps_by_the_strictest_sheet():
	result = sc.council_result([92, 93, 91], [5, 4, 5], members=3)
	assert result.band_star == 5 and result.star == 4 and result.capped


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=12), st.integers(1, 12))
def test_no_average_without_quorum(totals, members):
	result = sc.council_result(totals, [5] * len(totals), members=members, max_spread=None)
	assert (result.average is not None) == (len(totals) >= sc.quorum_needed(members, 2 / 3))


@pytest.mark.parametrize(
	"members, ratio, needed", [(3, 0.6667, 2), (5, 0.6667, 4), (30, 0.6667, 20), (7, 0.5, 4), (1, 0.6667, 1)]
)
def test_quorum_with_stored_ratios(members, ratio, needed):
	assert sc.quorum_needed(members, ratio) == needed


def test_choose_for_target_meets_the_star_minimums():
	options = {c.code: [(i + 1, o.points, o.min_star) for i, o in enumerate(c.options)] for c in C}
	chosen = sc.choose_for_target(options, 9, star=5)
	choices = {code: n - 1 for code, n in chosen.items()}
	assert sc.sheet_total(C, choices) <= 9
	assert sc.star_cap(C, choices) == 5


@given(st.floats(0, 100))
def test_choose_for_target_never_passes_the_target(target):
	options = {c.code: [(i + 1, o.points, 0) for i, o in enumerate(c.options)] for c in C}
	chosen = sc.choose_for_target(options, target, star=0)
	total = sum(C[i].options[chosen[C[i].code] - 1].points for i in range(len(C)))
	assert total <= max(target, sum(min(o.points for o in c.options) for c in C)) + 1e-9


def test_choose_for_target_takes_the_highest_threshold_up_to_the_star():
	mixed = [
		sc.Criterion(
			"x", 3, (sc.Option("a", 0), sc.Option("b", 1, 3), sc.Option("c", 2, 4), sc.Option("d", 3))
		)
	]
	options = {"x": [(1, 0, 0), (2, 1, 3), (3, 2, 4), (4, 3, 0)]}
	chosen = sc.choose_for_target(options, 0, star=4)
	assert chosen == {"x": 3}  # 4 stars need 2 points here, not the 1 point 3 stars need
	assert sc.star_cap(mixed, {"x": 2}) == 5
