"""Names printed as written: the fields of ``ocop_app.rules.names.PLAIN_TEXT_FIELDS`` refuse ``<`` and
``>`` whenever they are saved with a new value (hooks ``doc_events["*"]["validate"]``: desk, REST,
Data Import and the portal all save through it). Runs before frappe's sanitiser, so it sees what was typed."""

import frappe
from frappe import _

from ocop_app.exceptions import MarkupInNameError
from ocop_app.rules import names

MODULE = "OCOP App"


def validate_plain_names(doc, method=None) -> None:
	if doc.meta.module != MODULE:
		return
	before = doc.get_doc_before_save()
	stored_rows = {}
	if before is not None:
		stored_rows = {row.name: row for row in before.get_all_children()}
	problems = []
	for row in (doc, *doc.get_all_children()):
		if row.doctype not in names.PLAIN_TEXT_FIELDS:
			continue
		stored = before if row is doc else stored_rows.get(row.name)
		for field in names.fields_with_markup(
			row.doctype, row.as_dict(), stored.as_dict() if stored is not None else None
		):
			label = _(row.meta.get_label(field))
			problems.append(label if row is doc else _("Dòng {0}, {1}").format(row.idx, label))
	if problems:
		frappe.throw(
			_("{0}: không được chứa ký tự < hoặc >. Hãy nhập tên, địa chỉ như viết trên giấy tờ.").format(
				", ".join(problems)
			),
			MarkupInNameError,
			title=_("Tên không hợp lệ"),
		)
