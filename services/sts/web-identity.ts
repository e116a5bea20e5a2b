/**
 * What AssumeRoleWithWebIdentity reads from the token it is given. An OpenID
 * Connect ID token is a JWT: STS reports its `iss` as Provider, its `aud` as
 * Audience and its `sub` as SubjectFromWebIdentityToken, and refuses it once
 * `exp` has passed (STS API reference, AssumeRoleWithWebIdentity). An OAuth
 * 2.0 access token (Login with Amazon, Facebook) is opaque and comes with a
 * ProviderId, which STS reports as Provider. The fake has no identity
 * provider to ask, so signatures are not checked.
 */
import { clock } from '../../src/core/clock';
import { AwsError } from '../../src/core/errors';

export interface WebIdentity {
  provider: string;
  audience?: string;
  subject: string;
  sourceIdentity?: string;
}

// The error shapes' documented descriptions (botocore sts service-2.json).
const INVALID = 'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.';
const EXPIRED = 'The web identity token that was passed is expired or is not valid. Get a new identity token from the identity provider and then retry the request.';

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) return undefined;
    return claims as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function readWebIdentity(token: string, providerId: string | undefined): WebIdentity {
  const claims = jwtClaims(token);
  if (!claims) {
    if (providerId === undefined) throw new AwsError('InvalidIdentityToken', INVALID, { status: 400 });
    // An opaque OAuth 2.0 access token: the provider would name the user; the token stands for them here.
    return { provider: providerId, subject: token.slice(0, 255) };
  }
  const { iss, sub, aud, exp } = claims;
  if (typeof iss !== 'string' || typeof sub !== 'string') throw new AwsError('InvalidIdentityToken', INVALID, { status: 400 });
  if (typeof exp !== 'number' || exp * 1000 <= clock.now()) throw new AwsError('ExpiredTokenException', EXPIRED, { status: 400 });
  const audience = Array.isArray(aud) ? aud.find((a): a is string => typeof a === 'string') : typeof aud === 'string' ? aud : undefined;
  const source = claims['https://aws.amazon.com/source_identity'];
  return { provider: iss, audience, subject: sub, sourceIdentity: typeof source === 'string' ? source : undefined };
}
