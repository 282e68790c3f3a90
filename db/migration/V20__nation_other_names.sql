-- Nations are found by their other names too, as officials are: "USA", "U.S." and "America" found
-- nothing, since V18 matched only a nation's short name and code ("United States", "US").
--
-- The names live with the nation, in other_names, as officials' do. V18's generated column cannot
-- read the array (array_to_string is only stable), so a trigger keeps the vector, as V3 does for
-- officials. The API does not show the names yet: a snippet of a nation lists them.
alter table nation add column other_names text[] not null default '{}';

alter table nation drop column search_vector;
alter table nation add column search_vector tsvector;

create function nation_search_sync() returns trigger
    language plpgsql
    set search_path = pg_catalog, public
as $$
begin
    new.search_vector := search_field('simple', new.name, 'A')
                      || search_field('simple', new.code, 'A')
                      || search_field('simple', array_to_string(new.other_names, ' '), 'B');
    return new;
end $$;

create trigger nation_search_sync
    before insert or update of name, code, other_names on nation
    for each row execute function nation_search_sync();

-- The names the dialogue's two nations go by in English-language sources besides their short name.
-- Every other nation gets its vector from its name and code.
update nation set other_names = array['USA', 'U.S.', 'U.S.A.', 'America', 'United States of America']
 where code = 'US';
update nation set other_names = array['Bharat', 'Republic of India'] where code = 'IN';
update nation set name = name where other_names = '{}';
alter table nation alter column search_vector set not null;
create index nation_search_idx on nation using gin (search_vector);
