-- The formatting lab (issue 14.4): every parse error the simulator answered a bot ("can't parse entities:
-- … at byte offset N", "message is too long"), with the text as sent, so the UI can mark the offset.
CREATE TABLE sim_format_errors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bot_id INTEGER NOT NULL,
  chat_id INTEGER,                        -- as the bot gave it; null when it was not a number
  method TEXT NOT NULL,
  text TEXT NOT NULL,
  parse_mode TEXT,
  description TEXT NOT NULL,              -- Telegram's description, word for word
  created_at INTEGER NOT NULL             -- Unix ms
);
CREATE INDEX sim_format_errors_chat ON sim_format_errors (chat_id, id);
