-- Benchmark dataset: grows a migrated, seeded Communiqué database to
--   :dialogues dialogues x :statements_per_dialogue statements (2 source documents each),
--   :officials officials over 40 more nations, :commitments_per_dialogue commitments per dialogue,
-- with the fan-out of real communiqués: most statements are summaries or joint positions with no
-- named speaker, heads of delegation speak far more than other delegates, 1-3 topics and subjects
-- per statement, commitments made by 1-5 statements of their dialogue, 2-3 parties, 1-4 dated
-- status entries each backed by one of those statements.
--
-- Only INSERTs into the tables of V1__dialogue_graph.sql, naming only V1 columns, so columns added
-- by later migrations (generated tsvectors, defaults) fill themselves. Generated keys start at
-- 1,000,001 so they never meet seed keys (all below 1000). setseed() makes the data the same on
-- every run. Run with: psql -v ON_ERROR_STOP=1 -v dialogues=100 -v statements_per_dialogue=500
--   -v officials=2000 -v commitments_per_dialogue=100 -f bench/dataset.sql
begin;

select setseed(0.20231110);

-- Plain ASCII text so that PostgreSQL's length() and Java's String.length() agree on spans.
create function pg_temp.pick(a text[]) returns text language sql volatile as
    $$ select a[1 + floor(random() * array_length(a, 1))::int] $$;

create function pg_temp.phrase() returns text language sql volatile as $$
    select pg_temp.pick(array['welcomed', 'reaffirmed', 'agreed to expand', 'committed to strengthen',
               'noted progress on', 'reviewed', 'called for', 'announced', 'expressed concern about',
               'looked forward to', 'underscored the importance of', 'pledged support for',
               'decided to accelerate', 'took stock of'])
        || ' ' || pg_temp.pick(array['cooperation in defence manufacturing', 'the co-production of jet engines',
               'maritime domain awareness in the Indo-Pacific', 'critical minerals supply chains',
               'semiconductor investment', 'space situational awareness', 'counter-terrorism cooperation',
               'humanitarian assistance and disaster relief', 'a reciprocal defence procurement agreement',
               'the security of supply arrangement', 'liaison officers at regional commands',
               'joint military exercises', 'clean energy partnerships', 'the cyber security dialogue',
               'the maintenance, repair and overhaul of naval vessels', 'student and academic exchanges',
               'vaccine manufacturing', 'the resilience of undersea cables', 'artificial intelligence research',
               'quantum technologies', 'a free, open and inclusive region', 'the rules-based international order',
               'freedom of navigation and overflight', 'trade in critical and emerging technologies',
               'export control cooperation', 'the sale of unmanned aerial systems', 'armoured vehicle co-production',
               'early warning of extreme weather', 'a joint working group on terrorist financing',
               'the ceasefire and the release of hostages', 'the protection of civilians'])
        || pg_temp.pick(array['', '', ' within the next year', ' at the earliest', ' through the existing working groups',
               ' in line with international law', ' together with the private sector',
               ' under the framework agreed last year', ' and tasked officials to report back',
               ' ahead of the next ministerial meeting'])
$$;

create function pg_temp.sentence() returns text language sql volatile as $$
    select pg_temp.pick(array['The two sides', 'The ministers', 'Both delegations', 'The leaders', 'The Secretary',
               'The Minister', 'Senior officials', 'The delegations', 'Both governments', 'The two countries'])
        || ' ' || pg_temp.phrase() || '.'
$$;

create function pg_temp.paragraph() returns text language sql volatile as $$
    select string_agg(pg_temp.sentence(), ' ') from generate_series(1, 1 + floor(random() * 3)::int)
$$;

-- Nations ----------------------------------------------------------------------------------------
insert into nation (id, code, name)
select 1000000 + row_number() over (order by code), code, 'Republic of ' || code
  from (select chr(65 + a) || chr(65 + b) as code from generate_series(0, 25) a, generate_series(0, 25) b) codes
 where code not in (select code from nation)
 order by code
 limit 40;

create temp table nat as
select row_number() over (order by id) - 1 as idx, id, code, name from nation;
create temp table nat_count as select count(*)::int as n from nat;

-- Topics and subjects ----------------------------------------------------------------------------
insert into topic (id, slug, name)
select 1000000 + t, 'bench-topic-' || t, 'Topic ' || t from generate_series(1, 36) t;
insert into subject (id, slug, name, kind, nation_id)
select 1000000 + s, 'bench-subject-' || s, 'Subject ' || s,
       (array['COUNTRY', 'REGION', 'TERRITORY', 'ORGANIZATION', 'COMPANY', 'MILITARY_SYSTEM', 'EVENT',
              'ARMED_CONFLICT', 'ARMED_GROUP'])[1 + s % 9], null
  from generate_series(1, 200) s;
create temp table top as select row_number() over (order by id) - 1 as idx, id from topic;
create temp table sub as select row_number() over (order by id) - 1 as idx, id from subject;

-- Officials: spread evenly over all nations, one office each ---------------------------------------
insert into official (id, name, nation_id, other_names)
select 1000000 + i,
       pg_temp.pick(array['Anil', 'Maria', 'Kenji', 'Amara', 'Lukas', 'Priya', 'Omar', 'Sofia', 'Chen', 'Ines',
                          'David', 'Fatima', 'Ivan', 'Grace', 'Tomas', 'Leila'])
           || ' ' || pg_temp.pick(array['Sharma', 'Okafor', 'Tanaka', 'Muller', 'Silva', 'Haddad', 'Novak', 'Kim',
                                        'Garcia', 'Andersen', 'Rossi', 'Mensah', 'Petrov', 'Dubois'])
           || ' ' || i,
       (select id from nat where nat.idx = (i - 1) % (select n from nat_count)),
       case when i % 5 = 0 then array['Official ' || i] else '{}'::text[] end
  from generate_series(1, :officials) i;

insert into office (id, official_id, title, start_date)
select 1000000 + i, 1000000 + i,
       pg_temp.pick(array['Minister of Defence', 'Minister of External Affairs', 'Secretary of State',
                          'Foreign Secretary', 'Defence Secretary', 'Ambassador', 'National Security Adviser',
                          'Deputy Minister', 'Chief of Defence Staff', 'Joint Secretary']),
       date '2010-01-01' + (random() * 4000)::int
  from generate_series(1, :officials) i;

create temp table off_rank as
select id, nation_id, row_number() over (partition by nation_id order by id) - 1 as rn,
       count(*) over (partition by nation_id) as cnt
  from official;

-- Dialogues: bilateral, 10 delegates per side; delegate m = 0 heads the delegation ------------------
create temp table dlg as
select d, 1000000 + d as id,
       (select id from nat where idx = d % (select n from nat_count)) as nation_a,
       (select id from nat where idx = (d + 1 + d % ((select n from nat_count) - 1)) % (select n from nat_count)) as nation_b,
       date '2015-01-01' + d * 30 as held_on
  from generate_series(1, :dialogues) d;

insert into dialogue (id, title, format, edition, held_on, place)
select dlg.id,
       f.format || ': ' || a.name || ' and ' || b.name,
       f.format, 1 + d % 7, held_on,
       pg_temp.pick(array['New Delhi', 'Washington, D.C.', 'Tokyo', 'Canberra', 'Brussels', 'Geneva', 'Nairobi',
                          'Brasilia', 'Jakarta', 'Ottawa'])
  from dlg
  join nation a on a.id = dlg.nation_a
  join nation b on b.id = dlg.nation_b
  cross join lateral (select (array['2+2 Ministerial Dialogue', 'Strategic Dialogue', 'Defence Policy Group',
                                    'Leaders'' Summit', 'Foreign Office Consultations'])[1 + dlg.d % 5] as format) f;

insert into dialogue_nation (dialogue_id, nation_id)
select id, nation_a from dlg union all select id, nation_b from dlg;

create temp table part as
select dlg.id as dialogue_id, side, m, o.id as official_id, o.nation_id
  from dlg
  cross join generate_series(0, 1) side
  cross join generate_series(0, 9) m
  join off_rank o on o.nation_id = case side when 0 then dlg.nation_a else dlg.nation_b end
                 and o.rn = (dlg.d * 3 + m) % o.cnt;

insert into dialogue_participant (id, dialogue_id, official_id, role)
select 1000000 + row_number() over (order by dialogue_id, side, m), dialogue_id, official_id,
       case when m = 0 and side = 0 then 'HOST' when m = 9 then 'OBSERVER' else 'DELEGATION_MEMBER' end
  from part;

-- Statements: two documents per dialogue, spans laid end to end with a blank line between -----------
-- Every random choice is a column computed in a select list, so it is drawn once per row.
create temp table stmt as
select g.*,
       case when g.kind = 'DIRECT_QUOTE' then '"' || pg_temp.paragraph() || '"' else pg_temp.paragraph() end as text
  from (select 1000000 + (dlg.d - 1) * :statements_per_dialogue + s as id,
               dlg.id as dialogue_id, dlg.d, dlg.held_on,
               1000000 + (dlg.d - 1) * 2 + case when s <= :statements_per_dialogue / 2 then 1 else 2 end as document_id,
               case when s <= :statements_per_dialogue / 2 then s else s - :statements_per_dialogue / 2 end as ordinal,
               case when x < 0.45 then 'SUMMARY' when x < 0.70 then 'JOINT_POSITION'
                    when x < 0.90 then 'REPORTED_REMARK' else 'DIRECT_QUOTE' end as kind,
               floor(random() * 2)::int as side, floor(10 * power(random(), 3))::int as m,
               floor(10 * power(random(), 3))::int as m2, random() < 0.3 as two,
               floor(random() * (select count(*) from top))::int as topic_base, 1 + floor(random() * 3)::int as n_topics,
               floor(random() * (select count(*) from sub))::int as subject_base, 1 + floor(random() * 3)::int as n_subjects
          from (select dlg.*, s, random() as x from dlg cross join generate_series(1, :statements_per_dialogue) s) dlg) g;

create temp table span as
select id, sum(length(text) + 2) over (partition by document_id order by ordinal) - length(text) - 2 as span_start
  from stmt;

insert into source_document (id, title, publisher, url, published_on, content)
select stmt.document_id, 'Readout ' || stmt.document_id, 'Benchmark Wire',
       'https://example.org/readouts/' || stmt.document_id, min(stmt.held_on) + 1,
       string_agg(stmt.text, E'\n\n' order by stmt.ordinal)
  from stmt
 group by stmt.document_id;

insert into statement (id, dialogue_id, document_id, ordinal, span_start, span_end, text, kind)
select stmt.id, dialogue_id, document_id, ordinal, span.span_start, span.span_start + length(text), text, kind
  from stmt join span using (id)
 order by stmt.id;

-- Speakers: one for a reported remark, one or two for a quote; heads of delegation most often.
create temp table speaker as
select stmt.id as statement_id, p.official_id, p.nation_id
  from stmt
  join part p on p.dialogue_id = stmt.dialogue_id
             and ((p.side = stmt.side and p.m = stmt.m)
               or (stmt.kind = 'DIRECT_QUOTE' and stmt.two and p.side = 1 - stmt.side and p.m = stmt.m2))
 where stmt.kind in ('REPORTED_REMARK', 'DIRECT_QUOTE');

insert into statement_speaker (statement_id, official_id)
select statement_id, official_id from speaker;

-- A statement speaks for its speakers' nations, or for both sides when nobody is named.
insert into statement_nation (statement_id, nation_id)
select distinct statement_id, nation_id from speaker
union
select stmt.id, n.nation_id
  from stmt
  join dialogue_nation n on n.dialogue_id = stmt.dialogue_id
 where not exists (select 1 from speaker where speaker.statement_id = stmt.id);

-- 1-3 distinct topics and subjects: base + j * 7 modulo the count is distinct for j < 3.
insert into statement_topic (statement_id, topic_id)
select stmt.id, top.id
  from stmt
  cross join lateral generate_series(0, stmt.n_topics - 1) j
  join top on top.idx = (stmt.topic_base + j * 7) % (select count(*) from top);

insert into statement_subject (statement_id, subject_id)
select stmt.id, sub.id
  from stmt
  cross join lateral generate_series(0, stmt.n_subjects - 1) j
  join sub on sub.idx = (stmt.subject_base + j * 7) % (select count(*) from sub);

-- Commitments ----------------------------------------------------------------------------------
create temp table cmt as
select 1000000 + (dlg.d - 1) * :commitments_per_dialogue + c as id, dlg.id as dialogue_id, dlg.d, dlg.held_on,
       dlg.nation_a, dlg.nation_b,
       1 + floor(random() * 5)::int as n_statements,
       1 + floor(random() * :statements_per_dialogue)::int as statement_base,
       1 + floor(random() * 4)::int as n_status,
       random() < 0.5 as with_subject,
       floor(random() * (select count(*) from sub))::int as subject_idx,
       floor(random() * (select count(*) from top))::int as topic_base, 1 + floor(random() * 2)::int as n_topics,
       pg_temp.phrase() as phrase
  from dlg cross join generate_series(1, :commitments_per_dialogue) c;

insert into commitment (id, dialogue_id, title, description, kind)
select id, dialogue_id, upper(left(phrase, 1)) || substr(phrase, 2), pg_temp.paragraph(),
       (array['CO_PRODUCTION', 'SUPPLY', 'AGREEMENT', 'INSTITUTIONAL_ARRANGEMENT', 'COOPERATION',
              'CAPABILITY_BUILDING'])[1 + floor(random() * 6)::int]
  from cmt order by id;

-- 1-5 statements of the same dialogue, base + j * 97 modulo the dialogue's size: distinct for j < 5.
create temp table cmt_stmt as
select cmt.id as commitment_id, j,
       1000000 + (cmt.d - 1) * :statements_per_dialogue
           + 1 + (cmt.statement_base - 1 + j * 97) % :statements_per_dialogue as statement_id
  from cmt cross join lateral generate_series(0, cmt.n_statements - 1) j;

insert into commitment_statement (commitment_id, statement_id, relation)
select commitment_id, statement_id, case when j = 0 then 'MADE' else 'REAFFIRMED' end from cmt_stmt;

insert into commitment_party (id, commitment_id, nation_id, subject_id, role)
select 1000000 + row_number() over (order by commitment_id, ord), commitment_id, nation_id, subject_id, role
  from (select id as commitment_id, 0 as ord, nation_a as nation_id, null::bigint as subject_id,
               (array['CO_PRODUCER', 'SUPPLIER', 'SIGNATORY', 'PARTICIPANT', 'PROVIDER'])[1 + floor(random() * 5)::int] as role
          from cmt
        union all
        select id, 1, nation_b, null,
               (array['CO_PRODUCER', 'RECIPIENT', 'SIGNATORY', 'PARTICIPANT', 'BENEFICIARY'])[1 + floor(random() * 5)::int]
          from cmt
        union all
        select cmt.id, 2, null, sub.id,
               (array['CO_PRODUCER', 'SUPPLIER', 'PARTICIPANT', 'PROVIDER'])[1 + floor(random() * 4)::int]
          from cmt join sub on sub.idx = cmt.subject_idx
         where cmt.with_subject) parties;

insert into commitment_topic (commitment_id, topic_id)
select cmt.id, top.id
  from cmt
  cross join lateral generate_series(0, cmt.n_topics - 1) j
  join top on top.idx = (cmt.topic_base + j * 7) % (select count(*) from top);

-- 1-4 dated entries moving forward; each cites one of the commitment's statements.
insert into commitment_status_entry (id, commitment_id, status, as_of, note, evidence_statement_id)
select 1000000 + row_number() over (order by cmt.id, st.j), cmt.id,
       case when st.j = 0 then 'ANNOUNCED' when st.j = 1 then 'AGREED' when st.j = 2 then 'IN_PROGRESS'
            else (array['DELIVERED', 'STALLED', 'ABANDONED', 'IN_PROGRESS'])[1 + floor(random() * 4)::int] end,
       cmt.held_on + st.j * 90,
       case when st.j = 0 then 'Announced at the dialogue.' else 'Reported ' || (st.j * 90) || ' days later.' end,
       cs.statement_id
  from cmt
  cross join lateral generate_series(0, cmt.n_status - 1) as st(j)
  join cmt_stmt cs on cs.commitment_id = cmt.id and cs.j = st.j % cmt.n_statements
 order by cmt.id, st.j;

-- Rows the application creates later take identity keys above the generated ones.
do $$
declare t text;
begin
    foreach t in array array['nation', 'subject', 'topic', 'official', 'office', 'dialogue', 'dialogue_participant',
                             'source_document', 'statement', 'commitment', 'commitment_party',
                             'commitment_status_entry'] loop
        execute format('select setval(pg_get_serial_sequence(%L, ''id''), (select max(id) from %I))', t, t);
    end loop;
end $$;

commit;

-- Sets the visibility map and statistics now, as autovacuum would a little later, so that every run
-- measures the same state rather than whatever autovacuum reached by then.
vacuum analyze;
