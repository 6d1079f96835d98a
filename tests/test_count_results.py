"""scripts/count_results.py: the counts CI's last line is made of."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
	"count_results", Path(__file__).resolve().parents[1] / "scripts" / "count_results.py"
)
count_results = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(count_results)


def test_unittest_counts_the_status_line_once():
	log = (
		"...\nRan 161 tests in 222.3s\n\nFAILED (failures=2)\n"
		"<frappe.test_runner.TimeLoggingTestResult run=161 errors=0 failures=2>\n"
	)
	assert count_results.count_unittest(log) == (159, 2)


def test_unittest_ok_with_skips_and_errors():
	assert count_results.count_unittest("Ran 10 tests in 1s\n\nOK (skipped=1)\n") == (9, 0)
	assert count_results.count_unittest("Ran 10 tests in 1s\n\nFAILED (failures=1, errors=2)\n") == (7, 3)


def test_a_runner_that_died_counts_as_failed():
	assert count_results.count_unittest("Traceback ...\n") == (0, 1)
	assert count_results.count_unittest("Ran 5 tests in 1s\nSegmentation fault\n") == (0, 5)
	assert count_results.count_tap("not a tap log") == (0, 1)


def test_pytest_summary():
	assert count_results.count_pytest("== 3 failed, 50 passed, 1 error in 2.1s ==") == (50, 4)
