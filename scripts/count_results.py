"""Read a test log and print "<passed> <failed>".

pytest:   "... 3 failed, 50 passed, 1 error in 2.1s"
unittest: "Ran 40 tests in 12s" then "OK", "OK (skipped=1)" or "FAILED (failures=2, errors=1)"
A log with no summary at all counts as one failure: the runner died before it could report.

``leaks <before.json> <after.json>`` prints a line per kind of record the run left more of
(ocop_app.tests.leaks.record_counts before and after it).

``failures <kind> <log>`` prints instead each failed test with its exception lines (outermost
first, ``<-`` what caused it): CI's output is shown cut in the middle, so its last lines must say
what failed and why.
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


# "pymysql.err.IntegrityError: (1062, ...)", "AssertionError: 2 != 1", "frappe.exceptions.X: ..."
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Timeout|Exit|Interrupt|Failure)\b.*")


def unittest_failures(text: str) -> list[str]:
	"""One line per failed test: its id, then each exception of its traceback's chain, shortened."""
	out = []
	blocks = re.split(r"^={20,}$", text, flags=re.M)[1:]
	for block in blocks:
		head = re.match(r"\s*(ERROR|FAIL): (.+)", block)
		if not head:
			continue
		parts = re.split(r"^-{20,}$", block, flags=re.M)  # head, traceback, then what follows
		trace = parts[1] if len(parts) > 1 else parts[0]
		exceptions = [line.strip()[:300] for line in trace.splitlines() if _EXCEPTION_LINE.match(line)]
		out.append(f"{head.group(1)} {head.group(2).strip()}: " + (" <- ".join(exceptions[::-1]) or "?"))
	return out


def tap_failures(text: str) -> list[str]:
	return [line.strip() for line in text.splitlines() if re.match(r"^\s*not ok \d+", line)]


def pytest_failures(text: str) -> list[str]:
	return [line.strip()[:400] for line in text.splitlines() if re.match(r"^(FAILED|ERROR) \S", line)]


def leaks(before: dict, after: dict) -> list[str]:
	return [
		f"the tests left {after[doctype] - before.get(doctype, 0)} more {doctype} than they found"
		for doctype in sorted(after)
		if after[doctype] > before.get(doctype, 0)
	]


if __name__ == "__main__":
	if sys.argv[1] == "leaks":
		import json

		with open(sys.argv[2], encoding="utf-8") as f, open(sys.argv[3], encoding="utf-8") as g:
			for line in leaks(json.load(f), json.load(g)):
				print(line)  # nothing at all when nothing was left: scripts/test reads an empty file
		sys.exit(0)
	if sys.argv[1] == "failures":
		kind, path = sys.argv[2], sys.argv[3]
		with open(path, encoding="utf-8", errors="replace") as f:
			text = f.read()
		lines = {"pytest": pytest_failures, "unittest": unittest_failures, "tap": tap_failures}[kind](text)
		for line in lines[:40]:
			print(line)
		sys.exit(0)
	kind, path = sys.argv[1], sys.argv[2]
	with open(path, encoding="utf-8", errors="replace") as f:
		text = f.read()
	passed, failed = {"pytest": count_pytest, "unittest": count_unittest, "tap": count_tap}[kind](text)
	print(passed, failed)
