"""Product code never imports tests: the records tests and benchmarks share are made by
ocop_app/factories.py. Only the test modules themselves (test_*.py, and what lies under
ocop_app/tests/) may import a test module.

Read with ast, so an import inside a function counts as much as one at the top, and a
``from package import test_module`` is seen as the test module it names.
"""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "ocop_app"


def is_test_module(dotted: str) -> bool:
	"""A module in a tests package or named test_*, in this app or any other (frappe.tests too)."""
	return any(part == "tests" or part.startswith("test_") for part in dotted.split("."))


def is_test_file(path: Path) -> bool:
	return path.name.startswith("test_") or (APP / "tests") in path.parents


def module_of(path: Path) -> str:
	return ".".join(path.relative_to(APP.parent).with_suffix("").parts)


def imports(source: str, module: str) -> list[tuple[int, list[str]]]:
	"""(line, dotted names) of every import statement in ``source``; ``module`` resolves relative
	imports. ``from X import y`` names X and X.y, since y may be a module."""
	found = []
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.Import):
			found.append((node.lineno, [alias.name for alias in node.names]))
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				package = module.split(".")[: -node.level]
				base = ".".join([*package, base] if base else package)
			found.append((node.lineno, [base, *(f"{base}.{alias.name}" for alias in node.names)]))
	return found


def imports_of_tests(path: Path, source: str) -> list[str]:
	"""One line per import statement of ``path`` that brings in a test module."""
	found = []
	for line, names in imports(source, module_of(path)):
		tests = [name for name in names if is_test_module(name)]
		if tests:
			found.append(f"{path.relative_to(APP.parent)}:{line} imports {tests[0]}")
	return found


def offenders() -> list[str]:
	found = []
	for path in sorted(APP.rglob("*.py")):
		if not is_test_file(path):
			found += imports_of_tests(path, path.read_text(encoding="utf-8"))
	return found


def test_product_code_never_imports_a_test_module():
	assert offenders() == []


def test_the_check_sees_every_way_of_importing_a_test():
	"""The check itself: each form of importing a test module is caught, product imports are not."""
	path = APP / "benchmarks" / "example.py"
	caught = {
		"from ocop_app.tests.test_unit_scope import make_user": 1,
		"import ocop_app.tests.test_reports": 1,
		"from ocop_app.ocop_app.doctype.ocop_producer import test_ocop_producer": 1,
		"def f():\n\tfrom ocop_app.tests import browser_fixtures": 1,  # inside a function
		"from ..tests.test_reports import certificate_in": 1,  # relative: ocop_app.tests...
		"from frappe.tests.utils import FrappeTestCase": 1,
		"import json\nfrom ocop_app.tests.test_reports import REPORTS\nimport ocop_app.tests": 2,
		"from ocop_app.factories import make_user, make_producer": 0,
		"from ocop_app.rules import portal\nimport frappe": 0,
		"from ocop_app.setup.install import before_tests": 0,  # a function named for tests is not one
	}
	for source, lines in caught.items():
		assert len(imports_of_tests(path, source)) == lines, source


def test_only_test_files_are_let_off():
	assert is_test_file(APP / "tests" / "browser_fixtures.py")
	assert is_test_file(APP / "ocop_app" / "doctype" / "ocop_fund" / "test_ocop_fund.py")
	assert not is_test_file(APP / "benchmarks" / "payments.py")
	assert not is_test_file(APP / "factories.py")
	assert (APP / "factories.py").exists() and not (APP / "portal" / "factories.py").exists()
