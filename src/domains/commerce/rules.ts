/**
 * Mapping rules: how a shop's raw payload becomes the hub's product or order.
 *
 * A rule is `{ entity, target, source, transform, map?, default? }`:
 * - entity: product or order;
 * - target: a field of the hub's entity (TARGETS), or `custom.<name>` (kept
 *   in the row's `custom` jsonb);
 * - source: where the value is in the raw payload, as a dotted path
 *   (`billing.email`, `categories[0].slug`) or JSONPath (RFC 9535, via
 *   jsonpath-rfc9535: `$.line_items[*].subtotal`, filters included);
 * - transform: enum (through `map`; an unmapped value takes `default`, or
 *   fails), decimal (exact text; several matches are summed), currency
 *   (ISO 4217, upper-cased; unknown codes fail), integer, boolean, trim,
 *   lowercase, date (ISO 8601; no offset = UTC);
 * - default: the value when the source yields nothing (or, for enum, when the
 *   value has no mapping).
 *
 * A default template per entity (TEMPLATES) says how each target is read
 * unless the connector's `config.mappings` has a rule for the same entity and
 * target, which replaces it. Rules are validated when a connector is created
 * or updated: an unknown target, a path that does not parse or an unknown
 * transform is INVALID_INPUT naming the rule.
 */
import Big from 'big.js';
import { code as currencyCode } from 'currency-codes';
import { query, type JsonValue } from 'jsonpath-rfc9535';
import { isLosslessNumber } from 'lossless-json';
import { z } from 'zod';
import { parseDecimal } from '../payments/decimal';

export const ENTITIES = ['product', 'order'] as const;
export type CommerceEntity = (typeof ENTITIES)[number];

export const TRANSFORMS = [
  'enum',
  'decimal',
  'currency',
  'integer',
  'boolean',
  'trim',
  'lowercase',
  'date',
] as const;
export type Transform = (typeof TRANSFORMS)[number];

/** What a target holds once mapped. */
type TargetType = 'text' | 'decimal' | 'currency' | 'integer' | 'boolean' | 'date' | 'list' | 'any';

/** Every target per entity, with its type and whether a value is required. */
export const TARGETS: Record<
  CommerceEntity,
  Record<string, { type: TargetType; required?: boolean }>
> = {
  product: {
    name: { type: 'text', required: true },
    sku: { type: 'text' },
    price: { type: 'decimal' },
    currency: { type: 'currency' },
    inStock: { type: 'boolean' },
    stockQuantity: { type: 'integer' },
    categories: { type: 'list' },
    productType: { type: 'text' },
  },
  order: {
    number: { type: 'text' },
    status: { type: 'text', required: true },
    currency: { type: 'currency', required: true },
    subtotal: { type: 'decimal', required: true },
    tax: { type: 'decimal', required: true },
    total: { type: 'decimal', required: true },
    customerEmail: { type: 'text', required: true },
    orderedAt: { type: 'date' },
  },
};

const CUSTOM = /^custom\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const scalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/** One rule as stored in config.mappings (checked further by `ruleProblems`). */
export const mappingRule = z
  .object({
    entity: z.enum(ENTITIES),
    target: z.string().min(1).max(100),
    source: z.string().min(1).max(500),
    transform: z.string().min(1).max(50).optional(),
    map: z.record(z.string().max(200), scalar).optional(),
    default: scalar.optional(),
  })
  .strict();
export type MappingRule = z.infer<typeof mappingRule>;

/** How a rule is named in messages: `mappings[2] (order.total)`. */
export function ruleName(rule: Pick<MappingRule, 'entity' | 'target'>, index?: number): string {
  return `${index === undefined ? 'rule' : `mappings[${index}]`} (${rule.entity}.${rule.target})`;
}

/** A dotted path or JSONPath as RFC 9535 JSONPath. */
export function jsonPath(source: string): string {
  const trimmed = source.trim();
  if (trimmed.startsWith('$')) return trimmed;
  return trimmed.startsWith('[') ? `$${trimmed}` : `$.${trimmed}`;
}

/** Why a rule cannot be used, or [] (the messages name the rule). */
export function ruleProblems(rule: MappingRule, index?: number): string[] {
  const name = ruleName(rule, index);
  const problems: string[] = [];
  const targets = TARGETS[rule.entity];
  if (!(rule.target in targets) && !CUSTOM.test(rule.target)) {
    problems.push(
      `${name}: unknown target "${rule.target}"; known: ${Object.keys(targets).join(', ')}, custom.<name>`,
    );
  }
  try {
    query({}, jsonPath(rule.source));
  } catch (error) {
    problems.push(
      `${name}: source "${rule.source}" is not a dotted path or JSONPath (${(error as Error).message.slice(0, 120)})`,
    );
  }
  if (rule.transform !== undefined && !(TRANSFORMS as readonly string[]).includes(rule.transform)) {
    problems.push(
      `${name}: unknown transform "${rule.transform}"; known: ${TRANSFORMS.join(', ')}`,
    );
  }
  if (rule.transform === 'enum' && !rule.map) {
    problems.push(`${name}: the enum transform needs a "map" of source values to target values`);
  }
  if (rule.transform !== 'enum' && rule.map) {
    problems.push(`${name}: "map" is only read by the enum transform`);
  }
  return problems;
}

/** Adds each unusable rule's problems to a zod context, at the rule's path. */
export function checkRules(
  rules: MappingRule[],
  ctx: z.RefinementCtx,
  path: (string | number)[] = ['mappings'],
): void {
  rules.forEach((rule, index) => {
    for (const message of ruleProblems(rule, index)) {
      ctx.addIssue({ code: 'custom', message, path: [...path, index] });
    }
  });
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const key = `${rule.entity}.${rule.target}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        message: `${ruleName(rule, index)}: a rule for ${key} is already given`,
        path: [...path, index],
      });
    }
    seen.add(key);
  });
}

/** The default template of an entity, given the connector's order statusMap. */
export function defaultTemplate(
  entity: CommerceEntity,
  statusMap: Record<string, string>,
): MappingRule[] {
  const rule = (target: string, source: string, transform: Transform, extra = {}) => ({
    entity,
    target,
    source,
    transform,
    ...extra,
  });
  if (entity === 'product') {
    return [
      rule('name', 'name', 'trim'),
      rule('sku', 'sku', 'trim'),
      rule('price', 'price', 'decimal'),
      rule('currency', 'currency', 'currency'),
      rule('inStock', 'stock_status', 'enum', {
        map: { instock: true, onbackorder: true, outofstock: false },
      }),
      rule('stockQuantity', 'stock_quantity', 'integer'),
      rule('categories', 'categories[*].name', 'trim'),
      rule('productType', 'type', 'trim'),
    ];
  }
  return [
    rule('number', 'number', 'trim'),
    rule('status', 'status', 'enum', { map: statusMap }),
    rule('currency', 'currency', 'currency'),
    rule('subtotal', 'line_items[*].subtotal', 'decimal'),
    rule('tax', 'total_tax', 'decimal'),
    rule('total', 'total', 'decimal'),
    rule('customerEmail', 'billing.email', 'lowercase'),
    rule('orderedAt', 'date_created_gmt', 'date'),
  ];
}

/** The rules in force for an entity: the template, each target replaced by the connector's rule. */
export function rulesFor(
  entity: CommerceEntity,
  custom: readonly MappingRule[],
  statusMap: Record<string, string>,
): MappingRule[] {
  const own = custom.filter((rule) => rule.entity === entity);
  const overridden = new Set(own.map((rule) => rule.target));
  return [
    ...defaultTemplate(entity, statusMap).filter((rule) => !overridden.has(rule.target)),
    ...own,
  ];
}

export type Mapped = Record<string, unknown> & { custom: Record<string, unknown> };
export type RuleOutcome = { ok: true; values: Mapped } | { ok: false; message: string };

/** Applies the rules to a raw payload: every target's value, or the first rule that failed. */
export function applyRules(
  entity: CommerceEntity,
  raw: Record<string, unknown>,
  rules: readonly MappingRule[],
): RuleOutcome {
  const values: Mapped = { custom: {} };
  // Lossless numbers (ExactNumber) are leaves to JSONPath: the transforms read their text.
  const json = raw as unknown as JsonValue;
  for (const rule of rules) {
    const result = applyRule(entity, json, rule);
    if (!result.ok) return result;
    if (rule.target.startsWith('custom.')) values.custom[rule.target.slice(7)] = result.value;
    else values[rule.target] = result.value;
  }
  return { ok: true, values };
}

type Value = { ok: true; value: unknown } | { ok: false; message: string };

function applyRule(entity: CommerceEntity, json: JsonValue, rule: MappingRule): Value {
  const spec = TARGETS[entity][rule.target] ?? { type: 'any' as const };
  const matches = query(json, jsonPath(rule.source)).filter(
    (value) => value !== null && value !== '',
  );
  const where = `${rule.source}`;
  const fail = (message: string): Value => ({ ok: false, message: `${where} ${message}` });
  let value: unknown;
  if (spec.type === 'list') {
    const out: unknown[] = [];
    for (const match of matches) {
      const one = transform(rule, match);
      if (!one.ok) return fail(one.message);
      if (one.value !== null) out.push(one.value);
    }
    return { ok: true, value: out };
  }
  if (matches.length === 0) {
    value = rule.default ?? null;
  } else if (rule.transform === 'decimal' && matches.length > 1) {
    // Exact, at the largest scale of the terms: 900.50 + 1999.00 is 2899.50.
    let sum = new Big(0);
    let scale = 0;
    for (const match of matches) {
      const one = transform(rule, match);
      if (!one.ok) return fail(one.message);
      const text = one.value as string;
      scale = Math.max(scale, text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);
      sum = sum.plus(text);
    }
    value = sum.toFixed(scale);
  } else {
    const one = transform(rule, matches[0]);
    if (!one.ok) return fail(one.message);
    value = one.value;
  }
  if (value === null || value === undefined) {
    if (TARGETS[entity][rule.target]?.required) return fail('is missing');
    return { ok: true, value: null };
  }
  return conform(spec.type, value, fail);
}

/** The value in the target's type (an enum's mapped value checked too). */
function conform(type: TargetType, value: unknown, fail: (m: string) => Value): Value {
  switch (type) {
    case 'decimal': {
      const parsed = parseDecimal(value);
      return parsed.ok ? { ok: true, value: parsed.value } : fail(parsed.message);
    }
    case 'currency':
      return currency(value, fail);
    case 'integer':
      return integer(value, fail);
    case 'boolean':
      return boolean(value, fail);
    case 'date':
      return date(value, fail);
    case 'text': {
      const text = scalarText(value);
      return text === null ? fail('is not text') : { ok: true, value: text };
    }
    default:
      return { ok: true, value };
  }
}

function transform(rule: MappingRule, input: JsonValue): Value {
  const fail = (message: string): Value => ({ ok: false, message });
  switch (rule.transform as Transform | undefined) {
    case 'enum': {
      const key = scalarText(input) ?? JSON.stringify(input);
      const map = rule.map ?? {};
      if (Object.prototype.hasOwnProperty.call(map, key)) return { ok: true, value: map[key] };
      if (rule.default !== undefined) return { ok: true, value: rule.default };
      return fail(`"${key.slice(0, 60)}" has no mapping`);
    }
    case 'decimal': {
      const parsed = parseDecimal(input);
      return parsed.ok ? { ok: true, value: parsed.value } : fail(parsed.message);
    }
    case 'currency':
      return currency(input, fail);
    case 'integer':
      return integer(input, fail);
    case 'boolean':
      return boolean(input, fail);
    case 'date':
      return date(input, fail);
    case 'lowercase': {
      const text = scalarText(input);
      return text === null
        ? fail('is not text')
        : { ok: true, value: text.trim().toLowerCase() || null };
    }
    case 'trim': {
      const text = scalarText(input);
      return text === null ? fail('is not text') : { ok: true, value: text.trim() || null };
    }
    default:
      return { ok: true, value: scalarText(input) ?? input };
  }
}

function currency(input: unknown, fail: (m: string) => Value): Value {
  if (typeof input !== 'string') return fail('is not a currency code');
  const upper = input.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper) || !currencyCode(upper)) {
    return fail(`"${input.slice(0, 20)}" is not an ISO 4217 currency code`);
  }
  return { ok: true, value: upper };
}

function integer(input: unknown, fail: (m: string) => Value): Value {
  const text = (scalarText(input) ?? '').trim();
  if (typeof input === 'boolean' || !/^[+-]?\d{1,10}$/.test(text)) {
    return fail(`"${text.slice(0, 40)}" is not an integer`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || Math.abs(value) > 2_147_483_647) {
    return fail(`${text} is out of range`);
  }
  return { ok: true, value };
}

const TRUE = new Set(['true', 'yes', '1', 'on']);
const FALSE = new Set(['false', 'no', '0', 'off']);

function boolean(input: unknown, fail: (m: string) => Value): Value {
  if (typeof input === 'boolean') return { ok: true, value: input };
  const text = String(input).trim().toLowerCase();
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return fail(`"${text.slice(0, 40)}" is not a boolean`);
}

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function date(input: unknown, fail: (m: string) => Value): Value {
  if (input instanceof Date) return { ok: true, value: input.toISOString() };
  if (typeof input !== 'string') return fail('is not a date');
  const text = input.trim();
  const match = ISO_DATE.exec(text);
  if (!match) return fail(`"${text.slice(0, 40)}" is not an ISO 8601 date`);
  // WooCommerce's *_gmt fields carry no offset: they are UTC.
  const instant = new Date(
    match[1] ? text : `${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z`,
  );
  if (Number.isNaN(instant.getTime())) return fail(`"${text.slice(0, 40)}" is not a valid date`);
  return { ok: true, value: instant.toISOString() };
}

/** A scalar's text (a lossless number's exact digits); null for lists and objects. */
function scalarText(input: unknown): string | null {
  if (isLosslessNumber(input)) return String(input);
  if (typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') {
    return String(input);
  }
  return null;
}
