-- Search reads the vector of every statement and commitment a term matches, to rank them: about
-- 4,000 of them for a common word in the benchmark's data. Read from the wide rows, that was a visit
-- to most of their tables' pages (the statement's text, the commitment's title and description sit
-- beside the vector, and every status change leaves a commitment's old row behind it). Here each
-- vector is also kept alone with its row's id, in a table that holds nothing else, so a search reads
-- about half as many pages for statements and a sixth for commitments (bench/README.md, 2026-12-07).
--
-- The copies are kept by the database: a trigger copies a vector when its row is inserted or its
-- vector changes (a status change does not change it), and the foreign key deletes a copy with its
-- row. The row's own search_vector and index stay, for the lists' `search` filters.
create table statement_search (
    id            bigint primary key references statement (id) on delete cascade,
    search_vector tsvector not null
);

create table commitment_search (
    id            bigint primary key references commitment (id) on delete cascade,
    search_vector tsvector not null
);

create function search_copy_sync() returns trigger
    language plpgsql
    set search_path = pg_catalog, public
as $$
begin
    if tg_table_name = 'statement' then
        insert into statement_search (id, search_vector) values (new.id, new.search_vector)
            on conflict (id) do update set search_vector = excluded.search_vector;
    else
        insert into commitment_search (id, search_vector) values (new.id, new.search_vector)
            on conflict (id) do update set search_vector = excluded.search_vector;
    end if;
    return null;
end $$;

-- AFTER triggers: a generated column has its value only once the row is written.
create trigger statement_search_copy after insert on statement
    for each row execute function search_copy_sync();
create trigger statement_search_copy_update after update on statement
    for each row when (old.search_vector is distinct from new.search_vector) execute function search_copy_sync();
create trigger commitment_search_copy after insert on commitment
    for each row execute function search_copy_sync();
create trigger commitment_search_copy_update after update on commitment
    for each row when (old.search_vector is distinct from new.search_vector) execute function search_copy_sync();

insert into statement_search (id, search_vector) select id, search_vector from statement order by id;
insert into commitment_search (id, search_vector) select id, search_vector from commitment order by id;

create index statement_search_vector_idx on statement_search using gin (search_vector);
create index commitment_search_vector_idx on commitment_search using gin (search_vector);

-- An answer can be read from the copies, so, as every such table (V16), they announce their writes to
-- the response cache. They are written only with their rows, which announce theirs, but a table that
-- stays silent is one more thing to reason about, and ResponseCacheTest checks that none does.
create trigger data_changed_notice after insert or update or delete or truncate on statement_search
    for each statement execute function data_changed_notice();
create trigger data_changed_notice after insert or update or delete or truncate on commitment_search
    for each statement execute function data_changed_notice();
