-- A correction replaces the entry it names (README, "Writes: commitment tracking"), so it stands in
-- that entry's place in the history, not after every entry of its date. The current status is the
-- entry last in that order: entries by date, then by the order recorded, where a correction (or a
-- correction of a correction) takes the place of the entry it ultimately corrects and comes after
-- it and after earlier corrections of it. Until V13 the newest id of the newest date won, so
-- correcting an older entry of the same day as a later one overrode the later assessment.

create or replace function commitment_status_sync() returns trigger language plpgsql as $$
begin
    update commitment c
       set status = (
           with recursive placed (id, status, place_as_of, place_id) as (
               select e.id, e.status, e.as_of, e.id
                 from commitment_status_entry e
                where e.commitment_id = new.commitment_id and e.corrects_entry_id is null
               union all
               select e.id, e.status, p.place_as_of, p.place_id
                 from commitment_status_entry e
                 join placed p on e.corrects_entry_id = p.id
                where e.commitment_id = new.commitment_id
           )
           select status from placed order by place_as_of desc, place_id desc, id desc limit 1)
     where c.id = new.commitment_id;
    return null;
end $$;

-- Commitments whose history already has such a correction get the status the rule gives; the others
-- are left alone, so their change-feed position does not move.
update commitment c
   set status = current.status
  from (select distinct on (placed.commitment_id) placed.commitment_id, placed.status
          from (with recursive placed (commitment_id, id, status, place_as_of, place_id) as (
                    select e.commitment_id, e.id, e.status, e.as_of, e.id
                      from commitment_status_entry e
                     where e.corrects_entry_id is null
                    union all
                    select e.commitment_id, e.id, e.status, p.place_as_of, p.place_id
                      from commitment_status_entry e
                      join placed p on e.corrects_entry_id = p.id
                ) select * from placed) placed
         order by placed.commitment_id, placed.place_as_of desc, placed.place_id desc, placed.id desc) current
 where current.commitment_id = c.id and c.status <> current.status;
