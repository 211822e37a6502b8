import { describe, expect, it } from 'vitest';
import { can } from '../src/lib/roles';

describe('can', () => {
  it('matches the server: VIEWER reads, OPERATOR operates, ADMIN configures', () => {
    expect([can('VIEWER', 'operate'), can('VIEWER', 'configure')]).toEqual([false, false]);
    expect([can('OPERATOR', 'operate'), can('OPERATOR', 'configure')]).toEqual([true, false]);
    expect([can('ADMIN', 'operate'), can('ADMIN', 'configure')]).toEqual([true, true]);
  });
});
