/** The JSON a bank answers, as far as the hub relies on it. Extra fields pass through. */
import { z } from 'zod';

export const settlementPage = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  next_page: z.number().int().min(1).nullable(),
});
export type SettlementPage = z.infer<typeof settlementPage>;
