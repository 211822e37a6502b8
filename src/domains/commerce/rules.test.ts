import { LosslessNumber } from 'lossless-json';
import { z } from 'zod';
import { mapOrder, mapProduct } from './entities';
import {
  applyRules,
  checkRules,
  mappingRule,
  ruleProblems,
  rulesFor,
  type MappingRule,
} from './rules';

const STATUS = { processing: 'CONFIRMED' };
const rule = (r: Partial<MappingRule> & Pick<MappingRule, 'target' | 'source'>): MappingRule => ({
  entity: 'order',
  ...r,
});

describe('mapping rules', () => {
  it('reads dotted paths and JSONPath, filters included', () => {
    const raw = {
      meta_data: [
        { key: 'vat', value: 'DE123' },
        { key: 'metal', value: ' Gold ' },
      ],
      billing: { email: ' Ann@Example.COM ' },
    };
    const result = applyRules('order', raw, [
      rule({ target: 'customerEmail', source: 'billing.email', transform: 'lowercase' }),
      rule({
        target: 'custom.metal',
        source: '$.meta_data[?@.key=="metal"].value',
        transform: 'trim',
      }),
      rule({ target: 'custom.vat', source: 'meta_data[0].value' }),
    ]);
    expect(result).toEqual({
      ok: true,
      values: { customerEmail: 'ann@example.com', custom: { metal: 'Gold', vat: 'DE123' } },
    });
  });

  it('sums decimals exactly at the largest scale, from strings and lossless numbers', () => {
    const raw = {
      line_items: [
        { subtotal: '0.10' },
        { subtotal: new LosslessNumber('0.20') },
        { subtotal: '12345678901234567.7' },
      ],
    };
    const result = applyRules('order', raw, [
      rule({ target: 'subtotal', source: 'line_items[*].subtotal', transform: 'decimal' }),
    ]);
    expect(result).toEqual({ ok: true, values: { subtotal: '12345678901234568.00', custom: {} } });
  });

  it('checks currencies against ISO 4217, and upper-cases them', () => {
    const currency = rule({ target: 'currency', source: 'c', transform: 'currency' });
    expect(applyRules('order', { c: 'inr' }, [currency])).toMatchObject({
      values: { currency: 'INR' },
    });
    expect(applyRules('order', { c: 'XYZ' }, [currency])).toEqual({
      ok: false,
      message: 'c "XYZ" is not an ISO 4217 currency code',
    });
  });

  it('maps enums with a default, and names an unmapped value', () => {
    const status = rule({ target: 'status', source: 'status', transform: 'enum', map: STATUS });
    expect(applyRules('order', { status: 'processing' }, [status])).toMatchObject({
      values: { status: 'CONFIRMED' },
    });
    expect(applyRules('order', { status: 'wc-shipped' }, [status])).toEqual({
      ok: false,
      message: 'status "wc-shipped" has no mapping',
    });
    expect(applyRules('order', { status: 'x' }, [{ ...status, default: 'PENDING' }])).toMatchObject(
      {
        values: { status: 'PENDING' },
      },
    );
  });

  it('reads integers, booleans and dates (no offset = UTC), refusing what they are not', () => {
    const p = (target: string, transform: MappingRule['transform']) =>
      ({ entity: 'product', target, source: 'v', transform }) as MappingRule;
    expect(applyRules('product', { v: '12' }, [p('stockQuantity', 'integer')])).toMatchObject({
      values: { stockQuantity: 12 },
    });
    expect(applyRules('product', { v: '1.5' }, [p('stockQuantity', 'integer')])).toEqual({
      ok: false,
      message: 'v "1.5" is not an integer',
    });
    expect(applyRules('product', { v: 'yes' }, [p('inStock', 'boolean')])).toMatchObject({
      values: { inStock: true },
    });
    expect(applyRules('product', { v: 'maybe' }, [p('inStock', 'boolean')])).toMatchObject({
      ok: false,
    });
    expect(
      applyRules('order', { v: '2026-01-02T10:00:00' }, [
        rule({ target: 'orderedAt', source: 'v', transform: 'date' }),
      ]),
    ).toMatchObject({
      values: { orderedAt: '2026-01-02T10:00:00.000Z' },
    });
    expect(
      applyRules('order', { v: '2026-01-02T10:00:00+05:30' }, [
        rule({ target: 'orderedAt', source: 'v', transform: 'date' }),
      ]),
    ).toMatchObject({
      values: { orderedAt: '2026-01-02T04:30:00.000Z' },
    });
  });

  it('names a required target that is missing', () => {
    expect(
      applyRules('order', {}, [rule({ target: 'total', source: 'total', transform: 'decimal' })]),
    ).toEqual({
      ok: false,
      message: 'total is missing',
    });
  });

  it('lets a connector rule replace the template rule of the same target only', () => {
    const own = rule({ target: 'tax', source: 'tax_lines[*].tax_total', transform: 'decimal' });
    const rules = rulesFor('order', [own], STATUS);
    expect(rules.filter((r) => r.target === 'tax')).toEqual([own]);
    expect(rules.map((r) => r.target).sort()).toEqual([
      'currency',
      'customerEmail',
      'number',
      'orderedAt',
      'status',
      'subtotal',
      'tax',
      'total',
    ]);
  });

  it('validates rules naming each: target, path, transform, enum map, repeats', () => {
    expect(ruleProblems(rule({ target: 'totl', source: 'total' }), 0)[0]).toMatch(
      /^mappings\[0\] \(order\.totl\): unknown target "totl"; known: number, status/,
    );
    expect(ruleProblems(rule({ target: 'total', source: '$..[' }))[0]).toMatch(
      /^rule \(order\.total\): source "\$\.\.\[" is not a dotted path or JSONPath/,
    );
    expect(ruleProblems(rule({ target: 'total', source: 'total', transform: 'money' }))).toEqual([
      'rule (order.total): unknown transform "money"; known: enum, decimal, currency, integer, boolean, trim, lowercase, date',
    ]);
    expect(ruleProblems(rule({ target: 'status', source: 'status', transform: 'enum' }))).toEqual([
      'rule (order.status): the enum transform needs a "map" of source values to target values',
    ]);
    const schema = z.array(mappingRule).superRefine((rules, ctx) => checkRules(rules, ctx, []));
    const twice = schema.safeParse([
      rule({ target: 'total', source: 'total' }),
      rule({ target: 'total', source: 'grand_total' }),
    ]);
    expect(twice.success).toBe(false);
    expect(twice.error!.issues.map((i) => [i.path, i.message])).toEqual([
      [[1], 'mappings[1] (order.total): a rule for order.total is already given'],
    ]);
  });
});

describe('products and orders', () => {
  it('maps a variation with its parent, and a product without SKU', () => {
    const rules = rulesFor('product', [], STATUS);
    const variation = mapProduct(
      { id: 201, parent_id: 103, name: 'KR 1oz', sku: 'KR-1', price: '1999.00' },
      rules,
      'EUR',
    );
    expect(variation).toMatchObject({
      ok: true,
      record: {
        externalId: '201',
        parentExternalId: '103',
        sku: 'KR-1',
        price: '1999.00',
        currency: 'EUR',
      },
    });
    const bare = mapProduct({ id: 5, name: 'Bar', sku: '', price: '' }, rules, null);
    expect(bare).toMatchObject({ ok: true, record: { sku: null, price: null, currency: null } });
    expect(mapProduct({ name: 'no id' }, rules, null)).toMatchObject({
      ok: false,
      reason: 'INVALID_RECORD',
    });
  });

  it('refuses an order whose status maps outside the hub statuses, naming it', () => {
    const rules = rulesFor(
      'order',
      [rule({ target: 'status', source: 'status', transform: 'enum', map: { x: 'LOST' } })],
      STATUS,
    );
    const result = mapOrder(
      {
        id: 1,
        status: 'x',
        currency: 'EUR',
        total: '1',
        total_tax: '0',
        billing: { email: 'a@b.c' },
        line_items: [{ product_id: 1, quantity: 1, total: '1', subtotal: '1' }],
      },
      rules,
    );
    expect(result).toEqual({
      ok: false,
      externalId: '1',
      reason: 'MAPPING_FAILED',
      message: 'status x maps to LOST, not one of PENDING, CONFIRMED, COMPLETED, CANCELLED',
    });
  });
});
