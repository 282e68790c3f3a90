-- The response cache (README, "Response cache") keeps answers to anonymous queries until the data
-- they were read from changes. Only the database sees every writer (this instance, other instances,
-- imports, raw SQL), so it says when: every table an answer can be read from notifies
-- 'communique_data_changed' when a statement writes to it. The notice is sent when the writing
-- transaction commits, never for one that rolls back, and PostgreSQL folds identical notices of one
-- transaction into one, so a bulk import costs one notice however many rows it writes.
create function data_changed_notice() returns trigger
    language plpgsql
    set search_path = pg_catalog
as $$
begin
    perform pg_notify('communique_data_changed', '');
    return null;
end $$;

-- Every table but the registered query documents (no answer reads them) and Flyway's history. A
-- table added later needs the trigger too: ResponseCacheTest fails for any table without it.
do $$
declare
    t text;
begin
    for t in select tablename from pg_tables
              where schemaname = current_schema()
                and tablename not in ('persisted_query', 'flyway_schema_history')
    loop
        execute format('create trigger data_changed_notice after insert or update or delete or truncate on %I'
                       ' for each statement execute function data_changed_notice()', t);
    end loop;
end $$;
