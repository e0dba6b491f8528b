-- Search over bodies is indexed after the request is stored, not in the receiver's transaction
-- (src/main/core/store/search-index.ts, docs/performance.md): the trigram index cost more than everything else
-- the receiver does. `detail = none` keeps only which rows hold a trigram, about half the indexing cost;
-- matches are confirmed against the body (requests-repo.ts). The old index is rebuilt in the background.
DROP TABLE requests_fts;
CREATE VIRTUAL TABLE requests_fts USING fts5(
  body, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none
);

-- Every request with id <= indexed_through is in requests_fts (if its body is UTF-8 text); newer ones are not
-- yet, and searches read them directly.
CREATE TABLE search_index (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL
);
INSERT INTO search_index (id, indexed_through) VALUES (1, 0);
