"""Who decides what at each level, and when a product goes up a level (rules as dated data)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

LEVEL_ORDER = ("Commune", "District", "Province", "National")
PASSED, FAILED, FORWARD = "Đạt", "Không đạt", "Đề nghị cấp trên"


@dataclass(frozen=True)
class LevelRule:
	level: str
	recognises_stars: frozenset[int] = frozenset()
	forward_min_score: float | None = None  # None: this level does not forward
	requires_field_inspection: bool = False
	upgrade_must_exceed_current_star: bool = True


@dataclass(frozen=True)
class RuleSetPeriod:
	code: str
	effective_from: date
	effective_to: date | None = None

	def covers(self, day: date) -> bool:
		return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


def parse_stars(text: str | None) -> frozenset[int]:
	""" "3,4" → {3, 4}; "3-5" → {3, 4, 5}."""
	stars: set[int] = set()
	for part in (text or "").replace(";", ",").split(","):
		part = part.strip()
		if not part:
			continue
		if "-" in part:
			low, high = (int(x) for x in part.split("-", 1))
			stars.update(range(low, high + 1))
		else:
			stars.add(int(part))
	return frozenset(stars)


def rule_set_for(periods: Iterable[RuleSetPeriod], day: date) -> RuleSetPeriod | None:
	"""The rule set in force on ``day``; where two overlap, the one that took effect last."""
	covering = [p for p in periods if p.covers(day)]
	return max(covering, key=lambda p: p.effective_from) if covering else None


def next_level(rules: Sequence[LevelRule], level: str) -> str | None:
	"""The next level up that this rule set uses (districts are skipped after the reform)."""
	used = {r.level for r in rules}
	higher = [lvl for lvl in LEVEL_ORDER[LEVEL_ORDER.index(level) + 1 :] if lvl in used]
	return higher[0] if higher else None


def outcome(
	rule: LevelRule,
	upper_level: str | None,
	average: float | None,
	star: int | None,
	*,
	knocked_out: bool = False,
	current_star: int = 0,
) -> tuple[str, bool, int | None]:
	"""(result, forward, star recognised here) of an evaluation at ``rule.level``.

	Forward when the score reaches the level's threshold and there is a level above. Otherwise the
	level recognises the highest star it may give that the score reaches (a product scoring above
	what the level recognises, but short of the threshold to go up, gets the level's best star);
	an upgrade must beat the current star.
	"""
	if knocked_out or average is None or star is None:
		return FAILED, False, None
	must_beat = current_star if rule.upgrade_must_exceed_current_star else 0
	if upper_level and rule.forward_min_score is not None and average + 1e-9 >= rule.forward_min_score:
		if not (must_beat and star <= must_beat):
			return FORWARD, True, star
	recognisable = [s for s in rule.recognises_stars if s <= star]
	if recognisable and max(recognisable) > must_beat:
		return PASSED, False, max(recognisable)
	return FAILED, False, None


def forwarding_problems(
	rule: LevelRule,
	upper_level: str | None,
	average: float | None,
	star: int | None,
	*,
	current_star: int = 0,
	has_field_inspection: bool = False,
) -> list[str]:
	"""Why a product may not be forwarded from this level (empty list: it may)."""
	problems = []
	if not upper_level or rule.forward_min_score is None:
		problems.append("no_upper_level")
	dossier_check_only = rule.forward_min_score == 0 and not rule.recognises_stars
	if dossier_check_only:
		pass  # the commune after 1/7/2025 checks the dossier and forwards it without scoring
	elif average is None:
		problems.append("no_result")
	elif rule.forward_min_score is not None and average + 1e-9 < rule.forward_min_score:
		problems.append("below_threshold")
	if rule.requires_field_inspection and not has_field_inspection:
		problems.append("no_field_inspection")
	if rule.upgrade_must_exceed_current_star and current_star and star is not None and star <= current_star:
		problems.append("not_higher_than_current")
	return problems
