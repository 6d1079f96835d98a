"""Every label, description and option a user sees in the desk has a Vietnamese translation."""

import csv
import json
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "ocop_app"


def translations() -> dict[str, str]:
	with open(APP / "translations" / "vi.csv", encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def english_strings() -> set[str]:
	strings = set()
	for path in (APP / "ocop_app" / "doctype").glob("*/*.json"):
		doctype = json.loads(path.read_text(encoding="utf-8"))
		strings.add(doctype["name"])
		for field in doctype["fields"]:
			strings.update(field[k] for k in ("label", "description") if field.get(k))
			if field["fieldname"] == "level":
				strings.update(field["options"].split("\n"))
	for path in (APP / "ocop_app" / "report").glob("*/*.json"):
		strings.add(json.loads(path.read_text(encoding="utf-8"))["name"])
	return strings


def test_every_doctype_string_is_translated():
	missing = sorted(s for s in english_strings() if s not in translations())
	assert missing == []


def test_translations_are_vietnamese_and_not_empty():
	vi = translations()
	assert all(value.strip() for value in vi.values())
	assert vi["OCOP Producer"] == "Chủ thể OCOP"
	assert vi["Commune"] == "Xã"


def test_roles_are_translated():
	roles = (
		"Commune",
		"District",
		"Province",
		"Council Member",
		"Approver",
		"Ministry",
		"Finance",
		"Administrator",
	)
	vi = translations()
	for role in roles:
		name = next(k for k in vi if k.startswith("OCOP ") and role in k)
		assert vi[name] != name
