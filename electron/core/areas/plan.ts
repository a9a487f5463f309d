/**
 * The floor plan (issue 15): `plan.import` applies a confirmed plan as the
 * ordinary operations of the event area (topic.added, table.created,
 * table.updated), so the plan travels to the other laptops by sync like any
 * other change. The plan is compared with the tables the event has now
 * (`diffTable`, shared/domain/floorplan.ts) and only the differences are
 * written: importing the same plan twice writes nothing the second time.
 */
import type { OpDraft } from '../../../shared/ops.js';
import { diffTable, tableKey, type ExistingTable } from '../../../shared/domain/floorplan.js';
import { topicKey } from '../../../shared/domain/topic.js';
import { RejectedError, requireEvent, type Handlers } from '../command.js';

export const planCommands = {
  'plan.import': (args, ctx) => {
    const event = requireEvent(ctx);
    const keys = new Set<string>();
    for (const t of args.tables) {
      const key = tableKey(t.name);
      if (keys.has(key)) throw new RejectedError(`${t.name} is in the plan twice.`, 'plan_duplicate_table', { name: t.name });
      keys.add(key);
    }
    const existing: ExistingTable[] = ctx.snapshot().tables.map((t) => ({
      id: t.id,
      name: t.name,
      coaches: t.coaches,
      topics: t.topics,
      languages: t.languages,
      turnMinutes: t.turnMinutes,
    }));
    const ops: OpDraft[] = [];
    const known = new Set(event.topics.map((t) => topicKey(t.label)));
    let topicsAdded = 0;
    for (const label of args.addTopics) {
      if (known.has(topicKey(label))) continue;
      known.add(topicKey(label));
      ops.push({ type: 'topic.added', payload: { topicId: ctx.newId(), eventId: event.id, label } });
      topicsAdded += 1;
    }
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    args.tables.forEach((table, i) => {
      const change = diffTable({ ...table, row: i }, existing);
      const t = change.table;
      if (change.kind === 'same') {
        unchanged += 1;
      } else if (change.kind === 'create') {
        created += 1;
        ops.push({
          type: 'table.created',
          payload: {
            tableId: ctx.newId(),
            eventId: event.id,
            name: t.name,
            coaches: t.coaches,
            topics: t.topics,
            language: t.languages[0] ?? 'en',
            languages: t.languages.length > 0 ? t.languages : ['en'],
            turnMinutes: t.turnMinutes,
            createdAt: ctx.now + i,
          },
        });
      } else {
        updated += 1;
        ops.push({
          type: 'table.updated',
          payload: {
            tableId: change.tableId,
            name: t.name,
            coaches: t.coaches,
            topics: t.topics,
            language: t.languages[0] ?? 'en',
            languages: t.languages.length > 0 ? t.languages : ['en'],
            turnMinutes: t.turnMinutes,
          },
        });
      }
    });
    return { ops, result: { created, updated, unchanged, topicsAdded } };
  },
} satisfies Handlers<'plan.import'>;
