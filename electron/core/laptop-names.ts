/**
 * Every laptop's name, the one definition every screen and export shows
 * (rows of `device_id`, `name`): the name the laptop chose, as the log carries
 * it, from its latest (by HLC) operation that says it: a `laptop.claimed` or a
 * `table.takenOver` (both carry `deviceName`). A laptop that never said one
 * has no row (shown as an unnamed laptop). Ends in a WHERE clause, so
 * `AND device_id = ?` narrows it to one laptop.
 */
export const LAPTOP_NAMES_SQL = `SELECT device_id, name FROM (
    SELECT device_id, json_extract(payload, '$.deviceName') AS name,
      row_number() OVER (PARTITION BY device_id ORDER BY hlc DESC) AS latest
    FROM ops WHERE type IN ('laptop.claimed', 'table.takenOver'))
  WHERE latest = 1`;
