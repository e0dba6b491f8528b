-- Throttled authentication attempts (issue 18 item 6): one incident per burst from an address, with how many
-- attempts it stands for and when the last one came. Earlier incidents are single attempts.
ALTER TABLE incidents ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE incidents ADD COLUMN last_time INTEGER;
