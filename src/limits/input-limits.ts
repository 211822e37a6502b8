import {
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { BadInputError } from '../schema/errors';
import { UserErrorCode } from '../schema/user-error.type';

/**
 * Size limits on what callers type, checked on every field's arguments
 * before its resolver runs, by the argument's (or input field's) name, so
 * inputs added later get them too. Over a limit: a mutation answers one
 * INVALID_INPUT userError naming the field (nothing is written), a query a
 * BAD_USER_INPUT error. Messages name the field and the limit, never the value.
 */
export const FIELD_LIMITS = {
  /** name, sourceEntity, title, externalId, entityType... */
  nameChars: 200,
  searchChars: 200,
  cronChars: 120,
  timezoneChars: 64,
  emailChars: 320,
  urlChars: 2_048,
  cursorChars: 200,
  /** Any other string argument (a note, a reason). */
  stringChars: 10_000,
  /** config, metadata and other JSON: nesting and encoded size. */
  jsonDepth: 8,
  jsonBytes: 64 * 1024,
  /** A secret (apiKey, password, clientSecret...), in UTF-8 bytes. */
  secretBytes: 8 * 1024,
  /** A privateKey (PEM, with its chain) in UTF-8 bytes. */
  privateKeyBytes: 16 * 1024,
} as const;

const NAME_KEYS = new Set([
  'name',
  'sourceEntity',
  'title',
  'externalId',
  'entityType',
  'action',
  'actor',
  'merchantCode',
  'status',
]);
/** JSON arguments holding write-only secrets. */
const SECRET_OBJECT_KEYS = new Set(['credentials']);

interface Problem {
  field: string[];
  message: string;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The limit on one string by its key, as [max, unit, what]. */
function stringLimit(key: string): [number, string] {
  if (NAME_KEYS.has(key)) return [FIELD_LIMITS.nameChars, 'characters'];
  if (key === 'search') return [FIELD_LIMITS.searchChars, 'characters'];
  if (key === 'cron') return [FIELD_LIMITS.cronChars, 'characters'];
  if (key === 'timezone') return [FIELD_LIMITS.timezoneChars, 'characters'];
  if (/email$/i.test(key)) return [FIELD_LIMITS.emailChars, 'characters'];
  if (/url$/i.test(key)) return [FIELD_LIMITS.urlChars, 'characters'];
  if (/secret$/i.test(key)) return [FIELD_LIMITS.secretBytes, 'characters'];
  if (key === 'after' || key === 'before') return [FIELD_LIMITS.cursorChars, 'characters'];
  return [FIELD_LIMITS.stringChars, 'characters'];
}

/** Depth of a JSON value: a scalar is 0, `{}` 1, `{a: {}}` 2. Stops counting past `cap`. */
function jsonDepth(value: unknown, cap: number, depth = 0): number {
  if (depth > cap || value === null || typeof value !== 'object') return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value as object)) {
    deepest = Math.max(deepest, jsonDepth(child, cap, depth + 1));
    if (deepest > cap) break;
  }
  return deepest;
}

function checkSecrets(value: unknown, field: string[], problems: Problem[]): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, secret] of Object.entries(value as Record<string, unknown>)) {
    if (typeof secret !== 'string') continue;
    const max = /privateKey$/i.test(key) ? FIELD_LIMITS.privateKeyBytes : FIELD_LIMITS.secretBytes;
    if (utf8Bytes(secret) > max) {
      problems.push({ field: [...field, key], message: `${key} must be at most ${max} bytes` });
    }
  }
}

/** URLs inside a JSON object (baseUrl, tokenUrl, ...): the same bound as URL arguments. */
function checkJsonUrls(value: unknown, field: string[], problems: Problem[], depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > FIELD_LIMITS.jsonDepth) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (typeof child === 'string' && /url$/i.test(key) && child.length > FIELD_LIMITS.urlChars) {
      problems.push({
        field: [...field, key],
        message: `${key} must be at most ${FIELD_LIMITS.urlChars} characters`,
      });
    } else if (typeof child === 'object') {
      checkJsonUrls(child, [...field, key], problems, depth + 1);
    }
  }
}

function checkJson(key: string, value: unknown, field: string[], problems: Problem[]): void {
  if (jsonDepth(value, FIELD_LIMITS.jsonDepth) > FIELD_LIMITS.jsonDepth) {
    problems.push({ field, message: `${key} must nest at most ${FIELD_LIMITS.jsonDepth} levels` });
    return;
  }
  if (utf8Bytes(JSON.stringify(value)) > FIELD_LIMITS.jsonBytes) {
    problems.push({
      field,
      message: `${key} must be at most ${FIELD_LIMITS.jsonBytes} bytes as JSON`,
    });
    return;
  }
  if (SECRET_OBJECT_KEYS.has(key)) checkSecrets(value, field, problems);
  else checkJsonUrls(value, field, problems);
}

/**
 * Walks one value by its GraphQL input type: input objects field by field,
 * lists item by item, String and ID by the key's limit, JSON as a whole.
 */
function walk(
  key: string,
  type: GraphQLInputType,
  value: unknown,
  field: string[],
  problems: Problem[],
): void {
  if (value === null || value === undefined) return;
  const bare = getNullableType(type);
  if (isListType(bare)) {
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        walk(key, bare.ofType as GraphQLInputType, item, [...field, String(index)], problems),
      );
    }
    return;
  }
  if (isInputObjectType(bare)) {
    const fields = bare.getFields();
    for (const [child, childValue] of Object.entries(value as Record<string, unknown>)) {
      const def = fields[child];
      if (def) walk(child, def.type, childValue, [...field, child], problems);
    }
    return;
  }
  if (typeof value === 'string') {
    const [max, unit] = stringLimit(key);
    if (value.length > max) {
      problems.push({ field, message: `${key} must be at most ${max} ${unit}` });
    }
    return;
  }
  if (isScalarType(bare) && typeof value === 'object' && !(value instanceof Date)) {
    checkJson(key, value, field, problems);
  }
}

/** Problems with one field's arguments (empty when within every limit). */
export function argumentProblems(
  args: Record<string, unknown>,
  definitions: readonly GraphQLArgument[],
): Problem[] {
  const problems: Problem[] = [];
  for (const def of definitions) {
    if (def.name in args) walk(def.name, def.type, args[def.name], [def.name], problems);
  }
  return problems;
}

/** True when the field answers a payload with userErrors (a mutation's). */
function returnsUserErrors(info: GraphQLResolveInfo): boolean {
  const type = getNullableType(info.returnType);
  return isObjectType(type) && 'userErrors' in type.getFields();
}

/** type-graphql global middleware: no resolver runs with an argument over its limit. */
export const InputLimits: MiddlewareFn = async ({ args, info }, next) => {
  if (!args || Object.keys(args).length === 0) return next();
  const definition = info.parentType.getFields()[info.fieldName];
  const problems = argumentProblems(args, definition?.args ?? []);
  if (problems.length === 0) return next();
  if (returnsUserErrors(info)) {
    return {
      userErrors: problems.map((p) => ({ ...p, code: UserErrorCode.INVALID_INPUT })),
    };
  }
  throw new BadInputError(`${problems[0].field.join('.')}: ${problems[0].message}`);
};
