// The public certificate check page, as a guest in Debian's Chromium (headless): a script injected
// through the address or through a stored field shown on the page is displayed as text and never
// runs; unknown numbers and numbers without their check code answer a real 404.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";

const BASE = process.env.OCOP_BASE_URL;
const FIXTURE = JSON.parse(process.env.OCOP_FIXTURE || "{}");
const SHOTS = process.env.SHOTS || ".";
const INJECTED = FIXTURE.injected;

let browser, page;
const dialogs = [];

before(async () => {
	browser = await launch();
	page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
	page.on("dialog", (dialog) => {
		dialogs.push(dialog.message());
		dialog.dismiss();
	});
});
after(async () => browser && browser.close());

async function assertNothingRan() {
	await page.waitForLoadState("networkidle");
	assert.equal(await page.evaluate(() => window.__ocop_xss), undefined, "the injected onerror ran");
	assert.equal(await page.locator('img[src="x"]').count(), 0, "the injected <img> became an element");
	assert.deepEqual(dialogs, []);
}

test("the fixture gives an injected certificate", () => {
	assert.ok(INJECTED && INJECTED.includes("onerror"), "OCOP_FIXTURE.injected");
	assert.ok(FIXTURE.injected_check_path && FIXTURE.check_path);
});

test("a script in the address is shown as text, with a 404", async () => {
	const segment = encodeURIComponent(INJECTED);
	const res = await page.goto(`${BASE}/ocop/xac-minh/${segment}?ma=${segment}`);
	assert.equal(res.status(), 404);
	await page.waitForSelector("text=Không tìm thấy", { timeout: 30000 });
	// the page repeats the first 40 characters of what was asked for, as text
	assert.ok((await page.textContent(".ocop-check")).includes(INJECTED.slice(0, 40)), "shown as the text typed");
	await page.screenshot({ path: `${SHOTS}/7-public-check-injected-url.png` });
	await assertNothingRan();
});

test("a script stored in the certificate's fields is shown as text", async () => {
	const res = await page.goto(`${BASE}${FIXTURE.injected_check_path}`);
	assert.equal(res.status(), 200);
	await page.waitForSelector("text=THU HỒI", { timeout: 30000 });
	const text = await page.textContent(".ocop-check");
	assert.equal(text.split(INJECTED).length - 1, 4, "product, producer, decision and reason, as text");
	await page.screenshot({ path: `${SHOTS}/8-public-check-injected-stored.png` });
	await assertNothingRan();
});

test("a real number without its check code is not found", async () => {
	const number = decodeURIComponent(FIXTURE.check_path.split("?")[0].split("/").pop());
	const res = await page.goto(`${BASE}/ocop/xac-minh/${encodeURIComponent(number)}`);
	assert.equal(res.status(), 404);
	await page.waitForSelector("text=Không tìm thấy", { timeout: 30000 });
	const ok = await page.goto(`${BASE}${FIXTURE.check_path}`);
	assert.equal(ok.status(), 200);
	assert.match(await page.textContent(".ocop-check"), /còn hiệu lực/);
});
