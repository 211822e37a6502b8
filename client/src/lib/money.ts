/**
 * Amounts as the API sends them: exact decimal strings (the Decimal scalar).
 * They are formatted as text, never through Number, so 12345678901234.56
 * shows every digit.
 */

/** "1234567.5" -> "1,234,567.5": thousands grouped, the fraction as sent. */
export function groupDigits(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!match) return amount;
  const [, sign, integer, fraction = ''] = match;
  return `${sign}${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** "INR 1,250.50". */
export function formatAmount(amount: string, currency: string): string {
  return `${currency} ${groupDigits(amount)}`;
}
