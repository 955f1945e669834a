// consent.mjs - the SMS consent flow in Chromium at phone size (360x740):
// the recruiter sends the opt-in form, the candidate opens the link from
// the fake SMS provider, corrects the number, enters the code, and the
// recruiter sees the green check while the fake Harvest gets "yes"; STOP,
// a refused chat with its reason and Harvest "no"; START; HELP; five wrong
// codes; an expired link; a forged signature; a text delivered twice; a
// person deleted in Greenhouse after STOP and created again stays untexted.
//
// Needs the environment of tests/browser/run.sh (tstack_up: T_URL, T_VAR,
// T_A_*, T_A_SECRET, LOOP_*). Starts the fakes itself (tests/lib/fakes.sh)
// and restarts the stack's programs so that they use them. Screenshots go
// to tests/browser/screenshots/optin-*.png and chat-*.png.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, screenshot, runner, assert, here, DESKTOP, PHONE } from './lib/browser.mjs';

const t = runner('consent');
const root = join(here, '..', '..');
const base = (process.env.T_URL || '').replace(/\/+$/, '');
const env = process.env;

if (!base || !env.T_A_EMAIL || !env.LOOP_DB || !env.T_VAR) {
	await t.check('environment', () => {
		throw new Error('run through tests/browser/run.sh (T_URL, T_VAR, LOOP_DB ...)');
	});
	process.exit(t.done());
}

const sh = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, encoding: 'utf8' });
const psql = (sql) => sh('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1',
	`${env.LOOP_DB} user=postgres`, '-c', sql]).trim();
const loopctl = (...a) => sh(join(env.LOOP_BIN, 'loopctl'), a);
const cron = () => sh(join(env.LOOP_BIN, 'loop-cron'), []);
const json = async (url, opts) => (await fetch(url, opts)).json();

// ---------------------------------------------------------------- setup

function fakesUp() {
	const out = sh('bash', ['-c', '. tests/lib/fakes.sh && fakes_up >&2 && env']);
	for (const line of out.split('\n')) {
		const m = line.match(/^((?:FAKE_\w+|FAKES_DIR|LOOP_SMS_API_URL|LOOP_SMTP_URL|LOOP_HARVEST_URL|LOOP_HARVEST_AUTH_URL))=(.*)$/);
		if (m)
			env[m[1]] = m[2];
	}
	env.FAKES_OWN_DIR = '1';
	sh(join(root, 'scripts', 'stack.sh'), ['start']);	// restarts what changed
}
function fakesDown() {
	try { sh('bash', ['-c', '. tests/lib/fakes.sh && fakes_down']); } catch { /* best effort */ }
}

const TOKEN = 'browser-sms-token';
const SID = 'AC' + '0123456789abcdef'.repeat(2);
function tenantSetup() {
	for (const [k, v] of [['sms_auth_token', TOKEN], ['sms_account_sid', SID],
	    ['sms_from', '+15005550006'], ['brand_name', 'Northwind Talent'],
	    ['brand_color', '#0f766e'], ['support_contact', 'talent@northwind.test'],
	    ['harvest_api_key', 'fake-harvest-key'], ['harvest_user_id', '4080']])
		loopctl('tenant', 'set', 'ta', k, v);
}

let nperson = 0;
function person(first, phone, gh) {
	const ta = psql(`SELECT id FROM tenants WHERE slug = 'ta'`);
	const id = psql(`INSERT INTO people (tenant_id, first_name, last_name, greenhouse_id)
	    VALUES (${ta}, '${first}', 'Rivera', ${gh || 'NULL'}) RETURNING id`);
	psql(`INSERT INTO person_phones (tenant_id, person_id, seq, raw, e164, type)
	    VALUES (${ta}, ${id}, 0, '${phone}', '${phone}', 'mobile')`);
	psql(`INSERT INTO person_emails (tenant_id, person_id, email)
	    VALUES (${ta}, ${id}, '${first.toLowerCase()}${++nperson}@example.test')`);
	return id;
}
const state = (id) => psql(`SELECT sms_consent FROM people WHERE id = ${id}`);

// The provider's signature (../shared/reference/sms.md §1).
function twilioSign(url, params, token) {
	const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
	return createHmac('sha1', token).update(data).digest('base64');
}
let nsid = 0;
async function inbound(from, body, { sid, token = TOKEN } = {}) {
	const params = { MessageSid: sid || `SMbrowser${Date.now()}${++nsid}`, AccountSid: SID,
		From: from, To: '+15005550006', Body: body, NumMedia: '0' };
	const url = `${env.LOOP_PUBLIC_URL}/hooks/sms/ta`;
	const r = await fetch(`${base}/hooks/sms/ta`, { method: 'POST',
		body: new URLSearchParams(params),
		headers: { 'X-Twilio-Signature': twilioSign(url, params, token) } });
	return r.status;
}
const texts = async (to) => (await json(`${env.FAKE_SMS_URL}/_fake/messages`))
	.filter((m) => m.to === to);
const lastText = async (to) => { const a = await texts(to); return a.length ? a[a.length - 1].body : ''; };
const harvestPatches = async (gh) => (await json(`${env.FAKE_HARVEST_URL}/_fake/requests`))
	.filter((r) => r.method === 'PATCH' && String(r.path).includes(`/candidates/${gh}`))
	.map((r) => r.body);

// ---------------------------------------------------------------- pages

const { context, close } = await launch();
const page = await context.newPage();		// the recruiter
const cand = await context.newPage();		// the candidate, same device size
const problems = [];
for (const p of [page, cand]) {
	p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
	p.on('pageerror', (e) => problems.push(String(e)));
}
await page.setViewportSize(PHONE);
await cand.setViewportSize(PHONE);
const quiet = (where, allow = /status of 4\d\d/) => {
	const p = problems.splice(0).filter((x) => !allow.test(x));
	assert(p.length === 0, `${where}: console errors: ${p.join(' | ')}`);
};
const fits = async (p, where) => {
	const [sw, vw] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	assert(sw <= vw, `${where}: ${sw}px wide in a ${vw}px viewport`);
};
const clickLoad = async (p, locator) => {
	await Promise.all([p.waitForEvent('load'), locator.click()]);
};
const badge = (p) => p.locator('.consent-badge').first();

async function sendForm(id) {
	await page.goto(`${base}/people/${id}/chat`);
	await page.getByText('Messaging', { exact: true }).click();
	await page.getByText('Send Form', { exact: true }).click();
	await clickLoad(page, page.getByRole('button', { name: 'SMS Opt In' }));
}
async function linkFor(phone) {
	const m = (await lastText(phone)).match(/https?:\/\/\S+\/c\/optin\/[A-Za-z0-9_-]+/);
	assert(m, `no opt-in link texted to ${phone}: ${await lastText(phone)}`);
	return base + new URL(m[0]).pathname;
}

const P1 = '+14155550190', P1NEW = '+14155550191', GH1 = 880001;
let id1, link1;

try {
	fakesUp();
	tenantSetup();
	id1 = person('Maya', P1, GH1);

	await t.check('the recruiter signs in at phone size', async () => {
		await page.goto(base + '/login');
		await page.getByLabel('Email').fill(env.T_A_EMAIL);
		await page.getByLabel('Password').fill(env.T_A_PASSWORD);
		await clickLoad(page, page.getByRole('button', { name: 'Sign in' }));
		assert(new URL(page.url()).pathname === '/', `landed on ${page.url()}`);
	});

	await t.check('Messaging > Send Form > SMS Opt In texts and emails the link', async () => {
		await page.goto(`${base}/people/${id1}/chat`);
		await page.getByText('Messaging', { exact: true }).click();
		await page.getByText('Send Form', { exact: true }).click();
		await screenshot(page, 'chat-menu-phone', PHONE);
		await clickLoad(page, page.getByRole('button', { name: 'SMS Opt In' }));
		const flash = await page.locator('.flash').innerText();
		assert(/by text and email/.test(flash), `flash: ${flash}`);
		assert(/requested/i.test(await badge(page).innerText()), 'badge is not "requested"');
		await fits(page, 'chat page');
		quiet('send form');
		await screenshot(page, 'chat-sent-phone', PHONE);
		link1 = await linkFor(P1);
	});

	await t.check('the branded opt-in page shows the wording and the number', async () => {
		const r = await cand.goto(link1);
		assert(r.status() === 200, `GET link gave ${r.status()}`);
		assert(await cand.locator('.pub-name').innerText() === 'Northwind Talent', 'no brand name');
		const text = await cand.locator('main').innerText();
		for (const w of ['Msg & data rates may apply', 'STOP', 'HELP', 'Message frequency varies',
		    'Wording version'])
			assert(text.includes(w), `the page does not say "${w}"`);
		const ink = await cand.evaluate(() => getComputedStyle(document.querySelector('.pub-header')).borderTopColor);
		assert(ink === 'rgb(15, 118, 110)', `brand colour not applied (CSP nonce?): ${ink}`);
		assert(await cand.getByLabel('Your mobile number').inputValue() === P1, 'number not filled in');
		await fits(cand, 'opt-in page');
		quiet('opt-in page');
		await screenshot(cand, 'optin-phone', PHONE);
	});

	await t.check('the candidate corrects the number and gets a code', async () => {
		await cand.getByLabel('Your mobile number').fill('(415) 555-0191');
		await cand.getByRole('checkbox').check();
		await clickLoad(cand, cand.getByRole('button', { name: 'Text me a code' }));
		assert(new URL(cand.url()).pathname.endsWith('/code'), `at ${cand.url()}`);
		assert((await cand.locator('main').innerText()).includes(P1NEW), 'code page lacks the number');
		await fits(cand, 'code page');
		quiet('code page');
		await screenshot(cand, 'optin-code-phone', PHONE);
	});

	await t.check('the code from the fake grants consent', async () => {
		const code = (await lastText(P1NEW)).match(/\b\d{6}\b/);
		assert(code, `no code texted: ${await lastText(P1NEW)}`);
		await cand.getByLabel('Code').fill(code[0]);
		await clickLoad(cand, cand.getByRole('button', { name: 'Confirm' }));
		assert(new URL(cand.url()).pathname.endsWith('/done'), `at ${cand.url()}`);
		assert(/subscribed/i.test(await cand.locator('main').innerText()), 'no confirmation');
		quiet('done page');
		await screenshot(cand, 'optin-done-phone', PHONE);
		assert(state(id1) === 'granted', `state ${state(id1)}`);
		assert(/subscribed/.test(await lastText(P1NEW)), 'no confirmation text');
	});

	await t.check('the recruiter sees the green check', async () => {
		await page.goto(`${base}/people/${id1}/chat`);
		const b = badge(page);
		assert(await b.getAttribute('data-consent') === 'granted', 'badge is not granted');
		assert((await b.innerText()).includes('\u2713'), 'no check mark');
		const bg = await b.evaluate((e) => getComputedStyle(e).color);
		assert(bg === 'rgb(23, 102, 63)', `the check is not green: ${bg}`);
		await screenshot(page, 'chat-granted-phone', PHONE);
		// The person page (People issue) includes the same block.
		const r = await page.goto(`${base}/people/${id1}`);
		if (r.status() === 200) {
			assert(await badge(page).getAttribute('data-consent') === 'granted',
				'the person page does not show granted');
			await fits(page, 'person page');
			await screenshot(page, 'person-granted-phone', PHONE);
		}
	});

	await t.check('the fake Harvest received yes', async () => {
		cron();
		const p = await harvestPatches(GH1);
		assert(p.some((b) => /sms_consent_given/.test(b) && /"Yes"/.test(b)), `patches: ${p}`);
	});

	await t.check('STOP revokes; a chat is refused with its reason', async () => {
		assert(await inbound(P1NEW, 'STOP') === 200, 'inbound STOP not 200');
		assert(state(id1) === 'revoked', `state ${state(id1)}`);
		assert(/unsubscribed/.test(await lastText(P1NEW)), 'no opt-out confirmation');
		await page.goto(`${base}/people/${id1}/chat`);
		await page.getByLabel('Message', { exact: true }).fill('Hi Maya, are you free at 3?');
		await clickLoad(page, page.getByRole('button', { name: 'Send' }));
		const flash = await page.locator('.flash-error').innerText();
		assert(/opted out/i.test(flash) && /START/.test(flash), `refusal: ${flash}`);
		assert(await page.getByLabel('Message', { exact: true }).inputValue() === 'Hi Maya, are you free at 3?',
			'the draft was lost');
		assert(await badge(page).getAttribute('data-consent') === 'revoked', 'badge not revoked');
		quiet('refused chat', /status of 409/);
		await screenshot(page, 'chat-refused-phone', PHONE);
	});

	await t.check('the fake Harvest received no', async () => {
		cron();
		const p = await harvestPatches(GH1);
		assert(p.some((b) => /"No"/.test(b)), `patches: ${p}`);
	});

	await t.check('START grants again; HELP gets the help text', async () => {
		assert(await inbound(P1NEW, 'start') === 200, 'START not 200');
		assert(state(id1) === 'granted', `state ${state(id1)}`);
		assert(await inbound(P1NEW, 'HELP') === 200, 'HELP not 200');
		const h = await lastText(P1NEW);
		assert(/Northwind Talent/.test(h) && /talent@northwind.test/.test(h) && /STOP/.test(h),
			`help text: ${h}`);
	});

	await t.check('a forged signature is 401 and changes nothing', async () => {
		assert(await inbound(P1NEW, 'STOP', { token: 'not-the-token' }) === 401, 'not 401');
		assert(state(id1) === 'granted', `state ${state(id1)}`);
	});

	await t.check('the same inbound text twice is stored once', async () => {
		const sid = `SMtwice${Date.now()}`;
		assert(await inbound(P1NEW, 'See you Tuesday', { sid }) === 200, 'first not 200');
		assert(await inbound(P1NEW, 'See you Tuesday', { sid }) === 200, 'second not 200');
		const n = psql(`SELECT count(*) FROM messages WHERE provider_sid = '${sid}'`);
		assert(n === '1', `stored ${n} times`);
	});

	await t.check('Messaging > SMS Consent puts the link in the chat box', async () => {
		const P4 = '+14155550195';
		const id4 = person('Lena', P4);
		await page.goto(`${base}/people/${id4}/chat`);
		await page.getByText('Messaging', { exact: true }).click();
		await clickLoad(page, page.getByRole('button', { name: 'SMS Consent' }));
		const draft = await page.getByLabel('Message', { exact: true }).inputValue();
		assert(/\/c\/optin\/[A-Za-z0-9_-]{32}/.test(draft), `chat box: ${draft}`);
		await screenshot(page, 'chat-consent-link-phone', PHONE);
		await clickLoad(page, page.getByRole('button', { name: 'Send' }));
		assert(/queued/.test(await page.locator('.flash').innerText()), 'not sent');
		assert((await lastText(P4)).includes('/c/optin/'), 'the link did not go out');
		assert(state(id4) === 'requested', `state ${state(id4)}`);
		await page.setViewportSize(DESKTOP);
		await screenshot(page, 'chat-desktop', DESKTOP);
		await page.setViewportSize(PHONE);
	});

	await t.check('Chats lists each conversation once, newest first, with its status', async () => {
		await page.setViewportSize(DESKTOP);
		await page.goto(`${base}/chats`);
		const rows = page.locator('table tbody tr');
		assert(await rows.count() >= 2, `rows: ${await rows.count()}`);
		const first = await rows.first().innerText();
		assert(/Lena/.test(first) && /\/c\/optin\//.test(first), `newest: ${first}`);
		const names = await page.locator('table tbody tr td:first-child a').allInnerTexts();
		assert(new Set(names).size === names.length, `twice: ${names}`);
		await screenshot(page, 'chats-desktop', DESKTOP);
		await page.setViewportSize(PHONE);
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		assert(wide <= PHONE.width + 1, `page scrolls sideways: ${wide}`);
		const [tw, cw] = await page.locator('.table-wrap').evaluate((e) => [e.scrollWidth, e.clientWidth]);
		assert(tw <= cw, `the table scrolls sideways: ${tw} > ${cw}`);
		await screenshot(page, 'chats-phone', PHONE);
	});

	await t.check('five wrong codes lock the code', async () => {
		const P2 = '+14155550192';
		const id2 = person('Noah', P2);
		await sendForm(id2);
		await cand.goto(await linkFor(P2));
		await cand.getByRole('checkbox').check();
		await clickLoad(cand, cand.getByRole('button', { name: 'Text me a code' }));
		const code = (await lastText(P2)).match(/\b\d{6}\b/)[0];
		const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
		for (let i = 1; i <= 5; i++) {
			await cand.getByLabel('Code').fill(wrong);
			await clickLoad(cand, cand.getByRole('button', { name: 'Confirm' }));
			const alert = await cand.locator('[role="alert"]').innerText();
			if (i < 5)
				assert(alert.includes(`${5 - i} tr`), `try ${i}: ${alert}`);
			else
				assert(/last try/.test(alert), `fifth: ${alert}`);
		}
		assert(await cand.getByLabel('Code').count() === 0, 'the code form is still there');
		assert(state(id2) === 'requested', `state ${state(id2)}`);
		quiet('wrong codes', /status of 422/);
		await fits(cand, 'locked page');
		await screenshot(cand, 'optin-locked-phone', PHONE);
	});

	await t.check('an expired link gets a friendly page', async () => {
		const P3 = '+14155550193';
		const id3 = person('Omar', P3);
		await sendForm(id3);
		const link = await linkFor(P3);
		psql(`UPDATE optin_tokens SET expires_at = now() - interval '1 minute' WHERE person_id = ${id3}`);
		const r = await cand.goto(link);
		assert(r.status() === 410, `status ${r.status()}`);
		assert(/expired/.test(await cand.locator('main').innerText()), 'does not say expired');
		assert(await cand.locator('.pub-name').innerText() === 'Northwind Talent', 'not branded');
		quiet('expired', /status of 410/);
		await screenshot(cand, 'optin-expired-phone', PHONE);
		const u = await cand.goto(base + '/c/optin/' + 'x'.repeat(32));
		assert(u.status() === 404, `unknown link gave ${u.status()}`);
		quiet('unknown', /status of 404/);
		await screenshot(cand, 'optin-unknown-phone', PHONE);
	});

	await t.check('deleted in Greenhouse after STOP and created again: not texted', async () => {
		const fx = join(root, 'tests', 'fixtures', 'greenhouse', 'webhooks');
		const post = async (doc) => {
			const body = JSON.stringify(doc);
			const sig = createHmac('sha256', env.T_A_SECRET).update(body).digest('hex');
			const r = await fetch(`${base}/hooks/greenhouse/ta`, { method: 'POST', body,
				headers: { 'Content-Type': 'application/json', Signature: `sha256 ${sig}` } });
			return r.status;
		};
		const created = (cid, aid) => {
			const d = JSON.parse(readFileSync(join(fx, 'new_candidate_application.json'), 'utf8'));
			d.payload.application.id = aid;
			d.payload.application.candidate.id = cid;
			d.payload.application.candidate.phone_numbers = [{ value: '415-555-0194', type: 'mobile' }];
			return d;
		};
		assert(await post(created(990001, 991001)) === 200, 'create webhook failed');
		const pid = psql(`SELECT id FROM people WHERE greenhouse_id = 990001`);
		assert(pid !== '', 'no person from the webhook');
		assert(await inbound('+14155550194', 'STOP') === 200, 'STOP failed');
		const del = JSON.parse(readFileSync(join(fx, 'delete_candidate.json'), 'utf8'));
		del.payload.person.id = 990001;
		del.payload.person.deleted_application_ids = [991001];
		assert(await post(del) === 200, 'delete webhook failed');
		assert(await post(created(990002, 991002)) === 200, 'second create failed');
		const again = psql(`SELECT id FROM people WHERE greenhouse_id = 990002`);
		assert(again !== '' && again !== pid, 'not created again');
		const r = await fetch(`${base}/api/v1/login`, { method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: env.T_A_EMAIL, password: env.T_A_PASSWORD }) });
		const tok = (await r.json()).token;
		const c = await fetch(`${base}/api/v1/people/${again}/messages`, { method: 'POST',
			headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ body: 'Hello again' }) });
		const j = await c.json();
		assert(c.status === 409 && j.code === 'opted_out', `chat gave ${c.status} ${JSON.stringify(j)}`);
	});
} finally {
	await close();
	fakesDown();
}
process.exit(t.done());
