// The demo commune officer's day in the Vietnamese desk, in Debian's Chromium (headless), driven by
// playwright-core: log in, open the workspace, create a producer and a product, run a report,
// download a certificate as PDF, open the public certificate page. Screenshots go to $SHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { DESK, launch } from "./chromium.mjs";

const BASE = process.env.OCOP_BASE_URL;
const USER = process.env.OCOP_USER;
const PASSWORD = process.env.OCOP_PASSWORD;
const CERTIFICATE = process.env.OCOP_CERTIFICATE;
const SHOTS = process.env.SHOTS || ".";
const TAX_ID = process.env.OCOP_TAX_ID;
const UNIT = process.env.OCOP_UNIT;
const OTHER_PRODUCER = process.env.OCOP_OTHER_PRODUCER;

let browser, page;
const shot = (name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });

before(async () => {
	browser = await launch();
	page = await browser.newPage(DESK);
});
after(async () => browser && browser.close());

test("log in and land on the commune workspace", async () => {
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", USER);
	await page.fill("#login_password", PASSWORD);
	await page.click(".btn-login");
	await page.waitForURL("**/app**", { timeout: 60000 });
	await page.goto(`${BASE}/app/ocop-x%C3%A3`);
	await page.waitForSelector("text=Hồ sơ của xã", { timeout: 30000 });
	await shot("1-workspace");
});

test("create a producer in the Vietnamese form", async () => {
	await page.goto(`${BASE}/app/ocop-producer/new`);
	await page.waitForSelector("text=Tên chủ thể", { timeout: 30000 });
	await page.fill('input[data-fieldname="producer_name"]', "Hợp tác xã Thử nghiệm Trình duyệt");
	await page.selectOption('select[data-fieldname="legal_form"]', "Hợp tác xã");
	await page.fill('input[data-fieldname="tax_id"]', TAX_ID);
	await page.evaluate((unit) => cur_frm.set_value("administrative_unit", unit), UNIT);
	await page.waitForTimeout(500);
	await page.keyboard.press("Control+s");
	await page.waitForURL(/ocop-producer\/OCOP-CT-/, { timeout: 30000 });
	await page.waitForTimeout(1000);
	await shot("2-producer");
	assert.match(await page.textContent(".page-title"), /Thử nghiệm Trình duyệt/);
});

test("create a product for it", async () => {
	const producer = page.url().split("/").pop();
	await page.goto(`${BASE}/app/ocop-product/new`);
	await page.waitForSelector("text=Tên sản phẩm", { timeout: 30000 });
	await page.fill('input[data-fieldname="product_name"]', "Bánh cáy Đông Hưng (thử)");
	await page.evaluate((p) => {
		cur_frm.set_value("producer", decodeURIComponent(p));
		cur_frm.set_value("product_group", "Chế biến từ gạo, ngũ cốc");
	}, producer);
	await page.waitForTimeout(800);
	await page.keyboard.press("Control+s");
	await page.waitForURL(/ocop-product\/OCOP-SP-/, { timeout: 30000 });
	await page.waitForTimeout(1000);
	await shot("3-product");
	assert.match(await page.textContent("body"), /Nháp/); // the registration workflow's first step
});

test("run the producer register report", async () => {
	await page.goto(`${BASE}/app/query-report/OCOP%20Producer%20Register`);
	await page.waitForSelector("text=Thử nghiệm Trình duyệt", { timeout: 30000 });
	await shot("4-report");
	const body = await page.textContent("body");
	assert.ok(OTHER_PRODUCER && !body.includes(OTHER_PRODUCER), "another commune's producer must not show");
});

test("download the commune's certificate as a PDF", async () => {
	const params = new URLSearchParams({
		doctype: "OCOP Certificate",
		name: CERTIFICATE,
		format: "Giấy chứng nhận sản phẩm OCOP",
		no_letterhead: "1",
	});
	const res = await page.request.get(`${BASE}/api/method/frappe.utils.print_format.download_pdf?${params}`, { timeout: 120000 });
	assert.equal(res.status(), 200);
	const pdf = await res.body();
	assert.equal(pdf.subarray(0, 4).toString(), "%PDF");
	assert.ok(pdf.length > 10000, "the page with its QR code, not an empty sheet");
	writeFileSync(`${SHOTS}/6-certificate.pdf`, pdf);
});

test("check a certificate on the public page, as a guest", async () => {
	const guest = await browser.newPage({ viewport: { width: 1000, height: 800 } });
	// the QR code's address: the number and its check code
	await guest.goto(`${BASE}${JSON.parse(process.env.OCOP_FIXTURE).check_path}`);
	await guest.waitForSelector("text=Kiểm tra giấy chứng nhận", { timeout: 30000 });
	await guest.screenshot({ path: `${SHOTS}/5-public-check.png` });
	assert.match(await guest.textContent("body"), /còn hiệu lực|HẾT HẠN|THU HỒI/);
	await guest.goto(`${BASE}/ocop/xac-minh/KHONG-CO-SO-NAY`);
	assert.match(await guest.textContent("body"), /Không tìm thấy/);
	await guest.close();
});
