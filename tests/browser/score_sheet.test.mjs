// A council member opens their score sheet after the evaluation was concluded while the sheet was
// still a draft (ocop_app.tests.browser_fixtures.make_closed_draft_sheet): the form says so in red,
// offers no Save or Submit, its options cannot be chosen, and the server refuses a submit sent
// past the form. Screenshot to $SHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DESK, launch } from "./chromium.mjs";

const BASE = process.env.OCOP_BASE_URL;
const PASSWORD = process.env.OCOP_PASSWORD;
const SHOTS = process.env.SHOTS || ".";
const FIXTURE = JSON.parse(process.env.OCOP_FIXTURE || "{}");

let browser, page;

before(async () => {
	browser = await launch();
	page = await browser.newPage(DESK);
});
after(async () => browser && browser.close());

test("a draft sheet of a concluded evaluation can no longer be saved or submitted", async () => {
	assert.ok(FIXTURE.closed_sheet && FIXTURE.council_member, "scripts/test passes the member and the closed sheet");
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", FIXTURE.council_member);
	await page.fill("#login_password", PASSWORD);
	await page.click(".btn-login");
	await page.waitForURL("**/app**", { timeout: 60000 });

	await page.goto(`${BASE}/app/ocop-score-sheet/${encodeURIComponent(FIXTURE.closed_sheet)}`);
	await page.waitForFunction((name) => window.cur_frm && cur_frm.doc.name === name, FIXTURE.closed_sheet, { timeout: 60000 });
	const intro = page.locator(".form-message.red", { hasText: "Đánh giá đã kết thúc khi phiếu này còn nháp" });
	await intro.waitFor({ timeout: 30000 });
	await page.locator(".ocop-criterion").first().waitFor({ timeout: 30000 });
	await page.screenshot({ path: `${SHOTS}/20-score-sheet-closed-draft.png`, fullPage: true });

	const form = await page.evaluate(() => ({
		docstatus: cur_frm.doc.docstatus,
		primaryVisible: cur_frm.page.btn_primary.is(":visible"),
		saveDisabled: !!cur_frm.save_disabled,
		options: document.querySelectorAll(".ocop-criterion input[type=radio]").length,
		enabled: document.querySelectorAll(".ocop-criterion input[type=radio]:not([disabled])").length,
	}));
	assert.equal(form.docstatus, 0);
	assert.equal(form.primaryVisible, false, "no Save/Submit button");
	assert.equal(form.saveDisabled, true);
	assert.ok(form.options > 0, "the criteria are shown");
	assert.equal(form.enabled, 0, "no option can be chosen");

	// past the form (Ctrl+S is off with the button; a REST call is not): the server refuses by name
	const refused = await page.evaluate(async () => {
		const r = await fetch("/api/method/frappe.client.submit", {
			method: "POST",
			headers: { "Content-Type": "application/json", Accept: "application/json", "X-Frappe-CSRF-Token": frappe.csrf_token },
			body: JSON.stringify({ doc: cur_frm.doc }),
		});
		return { status: r.status, exc_type: (await r.json()).exc_type };
	});
	assert.deepEqual(refused, { status: 417, exc_type: "EvaluationClosedError" });
	const after = await page.evaluate(
		(name) => frappe.xcall("frappe.client.get_value", { doctype: "OCOP Score Sheet", filters: { name }, fieldname: "docstatus" }),
		FIXTURE.closed_sheet,
	);
	assert.equal(after.docstatus, 0, "still a draft");
});
