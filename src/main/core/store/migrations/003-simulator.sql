-- The built-in Telegram simulator (docs/simulator.md). Bots are keyed by their numeric id: the token itself is
-- never stored, only its SHA-256, so a token with the same id but another secret is refused like Telegram's 401.
CREATE TABLE sim_bots (
  id INTEGER PRIMARY KEY,                 -- the number before ':' in the token
  token_sha256 TEXT NOT NULL,
  username TEXT NOT NULL,
  first_name TEXT NOT NULL,
  next_update_id INTEGER NOT NULL,
  webhook_url TEXT NOT NULL DEFAULT '',   -- '' = no webhook (getUpdates mode)
  webhook_secret TEXT,
  webhook_certificate TEXT,               -- PEM uploaded with setWebhook: the CA that delivery trusts
  webhook_ip_address TEXT,                -- fixed ip_address, or the address the host resolved to
  webhook_fixed_ip INTEGER NOT NULL DEFAULT 0,
  max_connections INTEGER,
  allowed_updates TEXT,                   -- JSON string[]; NULL = the default set
  last_error_date INTEGER,                -- Unix s
  last_error_message TEXT,
  created_at INTEGER NOT NULL             -- Unix ms
);

CREATE TABLE sim_chats (
  id INTEGER PRIMARY KEY,                 -- Telegram chat id: private = the user's id, groups < 0, -100… super
  bot_id INTEGER NOT NULL REFERENCES sim_bots(id) ON DELETE CASCADE,
  type TEXT NOT NULL,                     -- private | group | supergroup | channel
  title TEXT,
  username TEXT,                          -- public @username (channels)
  user_id INTEGER NOT NULL,               -- the fake user who writes
  user_first_name TEXT NOT NULL,
  user_last_name TEXT,
  user_username TEXT,
  next_message_id INTEGER NOT NULL DEFAULT 1,
  blocked INTEGER NOT NULL DEFAULT 0,     -- the user blocked the bot: sendMessage answers 403
  created_at INTEGER NOT NULL
);
CREATE INDEX sim_chats_bot ON sim_chats(bot_id);
CREATE INDEX sim_chats_username ON sim_chats(bot_id, username) WHERE username IS NOT NULL;

-- The transcript: user and bot messages of each chat.
CREATE TABLE sim_messages (
  chat_id INTEGER NOT NULL REFERENCES sim_chats(id) ON DELETE CASCADE,
  message_id INTEGER NOT NULL,
  from_bot INTEGER NOT NULL,
  text TEXT NOT NULL,                     -- the plain text (entities parsed out)
  source_text TEXT,                       -- the text as sent with parse_mode, for rendering
  parse_mode TEXT,
  entities TEXT,                          -- JSON MessageEntity[]
  reply_markup TEXT,                      -- JSON
  reply_to INTEGER,
  date INTEGER NOT NULL,                  -- Unix ms
  edit_date INTEGER,                      -- Unix ms
  update_id INTEGER,                      -- the update this user message produced
  PRIMARY KEY (chat_id, message_id)
);

-- Updates not yet delivered (webhook) or confirmed (getUpdates offset): pending_update_count is their count.
CREATE TABLE sim_updates (
  bot_id INTEGER NOT NULL REFERENCES sim_bots(id) ON DELETE CASCADE,
  update_id INTEGER NOT NULL,
  type TEXT NOT NULL,                     -- message | edited_message | channel_post | callback_query | …
  chat_id INTEGER NOT NULL,               -- delivery is ordered per chat
  payload TEXT NOT NULL,                  -- the Update JSON
  created_at INTEGER NOT NULL,            -- Unix ms; dropped 24 h later
  PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX sim_updates_chat ON sim_updates(bot_id, chat_id, update_id);
