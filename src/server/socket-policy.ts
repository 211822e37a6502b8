/**
 * What the GraphQL WebSocket (graphql-ws) allows, and who may keep it open.
 *
 * - Only subscriptions are served over the socket; queries and mutations go
 *   over HTTP, where every request is authenticated on its own. A socket is
 *   long-lived, so anything it may do must survive the token changing.
 * - Every subscribe checks the token again as it is now (revoked, role):
 *   a revoked token's socket is closed with 4401 at its next subscribe.
 * - Revoking a token closes its open sockets with 4401 in every process, on
 *   the `token` event the revocation publishes over LISTEN/NOTIFY; after the
 *   LISTEN connection comes back (events may have been missed) every open
 *   socket's token is checked again.
 * - At most `maxSubscriptions` [50] operations per connection and
 *   `maxConnectionsPerToken` [20] sockets per token in this process; past
 *   either the socket is closed with 4429.
 * - Errors go through the same formatter as over HTTP: caller errors keep
 *   their message and code, faults become a bare INTERNAL_SERVER_ERROR.
 * Messages are capped at `WS_MAX_PAYLOAD` by the ws server itself (close
 * 1009), before graphql-ws parses them, connection_init included.
 */
import {
  GraphQLError,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type WebSocket from 'ws';
import { checkQueryLimits, type QueryLimits } from '../limits/query-limits';
import type { Logger } from '../logger';
import type { HubEventSource } from '../pubsub/events';
import type { ApiTokenService, Caller } from '../services/access/api-token.service';
import type { Context } from '../schema/context.type';
import { callerFor } from './authenticate';
import { SharedMessages, type DirectNext } from './shared-send';

/** Missing, unknown or revoked token, mirroring HTTP 401. */
export const WS_UNAUTHORIZED = 4401;
/** Too many connections for a token, or subscriptions on a connection, mirroring HTTP 429. */
export const WS_TOO_MANY = 4429;
/** The largest message the server reads: 1 MiB (ws would take 100 MiB). */
export const WS_MAX_PAYLOAD = 1024 * 1024;

export interface SocketLimits {
  maxSubscriptions: number;
  maxConnectionsPerToken: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxSubscriptions: 50,
  maxConnectionsPerToken: 20,
};

export interface SocketPolicyDeps {
  schema: GraphQLSchema;
  tokens: ApiTokenService;
  /** Token revocations from every process; without it only subscribe-time checks apply. */
  events?: HubEventSource;
  context: (caller: Caller) => Context;
  /** The same formatter Apollo uses over HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  limits?: Partial<SocketLimits>;
  /** Depth, aliases, cost and tokens, as over HTTP (src/limits/query-limits.ts). */
  queryLimits?: QueryLimits;
}

type SocketExtra = Extra & { caller?: Caller };
type ConnectionParams = { authorization?: unknown };

const tokenKey = (caller: Caller) => caller.tokenId ?? 'env';

export class SocketPolicy {
  private readonly limits: SocketLimits;
  /** This process's open sockets, by token. */
  private readonly sockets = new Map<number | 'env', Set<WebSocket>>();
  private readonly detach: (() => void)[] = [];
  private readonly messages = new SharedMessages();

  constructor(private readonly deps: SocketPolicyDeps) {
    this.limits = { ...DEFAULT_SOCKET_LIMITS, ...deps.limits };
    if (deps.events) {
      this.detach.push(
        deps.events.listen((event) => {
          if (event.type === 'token') this.closeToken(event.tokenId, 'token revoked');
        }),
        deps.events.onReconnect(() => void this.recheckAll()),
      );
    }
  }

  /** Stops listening for revocations. */
  dispose(): void {
    for (const detach of this.detach.splice(0)) detach();
  }

  /** How many sockets this process holds open for a token. */
  connectionsOf(tokenId: number | null): number {
    return this.sockets.get(tokenId ?? 'env')?.size ?? 0;
  }

  /** The graphql-ws options that enforce all of the above. */
  serverOptions(): ServerOptions<ConnectionParams, SocketExtra> & { isProd: boolean } {
    return {
      schema: this.deps.schema,
      // Never send an internal error's message as the close reason, whatever NODE_ENV says.
      isProd: true,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const caller = await callerFor(this.deps.tokens, ctx.connectionParams?.authorization);
        if (!caller) {
          socket.close(WS_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        const open = this.sockets.get(tokenKey(caller)) ?? new Set<WebSocket>();
        if (open.size >= this.limits.maxConnectionsPerToken) {
          socket.close(WS_TOO_MANY, 'Too many connections for this token');
          return false;
        }
        open.add(socket);
        this.sockets.set(tokenKey(caller), open);
        ctx.extra.caller = caller;
        return true;
      },
      onClose: (ctx) => {
        const { caller, socket } = ctx.extra;
        if (!caller) return;
        const open = this.sockets.get(tokenKey(caller));
        open?.delete(socket);
        if (open?.size === 0) this.sockets.delete(tokenKey(caller));
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { socket, caller } = ctx.extra;
        // graphql-ws registers the operation before this hook runs, so it counts itself.
        if (Object.keys(ctx.subscriptions).length > this.limits.maxSubscriptions) {
          socket.close(WS_TOO_MANY, 'Too many subscriptions on this connection');
          return [unauthenticated('too many subscriptions on this connection')];
        }
        const current = caller ? await this.deps.tokens.callerById(caller.tokenId) : null;
        if (!current) {
          socket.close(WS_UNAUTHORIZED, 'Unauthorized');
          return [unauthenticated('the token of this connection is no longer valid')];
        }
        ctx.extra.caller = current;
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: this.deps.queryLimits?.maxTokens });
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(this.deps.schema, document);
        if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        if (this.deps.queryLimits) {
          const checked = checkQueryLimits(
            this.deps.queryLimits,
            this.deps.schema,
            document,
            payload.variables ?? undefined,
            payload.operationName ?? undefined,
          );
          if ('error' in checked) return [checked.error];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Unable to identify operation', codeOf('BAD_REQUEST'))];
        }
        if (operation.operation !== 'subscription') {
          return [
            new GraphQLError(
              `only subscriptions are served over WebSocket; send this ${operation.operation} to POST /graphql`,
              codeOf('BAD_REQUEST'),
            ),
          ];
        }
        return {
          schema: this.deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: this.deps.context(current),
        };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.format(error)),
      // Error-free results of a shared subscription never come here: they
      // are written directly (directSender, shared-send.ts).
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length
          ? { ...result, errors: result.errors.map((error) => this.format(error)) }
          : undefined,
    };
  }

  /**
   * For sharedSubscribe: subscription `id` of `socket` gets its error-free
   * results serialised once per process and written directly (shared-send.ts).
   */
  directSender(socket: WebSocket, id: string): DirectNext {
    return this.messages.sender(socket, id);
  }

  private format(error: GraphQLError): GraphQLFormattedError {
    return this.deps.formatError(error.toJSON(), error);
  }

  private closeToken(tokenId: number | 'env', reason: string): void {
    const open = this.sockets.get(tokenId);
    if (!open) return;
    this.deps.logger.info({ tokenId, sockets: open.size }, `closing sockets: ${reason}`);
    for (const socket of open) socket.close(WS_UNAUTHORIZED, 'Unauthorized');
  }

  /** After missed events: every open socket's token as it is now. */
  private async recheckAll(): Promise<void> {
    for (const key of [...this.sockets.keys()]) {
      try {
        const current = await this.deps.tokens.callerById(key === 'env' ? null : key);
        if (!current) this.closeToken(key, 'token revoked while events were missed');
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'could not re-check socket tokens');
      }
    }
  }
}

function codeOf(code: string) {
  return { extensions: { code } };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, codeOf('UNAUTHENTICATED'));
}

function withCode(error: unknown, code: string): GraphQLError {
  if (error instanceof GraphQLError) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      extensions: { ...error.extensions, code },
    });
  }
  return new GraphQLError('Invalid request', codeOf(code));
}
