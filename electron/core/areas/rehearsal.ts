/**
 * The rehearsal's player in the log (issue 15): `rehearsal.played`, written
 * by the rehearsal service (electron/rehearsal/service.ts, through
 * `Core.recordPlayer`) when its player starts, pauses or changes speed, and
 * when a laptop that took over as the hub resumes it. The latest by HLC says
 * which laptop plays the rehearsal and where the script stands, so every
 * laptop can say "already playing on Ana's laptop", and a new hub resumes at
 * the minute reached rather than at 0. It grants nothing (the service
 * decides who plays); the player's own progress (the walk-ins it made) stays
 * in the meta table of the laptop that plays.
 */
import { opPayloads } from '../../../shared/ops.js';
import type { OpSpecs } from '../operation.js';
import { SAY_NAME_SQL } from '../laptop-names.js';

export const rehearsalOperations = {
  'rehearsal.played': {
    payload: opPayloads['rehearsal.played'],
    project: ({ prepare }) => {
      // The latest by HLC holds, whatever order they arrive in.
      const played = prepare(
        `INSERT INTO rehearsal_player (id, device_id, device_name, playing, speed, minute, next, floor_at, hlc)
         VALUES (1, @deviceId, @deviceName, @playing, @speed, @minute, @next, @floorAt, @hlc)
         ON CONFLICT (id) DO UPDATE SET device_id = excluded.device_id, device_name = excluded.device_name,
           playing = excluded.playing, speed = excluded.speed, minute = excluded.minute, next = excluded.next,
           floor_at = excluded.floor_at, hlc = excluded.hlc
         WHERE excluded.hlc > rehearsal_player.hlc`,
      );
      const say = prepare(SAY_NAME_SQL);
      return (p, op) => {
        played.run({
          deviceId: op.deviceId,
          deviceName: p.deviceName,
          playing: p.playing ? 1 : 0,
          speed: p.speed,
          minute: p.minute,
          next: p.next,
          floorAt: p.floorAt,
          hlc: op.hlc,
        });
        say.run({ deviceId: op.deviceId, name: p.deviceName, hlc: op.hlc });
      };
    },
    // One register for the event (latest by HLC, whatever the order), read by no other operation: it commutes
    // with everything, as a laptop's claim does, so it names no part (a push after it is a whole snapshot).
    footprint: () => undefined,
    leaves: 'always',
    // A rehearsal is never exported (export_rehearsal); it names no coaching table.
    exportRead: { facts: [], table: null },
  },
} satisfies OpSpecs<'rehearsal.played'>;
