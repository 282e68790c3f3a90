-- A statement moved to another dialogue (updateStatement's dialogueId, an import, psql) is added to that
-- dialogue's list as surely as a new one, so statementAdded announces it too (README, "Live updates").
-- Until this migration only an INSERT was announced, and a subscriber keeping a dialogue's statements
-- from its events never heard of a moved one. The payload and the function are V10's.
create trigger statement_move_announce
    after update of dialogue_id on statement
    for each row when (old.dialogue_id is distinct from new.dialogue_id)
    execute function communique_announce_statement();
