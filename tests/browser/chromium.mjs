// Debian's Chromium, headless, driven by playwright-core, as every browser test starts it.
import { chromium } from "playwright-core";

export const DESK = { viewport: { width: 1400, height: 900 }, locale: "vi-VN" };

export const launch = () =>
	chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
	});
