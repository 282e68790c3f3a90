-- Natural keys for exchanging dialogues between databases (README, "Import and export"): an
-- exported document names rows by these, never by database ids, so that importing it elsewhere,
-- or again, finds the rows it already created. Nations (code), topics and subjects (slug) have
-- them since V1; dialogues, officials, source documents and commitments get a slug here.

create function natural_key_slugify(t text) returns text
    language sql immutable parallel safe
as $$
    select left(trim(both '-' from regexp_replace(lower(t), '[^a-z0-9]+', '-', 'g')), 120)
$$;

-- Rows written by code that does not know about slugs (the seed, other mutations) still get one:
-- '<table>-<id>', unique because the id is.
create function natural_key_fill() returns trigger language plpgsql as $$
begin
    if new.slug is null then
        new.slug := tg_table_name || '-' || new.id;
    end if;
    return new;
end $$;

alter table dialogue add column slug text;
alter table official add column slug text;
alter table source_document add column slug text;
alter table commitment add column slug text;

-- Backfill from titles and names, numbered where two would collide. For the seed this yields
-- 'fifth-india-us-2-2-ministerial-dialogue', 'narendra-modi', 'co-production-of-the-ge-f414-jet-engine', ...
update dialogue t set slug = s.slug from (
    select id, natural_key_slugify(title) || case when count(*) over w > 1 then '-' || id else '' end as slug
      from dialogue window w as (partition by natural_key_slugify(title))) s where s.id = t.id;
update official t set slug = s.slug from (
    select id, natural_key_slugify(name) || case when count(*) over w > 1 then '-' || id else '' end as slug
      from official window w as (partition by natural_key_slugify(name))) s where s.id = t.id;
update source_document t set slug = s.slug from (
    select id, natural_key_slugify(title) || case when count(*) over w > 1 then '-' || id else '' end as slug
      from source_document window w as (partition by natural_key_slugify(title))) s where s.id = t.id;
update commitment t set slug = s.slug from (
    select id, natural_key_slugify(title) || case when count(*) over w > 1 then '-' || id else '' end as slug
      from commitment window w as (partition by natural_key_slugify(title))) s where s.id = t.id;
-- A title with no letters or digits at all slugifies to nothing.
update dialogue set slug = 'dialogue-' || id where slug = '';
update official set slug = 'official-' || id where slug = '';
update source_document set slug = 'source_document-' || id where slug = '';
update commitment set slug = 'commitment-' || id where slug = '';

alter table dialogue
    alter column slug set not null,
    add constraint dialogue_slug_key unique (slug),
    add constraint dialogue_slug_check check (slug ~ '^[a-z0-9_]+(-[a-z0-9_]+)*$' and length(slug) <= 200);
alter table official
    alter column slug set not null,
    add constraint official_slug_key unique (slug),
    add constraint official_slug_check check (slug ~ '^[a-z0-9_]+(-[a-z0-9_]+)*$' and length(slug) <= 200);
alter table source_document
    alter column slug set not null,
    add constraint source_document_slug_key unique (slug),
    add constraint source_document_slug_check check (slug ~ '^[a-z0-9_]+(-[a-z0-9_]+)*$' and length(slug) <= 200);
alter table commitment
    alter column slug set not null,
    add constraint commitment_slug_key unique (slug),
    add constraint commitment_slug_check check (slug ~ '^[a-z0-9_]+(-[a-z0-9_]+)*$' and length(slug) <= 200);

create trigger dialogue_slug_fill before insert on dialogue for each row execute function natural_key_fill();
create trigger official_slug_fill before insert on official for each row execute function natural_key_fill();
create trigger source_document_slug_fill before insert on source_document for each row execute function natural_key_fill();
create trigger commitment_slug_fill before insert on commitment for each row execute function natural_key_fill();

-- A statement is named by its document and its span: one statement per span of a document.
alter table statement add constraint statement_span_key unique (document_id, span_start, span_end);
