/** The JSON a payment gateway answers, as far as the hub relies on it. Extra fields pass through. */
import { z } from 'zod';
import { sourceRecord } from '../http/response';

export const transactionPage = z.object({
  data: z.array(sourceRecord),
  page: z.number().int().min(1),
  total_pages: z.number().int().min(0),
});
export type TransactionPage = z.infer<typeof transactionPage>;
