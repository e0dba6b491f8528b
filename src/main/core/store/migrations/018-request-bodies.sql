-- Request bodies in their own table (issue 16 "bodies in their own table so rows stay small", issue 18.8):
-- a request row is then a few hundred bytes whatever its body, so scans of the list stay small and recording
-- the response (an UPDATE of the row) no longer rewrites a 5 MB body. One row per request that has a body
-- (an empty body is a row with zero bytes; no body at all is no row). Deleted with its request.
CREATE TABLE request_bodies (
  request_id INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
  body BLOB NOT NULL
);
INSERT INTO request_bodies (request_id, body) SELECT id, body FROM requests WHERE body IS NOT NULL;
ALTER TABLE requests DROP COLUMN body;
-- The list's message column keeps a preview (requests-repo.ts MESSAGE_PREVIEW_CHARS); messages hold the text.
UPDATE requests SET message_text = substr(message_text, 1, 1000) || '…' WHERE length(message_text) > 1000;
