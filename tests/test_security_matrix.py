"""The role × DocType matrix (ocop_app/security_matrix.py) is what the DocTypes say, covers every
DocType and child table of the app, and docs/phan-quyen.md is generated from it."""

import json
from pathlib import Path

import pytest

from ocop_app import security_matrix as m

ROOT = Path(__file__).resolve().parent.parent
DOCTYPE_DIR = ROOT / "ocop_app" / "ocop_app" / "doctype"
LETTERS = (("read", "r"), ("write", "w"), ("create", "c"), ("delete", "d"), ("submit", "s"), ("cancel", "x"))


def doctypes() -> dict[str, dict]:
	found = {}
	for path in DOCTYPE_DIR.glob("*/*.json"):
		data = json.loads(path.read_text(encoding="utf-8"))
		if data.get("doctype") == "DocType":
			found[data["name"]] = data
	return found


DOCTYPES = doctypes()


def role_letters(data: dict) -> dict[str, str]:
	perms: dict[str, set] = {}
	for p in data.get("permissions", []):
		if p.get("permlevel", 0) == 0 and p["role"] in m.OCOP_ROLES:
			perms.setdefault(p["role"], set()).update(letter for key, letter in LETTERS if p.get(key))
	return {
		role: "".join(x for _, x in LETTERS if x in letters) for role, letters in perms.items() if letters
	}


def test_every_doctype_of_the_app_is_in_the_matrix():
	assert set(DOCTYPES) == set(m.DOCTYPES) == set(m.PERMISSIONS)


@pytest.mark.parametrize("name", sorted(n for n, d in DOCTYPES.items() if not d.get("istable")))
def test_role_permissions_are_the_matrix(name):
	assert role_letters(DOCTYPES[name]) == m.PERMISSIONS[name]


@pytest.mark.parametrize("name", sorted(n for n, d in DOCTYPES.items() if d.get("istable")))
def test_child_tables_are_scoped_through_the_parents_that_hold_them(name):
	holders = sorted(
		parent
		for parent, data in DOCTYPES.items()
		for f in data["fields"]
		if f["fieldtype"] in ("Table", "Table MultiSelect") and f.get("options") == name
	)
	assert m.DOCTYPES[name]["scope"] == "child"
	assert sorted(m.DOCTYPES[name]["parents"]) == holders
	for parent in holders:
		assert name in m.DOCTYPES[parent]["children"]


@pytest.mark.parametrize("name", sorted(n for n, s in m.DOCTYPES.items() if s["scope"] in ("unit", "link")))
def test_scoped_doctypes_have_their_unit_field(name):
	spec = m.DOCTYPES[name]
	fields = {f["fieldname"]: f for f in DOCTYPES[name]["fields"]}
	if spec["scope"] == "unit":
		assert fields[spec["unit_field"]]["options"] == "OCOP Administrative Unit"
	else:
		assert fields[spec["via_field"]]["options"] == spec["via_doctype"]
		assert m.DOCTYPES[spec["via_doctype"]]["scope"] == "unit"


def test_no_official_role_is_national_but_the_ministry_and_the_administrator():
	assert {r for r, spec in m.ROLES.items() if spec["national"]} == {
		"OCOP Ministry Officer",
		"OCOP Administrator",
	}
	assert set(m.ROLES) == set(m.OCOP_ROLES)
	assert all(set(m.NATIONAL_ROLES) >= {r} for r, s in m.ROLES.items() if s["national"])


def test_desk_modules_per_role():
	assert m.ROLES["OCOP Commune Officer"]["modules"] == ["OCOP App"]
	assert "Accounts" in m.ROLES["OCOP Finance Officer"]["modules"]
	for spec in m.ROLES.values():
		assert not {"Stock", "Manufacturing", "Assets", "CRM"} & set(spec["modules"])


def test_the_document_is_generated_from_the_matrix():
	assert (ROOT / "docs" / "phan-quyen.md").read_text(encoding="utf-8") == m.render_markdown()


def test_allowed():
	assert m.allowed("OCOP Commune Officer", "OCOP Producer", "w")
	assert not m.allowed("OCOP Commune Officer", "OCOP Producer", "d")
	assert not m.allowed("OCOP Commune Officer", "OCOP Payment Batch", "r")
	assert m.allowed("OCOP Finance Officer", "OCOP Payment Batch Item", "r")


@pytest.mark.parametrize(
	"name",
	sorted(
		n
		for n, s in m.DOCTYPES.items()
		if s["scope"] == "child" and any(m.DOCTYPES[p]["scope"] in ("unit", "link") for p in s["parents"])
	),
)
def test_rows_of_scoped_parents_answer_with_their_parent(name):
	"""A row read on its own (frappe.client.get(child, name)) is checked against its parent document."""
	folder = name.lower().replace(" ", "_")
	source = (DOCTYPE_DIR / folder / f"{folder}.py").read_text(encoding="utf-8")
	assert "(ScopedChildRow):" in source


def test_cells_cover_every_role_and_doctype():
	cells = list(m.cells())
	assert {(c[0], c[1]) for c in cells} == {(r, d) for r in m.OCOP_ROLES for d in m.DOCTYPES}
	assert ("OCOP Commune Officer", "OCOP Producer Bank Account", "child_list", True) in cells
	assert ("OCOP Commune Officer", "OCOP Payment Batch", "list", False) in cells


def producer_letters(data: dict) -> str:
	letters = set()
	for p in data.get("permissions", []):
		if p.get("permlevel", 0) == 0 and p["role"] == m.PRODUCER_ROLE:
			letters.update(letter for key, letter in LETTERS if p.get(key))
	return "".join(x for _, x in LETTERS if x in letters)


@pytest.mark.parametrize("name", sorted(n for n, d in DOCTYPES.items() if not d.get("istable")))
def test_the_producer_role_permissions_are_the_matrix(name):
	"""A producer user reads only the DocTypes the matrix lists (their own producer's records)."""
	assert producer_letters(DOCTYPES[name]) == m.PRODUCER_PERMISSIONS.get(name, "")


def test_producer_users_never_read_score_sheets_councils_or_money():
	for doctype in ("OCOP Score Sheet", "OCOP Score Row", "OCOP Council", "OCOP Fund", "OCOP Payment Batch"):
		assert not m.producer_allowed(doctype, "r"), doctype
	assert all(letters == "r" for letters in m.PRODUCER_PERMISSIONS.values())
	assert m.PRODUCER_ROLE not in m.OCOP_ROLES and m.PRODUCER_ROLE not in m.NATIONAL_ROLES
	for doctype in m.PRODUCER_FIELDS:
		assert m.DOCTYPES[doctype]["scope"] == "unit"


def test_producer_users_hold_no_workflow_step():
	"""No transition of a shipped workflow is a producer user's, and no state is editable by them."""
	for path in (ROOT / "ocop_app" / "ocop_app" / "workflow").glob("*.json"):
		workflow = json.loads(path.read_text(encoding="utf-8"))
		assert workflow["transitions"], path.name
		assert all(t["allowed"] != m.PRODUCER_ROLE for t in workflow["transitions"]), path.name
		assert all(s.get("allow_edit") != m.PRODUCER_ROLE for s in workflow["states"]), path.name
