"""Records made for the tests, the benchmarks and the demo data: one module, outside the tests, so
that product code (ocop_app/benchmarks, ocop_app/setup) never imports a test module.

Trusted set-up code, run as Administrator by a test, a benchmark or ``bench execute``: nobody signs
in while it runs, so the user and portal-account writes below skip permissions (each says why).

- places: ``COMMUNE_A``, ``COMMUNE_B``, ``PROVINCE``, ``LEGACY_COMMUNE``;
- officials: ``make_user(email, role, unit)``;
- producers and products: ``make_producer(**values)``, ``certificate_in(unit, star, valid_from)``,
  ``random_tax_id()``, ``random_digits(n)``; ``remove_product(name)`` and ``remove_producer(name)`` clean up;
- money: ``make_policy()``, ``make_fund(allocated)``, ``make_claim(product, fund, ...)`` (amounts
  in ``M``, the contents ``PACKAGING``, ``REWARD``, ``TRADE``);
- the producer portal: ``make_producer_user(producer, email)``, ``remove_producer_user(email)``.
"""

import random

from stdnum.vn import mst

import frappe
from frappe.utils import now_datetime
from frappe.utils.password import update_password

from ocop_app.portal.access import ACCOUNT_DOCTYPE, PRODUCER_ROLE, clear_cache
from ocop_app.rules import portal

COMMUNE_A = "33-12688"  # Xã Đông Hưng, Hưng Yên (was Thái Bình)
COMMUNE_B = "01-00583"  # Xã Bát Tràng, Thành phố Hà Nội
PROVINCE = "33"  # Hưng Yên
LEGACY_COMMUNE = "L-34-340-12730"  # Xã Nguyên Xá, Huyện Đông Hưng, Tỉnh Thái Bình

M = 1_000_000
PACKAGING, REWARD, TRADE = (
	"Thiết kế, in ấn bao bì, nhãn mác",
	"Thưởng sản phẩm đạt hạng sao",
	"Xúc tiến thương mại",
)
POLICY = "Chính sách thử Hưng Yên"


# ---------------------------------------------------------------------------------------- officials
def make_user(email: str, role: str, unit: str | None) -> None:
	"""A desk user holding ``role``, limited to ``unit`` (a User Permission on the unit) if given."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)  # set-up code: an Administrator's job
	if unit and not frappe.db.exists(
		"User Permission", {"user": email, "allow": "OCOP Administrative Unit", "for_value": unit}
	):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": email,
				"allow": "OCOP Administrative Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)  # set-up code: an Administrator's job


# ------------------------------------------------------------------------- producers and products
def random_tax_id() -> str:
	"""A valid 10-digit tax id (its check digit right) no producer has yet."""
	while True:
		base = f"{random.randint(1, 99):02d}{random.randint(0, 9999999):07d}"
		candidate = base + str(mst.calc_check_digit(base))
		# is_valid: also refuses what calc_check_digit does not see (seven zeros after the province)
		if mst.is_valid(candidate) and not frappe.db.exists("OCOP Producer", {"tax_id": candidate}):
			return candidate


def random_digits(n: int) -> str:
	return "".join(random.choice("0123456789") for _ in range(n))


def make_producer(**kwargs):
	"""Insert an OCOP Producer (Hợp tác xã in Xã Đông Hưng, Hưng Yên, with one Agribank account)."""
	values = {
		"doctype": "OCOP Producer",
		"producer_name": "Hợp tác xã Thử nghiệm",
		"legal_form": "Hợp tác xã",
		"tax_id": random_tax_id(),
		"administrative_unit": COMMUNE_A,
		"representative": "Nguyễn Văn Thử",
		"bank_accounts": [
			{
				"bank": "Agribank",
				"account_number": random_digits(13),
				"account_holder": "HOP TAC XA THU NGHIEM",
			}
		],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert()


def remove_product(product: str) -> None:
	"""Clean-up: the product whatever its workflow state (the guard keeps officials from deleting it)."""
	frappe.delete_doc(
		"OCOP Product",
		product,
		force=True,
		ignore_permissions=True,  # set-up code: clean-up
		flags={"ignore_workflow_guard": True},
	)


def remove_producer(producer: str) -> None:
	"""Clean-up: the producer, its ERPNext Supplier and the Supplier's Bank Accounts (its products
	and certificates are removed first, by the caller)."""
	supplier = frappe.db.get_value("OCOP Producer", producer, "supplier")
	frappe.delete_doc("OCOP Producer", producer, force=True, ignore_permissions=True)  # set-up code
	if supplier:
		for account in frappe.get_all("Bank Account", filters={"party": supplier}, pluck="name"):
			frappe.delete_doc("Bank Account", account, force=True, ignore_permissions=True)  # set-up code
		frappe.delete_doc("Supplier", supplier, force=True, ignore_permissions=True)  # set-up code


def certificate_in(unit: str, star: int, valid_from: str) -> str:
	"""A certificate as a recognition decision leaves it (for report data in another province)."""
	producer = make_producer(administrative_unit=unit)
	product = frappe.get_doc(
		{
			"doctype": "OCOP Product",
			"product_name": "Sản phẩm báo cáo",
			"producer": producer.name,
			"product_group": "Gốm sứ, thủy tinh, kim loại",
		}
	).insert()
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Certificate",
				"certificate_no": f"TEST-{frappe.generate_hash(length=8)}",
				"product": product.name,
				"producer": producer.name,
				"administrative_unit": unit,
				"province": product.province,
				"star": star,
				"status": "Hiệu lực",
				"valid_from": valid_from,
				"valid_to": "2027-08-31",
			}
		)
		.insert(ignore_permissions=True)  # set-up code: as the recognition decision writes it
		.name
	)


# ------------------------------------------------------------------------------------------ money
def make_policy(contents: tuple[str, ...] = ()) -> str:
	"""The test support policy of Hưng Yên (made once); ``contents`` not yet in it are added at
	5 million whatever the star (the benchmarks' claims)."""
	if not frappe.db.exists("OCOP Support Policy", POLICY):
		frappe.get_doc(
			{
				"doctype": "OCOP Support Policy",
				"policy_name": POLICY,
				"province": "33",
				"effective_from": "2024-01-01",
				"cap_per_producer_year": 0,
				"rows": [
					{"support_type": REWARD, "star": 3, "amount": 50 * M},
					{"support_type": REWARD, "star": 4, "amount": 150 * M},
					{"support_type": REWARD, "star": 5, "amount": 300 * M},
					{"support_type": PACKAGING, "star": 3, "amount": 5 * M},
					{"support_type": PACKAGING, "star": 4, "amount": 10 * M},
					{"support_type": PACKAGING, "star": 5, "amount": 20 * M},
					{"support_type": TRADE, "star": 0, "amount": 15 * M},
				],
			}
		).insert()
	if contents:
		policy = frappe.get_doc("OCOP Support Policy", POLICY)
		for content in contents:
			if not any(r.support_type == content for r in policy.rows):
				policy.append("rows", {"support_type": content, "star": 0, "amount": 5 * M})
		policy.save()
	return POLICY


def make_fund(allocated: float, unit: str = "33", fiscal_year: int = 2025) -> str:
	"""A fund of ``unit`` (2025 unless told); it belongs to the company of the unit's province."""
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Fund",
				"fund_name": f"Ngân sách tỉnh thử {frappe.generate_hash(length=10)}",
				"funding_source": "Tỉnh",
				"fiscal_year": fiscal_year,
				"administrative_unit": unit,
				"allocated_amount": allocated,
			}
		)
		.insert()
		.name
	)


def make_claim(
	product: str,
	fund: str,
	support_type: str = PACKAGING,
	claimed: float = 5 * M,
	approved: float | None = None,
	**values,
):
	"""A draft claim of ``product``'s producer on ``fund``, dated 2025-03-01 unless ``values`` say
	otherwise, as the commune enters it (``producer`` given saves reading it from the product)."""
	producer = values.pop("producer", None) or frappe.db.get_value("OCOP Product", product, "producer")
	return frappe.get_doc(
		{
			"doctype": "OCOP Subsidy Claim",
			"producer": producer,
			"product": product,
			"support_type": support_type,
			"claim_date": "2025-03-01",
			"fund": fund,
			"claimed_amount": claimed,
			"approved_amount": approved,
			**values,
		}
	).insert()


# ----------------------------------------------------------------------------- the producer portal
def make_producer_user(
	producer: str,
	email: str,
	password: str | None = None,
	account_kind: str = portal.OWNER,
	status: str = portal.CONFIRMED,
	full_name: str | None = None,
) -> str:
	"""A Website User holding only ``OCOP Producer User`` whose ``OCOP Producer Account`` on
	``producer`` has ``status`` (CONFIRMED by default, as the commune officer's confirmation leaves
	it); made again if it exists."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name or email.split("@")[0],
				"user_type": "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": PRODUCER_ROLE}],
			}
		).insert(ignore_permissions=True)  # set-up code: the portal role only
	if password:
		update_password(email, password)
	values = frappe.db.get_value(
		"OCOP Producer", producer, ["administrative_unit", "tax_id", "phone"], as_dict=True
	)
	frappe.db.delete(ACCOUNT_DOCTYPE, {"user": email})
	account = frappe.get_doc(
		{
			"doctype": ACCOUNT_DOCTYPE,
			"user": email,
			"account_kind": account_kind,
			"status": portal.PENDING,
			"email": email,
			"identity": values.tax_id,
			"identity_kind": "Mã số thuế" if len(values.tax_id or "") != 12 else "Số định danh cá nhân",
			"producer": producer,
			"administrative_unit": values.administrative_unit,
		}
	).insert(ignore_permissions=True)  # set-up code, as the sign-up page makes it
	if status != portal.PENDING:
		# as the commune officer's decision leaves it (status, who, when)
		account.db_set(
			{"status": status, "confirmed_by": "Administrator", "confirmed_on": now_datetime()},
			update_modified=False,
		)
	clear_cache()
	return email


def remove_producer_user(email: str) -> None:
	frappe.db.delete(ACCOUNT_DOCTYPE, {"user": email})
	if frappe.db.exists("User", email):
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)  # set-up code: clean-up
	clear_cache()
