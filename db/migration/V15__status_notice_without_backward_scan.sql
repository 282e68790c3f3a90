-- V14's notice reads the commitment's newest entry with max(e.id). For a bulk write into tables
-- that have no statistics yet (an import into a new database, the benchmark's dataset load), the
-- trigger's plan could take max(id) from the primary key read backwards, skipping every entry of
-- other commitments, once per entry: quadratic in the size of the write (the 25,000 entries of the
-- benchmark's dataset added about 26 s at commit). max(e.id + 0) has no index to read backwards,
-- so the commitment's few entries are read through commitment_status_entry_commitment_idx
-- whatever the statistics say. Same result: ids are far from overflowing.

create or replace function communique_announce_status_entry() returns trigger language plpgsql as $$
declare
    committed record;
begin
    select c.version, c.status, c.updated_at,
           (select max(e.id + 0) from commitment_status_entry e where e.commitment_id = c.id) as last_entry
      into committed
      from commitment c
     where c.id = new.commitment_id;
    perform pg_notify('communique_events', json_build_object(
        'type', 'commitmentStatusChanged',
        'commitmentId', new.commitment_id,
        'entryId', new.id,
        'version', committed.version,
        'status', committed.status,
        'updatedAt', committed.updated_at,
        'lastEntryId', committed.last_entry)::text);
    return null;
end $$;
