-- A nested connection reads one page per parent in one statement: for each parent,
-- `... where <parent key> = parent order by <child id> limit n + 1` (every ordering ends with the
-- child's id, and the default ordering is the id alone). With an index on the parent key alone,
-- PostgreSQL read every child of each parent and sorted them all to keep the page: 476 statements for
-- each dialogue of `dialogues { statements(first: 20) }` on the benchmark's data, 2,280 for each
-- nation of the new `Nation.statements`. An index on the parent key followed by the child's id hands
-- the children over in page order, so the page reads its rows and stops, and a cursor seeks into the
-- index instead of reading the children before it (bench/README.md, 2026-12-07 19:35). Each index
-- below replaces the one on the parent key alone, whose lookups (foreign keys included) it serves.

-- Join tables: Official.statements, Nation.statements, Topic.statements, Subject.statements,
-- Statement.commitments, Topic.commitments.
create index statement_speaker_official_statement_idx on statement_speaker (official_id, statement_id);
drop index statement_speaker_official_idx;
create index statement_nation_nation_statement_idx on statement_nation (nation_id, statement_id);
drop index statement_nation_nation_idx;
create index statement_topic_topic_statement_idx on statement_topic (topic_id, statement_id);
drop index statement_topic_topic_idx;
create index statement_subject_subject_statement_idx on statement_subject (subject_id, statement_id);
drop index statement_subject_subject_idx;
create index commitment_statement_statement_commitment_idx on commitment_statement (statement_id, commitment_id);
drop index commitment_statement_statement_idx;
create index commitment_topic_topic_commitment_idx on commitment_topic (topic_id, commitment_id);
drop index commitment_topic_topic_idx;

-- Nation.commitments: the commitments a nation is a party to. There was no index on the party's
-- nation at all (the unique one leads with the commitment).
create index commitment_party_nation_commitment_idx on commitment_party (nation_id, commitment_id)
    where nation_id is not null;

-- Commitment.parties, in the order they were recorded.
create index commitment_party_commitment_party_idx on commitment_party (commitment_id, id);
drop index commitment_party_commitment_idx;

-- Children that carry their parent's key: Nation.officials, Dialogue.statements,
-- Dialogue.commitments, SourceDocument.statements (its unique keys lead with the document but
-- continue with the position and the span, not the id).
create index official_nation_official_idx on official (nation_id, id);
drop index official_nation_idx;
create index statement_dialogue_statement_idx on statement (dialogue_id, id);
drop index statement_dialogue_idx;
create index commitment_dialogue_commitment_idx on commitment (dialogue_id, id);
drop index commitment_dialogue_idx;
create index statement_document_statement_idx on statement (document_id, id);
