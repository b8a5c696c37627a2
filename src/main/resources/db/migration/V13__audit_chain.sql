-- The audit trail's hash chain (issue 14). Entries stay as they are written, in the transaction of
-- what they describe; a sealer then gives each committed entry its place in the chain: a sequence
-- number, the previous seal's hash and its own, over the entry's content and that previous hash.
-- Both tables are only ever inserted into. Portable SQL: H2 and PostgreSQL.

CREATE TABLE audit_seal (
    seq        BIGINT   PRIMARY KEY,
    entry_id   BIGINT   NOT NULL UNIQUE REFERENCES audit_entry (id),
    prev_hash  CHAR(64) NOT NULL,
    hash       CHAR(64) NOT NULL,
    sealed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The chain's head, one row, locked by whoever seals so that nodes seal one at a time. Every entry
-- with an id up to low_water is sealed: the sealer looks for unsealed entries above it only.
CREATE TABLE audit_chain (
    id         INT      PRIMARY KEY,
    seq        BIGINT   NOT NULL,
    hash       CHAR(64) NOT NULL,
    low_water  BIGINT   NOT NULL
);

INSERT INTO audit_chain (id, seq, hash, low_water)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Export and verification find a period's stretch of the chain by when its entries occurred.
CREATE INDEX audit_entry_occurred ON audit_entry (occurred_at);
