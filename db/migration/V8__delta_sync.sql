-- Delta sync (README, "Delta sync"): every node row carries created_at/updated_at, and a change
-- position in node_change that the changes(since:) query pages through. All of it is maintained
-- here, by triggers, so every writer (the application, imports, raw SQL) keeps it true.

-- One row per node ever seen: where in the change order its latest change (or its deletion) sits.
-- Position = (xid, seq): the writing transaction's 64-bit id, then a sequence to order rows of one
-- transaction. Readers only read positions whose xid is below the oldest transaction still running
-- (pg_snapshot_xmin): that set can never grow again, so a token marking a position in it cannot
-- skip a row that commits later (see io.communique.sync.ChangeFeed).
create sequence node_change_seq;

create table node_change (
    node_type  text      not null,
    node_key   bigint    not null,
    xid        xid8      not null,
    seq        bigint    not null,
    -- Set when the node was deleted: the row is then the node's tombstone.
    deleted_at timestamptz,
    primary key (node_type, node_key)
);
create index node_change_position_idx on node_change (xid, seq);

create function node_changed(node_type text, node_key bigint, deleted boolean) returns void
    language sql
as $$
    insert into node_change (node_type, node_key, xid, seq, deleted_at)
    values (node_type, node_key, pg_current_xact_id(), nextval('node_change_seq'), case when deleted then now() end)
    on conflict on constraint node_change_pkey do update
        set xid = excluded.xid, seq = excluded.seq, deleted_at = excluded.deleted_at
        -- Once per node and transaction is enough (the transaction becomes visible as a whole), and
        -- keeps a bulk import from rewriting one row thousands of times.
        where node_change.xid <> excluded.xid or (node_change.deleted_at is null) <> (excluded.deleted_at is null)
$$;

-- Node tables: created_at/updated_at. Existing rows take the migration's time unless a better one
-- is known (status entries: when recorded; commitments: their first and newest entry).
alter table nation                  add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table official                add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table dialogue                add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table source_document         add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table statement               add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table commitment              add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table commitment_status_entry add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table topic                   add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();
alter table subject                 add column created_at timestamptz not null default now(), add column updated_at timestamptz not null default now();

alter table commitment_status_entry disable trigger commitment_status_entry_append_only;
update commitment_status_entry set created_at = recorded_at, updated_at = recorded_at;
alter table commitment_status_entry enable trigger commitment_status_entry_append_only;
update commitment c
   set created_at = least(c.created_at, e.first_at), updated_at = least(c.updated_at, e.last_at)
  from (select commitment_id, min(recorded_at) first_at, max(recorded_at) last_at
          from commitment_status_entry group by commitment_id) e
 where e.commitment_id = c.id;

-- Every node that exists now is part of the initial sync.
insert into node_change (node_type, node_key, xid, seq)
select t, k, pg_current_xact_id(), nextval('node_change_seq')
  from (select 'Nation' t, id k from nation
        union all select 'Official', id from official
        union all select 'Dialogue', id from dialogue
        union all select 'SourceDocument', id from source_document
        union all select 'Statement', id from statement
        union all select 'Commitment', id from commitment
        union all select 'CommitmentStatusChange', id from commitment_status_entry
        union all select 'Topic', id from topic
        union all select 'Subject', id from subject
        order by 1, 2) nodes;

-- updated_at follows every update, whoever writes; created_at never changes.
create function node_stamp() returns trigger language plpgsql as $$
begin
    new.created_at := old.created_at;
    new.updated_at := now();
    return new;
end $$;

-- TG_ARGV[0]: the node's GraphQL type name.
create function node_track() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform node_changed(tg_argv[0], old.id, true);
    else
        perform node_changed(tg_argv[0], new.id, false);
    end if;
    return null;
end $$;

do $$
declare
    node record;
begin
    for node in select * from (values
            ('nation', 'Nation'), ('official', 'Official'), ('dialogue', 'Dialogue'),
            ('source_document', 'SourceDocument'), ('statement', 'Statement'), ('commitment', 'Commitment'),
            ('commitment_status_entry', 'CommitmentStatusChange'), ('topic', 'Topic'), ('subject', 'Subject'))
            as n(table_name, type_name) loop
        execute format('create trigger %I before update on %I for each row execute function node_stamp()',
                       node.table_name || '_stamp', node.table_name);
        execute format('create trigger %I after insert or update or delete on %I for each row execute function node_track(%L)',
                       node.table_name || '_track', node.table_name, node.type_name);
    end loop;
end $$;

-- A change to a row that is not a node marks the nodes it references as changed: their
-- updated_at moves, and so does their change position. Status entries are append-only, so an
-- entry gets a new change position without an update of its row. Statement-level triggers over
-- transition tables touch each node once per statement, and not at all when the transaction has
-- already changed it: a bulk import of a thousand topic links updates each topic once, not a
-- thousand times (which would also grow a chain of row versions PostgreSQL walks on every update).
create function node_touch(node_type text, node_keys bigint[]) returns void language plpgsql as $$
declare
    target text := case node_type
        when 'Nation' then 'nation' when 'Official' then 'official' when 'Dialogue' then 'dialogue'
        when 'SourceDocument' then 'source_document' when 'Statement' then 'statement'
        when 'Commitment' then 'commitment' when 'Topic' then 'topic' when 'Subject' then 'subject' end;
begin
    if node_keys is null or cardinality(node_keys) = 0 then
        return;
    end if;
    if node_type = 'CommitmentStatusChange' then
        perform node_changed(node_type, e.id, false)
           from commitment_status_entry e where e.id = any (node_keys);
    elsif target is not null then
        execute format('update %I t set updated_at = now() where t.id = any ($1) and not exists ('
                       'select 1 from node_change c where c.node_type = $2 and c.node_key = t.id'
                       ' and c.xid = pg_current_xact_id())', target)
            using node_keys, node_type;
    end if;
end $$;

-- TG_ARGV: pairs of (GraphQL type, foreign key column); the transition tables are new_rows and old_rows.
create function node_touch_referenced() returns trigger language plpgsql as $$
declare
    i int := 0;
    node_keys bigint[];
begin
    while i < tg_nargs loop
        if tg_op in ('INSERT', 'UPDATE') then
            execute format('select array_agg(distinct %I order by %I) from new_rows', tg_argv[i + 1], tg_argv[i + 1])
                into node_keys;
            perform node_touch(tg_argv[i], node_keys);
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
            execute format('select array_agg(distinct %I order by %I) from old_rows', tg_argv[i + 1], tg_argv[i + 1])
                into node_keys;
            perform node_touch(tg_argv[i], node_keys);
        end if;
        i := i + 2;
    end loop;
    return null;
end $$;

do $$
declare
    child record;
    args text;
begin
    for child in select * from (values
            ('office', array['Official', 'official_id']),
            ('dialogue_nation', array['Dialogue', 'dialogue_id', 'Nation', 'nation_id']),
            ('dialogue_participant', array['Dialogue', 'dialogue_id', 'Official', 'official_id']),
            ('statement_speaker', array['Statement', 'statement_id', 'Official', 'official_id']),
            ('statement_nation', array['Statement', 'statement_id', 'Nation', 'nation_id']),
            ('statement_topic', array['Statement', 'statement_id', 'Topic', 'topic_id']),
            ('statement_subject', array['Statement', 'statement_id', 'Subject', 'subject_id']),
            ('commitment_party', array['Commitment', 'commitment_id', 'Nation', 'nation_id', 'Subject', 'subject_id']),
            ('commitment_statement', array['Commitment', 'commitment_id', 'Statement', 'statement_id']),
            ('commitment_topic', array['Commitment', 'commitment_id', 'Topic', 'topic_id']),
            ('status_entry_source', array['CommitmentStatusChange', 'entry_id']))
            as c(table_name, pairs) loop
        select string_agg(quote_literal(a), ', ') into args from unnest(child.pairs) a;
        execute format('create trigger %I after insert on %I referencing new table as new_rows'
                       ' for each statement execute function node_touch_referenced(%s)',
                       child.table_name || '_touch_insert', child.table_name, args);
        execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows'
                       ' for each statement execute function node_touch_referenced(%s)',
                       child.table_name || '_touch_update', child.table_name, args);
        execute format('create trigger %I after delete on %I referencing old table as old_rows'
                       ' for each statement execute function node_touch_referenced(%s)',
                       child.table_name || '_touch_delete', child.table_name, args);
    end loop;
end $$;

-- Audit entries name their node (a commitment's history is part of it).
create function node_touch_audited() returns trigger language plpgsql as $$
begin
    perform node_touch(new.node_type, array[new.node_key]);
    return null;
end $$;

-- An external source is part of every status entry that cites it.
create function node_touch_citing_entries() returns trigger language plpgsql as $$
begin
    perform node_changed('CommitmentStatusChange', s.entry_id, false)
       from status_entry_source s where s.source_id = old.id;
    return null;
end $$;

create trigger external_source_touch after update on external_source
    for each row execute function node_touch_citing_entries();
create trigger audit_entry_touch after insert on audit_entry
    for each row execute function node_touch_audited();
