// people.mjs - the recruiter CRM in a real browser: Add Person (good, a
// non-E.164 phone, a duplicate), People search and paging, the person page
// (pin, pools), Add Multiple People (an upload with good, bad and duplicate
// rows; a file of the wrong type), the dashboard and notification settings.
//
// Reads T_URL, T_A_EMAIL, T_A_PASSWORD (tests/browser/run.sh gets them from
// tstack_up). Creates its own people, with a random tag so that reruns on
// one stack do not collide. Screenshots go to tests/browser/screenshots/.
// Prints `browser: N passed, N failed`; exits 1 when anything failed.
import { launch, screenshot, runner, assert, DESKTOP, PHONE } from './lib/browser.mjs';

const t = runner('people');
const base = (process.env.T_URL || '').replace(/\/+$/, '');
const email = process.env.T_A_EMAIL || '';
const password = process.env.T_A_PASSWORD || process.env.T_A_PASS || '';

if (!base || !email || !password) {
	await t.check('environment', () => {
		throw new Error('T_URL, T_A_EMAIL and T_A_PASSWORD must be set');
	});
	process.exit(t.done());
}

const tag = Math.random().toString(36).slice(2, 8);
const num = () => '+1415555' + String(Math.floor(1000 + Math.random() * 8999));
const zoe = { first: 'Zoë', last: "O'Brien", email: `zoe.${tag}@example.com`, phone: num() };

const { context, close } = await launch();
const page = await context.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push(String(e)));

const path = () => new URL(page.url()).pathname;
const submit = async (locator) => {
	await Promise.all([page.waitForEvent('load'), locator.click()]);
};
const clean = (where, allow4xx) => {
	const p = problems.splice(0).filter((m) => !(allow4xx && /status of 4\d\d/.test(m)));
	assert(p.length === 0, `${where}: browser console errors: ${p.join(' | ')}`);
};
const fits = async (where) => {
	const [sw, vw] = await page.evaluate(() =>
		[document.documentElement.scrollWidth, window.innerWidth]);
	assert(sw <= vw, `${where}: page is ${sw}px wide in a ${vw}px viewport`);
};
const addForm = async (p) => {
	await page.goto(base + '/people/new');
	await page.getByLabel('First name').fill(p.first);
	await page.getByLabel('Last name').fill(p.last);
	await page.getByLabel('Email').fill(p.email);
	await page.getByLabel('Mobile phone').fill(p.phone);
	if (p.type)
		await page.getByLabel('Record type').selectOption(p.type);
	await submit(page.getByRole('button', { name: 'Add person' }));
};

let personUrl = '';
try {
	const signedIn = await t.check('sign in', async () => {
		await page.goto(base + '/login');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password);
		await submit(page.getByRole('button', { name: 'Sign in' }));
		assert(path() === '/', `landed on ${path()}`);
		clean('dashboard');
	});

	await t.check('add person: a phone that is not E.164 is refused with the form to use', async () => {
		assert(signedIn, 'not signed in');
		await addForm({ ...zoe, phone: '(415) 555-0100' });
		const alert = await page.locator('[role="alert"]').innerText();
		assert(/E\.164/.test(alert) && /\+12025550146/.test(alert), `message: ${alert}`);
		assert(await page.getByLabel('First name').inputValue() === zoe.first, 'typed name lost');
		clean('add person error', true);
		await screenshot(page, 'person-add-error-desktop', DESKTOP);
	});

	await t.check('add person: saved, owned by me, and shown on its page', async () => {
		assert(signedIn, 'not signed in');
		await addForm(zoe);
		assert(/^\/people\/\d+$/.test(path()), `ended on ${path()}`);
		personUrl = page.url().replace(/\?.*$/, '');
		assert(await page.locator('h1').innerText() === `${zoe.first} ${zoe.last}`, 'wrong h1');
		const body = await page.locator('main').innerText();
		assert(body.includes(zoe.email) && body.includes(zoe.phone), 'contact details missing');
		assert(await page.locator('[role="status"]').first().innerText() !== '', 'no confirmation');
		clean('person page');
		await screenshot(page, 'person-desktop', DESKTOP);
		await fits('person page at 360px');
		await screenshot(page, 'person-phone', PHONE);
		await page.setViewportSize(DESKTOP);
	});

	await t.check('add person: a duplicate email is offered, not created', async () => {
		assert(personUrl, 'no person');
		await addForm({ first: 'Zoe', last: 'Again', email: zoe.email.toUpperCase(), phone: num() });
		assert(path() === '/people', `ended on ${path()}`);
		const dup = page.locator('.dup-panel a.person-link');
		assert(await dup.count() === 1, 'the existing person is not offered');
		assert((await dup.getAttribute('href')) === new URL(personUrl).pathname, 'offers someone else');
		clean('duplicate', true);
		await screenshot(page, 'person-add-duplicate-desktop', DESKTOP);
	});

	await t.check('people search: words in any order, accents and apostrophes', async () => {
		assert(personUrl, 'no person');
		for (const q of ["o'brien zoe", 'zoe obr', `"Zoë O'Brien"`, zoe.phone, `"${zoe.email}"`]) {
			await page.goto(base + '/people');
			await page.getByLabel('Search people').fill(q);
			await submit(page.getByRole('button', { name: 'Search' }));
			assert(new URL(page.url()).searchParams.get('q') === q, `query not kept in the URL: ${page.url()}`);
			const links = await page.locator('a.person-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			assert(links.includes(new URL(personUrl).pathname), `"${q}" did not find the person`);
		}
		clean('search');
		await screenshot(page, 'people-search-desktop', DESKTOP);
		await fits('people at 360px');
		await screenshot(page, 'people-search-phone', PHONE);
		await page.setViewportSize(DESKTOP);
	});

	await t.check('people search: no match and a bad phone say so', async () => {
		await page.goto(base + '/people?q=' + encodeURIComponent('zzqx' + tag));
		assert(/No one matches/.test(await page.locator('main').innerText()), 'no empty state');
		await page.goto(base + '/people?q=' + encodeURIComponent('+1 (415'));
		assert(/E\.164/.test(await page.locator('[role="alert"]').innerText()), 'no phone message');
		clean('search errors', true);
	});

	await t.check('people list: newest first, Next pages without repeats', async () => {
		await page.goto(base + '/people');
		const first = await page.locator('a.person-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert(first.length > 0, 'empty list');
		const next = page.getByRole('link', { name: 'Next' });
		if (await next.count() > 0) {
			await submit(next);
			const second = await page.locator('a.person-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			assert(second.every((h) => !first.includes(h)), 'page 2 repeats page 1');
		}
		clean('paging');
		await screenshot(page, 'people-desktop', DESKTOP);
	});

	await t.check('person page: pin, then it is on the dashboard', async () => {
		assert(personUrl, 'no person');
		await page.goto(personUrl);
		await submit(page.getByRole('button', { name: 'Pin to dashboard' }));
		assert(await page.getByRole('button', { name: /Unpin/ }).count() === 1, 'no Unpin after pinning');
		await page.goto(base + '/');
		const pins = await page.locator('.pin-item a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert(pins.includes(new URL(personUrl).pathname), 'pinned person not on the dashboard');
		clean('dashboard');
		await screenshot(page, 'dashboard-crm-desktop', DESKTOP);
		await fits('dashboard at 360px');
		await screenshot(page, 'dashboard-crm-phone', PHONE);
		await page.setViewportSize(DESKTOP);
	});

	await t.check('person page: a new pool with this person', async () => {
		assert(personUrl, 'no person');
		await page.goto(personUrl);
		await page.getByLabel('New pool with this person').fill('Pool ' + tag);
		await submit(page.getByRole('button', { name: 'Create' }));
		assert(path() === new URL(personUrl).pathname, `ended on ${path()}`);
		await submit(page.getByRole('link', { name: 'Pool ' + tag }));
		const members = await page.locator('a.person-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert(members.includes(new URL(personUrl).pathname), 'not in the pool');
		clean('pool');
		await screenshot(page, 'pool-desktop', DESKTOP);
	});

	await t.check('upload: good, bad and duplicate rows are counted with reasons', async () => {
		await page.goto(base + '/people/upload');
		const csv = 'FirstName,LastName,Email,MobilePhone\n' +
			`Ada,Lovelace,ada.${tag}@example.com,${num()}\n` +
			`Bad,Phone,bad.${tag}@example.com,(202) 555-0147\n` +
			`Zoë,Dup,${zoe.email},\n` +
			`,NoFirst,nofirst.${tag}@example.com,\n` +
			`Grace,Hopper,grace.${tag}@example.com,\n`;
		await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.getByLabel('Record type').selectOption('prospect');
		await submit(page.getByRole('button', { name: 'Upload and add' }));
		const stats = await page.locator('.stat-num').allInnerTexts();
		assert(JSON.stringify(stats) === '["2","1","2"]', `added/merged/rejected: ${stats}`);
		const rows = await page.locator('table').first().innerText();
		assert(/3\s+MobilePhone must be in E\.164/.test(rows) && /5\s+FirstName is required/.test(rows), `reasons: ${rows}`);
		clean('upload');
		await screenshot(page, 'upload-result-desktop', DESKTOP);
		await fits('upload at 360px');
		await screenshot(page, 'upload-result-phone', PHONE);
		await page.setViewportSize(DESKTOP);
	});

	await t.check('upload: a file of the wrong type adds nothing and says why', async () => {
		await page.goto(base + '/people/upload');
		await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles({ name: 'people.xlsx', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
		await submit(page.getByRole('button', { name: 'Upload and add' }));
		const alert = await page.locator('[role="alert"]').innerText();
		assert(/Nothing was added/.test(alert) && /PDF/.test(alert), `message: ${alert}`);
		clean('upload error', true);
		await screenshot(page, 'upload-error-desktop', DESKTOP);
	});

	await t.check('upload: a file over 6 MB gets a page that says so', async () => {
		await page.goto(base + '/people/upload');
		const big = Buffer.alloc(7 * 1024 * 1024, 'a');
		await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
		await submit(page.getByRole('button', { name: 'Upload and add' }));
		const main = await page.locator('main').innerText();
		assert(/too large/.test(main) && /5 MB/.test(main), `page: ${main}`);
		clean('upload too large', true);
		await screenshot(page, 'upload-too-large-desktop', DESKTOP);
		await fits('413 page at 360px');
		await screenshot(page, 'upload-too-large-phone', PHONE);
		await page.setViewportSize(DESKTOP);
	});

	await t.check('notification settings save', async () => {
		await page.goto(base + '/settings');
		const box = page.getByLabel('Candidate opts in for SMS: by email');
		await box.check();
		await submit(page.getByRole('button', { name: 'Save' }));
		assert(await page.getByLabel('Candidate opts in for SMS: by email').isChecked(), 'not kept');
		clean('settings');
		await screenshot(page, 'settings-desktop', DESKTOP);
	});
} finally {
	await close();
}
process.exit(t.done());
