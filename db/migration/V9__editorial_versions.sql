-- Editorial writes: every node an editor can change carries a version for optimistic locking, as
-- commitments do since V6. Every write bumps it; a writer states the version it read.
alter table dialogue        add column version integer not null default 0;
alter table official        add column version integer not null default 0;
alter table source_document add column version integer not null default 0;
alter table statement       add column version integer not null default 0;
