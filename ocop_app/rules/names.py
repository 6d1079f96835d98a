"""Names as people write them on paper: plain text, never markup.

A producer's, product's, unit's or signer's name is printed on certificates, decisions and score
sheets and shown on public pages. Frappe keeps "allowed" HTML in a Data field when it saves it
(``<img src=x>`` survives its sanitiser): a certificate PDF then carries a broken image, a decision an
unexpected tag. So these fields refuse ``<`` and ``>`` when they are entered (desk, REST, import, portal),
with a message that says which field; nothing else about a name is judged here.
"""

from collections.abc import Mapping

# DocType -> the fields that hold a name (or an address line) printed as written
PLAIN_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
	"OCOP Producer": ("producer_name", "address", "representative"),
	"OCOP Producer Bank Account": ("account_holder",),
	"OCOP Producer Account": ("full_name", "proposed_producer_name"),
	"OCOP Producer Change Request": ("address", "representative", "account_holder"),
	"OCOP Product": ("product_name",),
	"OCOP Administrative Unit": (
		"unit_name",
		"full_name",
		"doc_issuing_body",
		"doc_place",
		"doc_recipients",
		"doc_on_behalf_of",
		"doc_signer_title",
		"doc_signer_name",
	),
	"OCOP Council": ("council_name",),
	"OCOP Council Member": ("member_name", "organisation"),
	"OCOP Inspection Team Member": ("member_name", "agency"),
	"OCOP Recognition Decision": ("signer",),
	"OCOP Periodic Report": ("report_title", "signer"),
	"OCOP Fund": ("fund_name",),
	"OCOP Support Policy": ("policy_name",),
}


def plain_text(value: str | None) -> bool:
	"""A name as people write it: no markup (frappe would keep some of it, or strip it and leave a blank
	or a changed name)."""
	return not any(ch in (value or "") for ch in "<>")


def fields_with_markup(
	doctype: str, values: Mapping[str, object], before: Mapping[str, object] | None = None
) -> list[str]:
	"""The name fields of ``doctype`` whose value in ``values`` holds markup. A value unchanged from
	``before`` (the stored record) is not judged again: an old record stays editable."""
	found = []
	for field in PLAIN_TEXT_FIELDS.get(doctype, ()):
		value = values.get(field)
		if not isinstance(value, str) or plain_text(value):
			continue
		if before is not None and before.get(field) == value:
			continue
		found.append(field)
	return found
