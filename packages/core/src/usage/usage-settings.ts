import { z } from 'zod';

/** A model's price per million tokens, in the table's currency. */
export const ModelPriceSchema = z
  .object({
    input: z.number({ error: 'input is the price of one million prompt tokens, a number such as 0.15' }).min(0),
    output: z.number({ error: 'output is the price of one million completion tokens, a number such as 0.6' }).min(0),
    cachedInput: z.number().min(0).optional().describe('Price of one million prompt tokens read from the prompt cache (default: the input price).'),
    reasoning: z.number().min(0).optional().describe('Price of one million reasoning tokens (default: the output price).'),
  })
  .strict();

/** A daily limit: tokens, cost, or both (the first reached refuses). `{}` means no limit. */
export const UsageLimitSchema = z
  .object({
    tokens: z.number().int('tokens must be a whole number of tokens').positive('tokens must be above 0').optional(),
    cost: z.number().positive('cost must be above 0 (in usage.currency)').optional(),
  })
  .strict();

const modelKey = z
  .string()
  .regex(/^[^:\s]+:\S+$/, 'A price key is "<provider>:<modelId>" as `downcity usage` shows it, e.g. "openai:gpt-4o-mini" or "anthropic:claude-sonnet-4-5".');

/** The `usage` section of the agent config: the price table and the budgets. */
export const UsageSettingsSchema = z
  .object({
    currency: z.string().min(1).max(12).default('USD').describe('The currency of prices and cost budgets, shown next to every cost.'),
    prices: z
      .record(modelKey, ModelPriceSchema)
      .default({})
      .describe('Price per million tokens by "<provider>:<modelId>". None is built in: a model without a price shows tokens and "no price".'),
    budgets: z
      .object({
        perPrincipalDaily: UsageLimitSchema.optional().describe('What one principal (user) may use per UTC day, across all sessions.'),
        byPrincipal: z.record(z.string().min(1), UsageLimitSchema).default({}).describe('Per principal id overrides of perPrincipalDaily; {} means no limit for that principal.'),
      })
      .strict()
      .prefault({})
      .describe('Daily budgets; past one, a turn is refused before the model is called.'),
  })
  .strict();

/** The `usage` section as written. */
export type UsageSettingsInput = z.input<typeof UsageSettingsSchema>;
/** The `usage` section as validated. */
export type UsageSettings = z.output<typeof UsageSettingsSchema>;
/** A model's price as validated. */
export type ModelPrice = z.output<typeof ModelPriceSchema>;
/** A daily limit as validated. */
export type UsageLimit = z.output<typeof UsageLimitSchema>;
