"""Sign-up of a producer's website user (the page /ocop/co-so/dang-ky).

A guest gives a name, an email or a mobile number, a password and an identity — the producer's
tax id, or a household business owner's 12-digit citizen id. When the identity is an existing OCOP
producer's, the account names that producer (in its commune); otherwise the guest proposes a new
producer (name, legal form, commune), made only when the commune officer confirms the account.
The user is a Website User holding only ``OCOP Producer User``; until the confirmation they see
nothing (``ocop_app.portal.access``). Every check runs before anything is written; a refused
request writes nothing. Each client address gets a few sign-ups per hour.
"""

import frappe
from frappe import _
from frappe.utils.password import update_password

from ocop_app.portal.access import ACCOUNT_DOCTYPE, PRODUCER_ROLE
from ocop_app.rules import names, portal
from ocop_app.rules.admin_units import COMMUNE, PROVINCE
from ocop_app.rules.tax_id import LEGAL_FORMS

SIGNUPS_PER_HOUR = 5
LOOKUPS_PER_MINUTE = 30


class SignUpError(frappe.ValidationError):
	pass


class SignUpRateLimitError(frappe.ValidationError):
	http_status_code = 429


def over_limit(bucket: str, limit: int, seconds: int) -> bool:
	"""A fixed window per client address, counted atomically (as the certificate check page does)."""
	from ocop_app.www.ocop.xac_minh import request_client_address

	key = frappe.cache.make_key(f"ocop_portal_{bucket}:{request_client_address()}")
	pipe = frappe.cache.pipeline(transaction=True)
	pipe.set(key, 0, ex=seconds, nx=True)
	pipe.incr(key)
	return pipe.execute()[-1] > limit


def refuse(message: str):
	frappe.throw(message, SignUpError, title=_("Chưa đăng ký được"))


IDENTITY_MESSAGES = {
	"empty": lambda v: _("Chưa nhập mã số thuế hoặc số định danh cá nhân."),
	"format": lambda v: _(
		"Mã số thuế {0} không đúng định dạng: cần 10 chữ số (13 chữ số với đơn vị phụ thuộc), hoặc số định danh cá nhân 12 số của chủ hộ kinh doanh."
	).format(v),
	"checksum": lambda v: _("Mã số thuế {0} có chữ số kiểm tra không đúng.").format(v),
	"citizen_id": lambda v: _(
		"Số định danh cá nhân {0} không hợp lệ: cần 12 chữ số, bắt đầu bằng mã tỉnh nơi đăng ký khai sinh."
	).format(v),
}
CONTACT_MESSAGES = {
	"empty": _("Cần nhập email hoặc số điện thoại di động."),
	"email": _("Địa chỉ email không đúng."),
	"phone": _("Số điện thoại di động không đúng (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)."),
}
PASSWORD_MESSAGES = {
	"short": _("Mật khẩu cần ít nhất {0} ký tự.").format(portal.MIN_PASSWORD_LENGTH),
	"weak": _("Mật khẩu cần có cả chữ và số."),
}


@frappe.whitelist(allow_guest=True, methods=["POST"])
def sign_up(
	full_name: str,
	password: str,
	identity: str,
	email: str | None = None,
	phone: str | None = None,
	account_kind: str | None = None,
	producer_name: str | None = None,
	legal_form: str | None = None,
	commune: str | None = None,
) -> dict:
	"""Make the website user and their pending account; returns the account's name and status."""
	if frappe.session.user != "Guest":
		refuse(_("Bạn đang đăng nhập; hãy đăng xuất trước khi đăng ký tài khoản mới."))
	if over_limit("signup", SIGNUPS_PER_HOUR, 3600):
		frappe.throw(
			_("Quá nhiều lượt đăng ký từ địa chỉ này. Vui lòng thử lại sau một giờ."),
			SignUpRateLimitError,
			title=_("Thử lại sau"),
		)
	values = check_sign_up(
		full_name, password, identity, email, phone, account_kind, producer_name, legal_form, commune
	)
	user = make_website_user(values, password)
	account = frappe.get_doc(
		{
			"doctype": ACCOUNT_DOCTYPE,
			"user": user,
			"account_kind": values["account_kind"],
			"status": portal.PENDING,
			"email": values["email"],
			"phone": values["phone"],
			"identity": values["identity"].value,
			"identity_kind": "Mã số thuế" if values["identity"].kind == "tax_id" else "Số định danh cá nhân",
			"producer": values["producer"],
			"administrative_unit": values["commune"],
			"proposed_producer_name": values["producer_name"],
			"proposed_legal_form": values["legal_form"],
		}
	)
	# a guest has no permission on accounts: every value above was checked by check_sign_up
	account.insert(ignore_permissions=True)
	return {"account": account.name, "status": account.status, "user": user}


def check_sign_up(
	full_name, password, identity, email, phone, account_kind, producer_name, legal_form, commune
) -> dict:
	"""Every rule of a sign-up, before anything is written; the first broken one is refused."""
	full_name = (full_name or "").strip()
	if not full_name or len(full_name) > portal.MAX_NAME_LENGTH:
		refuse(_("Cần nhập họ và tên (tối đa {0} ký tự).").format(portal.MAX_NAME_LENGTH))
	if not names.plain_text(full_name):
		refuse(_("Họ và tên không được chứa ký tự < hoặc >."))
	email, phone, reason = portal.check_contact(email, phone)
	if reason:
		refuse(CONTACT_MESSAGES[reason])
	reason = portal.check_password(password)
	if reason:
		refuse(PASSWORD_MESSAGES[reason])
	checked = portal.check_identity(identity)
	if not checked.ok:
		refuse(IDENTITY_MESSAGES[checked.reason](frappe.utils.escape_html((identity or "").strip()[:20])))
	account_kind = account_kind or portal.OWNER
	if account_kind not in portal.ACCOUNT_KINDS:
		refuse(_("Loại tài khoản không đúng."))
	login = portal.login_email(email, phone)
	taken = phone and frappe.db.exists(ACCOUNT_DOCTYPE, {"phone": phone, "status": ["!=", portal.REFUSED]})
	if frappe.db.exists("User", login) or taken:
		refuse(
			_(
				"Email hoặc số điện thoại này đã có tài khoản. Hãy đăng nhập, hoặc dùng chức năng quên mật khẩu."
			)
		)
	producer = frappe.db.get_value(
		"OCOP Producer", {"tax_id": checked.value}, ["name", "administrative_unit"], as_dict=True
	)
	values = {
		"full_name": full_name,
		"email": email,
		"phone": phone,
		"login": login,
		"identity": checked,
		"account_kind": account_kind,
		"producer": None,
		"producer_name": None,
		"legal_form": None,
		"commune": None,
	}
	if producer:  # an existing producer: its commune's officer confirms
		values.update(producer=producer.name, commune=producer.administrative_unit)
		return values
	producer_name = (producer_name or "").strip()
	if producer_name and not names.plain_text(producer_name):
		refuse(_("Tên cơ sở không được chứa ký tự < hoặc >."))
	if not producer_name or len(producer_name) > portal.MAX_NAME_LENGTH:
		refuse(
			_(
				"Chưa có chủ thể OCOP với mã số này: hãy nhập tên cơ sở và chọn xã/phường để đề nghị tạo chủ thể mới."
			)
		)
	if checked.kind == "citizen_id":
		legal_form = "Hộ kinh doanh"  # a citizen id is a household business owner's
	if legal_form not in LEGAL_FORMS:
		refuse(_("Chưa chọn loại hình của cơ sở."))
	unit = frappe.db.get_value(
		"OCOP Administrative Unit", commune or "", ["name", "level", "is_legacy"], as_dict=True
	)
	if not unit or unit.level != COMMUNE or unit.is_legacy:
		refuse(_("Chưa chọn xã/phường hiện hành của cơ sở."))
	values.update(producer_name=producer_name, legal_form=legal_form, commune=unit.name)
	return values


def make_website_user(values: dict, password: str) -> str:
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": values["login"],
			"first_name": values["full_name"],
			# no mobile_no here: its Contact would carry the number, and ERPNext's Call Log hook
			# commits in the middle of the request on a Contact with a number (the phone is on the account)
			"user_type": "Website User",
			"send_welcome_email": 0,
			"roles": [{"role": PRODUCER_ROLE}],
		}
	)
	# a guest signs up: the values were checked by check_sign_up; the user holds the portal role only
	user.insert(ignore_permissions=True)
	update_password(user.name, password)
	return user.name


@frappe.whitelist(allow_guest=True)
def communes(province: str) -> list[dict]:
	"""The current communes of a province, for the sign-up form (public administrative data)."""
	if over_limit("communes", LOOKUPS_PER_MINUTE, 60):
		frappe.throw(_("Quá nhiều lượt tra cứu. Vui lòng thử lại sau."), SignUpRateLimitError)
	province = (province or "")[:20]
	# the national unit catalogue is public; only today's communes of one province, by name
	lft, rgt = frappe.db.get_value(
		"OCOP Administrative Unit", {"name": province, "level": PROVINCE, "is_legacy": 0}, ["lft", "rgt"]
	) or (None, None)
	if lft is None:
		return []
	return frappe.get_all(
		"OCOP Administrative Unit",
		filters={"lft": [">", lft], "rgt": ["<", rgt], "level": COMMUNE, "is_legacy": 0},
		fields=["name", "unit_name"],
		order_by="unit_name asc",
	)


def provinces() -> list[dict]:
	return frappe.get_all(
		"OCOP Administrative Unit",
		filters={"level": PROVINCE, "is_legacy": 0},
		fields=["name", "unit_name"],
		order_by="unit_name asc",
	)
