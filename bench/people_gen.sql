-- people_gen.sql - N realistic people in one tenant, fast, for the People
-- search benchmark (bench/people.sh). Run as the database owner:
--   psql -v tenant=ID -v n=1000000 -v owner=USER_ID -f bench/people_gen.sql
-- Names follow a skewed (Zipf-like) choice from common US first and last
-- names with a share of accented and apostrophe names; each person has one
-- email and one mobile number, both unique; created_at spreads over three
-- years in id order. Triggers and foreign-key checks are off for the bulk
-- load (session_replication_role = replica: the rows are consistent by
-- construction, and per-row triggers would take hours); the name keys and
-- pairs are written as the trigger would, in one pass each, and indexed
-- after; then everything is analysed.
\set ON_ERROR_STOP on
SELECT set_config('app.tenant_id', :'tenant', false);
SET session_replication_role = replica;

CREATE TEMP TABLE gen_first (i int, name text);
INSERT INTO gen_first SELECT i, n FROM unnest(ARRAY[
'James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda',
'David','Elizabeth','William','Barbara','Richard','Susan','Joseph','Jessica',
'Thomas','Sarah','Christopher','Karen','Charles','Lisa','Daniel','Nancy',
'Matthew','Betty','Anthony','Sandra','Mark','Margaret','Donald','Ashley',
'Steven','Kimberly','Andrew','Emily','Paul','Donna','Joshua','Michelle',
'Kenneth','Carol','Kevin','Amanda','Brian','Melissa','Timothy','Deborah',
'Ronald','Stephanie','George','Dorothy','Jason','Rebecca','Edward','Sharon',
'Jeffrey','Laura','Ryan','Cynthia','Jacob','Amy','Gary','Kathleen',
'Nicholas','Angela','Eric','Shirley','Jonathan','Brenda','Stephen','Emma',
'Larry','Anna','Justin','Pamela','Scott','Nicole','Brandon','Samantha',
'Benjamin','Katherine','Samuel','Christine','Gregory','Helen','Alexander',
'Debra','Patrick','Rachel','Frank','Carolyn','Raymond','Janet','Jack',
'Maria','Dennis','Olivia','Jerry','Heather','Tyler','Diane','Aaron','Julie',
'José','Joyce','Adam','Victoria','Nathan','Ruth','Henry','Virginia',
'Zachary','Lauren','Douglas','Kelly','Peter','Christina','Kyle','Joan',
'Noah','Evelyn','Ethan','Judith','Jeremy','Andrea','Walter','Hannah',
'Christian','Megan','Keith','Cheryl','Roger','Jacqueline','Terry','Martha',
'Austin','Madison','Sean','Teresa','Gerald','Gloria','Carl','Sara','Harold',
'Janice','Dylan','Ann','Arthur','Kathryn','Lawrence','Abigail','Jordan',
'Sophia','Jesse','Frances','Bryan','Jean','Billy','Alice','Bruce','Judy',
'Gabriel','Isabella','Joe','Julia','Logan','Grace','Alan','Amber','Juan',
'Denise','Albert','Danielle','Willie','Marilyn','Elijah','Beverly','Wayne',
'Charlotte','Randy','Natalie','Vincent','Theresa','Mason','Diana','Roy',
'Brittany','Ralph','Doris','Bobby','Kayla','Russell','Alexis','Bradley',
'Lori','Philip','Marie','Eugene','Zoë','Renée','François','Chloé','Léa',
'Søren','Björn','Jürgen','Zoltán','Siobhán','Seán','Niamh','Aoife','Ángel',
'Inés','Lucía','Sofía','Mateo','Joaquín','Ramón','Héctor','Agustín',
'Mei','Wei','Hiroshi','Yuki','Priya','Arjun','Aditya','Ananya','Fatima',
'Omar','Ahmed','Aisha','Olumide','Chidi','Ngozi','Kwame','Dmitri','Olga',
'Natalia','Ivan','Katarzyna','Łukasz','Małgorzata','Tomáš','Dvořák'])
WITH ORDINALITY AS t (n, i);

CREATE TEMP TABLE gen_last (i int, name text);
INSERT INTO gen_last SELECT i, n FROM unnest(ARRAY[
'Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis',
'Rodriguez','Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson',
'Thomas','Taylor','Moore','Jackson','Martin','Lee','Perez','Thompson',
'White','Harris','Sanchez','Clark','Ramirez','Lewis','Robinson','Walker',
'Young','Allen','King','Wright','Scott','Torres','Nguyen','Hill','Flores',
'Green','Adams','Nelson','Baker','Hall','Rivera','Campbell','Mitchell',
'Carter','Roberts','Gomez','Phillips','Evans','Turner','Diaz','Parker',
'Cruz','Edwards','Collins','Reyes','Stewart','Morris','Morales','Murphy',
'Cook','Rogers','Gutierrez','Ortiz','Morgan','Cooper','Peterson','Bailey',
'Reed','Kelly','Howard','Ramos','Kim','Cox','Ward','Richardson','Watson',
'Brooks','Chavez','Wood','James','Bennett','Gray','Mendoza','Ruiz','Hughes',
'Price','Alvarez','Castillo','Sanders','Patel','Myers','Long','Ross',
'Foster','Jimenez','Powell','Jenkins','Perry','Russell','Sullivan','Bell',
'Coleman','Butler','Henderson','Barnes','Gonzales','Fisher','Vasquez',
'Simmons','Romero','Jordan','Patterson','Alexander','Hamilton','Graham',
'Reynolds','Griffin','Wallace','Moreno','West','Cole','Hayes','Bryant',
'Herrera','Gibson','Ellis','Tran','Medina','Aguilar','Stevens','Murray',
'Ford','Castro','Marshall','Owens','Harrison','Fernandez','McDonald',
'Woods','Washington','Kennedy','Wells','Vargas','Henry','Chen','Freeman',
'Webb','Tucker','Guzman','Burns','Crawford','Olson','Simpson','Porter',
'Hunter','Gordon','Mendez','Silva','Shaw','Snyder','Mason','Dixon',
'Muñoz','Hunt','Hicks','Holmes','Palmer','Wagner','Black','Robertson',
'Boyd','Rose','Stone','Salazar','Fox','Warren','Mills','Meyer','Rice',
'Schmidt','Garza','Daniels','Ferguson','Nichols','Stephens','Soto','Weaver',
'Ryan','Gardner','Payne','Grant','Dunn','Kelley','Spencer','Hawkins',
'O''Brien','O''Connor','O''Neill','D''Angelo','Dell''Aqua','MacDonald',
'Van der Berg','de la Cruz','García Márquez','Müller','Schröder','Björk',
'Ødegaard','Łukaszewski','Nowak','Kowalski','Wiśniewska','Dvořáková',
'Novák','Horváth','Nagy','Yılmaz','Öztürk','Šimić','Kovačević','Jovanović',
'Wang','Li','Zhang','Liu','Yang','Huang','Zhao','Wu','Zhou','Xu','Sun',
'Tanaka','Suzuki','Takahashi','Watanabe','Sato','Yamamoto','Nakamura',
'Sharma','Singh','Kumar','Gupta','Reddy','Iyer','Khan','Hussain','Ali',
'Okafor','Adeyemi','Mensah','Ivanov','Petrov','Sokolova','Andersson',
'Johansson','Nielsen','Hansen','Jensen','Larsen','Virtanen','Korhonen',
'Rossi','Russo','Ferrari','Esposito','Bianchi','Romano','Dubois','Lefèvre',
'Moreau','Laurent','Girard','Rousseau','Bonnet','Fontaine','Chevalier'])
WITH ORDINALITY AS t (n, i);

CREATE TEMP TABLE gen_area (i int, code text);
INSERT INTO gen_area SELECT i, c FROM unnest(ARRAY[
'202','212','213','206','212','215','303','305','312','313','314','347',
'404','407','408','410','412','415','425','469','480','503','504','510',
'512','513','571','602','614','615','617','619','626','646','650','667',
'678','702','713','714','718','720','737','773','786','801','818','832',
'858','917']) WITH ORDINALITY AS t (c, i);

-- A rerun starts from an empty tenant (no cascades in replica mode).
DELETE FROM person_name_keys WHERE tenant_id = :tenant;
DELETE FROM person_name_pairs WHERE tenant_id = :tenant;
DELETE FROM person_emails WHERE tenant_id = :tenant;
DELETE FROM person_phones WHERE tenant_id = :tenant;
DELETE FROM people WHERE tenant_id = :tenant;

SELECT max(i) AS nf FROM gen_first \gset
SELECT max(i) AS nl FROM gen_last \gset
SELECT COALESCE(max(id), 0) AS base FROM people \gset

-- Skewed like real names: P(rank <= k) = (k / count)^(1/1.5), so the most
-- common first or last name is about 2.5% of people.
CREATE TEMP TABLE gen_people AS
SELECT g AS k,
	1 + floor(:nf * power(random(), 1.5))::int AS fi,
	1 + floor(:nl * power(random(), 1.5))::int AS li,
	now() - (:n - g) * interval '90 seconds' AS at
FROM generate_series(1, :n) g;

INSERT INTO people (tenant_id, kind, first_name, last_name, owner_id,
	sms_consent, source, created_at, updated_at)
SELECT :tenant, CASE WHEN g.k % 5 = 0 THEN 'prospect' ELSE 'candidate' END,
	f.name, l.name, CASE WHEN g.k % 3 = 0 THEN :owner END,
	(ARRAY['none','none','granted','requested','revoked'])[1 + g.k % 5],
	'import', g.at, g.at
FROM gen_people g JOIN gen_first f ON f.i = g.fi JOIN gen_last l ON l.i = g.li
ORDER BY g.k;

INSERT INTO person_emails (tenant_id, person_id, email, type, is_primary)
SELECT p.tenant_id, p.id,
	regexp_replace(lower(f_unaccent(p.first_name || '.' || p.last_name)),
	'[^a-z.]', '', 'g') || '.' || (p.id - :base) || '@' ||
	(ARRAY['gmail.com','yahoo.com','outlook.com','example.com',
	'icloud.com','proton.me'])[1 + p.id % 6], 'personal', true
FROM people p WHERE p.tenant_id = :tenant AND p.id > :base;

INSERT INTO person_phones (tenant_id, person_id, seq, raw, e164, type)
SELECT p.tenant_id, p.id, 0, v.e164, v.e164, 'mobile'
FROM people p, LATERAL (SELECT '+1' || a.code ||
	(2000000 + (p.id - :base) / 50)::text AS e164
	FROM gen_area a WHERE a.i = 1 + (p.id - :base) % 50) v
WHERE p.tenant_id = :tenant AND p.id > :base;

-- Loading the keys without their indexes and building those after is
-- twice as fast as keeping 12-million-entry indexes up to date row by row.
ALTER TABLE person_name_keys DROP CONSTRAINT person_name_keys_pkey;
ALTER TABLE person_name_pairs DROP CONSTRAINT person_name_pairs_pkey;
INSERT INTO person_name_keys (tenant_id, key, person_id)
SELECT p.tenant_id, k, p.id
FROM people p, unnest(person_name_keys_of(p.first_name, p.last_name)) k
WHERE p.tenant_id = :tenant AND p.id > :base;
INSERT INTO person_name_pairs (tenant_id, key, person_id)
SELECT p.tenant_id, k, p.id
FROM people p, unnest(person_name_pairs_of(p.first_name, p.last_name)) k
WHERE p.tenant_id = :tenant AND p.id > :base;
SET maintenance_work_mem = '1GB';
ALTER TABLE person_name_keys ADD PRIMARY KEY (tenant_id, key, person_id);
ALTER TABLE person_name_pairs ADD PRIMARY KEY (tenant_id, key, person_id);
RESET maintenance_work_mem;
RESET session_replication_role;
VACUUM (ANALYZE) people, person_emails, person_phones, person_name_keys,
	person_name_pairs;
