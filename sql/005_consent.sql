-- 005_consent.sql - SMS consent: the append-only ledger, the state kept on
-- people, chat and automated messages, inbound dedupe, opt-in links and
-- verification codes, flags on replies that read like an opt-out.
--
-- Consent belongs to a phone number: a person's state is the newest ledger
-- row for their SMS number (consent_sms_phone()), so a new number starts at
-- 'none' and a number that said STOP stays revoked for whoever holds it
-- (even a person deleted and created again). A person without a number has
-- the state of their own rows without a number. people.sms_consent (002)
-- caches the state for lists and the JSON API; consent.c keeps it on every
-- change and a trigger here recomputes it when numbers change.

-- ---------------------------------------------------------------- ledger

-- Every change of consent with its evidence. Nothing updates or deletes a
-- row: no role has the grants, and a trigger refuses even the owner. The
-- rows outlive the person (no foreign key to people; no cascade from the
-- tenant either), so the ledger alone answers when, how, for which number
-- and with what wording consent was given or taken away.
CREATE TABLE consent_ledger (
	tenant_id	bigint NOT NULL REFERENCES tenants,
	id		bigserial NOT NULL UNIQUE,
	person_id	bigint,		-- NULL: a number no person holds
	greenhouse_id	bigint,		-- who they were in Greenhouse
	e164		text CHECK (e164 ~ '^\+[1-9][0-9]{7,14}$'),
	old_state	text NOT NULL CHECK (old_state IN
			('none', 'requested', 'granted', 'revoked')),
	new_state	text NOT NULL CHECK (new_state IN
			('none', 'requested', 'granted', 'revoked')),
	source		text NOT NULL CHECK (source IN ('greenhouse',
			'optin_page', 'keyword', 'recruiter', 'import',
			'provider_error')),
	at		timestamptz NOT NULL DEFAULT now(),	-- recorded
	evidence_at	timestamptz NOT NULL DEFAULT now(),	-- happened
	user_id		bigint,		-- the recruiter who acted
	client_addr	text CHECK (length(client_addr) <= 100),
	user_agent	text CHECK (length(user_agent) <= 1000),
	wording		text CHECK (length(wording) <= 4000),
	wording_version	text CHECK (length(wording_version) <= 40),
	message_sid	text CHECK (length(message_sid) <= 64),
	message_body	text CHECK (length(message_body) <= 1600),
	event_id	text CHECK (length(event_id) <= 200),
	error_code	int,
	note		text CHECK (length(note) <= 1000),
	PRIMARY KEY (tenant_id, id),
	CHECK (old_state <> new_state)
);
CREATE INDEX consent_ledger_e164 ON consent_ledger (tenant_id, e164, id);
CREATE INDEX consent_ledger_person ON consent_ledger (tenant_id, person_id, id);
ALTER TABLE consent_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON consent_ledger
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE FUNCTION consent_ledger_frozen() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	RAISE EXCEPTION 'consent_ledger is append-only (% refused)', TG_OP
		USING ERRCODE = '42501';
END $$;
CREATE TRIGGER consent_ledger_frozen BEFORE UPDATE OR DELETE ON consent_ledger
	FOR EACH ROW EXECUTE FUNCTION consent_ledger_frozen();
CREATE TRIGGER consent_ledger_no_truncate BEFORE TRUNCATE ON consent_ledger
	FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_frozen();

-- The number texts go to: the first mobile, else the first number.
CREATE FUNCTION consent_sms_phone(p_person bigint) RETURNS text
	LANGUAGE sql STABLE
	AS $$
	SELECT e164 FROM person_phones
	WHERE person_id = p_person AND e164 IS NOT NULL
	ORDER BY type IS DISTINCT FROM 'mobile', seq LIMIT 1
$$;

-- The state consent is in for a number (p_e164) in a tenant, or for a
-- person without one: the newest ledger row, else 'none'.
CREATE FUNCTION consent_state_in(p_tenant bigint, p_person bigint,
	p_e164 text) RETURNS text
	LANGUAGE plpgsql STABLE
	AS $$
DECLARE
	s	text;
BEGIN
	IF p_e164 IS NOT NULL THEN
		SELECT new_state INTO s FROM consent_ledger
		WHERE tenant_id = p_tenant AND e164 = p_e164
		ORDER BY id DESC LIMIT 1;
	ELSE
		SELECT new_state INTO s FROM consent_ledger
		WHERE tenant_id = p_tenant AND person_id = p_person
		AND e164 IS NULL ORDER BY id DESC LIMIT 1;
	END IF;
	RETURN COALESCE(s, 'none');
END $$;

-- The same in the current transaction's tenant (row-level security).
CREATE FUNCTION consent_state_of(p_person bigint, p_e164 text) RETURNS text
	LANGUAGE sql STABLE
	AS $$ SELECT consent_state_in(app_tenant(), p_person, p_e164) $$;

-- A changed number changes the state: recompute the cache.
CREATE FUNCTION consent_phones_changed() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
DECLARE
	pid	bigint;
	tid	bigint;
	st	text;
BEGIN
	IF TG_OP = 'DELETE' THEN
		pid := OLD.person_id;
		tid := OLD.tenant_id;
	ELSE
		pid := NEW.person_id;
		tid := NEW.tenant_id;
	END IF;
	st := consent_state_in(tid, pid, consent_sms_phone(pid));
	UPDATE people SET sms_consent = st
	WHERE id = pid AND sms_consent IS DISTINCT FROM st;
	RETURN NULL;
END $$;
CREATE TRIGGER person_phones_consent AFTER INSERT OR DELETE
	OR UPDATE OF e164, type, seq ON person_phones
	FOR EACH ROW EXECUTE FUNCTION consent_phones_changed();

-- -------------------------------------------------------------- messages

-- Texts to and from people: chat, automated, verification codes, opt-in
-- requests, the opt-out confirmation, help replies, and inbound replies.
-- A status never moves back (delivered stays delivered when a late 'sent'
-- callback arrives): see message_status_rank() and its trigger. Before the
-- provider has it, a text is 'queued', or 'sending' while one deliverer
-- holds it (message.c), and back to 'queued' when that try failed.
CREATE TABLE messages (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	person_id	bigint,		-- NULL: from a number no person holds
	direction	text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
	kind		text NOT NULL CHECK (kind IN ('chat', 'automated',
			'verification', 'optin_request', 'optout_confirmation',
			'optin_confirmation', 'help', 'reply')),
	e164		text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{7,14}$'),
	body		text NOT NULL CHECK (length(body) <= 1600),
	status		text NOT NULL CHECK (status IN ('queued', 'sending',
			'accepted', 'scheduled', 'sent', 'delivered',
			'undelivered', 'failed', 'read', 'canceled', 'refused',
			'received')),
	provider_sid	text CHECK (provider_sid ~ '^[A-Za-z0-9]{2,64}$'),
	error_code	int,
	error		text CHECK (length(error) <= 500),
	user_id		bigint,		-- the recruiter who wrote it
	flag		text CHECK (flag IN ('suspected_opt_out')),
	flag_state	text CHECK (flag_state IN ('open', 'confirmed',
			'dismissed')),
	flag_user_id	bigint,
	flag_at		timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	sent_at		timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE,
	CHECK ((flag IS NULL) = (flag_state IS NULL))
);
CREATE UNIQUE INDEX messages_sid ON messages (tenant_id, provider_sid)
	WHERE direction = 'outbound';
CREATE INDEX messages_person ON messages (tenant_id, person_id, id);
CREATE INDEX messages_e164 ON messages (tenant_id, e164, id);
CREATE INDEX messages_open_flags ON messages (tenant_id, id)
	WHERE flag_state = 'open';
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE FUNCTION message_status_rank(text) RETURNS int
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
	SELECT CASE $1
		WHEN 'queued' THEN 0 WHEN 'sending' THEN 0	-- Loop's claim
		WHEN 'accepted' THEN 1 WHEN 'scheduled' THEN 1
		WHEN 'sent' THEN 3 WHEN 'read' THEN 5
		ELSE 4 END	-- delivered, undelivered, failed, ...
$$;

CREATE FUNCTION message_status_forward() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	IF message_status_rank(NEW.status) < message_status_rank(OLD.status)
	THEN
		NEW.status := OLD.status;
	END IF;
	NEW.updated_at := now();
	RETURN NEW;
END $$;
CREATE TRIGGER messages_status_forward BEFORE UPDATE ON messages
	FOR EACH ROW EXECUTE FUNCTION message_status_forward();

-- Each inbound MessageSid once, however often the provider delivers it.
CREATE TABLE sms_inbound (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	message_sid	text NOT NULL CHECK (message_sid ~ '^[A-Za-z0-9]{2,64}$'),
	received_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, message_sid)
);
ALTER TABLE sms_inbound ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sms_inbound
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- ---------------------------------------------------------------- opt-in

-- Personal links to the branded opt-in page: only the SHA-256 of the
-- token is kept. purpose: 'request' (Send Form), 'chat' (SMS Consent link
-- in the chat box), 'auto_email' (sent once when a person arrives).
CREATE TABLE optin_tokens (
	tenant_id	bigint NOT NULL,
	id		bigserial NOT NULL UNIQUE,
	person_id	bigint NOT NULL,
	token_hash	text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	purpose		text NOT NULL CHECK (purpose IN ('request', 'chat',
			'auto_email')),
	user_id		bigint,		-- the recruiter who asked
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
);
CREATE INDEX optin_tokens_person ON optin_tokens (tenant_id, person_id,
	created_at);
ALTER TABLE optin_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON optin_tokens
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Six-digit codes texted from the opt-in page: a hash (keyed by the
-- token's hash), valid ten minutes, five tries; consent.c allows three an
-- hour per person and per number.
CREATE TABLE optin_codes (
	tenant_id	bigint NOT NULL,
	id		bigserial NOT NULL UNIQUE,
	token_id	bigint NOT NULL,
	person_id	bigint NOT NULL,
	e164		text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{7,14}$'),
	code_hash	text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL DEFAULT now() + interval '10 minutes',
	tries		int NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 5),
	used_at		timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, token_id) REFERENCES optin_tokens
		ON DELETE CASCADE
);
CREATE INDEX optin_codes_token ON optin_codes (tenant_id, token_id, id);
CREATE INDEX optin_codes_recent ON optin_codes (tenant_id, e164, created_at);
ALTER TABLE optin_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON optin_codes
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- loop-public learns the tenant of a link before it can set app.tenant_id.
CREATE FUNCTION optin_token_tenant(p_hash text) RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT tenant_id FROM optin_tokens WHERE token_hash = p_hash $$;
REVOKE ALL ON FUNCTION optin_token_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION optin_token_tenant(text) TO loop_public;

-- ---------------------------------------------------------------- grants

GRANT EXECUTE ON FUNCTION consent_sms_phone(bigint),
	consent_state_in(bigint, bigint, text), consent_state_of(bigint, text),
	message_status_rank(text)
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT SELECT, INSERT ON consent_ledger
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT USAGE ON SEQUENCE consent_ledger_id_seq
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT SELECT, INSERT, UPDATE ON messages
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT USAGE ON SEQUENCE messages_id_seq
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT SELECT, INSERT ON sms_inbound TO loop_hooks;
GRANT SELECT, INSERT ON optin_tokens TO loop_crm, loop_hooks, loop_cron;
GRANT SELECT, UPDATE ON optin_tokens TO loop_public;
GRANT USAGE ON SEQUENCE optin_tokens_id_seq TO loop_crm, loop_hooks, loop_cron;
GRANT SELECT, INSERT, UPDATE ON optin_codes TO loop_public;
GRANT SELECT ON optin_codes TO loop_crm;
GRANT USAGE ON SEQUENCE optin_codes_id_seq TO loop_public;
-- The opt-in page adds a corrected number; an explicit opt-in lifts the
-- suppression a deleted person left on their number (003).
GRANT INSERT ON person_phones TO loop_public;
GRANT DELETE ON phone_suppressions TO loop_public, loop_hooks;
-- Every program that changes consent tells recruiters (notify.c): its
-- INSERT ... RETURNING id needs the id column (004 grants INSERT only).
GRANT SELECT (id) ON notifications TO loop_public, loop_hooks, loop_cron;
