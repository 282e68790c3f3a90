-- Two things people type into a search box that V3's search did not understand.
--
-- 1. British and American spellings. The sources of this product are Indian and American: the same
--    ministry is the "Ministry of Defence" in one and "defense" in the other, and the English stemmer
--    keeps them apart ('defenc', 'defens'). "defense" found no statement that says "defence", only
--    names through trigrams. The search query now matches every listed spelling of a word it holds;
--    the stored vectors are unchanged, so nothing is re-indexed.
--
-- 2. A trailing '*' ("semicond*"), which many search boxes take as "a word starting with". V3 made
--    only the last word a prefix, and only while the query ended inside it; websearch_to_tsquery
--    drops the '*', so "semicond*" looked for the whole word "semicond" and found nothing. A word
--    written with a '*' right after it now matches as a prefix, wherever it stands.

-- The pairs, as words. Each configuration's lexemes are made from them when this migration runs,
-- and written into search_with_spellings as constants, so that it stays immutable (a function that
-- read a table could not be) and costs a lookup, not a query, per call. A pair whose spellings
-- give the same lexeme ("fulfil"/"fulfill") is left out: it needs nothing.
do $do$
declare
    pairs constant text[] := array[
        ['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'], ['pretence', 'pretense'],
        ['programme', 'program'], ['programmes', 'programs'], ['catalogue', 'catalog'], ['dialogue', 'dialog'],
        ['centre', 'center'], ['centres', 'centers'], ['metre', 'meter'], ['theatre', 'theater'],
        ['labour', 'labor'], ['favour', 'favor'], ['honour', 'honor'], ['endeavour', 'endeavor'],
        ['behaviour', 'behavior'], ['neighbour', 'neighbor'], ['neighbourhood', 'neighborhood'],
        ['colour', 'color'], ['harbour', 'harbor'], ['vigour', 'vigor'], ['rumour', 'rumor'],
        ['judgement', 'judgment'], ['manoeuvre', 'maneuver'], ['manoeuvres', 'maneuvers'],
        ['analyse', 'analyze'], ['paralyse', 'paralyze'],
        ['organise', 'organize'], ['organisation', 'organization'], ['organisations', 'organizations'],
        ['realise', 'realize'], ['recognise', 'recognize'], ['modernise', 'modernize'],
        ['modernisation', 'modernization'], ['prioritise', 'prioritize'], ['emphasise', 'emphasize'],
        ['harmonise', 'harmonize'], ['mobilise', 'mobilize'], ['mobilisation', 'mobilization'],
        ['authorise', 'authorize'], ['authorisation', 'authorization'], ['standardise', 'standardize'],
        ['standardisation', 'standardization'], ['finalise', 'finalize'], ['utilise', 'utilize'],
        ['minimise', 'minimize'], ['maximise', 'maximize'], ['criticise', 'criticize'],
        ['civilisation', 'civilization'], ['stabilise', 'stabilize'], ['stabilisation', 'stabilization'],
        ['normalise', 'normalize'], ['normalisation', 'normalization'], ['operationalise', 'operationalize'],
        ['digitalisation', 'digitalization'], ['digitisation', 'digitization'], ['privatisation', 'privatization'],
        ['globalisation', 'globalization'], ['industrialisation', 'industrialization'],
        ['localisation', 'localization'], ['militarisation', 'militarization'],
        ['demilitarisation', 'demilitarization'], ['weaponisation', 'weaponization'],
        ['decarbonisation', 'decarbonization'], ['synergise', 'synergize'], ['capitalise', 'capitalize'],
        ['characterise', 'characterize'], ['symbolise', 'symbolize'], ['jewellery', 'jewelry'],
        ['aluminium', 'aluminum'], ['sulphur', 'sulfur'],
        ['enrolment', 'enrollment'], ['ageing', 'aging']];
    english jsonb;
    simple  jsonb;
begin
    select coalesce(jsonb_object_agg(a, b) filter (where cfg = 'english'), '{}'),
           coalesce(jsonb_object_agg(a, b) filter (where cfg = 'simple'), '{}')
      into english, simple
      from (select distinct cfg, l1 as a, l2 as b
              from unnest(array['english', 'simple']) as c(cfg),
                   generate_subscripts(pairs, 1) as i,
                   lateral (select tsvector_to_array(to_tsvector(cfg::regconfig, pairs[i][1])),
                                   tsvector_to_array(to_tsvector(cfg::regconfig, pairs[i][2]))) as v(v1, v2),
                   lateral (values (v1[1], v2[1]), (v2[1], v1[1])) as l(l1, l2)
             where cardinality(v1) = 1 and cardinality(v2) = 1 and v1[1] <> v2[1]) as both_ways;
    -- The query, with every lexeme that has another spelling matching either ("defens" becomes
    -- 'defens' | 'defenc'), a prefix staying a prefix. ts_rewrite matches a lexeme whether or not it
    -- is a prefix, so the replacement is chosen from how the lexeme stands in the query.
    execute format($f$
        create function search_with_spellings(cfg regconfig, q tsquery) returns tsquery
            language plpgsql immutable parallel safe strict
            set search_path = pg_catalog, public
        as $body$
        declare
            variants constant jsonb := case cfg when 'english'::regconfig then %L::jsonb
                                                when 'simple'::regconfig then %L::jsonb
                                                else '{}'::jsonb end;
            result   tsquery := q;
            -- In a tsquery's text form every lexeme stands between quotes, so the even parts of
            -- the text cut at quotes are the lexemes. (A lexeme with a quote in it would shift them;
            -- none of the listed spellings has one, so that can only cost a variant, never a match.)
            parts    constant text[] := string_to_array(q::text, '''');
            mark     text;
            other    text;
        begin
            for i in 2 .. coalesce(array_length(parts, 1), 0) by 2 loop
                other := variants ->> parts[i];
                if other is not null then
                    mark := case when left(coalesce(parts[i + 1], ''), 2) = ':*' then ':*' else '' end;
                    result := ts_rewrite(result, ('''' || parts[i] || '''')::tsquery,
                                         ('''' || parts[i] || '''' || mark || ' | ''' || other || '''' || mark)::tsquery);
                end if;
            end loop;
            return result;
        end
        $body$$f$, english, simple);
end
$do$;

-- V3's function, with starred words made prefixes. The '*' is taken off before parsing (the parser
-- would drop it anyway); each starred word's lexemes, as this configuration makes them, then get
-- ':*' wherever they stand in the parsed query, outside phrases and inside them alike.
create or replace function search_prefix_tsquery(cfg regconfig, q text) returns tsquery
    language plpgsql immutable parallel safe strict
    set search_path = pg_catalog
    -- A query of stop words only is no error, just no match: no NOTICE to the client about it.
    set client_min_messages = warning
as $$
declare
    parsed  tsquery := websearch_to_tsquery(cfg, replace(q, '*', ' '));
    typed   text := parsed::text;
    lexeme  text;
begin
    -- Exclusions alone ("-china") would match nearly everything, by a full scan: they match nothing.
    if querytree(parsed) = 'T' then
        return ''::tsquery;
    end if;
    if strpos(q, '*') > 0 then
        for lexeme in
            select distinct l
              from regexp_matches(q, '([[:alnum:]]+)\*', 'g') as m,
                   unnest(tsvector_to_array(to_tsvector(cfg, m[1]))) as l
        loop
            -- Lexemes are letters and digits only here, so they need no escaping in the pattern.
            typed := regexp_replace(typed, '''' || lexeme || '''(?!:)', '''' || lexeme || ''':*', 'g');
        end loop;
        parsed := typed::tsquery;
    end if;
    if q ~ '[[:alnum:]]$' and q !~ '(^|[[:space:]])-[^[:space:]]*$' and q !~* '(^|[[:space:]])or$'
            and typed ~ '''$' then
        -- The last lexeme of the text form is the last word's (websearch keeps the query's order).
        return (left(typed, -1) || ''':*')::tsquery;
    end if;
    return parsed;
end $$;

create or replace function search_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_with_spellings(cfg,
                                 search_prefix_tsquery(cfg, regexp_replace(q, '([[:alpha:]])-([[:digit:]])', '\1\2', 'g')))
$$;

-- The headline query had the hyphenated form of designations added; it now gets the other
-- spellings too, so "defense" marks "defence" in a snippet.
create or replace function search_headline_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_tsquery(cfg, q)
        || search_with_spellings(cfg,
                                 search_prefix_tsquery(cfg, regexp_replace(q, '([[:alpha:]])([[:digit:]])', '\1-\2', 'g')))
$$;
