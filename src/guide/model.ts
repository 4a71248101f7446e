import { z } from 'zod';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in one or more languages; which ones a guide must provide is set by its `languages`. */
export const LocalizedText = z
  .object({ en: z.string().min(1).optional(), 'zh-CN': z.string().min(1).optional() })
  .strict()
  .refine((t) => t.en !== undefined || t['zh-CN'] !== undefined, { message: 'text needs at least one language' });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const Platform = z.enum(['linux', 'macos', 'windows', 'any']);
export type Platform = z.infer<typeof Platform>;

/** A finding rule: a SQL condition over a query's result columns. */
export const Flag = z
  .object({
    when: z.string().min(1),
    severity: Severity,
    reason: LocalizedText,
    /** Result columns that name what was flagged (default: the columns `when` reads). */
    show: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type Flag = z.infer<typeof Flag>;

/** Metadata header of a queries/*.sql file. */
export const QueryMeta = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'query id: lowercase letters, digits and dashes'),
    title: LocalizedText,
    description: LocalizedText.optional(),
    /** Alert fields the SQL's <<placeholders>> read. */
    fields: z.array(z.string()).default([]),
    /** osquery tables the SQL reads. */
    tables: z.array(z.string()).min(1),
    platforms: z.array(Platform).default(['linux']),
    flags: z.array(Flag).default([]),
  })
  .strict();
export type QueryMeta = z.infer<typeof QueryMeta>;

export interface Query extends QueryMeta {
  sql: string;
  /** File it was loaded from. */
  file: string;
}

export interface Step {
  text: LocalizedText;
  queries: string[];
  steps: Step[];
}

export const Step: z.ZodType<Step, z.input<z.ZodType<Step>>> = z.lazy(() =>
  z
    .object({
      text: LocalizedText,
      queries: z.array(z.string()).default([]),
      steps: z.array(Step).default([]),
    })
    .strict(),
) as unknown as z.ZodType<Step, z.input<z.ZodType<Step>>>;

export const ChecklistItem = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    text: LocalizedText,
  })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const RelatedRule = z
  .object({
    rule_id: z.string().optional(),
    name: LocalizedText,
  })
  .strict();
export type RelatedRule = z.infer<typeof RelatedRule>;

export const Guide = z
  .object({
    rule_id: z.string().min(1),
    name: LocalizedText,
    /** Languages every text of this guide provides; lint reports any text missing one. */
    languages: z.array(z.enum(LANGUAGES)).min(1).default(['en', 'zh-CN']),
    severity: Severity,
    risk_score: z.number().int().min(0).max(100),
    mitre: z
      .object({
        tactics: z.array(z.string().regex(/^TA\d{4}$/)).default([]),
        techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).default([]),
      })
      .strict()
      .default({ tactics: [], techniques: [] }),
    platforms: z.array(Platform).default(['linux']),
    tags: z.array(z.string()).default([]),
    /** Alert fields the guide's queries may read; a placeholder on any other field is a lint error. */
    fields: z.array(z.string()).default([]),
    summary: LocalizedText,
    steps: z.array(Step).min(1),
    false_positives: z.array(LocalizedText).default([]),
    related_rules: z.array(RelatedRule).default([]),
    response: z.array(ChecklistItem).default([]),
    /** Where an imported guide came from (file, rule version); absent for guides written here. */
    origin: z
      .object({ kind: z.enum(['detection-rules-toml', 'kibana-export', 'alert-note', 'markdown']), file: z.string(), version: z.number().optional() })
      .strict()
      .optional(),
  })
  .strict();
export type Guide = z.infer<typeof Guide>;

/** A guide as loaded: the parsed data plus where it came from and its content hash. */
export interface LoadedGuide {
  guide: Guide;
  file: string;
  sha256: string;
  /** `shipped` for guides/ in this package, else the --guides directory it came from. */
  source: string;
}

export { localize } from './localize.js';
