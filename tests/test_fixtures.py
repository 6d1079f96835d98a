"""The fixtures (ocop_app/fixtures) are exactly what hooks.fixtures exports, and hold together."""

import json
from pathlib import Path

from ocop_app import hooks, security_matrix

FIXTURES = Path(__file__).resolve().parents[1] / "ocop_app" / "fixtures"


def load(doctype: str) -> list[dict]:
	return json.loads((FIXTURES / f"{doctype.lower().replace(' ', '_')}.json").read_text(encoding="utf-8"))


def matches(doc: dict, filters: list) -> bool:
	for field, op, value in filters:
		if op == "=" and doc.get(field) != value:
			return False
		if op == "like" and not doc.get(field, "").startswith(value.rstrip("%")):
			return False
	return True


def test_every_fixture_file_is_declared_and_every_record_matches_its_filter():
	declared = {f["dt"]: f["filters"] for f in hooks.fixtures}
	files = {p.stem for p in FIXTURES.glob("*.json")}
	assert files == {dt.lower().replace(" ", "_") for dt in declared}
	for doctype, filters in declared.items():
		docs = load(doctype)
		assert docs, doctype
		for doc in docs:
			assert doc["doctype"] == doctype
			assert matches(doc, filters), (doctype, doc["name"])


def test_the_roles_are_the_matrix_roles():
	roles = {d["name"]: d for d in load("Role")}
	assert set(roles) == {*security_matrix.OCOP_ROLES, security_matrix.PRODUCER_ROLE}
	assert all(roles[r]["desk_access"] == 1 for r in security_matrix.OCOP_ROLES)
	# the producer portal's users are website users: no desk
	assert roles[security_matrix.PRODUCER_ROLE]["desk_access"] == 0


def test_charts_and_cards_can_be_imported_outside_developer_mode():
	# frappe refuses to save a standard chart unless in developer mode, and fixtures are saved on migrate
	for doctype in ("Number Card", "Dashboard Chart"):
		assert all(not d.get("is_standard") for d in load(doctype)), doctype


def test_workspaces_show_only_shipped_cards_and_charts():
	cards = {d["name"] for d in load("Number Card")}
	charts = {d["name"] for d in load("Dashboard Chart")}
	for workspace in load("Workspace"):
		assert {c["number_card_name"] for c in workspace.get("number_cards", [])} <= cards, workspace["name"]
		assert {c["chart_name"] for c in workspace.get("charts", [])} <= charts, workspace["name"]
