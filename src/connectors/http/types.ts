/** Shapes passed between the layers of the HTTP client. */

export type HttpMethod = 'GET' | 'POST';

/** Query parameters; undefined values are left out, so optional ones can be passed as they are. */
export type QueryParams = Record<string, string | number | undefined>;

export interface OutgoingRequest {
  method: HttpMethod;
  /** The path below baseUrl: what messages and logs name. Never the full URL. */
  path: string;
  /** The full URL, query included; may hold credentials (WooCommerce over http). */
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Read the body as bytes (RawResponse.bytes) instead of text. */
  binary?: boolean;
}

/** A response read to the end: status, headers and body text. */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body as text; for a binary request, only when the status is not 2xx. */
  text: string;
  /** The body as bytes, for a binary request. */
  bytes?: Uint8Array;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; check its shape with parseBody before use. */
  body: unknown;
}
