-- A commitmentStatusChanged event shows the commitment as the entry's transaction left it (README,
-- "Live updates"). Only the database knows that state: a listener reads rows after the commit, by
-- which time later writes may have changed the status, bumped the version and appended entries.
-- So the notification is sent at commit (a deferred constraint trigger, fired after every other
-- write of the transaction, the version bump included) and carries that state: the version, the
-- derived status, updated_at, and the newest entry of the history then, which the event's
-- statusHistory is cut at (a transaction can append several entries, an import does).

create or replace function communique_announce_status_entry() returns trigger language plpgsql as $$
declare
    committed record;
begin
    select c.version, c.status, c.updated_at,
           (select max(e.id) from commitment_status_entry e where e.commitment_id = c.id) as last_entry
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

drop trigger commitment_status_entry_announce on commitment_status_entry;

create constraint trigger commitment_status_entry_announce
    after insert on commitment_status_entry
    deferrable initially deferred
    for each row execute function communique_announce_status_entry();
