/** WOOCOMMERCE: products and orders over the WooCommerce REST API v3. */
import { z } from 'zod';
import { HttpClient, parseBody } from '../http';
import type { ConnectorDefinition } from '../types';
import { wooAuth, wooCredentials } from './auth';
import { wooCommerceConfig, type WooCommerceConfig } from './config';
import { orderStream, productStream, rejected, WOO_API } from './sync';

export { WOO_API };

const wooList = z.array(z.record(z.string(), z.unknown()));

export const wooCommerce: ConnectorDefinition<WooCommerceConfig> = {
  kind: 'WOOCOMMERCE',
  configSchema: wooCommerceConfig,
  authTypes: ['BASIC'],
  credentialsSchemas: { BASIC: wooCredentials },
  /** Products before orders: an order's lines are matched to the products synced first. */
  streams: [productStream, orderStream],
  /** Products and orders map from the stored payload and the connector's rules alone. */
  remappable: true,

  /** One product (or order, when products are not synced), read with the consumer key. */
  async test(ctx) {
    const { config, secrets } = ctx;
    const auth = wooAuth(config.baseUrl, secrets.consumerKey, secrets.consumerSecret);
    const entity = config.syncProducts ? 'products' : 'orders';
    const path = `${WOO_API}/${entity}`;
    const { body, headers } = await new HttpClient(ctx, auth)
      .getJson(path, { page: 1, per_page: 1 })
      .catch((error: unknown) => {
        throw rejected(error);
      });
    const list = parseBody(wooList, body, `GET ${path}`);
    const total = headers.get('x-wp-total');
    return {
      message: `authenticated with the consumer key; listed ${list.length} of ${total ?? 'an unknown number of'} ${entity}`,
      details: { entity, records: list.length, total: total === null ? null : Number(total) },
    };
  },
};
