-- One row the WAL checkpointer's worker updates to start the WAL over (checkpointer.ts restart()): the first
-- write of a new WAL fsyncs its header, and that write is made on the worker's connection, so the fsync is
-- the worker's wait and not one of the main thread's COMMITs. `n` counts the restarts (diagnostics only).
CREATE TABLE wal_restarts (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO wal_restarts (id, n) VALUES (1, 0);
