"""VND amounts are whole đồng, end to end: every Currency value of an OCOP document is checked
when it is saved (hooks ``doc_events["*"]["validate"]``), so no fraction reaches the books."""

import frappe
from frappe import _

from ocop_app.exceptions import FractionalDongError
from ocop_app.rules.vn_words import whole_number

MODULE = "OCOP App"


def validate_whole_dong(doc, method=None) -> None:
	if doc.meta.module != MODULE:
		return
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get("fields", {"fieldtype": "Currency"}):
			value = row.get(df.fieldname)
			try:
				whole_number(value or 0)
			except ValueError:
				where = _(df.label) if row is doc else _("Dòng {0}, {1}").format(row.idx, _(df.label))
				frappe.throw(
					_("{0}: {1} không phải số đồng nguyên. Tiền Việt Nam không có phần lẻ.").format(
						where, frappe.bold(value)
					),
					FractionalDongError,
					title=_("Số tiền không hợp lệ"),
				)
