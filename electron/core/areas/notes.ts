/**
 * Notes and follow-ups: the coach's note on a turn (tagged with who it is
 * about, topics and the kind of support; private to this laptop unless
 * shared with the organisers), and follow-ups recorded with the person's
 * consent. Commands, the operations they write, and those operations'
 * projection, footprint, privacy and export reading.
 */
import { opPayloads } from '../../../shared/ops.js';
import { RejectedError, uniqueTrimmed, type Handlers } from '../command.js';
import type { OpSpecs, Placer } from '../operation.js';

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
    // One follow-up per person in a queue: a second is refused, pointing to the first.
    const existing = ctx.reads.liveFollowUpOf(entry.id);
    if (existing !== null) {
      throw new RejectedError(
        'This person already has a follow-up: edit that one instead.',
        'followup_duplicate',
        { followUpId: existing },
      );
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

  'followup.edit': (args, ctx) => {
    const f = ctx.reads.followUp(args.followUpId);
    if (!f) throw new RejectedError('That follow-up does not exist.', 'no_followup');
    if (f.withdrawnAt !== null) {
      throw new RejectedError('Consent for this follow-up was withdrawn; it cannot be edited.', 'followup_withdrawn');
    }
    if (args.contact && !f.consent) {
      throw new RejectedError("Contact details can be kept only with the participant's consent", 'contact_needs_consent');
    }
    return {
      ops: [
        {
          type: 'followup.edited',
          payload: {
            followupId: f.id,
            contact: args.contact !== undefined ? args.contact || null : f.contact,
            note: args.note ?? f.note,
            editedAt: ctx.now,
          },
        },
      ],
      result: { followUpId: f.id },
    };
  },

  'followup.withdraw': (args, ctx) => {
    const f = ctx.reads.followUp(args.followUpId);
    if (!f) throw new RejectedError('That follow-up does not exist.', 'no_followup');
    if (f.withdrawnAt !== null) {
      throw new RejectedError('Consent for this follow-up was withdrawn already.', 'followup_withdrawn');
    }
    return {
      ops: [{ type: 'followup.withdrawn', payload: { followupId: f.id, withdrawnAt: ctx.now } }],
      result: { followUpId: f.id },
    };
  },
} satisfies Handlers<'note.save' | 'followup.record' | 'followup.edit' | 'followup.withdraw'>;

/**
 * Erase the contact from the stored payloads of a withdrawn follow-up's
 * operations, so no later export, sync or replay carries it (the log keeps
 * that they happened). Does nothing while the follow-up is not withdrawn.
 */
/** An edit or withdrawal: the follow-up's row and its person's table (or the row's absence). */
function followUpFootprint(p: { followupId: string }, at: Placer): void {
  const entryId = at.followUpEntry(p.followupId);
  if (entryId === undefined) at.absent(p.followupId);
  else at.entry(entryId);
}

const SCRUB_WITHDRAWN_CONTACT = `
  UPDATE ops SET payload = json_set(payload, '$.contact', json('null'))
  WHERE type IN ('followup.recorded', 'followup.edited')
    AND json_extract(payload, '$.followupId') = @followupId
    AND json_extract(payload, '$.contact') IS NOT NULL
    AND EXISTS (SELECT 1 FROM followups WHERE id = @followupId AND withdrawn_at IS NOT NULL)`;

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
      // Made here, and read by later edits and withdrawals: a row part.
      at.makes('followup', p.followupId);
      const tableId = at.entry(p.entryId);
      if (p.turnId !== null) {
        const turnTable = at.turn(p.turnId);
        if (tableId !== undefined && turnTable !== undefined && turnTable !== tableId) at.unplaceable();
      }
    },
    leaves: 'always',
    exportRead: { facts: ['followUps'], table: null },
  },
  /** A follow-up's contact and note (the latest by HLC wins; a withdrawn one keeps no contact). */
  'followup.edited': {
    payload: opPayloads['followup.edited'],
    project: ({ prepare }) => {
      const edit = prepare(
        `UPDATE followups SET note = @note,
           contact = CASE WHEN withdrawn_at IS NULL AND consent = 1 THEN @contact ELSE NULL END,
           edited_hlc = @hlc
         WHERE id = @followupId AND edited_hlc < @hlc`,
      );
      const scrub = prepare(SCRUB_WITHDRAWN_CONTACT);
      return (p, op) => {
        edit.run({ followupId: p.followupId, note: p.note, contact: p.contact, hlc: op.hlc });
        // An edit arriving after the withdrawal: its own payload loses the contact too.
        scrub.run({ followupId: p.followupId });
      };
    },
    footprint: followUpFootprint,
    leaves: 'always',
    exportRead: { facts: ['followUps'], table: null },
  },
  /** Consent withdrawn: contact erased from the projection and from the log's payloads; kept: that it happened. */
  'followup.withdrawn': {
    payload: opPayloads['followup.withdrawn'],
    project: ({ prepare }) => {
      const withdraw = prepare(
        `UPDATE followups SET consent = 0, contact = NULL,
           withdrawn_at = min(coalesce(withdrawn_at, @withdrawnAt), @withdrawnAt)
         WHERE id = @followupId`,
      );
      const scrub = prepare(SCRUB_WITHDRAWN_CONTACT);
      return (p) => {
        withdraw.run(p);
        scrub.run({ followupId: p.followupId });
      };
    },
    footprint: followUpFootprint,
    leaves: 'always',
    exportRead: { facts: ['followUps'], table: null },
  },
} satisfies OpSpecs<'note.saved' | 'followup.recorded' | 'followup.edited' | 'followup.withdrawn'>;
