/**
 * Limits of this laptop's passphrase-sealed backup (electron/export/backup.ts),
 * free of zod so the renderer can show them without the contract's schemas.
 */

/** The shortest passphrase a backup is made with (characters). */
export const BACKUP_PASSPHRASE_MIN = 10;
/** The longest passphrase accepted (characters). */
export const BACKUP_PASSPHRASE_MAX = 1024;
/** The largest backup file opened (characters of its text; the sync file's limit). */
export const BACKUP_MAX_CHARS = 64 * 1024 * 1024;
