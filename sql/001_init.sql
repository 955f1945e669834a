-- 001_init.sql - tenants, recruiters, sessions, API tokens, login throttling.
--
-- Every tenant-owned table carries tenant_id first in its key and is guarded
-- by row-level security keyed on the transaction setting app.tenant_id.
-- One role per program, each with only the grants it needs. Lookups that must
-- happen before the tenant is known (login, session, webhook tenant) are
-- SECURITY DEFINER functions that return only what the caller needs.

DO $$
DECLARE r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['loop_crm', 'loop_public', 'loop_hooks', 'loop_cron']
	LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I LOGIN', r);
		END IF;
	END LOOP;
END $$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO loop_crm, loop_public, loop_hooks, loop_cron;

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION app_tenant() RETURNS bigint
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::bigint $$;

CREATE TABLE tenants (
	id		bigserial PRIMARY KEY,
	slug		text NOT NULL UNIQUE
			CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	webhook_secret	bytea NOT NULL,		-- sealed with the master key
	created_at	timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants USING (id = app_tenant());

-- Settings set by `loopctl tenant set`: plain values, or secrets sealed.
CREATE TABLE tenant_settings (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	key		text NOT NULL CHECK (key ~ '^[a-z_]{1,64}$'),
	value		text,
	sealed		bytea,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, key),
	CHECK ((value IS NULL) <> (sealed IS NULL))
);
ALTER TABLE tenant_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_settings
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE users (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	email		text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	password_hash	text NOT NULL,
	phone		text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX users_email ON users (email);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE sessions (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	user_id		bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	token_hash	text NOT NULL UNIQUE,	-- sha256 hex of the cookie
	client_addr	text,
	user_agent	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	PRIMARY KEY (tenant_id, id)
);
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE api_tokens (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	user_id		bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	token_hash	text NOT NULL UNIQUE,	-- sha256 hex of the bearer token
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	PRIMARY KEY (tenant_id, id)
);
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_tokens
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Failed logins, keyed 'acct:<email>' or 'addr:<client address>'.
CREATE TABLE login_failures (
	k		text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_k ON login_failures (k, at);

-- Who holds a session cookie or bearer token (hashes only), with names for
-- the layout: one round trip per request. PL/pgSQL, not SQL: a SECURITY
-- DEFINER SQL function is never inlined and is planned on every call,
-- while PL/pgSQL keeps its plans for the connection's life.
CREATE FUNCTION auth_session(p_hash text, p_api boolean)
RETURNS TABLE (tenant_id bigint, user_id bigint, user_name text,
	user_email text, tenant_name text, tenant_slug text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
	IF p_api THEN
		RETURN QUERY SELECT u.tenant_id, u.id, u.name, u.email, t.name, t.slug
		FROM api_tokens a JOIN users u ON u.id = a.user_id
		JOIN tenants t ON t.id = u.tenant_id
		WHERE a.token_hash = p_hash AND a.expires_at > now();
	ELSE
		RETURN QUERY SELECT u.tenant_id, u.id, u.name, u.email, t.name, t.slug
		FROM sessions s JOIN users u ON u.id = s.user_id
		JOIN tenants t ON t.id = u.tenant_id
		WHERE s.token_hash = p_hash AND s.expires_at > now();
	END IF;
END
$$;

CREATE FUNCTION auth_login_lookup(p_email text)
RETURNS TABLE (tenant_id bigint, user_id bigint, password_hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
	RETURN QUERY SELECT u.tenant_id, u.id, u.password_hash FROM users u
	WHERE u.email = lower(p_email);
END
$$;

CREATE FUNCTION tenant_lookup(p_slug text)
RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
	RETURN (SELECT id FROM tenants WHERE slug = p_slug);
END
$$;

REVOKE ALL ON FUNCTION auth_session(text, boolean), auth_login_lookup(text),
	tenant_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session(text, boolean), auth_login_lookup(text)
	TO loop_crm;
GRANT EXECUTE ON FUNCTION tenant_lookup(text)
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT EXECUTE ON FUNCTION app_tenant() TO loop_crm, loop_public, loop_hooks, loop_cron;

GRANT SELECT ON tenants, tenant_settings TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT SELECT ON users TO loop_crm, loop_cron;
GRANT SELECT, INSERT, DELETE ON sessions, api_tokens TO loop_crm;
GRANT USAGE ON SEQUENCE sessions_id_seq, api_tokens_id_seq TO loop_crm;
GRANT SELECT, INSERT, DELETE ON login_failures TO loop_crm;

-- Housekeeping for loop-cron: expired sessions and tokens, old failures.
CREATE FUNCTION maintenance() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	DELETE FROM sessions WHERE expires_at < now();
	DELETE FROM api_tokens WHERE expires_at < now();
	DELETE FROM login_failures WHERE at < now() - interval '1 day';
$$;
REVOKE ALL ON FUNCTION maintenance() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION maintenance() TO loop_cron;
