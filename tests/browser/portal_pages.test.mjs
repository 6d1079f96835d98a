// The producer portal at phone width (390×844), in Debian's Chromium (headless) driven by
// playwright-core: a producer's owner signs up with the producer's tax id, the commune officer
// confirms the account in the desk, the producer registers a product and uploads evidence for a
// criterion, the province officer puts the product before the province council, the council
// member sees the evidence beside the criterion on a new score sheet, and the producer downloads
// their certificate as a PDF. Screenshots and the PDF go to $SHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { DESK, launch } from "./chromium.mjs";

const BASE = process.env.OCOP_BASE_URL;
const OFFICER = process.env.OCOP_USER;
const PASSWORD = process.env.OCOP_PASSWORD;
const CERTIFICATE = process.env.OCOP_CERTIFICATE;
const SHOTS = process.env.SHOTS || ".";
const PORTAL = JSON.parse(process.env.OCOP_FIXTURE || "{}").portal || {};
const PRODUCER_PASSWORD = "CoSo2025pass";
const PHONE = { width: 390, height: 844 };
const EVIDENCE = "Giấy chứng nhận VietGAP (thử)";
// a small, valid PDF: the portal judges an upload by its content
const PDF = Buffer.from(
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

let browser, phone, product;

const login = async (page, user, password, landing) => {
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL(landing, { timeout: 60000 });
};
const desk = async (user) => {
	const page = await browser.newPage(DESK);
	await login(page, user, PASSWORD, "**/app**");
	await page.waitForFunction(() => window.frappe && frappe.xcall, null, { timeout: 30000 });
	return page;
};

before(async () => {
	browser = await launch();
	phone = await browser.newPage({ viewport: PHONE, locale: "vi-VN", isMobile: true, hasTouch: true });
});
after(async () => browser && browser.close());

test("a producer's owner signs up at phone width", async () => {
	assert.ok(PORTAL.tax_id, "the browser fixture gives the producer's tax id");
	await phone.goto(`${BASE}/ocop/co-so/dang-ky`);
	await phone.fill("input[name=full_name]", "Nguyễn Thị Cổng");
	await phone.fill("input[name=email]", PORTAL.email);
	await phone.fill("input[name=password]", PRODUCER_PASSWORD);
	await phone.fill("input[name=identity]", PORTAL.tax_id);
	await phone.click("#ocop-signup button[type=submit]");
	await phone.waitForSelector("#ocop-signup .ocop-message.alert-success", { timeout: 30000 });
	await phone.screenshot({ path: `${SHOTS}/portal-1-sign-up.png`, fullPage: true });
});

test("the commune officer confirms the account in the desk", async () => {
	const page = await desk(OFFICER);
	const account = await page.evaluate(
		(email) => frappe.xcall("frappe.client.get_value", { doctype: "OCOP Producer Account", filters: { user: email }, fieldname: "name" }),
		PORTAL.email,
	);
	await page.goto(`${BASE}/app/ocop-producer-account/${encodeURIComponent(account.name)}`);
	const confirm = page.locator(".page-actions button:has-text('Xác nhận'), .form-inner-toolbar button:has-text('Xác nhận')").first();
	await confirm.click({ timeout: 30000 });
	await page.waitForFunction(() => window.cur_frm && cur_frm.doc.status === "Đã xác nhận", null, { timeout: 30000 });
	await page.screenshot({ path: `${SHOTS}/portal-2-confirmed.png` });
	await page.close();
});

test("the producer registers a product and uploads evidence for a criterion", async () => {
	await login(phone, PORTAL.email, PRODUCER_PASSWORD, (url) => !url.pathname.startsWith("/login"));
	await phone.goto(`${BASE}/ocop/co-so`);
	await phone.waitForSelector("a[href='/ocop/co-so/san-pham']", { timeout: 30000 });
	await phone.click("a[href='/ocop/co-so/san-pham']");
	await phone.fill("#ocop-register input[name=product_name]", "Gốm men lam (cổng thử)");
	await phone.selectOption("#ocop-register select[name=product_group]", PORTAL.group);
	await phone.click("#ocop-register button[type=submit]");
	await phone.waitForURL("**/ocop/co-so/san-pham/OCOP-SP-**", { timeout: 30000 });
	product = decodeURIComponent(new URL(phone.url()).pathname.split("/").pop());
	assert.match(await phone.textContent("#ocop-product-state"), /Đang chuẩn bị hồ sơ/);

	// a script named .pdf is refused, in Vietnamese, and nothing is added
	await phone.setInputFiles("#ocop-evidence input[type=file]", { name: "hoa-don.pdf", mimeType: "application/pdf", buffer: Buffer.from("<script>alert(1)</script>") });
	await phone.click("#ocop-evidence button[type=submit]");
	await phone.waitForSelector("#ocop-evidence .ocop-message.alert-danger", { timeout: 30000 });
	assert.match(await phone.textContent("#ocop-evidence .ocop-message"), /PDF hoặc ảnh/);
	assert.equal(await phone.locator(".ocop-evidence").count(), 0);

	await phone.fill("#ocop-evidence input[name=description]", EVIDENCE);
	await phone.setInputFiles("#ocop-evidence input[type=file]", { name: "vietgap.pdf", mimeType: "application/pdf", buffer: PDF });
	await phone.click("#ocop-evidence button[type=submit]");
	await phone.waitForSelector(`.ocop-evidence:has-text("${EVIDENCE}")`, { timeout: 30000 });
	const href = await phone.getAttribute(`.ocop-evidence a`, "href");
	assert.match(href, /^\/private\/files\//);
	await phone.screenshot({ path: `${SHOTS}/portal-3-evidence.png`, fullPage: true });
	// the page fits the phone: nothing wider than the screen
	assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width + 1);
});

test("the council member sees the evidence beside the criterion on the score sheet", async () => {
	const officer = await desk(PORTAL.province_officer);
	const evaluation = await officer.evaluate(
		(values) =>
			frappe.xcall("frappe.client.insert", {
				doc: { doctype: "OCOP Evaluation", product: values.product, evaluation_level: "Province", evaluation_date: frappe.datetime.get_today(), council: values.council },
			}),
		{ product, council: PORTAL.council },
	);
	await officer.close();
	const member = await desk(PORTAL.council_member);
	await member.goto(`${BASE}/app/ocop-score-sheet/new`);
	await member.waitForFunction(() => window.cur_frm && cur_frm.doctype === "OCOP Score Sheet", null, { timeout: 30000 });
	await member.evaluate((name) => cur_frm.set_value("evaluation", name), evaluation.name);
	const link = member.locator(`.ocop-criterion a:has-text("${EVIDENCE}")`);
	await link.waitFor({ timeout: 30000 });
	assert.match(await link.getAttribute("href"), /^\/private\/files\//);
	await link.scrollIntoViewIfNeeded();
	await member.screenshot({ path: `${SHOTS}/portal-4-score-sheet.png` });
	await member.close();
});

test("the producer follows their products and downloads their certificate as a PDF", async () => {
	await phone.goto(`${BASE}/ocop/co-so/san-pham`);
	await phone.screenshot({ path: `${SHOTS}/portal-5-products.png`, fullPage: true });
	const certified = await phone.evaluate(async (certificate) => {
		const r = await fetch(`/api/resource/OCOP Certificate/${encodeURIComponent(certificate)}`);
		return (await r.json()).data.product;
	}, CERTIFICATE);
	await phone.goto(`${BASE}/ocop/co-so/san-pham/${encodeURIComponent(certified)}`);
	const pdfLink = phone.locator(".ocop-certificate-pdf").first();
	await pdfLink.waitFor({ timeout: 30000 });
	await phone.screenshot({ path: `${SHOTS}/portal-6-certificate.png`, fullPage: true });
	const res = await phone.request.get(BASE + (await pdfLink.getAttribute("href")), { timeout: 120000 });
	assert.equal(res.status(), 200);
	const pdf = await res.body();
	assert.equal(pdf.subarray(0, 4).toString(), "%PDF");
	writeFileSync(`${SHOTS}/portal-7-certificate.pdf`, pdf);
});
