-- Live updates (README, "Live updates"): every committed status entry and statement is announced on
-- the channel 'communique_events', whoever writes it (the API, an import, psql). PostgreSQL delivers
-- a notification only when the writing transaction commits, and to every listening connection, so
-- each application instance hears every write made through any other instance.
-- The payload is small JSON naming the row; listeners load the row itself.

create function communique_announce_status_entry() returns trigger language plpgsql as $$
begin
    perform pg_notify('communique_events', json_build_object(
        'type', 'commitmentStatusChanged',
        'commitmentId', new.commitment_id,
        'entryId', new.id)::text);
    return null;
end $$;

create trigger commitment_status_entry_announce
    after insert on commitment_status_entry
    for each row execute function communique_announce_status_entry();

create function communique_announce_statement() returns trigger language plpgsql as $$
begin
    perform pg_notify('communique_events', json_build_object(
        'type', 'statementAdded',
        'statementId', new.id,
        'dialogueId', new.dialogue_id)::text);
    return null;
end $$;

create trigger statement_announce
    after insert on statement
    for each row execute function communique_announce_statement();
