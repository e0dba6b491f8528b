-- Files in the simulator (docs/simulator.md "Files"; decision in docs/decisions/006-sim-files-in-sqlite.md): the
-- bytes live in this table as a BLOB, so a file is written in the same transaction as the message that carries
-- it, survives a restart with the database, and goes with its bot or chat by ON DELETE CASCADE like messages do.
CREATE TABLE sim_files (
  id INTEGER PRIMARY KEY,                 -- also the N of file_path's file_N
  bot_id INTEGER NOT NULL REFERENCES sim_bots(id) ON DELETE CASCADE,   -- a file_id belongs to one bot
  chat_id INTEGER REFERENCES sim_chats(id) ON DELETE CASCADE,          -- the chat it was first sent in
  kind TEXT NOT NULL,                     -- photo | document | audio | video | voice | animation | sticker
  file_id TEXT NOT NULL UNIQUE,
  file_unique_id TEXT NOT NULL,           -- the same for the same bytes, whichever bot (Telegram's rule)
  file_path TEXT NOT NULL,                -- getFile's file_path, e.g. photos/file_3.png
  file_name TEXT,
  mime_type TEXT,
  size INTEGER NOT NULL,
  width INTEGER,                          -- photos, stickers: read from the image header
  height INTEGER,
  bytes BLOB NOT NULL,
  created_at INTEGER NOT NULL             -- Unix ms
);
CREATE INDEX sim_files_bot_path ON sim_files(bot_id, file_path);
CREATE INDEX sim_files_chat ON sim_files(chat_id);

-- A message with a file: its Message fields as JSON ({"photo": [...]}, {"document": {...}}, …); `text` then holds
-- the caption and `entities` its caption_entities.
ALTER TABLE sim_messages ADD COLUMN media TEXT;
-- A forwarded message: forward_origin and the legacy forward_* fields as JSON.
ALTER TABLE sim_messages ADD COLUMN forward TEXT;
