from hypothesis import given
from hypothesis import strategies as st

from ocop_app.rules import support as sp

M = 1_000_000
ROWS = [
	{"support_type": "Thưởng hạng sao", "star": 3, "amount": 50 * M},
	{"support_type": "Thưởng hạng sao", "star": 4, "amount": 150 * M},
	{"support_type": "Thưởng hạng sao", "star": 5, "amount": 300 * M},
	{"support_type": "Bao bì, nhãn mác", "star": 3, "amount": 5 * M},
	{"support_type": "Bao bì, nhãn mác", "star": 4, "amount": 10 * M},
	{"support_type": "Bao bì, nhãn mác", "star": 5, "amount": 20 * M},
	{"support_type": "Xúc tiến thương mại", "star": 0, "amount": 15 * M},
]


def ent(support_type="Bao bì, nhãn mác", star=4, claimed=12 * M, prior=(), reward=False, **kw):
	return sp.entitlement(
		support_type=support_type,
		is_star_reward=reward,
		star=star,
		claimed=claimed,
		policy=sp.policy_amount(ROWS, support_type, star),
		prior_for_product=prior,
		**kw,
	)


def test_policy_amounts_by_star_and_for_every_star():
	assert sp.policy_amount(ROWS, "Thưởng hạng sao", 4) == 150 * M
	assert sp.policy_amount(ROWS, "Xúc tiến thương mại", 5) == 15 * M
	assert sp.policy_amount(ROWS, "Sở hữu trí tuệ trong nước", 4) is None


def test_within_policy_and_claimed():
	assert ent(claimed=12 * M).limit == 10 * M
	assert ent(claimed=8 * M).limit == 8 * M


def test_only_products_with_three_stars_or_more():
	assert [p[0] for p in ent(star=2).problems] == ["no_valid_certificate", "not_in_policy"]
	assert next(p[0] for p in ent(star=None).problems) == "no_valid_certificate"


def test_once_per_product_unless_rejected_or_cancelled():
	paid = sp.PriorClaim("Bao bì, nhãn mác", "Đã chi", 10 * M)
	assert ent(prior=[paid]).problems == [("already_supported", ("Bao bì, nhãn mác",))]
	for status in ("Từ chối", "Đã hủy", "Đã hoàn trả"):
		assert ent(prior=[sp.PriorClaim("Bao bì, nhãn mác", status, 10 * M)]).ok
	assert ent(prior=[sp.PriorClaim("Xúc tiến thương mại", "Đã chi", 15 * M)]).ok  # another content


def test_star_reward_after_an_upgrade_pays_the_difference():
	first = sp.PriorClaim("Thưởng hạng sao", "Đã chi", 50 * M, is_star_reward=True)
	upgrade = ent("Thưởng hạng sao", star=4, claimed=150 * M, prior=[first], reward=True)
	assert upgrade.ok and upgrade.limit == 100 * M
	again = ent(
		"Thưởng hạng sao",
		star=4,
		claimed=150 * M,
		prior=[first, sp.PriorClaim("Thưởng hạng sao", "Đã chi", 100 * M, True)],
		reward=True,
	)
	assert again.problems == [("reward_already_paid", (150 * M,))]


def test_caps_and_fund():
	assert ent(producer_year_total=25 * M, producer_year_cap=30 * M).limit == 5 * M
	assert ent(producer_year_total=30 * M, producer_year_cap=30 * M).problems[0][0] == "producer_cap_reached"
	assert ent(fund_remaining=3 * M).limit == 3 * M
	assert ent(fund_remaining=0).problems == [("fund_exhausted", (0,))]


def test_approval_problems():
	e = ent(claimed=12 * M)
	assert sp.approval_problems(10 * M, 12 * M, e) == []
	assert sp.approval_problems(11 * M, 12 * M, e) == [("above_limit", (11 * M, 10 * M))]
	assert sp.approval_problems(13 * M, 12 * M, e) == [("above_claimed", (13 * M, 12 * M))]
	assert sp.approval_problems(0, 12 * M, e) == [("nothing_approved", ())]


@given(
	st.floats(0, 400 * M),
	st.floats(0, 400 * M),
	st.one_of(st.none(), st.floats(0, 400 * M)),
	st.sampled_from([3, 4, 5]),
)
def test_the_limit_never_exceeds_any_bound(claimed, fund, cap, star):
	e = ent(
		"Thưởng hạng sao", star=star, claimed=claimed, reward=True, fund_remaining=fund, producer_year_cap=cap
	)
	assert e.limit <= claimed + 1e-6
	assert e.limit <= fund + 1e-6
	assert e.limit <= sp.policy_amount(ROWS, "Thưởng hạng sao", star)
	if cap is not None:
		assert e.limit <= cap + 1e-6
	assert e.limit == int(e.limit), "VND has no fraction: the limit is whole đồng"


def test_a_fractional_bound_cuts_the_limit_to_whole_dong():
	assert ent(claimed=8 * M + 0.75).limit == 8 * M
	assert ent(fund_remaining=7_654_321.99).limit == 7_654_321
