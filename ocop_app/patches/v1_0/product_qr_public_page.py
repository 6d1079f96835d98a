"""Products' QR codes open the public product page (/ocop/san-pham/<product>), no longer the desk.

Each product gets a new QR image and the old one is removed; a site with many products does it
in a background job.
"""

import frappe

IN_PATCH_LIMIT = 2000


def execute():
	products = frappe.get_all("OCOP Product", pluck="name")
	if len(products) > IN_PATCH_LIMIT:
		frappe.enqueue(regenerate, queue="long", timeout=6 * 3600, products=products)
	else:
		regenerate(products)


def regenerate(products: list[str]) -> None:
	for i, name in enumerate(products, start=1):
		doc = frappe.get_doc("OCOP Product", name)
		old = frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "OCOP Product",
				"attached_to_name": name,
				"attached_to_field": "qr_code",
			},
			pluck="name",
		)
		doc.make_qr_code()
		for file in old:
			frappe.delete_doc("File", file, ignore_permissions=True, force=True)  # patch, as Administrator
		if i % 500 == 0:
			frappe.db.commit()  # nosemgrep: a long job keeps what it has done
	frappe.db.commit()  # nosemgrep
