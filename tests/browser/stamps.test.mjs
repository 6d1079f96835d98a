// OCOP stamps, in Debian's Chromium (headless) driven by playwright-core: the demo commune officer
// makes a batch of stamps for their commune's certified product and downloads the A4 stamp sheet
// as a PDF; a guest opens the page a stamp's QR code points to, and the same page with a copied
// (unknown) serial. Screenshots and the PDF go to $SHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { DESK, launch } from "./chromium.mjs";

const BASE = process.env.OCOP_BASE_URL;
const USER = process.env.OCOP_USER;
const PASSWORD = process.env.OCOP_PASSWORD;
const CERTIFICATE = process.env.OCOP_CERTIFICATE;
const SHOTS = process.env.SHOTS || ".";

let browser, page, batch;

before(async () => {
	browser = await launch();
	page = await browser.newPage(DESK);
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", USER);
	await page.fill("#login_password", PASSWORD);
	await page.click(".btn-login");
	await page.waitForURL("**/app**", { timeout: 60000 });
});
after(async () => browser && browser.close());

test("make a batch of stamps and download the A4 sheet as a PDF", async () => {
	await page.goto(`${BASE}/app/ocop-stamp-batch`);
	await page.waitForFunction(() => window.frappe && frappe.xcall, null, { timeout: 30000 });
	batch = await page.evaluate(async (certificate) => {
		const product = await frappe.xcall("frappe.client.get_value", {
			doctype: "OCOP Certificate",
			filters: certificate,
			fieldname: "product",
		});
		return frappe.xcall("frappe.client.insert", {
			doc: { doctype: "OCOP Stamp Batch", product: product.product, quantity: 30 },
		});
	}, CERTIFICATE);
	assert.equal(batch.quantity, 30);
	assert.match(batch.last_serial, /^[A-Z0-9]{8}-00030$/);
	const params = new URLSearchParams({
		doctype: "OCOP Stamp Batch",
		name: batch.name,
		format: "Tem sản phẩm OCOP",
		no_letterhead: "1",
	});
	const res = await page.request.get(`${BASE}/api/method/frappe.utils.print_format.download_pdf?${params}`, { timeout: 120000 });
	assert.equal(res.status(), 200);
	const pdf = await res.body();
	assert.equal(pdf.subarray(0, 4).toString(), "%PDF");
	assert.ok(pdf.length > 20000, "two A4 sheets of stamps with their QR codes, not an empty page");
	assert.ok((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length >= 2, "30 stamps take two sheets of 24");
	writeFileSync(`${SHOTS}/7-stamps.pdf`, pdf);
});

test("a guest opens the page a stamp's QR code points to", async () => {
	const guest = await browser.newPage({ viewport: { width: 1000, height: 900 } });
	const url = `${BASE}/ocop/san-pham/${encodeURIComponent(batch.product)}?tem=${batch.first_serial}`;
	const res = await guest.goto(url);
	assert.equal(res.status(), 200);
	await guest.waitForSelector("#stamp-ok", { timeout: 30000 });
	await guest.screenshot({ path: `${SHOTS}/8-product-page.png` });
	const body = await guest.textContent("body");
	assert.match(body, /còn hiệu lực/);
	assert.ok(body.includes(batch.product_name), "the product's name");

	await guest.goto(`${BASE}/ocop/san-pham/${encodeURIComponent(batch.product)}?tem=${batch.first_serial.slice(0, 9)}99999`);
	await guest.waitForSelector("#stamp-warning", { timeout: 30000 });
	await guest.screenshot({ path: `${SHOTS}/9-copied-stamp.png` });
	assert.match(await guest.textContent("body"), /không có trong hệ thống/);

	const missing = await guest.goto(`${BASE}/ocop/san-pham/OCOP-SP-0000-99999`);
	assert.equal(missing.status(), 404);
	await guest.close();
});
