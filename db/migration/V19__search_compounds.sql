-- Words that one usage writes joined and another hyphenated. The Indian source writes
-- "counter-terrorism" and "co-production"; an American reader types "counterterrorism" and
-- "coproduction", and a British one "co-operation" where the source says "cooperation". The parser
-- makes "counter-terrorism" the lexemes 'counter-terror', 'counter' and 'terror', and
-- "counterterrorism" the one lexeme 'counterterror', so neither found the other.
--
-- Two steps, both in the search query (the stored vectors are unchanged, so nothing is re-indexed):
--
-- 1. Before parsing, a listed hyphenated word outside quotes is written joined ("co-operation"
--    becomes "cooperation"), exclusions included ("-co-operation" excludes both forms).
-- 2. After parsing, a listed joined lexeme also matches its hyphenated form ('counterterror' becomes
--    'counterterror' | ('counter-terror' <-> 'counter' <-> 'terror'), as the hyphenated word typed).
--
-- Inside a quoted phrase a hyphenated word is left as typed: it spans three positions in a stored
-- text and one when joined, so a phrase could not hold both forms; there it finds the form typed.
-- The pairs are listed, not guessed: splitting a joined word needs to know where ("co|operation",
-- not "coop|eration"), and not every hyphen joins ("Indo-Pacific" is never written "IndoPacific").
do $do$
declare
    pairs constant text[] := array[
        ['counter-terrorism', 'counterterrorism'], ['counter-terrorist', 'counterterrorist'],
        ['counter-narcotics', 'counternarcotics'], ['counter-insurgency', 'counterinsurgency'],
        ['counter-measures', 'countermeasures'], ['counter-measure', 'countermeasure'],
        ['co-operation', 'cooperation'], ['co-operate', 'cooperate'], ['co-operative', 'cooperative'],
        ['co-ordination', 'coordination'], ['co-ordinate', 'coordinate'], ['co-ordinated', 'coordinated'],
        ['co-production', 'coproduction'], ['co-produce', 'coproduce'], ['co-producing', 'coproducing'],
        ['co-development', 'codevelopment'], ['co-develop', 'codevelop'], ['co-developing', 'codeveloping'],
        ['co-existence', 'coexistence'], ['co-sponsor', 'cosponsor'], ['co-sponsored', 'cosponsored'],
        ['co-chair', 'cochair'], ['co-chairs', 'cochairs'], ['co-chaired', 'cochaired'],
        ['cyber-security', 'cybersecurity'], ['cyber-space', 'cyberspace'], ['cyber-attack', 'cyberattack'],
        ['cyber-attacks', 'cyberattacks'], ['cyber-crime', 'cybercrime'],
        ['non-proliferation', 'nonproliferation'], ['anti-terrorism', 'antiterrorism'],
        ['peace-keeping', 'peacekeeping'], ['peace-keepers', 'peacekeepers'], ['peace-building', 'peacebuilding'],
        ['multi-lateral', 'multilateral'], ['multi-polar', 'multipolar'], ['inter-operability', 'interoperability'],
        ['inter-operable', 'interoperable'], ['inter-governmental', 'intergovernmental'],
        ['trans-national', 'transnational'], ['geo-political', 'geopolitical'], ['geo-economic', 'geoeconomic'],
        ['socio-economic', 'socioeconomic'], ['semi-conductor', 'semiconductor'], ['semi-conductors', 'semiconductors'],
        ['ship-building', 'shipbuilding'], ['under-sea', 'undersea'], ['sub-sea', 'subsea'],
        ['start-up', 'startup'], ['start-ups', 'startups'], ['health-care', 'healthcare'],
        ['e-mail', 'email'], ['on-line', 'online'], ['re-affirm', 'reaffirm'], ['re-affirmed', 'reaffirmed'],
        ['re-iterate', 'reiterate'], ['re-iterated', 'reiterated']];
    words   jsonb;
    english jsonb;
    simple  jsonb;
begin
    select jsonb_object_agg(pairs[i][1], pairs[i][2]) into words from generate_subscripts(pairs, 1) as i;
    -- Per configuration: the joined word's one lexeme, and the hyphenated word as the parser reads it
    -- in a query, a phrase of the whole and its parts ('counter-terror' <-> 'counter' <-> 'terror').
    -- The phrase, not the whole's lexeme alone, because ts_headline marks a hyphenated word only
    -- for its parts. A pair whose joined word is not one lexeme is left out.
    select coalesce(jsonb_object_agg(joined, hyphenated) filter (where cfg = 'english'), '{}'),
           coalesce(jsonb_object_agg(joined, hyphenated) filter (where cfg = 'simple'), '{}')
      into english, simple
      from (select cfg, j[1] as joined, jsonb_agg(distinct h) as hyphenated
              from unnest(array['english', 'simple']) as c(cfg),
                   generate_subscripts(pairs, 1) as i,
                   lateral (select tsvector_to_array(to_tsvector(cfg::regconfig, pairs[i][2])),
                                   websearch_to_tsquery(cfg::regconfig, pairs[i][1])::text) as v(j, h)
             where cardinality(j) = 1 and h like '''%-%'' <-> %'
             group by cfg, j[1]) as per_lexeme;

    -- Neither function sets search_path: they are called only from search_tsquery and
    -- search_headline_tsquery, whose setting they run under, and a SET clause of their own would save
    -- and restore the settings on every call, which doubled what the two cost a search.
    execute format($f$
        create function search_joined_compounds(q text) returns text
            language plpgsql immutable parallel safe strict
        as $body$
        declare
            words  constant jsonb := %L::jsonb;
            -- Cut at double quotes, the odd parts are outside phrases.
            parts  text[];
            word   text;
            joined text;
        begin
            if strpos(q, '-') = 0 then
                return q;
            end if;
            parts := string_to_array(q, '"');
            for i in 1 .. array_length(parts, 1) by 2 loop
                for word in select distinct m[1] from regexp_matches(parts[i], '([[:alpha:]]+(-[[:alpha:]]+)+)', 'g') as m loop
                    joined := words ->> lower(word);
                    if joined is not null then
                        -- The word is letters and hyphens only: no character in it needs escaping. A
                        -- hyphen before it is an exclusion's; a word and a hyphen, a longer word's.
                        parts[i] := regexp_replace(parts[i], '(?<![[:alnum:]])(?<![[:alnum:]]-)' || word || '(?![-[:alnum:]])', joined, 'g');
                    end if;
                end loop;
            end loop;
            return array_to_string(parts, '"');
        end
        $body$$f$, words);

    -- As search_with_spellings: a lexeme in the query's text form stands between quotes. The hyphenated
    -- phrase is added without a prefix mark, as the whole word: a joined word typed halfway
    -- ("cooperat") is a prefix of joined words only.
    execute format($f$
        create function search_with_compounds(cfg regconfig, q tsquery) returns tsquery
            language plpgsql immutable parallel safe strict
        as $body$
        declare
            variants constant jsonb := case cfg when 'english'::regconfig then %L::jsonb
                                                when 'simple'::regconfig then %L::jsonb
                                                else '{}'::jsonb end;
            result   tsquery := q;
            parts    constant text[] := string_to_array(q::text, '''');
            done     text[] := '{}';
            others   jsonb;
            mark     text;
            other    text;
            either   text;
        begin
            for i in 2 .. coalesce(array_length(parts, 1), 0) by 2 loop
                others := variants -> parts[i];
                if others is not null and not parts[i] = any(done) then
                    done := done || parts[i];
                    mark := case when left(coalesce(parts[i + 1], ''), 2) = ':*' then ':*' else '' end;
                    either := '''' || parts[i] || '''' || mark;
                    for other in select jsonb_array_elements_text(others) loop
                        either := either || ' | ( ' || other || ' )';
                    end loop;
                    result := ts_rewrite(result, ('''' || parts[i] || '''')::tsquery, either::tsquery);
                end if;
            end loop;
            return result;
        end
        $body$$f$, english, simple);
end
$do$;

create or replace function search_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_with_compounds(cfg,
               search_with_spellings(cfg,
                   search_prefix_tsquery(cfg,
                       search_joined_compounds(regexp_replace(q, '([[:alpha:]])-([[:digit:]])', '\1\2', 'g')))))
$$;

create or replace function search_headline_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_tsquery(cfg, q)
        || search_with_compounds(cfg,
               search_with_spellings(cfg,
                   search_prefix_tsquery(cfg, regexp_replace(q, '([[:alpha:]])([[:digit:]])', '\1-\2', 'g'))))
$$;
