"""The producer portal's pages, as real producer users (only the portal role, a confirmed account):
register a product, upload dossier items and evidence the council sees, follow results and
certificates (PDF), reminders, support claims to payment — and the boundaries: another producer's
product, certificate or claim is refused through these methods, a wrong file is refused in
Vietnamese and nothing is written, an unconfirmed user can do nothing, workflow steps stay the
officials'."""

import base64

import frappe
from frappe.installer import update_site_config
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from ocop_app.exceptions import MarkupInNameError
from ocop_app.factories import (
	PACKAGING,
	make_fund,
	make_policy,
	make_producer,
	make_producer_user,
	remove_producer,
	remove_producer_user,
	remove_product,
)
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	GROUP_148,
	MEMBERS,
	CouncilTestCase,
	recognised_product,
)
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve
from ocop_app.permissions import clear_scope_cache
from ocop_app.portal import products as portal_products
from ocop_app.portal import support as portal_support
from ocop_app.rules import portal

M = 1_000_000
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image(kind: str) -> bytes:
	"""A real (tiny) image: frappe re-encodes images it stores."""
	import io

	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=kind)
	return buffer.getvalue()


PNG = image("PNG")
JPG = image("JPEG")


def b64(data: bytes) -> str:
	return base64.b64encode(data).decode()


class TestPortalPages(CouncilTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		make_policy()
		self.fund = make_fund(1_000 * M, fiscal_year=getdate(today()).year)
		# producer A: a product recognised 3 stars with its certificate; producer B: the same
		self.product, self.cert = recognised_product()
		self.producer = frappe.db.get_value("OCOP Product", self.product, "producer")
		self.other_product, self.other_cert = recognised_product()
		self.other_producer = frappe.db.get_value("OCOP Product", self.other_product, "producer")
		self.evaluation = frappe.db.get_value("OCOP Evaluation", {"product": self.product, "docstatus": 1})
		self.user = make_producer_user(self.producer, "portalb.a@example.vn")
		self.other_user = make_producer_user(self.other_producer, "portalb.b@example.vn")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_scope_cache()

	def as_user(self, user=None):
		frappe.set_user(user or self.user)

	def count(self, doctype, **filters):
		return frappe.db.count(doctype, filters)

	# ------------------------------------------------------------------ products
	def test_a_producer_registers_a_product_in_their_commune_at_the_first_step_only(self):
		self.as_user()
		with self.assertRaises(MarkupInNameError):  # a name is printed as written: no markup
			portal_products.register_product("Mật ong <b>rừng</b>", GROUP_148)
		made = portal_products.register_product("Mật ong rừng", GROUP_148, "<script>x</script>")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("OCOP Product", {"product_name": ["like", "Mật ong <b>%"]}), 0)
		product = frappe.get_doc("OCOP Product", made["name"])
		self.assertEqual(product.producer, self.producer)
		self.assertEqual(product.workflow_state, "Nháp")
		self.assertEqual(
			product.administrative_unit,
			frappe.db.get_value("OCOP Producer", self.producer, "administrative_unit"),
		)
		self.assertNotIn("<script>", product.description)
		# the list shows it in plain words with the next step
		self.as_user()
		listed = {p.name: p for p in portal_products.my_products()}
		self.assertEqual(listed[product.name].state_words, "Đang chuẩn bị hồ sơ")
		self.assertTrue(listed[product.name].next_step)
		self.assertNotIn(self.other_product, listed)
		# the producer cannot move it further: the workflow's steps are the officials'
		from ocop_app.workflow_guard import apply_action

		with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			apply_action(frappe.get_doc("OCOP Product", product.name), "Gửi hồ sơ")
		self.assertEqual(frappe.db.get_value("OCOP Product", product.name, "workflow_state"), "Nháp")

	def test_bad_registration_is_refused_in_vietnamese_and_writes_nothing(self):
		self.as_user()
		before = self.count("OCOP Product")
		with self.assertRaises(portal_products.PortalInputError) as refused:
			portal_products.register_product("Bánh", "Không có nhóm này")
		self.assertIn("nhóm sản phẩm", str(refused.exception))
		with self.assertRaises(portal_products.PortalInputError):
			portal_products.register_product("   ", GROUP_148)
		self.assertEqual(self.count("OCOP Product"), before)

	def test_an_unconfirmed_user_or_an_official_can_do_nothing(self):
		from ocop_app.exceptions import NotConfirmedProducerError

		pending = make_producer_user(
			make_producer().name, "portalb.pending@example.vn", status=portal.PENDING
		)
		before = self.count("OCOP Product")
		for user in (pending, MEMBERS[0]):
			frappe.set_user(user)
			self.assertRaises(NotConfirmedProducerError, portal_products.register_product, "Trà", GROUP_148)
			self.assertRaises(NotConfirmedProducerError, portal_products.my_products)
			self.assertRaises(NotConfirmedProducerError, portal_products.product_view, self.product)
		self.assertEqual(self.count("OCOP Product"), before)

	def test_the_product_page_shows_step_results_and_certificates_never_a_members_sheet(self):
		self.as_user()
		view = portal_products.product_view(self.product)
		self.assertEqual(view["name"], self.product)
		(evaluation,) = view["evaluations"]
		self.assertEqual(evaluation["name"], self.evaluation)
		self.assertEqual(evaluation["star_rating"], 3)
		self.assertGreaterEqual(evaluation["average_score"], 50)
		(certificate,) = view["certificates"]
		self.assertEqual((certificate.name, certificate.star, certificate.status), (self.cert, 3, "Hiệu lực"))
		self.assertTrue(certificate.valid_to_text)
		self.assertTrue(view["criteria"])
		sheets = frappe.get_all("OCOP Score Sheet", filters={"evaluation": self.evaluation}, pluck="name")
		self.assertTrue(sheets)
		self.assertFalse(set(sheets) & set(str(view).split("'")))
		# the score sheets stay closed to the producer user through frappe's own paths
		self.assertRaises(
			frappe.PermissionError,
			frappe.get_list,
			"OCOP Score Sheet",
			filters={"evaluation": self.evaluation},
		)
		self.assertFalse(frappe.has_permission("OCOP Score Sheet", "read", sheets[0]))

	def test_a_returned_dossier_shows_the_officials_reason(self):
		frappe.db.set_value(
			"OCOP Product",
			self.product,
			{"workflow_state": "Trả lại bổ sung", "return_reason": "Thiếu phiếu kiểm nghiệm"},
		)
		self.as_user()
		view = portal_products.product_view(self.product)
		self.assertEqual(view["return_reason"], "Thiếu phiếu kiểm nghiệm")
		self.assertEqual(view["state_words"], "Hồ sơ bị trả lại để bổ sung")
		self.assertTrue(view["dossier_open"])

	def test_another_producers_product_is_refused_like_a_missing_one(self):
		self.as_user()
		for name in (self.other_product, "OCOP-SP-KHONG-CO", ""):
			self.assertRaises(portal_products.NotOwnRecordError, portal_products.product_view, name)
			self.assertRaises(portal_products.NotOwnRecordError, portal_support.support_contents, name)

	# ------------------------------------------------------------------ evidence
	def criterion(self):
		self.as_user()
		return portal_products.product_view(self.product)["criteria"][0]["code"]

	def test_evidence_is_stored_private_on_the_product_and_the_council_member_sees_it(self):
		code = self.criterion()
		done = portal_products.upload_evidence(
			self.product, code, "giay-chung-nhan-vietgap.pdf", b64(PDF), "VietGAP"
		)
		self.assertTrue(done["attachment"].startswith("/private/files/"))
		file = frappe.get_doc("File", {"file_url": done["attachment"]})
		self.assertEqual(
			(file.is_private, file.attached_to_doctype, file.attached_to_name),
			(1, "OCOP Product", self.product),
		)
		self.assertTrue(file.has_permission("read"))  # the producer downloads their own file
		self.as_user(self.other_user)
		self.assertFalse(file.has_permission("read"))  # another producer does not
		# the council member sees it beside the criterion on the scoring form
		from ocop_app.ocop_app.doctype.ocop_score_sheet.ocop_score_sheet import get_scoring_context

		frappe.set_user(MEMBERS[0])
		shown = get_scoring_context(self.evaluation)["evidence"]
		self.assertIn(
			(code, "VietGAP", done["attachment"]),
			[(e.criterion_code, e.description, e.attachment) for e in shown],
		)

	def test_evidence_is_replaced_for_a_re_evaluation(self):
		code = self.criterion()
		first = portal_products.upload_evidence(self.product, code, "nhan.png", b64(PNG), "Nhãn")
		second = portal_products.upload_evidence(
			self.product, code, "nhan-moi.pdf", b64(PDF), replaces=first["row"]
		)
		self.assertEqual(second["row"], first["row"])
		frappe.set_user("Administrator")
		rows = frappe.get_all(
			"OCOP Product Evidence",
			filters={"parent": self.product, "criterion_code": code},
			fields=["attachment", "description"],
		)
		self.assertEqual([(r.attachment, r.description) for r in rows], [(second["attachment"], "Nhãn")])

	def test_a_wrong_file_is_refused_in_vietnamese_and_nothing_is_written(self):
		code = self.criterion()
		files, rows = self.count("File"), self.count("OCOP Product Evidence", parent=self.product)
		big = PDF + b"0" * (5 * 1024 * 1024)
		for name, data, words in (
			("hoa-don.pdf", b"<html><script>alert(1)</script></html>", "PDF hoặc ảnh"),
			("chuong-trinh.pdf", b"MZ\x90\x00\x03", "PDF hoặc ảnh"),
			("trang.html", PDF, "đuôi"),
			("lon.pdf", big, "MB"),
			("rong.pdf", b"", "rỗng"),
			("anh-hong.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "PDF hoặc ảnh"),
		):
			with self.assertRaises(portal_products.PortalUploadError) as refused:
				portal_products.upload_evidence(self.product, code, name, b64(data))
			self.assertIn(words, str(refused.exception))
		self.assertRaises(
			portal_products.PortalUploadError,
			portal_products.upload_evidence,
			self.product,
			code,
			"x.pdf",
			"không-phải-base64!",
		)
		self.assertRaises(
			portal_products.PortalInputError,
			portal_products.upload_evidence,
			self.product,
			"Z99",
			"a.pdf",
			b64(PDF),
		)
		self.assertEqual(
			(self.count("File"), self.count("OCOP Product Evidence", parent=self.product)), (files, rows)
		)

	def test_nothing_is_uploaded_to_another_producers_product(self):
		code = self.criterion()
		files = self.count("File")
		self.assertRaises(
			portal_products.NotOwnRecordError,
			portal_products.upload_evidence,
			self.other_product,
			code,
			"a.pdf",
			b64(PDF),
		)
		item_type = frappe.get_all("OCOP Dossier Item Type", pluck="name", limit=1)[0]
		self.assertRaises(
			portal_products.NotOwnRecordError,
			portal_products.upload_dossier_item,
			self.other_product,
			item_type,
			"a.pdf",
			b64(PDF),
		)
		# a row of another product named as the one to replace
		frappe.set_user("Administrator")
		other = frappe.get_doc("OCOP Product", self.other_product)
		other_row = other.append("evidence", {"criterion_code": code, "attachment": "/files/x.pdf"})
		other.save()
		self.as_user()
		self.assertRaises(
			portal_products.PortalInputError,
			portal_products.upload_evidence,
			self.product,
			code,
			"a.pdf",
			b64(PDF),
			replaces=other_row.name,
		)
		self.assertEqual(self.count("File"), files)

	def test_dossier_items_are_uploaded_and_checked_again_by_the_commune(self):
		item_type = frappe.get_all("OCOP Dossier Item Type", pluck="name", order_by="sort_order", limit=1)[0]
		self.as_user()
		done = portal_products.upload_dossier_item(self.product, item_type, "phieu-dang-ky.pdf", b64(PDF))
		frappe.set_user("Administrator")
		row = frappe.get_doc("OCOP Product Dossier Item", done["row"])
		self.assertEqual((row.item_type, row.attachment, row.is_checked), (item_type, done["attachment"], 0))

	def test_the_dossier_is_closed_while_the_commune_checks_it(self):
		code = self.criterion()
		frappe.db.set_value("OCOP Product", self.product, "workflow_state", "Chờ xã kiểm tra hồ sơ")
		files = self.count("File")
		self.as_user()
		self.assertRaises(
			portal_products.DossierClosedError,
			portal_products.upload_evidence,
			self.product,
			code,
			"a.pdf",
			b64(PDF),
		)
		self.assertEqual(self.count("File"), files)

	# ------------------------------------------------------------------ certificates
	def test_another_producers_certificate_is_never_printed(self):
		# the PDF itself is made over HTTP (TestPortalPagesOverHTTP): frappe.get_print commits
		frappe.local.response.pop("filecontent", None)  # an earlier test's download, in-process
		self.as_user()
		for name in (self.other_cert, "TEST-KHONG-CO"):
			self.assertRaises(portal_products.NotOwnRecordError, portal_products.certificate_pdf, name)
		self.assertNotIn("filecontent", frappe.local.response)

	def test_producer_users_are_reminded_30_days_before_expiry_once(self):
		from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import notify_expiring_certificates

		frappe.db.set_value(
			"OCOP Certificate", self.cert, {"valid_to": add_days(today(), 20), "expiry_notified": 0}
		)
		notify_expiring_certificates()
		notify_expiring_certificates()  # the next day's run: nothing new
		notices = frappe.get_all(
			"Notification Log", filters={"for_user": self.user, "document_name": self.cert}, pluck="subject"
		)
		self.assertEqual(len(notices), 1)
		self.assertIn(self.cert, notices[0])
		self.assertFalse(
			frappe.db.exists("Notification Log", {"for_user": self.other_user, "document_name": self.cert})
		)
		self.as_user()
		(certificate,) = portal_products.product_view(self.product)["certificates"]
		self.assertTrue(certificate.expiring)

	# ------------------------------------------------------------------ support
	def file_packaging_claim(self, product: str | None = None) -> dict:
		"""As the signed-in user: a packaging claim of 5 million on ``product`` (theirs by default),
		with its invoice."""
		return portal_support.file_claim(product or self.product, PACKAGING, "5000000", "a.pdf", b64(PDF))

	def test_the_policy_offers_its_contents_for_the_products_star(self):
		self.as_user()
		offered = portal_support.support_contents(self.product)
		self.assertEqual(offered["star"], 3)
		amounts = {c["support_type"]: c["amount_text"] for c in offered["contents"]}
		self.assertEqual(amounts[PACKAGING], "5.000.000 đ")
		self.assertEqual(amounts["Thưởng sản phẩm đạt hạng sao"], "50.000.000 đ")
		self.assertNotIn("150.000.000 đ", amounts.values())

	def test_a_claim_is_filed_with_its_invoice_and_followed_to_payment(self):
		self.as_user()
		made = portal_support.file_claim(
			self.product,
			PACKAGING,
			"5.000.000",
			"hoa-don.pdf",
			b64(PDF),
			"hop-dong.jpg",
			b64(JPG),
		)
		frappe.set_user("Administrator")
		claim = frappe.get_doc("OCOP Subsidy Claim", made["name"])
		self.assertEqual(
			(claim.producer, claim.product, claim.workflow_state, claim.claimed_amount, claim.fund),
			(self.producer, self.product, "Nháp", 5 * M, self.fund),
		)
		self.assertTrue(
			claim.invoice.startswith("/private/files/") and claim.contract.startswith("/private/files/")
		)
		self.assertEqual(
			frappe.db.get_value("File", {"file_url": claim.invoice}, "attached_to_name"), claim.name
		)
		self.as_user()
		(row,) = portal_support.my_claims()
		self.assertEqual((row.claimed_text, row.state_words), ("5.000.000 đ", "Đã gửi đề nghị"))
		# a second claim of the same content while the first is on its way
		self.assertRaises(portal_support.ClaimPendingError, self.file_packaging_claim)
		# the officials approve and pay: the producer sees the amount, the date and the bank reference
		frappe.set_user("Administrator")
		claim.approved_amount = 5 * M
		claim = approve(claim)
		from ocop_app.accounting.claims import pay_claim

		payment = pay_claim(claim.name)
		self.as_user()
		(row,) = portal_support.my_claims()
		self.assertEqual(
			(row.state_words, row.paid_text, row.approved_text), ("Đã chi trả", "5.000.000 đ", "5.000.000 đ")
		)
		(paid,) = row.payments
		reference = frappe.db.get_value("Payment Entry", payment, "reference_no")
		self.assertEqual((paid["amount_text"], paid["reference"]), ("5.000.000 đ", reference))
		self.assertTrue(paid["date"])

	def test_claims_through_another_producer_or_with_wrong_files_write_nothing(self):
		self.as_user()
		before = (self.count("OCOP Subsidy Claim"), self.count("File"))
		pdf, svg, exe = ("a.pdf", b64(PDF)), ("a.pdf", b64(b"<svg onload=1>")), ("b.pdf", b64(b"MZ"))
		mine, amount = self.product, "5000000"
		refused = (
			(portal_products.NotOwnRecordError, self.other_product, PACKAGING, amount, *pdf),
			(portal_products.PortalUploadError, mine, PACKAGING, amount, *svg),
			# a good invoice and a bad contract: nothing at all is written
			(portal_products.PortalUploadError, mine, PACKAGING, amount, *pdf, *exe),
			(portal_products.PortalInputError, mine, PACKAGING, amount),
			(portal_products.PortalInputError, mine, PACKAGING, "-5", *pdf),
			(portal_support.NoSupportForProductError, mine, "Nội dung không có", amount, *pdf),
		)
		for error, *args in refused:
			with self.subTest(error=error.__name__, amount=args[2]):
				self.assertRaises(error, portal_support.file_claim, *args)
		self.assertEqual((self.count("OCOP Subsidy Claim"), self.count("File")), before)
		# and another producer's claims never show
		frappe.set_user("Administrator")
		frappe.set_user(self.other_user)
		self.file_packaging_claim(self.other_product)
		self.as_user()
		self.assertEqual(portal_support.my_claims(), [])

	def test_without_a_fund_this_year_the_claim_is_refused(self):
		frappe.db.set_value("OCOP Fund", self.fund, "fiscal_year", 2000)
		self.as_user()
		before = self.count("OCOP Subsidy Claim")
		self.assertRaises(portal_support.NoFundError, self.file_packaging_claim)
		self.assertEqual(self.count("OCOP Subsidy Claim"), before)


class AssetsServer:
	"""The bench's /assets over HTTP on a free loopback port (nothing else), for wkhtmltopdf."""

	def __init__(self):
		import functools
		import threading
		from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

		from frappe.utils import get_bench_path

		misses = self.misses = []

		class AssetsOnly(SimpleHTTPRequestHandler):
			def send_head(self):
				if not self.path.startswith("/assets/") or ".." in self.path:
					misses.append(self.path)
					self.send_error(404)
					return None
				return super().send_head()

			def log_message(self, *args):
				pass

		handler = functools.partial(AssetsOnly, directory=f"{get_bench_path()}/sites")
		self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
		self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
		threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

	def stop(self):
		self.httpd.shutdown()
		self.httpd.server_close()


class TestPortalPagesOverHTTP(FrappeTestCase):
	"""A signed-in producer user against a real gunicorn: pages and methods with another producer's
	product refused (403, nothing written), their own shown escaped, their private files theirs."""

	@classmethod
	def setUpClass(cls):
		from ocop_app.ocop_app.doctype.ocop_product.test_ocop_product import make_product
		from ocop_app.tests.test_http_attacks import PASSWORD, Server

		super().setUpClass()
		cls.server = Server(frappe.local.site)
		tag = frappe.generate_hash(length=6)
		cls.products, cls.users, cls.producers, cls.certificates = [], [], [], []
		for side in ("a", "b"):
			producer = make_producer(producer_name=f"HTX cổng thử {tag} {side}")
			product = make_product(
				producer=producer.name,
				product_group=GROUP_148,  # a group with a criteria set of the rule set in force
				product_name=f"Chè {side}",
			)
			# as if it had reached the database unchecked (a direct write): the pages show it as text
			frappe.db.set_value(
				"OCOP Product", product.name, "product_name", f'Chè {side} <img src=x onerror="ocopXss()">'
			)
			user = make_producer_user(
				producer.name, f"portalb.http.{side}.{tag}@example.vn", password=PASSWORD
			)
			cls.producers.append(producer)
			cls.products.append(product.name)
			cls.users.append(user)
			cls.certificates.append(
				frappe.get_doc(
					{
						"doctype": "OCOP Certificate",
						"certificate_no": f"TEST-PORTAL-{tag}-{side}",
						"product": product.name,
						"producer": producer.name,
						"administrative_unit": product.administrative_unit,
						"province": product.province,
						"star": 4,
						"status": "Hiệu lực",
						"valid_from": today(),
						"valid_to": add_days(today(), 1000),
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
			# the certificate's print shows the product's name as HTML: plain text there (see the
			# page test for the name with markup)
			frappe.db.set_value("OCOP Certificate", cls.certificates[-1], "product_name", f"Chè {side}")
		frappe.db.commit()
		# wkhtmltopdf fetches the print styles from the site's address: gunicorn serves no /assets
		# (nginx does in production), so a static server of the bench's assets stands in for it
		cls.assets = AssetsServer()
		cls.host_name = frappe.conf.get("host_name")
		update_site_config("host_name", cls.assets.url)
		cls.server.wait_ready()
		cls.a = cls.server.session(cls.users[0])
		cls.b = cls.server.session(cls.users[1])
		cls.api = cls.server.url + "/api/method/"

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		update_site_config("host_name", cls.host_name or "None")
		cls.assets.stop()
		frappe.set_user("Administrator")
		for certificate in cls.certificates:
			frappe.delete_doc("OCOP Certificate", certificate, force=True, ignore_permissions=True)
		made = frappe.get_all(
			"OCOP Product", filters={"producer": ["in", [p.name for p in cls.producers]]}, pluck="name"
		)
		for file in frappe.get_all("File", filters={"attached_to_name": ["in", made]}, pluck="name"):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		for product in made:
			remove_product(product)
		for user in cls.users:
			remove_producer_user(user)
		for producer in cls.producers:
			remove_producer(producer.name)
		frappe.db.commit()
		super().tearDownClass()

	def files(self) -> int:
		frappe.db.rollback()
		return frappe.db.count("File", {"attached_to_name": ["in", self.products]})

	def test_pages_show_only_their_own_products_escaped(self):
		mine, theirs = self.products
		browser = self.server.session(self.users[0])  # its own session: a page gives it a CSRF token
		page = browser.get(self.server.url + "/ocop/co-so/san-pham")
		self.assertEqual(page.status_code, 200)
		self.assertIn(mine, page.text)
		self.assertNotIn(theirs, page.text)
		self.assertNotIn('<img src=x onerror="ocopXss()">', page.text)
		self.assertIn("&lt;img", page.text)
		own = browser.get(f"{self.server.url}/ocop/co-so/san-pham/{mine}")
		self.assertEqual(own.status_code, 200)
		self.assertNotIn('<img src=x onerror="ocopXss()">', own.text)
		other = browser.get(f"{self.server.url}/ocop/co-so/san-pham/{theirs}")
		self.assertEqual(other.status_code, 403)
		self.assertNotIn("Chè b", other.text)
		# a guest is sent to the login page
		guest = self.server.session().get(self.server.url + "/ocop/co-so/san-pham", allow_redirects=False)
		self.assertIn(guest.status_code, (301, 302, 303, 307))

	def test_methods_refuse_another_producers_product_and_write_nothing(self):
		theirs = self.products[1]
		before = self.files()
		for method, data in (
			(
				"ocop_app.portal.products.upload_evidence",
				{"criterion_code": "1", "filename": "a.pdf", "content": b64(PDF)},
			),
			(
				"ocop_app.portal.products.upload_dossier_item",
				{"item_type": "x", "filename": "a.pdf", "content": b64(PDF)},
			),
			(
				"ocop_app.portal.support.file_claim",
				{
					"support_type": PACKAGING,
					"claimed_amount": "5000000",
					"invoice_filename": "a.pdf",
					"invoice_content": b64(PDF),
				},
			),
		):
			response = self.a.post(self.api + method, data={"product": theirs, **data})
			self.assertEqual(response.status_code, 403, method)
		self.assertEqual(self.files(), before)

	def test_an_upload_is_private_to_its_producer(self):
		mine, _theirs = self.products
		frappe.db.rollback()
		code = portal_products.criteria_set_of(frappe.get_doc("OCOP Product", mine))
		criterion = frappe.get_cached_doc("OCOP Criteria Set", code).criteria[0].criterion_code
		response = self.a.post(
			self.api + "ocop_app.portal.products.upload_evidence",
			data={
				"product": mine,
				"criterion_code": criterion,
				"filename": "vietgap.pdf",
				"content": b64(PDF),
			},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		url = response.json()["message"]["attachment"]
		self.assertTrue(url.startswith("/private/files/"))
		self.assertEqual(self.a.get(self.server.url + url).status_code, 200)
		self.assertEqual(self.b.get(self.server.url + url).status_code, 403)
		refused = self.a.post(
			self.api + "ocop_app.portal.products.upload_evidence",
			data={
				"product": mine,
				"criterion_code": criterion,
				"filename": "x.pdf",
				"content": b64(b"<script>1</script>"),
			},
		)
		self.assertEqual(refused.status_code, 417)
		self.assertIn("PDF hoặc ảnh", refused.json()["exception"])

	def test_the_certificate_pdf_is_its_own_print_format_for_its_producer_only(self):
		mine, theirs = self.certificates
		method = self.api + "ocop_app.portal.products.certificate_pdf"
		own = self.a.get(method, params={"certificate": mine}, timeout=120)
		self.assertEqual(own.status_code, 200, f"{self.assets.misses} {own.text[-300:]}")
		self.assertEqual(own.content[:4], b"%PDF")
		self.assertIn("attachment", own.headers.get("Content-Disposition", ""))
		self.assertEqual(self.a.get(method, params={"certificate": theirs}).status_code, 403)
		self.assertEqual(self.b.get(method, params={"certificate": mine}).status_code, 403)
