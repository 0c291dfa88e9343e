-- Knowledge platform: good practices, their versions, review comments, and the search index's
-- generation counter (bumped whenever the set of published practices changes).

CREATE TABLE practices (
    id            TEXT PRIMARY KEY,
    status        TEXT NOT NULL,
    owner_id      TEXT REFERENCES users(id),
    language      TEXT NOT NULL,
    title         TEXT NOT NULL,
    content       TEXT NOT NULL,
    content_number BIGINT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    submitted_at  BIGINT,
    published_at  BIGINT,
    archived_at   BIGINT
);
CREATE INDEX practices_by_status ON practices (status, published_at);
CREATE INDEX practices_by_owner ON practices (owner_id, updated_at);

CREATE TABLE practice_versions (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    number      BIGINT NOT NULL,
    content     TEXT NOT NULL,
    author_id   TEXT REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (practice_id, number)
);

CREATE TABLE practice_comments (
    id          TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    author_id   TEXT REFERENCES users(id),
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX practice_comments_by_practice ON practice_comments (practice_id, created_at);

CREATE TABLE knowledge_index_state (
    id         INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO knowledge_index_state (id, generation) VALUES (1, 0);
