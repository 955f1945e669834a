// login.mjs - a recruiter signs in with a real browser.
//
// Reads T_URL, T_A_EMAIL, T_A_PASSWORD (and T_A_NAME when the stack knows
// the recruiter's display name) from the environment: tests/browser/run.sh
// gets them from tstack_up. Screenshots go to tests/browser/screenshots/.
// Prints `browser: N passed, N failed`; exits 1 when anything failed.
import { launch, screenshot, runner, assert, DESKTOP, PHONE } from './lib/browser.mjs';

const NAV = [
	['Dashboard', '/'], ['People', '/people'], ['Chats', '/chats'],
	['Templates', '/templates'], ['Jobs', '/jobs'],
];

const t = runner('login');
const base = (process.env.T_URL || '').replace(/\/+$/, '');
const email = process.env.T_A_EMAIL || '';
const password = process.env.T_A_PASSWORD || '';
const wantName = process.env.T_A_NAME || '';

if (!base || !email || !password) {
	await t.check('environment', () => {
		throw new Error('T_URL, T_A_EMAIL and T_A_PASSWORD must be set');
	});
	process.exit(t.done());
}

const { context, close } = await launch();
const page = await context.newPage();
const problems = [];	// console errors, CSP reports, uncaught exceptions
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push(String(e)));

const path = () => new URL(page.url()).pathname;
// Clicks a form's button and waits for the document it leads to (after any
// redirects) to load.
const submit = async (button) => {
	await Promise.all([
		page.waitForEvent('load'),
		page.getByRole('button', { name: button }).click(),
	]);
};
const noProblems = (where) => {
	const p = problems.splice(0);
	assert(p.length === 0, `${where}: browser console errors: ${p.join(' | ')}`);
};
// The page fits its viewport: nothing forces sideways scrolling.
const fits = async (where) => {
	const [sw, vw] = await page.evaluate(() =>
		[document.documentElement.scrollWidth, window.innerWidth]);
	assert(sw <= vw, `${where}: page is ${sw}px wide in a ${vw}px viewport`);
};

try {
	await t.check('login page has the form', async () => {
		const r = await page.goto(base + '/login');
		assert(r && r.status() === 200, `GET /login gave ${r && r.status()}`);
		assert(await page.title() !== '', 'no <title>');
		const form = page.locator('form[action="/login"][method="post"]');
		assert(await form.count() === 1, 'no POST /login form');
		const csrf = await form.locator('input[type="hidden"][name="csrf"]').getAttribute('value');
		assert(csrf && csrf.length >= 16, `csrf input missing or short: ${csrf}`);
		assert(await page.getByLabel('Email').count() === 1, 'no labelled email field');
		assert(await page.getByLabel('Password').count() === 1, 'no labelled password field');
		assert(await page.locator('input[name="password"][autocomplete="current-password"]').count() === 1,
			'password field lacks autocomplete="current-password"');
		assert(await page.locator('nav').count() === 0, 'signed-out page shows the nav');
		noProblems('/login');
		await screenshot(page, 'login-desktop', DESKTOP);
		await screenshot(page, 'login-phone', PHONE);
		await fits('/login at 360px');
		await page.setViewportSize(DESKTOP);
	});

	await t.check('a wrong password is refused', async () => {
		await page.goto(base + '/login');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password + '-wrong');
		await submit('Sign in');
		assert(path() === '/login', `ended on ${path()}, not /login`);
		assert(await page.locator('[role="alert"]').count() >= 1, 'no error message shown');
		assert(await page.locator('nav').count() === 0, 'nav shown after a failed login');
		problems.splice(0);	// the 4xx answer itself is logged as a console error
		await screenshot(page, 'login-error-desktop', DESKTOP);
	});

	const signedIn = await t.check('the right password signs in', async () => {
		await page.goto(base + '/login');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password);
		await submit('Sign in');
		assert(path() === '/', `landed on ${path()}, not the dashboard (/)`);
		noProblems('dashboard');
	});

	await t.check('the dashboard shows the recruiter and the nav', async () => {
		assert(signedIn, 'not signed in');
		const name = (await page.locator('.account-name').innerText()).trim();
		assert(name !== '', 'no recruiter name in the header');
		if (wantName)
			assert(name === wantName, `header shows "${name}", want "${wantName}"`);
		const first = name.split(/\s+/)[0];
		const h = await page.getByRole('heading', { name: new RegExp(`Welcome back, ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).count();
		assert(h === 1, `no welcome heading for ${first}`);
		const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
		const got = [];
		for (let i = 0; i < await links.count(); i++)
			got.push([(await links.nth(i).innerText()).trim(), await links.nth(i).getAttribute('href')]);
		assert(JSON.stringify(got) === JSON.stringify(NAV), `nav is ${JSON.stringify(got)}`);
		const current = await page.locator('nav a[aria-current="page"]').innerText();
		assert(current.trim() === 'Dashboard', `active nav item is ${current}`);
		const csrf = await page.locator('form[action="/logout"] input[name="csrf"]').getAttribute('value');
		assert(csrf && csrf.length >= 16, 'logout form has no csrf token');
		await screenshot(page, 'dashboard-desktop', DESKTOP);
	});

	await t.check('the dashboard works at phone width', async () => {
		assert(signedIn, 'not signed in');
		await page.setViewportSize(PHONE);
		await fits('dashboard at 360px');
		const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
		for (let i = 0; i < await links.count(); i++)
			assert(await links.nth(i).isVisible(), `nav link ${i} hidden on a phone`);
		assert(await page.getByRole('button', { name: 'Sign out' }).isVisible(), 'no Sign out on a phone');
		await screenshot(page, 'dashboard-phone', PHONE);
		await page.setViewportSize(DESKTOP);
	});

	await t.check('sign out ends the session', async () => {
		assert(signedIn, 'not signed in');
		await submit('Sign out');
		await page.goto(base + '/');
		assert(await page.locator('nav').count() === 0, 'still shows the nav after sign out');
		assert(await page.locator('input[name="password"]').count() === 1,
			`after sign out / shows no login form (at ${path()})`);
	});
} finally {
	await close();
}
process.exit(t.done());
