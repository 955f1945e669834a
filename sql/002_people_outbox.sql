-- 002_people_outbox.sql - people (candidates and prospects) with their
-- emails and phones, and the outbox for work that talks to the outside.
--
-- Later migrations add Greenhouse's applications and jobs (003), search,
-- pins and pools (004) and the consent ledger (005).

-- unaccent() is only STABLE (it reads a dictionary); this wrapper names the
-- dictionary so it can be IMMUTABLE and used in indexes.
CREATE FUNCTION f_unaccent(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE people (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	kind		text NOT NULL DEFAULT 'candidate'
			CHECK (kind IN ('candidate', 'prospect')),
	greenhouse_id	bigint,
	first_name	text NOT NULL DEFAULT '' CHECK (length(first_name) <= 200),
	last_name	text NOT NULL DEFAULT '' CHECK (length(last_name) <= 200),
	company		text,
	title		text,
	owner_id	bigint REFERENCES users (id) ON DELETE SET NULL,
	addresses	jsonb NOT NULL DEFAULT '[]',
	tags		jsonb NOT NULL DEFAULT '[]',
	custom_fields	jsonb NOT NULL DEFAULT '{}',
	gh_created_at	timestamptz,
	gh_updated_at	timestamptz,	-- newest Greenhouse change applied
	sms_consent	text NOT NULL DEFAULT 'none'
			CHECK (sms_consent IN ('none', 'requested', 'granted', 'revoked')),
	source		text NOT NULL DEFAULT 'crm'
			CHECK (source IN ('crm', 'greenhouse', 'import', 'api', 'demo')),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, greenhouse_id)
);
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON people
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE person_emails (
	tenant_id	bigint NOT NULL,
	person_id	bigint NOT NULL,
	email		text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
	type		text,		-- personal, work, other
	is_primary	boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, person_id, email),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
);
CREATE INDEX person_emails_email ON person_emails (tenant_id, email);
ALTER TABLE person_emails ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_emails
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE person_phones (
	tenant_id	bigint NOT NULL,
	person_id	bigint NOT NULL,
	seq		int NOT NULL,
	raw		text NOT NULL CHECK (length(raw) <= 64),
	e164		text CHECK (e164 ~ '^\+[1-9][0-9]{7,14}$'),
	type		text,		-- mobile, home, work, skype, other
	PRIMARY KEY (tenant_id, person_id, seq),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
);
CREATE INDEX person_phones_e164 ON person_phones (tenant_id, e164)
	WHERE e164 IS NOT NULL;
ALTER TABLE person_phones ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_phones
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Work for the outside world, queued in the transaction that causes it.
CREATE TABLE outbox (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	kind		text NOT NULL CHECK (kind ~ '^[a-z_.]{1,40}$'),
	dedupe_key	text,		-- unique per tenant when set
	payload		jsonb NOT NULL,
	status		text NOT NULL DEFAULT 'pending'
			CHECK (status IN ('pending', 'sending', 'done', 'failed')),
	attempts	int NOT NULL DEFAULT 0,
	next_at		timestamptz NOT NULL DEFAULT now(),
	locked_until	timestamptz,
	last_error	text,
	result		jsonb,
	created_at	timestamptz NOT NULL DEFAULT now(),
	done_at		timestamptz,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX outbox_due ON outbox (tenant_id, next_at)
	WHERE status IN ('pending', 'sending');
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Tenants with outbox work due: loop-cron then works tenant by tenant.
CREATE FUNCTION outbox_due_tenants() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT DISTINCT tenant_id FROM outbox
	WHERE status IN ('pending', 'sending') AND next_at <= now()
$$;
-- Every tenant, for per-tenant cron jobs (sync, reminders).
CREATE FUNCTION cron_tenants() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT id FROM tenants ORDER BY id $$;
REVOKE ALL ON FUNCTION outbox_due_tenants(), cron_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION outbox_due_tenants(), cron_tenants() TO loop_cron;
GRANT EXECUTE ON FUNCTION f_unaccent(text)
	TO loop_crm, loop_public, loop_hooks, loop_cron;

GRANT SELECT, INSERT, UPDATE, DELETE ON people, person_emails, person_phones
	TO loop_crm, loop_hooks, loop_cron;
GRANT SELECT, UPDATE ON people, person_phones TO loop_public;
GRANT SELECT ON person_emails TO loop_public;
GRANT USAGE ON SEQUENCE people_id_seq TO loop_crm, loop_hooks, loop_cron;
GRANT SELECT, INSERT ON outbox TO loop_crm, loop_public, loop_hooks;
GRANT SELECT, INSERT, UPDATE ON outbox TO loop_cron;
GRANT USAGE ON SEQUENCE outbox_id_seq TO loop_crm, loop_public, loop_hooks, loop_cron;
