"""Names printed as written: the fields that refuse markup, and only when their value changes."""

import json
from pathlib import Path

from ocop_app.rules import names

DOCTYPES = Path(__file__).resolve().parents[1] / "ocop_app" / "ocop_app" / "doctype"


def test_names_carry_no_markup():
	assert names.plain_text("Hợp tác xã Bánh cáy & Chè")
	assert names.plain_text(None)
	assert not names.plain_text("<img src=x onerror=alert(1)>")
	assert not names.plain_text("a > b")


def test_the_fields_with_markup_are_named():
	values = {"producer_name": "HTX <b>Chè</b>", "address": "Thôn 1", "representative": "A > B"}
	assert names.fields_with_markup("OCOP Producer", values) == ["producer_name", "representative"]
	assert names.fields_with_markup("OCOP Producer", {"producer_name": "HTX Chè Tân Cương"}) == []
	# a DocType without name fields, and a field that is not a name (a note may compare numbers)
	assert names.fields_with_markup("OCOP Evaluation", {"remarks": "< 50%"}) == []
	assert names.fields_with_markup("OCOP Producer", {"tax_id": "<1>"}) == []


def test_an_unchanged_old_value_is_not_judged_again():
	stored = {"product_name": "Chè <i>cũ</i>"}
	assert names.fields_with_markup("OCOP Product", dict(stored), before=stored) == []
	assert names.fields_with_markup("OCOP Product", {"product_name": "Chè <i>mới</i>"}, before=stored) == [
		"product_name"
	]
	# a new record (nothing stored) is judged whole
	assert names.fields_with_markup("OCOP Product", dict(stored), before=None) == ["product_name"]


def test_every_listed_field_is_a_text_field_of_its_doctype():
	for doctype, fields in names.PLAIN_TEXT_FIELDS.items():
		folder = DOCTYPES / doctype.lower().replace(" ", "_")
		meta = json.loads((folder / f"{folder.name}.json").read_text())
		types = {f["fieldname"]: f["fieldtype"] for f in meta["fields"]}
		for field in fields:
			assert types.get(field) in ("Data", "Small Text"), (doctype, field)
