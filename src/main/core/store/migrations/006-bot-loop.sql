-- The developer's own bot in the loop (docs/bot-in-the-loop.md): updates handed to the bot, each attempt to
-- deliver one to its webhook, and every Bot API call it made through the proxy. No row holds a bot token.

-- Every Telegram update Hookbench received (from the request that carried it), queued for the bot: delivered
-- to the forward target (webhook mode) or served by getUpdates (polling mode). One row per bot and update_id
-- (update ids are per bot; bot_id 0 when no bot was connected).
CREATE TABLE bot_updates (
  update_id INTEGER NOT NULL,
  request_id INTEGER,                     -- the stored request (NULL once retention removed it)
  bot_id INTEGER NOT NULL,
  chat_id INTEGER,
  chat_title TEXT,                        -- the chat's title, or the user's name in a private chat
  update_type TEXT NOT NULL,
  text TEXT,                              -- message text, caption or callback data (the timeline's line)
  payload TEXT NOT NULL,                  -- the update JSON as received
  received_ms INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',  -- pending | delivered | dropped
  attempts INTEGER NOT NULL DEFAULT 0,
  done_ms INTEGER,
  PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX bot_updates_pending ON bot_updates(bot_id, update_id) WHERE state = 'pending';
CREATE INDEX bot_updates_chat ON bot_updates(chat_id, update_id);
CREATE INDEX bot_updates_request ON bot_updates(request_id);

CREATE TABLE forward_attempts (
  id INTEGER PRIMARY KEY,
  update_id INTEGER NOT NULL,
  request_id INTEGER,
  chat_id INTEGER,
  attempt INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  url TEXT NOT NULL,
  status INTEGER,
  duration_ms REAL NOT NULL,
  response_body TEXT,
  response_truncated INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  delivered INTEGER NOT NULL,
  reply_call_id INTEGER
);
CREATE INDEX forward_attempts_update ON forward_attempts(update_id);
CREATE INDEX forward_attempts_chat ON forward_attempts(chat_id, id);

CREATE TABLE bot_calls (
  id INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  bot_id INTEGER,
  method TEXT NOT NULL,
  source TEXT NOT NULL,                   -- proxy | webhook-reply
  answered_by TEXT NOT NULL,              -- upstream | hookbench
  params TEXT NOT NULL,                   -- JSON object
  files TEXT NOT NULL DEFAULT '[]',       -- JSON BotCallFile[]
  http_status INTEGER,
  ok INTEGER NOT NULL,
  error_code INTEGER,
  description TEXT,
  retry_after INTEGER,
  result TEXT,                            -- JSON
  duration_ms REAL NOT NULL,
  chat_id INTEGER,
  message_id INTEGER,
  update_id INTEGER,
  request_id INTEGER,
  text TEXT,
  warning TEXT
);
CREATE INDEX bot_calls_chat ON bot_calls(chat_id, id);
CREATE INDEX bot_calls_method ON bot_calls(method, id);

-- The bytes of uploaded files (first 1 MiB of each).
CREATE TABLE bot_call_files (
  call_id INTEGER NOT NULL REFERENCES bot_calls(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE INDEX bot_call_files_call ON bot_call_files(call_id);

-- Where updates go: one row. The secret token lives in the secret store, never here.
CREATE TABLE forward_target (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT,
  timeout_ms INTEGER NOT NULL,
  max_connections INTEGER NOT NULL,
  allowed_updates TEXT,                   -- JSON string[]; NULL = the default set
  set_by TEXT,                            -- bot | user
  last_error_ms INTEGER,
  last_error_message TEXT
);
