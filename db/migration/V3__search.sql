-- Full-text search. Every searchable table carries a tsvector that PostgreSQL keeps current
-- (a generated column, or a trigger where a generated column cannot reach), with a GIN index, so
-- a search reads the index instead of parsing text. Prose uses the 'english' configuration
-- (stemming: "drones" finds "drone"); people's names use 'simple', where stemming only hurts.

-- Designations are written "F-414" and typed "F414". PostgreSQL's parser splits "F-414" into "f"
-- and the number "-414", so neither "F414" nor the prefix "F41" would ever match. Each field's
-- vector therefore also holds the joined spelling of every letters-hyphen-digits word; queries are
-- joined the same way (search_tsquery below).
create function search_compounds(t text) returns text
    language sql immutable parallel safe strict
    set search_path = pg_catalog
as $$
    select coalesce(string_agg(m[1] || m[2], ' '), '')
      from regexp_matches(t, '([[:alpha:]]+)-([[:digit:]][[:alnum:]]*)', 'g') as m
$$;

-- One field of a document: its words plus the joined designations, all at one weight
-- (A for titles and names, B for bodies), so ts_rank favours hits in titles.
create function search_field(cfg regconfig, t text, weight "char") returns tsvector
    language sql immutable parallel safe
    set search_path = pg_catalog, public
as $$
    select setweight(to_tsvector(cfg, coalesce(t, '')) || to_tsvector('simple', search_compounds(coalesce(t, ''))), weight)
$$;

-- websearch_to_tsquery (quoted phrases, "or", -exclusion) with one addition for as-you-type
-- search: while the query ends inside a word, that last word matches as a prefix ("Jaish" finds
-- Jaishankar). Not after a space or a closing quote (the word is finished), not for an
-- exclusion, and not for a trailing "or". No normalisation of the query here: see search_tsquery.
create function search_prefix_tsquery(cfg regconfig, q text) returns tsquery
    language plpgsql immutable parallel safe strict
    set search_path = pg_catalog
    -- A query of stop words only is no error, just no match: no NOTICE to the client about it.
    set client_min_messages = warning
as $$
declare
    parsed tsquery := websearch_to_tsquery(cfg, q);
    typed  text := parsed::text;
begin
    -- Exclusions alone ("-china") would match nearly everything, by a full scan: they match nothing.
    if querytree(parsed) = 'T' then
        return ''::tsquery;
    end if;
    if q ~ '[[:alnum:]]$' and q !~ '(^|[[:space:]])-[^[:space:]]*$' and q !~* '(^|[[:space:]])or$'
            and typed ~ '''$' then
        -- The last lexeme of the text form is the last word's (websearch keeps the query's order).
        return (left(typed, -1) || ''':*')::tsquery;
    end if;
    return parsed;
end $$;

-- The query that documents are matched against: letters-hyphen-digits joined as in the vectors.
-- This is the predicate's building block for other code: `c.search_vector @@ search_tsquery('english', :q)`.
create function search_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_prefix_tsquery(cfg, regexp_replace(q, '([[:alpha:]])-([[:digit:]])', '\1\2', 'g'))
$$;

-- The query that snippets are highlighted with: the search query, plus the query with a hyphen
-- put back between letters and digits ("F414" highlights "F-414" in the verbatim text, whose
-- parser tokens are "f" and "-414").
create function search_headline_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_tsquery(cfg, q)
        || search_prefix_tsquery(cfg, regexp_replace(q, '([[:alpha:]])([[:digit:]])', '\1-\2', 'g'))
$$;

-- A snippet: the text HTML-escaped, then each matched word wrapped in <mark>…</mark>, so it is safe
-- to render as HTML. A short text (a name, a title, a sentence) is given whole; a long one is cut
-- to its best two passages. Adjacent marks merge, so "F-414" reads <mark>F-414</mark>, not two marks.
create function search_snippet(cfg regconfig, t text, q tsquery) returns text
    language sql immutable parallel safe strict
    set search_path = pg_catalog
as $$
    select replace(ts_headline(cfg,
                               replace(replace(replace(t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                               q,
                               case when length(t) <= 300
                                    then 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true'
                                    else 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
                               end),
                   '</mark><mark>', '')
$$;

alter table statement add column search_vector tsvector
    generated always as (search_field('english', text, 'B')) stored;
create index statement_search_idx on statement using gin (search_vector);

alter table commitment add column search_vector tsvector
    generated always as (search_field('english', title, 'A') || search_field('english', description, 'B')) stored;
create index commitment_search_idx on commitment using gin (search_vector);

alter table topic add column search_vector tsvector
    generated always as (search_field('english', name, 'A') || search_field('english', replace(slug, '-', ' '), 'B')) stored;
create index topic_search_idx on topic using gin (search_vector);

alter table subject add column search_vector tsvector
    generated always as (search_field('english', name, 'A') || search_field('english', replace(slug, '-', ' '), 'B')) stored;
create index subject_search_idx on subject using gin (search_vector);

alter table dialogue add column search_vector tsvector
    generated always as (search_field('english', title, 'A') || search_field('english', format, 'B')
                         || search_field('english', place, 'B')) stored;
create index dialogue_search_idx on dialogue using gin (search_vector);

-- Officials are found by their name and by every other spelling met in sources ("Anthony
-- Blinken" finds Antony J. Blinken). A generated column cannot read the array (array_to_string is
-- only stable), so a trigger keeps both columns: the vector, and the plain names that trigram
-- similarity compares misspellings with.
alter table official add column search_vector tsvector;
alter table official add column search_names text;

create function official_search_sync() returns trigger
    language plpgsql
    set search_path = pg_catalog, public
as $$
begin
    new.search_names := lower(new.name || ' ' || array_to_string(new.other_names, ' '));
    new.search_vector := search_field('simple', new.name, 'A')
                      || search_field('simple', array_to_string(new.other_names, ' '), 'B');
    return new;
end $$;

create trigger official_search_sync
    before insert or update of name, other_names on official
    for each row execute function official_search_sync();

update official set name = name;
alter table official alter column search_vector set not null;
alter table official alter column search_names set not null;
create index official_search_idx on official using gin (search_vector);

-- Misspelled names ("Blinkin") are matched by trigram similarity where the pg_trgm extension can
-- be installed. It ships with PostgreSQL's contrib modules (the embedded server has it), but a
-- managed or minimal server may lack it or refuse its creation: then search simply has no fuzzy
-- part. The application checks pg_extension at start, so nothing else records availability.
do $$
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        raise notice 'pg_trgm is not available (%); search runs without trigram similarity', sqlerrm;
    end;
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        -- gin_trgm_ops lives in the extension's schema, wherever that is.
        execute format('create index official_search_names_trgm_idx on official using gin (search_names %I.gin_trgm_ops)',
                       (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                         where e.extname = 'pg_trgm'));
        execute format('create index topic_name_trgm_idx on topic using gin (lower(name) %I.gin_trgm_ops)',
                       (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                         where e.extname = 'pg_trgm'));
        execute format('create index subject_name_trgm_idx on subject using gin (lower(name) %I.gin_trgm_ops)',
                       (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                         where e.extname = 'pg_trgm'));
    end if;
end $$;
