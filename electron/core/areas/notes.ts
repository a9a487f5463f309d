/**
 * Notes and follow-ups: the coach's note on a turn (tagged with who it is
 * about, topics and the kind of support; private to this laptop unless
 * shared with the organisers), and follow-ups recorded with the person's
 * consent. Commands, the operations they write, and those operations'
 * projection, footprint, privacy and export reading.
 */
import { opPayloads } from '../../../shared/ops.js';
import { RejectedError, uniqueTrimmed, type Handlers } from '../command.js';
import type { OpSpecs } from '../operation.js';

// ---------------------------------------------------------------------------
// Commands.

export const notesCommands = {
  'note.save': (args, ctx) => {
    const turn = ctx.reads.turn(args.turnId);
    if (!turn) throw new RejectedError('That turn does not exist.', 'no_turn');
    const existing = turn.note;
    const participants = new Set(turn.participants.map((p) => p.id));
    const about = args.about ?? existing?.about ?? [];
    if (about.some((id) => !participants.has(id))) {
      throw new RejectedError('A note can only be about people who took part in that turn.', 'note_not_participant');
    }
    const noteId = existing?.id ?? ctx.newId();
    return {
      ops: [
        {
          type: 'note.saved',
          payload: {
            noteId,
            turnId: args.turnId,
            text: args.text ?? existing?.text ?? '',
            savedAt: ctx.now,
            about,
            topics: args.topics ? uniqueTrimmed(args.topics) : (existing?.topics ?? []),
            supportKind: args.supportKind !== undefined ? args.supportKind : (existing?.supportKind ?? null),
            shared: args.shared ?? existing?.shared ?? false,
          },
        },
      ],
      result: { noteId, savedAt: ctx.now },
    };
  },

  'followup.record': (args, ctx) => {
    const entry = ctx.reads.entry(args.entryId);
    if (!entry) throw new RejectedError('That person is not at this table.', 'not_at_table');
    if (args.turnId !== undefined) {
      const turn = ctx.reads.turn(args.turnId);
      if (!turn) throw new RejectedError('That turn does not exist.', 'no_turn');
      // A follow-up belongs to a turn this person took part in, at their table.
      if (turn.tableId !== entry.tableId || !turn.participants.some((p) => p.id === entry.id)) {
        throw new RejectedError('That person did not take part in that turn.', 'not_in_turn');
      }
    }
    const followupId = ctx.newId();
    return {
      ops: [
        {
          type: 'followup.recorded',
          payload: {
            followupId,
            entryId: entry.id,
            turnId: args.turnId ?? null,
            consent: args.consent,
            contact: args.consent && args.contact ? args.contact : null,
            note: args.note ?? '',
            recordedAt: ctx.now,
          },
        },
      ],
      result: { followUpId: followupId },
    };
  },
} satisfies Handlers<'note.save' | 'followup.record'>;

// ---------------------------------------------------------------------------
// Operations.

export const notesOperations = {
  /** Every save of a turn's note (the latest by HLC wins). */
  'note.saved': {
    payload: opPayloads['note.saved'],
    project: ({ prepare, json }) => {
      const upsertNote = prepare(
        `INSERT INTO notes (id, interaction_id, text, about, topics, support_kind, shared, saved_at, saved_hlc)
         VALUES (@noteId, @turnId, @text, @about, @topics, @supportKind, @shared, @savedAt, @hlc)
         ON CONFLICT (id) DO UPDATE SET text = excluded.text, about = excluded.about,
           topics = excluded.topics, support_kind = excluded.support_kind, shared = excluded.shared,
           saved_at = excluded.saved_at, saved_hlc = excluded.saved_hlc
         WHERE excluded.saved_hlc > notes.saved_hlc`,
      );
      return (p, op) =>
        upsertNote.run({
          ...p,
          // Notes from before tags existed have none of these fields.
          about: json(p.about ?? []),
          topics: json(p.topics ?? []),
          supportKind: p.supportKind ?? null,
          shared: p.shared ? 1 : 0,
          hlc: op.hlc,
        });
    },
    footprint: (p, at) => {
      at.turn(p.turnId);
      const turnId = at.noteTurn(p.noteId);
      if (turnId !== undefined && turnId !== p.turnId) at.unplaceable();
    },
    // A private note never leaves the laptop that wrote it.
    leaves: { when: 'shared' },
    exportRead: { facts: ['interactions'], table: null },
  },
  'followup.recorded': {
    payload: opPayloads['followup.recorded'],
    project: ({ prepare }) => {
      const insertFollowUp = prepare(
        `INSERT OR IGNORE INTO followups
           (id, entry_id, interaction_id, consent, contact, note, recorded_at, recorded_hlc)
         VALUES (@followupId, @entryId, @turnId, @consent, @contact, @note, @recordedAt, @hlc)`,
      );
      return (p, op) =>
        insertFollowUp.run({
          ...p,
          consent: p.consent ? 1 : 0,
          contact: p.consent ? p.contact : null,
          hlc: op.hlc,
        });
    },
    footprint: (p, at) => {
      at.once('followup', p.followupId);
      const tableId = at.entry(p.entryId);
      if (p.turnId !== null) {
        const turnTable = at.turn(p.turnId);
        if (tableId !== undefined && turnTable !== undefined && turnTable !== tableId) at.unplaceable();
      }
    },
    leaves: 'always',
    exportRead: { facts: ['followUps'], table: null },
  },
} satisfies OpSpecs<'note.saved' | 'followup.recorded'>;
