-- Abbreviations written with and without dots find each other: "U.S. industry" found nothing in a
-- source that writes "the US industry", since the parser makes 'u.s' of one and 'us' of the other.
-- English-language sources use both (the seed writes "US"; American style guides write "U.S.").
--
-- No list: a lexeme of single letters joined by dots ('u.s', 'u.a.e') also matches its letters run
-- together ('us', 'uae'); and a word the query writes in capitals, two to five letters ("US", "UK",
-- "UAE"), also matches its dotted form. Only capitals get a dotted form, so "us" in lower case, or
-- any short word ("jet", "war"), adds nothing to the query or to ranking. The stored vectors are
-- unchanged: nothing is re-indexed.
create function search_with_abbreviations(q text, parsed tsquery) returns tsquery
    language plpgsql immutable parallel safe strict
    set search_path = pg_catalog
as $$
declare
    result   tsquery := parsed;
    parts    text[];
    capitals text[];
    done     text[] := '{}';
    other    text;
    mark     text;
begin
    -- Most queries have neither a dotted abbreviation nor two capitals in a row: one test, no loop.
    if q !~ '[[:alpha:]]\.[[:alpha:]]|[[:upper:]]{2}' then
        return parsed;
    end if;
    -- As in search_with_spellings (V17): the even parts of the text form cut at quotes are the lexemes.
    parts := string_to_array(parsed::text, '''');
    capitals := array(select lower(m[1])
                        from regexp_matches(q, '(?<![[:alnum:].])([[:upper:]]{2,5})(?![[:alnum:]])', 'g') as m);
    for i in 2 .. coalesce(array_length(parts, 1), 0) by 2 loop
        continue when parts[i] = any(done);
        done := done || parts[i];
        other := case when parts[i] ~ '^([a-z]\.)+[a-z]$' then replace(parts[i], '.', '')
                      when parts[i] = any(capitals) then regexp_replace(parts[i], '(.)(?!$)', '\1.', 'g') end;
        if other is not null then
            mark := case when left(coalesce(parts[i + 1], ''), 2) = ':*' then ':*' else '' end;
            result := ts_rewrite(result, ('''' || parts[i] || '''')::tsquery,
                                 ('''' || parts[i] || '''' || mark || ' | ''' || other || '''' || mark)::tsquery);
        end if;
    end loop;
    return result;
end $$;

-- PostgreSQL's parser reads a dotted abbreviation after a hyphen as other words ("India-U.S." gives
-- 'india-u', 'india', 'u'), so that hyphen is read as a space: the two words must both match.
-- No "set search_path" (it names only pg_catalog's regexp_replace): a function with one lets
-- PostgreSQL neither inline it nor skip the setting's save and restore on every call.
create function search_split_dotted(q text) returns text
    language sql immutable parallel safe strict
as $$
    select regexp_replace(q, '([[:alnum:]])-(([[:alpha:]]\.)+)', '\1 \2', 'g')
$$;

-- V19's two functions, with the abbreviations applied to the parsed query before the spellings.
create or replace function search_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_with_compounds(cfg,
               search_with_spellings(cfg,
                   search_with_abbreviations(q,
                       search_prefix_tsquery(cfg,
                           search_joined_compounds(regexp_replace(search_split_dotted(q), '([[:alpha:]])-([[:digit:]])', '\1\2', 'g'))))))
$$;

create or replace function search_headline_tsquery(cfg regconfig, q text) returns tsquery
    language sql immutable parallel safe strict
    set search_path = pg_catalog, public
as $$
    select search_tsquery(cfg, q)
        || search_with_compounds(cfg,
               search_with_spellings(cfg,
                   search_with_abbreviations(q,
                       search_prefix_tsquery(cfg, regexp_replace(search_split_dotted(q), '([[:alpha:]])([[:digit:]])', '\1-\2', 'g')))))
$$;
