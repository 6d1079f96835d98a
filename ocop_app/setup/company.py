"""The ERPNext company of an OCOP coordination office: the setup wizard, completed in VND.

Until the setup wizard is complete, ERPNext sends every desk user but Administrator to it, and
officials cannot open it: a site that officials use must have it done.
"""

import frappe
from frappe.utils import cint, now_datetime

DEFAULT_COMPANY = "Văn phòng Điều phối OCOP"


def ensure_setup_complete(company_name: str = DEFAULT_COMPANY, abbr: str = "VPDP") -> None:
	if frappe.db.a_row_exists("Company") and cint(
		frappe.db.get_single_value("System Settings", "setup_complete")
	):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	# no "email"/"full_name": for an existing user, frappe 15's wizard renames every user
	# (create_or_update_user updates tabUser without a where clause)
	year = now_datetime().year
	setup_complete(
		{
			"currency": "VND",
			"company_name": company_name,
			"company_abbr": abbr,
			"timezone": "Asia/Ho_Chi_Minh",
			"country": "Vietnam",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"language": "english",
			"chart_of_accounts": "Standard",
			"industry": "Government",
		}
	)
	frappe.db.set_single_value("System Settings", {"language": "vi", "time_zone": "Asia/Ho_Chi_Minh"})
	frappe.db.set_default("lang", "vi")
