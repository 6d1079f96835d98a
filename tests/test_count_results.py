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


UNITTEST_LOG = """test_x (m.T.test_x) (3.0s)
.E
======================================================================
ERROR: test_a_claims_fund_is_in_scope (ocop_app.tests.test_authorization.TestClaimScope.test_a_claims_fund_is_in_scope)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "base_document.py", line 554, in db_insert
    frappe.db.sql(
pymysql.err.IntegrityError: (1062, "Duplicate entry 'OCOP-HT-2026-00012' for key 'PRIMARY'")

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "test_authorization.py", line 404, in test_a_claims_fund_is_in_scope
frappe.exceptions.DuplicateEntryError: ('OCOP Subsidy Claim', 'OCOP-HT-2026-00012', IntegrityError(1062))

======================================================================
FAIL: test_two (m.T.test_two)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "t.py", line 3, in test_two
    self.assertEqual(1, 2)
AssertionError: 1 != 2

----------------------------------------------------------------------
Ran 3 tests in 4.0s

FAILED (failures=1, errors=1)
"""


def test_failures_name_each_test_with_its_chain_of_exceptions():
	lines = count_results.unittest_failures(UNITTEST_LOG)
	assert len(lines) == 2
	assert lines[0].startswith("ERROR test_a_claims_fund_is_in_scope (ocop_app.tests.test_authorization.")
	assert lines[0].endswith(
		"frappe.exceptions.DuplicateEntryError: ('OCOP Subsidy Claim', 'OCOP-HT-2026-00012', IntegrityError(1062))"
		" <- pymysql.err.IntegrityError: (1062, \"Duplicate entry 'OCOP-HT-2026-00012' for key 'PRIMARY'\")"
	)
	assert lines[1] == "FAIL test_two (m.T.test_two): AssertionError: 1 != 2"
	assert count_results.unittest_failures("Ran 3 tests in 1s\n\nOK\n") == []


def test_failures_of_tap_and_pytest():
	assert count_results.tap_failures("ok 1 - a\nnot ok 2 - b\n# fail 1\n") == ["not ok 2 - b"]
	log = "F.\nFAILED tests/test_a.py::test_b - assert 1 == 2\n1 failed, 1 passed in 0.1s\n"
	assert count_results.pytest_failures(log) == ["FAILED tests/test_a.py::test_b - assert 1 == 2"]


def test_leaks_are_the_kinds_the_run_left_more_of():
	before = {"OCOP Fund": 2, "OCOP Product": 5, "User": 10}
	after = {"OCOP Fund": 4, "OCOP Product": 5, "User": 9, "OCOP Council": 1}
	assert count_results.leaks(before, after) == [
		"the tests left 1 more OCOP Council than they found",
		"the tests left 2 more OCOP Fund than they found",
	]
	assert count_results.leaks(after, after) == []


def test_the_command_prints_nothing_when_nothing_was_left(tmp_path):
	import json
	import subprocess
	import sys

	script = Path(__file__).resolve().parents[1] / "scripts" / "count_results.py"
	before, after = tmp_path / "before.json", tmp_path / "after.json"
	before.write_text(json.dumps({"OCOP Fund": 1}))
	after.write_text(json.dumps({"OCOP Fund": 1}))
	run = lambda *args: subprocess.run([sys.executable, script, *args], capture_output=True, text=True).stdout  # noqa: E731
	assert run("leaks", str(before), str(after)) == ""  # scripts/test: an empty file is no leak
	after.write_text(json.dumps({"OCOP Fund": 3}))
	assert run("leaks", str(before), str(after)) == "the tests left 2 more OCOP Fund than they found\n"
	log = tmp_path / "integration.log"
	log.write_text("Ran 3 tests in 1s\n\nOK\n")
	assert run("failures", "unittest", str(log)) == ""
