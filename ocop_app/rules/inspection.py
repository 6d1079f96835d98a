"""Inspections after recognition (kiểm tra, giám sát sau công nhận): sampling and conclusions.

Pure Python (no frappe): which certified products a plan samples, and whether an inspection's
conclusion holds together. Controllers turn the problem codes into Vietnamese messages.
"""

import math
from datetime import date

PASSED, CORRECTION, REVOCATION = "Đạt", "Yêu cầu khắc phục", "Đề nghị thu hồi"
RESULTS = (PASSED, CORRECTION, REVOCATION)
ITEM_PASSED, ITEM_FAILED, ITEM_NOT_APPLICABLE = "Đạt", "Không đạt", "Không áp dụng"


def sample_size(total: int, share_percent: float) -> int:
	"""How many of ``total`` certificates a share (in %) covers: rounded up, at most all of them."""
	if total <= 0 or not share_percent or share_percent <= 0:
		return 0
	return min(total, math.ceil(round(total * share_percent / 100, 6)))


def sample(certificates: list[dict], share_percent: float, already_listed: int = 0) -> list[dict]:
	"""The certificates to add so the plan covers ``share_percent`` of them, closest to expiry first.

	``certificates`` are the unit's valid certificates not yet in the plan (each with ``name`` and
	``valid_to``); ``already_listed`` counts the valid certificates the plan already has.
	"""
	total = len(certificates) + already_listed
	wanted = max(0, sample_size(total, share_percent) - already_listed)
	ordered = sorted(certificates, key=lambda c: (c["valid_to"], c["name"]))
	return ordered[:wanted]


def conclusion_problems(
	result: str | None,
	checks: list[dict],
	findings: int,
	inspection_date: date | None,
	corrective_deadline: date | None,
	revocation_reason: str | None,
) -> list[tuple[str, object]]:
	"""What stops an inspection from concluding with ``result``: a list of (code, detail).

	``checks`` are the checklist rows (``idx``, ``outcome``, ``is_mandatory``); ``findings`` the
	number of findings recorded. Codes: unknown_result, unchecked (row numbers), passed_with_failure
	(row numbers of failed mandatory items), no_findings, deadline_missing, deadline_not_after,
	reason_missing.
	"""
	if not result:
		return []
	if result not in RESULTS:
		return [("unknown_result", result)]
	problems: list[tuple[str, object]] = []
	unchecked = [c["idx"] for c in checks if not c.get("outcome")]
	if unchecked:
		problems.append(("unchecked", unchecked))
	if result == PASSED:
		failed = [c["idx"] for c in checks if c.get("outcome") == ITEM_FAILED and c.get("is_mandatory")]
		if failed:
			problems.append(("passed_with_failure", failed))
		return problems
	if findings < 1:
		problems.append(("no_findings", result))
	if result == CORRECTION:
		if not corrective_deadline:
			problems.append(("deadline_missing", None))
		elif inspection_date and corrective_deadline <= inspection_date:
			problems.append(("deadline_not_after", inspection_date))
	if result == REVOCATION and not revocation_reason:
		problems.append(("reason_missing", None))
	return problems


def correction_overdue(result: str | None, corrected: bool, deadline: date | None, today: date) -> bool:
	"""A corrective action is overdue when it was asked for, is not done, and its deadline passed."""
	return result == CORRECTION and not corrected and deadline is not None and deadline < today
