"""The producer portal's product pages (/ocop/co-so/san-pham…): a producer's products with their
steps in plain words, registering a new product, uploading dossier items and evidence per
criterion, the final results and the certificates (PDF).

Every method asks ``producer_of()`` first, then the authorization module (the record's
``has_permission``, answered by ``ocop_app.permissions`` for producer users) for the record it
names; a record of another producer, or none, gets the same answer. Writes are trusted code
(``ignore_permissions=True``) only after those checks: a producer user holds no write permission.
Uploads are judged by their content (``ocop_app.rules.portal_pages``), stored private and attached
to the producer's own product; a refused upload writes nothing.
"""

import base64
import binascii

import frappe
from frappe import _
from frappe.utils import cint, date_diff, today

from ocop_app.portal.access import producer_of
from ocop_app.printing import format_vn_date
from ocop_app.rules import portal_pages as pages

PRODUCT = "OCOP Product"
CERTIFICATE_PRINT_FORMAT = "Giấy chứng nhận sản phẩm OCOP"


class NotOwnRecordError(frappe.PermissionError):
	"""The record named is not one of the signed-in producer's (or does not exist)."""


class PortalUploadError(frappe.ValidationError):
	"""An upload that is no PDF or image, too big, empty, or named as another kind."""


class DossierClosedError(frappe.ValidationError):
	"""The product's dossier cannot change at its current step."""


class PortalInputError(frappe.ValidationError):
	"""A value the portal's form sent is missing or not one of the choices."""


UPLOAD_MESSAGES = {
	"empty": lambda: _("Chưa chọn tệp, hoặc tệp rỗng."),
	"too_big": lambda: _("Tệp lớn hơn {0} MB; hãy chụp hoặc quét nhỏ hơn.").format(
		pages.MAX_UPLOAD_BYTES // (1024 * 1024)
	),
	"type": lambda: _("Chỉ nhận tệp PDF hoặc ảnh (JPG, PNG, WebP); nội dung tệp này không phải PDF hay ảnh."),
	"extension": lambda: _("Tên tệp có đuôi không khớp nội dung (ví dụ ảnh JPG phải có đuôi .jpg)."),
}


# ---------------------------------------------------------------------- access
def own_record(doctype: str, name: str | None):
	"""(producer, document) when ``name`` is a ``doctype`` record of the signed-in producer."""
	producer = producer_of()
	doc = frappe.get_doc(doctype, name) if name and frappe.db.exists(doctype, name) else None
	# the authorization module answers: a producer user reads only their producer's records
	if doc is None or not doc.has_permission("read"):
		frappe.throw(
			_("Không tìm thấy hồ sơ này trong các hồ sơ của cơ sở bạn."),
			NotOwnRecordError,
			title=_("Không tìm thấy"),
		)
	return producer, doc


def refuse(message: str, error=PortalInputError):
	frappe.throw(message, error, title=_("Chưa thực hiện được"))


# ---------------------------------------------------------------------- reading
def my_products() -> list[dict]:
	"""The signed-in producer's products, newest first, with their step in plain words."""
	producer = producer_of()
	# frappe.get_list: the authorization module's list condition applies (own producer only)
	rows = frappe.get_list(
		PRODUCT,
		filters={"producer": producer},
		fields=[
			"name",
			"product_name",
			"product_group",
			"workflow_state",
			"return_reason",
			"star_rating",
			"creation",
			"modified",
		],
		order_by="creation desc",
		limit_page_length=500,
	)
	for row in rows:
		row.update(
			pages.step_fields(pages.PRODUCT_STEPS, row.workflow_state),
			registered_on=format_vn_date(row.creation),
			updated_on=format_vn_date(row.modified),
		)
	return rows


def scoring_in_progress(product: str) -> bool:
	return bool(
		frappe.db.exists("OCOP Evaluation", {"product": product, "docstatus": 0, "scoring_started": 1})
	)


def criteria_set_of(product) -> str | None:
	"""The criteria set the product is (or will be) scored on: its latest evaluation's, else the one
	of its group under the rule set in force today."""
	latest = frappe.db.get_value(
		"OCOP Evaluation",
		{"product": product.name, "docstatus": ["<", 2]},
		"criteria_set",
		order_by="creation desc",
	)
	if latest:
		return latest
	from ocop_app.ocop_app.doctype.ocop_criteria_set.ocop_criteria_set import get_criteria_set_for
	from ocop_app.ocop_app.doctype.ocop_rule_set.ocop_rule_set import get_rule_set_for

	try:
		return get_criteria_set_for(product.product_group, get_rule_set_for(today()))
	except frappe.ValidationError:
		frappe.clear_last_message()
		return None


def product_view(name: str) -> dict:
	"""Everything the product page shows, for one of the producer's own products."""
	_producer, product = own_record(PRODUCT, name)
	step = pages.plain_step(pages.PRODUCT_STEPS, product.workflow_state)
	criteria_set = criteria_set_of(product)
	criteria = (
		[
			{"code": c.criterion_code, "text": c.criterion_text, "part": c.part}
			for c in frappe.get_cached_doc("OCOP Criteria Set", criteria_set).criteria
		]
		if criteria_set
		else []
	)
	item_types = frappe.get_all(
		"OCOP Dossier Item Type",
		fields=["name", "is_mandatory", "description"],
		order_by="sort_order asc, name asc",
	)
	return {
		"name": product.name,
		"product_name": product.product_name,
		"product_group": product.product_group,
		"state": product.workflow_state,
		"state_words": step.words,
		"next_step": step.next_step,
		"return_reason": product.return_reason if product.workflow_state == "Trả lại bổ sung" else None,
		"star_rating": cint(product.star_rating),
		"registered_on": format_vn_date(product.creation),
		"updated_on": format_vn_date(product.modified),
		"dossier_open": pages.dossier_open(product.workflow_state, scoring_in_progress(product.name)),
		"item_types": item_types,
		"dossier_items": [
			{
				"name": r.name,
				"item_type": r.item_type,
				"attachment": r.attachment,
				"is_checked": r.is_checked,
				"remarks": r.remarks,
			}
			for r in product.dossier_items
		],
		"criteria_set": criteria_set,
		"criteria": criteria,
		"evidence": [
			{
				"name": r.name,
				"criterion_code": r.criterion_code,
				"description": r.description,
				"attachment": r.attachment,
				"uploaded_on": format_vn_date(r.uploaded_on),
			}
			for r in product.evidence
			if not r.criteria_set or not criteria_set or r.criteria_set == criteria_set
		],
		"evaluations": evaluations_of(product.name),
		"certificates": certificates_of(product.name),
	}


LEVELS = {"Commune": "Cấp xã", "District": "Cấp huyện", "Province": "Cấp tỉnh", "National": "Cấp trung ương"}


def evaluations_of(product: str) -> list[dict]:
	"""The product's evaluations: step, dates, return reason, and — once concluded — the final
	average score and star. Never a council member's own score sheet."""
	rows = frappe.get_list(
		"OCOP Evaluation",
		filters={"product": product, "docstatus": ["<", 2]},
		fields=[
			"name",
			"evaluation_level",
			"evaluation_date",
			"workflow_state",
			"return_reason",
			"docstatus",
			"average_score",
			"star_rating",
			"result",
			"modified",
		],
		order_by="evaluation_date desc, creation desc",
	)
	out = []
	for row in rows:
		step = pages.plain_step(pages.EVALUATION_STEPS, row.workflow_state)
		concluded = row.docstatus == 1
		out.append(
			{
				"name": row.name,
				"level": LEVELS.get(row.evaluation_level, row.evaluation_level),
				"date": format_vn_date(row.evaluation_date),
				"updated_on": format_vn_date(row.modified),
				"state_words": step.words,
				"next_step": step.next_step,
				"return_reason": row.return_reason if row.workflow_state == "Trả lại" else None,
				"average_score": row.average_score if concluded else None,
				"star_rating": cint(row.star_rating) if concluded else None,
				"result": row.result if concluded else None,
			}
		)
	return out


def certificates_of(product: str) -> list[dict]:
	rows = frappe.get_list(
		"OCOP Certificate",
		filters={"product": product},
		fields=["name", "star", "status", "valid_from", "valid_to", "decision_no"],
		order_by="valid_from desc",
	)
	for row in rows:
		row.days_left = date_diff(row.valid_to, today()) if row.valid_to else None
		row.valid_from_text, row.valid_to_text = format_vn_date(row.valid_from), format_vn_date(row.valid_to)
		row.expiring = row.status == "Hiệu lực" and row.days_left is not None and 0 <= row.days_left <= 30
	return rows


def producer_users(producer: str) -> list[str]:
	"""The enabled users of the producer's confirmed portal accounts (reminders go to them)."""
	from ocop_app.rules.portal import CONFIRMED

	users = frappe.get_all(
		"OCOP Producer Account", filters={"producer": producer, "status": CONFIRMED}, pluck="user"
	)
	return [u for u in users if frappe.db.get_value("User", u, "enabled")]


def product_groups() -> list[dict]:
	"""The groups a product is registered in (leaves of the national catalogue)."""
	return frappe.get_all(
		"OCOP Product Group", filters={"is_group": 0}, fields=["name", "group_name"], order_by="lft asc"
	)


# ---------------------------------------------------------------------- actions
@frappe.whitelist(methods=["POST"])
def register_product(
	product_name: str | None = None, product_group: str | None = None, description: str | None = None
) -> dict:
	"""A new product of the signed-in producer, in the producer's commune, at the workflow's first
	step (the commune officer moves it on)."""
	producer = producer_of()
	product_name = (product_name or "").strip()
	if not product_name or len(product_name) > 140:
		refuse(_("Cần nhập tên sản phẩm (tối đa 140 ký tự)."))
	if not product_group or not frappe.db.exists(
		"OCOP Product Group", {"name": product_group, "is_group": 0}
	):
		refuse(_("Chưa chọn nhóm sản phẩm."))
	product = frappe.get_doc(
		{
			"doctype": PRODUCT,
			"product_name": product_name,
			"producer": producer,
			"product_group": product_group,
			"description": frappe.utils.escape_html((description or "").strip()[:2000]) or None,
		}
	)
	# a producer user has no create permission: the producer is their own (producer_of), the
	# commune is the producer's (set by the controller), the state the workflow's first
	product.insert(ignore_permissions=True)
	return {"name": product.name, "state": product.workflow_state}


def decode_upload(filename: str, content: str) -> tuple[str, bytes]:
	"""The checked (stored name, bytes) of an upload sent as base64; a refusal otherwise."""
	try:
		data = base64.b64decode((content or "").split(",", 1)[-1], validate=True)
	except (binascii.Error, ValueError):
		data = b"\x00"  # not base64: judged as content that is no PDF or image
	kind, reason = pages.check_upload(filename, data)
	if not reason and kind != "pdf" and not is_whole_image(data):
		reason = "type"  # an image header on a broken or truncated image
	if reason:
		frappe.throw(UPLOAD_MESSAGES[reason](), PortalUploadError, title=_("Tệp không hợp lệ"))
	return pages.safe_filename(filename, kind), data


def is_whole_image(data: bytes) -> bool:
	"""Whether Pillow reads the image through (frappe re-encodes images when it stores them)."""
	import io

	from PIL import Image

	try:
		with Image.open(io.BytesIO(data)) as image:
			image.load()
		return True
	except Exception:
		return False


def open_dossier(name: str):
	"""The producer's own product whose dossier may change now."""
	_producer, product = own_record(PRODUCT, name)
	if not pages.dossier_open(product.workflow_state, scoring_in_progress(product.name)):
		refuse(
			_(
				"Hồ sơ đang ở bước {0}: chưa sửa được hồ sơ và minh chứng. Khi hồ sơ bị trả lại, hoặc sau khi hội đồng chấm xong, bạn có thể bổ sung."
			).format(frappe.bold(product.workflow_state)),
			DossierClosedError,
		)
	return product


def save_private_file(product, filename: str, data: bytes) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"attached_to_doctype": PRODUCT,
			"attached_to_name": product.name,
			"is_private": 1,
			"content": data,
		}
	)
	# checked above: the producer's own product, a PDF or image within the limit
	file.insert(ignore_permissions=True)
	return file.file_url


def save_product(product) -> None:
	product.flags.ignore_permissions = True  # the producer's own product, its dossier open (checked)
	product.save()


@frappe.whitelist(methods=["POST"])
def upload_evidence(
	product: str | None = None,
	criterion_code: str | None = None,
	filename: str | None = None,
	content: str | None = None,
	description: str | None = None,
	replaces: str | None = None,
) -> dict:
	"""Evidence for one criterion of the product's criteria set (the council sees it beside the
	criterion); ``replaces``: an evidence row of this product whose file is replaced."""
	doc = open_dossier(product)
	criteria_set = criteria_set_of(doc)
	codes = (
		{c.criterion_code for c in frappe.get_cached_doc("OCOP Criteria Set", criteria_set).criteria}
		if criteria_set
		else set()
	)
	if criterion_code not in codes:
		refuse(_("Tiêu chí {0} không có trong bộ tiêu chí của sản phẩm.").format(frappe.bold(criterion_code)))
	row = None
	if replaces:
		row = next((r for r in doc.evidence if r.name == replaces), None)
		if row is None:
			refuse(_("Không tìm thấy minh chứng cần thay trong hồ sơ sản phẩm này."))
	stored, data = decode_upload(filename, content)
	description = (description or "").strip()[:140] or None
	url = save_private_file(doc, stored, data)
	if row is None:
		row = doc.append("evidence", {"criteria_set": criteria_set, "criterion_code": criterion_code})
	row.update(
		{
			"criterion_code": criterion_code,
			"criteria_set": criteria_set,
			"attachment": url,
			"description": description or row.description,
			"uploaded_on": today(),
		}
	)
	save_product(doc)
	return {"row": row.name, "attachment": url}


@frappe.whitelist(methods=["POST"])
def upload_dossier_item(
	product: str | None = None,
	item_type: str | None = None,
	filename: str | None = None,
	content: str | None = None,
) -> dict:
	"""A dossier item (registration form, business plan…); a new file is checked by the commune again."""
	doc = open_dossier(product)
	if not item_type or not frappe.db.exists("OCOP Dossier Item Type", item_type):
		refuse(_("Chưa chọn loại hồ sơ."))
	stored, data = decode_upload(filename, content)
	url = save_private_file(doc, stored, data)
	row = next((r for r in doc.dossier_items if r.item_type == item_type), None) or doc.append(
		"dossier_items", {"item_type": item_type}
	)
	row.update({"attachment": url, "is_checked": 0, "remarks": None})
	save_product(doc)
	return {"row": row.name, "attachment": url}


@frappe.whitelist(methods=["GET", "POST"])
def certificate_pdf(certificate: str | None = None) -> None:
	"""The certificate's own print format as a PDF download, for its producer."""
	_producer, doc = own_record("OCOP Certificate", certificate)
	frappe.local.response.filename = f"giay-chung-nhan-{frappe.scrub(doc.name)}.pdf"
	frappe.local.response.filecontent = frappe.get_print(
		doc.doctype, doc.name, CERTIFICATE_PRINT_FORMAT, doc=doc, as_pdf=True, no_letterhead=1
	)  # the certificate carries its own heading (issuing office), not the books' letter head
	frappe.local.response.type = "download"
