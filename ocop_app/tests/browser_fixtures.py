"""Data for the browser test (tests/browser): the demo commune officer (the first commune officer
of setup/data/demo.json, with the demo password), a producer of another commune that must stay
out of their report, and a certificate of their commune to print as PDF and to open on the public
page. Not a test module."""

import json

import frappe

from ocop_app.setup.demo import DEMO, make_user


def demo_commune_officer() -> tuple[dict, str]:
	return demo_user("OCOP Commune Officer")


def demo_user(role: str) -> tuple[dict, str]:
	data = json.loads(DEMO.read_text(encoding="utf-8"))
	spec = next(u for u in data["users"] if u["role"] == role)
	return spec, data["password"]


def prepare() -> dict:
	from frappe.utils.password import update_password

	from ocop_app.factories import random_tax_id

	spec, password = demo_commune_officer()
	user = make_user(spec, password)
	update_password(user, password)  # as the demo has it, whatever the site did since
	cert = make_certificate(spec["unit"])  # removed again by cleanup()
	make_payment_documents(cert)  # for tests/browser/prints.test.mjs, removed again by cleanup()
	injected = injected_certificate(spec["unit"])  # so is this one
	recognition = make_recognition_documents()  # for the approver's prints, removed again by cleanup()
	closed_sheet = make_closed_draft_sheet(password)  # so is this one
	frappe.db.commit()
	values = {
		"user": user,
		"password": password,
		"unit": spec["unit"],
		"certificate": cert,
		"check_path": check_path(cert),
		"injected_check_path": check_path(injected),
		"injected": INJECTED,
		"tax_id": random_tax_id(),
		"other_producer": other_commune_producer(spec["unit"]),
		**recognition,
		**closed_sheet,
		"portal": portal_fixture(cert, password),  # tests/browser/portal_pages.test.mjs
	}
	print("OCOP_BROWSER " + frappe.as_json(values, indent=None))
	return values


def make_certificate(unit: str) -> str:
	"""A certificate in the officer's commune: theirs to print, anyone's to check on the public page."""
	from ocop_app.factories import certificate_in

	return certificate_in(unit, 4, frappe.utils.today())


def make_recognition_documents() -> dict:
	"""For the province's approver of the demo (same password): a product of the officer's commune
	recognised 3 stars by a decision of Hưng Yên, with its evaluation and the council members' score
	sheets, to open on their own prints. Their names, the first sheet's total and the average."""
	from frappe.utils.password import update_password

	from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
		MEMBERS,
		make_member,
		recognised_product,
	)

	spec, password = demo_user("OCOP Approver")
	update_password(make_user(spec, password), password)
	for member in MEMBERS:
		make_member(member)
	_product, certificate = recognised_product()  # in the officer's commune: cleanup() finds it there
	decision = frappe.db.get_value("OCOP Certificate", certificate, "recognition_decision")
	evaluation = frappe.db.get_value(
		"OCOP Recognition Item", {"parent": decision, "parenttype": "OCOP Recognition Decision"}, "evaluation"
	)
	sheet = frappe.get_all(
		"OCOP Score Sheet",
		filters={"evaluation": evaluation, "docstatus": 1},
		fields=["name", "total_score"],
		order_by="creation asc",
		limit=1,
	)[0]
	return {
		"decision": decision,
		"evaluation": evaluation,
		"average_score": frappe.db.get_value("OCOP Evaluation", evaluation, "average_score"),
		"score_sheet": sheet.name,
		"total_score": sheet.total_score,
	}


def make_closed_draft_sheet(password: str) -> dict:
	"""For tests/browser/score_sheet.test.mjs: an evaluation of a product of the officer's commune,
	concluded while the demo council member's sheet was still a draft (stamped closed by the
	conclusion). The member (demo password) and the sheet."""
	from frappe.utils.password import update_password

	from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
		GROUP_148,
		MEMBERS,
		make_council,
		make_member,
		make_product,
		make_sheet,
		score_all,
	)
	from ocop_app.setup.demo import conclude

	spec, _password = demo_user("OCOP Council Member")
	member = make_user(spec, password)
	update_password(member, password)
	for user in MEMBERS:
		make_member(user)
	evaluation = frappe.get_doc(
		{
			"doctype": "OCOP Evaluation",
			"product": make_product(GROUP_148),  # in the officer's commune: cleanup() finds it there
			"evaluation_level": "District",
			"evaluation_date": "2024-06-01",
			"council": make_council("District", (*MEMBERS, member)).name,
		}
	).insert()
	score_all(evaluation, [62, 63, 64])
	frappe.set_user(member)
	draft = make_sheet(evaluation, member, 70)  # saved, not submitted
	frappe.set_user("Administrator")
	conclude(evaluation)
	assert frappe.db.get_value("OCOP Score Sheet", draft.name, ["docstatus", "evaluation_closed"]) == (0, 1)
	return {"council_member": member, "closed_sheet": draft.name}


def remove_recognition_documents(products: list[str]) -> None:
	"""The evaluations of ``products`` with their score sheets, councils and recognition decisions.
	frappe deletes no submitted record: test clean-up removes their rows (and child rows, ToDos)."""
	evaluations = frappe.get_all(
		"OCOP Evaluation", filters={"product": ("in", products or [""])}, fields=["name", "council"]
	)
	names = [e.name for e in evaluations]
	if not names:
		return
	decisions = frappe.get_all(
		"OCOP Recognition Item",
		filters={"evaluation": ("in", names), "parenttype": "OCOP Recognition Decision"},
		pluck="parent",
		distinct=True,
	)
	sheets = frappe.get_all("OCOP Score Sheet", filters={"evaluation": ("in", names)}, pluck="name")
	councils = sorted({e.council for e in evaluations if e.council})
	for doctype, docs in (
		("OCOP Recognition Decision", decisions),
		("OCOP Score Sheet", sheets),
		("OCOP Evaluation", names),
		("OCOP Council", councils),
	):
		if not docs:
			continue
		for table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", docs)})
		frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", docs)})
		frappe.db.delete(doctype, {"name": ("in", docs)})


BROWSER_FUND = "Ngân sách thử trình duyệt"
CLAIM_AMOUNT = 5_000_000


def make_payment_documents(certificate: str) -> None:
	"""For the province's finance officer of the demo (same password): a claim of 5.000.000 đ on the
	certificate's product, approved through the workflow, on a payment batch of the fund
	BROWSER_FUND. The browser test finds them by that fund."""
	from frappe.utils import nowdate
	from frappe.utils.password import update_password

	from ocop_app.factories import PACKAGING, make_claim, make_policy
	from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import MEMBERS, make_member
	from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve

	remove_payment_documents()  # left by an interrupted run
	spec, password = demo_user("OCOP Finance Officer")
	update_password(make_user(spec, password), password)
	for member in MEMBERS:
		make_member(member)
	make_policy()
	year = int(nowdate()[:4])
	fund = frappe.get_doc(
		{
			"doctype": "OCOP Fund",
			"fund_name": BROWSER_FUND,
			"funding_source": "Tỉnh",
			"fiscal_year": year,
			"administrative_unit": "33",
			"allocated_amount": 1_000_000_000,
		}
	).insert()
	product = frappe.db.get_value("OCOP Certificate", certificate, "product")
	claim = approve(
		make_claim(product, fund.name, PACKAGING, CLAIM_AMOUNT, CLAIM_AMOUNT, claim_date=nowdate())
	)
	frappe.get_doc(
		{"doctype": "OCOP Payment Batch", "fund": fund.name, "items": [{"claim": claim.name}]}
	).insert()


def remove_payment_documents() -> None:
	from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import cancel

	funds = frappe.get_all("OCOP Fund", filters={"fund_name": BROWSER_FUND}, pluck="name")
	for batch in frappe.get_all("OCOP Payment Batch", filters={"fund": ("in", funds)}, pluck="name"):
		frappe.delete_doc("OCOP Payment Batch", batch, force=True, ignore_permissions=True)
	for claim in frappe.get_all(
		"OCOP Subsidy Claim", filters={"fund": ("in", funds)}, fields=["name", "docstatus", "journal_entry"]
	):
		if claim.docstatus == 1:
			cancel(frappe.get_doc("OCOP Subsidy Claim", claim.name))
		frappe.delete_doc(
			"OCOP Subsidy Claim",
			claim.name,
			force=True,
			ignore_permissions=True,
			flags={"ignore_workflow_guard": True},  # test clean-up: an approved, then cancelled claim
		)
		if claim.journal_entry and frappe.db.exists("Journal Entry", claim.journal_entry):
			frappe.delete_doc("Journal Entry", claim.journal_entry, force=True, ignore_permissions=True)
	for fund in funds:
		frappe.delete_doc("OCOP Fund", fund, force=True, ignore_permissions=True)


# what the public-page test injects, through the address and through stored fields
INJECTED = '<img src=x onerror="window.__ocop_xss=(window.__ocop_xss||0)+1">'


def check_path(cert: str) -> str:
	from urllib.parse import urlsplit

	from ocop_app.printing import certificate_check_url

	url = urlsplit(certificate_check_url(cert))
	return f"{url.path}?{url.query}"


def injected_certificate(unit: str) -> str:
	"""A certificate of ``unit`` with a script in its shown fields (``inject_script``)."""
	cert = make_certificate(unit)
	inject_script(cert)
	return cert


def inject_script(cert: str, script: str = INJECTED) -> None:
	"""Revoke ``cert`` with ``script`` in the four fields the public page shows, as if it had reached
	the database unsanitised (a direct write or an import): the page must show it as text."""
	frappe.db.set_value(
		"OCOP Certificate",
		cert,
		{
			"product_name": script,
			"producer_name": script,
			"decision_no": script,
			"status": "Thu hồi",
			"revocation_reason": script,
		},
	)


OTHER_PRODUCER = "HTX Phạm Vi Khác (thử)"


def other_commune_producer(unit: str) -> str:
	"""A producer of another commune, by a name nothing else on the page contains."""
	if not frappe.db.exists("OCOP Producer", {"producer_name": OTHER_PRODUCER}):
		from ocop_app.factories import make_producer

		other = "33-12970" if unit != "33-12970" else "33-12688"
		make_producer(administrative_unit=other, producer_name=OTHER_PRODUCER)
		frappe.db.commit()
	return OTHER_PRODUCER


PORTAL_COUNCIL = "Hội đồng thử trình duyệt (cổng chủ thể)"
PORTAL_EMAIL_PREFIX = "portalb.browser."


def portal_fixture(certificate: str, password: str) -> dict:
	"""For the producer portal's browser test: the certificate's producer signs up with its tax id;
	the province officer and the council member of the demo (same password), and a province
	council with that member, to put the producer's new product before the council."""
	from frappe.utils.password import update_password

	remove_portal_documents()  # left by an interrupted run
	# the sign-up page allows a few sign-ups an hour per address: this run's one is not the sixth
	frappe.cache.delete(frappe.cache.make_key("ocop_portal_signup:127.0.0.1"))
	users = {}
	for role in ("OCOP Province Officer", "OCOP Council Member"):
		spec, _password = demo_user(role)
		users[role] = make_user(spec, password)
		update_password(users[role], password)
	council = frappe.get_doc(
		{
			"doctype": "OCOP Council",
			"council_name": PORTAL_COUNCIL,
			"level": "Province",
			"administrative_unit": "33",
			"year": int(frappe.utils.nowdate()[:4]),
			"members": [{"user": users["OCOP Council Member"], "council_role": "Thành viên"}],
		}
	).insert(ignore_permissions=True)
	producer = frappe.db.get_value("OCOP Certificate", certificate, "producer")
	return {
		"tax_id": frappe.db.get_value("OCOP Producer", producer, "tax_id"),
		"email": f"{PORTAL_EMAIL_PREFIX}{frappe.generate_hash(length=6)}@example.vn",
		"province_officer": users["OCOP Province Officer"],
		"council_member": users["OCOP Council Member"],
		"council": council.name,
		"group": "Rau, củ, quả, hạt tươi",  # has a criteria set under the rule set in force
	}


def remove_portal_documents() -> None:
	from ocop_app.factories import remove_producer_user

	for user in frappe.get_all("User", filters={"name": ["like", PORTAL_EMAIL_PREFIX + "%"]}, pluck="name"):
		remove_producer_user(user)
	for council in frappe.get_all("OCOP Council", filters={"council_name": PORTAL_COUNCIL}, pluck="name"):
		for evaluation in frappe.get_all("OCOP Evaluation", filters={"council": council}, pluck="name"):
			for sheet in frappe.get_all("OCOP Score Sheet", filters={"evaluation": evaluation}, pluck="name"):
				frappe.delete_doc("OCOP Score Sheet", sheet, force=True, ignore_permissions=True)
			frappe.delete_doc(
				"OCOP Evaluation",
				evaluation,
				force=True,
				ignore_permissions=True,
				flags={"ignore_workflow_guard": True},  # test clean-up
			)
		frappe.delete_doc("OCOP Council", council, force=True, ignore_permissions=True)


def cleanup() -> None:
	"""Leave the officer's commune as the integration tests expect it, with nothing committed in
	it: remove what the browser test made there (stamp batches, certificates, products, producers, and the
	producers' suppliers and bank accounts). Run by scripts/test on the test site only."""
	from ocop_app.factories import remove_producer, remove_product

	remove_payment_documents()
	remove_portal_documents()
	unit = demo_commune_officer()[0]["unit"]
	remove_recognition_documents(
		frappe.get_all("OCOP Product", filters={"administrative_unit": unit}, pluck="name")
	)
	for batch in frappe.get_all("OCOP Stamp Batch", filters={"administrative_unit": unit}, pluck="name"):
		frappe.delete_doc("OCOP Stamp Batch", batch, force=True, ignore_permissions=True)
	for cert in frappe.get_all("OCOP Certificate", filters={"administrative_unit": unit}, pluck="name"):
		frappe.delete_doc("OCOP Certificate", cert, force=True, ignore_permissions=True)
	for product in frappe.get_all("OCOP Product", filters={"administrative_unit": unit}, pluck="name"):
		remove_product(product)
	for producer in frappe.get_all("OCOP Producer", filters={"administrative_unit": unit}, pluck="name"):
		remove_producer(producer)
	frappe.db.commit()
