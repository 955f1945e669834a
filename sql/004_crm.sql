-- 004_crm.sql - what the recruiter CRM needs: People search, pins, pools,
-- notifications and each recruiter's notification settings.
--
-- Search (ARCHITECTURE.md "Search syntax") answers newest first, by id (ids
-- are handed out in insertion order), paginated by keyset on id:
--   words        every word starts one of the person's name words, in any
--                order, ignoring case, accents and apostrophes. Two tables
--                kept by a trigger on people hold a person's name as keys,
--                each with the primary key (tenant_id, key, person_id), so
--                that one key's people come in id order from a backward
--                index scan that stops at the page size:
--                person_name_keys   every prefix (1-16 characters) of every
--                                   name word: "mar" -> Mary, Marquez
--                person_name_pairs  two name words' first 1, 2, 3 or 5
--                                   characters: "joh smi" -> John Smith,
--                                   Smith Johnson; "garci maria"
--                One word scans its key. More words scan the pair of the two
--                longest (a rare combination of common words is as quick
--                as a common one), and each word longer than the pair
--                holds, and each further word, is one index probe per
--                candidate.
--   "First Last" the whole normalised name: an expression index on people.
--   +E164, email exact: the indexes of 002 on person_phones, person_emails.
-- people_search_ids() holds the SQL of every form; loop-crm calls it with
-- the form its parser chose (src/people.c).

-- ---------------------------------------------------------------- names

-- A name as search sees it: lowercase, accents removed, apostrophes
-- dropped ("O'Brien" -> "obrien"), every run of characters that are
-- neither letters nor digits one space. The key of an exact full-name
-- search, and the source of a query's words.
CREATE FUNCTION person_name_norm(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$
	SELECT btrim(regexp_replace(regexp_replace(lower(public.unaccent(
		'public.unaccent'::regdictionary, $1)), '[''’ʼ`´]', '', 'g'),
		'[^[:alnum:]]+', ' ', 'g'))
$$;

CREATE FUNCTION person_query_words(text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$
	SELECT COALESCE(string_to_array(NULLIF(person_name_norm($1), ''), ' '),
		'{}')
$$;

-- A person's name words, once each: those of person_name_norm() plus the
-- parts an apostrophe joins, so that "O'Brien" is found by "obr",
-- "o'brien" and "brien". plpgsql: an order of magnitude faster than nested
-- SQL here, which matters to the trigger and to bulk loads.
CREATE FUNCTION person_name_words(first text, last text) RETURNS text[]
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	AS $$
DECLARE
	s	text := lower(public.unaccent('public.unaccent'::regdictionary,
		COALESCE(first, '') || ' ' || COALESCE(last, '')));
BEGIN
	IF s ~ '[''’ʼ`´]' THEN
		s := regexp_replace(s, '[''’ʼ`´]', '', 'g') || ' ' ||
			translate(s, '''’ʼ`´', '     ');
	END IF;
	RETURN ARRAY(SELECT DISTINCT w FROM unnest(regexp_split_to_array(s,
		'[^[:alnum:]]+')) w WHERE w <> '');
END $$;

-- Every prefix of every name word, 1 to 16 characters long, once.
CREATE FUNCTION person_name_keys_of(first text, last text) RETURNS text[]
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	AS $$
DECLARE
	w	text;
	keys	text[] := '{}';
BEGIN
	FOREACH w IN ARRAY person_name_words(first, last) LOOP
		FOR i IN 1 .. least(length(w), 16) LOOP
			keys := keys || left(w, i);
		END LOOP;
	END LOOP;
	RETURN ARRAY(SELECT DISTINCT unnest(keys));
END $$;

-- The part of a word a pair key holds: whole up to 3 characters, the
-- first 3 of a 4-character word, the first 5 of a longer one.
CREATE FUNCTION person_pair_part(w text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$
	SELECT CASE WHEN length(w) >= 5 THEN left(w, 5)
		WHEN length(w) = 4 THEN left(w, 3) ELSE w END
$$;

-- "garci maria": the pair key of two words, their parts in order.
CREATE FUNCTION person_pair_key(a text, b text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$
	SELECT least(person_pair_part(a), person_pair_part(b)) || ' ' ||
		greatest(person_pair_part(a), person_pair_part(b))
$$;

-- Every pair key of two different name words (their prefixes of 1, 2, 3
-- and 5 characters), once.
CREATE FUNCTION person_name_pairs_of(first text, last text) RETURNS text[]
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	AS $$
DECLARE
	w	text[] := person_name_words(first, last);
	n	int := coalesce(array_length(w, 1), 0);
	keys	text[] := '{}';
	a	text;
	b	text;
	x	int;
	y	int;
BEGIN
	FOR i IN 1 .. n LOOP
		FOR j IN i + 1 .. n LOOP
			FOREACH x IN ARRAY ARRAY[1, 2, 3, 5] LOOP
				CONTINUE WHEN x > length(w[i]);
				FOREACH y IN ARRAY ARRAY[1, 2, 3, 5] LOOP
					CONTINUE WHEN y > length(w[j]);
					a := left(w[i], x);
					b := left(w[j], y);
					keys := keys || (least(a, b) || ' ' ||
						greatest(a, b));
				END LOOP;
			END LOOP;
		END LOOP;
	END LOOP;
	RETURN ARRAY(SELECT DISTINCT unnest(keys));
END $$;

CREATE TABLE person_name_keys (
	tenant_id	bigint NOT NULL,
	key		text COLLATE "C" NOT NULL,
	person_id	bigint NOT NULL,
	PRIMARY KEY (tenant_id, key, person_id)
);
ALTER TABLE person_name_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_name_keys
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE person_name_pairs (
	tenant_id	bigint NOT NULL,
	key		text COLLATE "C" NOT NULL,
	person_id	bigint NOT NULL,
	PRIMARY KEY (tenant_id, key, person_id)
);
ALTER TABLE person_name_pairs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_name_pairs
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Runs as the owner whoever writes people (loop-hooks, loop-crm, loopctl):
-- the keys come from the row itself, so no caller can forge them. Deletes
-- go by the old row's keys (the primary keys), so no second index is
-- needed.
CREATE FUNCTION person_name_keys_sync() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM person_name_keys
		WHERE tenant_id = OLD.tenant_id AND person_id = OLD.id
		AND key = ANY (person_name_keys_of(OLD.first_name, OLD.last_name));
		DELETE FROM person_name_pairs
		WHERE tenant_id = OLD.tenant_id AND person_id = OLD.id
		AND key = ANY (person_name_pairs_of(OLD.first_name,
		OLD.last_name));
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO person_name_keys (tenant_id, key, person_id)
		SELECT NEW.tenant_id, k, NEW.id
		FROM unnest(person_name_keys_of(NEW.first_name, NEW.last_name)) k
		ON CONFLICT DO NOTHING;
		INSERT INTO person_name_pairs (tenant_id, key, person_id)
		SELECT NEW.tenant_id, k, NEW.id
		FROM unnest(person_name_pairs_of(NEW.first_name, NEW.last_name)) k
		ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION person_name_keys_sync() FROM PUBLIC;
CREATE TRIGGER people_name_keys AFTER INSERT OR DELETE
	OR UPDATE OF first_name, last_name ON people
	FOR EACH ROW EXECUTE FUNCTION person_name_keys_sync();

-- The key of a person's full name. LEAKPROOF (it cannot fail or tell
-- anything about a row but its value), and plpgsql so that it is never
-- inlined: under row-level security only leakproof conditions may use an
-- index, and people_full_name is what an exact full-name search needs.
CREATE FUNCTION person_full_name(first text, last text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE LEAKPROOF PARALLEL SAFE
	AS $$
BEGIN
	RETURN person_name_norm(COALESCE(first, '') || ' ' || COALESCE(last, ''));
END $$;

CREATE INDEX people_full_name ON people
	(tenant_id, person_full_name(first_name, last_name), id);

-- Keys of the people who existed before this migration.
INSERT INTO person_name_keys (tenant_id, key, person_id)
SELECT p.tenant_id, k, p.id
FROM people p, unnest(person_name_keys_of(p.first_name, p.last_name)) k;
INSERT INTO person_name_pairs (tenant_id, key, person_id)
SELECT p.tenant_id, k, p.id
FROM people p, unnest(person_name_pairs_of(p.first_name, p.last_name)) k;

-- True when each of words starts a name word of person p_id: the recheck
-- for words longer than the 16 characters a key holds.
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
-- (p_q: the words as typed), 'name' (a full name), 'phone' (E.164),
-- 'email'. Row-level security keeps it to the caller's tenant.
CREATE FUNCTION people_search_ids(p_form text, p_q text, p_before bigint,
	p_limit int) RETURNS SETOF bigint
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	AS $$
DECLARE
	before	bigint := COALESCE(p_before, 9223372036854775807);
	words	text[];
	probe	text[];
	long	text[];
BEGIN
	IF p_form = 'all' THEN
		RETURN QUERY SELECT p.id FROM people p WHERE p.id < before
			ORDER BY p.id DESC LIMIT p_limit;
	ELSIF p_form = 'name' THEN
		RETURN QUERY SELECT p.id FROM people p
			WHERE person_full_name(p.first_name, p.last_name) =
			person_name_norm(p_q)
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
		-- Longest first; a word that starts another adds nothing.
		words := person_query_words(p_q);
		SELECT array_agg(w ORDER BY length(w) DESC, w) INTO words
			FROM (SELECT DISTINCT w FROM unnest(words) w) d
			WHERE NOT EXISTS (SELECT 1 FROM unnest(words) o
			WHERE o <> w AND starts_with(o, w));
		IF words IS NULL THEN
			RETURN;
		END IF;
		SELECT array_agg(w) INTO long FROM unnest(words) w
			WHERE length(w) > 16;
		IF cardinality(words) = 1 THEN
			RETURN QUERY SELECT n.person_id FROM person_name_keys n
				WHERE n.key = left(words[1], 16)
				AND n.person_id < before
				AND (long IS NULL OR people_name_match(n.person_id,
				long))
				ORDER BY n.person_id DESC LIMIT p_limit;
			RETURN;
		END IF;
		-- The pair of the two longest words drives; the keys it does
		-- not hold whole are probed.
		SELECT array_agg(left(w, 16)) INTO probe
			FROM unnest(words) WITH ORDINALITY AS t (w, i)
			WHERE i > 2 OR length(w) > length(person_pair_part(w));
		RETURN QUERY SELECT n.person_id FROM person_name_pairs n
			WHERE n.key = person_pair_key(words[1], words[2])
			AND n.person_id < before
			AND NOT EXISTS (SELECT 1 FROM unnest(probe) k
				WHERE NOT EXISTS (SELECT 1 FROM person_name_keys m
				WHERE m.key = k AND m.person_id = n.person_id))
			AND (long IS NULL OR people_name_match(n.person_id, long))
			ORDER BY n.person_id DESC LIMIT p_limit;
	ELSE
		RAISE EXCEPTION 'people_search_ids: unknown form %', p_form
			USING ERRCODE = '22023';
	END IF;
END $$;

-- ---------------------------------------------------------- pools, pins

-- A pool: a list of people a recruiter keeps (the team sees every pool).
CREATE TABLE pools (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	owner_id	bigint REFERENCES users (id) ON DELETE SET NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX pools_name ON pools (tenant_id, lower(name));
ALTER TABLE pools ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pools
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE pool_members (
	tenant_id	bigint NOT NULL,
	pool_id		bigint NOT NULL,
	person_id	bigint NOT NULL,
	added_by	bigint REFERENCES users (id) ON DELETE SET NULL,
	added_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, pool_id, person_id),
	FOREIGN KEY (tenant_id, pool_id) REFERENCES pools ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
);
CREATE INDEX pool_members_person ON pool_members (tenant_id, person_id);
ALTER TABLE pool_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pool_members
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- What a recruiter pinned: exactly one of a person, a pool, a requisition
-- (a Greenhouse job). Each goes with what it points at.
CREATE TABLE pins (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	user_id		bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	person_id	bigint,
	pool_id		bigint,
	job_id		bigint,
	created_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	CHECK (num_nonnulls(person_id, pool_id, job_id) = 1),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, pool_id) REFERENCES pools ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, job_id) REFERENCES jobs ON DELETE CASCADE
);
CREATE UNIQUE INDEX pins_person ON pins (tenant_id, person_id, user_id)
	WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX pins_pool ON pins (tenant_id, pool_id, user_id)
	WHERE pool_id IS NOT NULL;
CREATE UNIQUE INDEX pins_job ON pins (tenant_id, job_id, user_id)
	WHERE job_id IS NOT NULL;
CREATE INDEX pins_user ON pins (tenant_id, user_id, id);
ALTER TABLE pins ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pins
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- ---------------------------------------------------------- notifications

-- Per recruiter and event: which channels notify them. No row: the CRM
-- only (src/notify.c holds the defaults and the list of events).
CREATE TABLE notification_settings (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	user_id		bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	event		text NOT NULL CHECK (event ~ '^[a-z_]{1,40}$'),
	in_crm		boolean NOT NULL DEFAULT true,
	by_email	boolean NOT NULL DEFAULT false,
	by_sms		boolean NOT NULL DEFAULT false,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, user_id, event)
);
ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_settings
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- What the CRM shows a recruiter (email and SMS go through the outbox).
CREATE TABLE notifications (
	tenant_id	bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id		bigserial NOT NULL UNIQUE,
	user_id		bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	event		text NOT NULL CHECK (event ~ '^[a-z_]{1,40}$'),
	person_id	bigint,
	message		text NOT NULL CHECK (length(message) <= 1000),
	dedupe_key	text CHECK (length(dedupe_key) <= 200),
	created_at	timestamptz NOT NULL DEFAULT now(),
	read_at		timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people ON DELETE CASCADE
);
CREATE INDEX notifications_user ON notifications (tenant_id, user_id, id);
CREATE INDEX notifications_unread ON notifications (tenant_id, user_id)
	WHERE read_at IS NULL;
CREATE INDEX notifications_person ON notifications (tenant_id, person_id)
	WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX notifications_once ON notifications
	(tenant_id, user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
	USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- The recruiters an event about person p_id concerns - the owner, whoever
-- pinned the person, and the owners and pinners of pools the person is in
-- and of requisitions the person applied to - with their channels for
-- p_event. SECURITY DEFINER so that loop-public and loop-hooks (where
-- consent changes) need no grants on users, pins and pools; every table is
-- narrowed to the transaction's tenant by hand.
CREATE FUNCTION notify_recipients(p_id bigint, p_event text)
RETURNS TABLE (user_id bigint, name text, email text, phone text,
	in_crm boolean, by_email boolean, by_sms boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	WITH r (uid) AS (
		SELECT owner_id FROM people
		WHERE tenant_id = app_tenant() AND id = p_id
		UNION
		SELECT pi.user_id FROM pins pi
		WHERE pi.tenant_id = app_tenant() AND pi.person_id = p_id
		UNION
		SELECT po.owner_id FROM pool_members m JOIN pools po
			ON po.tenant_id = m.tenant_id AND po.id = m.pool_id
		WHERE m.tenant_id = app_tenant() AND m.person_id = p_id
		UNION
		SELECT pi.user_id FROM pool_members m JOIN pins pi
			ON pi.tenant_id = m.tenant_id AND pi.pool_id = m.pool_id
		WHERE m.tenant_id = app_tenant() AND m.person_id = p_id
		UNION
		SELECT pi.user_id FROM applications a JOIN jobs j
			ON j.tenant_id = a.tenant_id AND j.greenhouse_id = a.job_gh_id
			JOIN pins pi ON pi.tenant_id = j.tenant_id AND pi.job_id = j.id
		WHERE a.tenant_id = app_tenant() AND a.person_id = p_id
	)
	SELECT u.id, u.name, u.email, u.phone, COALESCE(s.in_crm, true),
		COALESCE(s.by_email, false), COALESCE(s.by_sms, false)
	FROM r JOIN users u ON u.id = r.uid AND u.tenant_id = app_tenant()
	LEFT JOIN notification_settings s ON s.tenant_id = u.tenant_id
		AND s.user_id = u.id AND s.event = p_event
	ORDER BY u.id
$$;
REVOKE ALL ON FUNCTION notify_recipients(bigint, text) FROM PUBLIC;

-- ---------------------------------------------------------------- grants

GRANT EXECUTE ON FUNCTION person_name_norm(text), person_query_words(text),
	person_full_name(text, text), person_pair_key(text, text),
	person_pair_part(text),
	person_name_pairs_of(text, text),
	person_name_words(text, text), person_name_keys_of(text, text),
	people_name_match(bigint, text[]),
	people_search_ids(text, text, bigint, int)
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT EXECUTE ON FUNCTION notify_recipients(bigint, text)
	TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT SELECT ON person_name_keys, person_name_pairs TO loop_crm;
GRANT SELECT, INSERT, UPDATE, DELETE ON pools, pool_members, pins,
	notification_settings TO loop_crm;
GRANT USAGE ON SEQUENCE pools_id_seq, pins_id_seq TO loop_crm;
GRANT SELECT, UPDATE ON notifications TO loop_crm;
GRANT INSERT ON notifications TO loop_crm, loop_public, loop_hooks, loop_cron;
GRANT USAGE ON SEQUENCE notifications_id_seq
	TO loop_crm, loop_public, loop_hooks, loop_cron;
