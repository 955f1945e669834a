-- 006_auth_bind.sql - the session or token check that also binds the
-- transaction to its tenant, so that a JSON API request can send BEGIN, the
-- check and its one statement in a single round trip (src/db.c pipelines
-- them; cgi-bin/crm routes marked R_TOKEN_PIPE).
--
-- auth_bind() returns what auth_session() returns and sets app.tenant_id
-- for the rest of the transaction. For an unknown or expired session or
-- token it raises 28000 (invalid_authorization_specification): the
-- statements sent after it in the same pipeline are then skipped by the
-- server, so nothing runs without a tenant proven by the caller's secret.

CREATE FUNCTION auth_bind(p_hash text, p_api boolean)
RETURNS TABLE (tenant_id bigint, user_id bigint, user_name text,
	user_email text, tenant_name text, tenant_slug text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
	s	record;
BEGIN
	SELECT * INTO s FROM auth_session(p_hash, p_api);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such session or token'
		    USING ERRCODE = 'invalid_authorization_specification';
	END IF;
	-- Local to the transaction, and not undone when this function's own
	-- SET search_path is (only that setting is restored at exit).
	PERFORM set_config('app.tenant_id', s.tenant_id::text, true);
	tenant_id := s.tenant_id;
	user_id := s.user_id;
	user_name := s.user_name;
	user_email := s.user_email;
	tenant_name := s.tenant_name;
	tenant_slug := s.tenant_slug;
	RETURN NEXT;
END
$$;

REVOKE ALL ON FUNCTION auth_bind(text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_bind(text, boolean) TO loop_crm;
