// lib/browser.mjs - Debian's Chromium through playwright-core, and a tiny
// test runner that counts passes and failures.
//
// Never downloads a browser: executablePath is /usr/bin/chromium (override
// with T_CHROMIUM). Each launch gets a fresh --user-data-dir, removed at close.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(dirname(fileURLToPath(import.meta.url)));
export const shotsDir = join(here, 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export async function launch() {
	const profile = mkdtempSync(join(tmpdir(), 'loop-chromium-'));
	// launchPersistentContext is the one way to hand Chromium its own
	// --user-data-dir; playwright refuses it inside args.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.T_CHROMIUM || '/usr/bin/chromium',
		headless: true,
		viewport: DESKTOP,
		args: [
			'--no-sandbox', '--headless', '--disable-gpu',
			'--disable-quic', '--no-first-run',
			'--disable-background-networking',
			'--disable-component-update', '--disable-sync',
		],
		timeout: 30000,
	});
	context.setDefaultTimeout(15000);
	const close = async () => {
		try { await context.close(); } finally {
			rmSync(profile, { recursive: true, force: true });
		}
	};
	return { context, close };
}

export async function screenshot(page, name, size) {
	mkdirSync(shotsDir, { recursive: true });
	if (size)
		await page.setViewportSize(size);
	const path = join(shotsDir, name + '.png');
	await page.screenshot({ path, fullPage: true });
	return path;
}

// One named check at a time; a failed check is reported and counted, and
// later checks still run unless they depend on it (they then fail too).
export function runner(suite) {
	let passed = 0, failed = 0;
	return {
		async check(name, fn) {
			try {
				await fn();
				passed++;
				console.log(`ok   ${suite}: ${name}`);
				return true;
			} catch (e) {
				failed++;
				console.log(`FAIL ${suite}: ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
				return false;
			}
		},
		done() {
			console.log(`browser: ${passed} passed, ${failed} failed`);
			return failed === 0 ? 0 : 1;
		},
		counts() { return { passed, failed }; },
	};
}

export function assert(cond, msg) {
	if (!cond)
		throw new Error(msg);
}
