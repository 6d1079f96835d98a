"""Read a test log and print "<passed> <failed>".

pytest:   "... 3 failed, 50 passed, 1 error in 2.1s"
unittest: "Ran 40 tests in 12s" then "OK", "OK (skipped=1)" or "FAILED (failures=2, errors=1)"
A log with no summary at all counts as one failure: the runner died before it could report.
"""

import re
import sys


def count_pytest(text: str) -> tuple[int, int]:
	summary = [line for line in text.splitlines() if re.search(r"\d+ (passed|failed|error)", line)]
	if not summary:
		return (0, 0) if "no tests ran" in text else (0, 1)
	line = summary[-1]
	get = lambda word: sum(int(n) for n in re.findall(rf"(\d+) {word}", line))  # noqa: E731
	return get("passed"), get("failed") + get("errors?")


def count_unittest(text: str) -> tuple[int, int]:
	ran = re.findall(r"^Ran (\d+) tests?", text, re.M)
	if not ran:
		return 0, 1
	total = int(ran[-1])
	# the status line after the last "Ran": "OK", "OK (skipped=1)" or "FAILED (failures=2, errors=1)"
	# (frappe prints the result object's repr after it too, with the same counts: read one line only)
	status = re.search(r"^(?:OK|FAILED)\b.*$", text[text.rfind("Ran ") :], re.M)
	if not status:
		return 0, max(total, 1)
	line = status.group(0)
	failures = sum(int(n) for n in re.findall(r"(?:failures|errors|unexpected successes)=(\d+)", line))
	skipped = sum(int(n) for n in re.findall(r"skipped=(\d+)", line))
	return total - failures - skipped, failures


def count_tap(text: str) -> tuple[int, int]:
	"""node --test --test-reporter=tap: '# pass N' and '# fail N' at the end."""
	passed, failed = re.findall(r"^# pass (\d+)", text, re.M), re.findall(r"^# fail (\d+)", text, re.M)
	if not passed and not failed:
		return 0, 1
	return int(passed[-1]) if passed else 0, int(failed[-1]) if failed else 0


if __name__ == "__main__":
	kind, path = sys.argv[1], sys.argv[2]
	with open(path, encoding="utf-8", errors="replace") as f:
		text = f.read()
	passed, failed = {"pytest": count_pytest, "unittest": count_unittest, "tap": count_tap}[kind](text)
	print(passed, failed)
