"""Support (hỗ trợ) for OCOP products: what a claim may be approved for (seed 000 §12).

- Only a product holding a valid certificate of 3 stars or more is eligible.
- Each support content is paid once per product from the state budget, across claims and years;
  rejected, cancelled and fully reversed claims do not count.
- A star reward after an upgrade pays only the difference to the reward already paid.
- The approved amount stays within the policy amount, the amount claimed, the per-product and
  per-producer-per-year caps, and what is left of the fund.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NOT_COUNTED = frozenset({"Từ chối", "Đã hủy", "Đã hoàn trả"})  # rejected, cancelled, reversed
MIN_STAR = 3


@dataclass(frozen=True)
class PriorClaim:
	support_type: str
	status: str
	approved_amount: float
	is_star_reward: bool = False


@dataclass
class Entitlement:
	limit: float  # the most that may be approved (0 when nothing may be)
	problems: list[tuple[str, tuple]] = field(default_factory=list)

	@property
	def ok(self) -> bool:
		return not self.problems


def policy_amount(rows: Iterable[Mapping], support_type: str, star: int) -> float | None:
	"""The policy's amount for a support type at a star; a row with star 0 applies to every star."""
	exact = [
		r["amount"] for r in rows if r["support_type"] == support_type and int(r.get("star") or 0) == star
	]
	if exact:
		return float(exact[0])
	general = [r["amount"] for r in rows if r["support_type"] == support_type and not int(r.get("star") or 0)]
	return float(general[0]) if general else None


def counted(claims: Iterable[PriorClaim]) -> list[PriorClaim]:
	return [c for c in claims if c.status not in NOT_COUNTED]


def entitlement(
	*,
	support_type: str,
	is_star_reward: bool,
	star: int | None,
	claimed: float,
	policy: float | None,
	prior_for_product: Iterable[PriorClaim],
	producer_year_total: float = 0.0,
	producer_year_cap: float | None = None,
	product_cap: float | None = None,
	fund_remaining: float | None = None,
) -> Entitlement:
	"""How much a claim may be approved for, and why not more (problem codes with their values)."""
	problems: list[tuple[str, tuple]] = []
	if not star or star < MIN_STAR:
		problems.append(("no_valid_certificate", (star or 0,)))
	if policy is None:
		problems.append(("not_in_policy", (support_type, star or 0)))
	prior = counted(prior_for_product)
	limit = float(policy or 0)
	if is_star_reward:
		already = sum(c.approved_amount for c in prior if c.is_star_reward)
		limit = max(0.0, limit - already)
		if policy is not None and limit <= 0:
			problems.append(("reward_already_paid", (already,)))
	elif any(c.support_type == support_type for c in prior):
		problems.append(("already_supported", (support_type,)))
		limit = 0.0
	if product_cap is not None:
		used = sum(c.approved_amount for c in prior)
		limit = min(limit, max(0.0, product_cap - used))
	if producer_year_cap is not None:
		left = max(0.0, producer_year_cap - producer_year_total)
		if left <= 0:
			problems.append(("producer_cap_reached", (producer_year_cap,)))
		limit = min(limit, left)
	if fund_remaining is not None:
		if fund_remaining <= 0:
			problems.append(("fund_exhausted", (fund_remaining,)))
		limit = min(limit, max(0.0, fund_remaining))
	limit = min(limit, max(0.0, claimed))
	# money: whole đồng (VND has no fraction), cut down, never rounded up past a bound
	return Entitlement(float(math.floor(limit + 1e-6)) if not problems else 0.0, problems)


def approval_problems(approved: float, claimed: float, ent: Entitlement) -> list[tuple[str, tuple]]:
	"""What is wrong with approving ``approved`` (empty list: it may be approved)."""
	problems = list(ent.problems)
	if approved <= 0:
		problems.append(("nothing_approved", ()))
	elif approved > claimed + 1e-6:
		problems.append(("above_claimed", (approved, claimed)))
	elif not ent.problems and approved > ent.limit + 1e-6:
		problems.append(("above_limit", (approved, ent.limit)))
	return problems
