"""Books per province: each province's OCOP coordination office is its own ERPNext Company.

A national site holds every province's money, so each office keeps its own books: an ERPNext
Company made the ordinary way (chart of accounts, default accounts, cost centre, VND), tagged
with its province (Custom Field ``ocop_province``) and named after it, e.g. "VP Điều phối OCOP
Hưng Yên" with the abbreviation "OCOP33" from the province code. It is made when the first fund
of the province is made, or by ``setup_province_companies``. A fund belongs to its province's
company; its claims post and pay there. The finance officers of a province get a User Permission
on its company (ERPNext's own way of keeping a user to a company), kept in step with their unit
and role.
"""

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from ocop_app.request_memo import clear_request_memo
from ocop_app.rules.admin_units import PROVINCE
from ocop_app.units import UNIT_DOCTYPE, get_province

PROVINCE_FIELD = "ocop_province"
FINANCE_ROLE = "OCOP Finance Officer"
NAME_PREFIX = "VP Điều phối OCOP"
TREASURY_ACCOUNT = "Tiền gửi Kho bạc Nhà nước"
BOOKS_COMPANIES = "ocop_books_companies"  # request memo: {user: the office companies whose books they see}


def custom_fields() -> dict[str, list[dict]]:
	"""The app's Custom Fields on Company (its province) and Supplier (its producer and unit), as
	shipped in ocop_app/fixtures/custom_field.json."""
	path = Path(__file__).resolve().parents[1] / "fixtures" / "custom_field.json"
	fields: dict[str, list[dict]] = {}
	for doc in json.loads(path.read_text(encoding="utf-8")):
		if doc["dt"] in ("Company", "Supplier"):
			fields.setdefault(doc["dt"], []).append(
				{k: v for k, v in doc.items() if k not in ("doctype", "name", "dt", "module")}
			)
	return fields


class FundCompanyError(frappe.ValidationError):
	"""A fund's company is not its province's coordination office."""


class NoProvinceError(frappe.ValidationError):
	"""A fund or claim whose unit lies in no current province."""


def ensure_custom_fields() -> None:
	"""The fields where missing (the fixtures make them on install and migrate; this is for the
	patch, which runs before the fixtures, and makes no schema change, which would commit, when
	they are there)."""
	missing = {
		doctype: [
			f
			for f in fields
			if not frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": f["fieldname"]})
		]
		for doctype, fields in custom_fields().items()
	}
	if any(missing.values()):
		create_custom_fields({doctype: fields for doctype, fields in missing.items() if fields})


# ------------------------------------------------------------------ provinces and companies
def current_province(unit: str | None) -> str | None:
	"""Today's province of ``unit`` (a legacy unit through its successor), or None."""
	if not unit:
		return None
	values = frappe.db.get_value(UNIT_DOCTYPE, unit, ["is_legacy", "successor_unit"], as_dict=True)
	if values and values.is_legacy and values.successor_unit:
		unit = values.successor_unit
	province = get_province(unit)
	if province and frappe.db.get_value(UNIT_DOCTYPE, province, "is_legacy"):
		return None
	return province


def province_company(province: str | None) -> str | None:
	return frappe.db.get_value("Company", {PROVINCE_FIELD: province}) if province else None


def short_name(unit_name: str) -> str:
	"""'Thành phố Hà Nội' → 'Hà Nội', 'Tỉnh Hưng Yên' → 'Hưng Yên'."""
	for prefix in ("Thành phố ", "Tỉnh "):
		if unit_name.startswith(prefix):
			return unit_name[len(prefix) :]
	return unit_name


def is_office_company(company: str | None) -> bool:
	return bool(company and frappe.db.get_value("Company", company, PROVINCE_FIELD))


def ensure_province_company(province: str) -> str:
	"""The province's office Company, made through ERPNext's own Company creation if missing."""
	if name := province_company(province):
		return name
	unit = frappe.db.get_value(UNIT_DOCTYPE, province, ["unit_name", "level", "is_legacy"], as_dict=True)
	if not unit or unit.level != PROVINCE or unit.is_legacy:
		frappe.throw(
			_("{0} không phải là một tỉnh, thành phố hiện hành.").format(frappe.bold(province)),
			NoProvinceError,
			title=_("Không có tỉnh"),
		)
	company = frappe.get_doc(
		{
			"doctype": "Company",
			"company_name": f"{NAME_PREFIX} {short_name(unit.unit_name)}",
			"abbr": f"OCOP{province.replace('-', '')}",
			"default_currency": "VND",
			"country": "Vietnam",
			"create_chart_of_accounts_based_on": "Standard Template",
			"chart_of_accounts": "Standard",
			PROVINCE_FIELD: province,
		}
	)
	# the office's books follow from the province alone; callers have checked the user's scope
	company.flags.ignore_permissions = True
	company.insert()
	set_treasury_account(company.name)
	from ocop_app.accounting.claims import ensure_expense_accounts

	ensure_expense_accounts(company.name)
	clear_books_cache()
	for user in finance_officers_of(province):
		sync_company_permissions(user)
	return company.name


def set_treasury_account(company: str) -> None:
	"""Offices pay through the State Treasury: a bank account for it, the company's default."""
	if frappe.db.get_value("Company", company, "default_bank_account"):
		return
	account = frappe.db.get_value(
		"Account", {"company": company, "account_type": "Bank", "is_group": 0}
	) or frappe.db.get_value("Account", {"company": company, "account_name": TREASURY_ACCOUNT})
	if not account:
		parent = frappe.db.get_value("Account", {"company": company, "account_type": "Bank", "is_group": 1})
		if not parent:
			return
		doc = frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": TREASURY_ACCOUNT,
				"parent_account": parent,
				"company": company,
				"account_type": "Bank",
				"is_group": 0,
			}
		)
		doc.flags.ignore_permissions = True  # part of making the company above
		account = doc.insert().name
	frappe.db.set_value("Company", company, "default_bank_account", account)


def setup_province_companies(provinces: list[str] | str | None = None) -> list[str]:
	"""Explicit setup step: the office companies of ``provinces`` (default: every current province).

	``bench --site SITE execute ocop_app.accounting.companies.setup_province_companies``
	"""
	if isinstance(provinces, str):
		provinces = [p.strip() for p in provinces.split(",") if p.strip()]
	if not provinces:
		provinces = frappe.get_all(
			UNIT_DOCTYPE, filters={"level": PROVINCE, "is_legacy": 0}, pluck="name", order_by="name"
		)
	from ocop_app.accounting.claims import ensure_expense_accounts

	companies = [ensure_province_company(p) for p in provinces]
	for company in companies:
		ensure_expense_accounts(company)
	return companies


@frappe.whitelist(methods=["POST"])
def company_for_fund_unit(unit: str) -> str:
	"""Fund form: the company of the unit's province (made now if the province has none yet)."""
	from ocop_app.permissions import get_unit_scope

	frappe.has_permission("OCOP Fund", "create", throw=True)
	scope = get_unit_scope()
	if scope is not None and unit not in scope:
		raise frappe.PermissionError(_("Đơn vị {0} ngoài phạm vi quản lý.").format(unit))
	province = current_province(unit)
	if not province:
		no_province(unit)
	return ensure_province_company(province)


def no_province(unit: str) -> None:
	frappe.throw(
		_("Đơn vị {0} không thuộc tỉnh, thành phố hiện hành nào.").format(
			frappe.bold(frappe.db.get_value(UNIT_DOCTYPE, unit, "full_name") or unit)
		),
		NoProvinceError,
		title=_("Không có tỉnh"),
	)


# ------------------------------------------------------------------ funds and claims
def set_fund_company(fund) -> None:
	"""OCOP Fund validate: the fund belongs to its province's office company.

	A new fund without a province office's company gets it (made if the province has none); one
	set to another office's company is refused. A fund already booked elsewhere (before companies per province) is checked only
	when its unit or company changes.
	"""
	if not fund.is_new() and not (
		fund.has_value_changed("company") or fund.has_value_changed("administrative_unit")
	):
		return
	province = current_province(fund.administrative_unit)
	if not province:
		no_province(fund.administrative_unit)
	expected = province_company(province)
	if not fund.company or (fund.is_new() and not is_office_company(fund.company)):
		# empty, or the desk's default company of a new form (no province's office)
		fund.company = expected or ensure_province_company(province)
		return
	if fund.company != expected:
		frappe.throw(
			_(
				"Nguồn kinh phí của {0} phải thuộc sổ sách của {1}, không phải {2}. Mỗi tỉnh ghi sổ và"
				" chi trả bằng công ty (Company) của văn phòng điều phối tỉnh mình."
			).format(
				frappe.bold(frappe.db.get_value(UNIT_DOCTYPE, province, "full_name") or province),
				frappe.bold(expected or f"{NAME_PREFIX} …"),
				frappe.bold(fund.company),
			),
			FundCompanyError,
			title=_("Sai đơn vị kế toán"),
		)


def check_claim_fund(claim) -> None:
	"""OCOP Subsidy Claim validate: the fund pays from the books of the claim's province."""
	if not claim.fund or not claim.administrative_unit:
		return
	company = frappe.db.get_value("OCOP Fund", claim.fund, "company")
	expected = province_company(current_province(claim.administrative_unit))
	if expected and company != expected:
		frappe.throw(
			_(
				"Nguồn kinh phí {0} thuộc sổ sách của {1}; đề nghị của đơn vị {2} phải chi từ nguồn của {3}."
			).format(
				frappe.bold(claim.fund),
				frappe.bold(company),
				frappe.bold(frappe.db.get_value(UNIT_DOCTYPE, claim.administrative_unit, "full_name")),
				frappe.bold(expected),
			),
			FundCompanyError,
			title=_("Sai đơn vị kế toán"),
		)


def company_of_claim(claim: str) -> str | None:
	return frappe.db.get_value(
		"OCOP Fund", frappe.db.get_value("OCOP Subsidy Claim", claim, "fund"), "company"
	)


# ------------------------------------------------------------------ finance officers' User Permissions
def clear_books_cache() -> None:
	"""Which companies a user's scope opens is cached per request (ocop_app.accounting.permissions)."""
	clear_request_memo(BOOKS_COMPANIES)


def finance_officers_of(province: str) -> list[str]:
	users = frappe.get_all(
		"User Permission", filters={"allow": UNIT_DOCTYPE, "for_value": province}, pluck="user", distinct=True
	)
	return [u for u in users if FINANCE_ROLE in frappe.get_roles(u)]


def sync_company_permissions(user: str) -> None:
	"""A finance officer holds a User Permission on the company of each province they are given;
	nobody else holds one on an office company (it would open that company's books to them)."""
	wanted = set()
	if FINANCE_ROLE in frappe.get_roles(user):
		for unit in frappe.get_all(
			"User Permission", filters={"user": user, "allow": UNIT_DOCTYPE}, pluck="for_value"
		):
			if frappe.db.get_value(UNIT_DOCTYPE, unit, "level") == PROVINCE and (
				company := province_company(unit)
			):
				wanted.add(company)
	have = {
		p.for_value: p.name
		for p in frappe.get_all(
			"User Permission", filters={"user": user, "allow": "Company"}, fields=["name", "for_value"]
		)
	}
	office = set(
		frappe.get_all("Company", filters={PROVINCE_FIELD: ["is", "set"]}, pluck="name")
	)  # an office company; other Company permissions are left alone
	for company in wanted - set(have):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "Company",
				"for_value": company,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)  # derived from the unit an administrator just gave
	for company in (set(have) & office) - wanted:
		# derived, like the one above: the unit or role was just taken away by an administrator
		frappe.delete_doc("User Permission", have[company], ignore_permissions=True)


def on_user_permission_change(doc, method=None) -> None:
	"""User Permission hook: a unit given or taken brings its company permission along."""
	clear_books_cache()
	if doc.allow == UNIT_DOCTYPE and frappe.db.exists("User", doc.user):
		sync_company_permissions(doc.user)


def on_user_update(doc, method=None) -> None:
	"""User hook: gaining or losing the finance role gives or takes the company permissions."""
	clear_books_cache()
	had = doc.get_doc_before_save()
	roles = {r.role for r in doc.roles}
	before = {r.role for r in had.roles} if had else set()
	if (FINANCE_ROLE in roles) != (FINANCE_ROLE in before):
		frappe.clear_cache(user=doc.name)
		sync_company_permissions(doc.name)
