/**
 * Parameter policies (Advanced tier): Expiration, ExpirationNotification and
 * NoChangeNotification, checked as Parameter Store checks them (user guide,
 * "Assigning parameter policies"). Expiration deletes the parameter on the clock.
 */
import { ssmError } from '../exceptions';

export interface StoredPolicy {
  PolicyText: string;
  PolicyType: string;
  PolicyStatus: string;
  /** Expiration only: when the parameter goes. */
  expiresAt?: number;
}

function invalidType(): never {
  throw ssmError(
    'InvalidPolicyTypeException',
    'The policy type is not supported. Parameter Store supports the following policy types: Expiration, NoChangeNotification, and ExpirationNotification.',
  );
}

function invalidAttribute(message: string): never {
  throw ssmError('InvalidPolicyAttributeException', message);
}

function checkAfterBefore(attributes: Record<string, unknown>, key: 'Before' | 'After', type: string): void {
  const amount = attributes[key];
  const unit = attributes.Unit;
  if (typeof amount !== 'string' || !/^\d+$/.test(amount) || Number(amount) < 1) {
    invalidAttribute(`A policy of type ${type} must have an attribute ${key} with a positive whole number.`);
  }
  if (unit !== 'Days' && unit !== 'Hours') invalidAttribute(`The ${type} policy attribute Unit must be Days or Hours.`);
}

export function parsePolicies(text: string): StoredPolicy[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ssmError('InvalidPolicyAttributeException', 'The parameter policy is not valid JSON.');
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const seen = new Set<string>();
  return list.map((p) => {
    if (!p || typeof p !== 'object') invalidType();
    const { Type, Version, Attributes } = p as Record<string, unknown>;
    if (Type !== 'Expiration' && Type !== 'ExpirationNotification' && Type !== 'NoChangeNotification') invalidType();
    if (seen.has(Type)) {
      throw ssmError('IncompatiblePolicyException', `A parameter can have only one policy of type ${Type}.`);
    }
    seen.add(Type);
    if (Version !== '1.0') invalidAttribute('The policy Version must be 1.0.');
    const attributes = (Attributes ?? {}) as Record<string, unknown>;
    let expiresAt: number | undefined;
    if (Type === 'Expiration') {
      const ts = typeof attributes.Timestamp === 'string' ? Date.parse(attributes.Timestamp) : Number.NaN;
      if (Number.isNaN(ts)) invalidAttribute('The Expiration policy must have a Timestamp attribute in ISO 8601 format.');
      expiresAt = ts;
    } else {
      checkAfterBefore(attributes, Type === 'ExpirationNotification' ? 'Before' : 'After', Type);
    }
    return { PolicyText: JSON.stringify(p), PolicyType: Type, PolicyStatus: 'Pending', expiresAt };
  });
}
