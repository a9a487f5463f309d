/**
 * Opening the event's SQLite database with the settings Tableside relies on.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';

export const DATABASE_FILE = 'tableside.db';

export interface OpenOptions {
  /**
   * Path of the better-sqlite3 native addon to load. The Electron app passes
   * the copy built for Electron's ABI; plain Node leaves it unset.
   */
  nativeBinding?: string;
}

/**
 * WAL keeps readers off the writer's back; synchronous=FULL makes every
 * committed transaction durable before the call returns, so a note the UI
 * shows as saved survives a power cut (NORMAL in WAL mode can lose the last
 * transactions). Foreign keys are on so a projection can't point at nothing.
 */
export function applyPragmas(db: Db): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // No automatic checkpoint inside a command's commit: the core checkpoints
  // when it is idle (Core.scheduleCheckpoint), so a command's latency does not
  // include copying the WAL back into the database now and then.
  db.pragma('wal_autocheckpoint = 0');
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    applyPragmas(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
