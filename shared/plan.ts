/**
 * The floor plan import across the contract (issue 15): the file goes to
 * `plan.preview` (read and checked by the core, nothing changed), and the
 * organiser's confirmation sends the previewed tables to `plan.import`,
 * which compares them with the event's tables again and emits only the
 * differences (so importing the same plan twice changes nothing).
 */
import { z } from 'zod';
import { PLAN_LIMITS, type PlanPreview } from './domain/floorplan.js';
import { PLAN_MAX_BYTES_BASE64 } from './plan-limits.js';
import { hasVisibleText } from './guard.js';
import { spokenLanguage } from './language-schema.js';

const label = (max: number) => z.string().trim().max(max).refine(hasVisibleText, { message: 'Required', params: { code: 'required' } });

/** A plan file as the page read it: its name (for the format) and its bytes in base64. */
export const planPreviewArgs = z
  .object({
    fileName: z.string().trim().min(1).max(260),
    contentBase64: z.string().max(PLAN_MAX_BYTES_BASE64),
    /** Header names in the UI language, accepted beside the English ones. */
    headers: z
      .object({
        table: label(60).optional(),
        coaches: label(60).optional(),
        topics: label(60).optional(),
        languages: label(60).optional(),
        turnMinutes: label(60).optional(),
      })
      .strict()
      .optional(),
    tableWord: label(30).optional(),
    uiLanguage: z.string().trim().max(35).optional(),
  })
  .strict();

/** One table of a confirmed plan. */
export const planTable = z
  .object({
    name: label(PLAN_LIMITS.nameChars),
    coaches: z.array(label(PLAN_LIMITS.coachChars)).min(1).max(PLAN_LIMITS.coaches),
    topics: z.array(label(PLAN_LIMITS.topicChars)).max(PLAN_LIMITS.topics),
    languages: z.array(spokenLanguage).min(1).max(PLAN_LIMITS.languages),
    turnMinutes: z.number().int().min(PLAN_LIMITS.minTurnMinutes).max(PLAN_LIMITS.maxTurnMinutes),
  })
  .strict();

/** The organiser's confirmation: the tables previewed, and the new topics to add to the event's list. */
export const planImportArgs = z
  .object({
    tables: z.array(planTable).min(1).max(PLAN_LIMITS.rows),
    addTopics: z.array(label(PLAN_LIMITS.topicChars)).max(PLAN_LIMITS.rows),
  })
  .strict();

export type PlanPreviewResult = PlanPreview;
export interface PlanImportResult {
  created: number;
  updated: number;
  unchanged: number;
  topicsAdded: number;
}
