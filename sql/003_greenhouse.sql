-- 003_greenhouse.sql - what Greenhouse tells Loop: jobs, job posts,
-- applications, stage changes, the webhook event log; plus Harvest sync
-- state, the cached Harvest OAuth token, tombstones for deleted records and
-- one-way phone hashes that keep a deleted person's SMS opt-out.
--
-- Greenhouse objects are keyed by their Greenhouse id per tenant, and refer
-- to each other by Greenhouse id (a job post may arrive before its job), so
-- that deliveries in any order land. Only applications and stage changes
-- point at people by Loop id: they are deleted with the person.

-- The recruiter Greenhouse names as the person's owner ({id,name,email}),
-- kept even when no Loop user matches; and a SHA-256 of the last
-- Greenhouse record applied (person.c), so that a redelivery of the same
-- data writes nothing.
ALTER TABLE people ADD COLUMN gh_recruiter jsonb,
	ADD COLUMN gh_hash text CHECK (gh_hash ~ '^[0-9a-f]{64}$');

CREATE TABLE jobs (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	greenhouse_id	bigint NOT NULL,
	name		text NOT NULL DEFAULT '' CHECK (length(name) <= 500),
	requisition_id	text CHECK (length(requisition_id) <= 200),
	status		text,		-- open, closed, draft
	offices		jsonb NOT NULL DEFAULT '[]',
	departments	jsonb NOT NULL DEFAULT '[]',
	opened_at	timestamptz,
	closed_at	timestamptz,
	gh_updated_at	timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, greenhouse_id)
);
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE job_posts (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	greenhouse_id	bigint NOT NULL,
	job_gh_id	bigint,		-- NULL: a prospect post
	title		text NOT NULL DEFAULT '' CHECK (length(title) <= 500),
	location	text CHECK (length(location) <= 500),
	live		boolean NOT NULL DEFAULT false,
	internal	boolean NOT NULL DEFAULT false,
	external	boolean NOT NULL DEFAULT true,
	public_url	text CHECK (length(public_url) <= 2000),
	content		text,		-- HTML from Greenhouse: escape on output
	gh_updated_at	timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, greenhouse_id)
);
CREATE INDEX job_posts_job ON job_posts (tenant_id, job_gh_id);
ALTER TABLE job_posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON job_posts
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE applications (
	tenant_id	bigint NOT NULL,
	id		bigserial NOT NULL UNIQUE,
	greenhouse_id	bigint NOT NULL,
	person_id	bigint NOT NULL,
	job_gh_id	bigint,		-- the first job; NULL for a jobless prospect
	job_gh_ids	bigint[] NOT NULL DEFAULT '{}',
	status		text CHECK (status IN ('active', 'rejected', 'hired')),
	stage_gh_id	bigint,
	stage_name	text CHECK (length(stage_name) <= 500),
	prospect	boolean NOT NULL DEFAULT false,
	source_name	text CHECK (length(source_name) <= 500),
	applied_at	timestamptz,
	rejected_at	timestamptz,
	last_activity_at timestamptz,
	gh_updated_at	timestamptz,	-- ordering: newest change applied
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, greenhouse_id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
);
CREATE INDEX applications_person ON applications (tenant_id, person_id);
CREATE INDEX applications_job ON applications (tenant_id, job_gh_id);
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON applications
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Append-only: the programs may insert and read, never update or delete
-- (rows go only with their person or application, by cascade).
CREATE TABLE stage_changes (
	tenant_id	bigint NOT NULL,
	id		bigserial NOT NULL UNIQUE,
	person_id	bigint NOT NULL,
	application_id	bigint NOT NULL,
	application_gh_id bigint NOT NULL,
	job_gh_id	bigint,
	stage_gh_id	bigint,
	stage_name	text CHECK (length(stage_name) <= 500),
	status		text,
	changed_at	timestamptz,	-- Greenhouse's last_activity_at
	received_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, application_id) REFERENCES applications
		ON DELETE CASCADE
);
-- A redelivery (with or without the same event id) adds nothing.
CREATE UNIQUE INDEX stage_changes_once ON stage_changes (tenant_id,
	application_gh_id, COALESCE(stage_gh_id, 0),
	COALESCE(changed_at, '-infinity'));
CREATE INDEX stage_changes_new ON stage_changes (tenant_id, id);
ALTER TABLE stage_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stage_changes
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Every signed delivery: what came, what Loop did with it. Requests with a
-- bad or missing signature are never written here (unauthenticated
-- writers could fill the table); they are logged as one line instead.
CREATE TABLE webhook_events (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	source		text NOT NULL DEFAULT 'greenhouse',
	event_id	text CHECK (length(event_id) <= 200), -- Greenhouse-Event-ID
	action		text CHECK (length(action) <= 100),
	object_id	bigint,		-- the Greenhouse id the action is about
	received_at	timestamptz NOT NULL DEFAULT now(),
	body_sha256	text NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
	body		text,		-- NULL for duplicates
	outcome		text NOT NULL
			CHECK (outcome IN ('applied', 'ignored', 'rejected',
			'duplicate')),
	error		text CHECK (length(error) <= 1000),
	PRIMARY KEY (tenant_id, id)
);
-- The first accepted delivery of an event id claims it.
CREATE UNIQUE INDEX webhook_events_once ON webhook_events
	(tenant_id, source, event_id)
	WHERE event_id IS NOT NULL AND outcome IN ('applied', 'ignored');
CREATE INDEX webhook_events_recent ON webhook_events (tenant_id, received_at);
ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_events
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Greenhouse ids deleted by a webhook: a late or retried update for them
-- is ignored instead of bringing the record back.
CREATE TABLE gh_tombstones (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	object		text NOT NULL
			CHECK (object IN ('candidate', 'application', 'job_post')),
	greenhouse_id	bigint NOT NULL,
	deleted_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, object, greenhouse_id)
);
ALTER TABLE gh_tombstones ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON gh_tombstones
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- HMAC-SHA256 (master key) of an E.164 number whose owner revoked SMS
-- consent and was then deleted: no number is kept, yet the opt-out is.
CREATE TABLE phone_suppressions (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	phone_hash	text NOT NULL CHECK (phone_hash ~ '^[0-9a-f]{64}$'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, phone_hash)
);
ALTER TABLE phone_suppressions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON phone_suppressions
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Harvest sync per tenant and resource: the high-water mark of updated_at
-- for the incremental pass, the page to resume a backfill from, outcome.
CREATE TABLE harvest_sync (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	resource	text NOT NULL
			CHECK (resource IN ('candidates', 'jobs', 'job_posts')),
	updated_after	timestamptz,	-- NULL: never completed (backfill)
	next_url	text CHECK (length(next_url) <= 4000),
	started_at	timestamptz,
	finished_at	timestamptz,
	items		bigint NOT NULL DEFAULT 0,	-- in the last run
	last_error	text CHECK (length(last_error) <= 1000),
	PRIMARY KEY (tenant_id, resource)
);
ALTER TABLE harvest_sync ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON harvest_sync
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- The v3 OAuth access token, sealed with the master key, until it expires.
CREATE TABLE harvest_tokens (
	tenant_id	bigint PRIMARY KEY REFERENCES tenants ON DELETE CASCADE,
	sealed		bytea NOT NULL,
	expires_at	timestamptz NOT NULL,
	updated_at	timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE harvest_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON harvest_tokens
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Tenants with Harvest credentials, for loop-cron's incremental sync.
CREATE FUNCTION harvest_tenants() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT DISTINCT tenant_id FROM tenant_settings
	WHERE key IN ('harvest_client_id', 'harvest_api_key') ORDER BY 1
$$;
REVOKE ALL ON FUNCTION harvest_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION harvest_tenants() TO loop_cron;

-- loop-hooks applies webhooks; loop-cron and loopctl sync; loop-crm reads
-- and deletes people (cascades). The owner resolves by recruiter email.
GRANT SELECT (tenant_id, id, email) ON users TO loop_hooks;
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs, job_posts, applications
	TO loop_hooks, loop_cron;
GRANT SELECT ON jobs, job_posts, applications TO loop_crm, loop_public;
GRANT DELETE ON applications TO loop_crm;
GRANT USAGE ON SEQUENCE jobs_id_seq, job_posts_id_seq, applications_id_seq
	TO loop_hooks, loop_cron;
GRANT SELECT, INSERT ON stage_changes TO loop_hooks, loop_cron;
GRANT SELECT ON stage_changes TO loop_crm;
GRANT USAGE ON SEQUENCE stage_changes_id_seq TO loop_hooks, loop_cron;
GRANT SELECT, INSERT ON webhook_events TO loop_hooks;
GRANT SELECT ON webhook_events TO loop_crm, loop_cron;
GRANT USAGE ON SEQUENCE webhook_events_id_seq TO loop_hooks;
GRANT SELECT, INSERT, UPDATE ON gh_tombstones TO loop_hooks;
GRANT SELECT ON gh_tombstones TO loop_cron;
GRANT SELECT, INSERT ON phone_suppressions
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT SELECT, INSERT, UPDATE ON harvest_sync, harvest_tokens TO loop_cron;
GRANT SELECT ON harvest_sync TO loop_crm;

-- loop-hooks' one round trip per delivery before the signature check: the
-- tenant by slug and its sealed webhook secret (opened with the master key
-- by the worker, which caches it briefly).
CREATE FUNCTION gh_webhook_tenant(p_slug text)
RETURNS TABLE (id bigint, webhook_secret bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT id, webhook_secret FROM tenants WHERE slug = p_slug $$;
REVOKE ALL ON FUNCTION gh_webhook_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gh_webhook_tenant(text) TO loop_hooks;
-- A delivery that turned out stale is re-marked ignored, with the reason.
GRANT UPDATE (outcome, error) ON webhook_events TO loop_hooks;
