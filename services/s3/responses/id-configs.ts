/**
 * The Id-keyed bucket configuration sets — analytics, metrics, inventory,
 * intelligent-tiering — each with Put/Get/Delete by Id and a paged List.
 */
import type { Handler, RequestContext } from '../../../src/core/service';
import { AwsError } from '../../../src/core/errors';
import { invalidArgument } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import { decodeToken, encodeToken } from './tokens';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

const PAGE = 100;

function store(bucket: Bucket, kind: string): Map<string, Input> {
  let map = bucket.config.get(kind) as Map<string, Input> | undefined;
  if (!map) {
    map = new Map();
    bucket.config.set(kind, map);
  }
  return map;
}

/** The set as it is, for reads and deletes: a lookup must not create the empty set (no state change on a miss). */
function stored(bucket: Bucket, kind: string): Map<string, Input> {
  return (bucket.config.get(kind) as Map<string, Input> | undefined) ?? new Map();
}

function noSuchConfiguration(): AwsError {
  return new AwsError('NoSuchConfiguration', 'The specified configuration does not exist.', { status: 404 });
}

function handlersFor(kind: string, limit: number): Record<string, Handler<Input, Input, S3Backend>> {
  const member = `${kind}Configuration`;
  return {
    [`PutBucket${kind}Configuration`]: (input, ctx: Ctx) => {
      const bucket = ctx.backend.bucket(input.Bucket);
      const map = stored(bucket, kind);
      const config = input[member];
      if (config?.Id !== undefined && config.Id !== input.Id) {
        throw invalidArgument('Configuration Id does not match the id query parameter', 'id', input.Id);
      }
      if (!map.has(input.Id) && map.size >= limit) {
        throw new AwsError('TooManyConfigurations', `You are attempting to create a new configuration but have already reached the ${limit}-configuration limit.`, { status: 400 });
      }
      store(bucket, kind).set(input.Id, { ...config, Id: input.Id });
      return {};
    },
    [`GetBucket${kind}Configuration`]: (input, ctx: Ctx) => {
      const config = stored(ctx.backend.bucket(input.Bucket), kind).get(input.Id);
      if (!config) throw noSuchConfiguration();
      return { [member]: config };
    },
    [`DeleteBucket${kind}Configuration`]: (input, ctx: Ctx) => {
      const map = stored(ctx.backend.bucket(input.Bucket), kind);
      if (!map.delete(input.Id)) throw noSuchConfiguration();
      return {};
    },
    [`ListBucket${kind}Configurations`]: (input, ctx: Ctx) => {
      const map = stored(ctx.backend.bucket(input.Bucket), kind);
      const after = input.ContinuationToken === undefined ? undefined : decodeToken(input.ContinuationToken, 'continuation-token');
      const ids = [...map.keys()].sort().filter((id) => after === undefined || id > after);
      const page = ids.slice(0, PAGE);
      const truncated = ids.length > page.length;
      return {
        [`${member}List`]: page.length ? page.map((id) => map.get(id)) : undefined,
        IsTruncated: truncated,
        ContinuationToken: input.ContinuationToken,
        NextContinuationToken: truncated ? encodeToken(page[page.length - 1]) : undefined,
      };
    },
  };
}

export const idConfigHandlers: Record<string, Handler<Input, Input, S3Backend>> = {
  ...handlersFor('Analytics', 1000),
  ...handlersFor('Metrics', 1000),
  ...handlersFor('Inventory', 1000),
  ...handlersFor('IntelligentTiering', 1000),
};
