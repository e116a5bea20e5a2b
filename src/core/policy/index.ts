/**
 * The IAM policy evaluator: a pure library. Services (IAM's simulator, S3
 * bucket policies, KMS key policies, the opt-in enforcement) parse documents
 * with `parsePolicy` and decide requests with `evaluate`.
 */
export { Context, type ContextInput, type ContextValue } from './context';
export { conditionKeys, conditionsHold, ipInCidr, isKnownOperator, parseOperator } from './conditions';
export {
  parsePolicy,
  policySize,
  PolicyDocumentError,
  type Effect,
  type PolicyDocument,
  type PolicyKind,
  type Statement,
} from './document';
export {
  evaluate,
  statementApplies,
  type Decision,
  type EvaluationRequest,
  type EvaluationResult,
  type MatchedStatement,
  type PolicyRef,
  type PolicySource,
} from './evaluate';
export { actionMatches, arnMatcher, globMatcher } from './pattern';
export { matchPrincipal, principalKind, type PrincipalInfo } from './principal';
