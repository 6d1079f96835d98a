"""Helpers for the OCOP print formats (exposed to Jinja through ``hooks.jinja``).

Presentation only: nothing here reads or changes business data.
"""

import base64
import io
from urllib.parse import quote, urlencode

import qrcode
from qrcode.image.pil import PilImage

import frappe
from frappe.utils import cint, getdate

from ocop_app.rules.vn_words import amount_in_words, format_vnd

MAX_STARS = 5


def qr_data_uri(text: str) -> str:
	"""A PNG QR code of ``text`` as a ``data:image/png;base64,...`` URI, for an ``<img src>``."""
	qr = qrcode.QRCode(
		error_correction=qrcode.constants.ERROR_CORRECT_M,
		box_size=10,
		border=2,
		image_factory=PilImage,
	)
	qr.add_data(text or "")
	qr.make(fit=True)
	buffer = io.BytesIO()
	qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
	return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def certificate_check_url(certificate_no: str, check_code: str | None = None) -> str:
	"""Public address where anyone can check a certificate (the page itself is ocop_app/www/ocop).

	The page answers only with the certificate's check code, so the code goes into the address
	(and the QR code); without ``check_code`` it is read from the certificate.
	"""
	if check_code is None:
		check_code = frappe.db.get_value("OCOP Certificate", certificate_no, "check_code") or ""
	query = urlencode({"ma": check_code}) if check_code else ""
	return frappe.utils.get_url(f"/ocop/xac-minh/{quote(certificate_no or '', safe='')}") + (
		f"?{query}" if query else ""
	)


def format_vn_date(date) -> str:
	"""``ngày 10 tháng 10 năm 2025``; empty for an empty date.

	As in official documents (Nghị định 30/2020/NĐ-CP), days below 10 and
	months 1 and 2 get a leading zero: ``ngày 05 tháng 02 năm 2025``.
	"""
	if not date:
		return ""
	d = getdate(date)
	month = f"{d.month:02d}" if d.month < 3 else str(d.month)
	return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def stars(n) -> str:
	"""``★★★★☆`` for 4: filled stars for ``n`` (clamped to 0-5), hollow ones up to five."""
	filled = min(max(cint(n), 0), MAX_STARS)
	return "★" * filled + "☆" * (MAX_STARS - filled)


def vnd(amount, symbol: str = "đ") -> str:
	"""``5.000.000 đ``: whole đồng, dots between thousands, whatever the site's number format."""
	return format_vnd(amount or 0, symbol)


def vnd_in_words(amount) -> str:
	"""``Năm triệu đồng chẵn.``: the "Bằng chữ" line of a print (ocop_app.rules.vn_words)."""
	return amount_in_words(amount or 0)


OFFICE_FIELDS = (
	"doc_issuing_body",
	"doc_symbol",
	"doc_place",
	"doc_recipients",
	"doc_signing_authority",
	"doc_on_behalf_of",
	"doc_signer_title",
	"doc_signer_name",
)


def issuing_office(unit: str | None, signer: str | None = None, number: str | None = None, recipients=()):
	"""How a decision of ``unit`` is headed, numbered and signed (Nghị định 30/2020/NĐ-CP), from what
	is configured on the unit (OCOP Administrative Unit, "Official Documents") and the decision's
	own signer and number; the rules are in ocop_app.rules.admin_document."""
	from ocop_app.rules import admin_document

	u = (
		frappe.db.get_value("OCOP Administrative Unit", unit, OFFICE_FIELDS, as_dict=True) if unit else None
	) or frappe._dict()
	return frappe._dict(
		header=[line.strip() for line in (u.doc_issuing_body or "").splitlines() if line.strip()],
		number=admin_document.document_number(number, u.doc_symbol),
		place=(u.doc_place or "").strip(),
		collective=u.doc_signing_authority == "TM.",
		signature=admin_document.signature_lines(
			u.doc_signing_authority, u.doc_on_behalf_of, u.doc_signer_title, signer
		),
		signer_name=admin_document.signer_name(signer, u.doc_signer_name),
		recipients=admin_document.recipient_lines(u.doc_recipients, list(recipients)),
	)
