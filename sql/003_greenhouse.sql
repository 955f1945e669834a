-- 003_greenhouse.sql - what Greenhouse tells Loop: jobs, job posts,
-- applications, stage changes, the webhook event log; plus Harvest sync
-- state, the cached Harvest OAuth token, tombstones for deleted records and
-- one-way phone hashes that keep a deleted person's SMS opt-out.
--
-- The tables a webhook writes (applications, stage_changes, webhook_events)
-- carry only the CHECKs that guard meaning: PostgreSQL re-reads every CHECK
-- from its text on each statement that writes a table, and their sizes
-- are capped where they come in (gh_map.c, gh_hook.c).
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
	ADD COLUMN gh_hash text;

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
	status		text,		-- active, rejected, hired
	stage_gh_id	bigint,
	stage_name	text,
	prospect	boolean NOT NULL DEFAULT false,
	source_name	text,
	applied_at	timestamptz,
	rejected_at	timestamptz,
	last_activity_at timestamptz,
	gh_updated_at	timestamptz,	-- ordering: newest change applied
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, greenhouse_id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
) WITH (fillfactor = 70);	-- room for each stage change's heap-only update
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
	stage_name	text,
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
-- Automation reads new rows by the primary key (tenant_id, id).
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
	event_id	text,		-- Greenhouse-Event-ID, <= 200 bytes
	action		text,		-- <= 100 bytes
	object_id	bigint,		-- the Greenhouse id the action is about
	received_at	timestamptz NOT NULL DEFAULT now(),
	body_sha256	text NOT NULL,	-- hex
	body		text COMPRESSION lz4,	-- NULL for duplicates
	outcome		text NOT NULL
			CHECK (outcome IN ('applied', 'ignored', 'rejected',
			'duplicate')),
	error		text,		-- <= 1000 bytes
	PRIMARY KEY (tenant_id, id)
);
-- The first accepted delivery of an event id claims it.
CREATE UNIQUE INDEX webhook_events_once ON webhook_events
	(tenant_id, source, event_id)
	WHERE event_id IS NOT NULL AND outcome IN ('applied', 'ignored');
-- Ids grow with arrival: the primary key (tenant_id, id) is the time order.
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

-- ------------------------------------------------------------------------
-- Greenhouse writes. Each takes one record in Loop's own canonical shape
-- (jsonb built by person.c and gh_apply.c; Greenhouse's shapes never reach
-- SQL: gh_map.c is their one home). The Harvest sync calls them record by
-- record; a webhook delivery calls gh_deliver(), which runs the whole
-- delivery, event-log row included, as one statement: one round trip and
-- one transaction. All run as the caller (row-level security applies).
-- Guards: a record older than the stored one (gh_updated_at) changes
-- nothing; an identical one writes nothing and so locks nothing; ids that
-- Greenhouse deleted (gh_tombstones) are not revived.

-- A person: {greenhouse_id, kind, first_name, last_name, company, title,
-- owner_id, owner_email, recruiter, source, addresses, tags, custom_fields,
-- created_at, updated_at, hash, emails: [{email, type}], phones: [{raw,
-- e164, type, hash}]}. Emails come lowercased and checked, phones
-- normalised and with the HMAC of their E.164 number, all from person.c.
-- what: created, updated, same (nothing written), stale (older), gone.
CREATE FUNCTION gh_person_save(r jsonb, OUT v_id bigint, OUT what text)
LANGUAGE plpgsql AS $$
DECLARE
	gh	bigint := (r->>'greenhouse_id')::bigint;
	t	timestamptz := (r->>'updated_at')::timestamptz;
	st	record;
	created	boolean;
BEGIN
	-- One look: deleted in Greenhouse? stored? the same digest? older?
	-- An identical record writes nothing, not even its later time: a
	-- write per stage change would cost more than the rest of the
	-- delivery. (So gh_updated_at is the time of the last change of
	-- content; a late delivery between that and a later identical one is
	-- still taken as newer: a window only a reverted edit can hit.)
	SELECT EXISTS (SELECT 1 FROM gh_tombstones WHERE object = 'candidate'
	    AND greenhouse_id = gh) AS gone, p.id,
	    p.gh_hash IS NOT DISTINCT FROM r->>'hash' AS same,
	    COALESCE(t < p.gh_updated_at, false) AS older
	    INTO st FROM (SELECT 1) AS one
	    LEFT JOIN people p ON p.greenhouse_id = gh;
	IF st.gone THEN
		what := 'gone';
		RETURN;
	END IF;
	IF st.id IS NOT NULL AND (st.older OR st.same) THEN
		v_id := st.id;
		what := CASE WHEN st.older THEN 'stale' ELSE 'same' END;
		RETURN;
	END IF;
	INSERT INTO people AS p (tenant_id, kind, greenhouse_id, first_name,
	    last_name, company, title, owner_id, source, addresses, tags,
	    custom_fields, gh_created_at, gh_updated_at, gh_recruiter, gh_hash)
	VALUES (app_tenant(), COALESCE(r->>'kind', 'candidate'), gh,
	    COALESCE(r->>'first_name', ''), COALESCE(r->>'last_name', ''),
	    r->>'company', r->>'title',
	    COALESCE((r->>'owner_id')::bigint, (SELECT u.id FROM users u
	    WHERE u.email = lower(r->>'owner_email'))),
	    COALESCE(r->>'source', 'greenhouse'),
	    COALESCE(r->'addresses', '[]'), COALESCE(r->'tags', '[]'),
	    COALESCE(r->'custom_fields', '{}'),
	    (r->>'created_at')::timestamptz, t, r->'recruiter', r->>'hash')
	ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET
	    -- A prospect application never turns a candidate back.
	    kind = CASE WHEN r->>'kind' IS NULL OR p.kind = 'candidate'
	    THEN p.kind ELSE EXCLUDED.kind END,
	    first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
	    company = EXCLUDED.company, title = EXCLUDED.title,
	    owner_id = COALESCE(EXCLUDED.owner_id, p.owner_id),
	    addresses = COALESCE(r->'addresses', p.addresses),
	    tags = COALESCE(r->'tags', p.tags),
	    custom_fields = COALESCE(r->'custom_fields', p.custom_fields),
	    gh_recruiter = COALESCE(r->'recruiter', p.gh_recruiter),
	    gh_created_at = COALESCE(EXCLUDED.gh_created_at, p.gh_created_at),
	    gh_updated_at = COALESCE(EXCLUDED.gh_updated_at, p.gh_updated_at),
	    gh_hash = EXCLUDED.gh_hash, updated_at = now()
	WHERE p.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL
	    OR EXCLUDED.gh_updated_at >= p.gh_updated_at
	RETURNING p.id, (p.xmax = 0) INTO v_id, created;
	IF NOT FOUND THEN		-- a newer change committed meanwhile
		SELECT id INTO v_id FROM people WHERE greenhouse_id = gh;
		what := 'stale';
		RETURN;
	END IF;
	what := CASE WHEN created THEN 'created' ELSE 'updated' END;
	DELETE FROM person_emails WHERE person_id = v_id;
	INSERT INTO person_emails (tenant_id, person_id, email, type,
	    is_primary)
	SELECT app_tenant(), v_id, e->>'email', e->>'type', o = 1
	FROM jsonb_array_elements(COALESCE(r->'emails', '[]'))
	    WITH ORDINALITY AS x (e, o)
	ON CONFLICT DO NOTHING;
	DELETE FROM person_phones WHERE person_id = v_id;
	INSERT INTO person_phones (tenant_id, person_id, seq, raw, e164, type)
	SELECT app_tenant(), v_id, o - 1, e->>'raw', e->>'e164', e->>'type'
	FROM jsonb_array_elements(COALESCE(r->'phones', '[]'))
	    WITH ORDINALITY AS x (e, o);
	-- Re-created after a delete that left its numbers suppressed.
	IF created THEN
		UPDATE people SET sms_consent = 'revoked' WHERE id = v_id
		    AND EXISTS (SELECT 1 FROM phone_suppressions s,
		    jsonb_array_elements(COALESCE(r->'phones', '[]')) e
		    WHERE s.phone_hash = e->>'hash');
	END IF;
END $$;

-- A job: {greenhouse_id, name, requisition_id, status, offices,
-- departments, opened_at, closed_at, updated_at}; missing offices or
-- departments keep what is stored. Returns changed or same.
CREATE FUNCTION gh_job_save(j jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	gh	bigint := (j->>'greenhouse_id')::bigint;
	t	timestamptz := (j->>'updated_at')::timestamptz;
BEGIN
	-- Many applications embed one job: when it is stored as sent, the
	-- NOT EXISTS skips the write, and with it the row lock that would
	-- queue deliveries for that job behind one another.
	INSERT INTO jobs AS o (tenant_id, greenhouse_id, name, requisition_id,
	    status, offices, departments, opened_at, closed_at, gh_updated_at)
	SELECT app_tenant(), gh, COALESCE(j->>'name', ''),
	    j->>'requisition_id', j->>'status', COALESCE(j->'offices', '[]'),
	    COALESCE(j->'departments', '[]'), (j->>'opened_at')::timestamptz,
	    (j->>'closed_at')::timestamptz, t
	WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE greenhouse_id = gh
	    AND name = COALESCE(j->>'name', '')
	    AND requisition_id IS NOT DISTINCT FROM j->>'requisition_id'
	    AND status IS NOT DISTINCT FROM COALESCE(j->>'status', status)
	    AND offices = COALESCE(j->'offices', offices)
	    AND departments = COALESCE(j->'departments', departments)
	    AND opened_at IS NOT DISTINCT FROM
	    COALESCE((j->>'opened_at')::timestamptz, opened_at)
	    AND closed_at IS NOT DISTINCT FROM (j->>'closed_at')::timestamptz
	    AND (t IS NULL OR gh_updated_at >= t))
	ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET
	    name = EXCLUDED.name, requisition_id = EXCLUDED.requisition_id,
	    status = COALESCE(EXCLUDED.status, o.status),
	    offices = COALESCE(j->'offices', o.offices),
	    departments = COALESCE(j->'departments', o.departments),
	    opened_at = COALESCE(EXCLUDED.opened_at, o.opened_at),
	    closed_at = EXCLUDED.closed_at,
	    gh_updated_at = COALESCE(EXCLUDED.gh_updated_at, o.gh_updated_at),
	    updated_at = now()
	WHERE o.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL
	    OR EXCLUDED.gh_updated_at >= o.gh_updated_at;
	RETURN CASE WHEN FOUND THEN 'changed' ELSE 'same' END;
END $$;

-- A job post: {greenhouse_id, job_id, title, location, live, internal,
-- external, public_url, content, updated_at}. changed, same or gone.
CREATE FUNCTION gh_post_save(jp jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	gh	bigint := (jp->>'greenhouse_id')::bigint;
BEGIN
	IF EXISTS (SELECT 1 FROM gh_tombstones WHERE object = 'job_post'
	    AND greenhouse_id = gh) THEN
		RETURN 'gone';
	END IF;
	INSERT INTO job_posts AS o (tenant_id, greenhouse_id, job_gh_id,
	    title, location, live, internal, external, public_url, content,
	    gh_updated_at)
	VALUES (app_tenant(), gh, (jp->>'job_id')::bigint,
	    COALESCE(jp->>'title', ''), jp->>'location',
	    COALESCE((jp->>'live')::boolean, false),
	    COALESCE((jp->>'internal')::boolean, false),
	    COALESCE((jp->>'external')::boolean, true), jp->>'public_url',
	    jp->>'content', (jp->>'updated_at')::timestamptz)
	ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET
	    job_gh_id = EXCLUDED.job_gh_id, title = EXCLUDED.title,
	    location = EXCLUDED.location, live = EXCLUDED.live,
	    internal = EXCLUDED.internal, external = EXCLUDED.external,
	    public_url = COALESCE(EXCLUDED.public_url, o.public_url),
	    content = EXCLUDED.content,
	    gh_updated_at = COALESCE(EXCLUDED.gh_updated_at, o.gh_updated_at),
	    updated_at = now()
	WHERE o.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL
	    OR EXCLUDED.gh_updated_at >= o.gh_updated_at;
	RETURN CASE WHEN FOUND THEN 'changed' ELSE 'same' END;
END $$;

-- An application of person p_person: {greenhouse_id, job_ids, status,
-- stage_id, stage_name, prospect, source_name, applied_at, rejected_at,
-- last_activity_at, updated_at}. With p_stage, its current stage is
-- appended to stage_changes when the application changed (an older
-- delivery appends nothing: automation must not act on a past stage).
CREATE FUNCTION gh_app_save(a jsonb, p_person bigint, p_stage boolean,
	OUT v_id bigint, OUT what text)
LANGUAGE plpgsql AS $$
DECLARE
	gh	bigint := (a->>'greenhouse_id')::bigint;
	jobs	bigint[] := (a->>'job_ids')::bigint[];
BEGIN
	WITH app AS (
		INSERT INTO applications AS o (tenant_id, greenhouse_id,
		    person_id, job_gh_id, job_gh_ids, status, stage_gh_id,
		    stage_name, prospect, source_name, applied_at, rejected_at,
		    last_activity_at, gh_updated_at)
		SELECT app_tenant(), gh, p_person, jobs[1], jobs, a->>'status',
		    (a->>'stage_id')::bigint, a->>'stage_name',
		    COALESCE((a->>'prospect')::boolean, false),
		    a->>'source_name', (a->>'applied_at')::timestamptz,
		    (a->>'rejected_at')::timestamptz,
		    (a->>'last_activity_at')::timestamptz,
		    (a->>'updated_at')::timestamptz
		WHERE NOT EXISTS (SELECT 1 FROM gh_tombstones
		    WHERE object = 'application' AND greenhouse_id = gh)
		ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET
		    person_id = EXCLUDED.person_id,
		    job_gh_id = EXCLUDED.job_gh_id,
		    job_gh_ids = EXCLUDED.job_gh_ids, status = EXCLUDED.status,
		    stage_gh_id = EXCLUDED.stage_gh_id,
		    stage_name = EXCLUDED.stage_name,
		    prospect = EXCLUDED.prospect,
		    source_name = COALESCE(EXCLUDED.source_name, o.source_name),
		    applied_at = COALESCE(EXCLUDED.applied_at, o.applied_at),
		    rejected_at = EXCLUDED.rejected_at,
		    last_activity_at = EXCLUDED.last_activity_at,
		    gh_updated_at = COALESCE(EXCLUDED.gh_updated_at,
		    o.gh_updated_at), updated_at = now()
		WHERE o.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL
		    OR EXCLUDED.gh_updated_at >= o.gh_updated_at
		RETURNING o.id),
	    stage AS (
		INSERT INTO stage_changes (tenant_id, person_id, application_id,
		    application_gh_id, job_gh_id, stage_gh_id, stage_name,
		    status, changed_at)
		SELECT app_tenant(), p_person, app.id, gh, jobs[1],
		    (a->>'stage_id')::bigint, a->>'stage_name', a->>'status',
		    (a->>'last_activity_at')::timestamptz
		FROM app WHERE p_stage
		ON CONFLICT DO NOTHING)
	SELECT app.id INTO v_id FROM app;
	IF FOUND THEN
		what := 'changed';
	ELSIF EXISTS (SELECT 1 FROM gh_tombstones WHERE object = 'application'
	    AND greenhouse_id = gh) THEN
		what := 'gone';
	ELSE
		what := 'stale';
	END IF;
END $$;

-- Deletes by Greenhouse id, remembered so that a late update cannot
-- revive them. changed, or gone when there was nothing to delete.
CREATE FUNCTION gh_app_delete(gh bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	n	bigint;
BEGIN
	DELETE FROM applications WHERE greenhouse_id = gh;  -- stages cascade
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO gh_tombstones (tenant_id, object, greenhouse_id)
	VALUES (app_tenant(), 'application', gh) ON CONFLICT DO NOTHING;
	RETURN CASE WHEN n > 0 THEN 'changed' ELSE 'gone' END;
END $$;

CREATE FUNCTION gh_post_delete(gh bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	n	bigint;
BEGIN
	DELETE FROM job_posts WHERE greenhouse_id = gh;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO gh_tombstones (tenant_id, object, greenhouse_id)
	VALUES (app_tenant(), 'job_post', gh) ON CONFLICT DO NOTHING;
	RETURN CASE WHEN n > 0 THEN 'changed' ELSE 'gone' END;
END $$;

-- The application actions of a delivery: the person, the jobs, the
-- application (and for a stage change, the stage). A part that is older
-- or identical changes nothing; the others still apply.
CREATE FUNCTION gh_deliver_application(p_action text, r jsonb,
	OUT changed boolean, OUT note text)
LANGUAGE plpgsql AS $$
DECLARE
	p	record;
	ap	record;
	j	jsonb;
BEGIN
	changed := false;
	p := gh_person_save(r->'person');
	IF p.what = 'gone' THEN
		note := 'the candidate was deleted in Greenhouse';
		RETURN;
	END IF;
	changed := p.what IN ('created', 'updated');
	FOR j IN SELECT jsonb_array_elements(COALESCE(r->'jobs', '[]')) LOOP
		changed := gh_job_save(j) = 'changed' OR changed;
	END LOOP;
	ap := gh_app_save(r->'app', p.v_id,
	    p_action = 'candidate_stage_change');
	changed := changed OR ap.what = 'changed';
	IF ap.what = 'gone' THEN
		note := 'the application was deleted in Greenhouse';
	END IF;
END $$;

-- One signed webhook delivery, whole: its event-log row (the first row
-- for a Greenhouse-Event-ID claims it; a repeat is logged as duplicate and
-- changes nothing) and the changes, in the caller's one transaction (a
-- single statement in autocommit). delete_candidate is not handled here:
-- its suppression hashes need the master key (gh_hook.c runs it).
-- outcome: applied, ignored (ping, unknown action, or nothing new: note
-- says which) or duplicate.
CREATE FUNCTION gh_deliver(p_tenant bigint, p_event text, p_action text,
	p_object bigint, p_sha text, p_body text, r jsonb,
	OUT outcome text, OUT note text)
LANGUAGE plpgsql AS $$
DECLARE
	known	boolean := p_action IN ('new_candidate_application',
		    'new_prospect_application', 'candidate_stage_change',
		    'update_candidate', 'job_post_created', 'job_post_updated',
		    'job_post_deleted', 'delete_application');
	w	text;
	d	record;
	changed	boolean := false;
BEGIN
	w := set_config('app.tenant_id', p_tenant::text, true);
	IF p_event IS NOT NULL AND EXISTS (SELECT 1 FROM webhook_events e
	    WHERE e.source = 'greenhouse' AND e.event_id = p_event
	    AND e.outcome IN ('applied', 'ignored')) THEN
		outcome := 'duplicate';
	ELSIF NOT known THEN
		outcome := 'ignored';
	ELSE
		CASE p_action
		WHEN 'update_candidate' THEN
			d := gh_person_save(r->'person');
			w := d.what;
			changed := w IN ('created', 'updated');
			IF w = 'gone' THEN
				note := 'the candidate was deleted in Greenhouse';
			END IF;
		WHEN 'job_post_created', 'job_post_updated' THEN
			w := gh_post_save(r->'post');
			changed := w = 'changed';
			IF w = 'gone' THEN
				note := 'the job post was deleted in Greenhouse';
			END IF;
		WHEN 'job_post_deleted' THEN
			changed := gh_post_delete(p_object) = 'changed';
			note := 'nothing to delete';
		WHEN 'delete_application' THEN
			changed := gh_app_delete(p_object) = 'changed';
			note := 'nothing to delete';
		ELSE
			d := gh_deliver_application(p_action, r);
			changed := d.changed;
			note := d.note;
		END CASE;
		outcome := CASE WHEN changed THEN 'applied' ELSE 'ignored' END;
		note := CASE WHEN changed THEN NULL ELSE COALESCE(note,
		    'nothing new: older than, or the same as, what is stored')
		    END;
	END IF;
	-- The row goes in last, with its outcome: when a concurrent delivery
	-- of the same event id claimed it meanwhile, both applied the same
	-- idempotent changes and this one is logged as the duplicate.
	IF outcome <> 'duplicate' THEN
		INSERT INTO webhook_events (tenant_id, event_id, action,
		    object_id, body_sha256, body, outcome, error)
		VALUES (app_tenant(), p_event, p_action, p_object, p_sha,
		    p_body, outcome, note)
		ON CONFLICT DO NOTHING;
		IF FOUND THEN
			RETURN;
		END IF;
		outcome := 'duplicate';
	END IF;
	INSERT INTO webhook_events (tenant_id, event_id, action, object_id,
	    body_sha256, outcome)
	VALUES (app_tenant(), p_event, p_action, p_object, p_sha, 'duplicate');
	note := NULL;
END $$;

REVOKE ALL ON FUNCTION gh_person_save(jsonb), gh_job_save(jsonb),
	gh_post_save(jsonb), gh_app_save(jsonb, bigint, boolean),
	gh_app_delete(bigint), gh_post_delete(bigint),
	gh_deliver_application(text, jsonb),
	gh_deliver(bigint, text, text, bigint, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gh_person_save(jsonb), gh_job_save(jsonb),
	gh_post_save(jsonb), gh_app_save(jsonb, bigint, boolean),
	gh_app_delete(bigint), gh_post_delete(bigint),
	gh_deliver_application(text, jsonb),
	gh_deliver(bigint, text, text, bigint, text, text, jsonb)
	TO loop_hooks, loop_cron;
