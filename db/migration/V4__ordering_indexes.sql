-- Keyset orderings (orderBy on connections). Every ordering is (sort columns..., id) in one
-- direction, so each gets a composite index that a page walks forwards or backwards from the
-- cursor: page 500 costs what page 1 costs.

-- Document order is "dialogue date, then dialogue, document and position". The date lives on the
-- dialogue, and an index cannot span two tables, so statements carry a copy kept in step by
-- triggers (a statement's dialogue is fixed, a dialogue's date may be corrected).
alter table statement add column held_on date;
update statement s set held_on = d.held_on from dialogue d where d.id = s.dialogue_id;
alter table statement alter column held_on set not null;

create function statement_held_on_fill() returns trigger language plpgsql as $$
begin
    new.held_on := (select d.held_on from dialogue d where d.id = new.dialogue_id);
    return new;
end $$;

create trigger statement_held_on_fill
    before insert or update of dialogue_id, held_on on statement
    for each row execute function statement_held_on_fill();

create function dialogue_held_on_sync() returns trigger language plpgsql as $$
begin
    update statement set held_on = new.held_on where dialogue_id = new.id;
    return null;
end $$;

create trigger dialogue_held_on_sync
    after update of held_on on dialogue
    for each row when (old.held_on is distinct from new.held_on)
    execute function dialogue_held_on_sync();

create index statement_document_order_idx on statement (held_on, dialogue_id, document_id, ordinal, id);
-- Names and titles sort case-folded in code point order (io.communique.query.SqlExpressions.folded).
create index commitment_title_idx on commitment ((lower(title) collate "C"), id);
-- The expression must match io.communique.query.SqlExpressions.STATUS_RANK exactly.
create index commitment_status_rank_idx on commitment
    ((array_position(array['ANNOUNCED', 'AGREED', 'IN_PROGRESS', 'DELIVERED', 'STALLED', 'ABANDONED']::text[], status)), id);
create index official_name_idx on official ((lower(name) collate "C"), id);
create index dialogue_held_on_idx on dialogue (held_on, id);
create index topic_name_idx on topic ((lower(name) collate "C"), id);
create index subject_name_idx on subject ((lower(name) collate "C"), id);
create index source_document_published_on_idx on source_document (published_on, id);
