import { describe, expect, it } from 'vitest';
import { formatAmount, groupDigits } from '../src/lib/money';

describe('formatAmount', () => {
  it('groups digits as text, keeping every digit and the scale', () => {
    expect(formatAmount('1250.50', 'INR')).toBe('INR 1,250.50');
    expect(formatAmount('12345678901234.56', 'INR')).toBe('INR 12,345,678,901,234.56');
    expect(groupDigits('98765432109876543210.0001')).toBe('98,765,432,109,876,543,210.0001');
    expect(groupDigits('0.30')).toBe('0.30');
    expect(groupDigits('-1000')).toBe('-1,000');
    expect(groupDigits('999')).toBe('999');
  });
});
