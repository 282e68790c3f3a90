-- Nations become searchable, by name and by code: "United States" or "US" finds the United States.
-- V3 made every other kind of node searchable but these, so the most basic question a reader of
-- an India–US dialogue types ("United States") found nothing at all, since the texts write "US".
-- Names are matched with 'simple' (no stemming), as officials' names are; the code is a word of
-- its own. No trigram index: there are a couple of hundred nations at most, and their names are
-- found word for word or as prefixes.
alter table nation add column search_vector tsvector
    generated always as (search_field('simple', name, 'A') || search_field('simple', code, 'A')) stored;
create index nation_search_idx on nation using gin (search_vector);
