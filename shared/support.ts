/**
 * The kinds of support a note can be tagged with: coaching, and the four it
 * is told apart from. Kept free of zod so the renderer's first chunk can use
 * it without the contract's schemas (shared/contract.ts re-exports it).
 */
export const SUPPORT_KINDS = ['coaching', 'mentoring', 'training', 'consulting', 'supervision'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
