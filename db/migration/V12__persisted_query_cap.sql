-- The persisted_query table is bounded (communique.apq.max-stored): a document that ran is stored,
-- but anyone can make documents that run, so registering new ones without end must not grow the
-- table without end. After each new row the server deletes all but the newest N; this index lets
-- that delete walk the newest N entries instead of sorting the table.
create index persisted_query_newest on persisted_query (created_at desc, sha256_hash desc);
