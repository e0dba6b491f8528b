-- Every webhook request, stored raw before anything else happens to it.
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,           -- Unix ms
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  query TEXT NOT NULL,
  headers TEXT NOT NULL,                  -- JSON object, names lower-cased
  body BLOB,
  body_size INTEGER NOT NULL,             -- bytes received (may exceed what is kept)
  body_truncated INTEGER NOT NULL DEFAULT 0,
  content_type TEXT,
  remote_address TEXT NOT NULL,
  user TEXT,
  auth_outcome TEXT NOT NULL,
  status INTEGER NOT NULL,
  entity TEXT,
  message_text TEXT,
  error TEXT,                             -- JSON RequestError
  warnings TEXT,                          -- JSON string[]
  update_id INTEGER,                      -- Telegram update_id, when the body is an update
  duplicate_of INTEGER
);
CREATE INDEX requests_received_at ON requests(received_at);
CREATE INDEX requests_update_id ON requests(update_id, path) WHERE update_id IS NOT NULL;
CREATE INDEX requests_status ON requests(status);

-- Substring search over bodies: trigram FTS5, contentless (the body lives in requests).
CREATE VIRTUAL TABLE requests_fts USING fts5(body, tokenize = 'trigram', content = '', contentless_delete = 1);

-- The message command each converted request produced.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  received_at INTEGER NOT NULL,
  entity TEXT NOT NULL,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  severity TEXT,
  message TEXT,
  date INTEGER NOT NULL,                  -- command time, Unix ms
  tags TEXT NOT NULL                      -- JSON object string → string
);
CREATE INDEX messages_request_id ON messages(request_id);
CREATE INDEX messages_entity ON messages(entity);

CREATE TABLE webhook_users (
  name TEXT PRIMARY KEY,
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,                     -- scrypt(password, salt)
  entities TEXT NOT NULL,                 -- JSON string[] of entity patterns
  created_at INTEGER NOT NULL
);

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  remote_address TEXT NOT NULL,
  user TEXT,
  reason TEXT NOT NULL,
  path TEXT NOT NULL
);
CREATE INDEX incidents_time ON incidents(time);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL                     -- JSON
);
