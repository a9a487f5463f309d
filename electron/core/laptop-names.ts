/**
 * Every laptop's name, the one definition every screen and export shows: the
 * `laptop_names` projection (migration 14), one row a laptop, so a name is
 * read by its key, never by scanning the operation log.
 *
 * - `name`: the name the laptop chose, from its latest (by HLC) operation
 *   that says it: a `laptop.claimed` (written on a claim, on a rename, and on
 *   leaving the event) or a `table.takenOver` (both carry `deviceName`).
 * - `heard_name`: else the latest name another laptop's takeover gave it
 *   (`fromDevices` / `fromDeviceName`: the laptops it took a table from).
 *
 * A laptop that never said one and was never named has no row: the exports
 * call it by a stable label of its id (shared/export/scope.ts `laptopLabel`).
 * Each column is the latest by HLC, so the same log gives the same names
 * whatever order its operations arrive in.
 */

/** `device_id`, `name` of every named laptop. Ends in a WHERE clause, so `AND device_id = ?` narrows it to one. */
export const LAPTOP_NAMES_SQL = `SELECT device_id, coalesce(name, heard_name) AS name FROM laptop_names
  WHERE coalesce(name, heard_name) IS NOT NULL`;

/** The name a laptop gave itself (`@deviceId`, `@name`, `@hlc` of its operation); an empty name says none. */
export const SAY_NAME_SQL = `INSERT INTO laptop_names (device_id, name, name_hlc) VALUES (@deviceId, nullif(@name, ''), @hlc)
  ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, name_hlc = excluded.name_hlc
  WHERE excluded.name_hlc > laptop_names.name_hlc`;

/** The name another laptop's operation gave a laptop (`@deviceId`, `@name`, `@hlc` of that operation). */
export const HEARD_NAME_SQL = `INSERT INTO laptop_names (device_id, heard_name, heard_hlc) VALUES (@deviceId, nullif(@name, ''), @hlc)
  ON CONFLICT (device_id) DO UPDATE SET heard_name = excluded.heard_name, heard_hlc = excluded.heard_hlc
  WHERE excluded.heard_hlc > laptop_names.heard_hlc`;

/** Changes whenever any laptop's name changes (for the readers that keep names: Reads.names). */
export const LAPTOP_NAMES_KEY_SQL = `SELECT count(*) || ':' || coalesce(max(name_hlc), '') || ':' || coalesce(max(heard_hlc), '') AS key FROM laptop_names`;
