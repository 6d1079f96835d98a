// The province's accountant (the demo finance officer) opens a subsidy claim, the payment batch's
// transfer order and the fund statement: amounts read "5.000.000 đ" (whole đồng, never ",00"), each
// print opens on the app's own format and carries the amount in words. ocop_app.tests.browser_fixtures
// prepares a 5.000.000 đ claim, approved, on a batch of the fund "Ngân sách thử trình duyệt".
// Screenshots and PDFs go to $SHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { DESK, launch } from "./chromium.mjs";

const BASE = process.env.OCOP_BASE_URL;
const PASSWORD = process.env.OCOP_PASSWORD;
const SHOTS = process.env.SHOTS || ".";
const DEMO = JSON.parse(readFileSync(new URL("../../ocop_app/setup/data/demo.json", import.meta.url), "utf8"));
const USER = DEMO.users.find((u) => u.role === "OCOP Finance Officer").email;
const APPROVER = DEMO.users.find((u) => u.role === "OCOP Approver").email;
const FIXTURE = JSON.parse(process.env.OCOP_FIXTURE || "{}"); // the approver's documents, by name
const FUND_PREFIX = "Ngân sách thử trình duyệt";
const WORDS = "Bằng chữ: Năm triệu đồng chẵn.";
const HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc";
// a score as the prints write it: 62 → "62", 62.5 → "62,50"
const score = (v) => (Number.isInteger(Number(v)) ? String(Number(v)) : Number(v).toFixed(2).replace(".", ","));

let browser, page, claim, batch, fund;
const shot = (name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
const squash = (s) => (s || "").replace(/\s+/g, " ");

async function api(doctype, filters, fields = ["name"]) {
	const params = new URLSearchParams({ filters: JSON.stringify(filters), fields: JSON.stringify(fields) });
	const res = await page.request.get(`${BASE}/api/resource/${encodeURIComponent(doctype)}?${params}`);
	assert.equal(res.status(), 200, `${doctype} list`);
	return (await res.json()).data;
}

// the desk's print view: which format it opened on, and the text of its preview
async function printView(doctype, name, shotName, waitFor = "Bằng chữ") {
	await page.goto(`${BASE}/app/print/${encodeURIComponent(doctype)}/${encodeURIComponent(name)}`);
	const preview = page.frameLocator("iframe.print-format-container");
	await preview.locator(`text=${waitFor}`).first().waitFor({ timeout: 60000 });
	await page.waitForTimeout(500);
	await shot(shotName);
	const format = await page.inputValue('.print-preview-sidebar input[data-fieldname="print_format"]');
	return { format, text: squash(await preview.locator("body").textContent()) };
}

async function login(user, password = PASSWORD) {
	await page.context().clearCookies();
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL("**/app**", { timeout: 60000 });
}

async function pdf(doctype, name, file) {
	const params = new URLSearchParams({ doctype, name, no_letterhead: "1" }); // no format: the default one
	const res = await page.request.get(`${BASE}/api/method/frappe.utils.print_format.download_pdf?${params}`, {
		timeout: 120000,
	});
	assert.equal(res.status(), 200);
	const body = await res.body();
	assert.equal(body.subarray(0, 4).toString(), "%PDF");
	writeFileSync(`${SHOTS}/${file}`, body);
}

before(async () => {
	browser = await launch();
	page = await browser.newPage(DESK);
});
after(async () => browser && browser.close());

test("the commune officer's certificate opens on the A4 certificate, not the generic layout", async () => {
	const certificate = process.env.OCOP_CERTIFICATE;
	assert.ok(certificate && process.env.OCOP_USER, "scripts/test passes the commune officer and a certificate");
	await login(process.env.OCOP_USER);
	const { format, text } = await printView("OCOP Certificate", certificate, "11-certificate-print", "GIẤY CHỨNG NHẬN");
	assert.equal(format, "Giấy chứng nhận sản phẩm OCOP");
	assert.match(text, /Có giá trị từ ngày \d\d tháng \d+ năm \d{4}/);
});

test("the finance officer logs in and finds the prepared claim and batch", async () => {
	await login(USER);
	const claims = await api("OCOP Subsidy Claim", [["fund", "like", `${FUND_PREFIX}%`]], ["name", "fund"]);
	assert.equal(claims.length, 1, "one prepared claim");
	[claim, fund] = [claims[0].name, claims[0].fund];
	batch = (await api("OCOP Payment Batch", [["fund", "=", fund]]))[0]?.name;
	assert.ok(batch, "a payment batch of the prepared fund");
});

test("the claim form shows whole đồng", async () => {
	await page.goto(`${BASE}/app/ocop-subsidy-claim/${claim}`);
	const approved = page.locator('.frappe-control[data-fieldname="approved_amount"]');
	await approved.locator("text=5.000.000").first().waitFor({ timeout: 30000 });
	await page.waitForTimeout(500);
	await shot("7-claim-form");
	const text = squash(await approved.textContent());
	assert.match(text, /5\.000\.000 đ/);
	assert.doesNotMatch(text, /,00/);
});

test("the claim prints on its own format, with the amount in words", async () => {
	const { format, text } = await printView("OCOP Subsidy Claim", claim, "8-claim-print");
	assert.equal(format, "Đề nghị hỗ trợ OCOP");
	assert.match(text, /5\.000\.000 đ/);
	assert.doesNotMatch(text, /5\.000\.000,00/);
	assert.ok(text.includes(WORDS), text);
	await pdf("OCOP Subsidy Claim", claim, "8-claim.pdf");
});

test("the transfer order prints on its own format, with the total in words", async () => {
	const { format, text } = await printView("OCOP Payment Batch", batch, "9-transfer-order-print");
	assert.equal(format, "Lệnh chuyển khoản OCOP");
	assert.match(text, /ĐỀ NGHỊ CHI HỖ TRỢ OCOP BẰNG CHUYỂN KHOẢN/);
	assert.match(text, /Tổng số tiền: 5\.000\.000 đ/);
	assert.doesNotMatch(text, /\d,00\b/);
	assert.ok(text.includes(WORDS), text);
	await pdf("OCOP Payment Batch", batch, "9-transfer-order.pdf");
});

test("the fund statement prints on its own format, in words too", async () => {
	const { format, text } = await printView("OCOP Fund", fund, "10-fund-statement-print");
	assert.equal(format, "Tình hình sử dụng kinh phí OCOP");
	assert.match(text, /1\.000\.000\.000/);
	assert.ok(text.includes("Kinh phí được giao bằng chữ: Một tỷ đồng chẵn."), text);
	assert.doesNotMatch(text, /\d,00\b/);
});

test("the finance workspace speaks đồng and stars", async () => {
	await page.goto(`${BASE}/app/${encodeURIComponent("ocop-tài-chính")}`);
	const card = page.locator(".widget.number-widget-box", { hasText: "Kinh phí còn lại" });
	await card.locator("text=/(triệu|tỷ) đồng/").first().waitFor({ timeout: 60000 });
	const chart = page.locator(".widget.dashboard-widget-box", { hasText: "Sản phẩm theo hạng sao" });
	await chart.locator("text=/\\d sao/").first().waitFor({ timeout: 60000 });
	await page.waitForTimeout(1000);
	await shot("12-finance-workspace");
	assert.match(squash(await card.textContent()), /\d[\d.,]* (triệu|tỷ) đồng/);
	assert.doesNotMatch(squash(await card.textContent()), /\d M\b|,00/);
});

test("the approver opens the recognition decision on its own format, in the administrative layout", async () => {
	assert.ok(FIXTURE.decision, "scripts/test passes the prepared decision");
	await login(APPROVER);
	const { format, text } = await printView("OCOP Recognition Decision", FIXTURE.decision, "13-decision-print", "QUYẾT ĐỊNH");
	assert.equal(format, "Quyết định công nhận sản phẩm OCOP");
	assert.ok(text.includes(HEADER), text);
	assert.match(text, /ỦY BAN NHÂN DÂN/);
	assert.match(text, /Số: \S+/);
	assert.match(text, /, ngày 01 tháng 7 năm 2024/);
	assert.match(text, /QUYẾT ĐỊNH Về việc công nhận sản phẩm đạt tiêu chuẩn OCOP năm 2024/);
	assert.match(text, /3 sao/);
	assert.match(text, /Nơi nhận/);
	await pdf("OCOP Recognition Decision", FIXTURE.decision, "13-decision.pdf");
});

test("a council member's score sheet prints on its own format, with its total", async () => {
	const { format, text } = await printView("OCOP Score Sheet", FIXTURE.score_sheet, "14-score-sheet-print", "PHIẾU CHẤM");
	assert.equal(format, "Phiếu chấm OCOP");
	assert.match(text, /PHIẾU CHẤM ĐIỂM ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP/);
	assert.ok(text.includes(`TỔNG ĐIỂM (A + B + C) 100 ${score(FIXTURE.total_score)}`), text);
});

test("the evaluation summary prints on its own format, with the average score", async () => {
	const { format, text } = await printView("OCOP Evaluation", FIXTURE.evaluation, "15-evaluation-summary-print", "TỔNG HỢP");
	assert.equal(format, "Tổng hợp kết quả đánh giá OCOP");
	assert.ok(text.includes(HEADER), text);
	const average = Number(FIXTURE.average_score).toFixed(2).replace(".", ",");
	assert.match(text, new RegExp(`Điểm trung bình\\s*${average} / 100 điểm`));
	assert.match(text, /★★★☆☆ 3 sao/);
});
