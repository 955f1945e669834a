-- 004_crm.sql - what the recruiter CRM needs: People search, pins, pools,
-- notifications and per-recruiter notification settings.
--
-- Search (ARCHITECTURE.md "Search syntax"), newest first (by id: ids are
-- handed out in insertion order), keyset-paginated on id:
--   words       every word starts one of the person's name words, in any
--               order, ignoring case, accents and apostrophes. Each name
--               word's prefixes (up to 16 characters) are rows of
--               person_name_keys, kept by a trigger on people, whose key
--               (tenant_id, key, person_id) gives the matches of one word
--               already in id order: the rarest word drives a backward
--               index scan and every other word is one index probe.
--   "First Last" the whole normalised name: an expression index on people.
--   +E164 / email exact: the indexes of 002 on person_phones and
--               person_emails.
-- people_search_ids() holds the SQL of every form; loop-crm calls it with
-- the form its parser chose (src/people.c).

-- ---------------------------------------------------------------- names

-- A name as the words search sees: lowercase, accents removed (f_unaccent),
-- apostrophes dropped ("O'Brien" -> "obrien"), anything that is neither a
-- letter nor a digit separates words. For a query.
CREATE FUNCTION person_query_words(text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$
	SELECT COALESCE(array_agg(DISTINCT w), '{}')
	FROM regexp_split_to_table(regexp_replace(lower(f_unaccent($1)),
		'[''’ʼ`´]', '', 'g'), '[^[:alnum:]]+') w
	WHERE w <> ''
$$;

-- The same for a person's name, plus the parts an apostrophe joins, so that
-- "O'Brien" is found by "obr", "o'brien" and "brien".
CREATE FUNCTION person_name_words(first text, last text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
	SELECT COALESCE(array_agg(DISTINCT w), '{}')
	FROM (SELECT unnest(person_query_words(n)) w
		FROM (VALUES (COALESCE(first, '') || ' ' || COALESCE(last, '')),
		(regexp_replace(COALESCE(first, '') || ' ' ||
		COALESCE(last, ''), '[''’ʼ`´]', ' ', 'g'))) v (n)) s
$$;

-- "Zoë  O'Brien" -> "zoe obrien": the key of an exact full-name search.
CREATE FUNCTION person_full_name_key(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$
	SELECT array_to_string(ARRAY(SELECT w FROM regexp_split_to_table(
		regexp_replace(lower(f_unaccent($1)), '[''’ʼ`´]', '', 'g'),
		'[^[:alnum:]]+') WITH ORDINALITY AS t (w, n)
		WHERE w <> '' ORDER BY n), ' ')
$$;

-- Every prefix of every name word, 1 to 16 characters long.
CREATE FUNCTION person_name_keys_of(first text, last text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
	SELECT COALESCE(array_agg(DISTINCT left(w, n)), '{}')
	FROM unnest(person_name_words(first, last)) w,
		generate_series(1, least(length(w), 16)) n
$$;

CREATE TABLE person_name_keys (
	tenant_id	bigint NOT NULL,
	key		text COLLATE "C" NOT NULL,
	person_id	bigint NOT NULL,
	PRIMARY KEY (tenant_id, key, person_id)
);
ALTER TABLE person_name_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_name_keys
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Kept by the owner whoever writes people (loop-hooks, loop-crm, loopctl):
-- the keys are derived from the row itself, so no caller can forge them.
CREATE FUNCTION person_name_keys_sync() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM person_name_keys
		WHERE tenant_id = OLD.tenant_id AND person_id = OLD.id
		AND key = ANY (person_name_keys_of(OLD.first_name, OLD.last_name));
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO person_name_keys (tenant_id, key, person_id)
		SELECT NEW.tenant_id, k, NEW.id
		FROM unnest(person_name_keys_of(NEW.first_name, NEW.last_name)) k
		ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION person_name_keys_sync() FROM PUBLIC;
CREATE TRIGGER people_name_keys AFTER INSERT OR DELETE
	OR UPDATE OF first_name, last_name ON people
	FOR EACH ROW EXECUTE FUNCTION person_name_keys_sync();

CREATE INDEX people_full_name ON people
	(tenant_id, person_full_name_key(first_name || ' ' || last_name), id);

-- Keys for the people that existed before this migration.
INSERT INTO person_name_keys (tenant_id, key, person_id)
SELECT p.tenant_id, k, p.id
FROM people p, unnest(person_name_keys_of(p.first_name, p.last_name)) k
ON CONFLICT DO NOTHING;

-- True when every one of words starts a name word of person p_id (the
-- recheck for words longer than the 16 characters keys hold).
CREATE FUNCTION people_name_match(p_id bigint, words text[]) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$
	SELECT NOT EXISTS (SELECT 1 FROM unnest(words) w WHERE NOT EXISTS (
		SELECT 1 FROM people p,
		unnest(person_name_words(p.first_name, p.last_name)) nw
		WHERE p.id = p_id AND starts_with(nw, w)))
$$;

-- ---------------------------------------------------------------- search

-- Ids of the caller's tenant's people that match, newest first, below
-- p_before (NULL: from the top), at most p_limit. p_form: 'all', 'words'
-- (p_q: the words as typed), 'name' (the full name), 'phone' (E.164),
-- 'email'. Row-level security applies: the caller's tenant only.
CREATE FUNCTION people_search_ids(p_form text, p_q text, p_before bigint,
	p_limit int) RETURNS SETOF bigint
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	AS $$
DECLARE
	before	bigint := COALESCE(p_before, 9223372036854775807);
	words	text[];
	keys	text[];
	drv	text;
	long	text[];
BEGIN
	IF p_form = 'all' THEN
		RETURN QUERY SELECT p.id FROM people p WHERE p.id < before
			ORDER BY p.id DESC LIMIT p_limit;
	ELSIF p_form = 'name' THEN
		RETURN QUERY SELECT p.id FROM people p
			WHERE person_full_name_key(p.first_name || ' ' ||
			p.last_name) = person_full_name_key(p_q)
			AND p.id < before ORDER BY p.id DESC LIMIT p_limit;
	ELSIF p_form = 'phone' THEN
		RETURN QUERY SELECT DISTINCT ph.person_id FROM person_phones ph
			WHERE ph.e164 = p_q AND ph.person_id < before
			ORDER BY 1 DESC LIMIT p_limit;
	ELSIF p_form = 'email' THEN
		RETURN QUERY SELECT e.person_id FROM person_emails e
			WHERE e.email = lower(p_q) AND e.person_id < before
			ORDER BY 1 DESC LIMIT p_limit;
	ELSIF p_form = 'words' THEN
		words := person_query_words(p_q);
		IF cardinality(words) = 0 THEN
			RETURN;
		END IF;
		SELECT array_agg(DISTINCT left(w, 16)) INTO keys FROM unnest(words) w;
		SELECT array_agg(w) INTO long FROM unnest(words) w
			WHERE length(w) > 16;
		-- The rarest key drives; counting stops at 2000 entries.
		IF cardinality(keys) = 1 THEN
			drv := keys[1];
		ELSE
			SELECT k INTO drv FROM unnest(keys) k
			ORDER BY (SELECT count(*) FROM (SELECT 1
				FROM person_name_keys x WHERE x.key = k
				LIMIT 2000) c), length(k) DESC
			LIMIT 1;
		END IF;
		RETURN QUERY SELECT n.person_id FROM person_name_keys n
			WHERE n.key = drv AND n.person_id < before
			AND NOT EXISTS (SELECT 1 FROM unnest(keys) k
				WHERE k <> drv AND NOT EXISTS (SELECT 1
				FROM person_name_keys m WHERE m.key = k
				AND m.person_id = n.person_id))
			AND (long IS NULL OR people_name_match(n.person_id, long))
			ORDER BY n.person_id DESC LIMIT p_limit;
	ELSE
		RAISE EXCEPTION 'people_search_ids: unknown form %', p_form
			USING ERRCODE = '22023';
	END IF;
END $$;
