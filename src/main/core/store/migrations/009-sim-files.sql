-- The simulator, second stage (docs/simulator.md). Number 008 is taken by a migration on main; this one must
-- stay after it in database.ts's MIGRATIONS.

-- Privacy mode (BotFather's /setprivacy), on by default like Telegram's: getMe answers
-- can_read_all_group_messages = NOT privacy.
ALTER TABLE sim_bots ADD COLUMN privacy INTEGER NOT NULL DEFAULT 1;

-- The `migrated` fault preset: the supergroup id Telegram names in parameters.migrate_to_chat_id.
ALTER TABLE sim_faults ADD COLUMN migrate_to_chat_id INTEGER;
