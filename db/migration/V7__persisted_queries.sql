-- Automatic persisted queries (README, "Mobile clients"): documents registered by clients under the
-- SHA-256 of their text, shared by every instance of the server. A row is written only after its
-- document parsed, validated and ran, so clients cannot fill the table with arbitrary text; the
-- document's size is bounded by the request limits (body size, token count) it passed.
create table persisted_query (
    sha256_hash text primary key check (sha256_hash ~ '^[0-9a-f]{64}$'),
    document    text not null,
    created_at  timestamptz not null default now()
);
