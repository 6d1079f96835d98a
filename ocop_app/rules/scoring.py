"""Scoring an OCOP product: member sheets → totals → average → star, with the council's checks.

Plain data in, plain answers out. The rule-set settings (bands, rounding, spread, quorum) arrive
as arguments, so a new decision is new data, not new code.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

TRUNCATE_2, ROUND_2, ROUND_0 = "Truncate to 2 decimals", "Round to 2 decimals", "Round to integer"
ROUNDING_MODES = (TRUNCATE_2, ROUND_2, ROUND_0)


class ScoringError(ValueError):
	"""A sheet that cannot be scored; ``code`` names the rule, ``args`` the values for the message."""

	def __init__(self, code: str, *args):
		super().__init__(code, *args)
		self.code = code
		self.args_ = args


@dataclass(frozen=True)
class StarBand:
	star: int
	min_score: float
	max_score: float


DEFAULT_BANDS = (
	StarBand(5, 90, 100),
	StarBand(4, 70, 89.99),
	StarBand(3, 50, 69.99),
	StarBand(2, 30, 49.99),
	StarBand(1, 0, 29.99),
)


@dataclass(frozen=True)
class Option:
	text: str
	points: float
	min_star: int = 0  # the option is (at least) what an N-star product must reach; 0: no marker


@dataclass(frozen=True)
class Criterion:
	code: str
	max_points: float
	options: tuple[Option, ...] = field(default_factory=tuple)
	part: str = ""

	def star_thresholds(self) -> dict[int, float]:
		"""{star: fewest points needed on this criterion for that star} from the option markers."""
		thresholds: dict[int, float] = {}
		for option in self.options:
			if option.min_star:
				current = thresholds.get(option.min_star)
				thresholds[option.min_star] = (
					option.points if current is None else min(current, option.points)
				)
		return thresholds


def star_for_score(score: float, bands: Iterable[StarBand] = DEFAULT_BANDS) -> int:
	"""The star band a score falls in; bands are closed below, and a score between two bands
	(e.g. 69.995 with bands 50–69.99 and 70–89.99) belongs to the lower one."""
	best = 0
	for band in sorted(bands, key=lambda b: b.min_score):
		if score + 1e-9 >= band.min_score:
			best = band.star
	return best


def round_average(totals: Sequence[float], mode: str = TRUNCATE_2) -> float:
	"""The mean of the members' totals, kept as the rule set says (default: 2 decimals, cut, not
	rounded up — averages of 69.25–69.71 were recognised as 3 stars)."""
	if not totals:
		raise ScoringError("no_sheets")
	mean = sum(Decimal(str(t)) for t in totals) / Decimal(len(totals))
	if mode == ROUND_0:
		return float(mean.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
	rounding = ROUND_HALF_UP if mode == ROUND_2 else ROUND_DOWN
	return float(mean.quantize(Decimal("0.01"), rounding=rounding))


def spread(totals: Sequence[float]) -> float:
	return (max(totals) - min(totals)) if totals else 0.0


def quorum_needed(members: int, ratio: float) -> int:
	# ratios are stored to 4 decimals (0.6667 for two thirds): 3 × 0.6667 must still need 2
	return max(1, math.ceil(round(members * ratio, 2) - 1e-9))


def sheet_total(criteria: Sequence[Criterion], choices: Mapping[str, int]) -> float:
	"""Sum of the chosen option's points, one option per criterion (index into its options)."""
	total = 0.0
	known = {c.code for c in criteria}
	for code in choices:
		if code not in known:
			raise ScoringError("unknown_criterion", code)
	for criterion in criteria:
		if criterion.code not in choices or choices[criterion.code] is None:
			raise ScoringError("unanswered", criterion.code)
		index = choices[criterion.code]
		if not 0 <= index < len(criterion.options):
			raise ScoringError("invalid_option", criterion.code, index)
		total += criterion.options[index].points
	return round(total, 2)


def star_cap(criteria: Sequence[Criterion], choices: Mapping[str, int], top: int = 5) -> int:
	"""The highest star the sheet's answers allow, whatever its total (minimum criteria per star:
	781/QĐ-TTg, the ***/****/***** markers of the 148 sheets)."""
	cap = top
	for criterion in criteria:
		index = choices.get(criterion.code)
		points = criterion.options[index].points if index is not None else 0
		for star, needed in criterion.star_thresholds().items():
			if points + 1e-9 < needed:
				cap = min(cap, star - 1)
	return max(cap, 0)


@dataclass(frozen=True)
class CouncilResult:
	sheets: int
	quorum: int
	quorum_met: bool
	spread: float
	spread_exceeded: bool
	average: float | None
	band_star: int | None  # the star the average alone would give
	star: int | None  # after the minimum-criteria cap
	capped: bool


def council_result(
	totals: Sequence[float],
	caps: Sequence[int],
	members: int,
	*,
	bands: Iterable[StarBand] = DEFAULT_BANDS,
	rounding: str = TRUNCATE_2,
	max_spread: float | None = 10,
	quorum_ratio: float = 2 / 3,
) -> CouncilResult:
	"""What the council's submitted sheets amount to.

	No average until the quorum is met; none either while members' totals differ by more than
	``max_spread`` (the council re-scores). The star is the band of the average, capped by the
	strictest sheet's minimum-criteria cap.
	"""
	needed = quorum_needed(members, quorum_ratio)
	met = len(totals) >= needed
	gap = spread(totals)
	exceeded = bool(max_spread) and gap > max_spread + 1e-9
	if not met or exceeded or not totals:
		return CouncilResult(len(totals), needed, met, gap, exceeded, None, None, None, False)
	average = round_average(totals, rounding)
	band = star_for_score(average, bands)
	cap = min(caps) if caps else band
	star = min(band, cap)
	return CouncilResult(len(totals), needed, met, gap, exceeded, average, band, star, star < band)


def choose_for_target(
	options: Mapping[str, Sequence[tuple[int, float, int]]], target: float, star: int | None = None
) -> dict[str, int]:
	"""Option numbers, one per criterion, whose total comes as close to ``target`` as it can
	without passing it, meeting the minimum criteria of ``star`` (default: the target's band).

	``options`` maps a criterion code to its (option number, points, min_star) triples. Used to
	make demo and benchmark sheets; a council member chooses by hand.
	"""
	star = star_for_score(target) if star is None else star
	chosen: dict[str, tuple[int, float, int]] = {}
	for code, opts in options.items():
		criterion = Criterion(code, 0, tuple(Option("", p, s) for _, p, s in opts))
		needed = max([p for s, p in criterion.star_thresholds().items() if s <= star] or [0])
		chosen[code] = min((o for o in opts if o[1] >= needed), key=lambda o: o[1])
	total = sum(o[1] for o in chosen.values())
	for code, opts in options.items():
		for option in sorted(opts, key=lambda o: -o[1]):
			if option[1] < chosen[code][1]:
				break  # only ever raise a criterion above its star minimum
			if total - chosen[code][1] + option[1] <= target + 1e-9:
				total += option[1] - chosen[code][1]
				chosen[code] = option
				break
	return {code: option[0] for code, option in chosen.items()}
