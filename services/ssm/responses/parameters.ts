/** Parameter Store: put, get (selectors, paths, history), describe, labels, delete. */
import { isAwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import { invalidNextToken, parameterNotFound, ssmError, validation, versionNotFound } from '../exceptions';
import { DEFAULT_SSM_KEY } from '../models/backend';
import { type ParameterOperation, parameterChanged } from '../models/change-events';
import { Parameter, type ParameterVersion } from '../models/parameters';
import { parsePolicies } from '../models/policies';
import type * as T from '../types';
import { type Ctx, callerArn, decodeToken, encodeToken } from './common';
import { filterParameters, type StringFilter } from './parameter-filters';

const NAME_RULES =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const PATH_RULES =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';
const HIERARCHY_LIMIT =
  'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.';
const STANDARD_LIMIT =
  'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html';
const DATA_TYPES = new Set(['text', 'aws:ec2:image', 'aws:ssm:integration']);
const MAX_VERSIONS = 100;
const MAX_LABELS = 10;

function reserved(name: string): boolean {
  const bare = name.replace(/^\//, '').toLowerCase();
  return bare.startsWith('aws') || bare.startsWith('ssm');
}

function levels(name: string): number {
  return name.split('/').filter(Boolean).length;
}

function checkName(name: string): void {
  if (reserved(name) || !/^[a-zA-Z0-9_.\-/]+$/.test(name)) throw validation(NAME_RULES);
  if (name.includes('/') && (!name.startsWith('/') || name.endsWith('/') || name.includes('//'))) throw validation(NAME_RULES);
  if (levels(name) > 15) throw ssmError('HierarchyLevelLimitExceededException', HIERARCHY_LIMIT);
}

/** `name`, `name:3` or `name:label`; ARNs are accepted for the name. */
function parseSelector(raw: string, ctx: Ctx): { name: string; version?: number; label?: string; selector?: string } {
  let text = raw;
  if (text.startsWith('arn:')) {
    const at = text.indexOf(':parameter');
    if (at < 0) return { name: raw };
    text = text.slice(at + ':parameter'.length);
    const bare = text.split(':')[0];
    if (!ctx.backend.parameters.byName.has(bare) && ctx.backend.parameters.byName.has(bare.slice(1))) text = text.slice(1);
  }
  const colon = text.indexOf(':');
  if (colon < 0) return { name: text };
  const name = text.slice(0, colon);
  const selector = text.slice(colon + 1);
  return /^\d+$/.test(selector)
    ? { name, version: Number(selector), selector: `:${selector}` }
    : { name, label: selector, selector: `:${selector}` };
}

function resolve(ctx: Ctx, raw: string): { parameter: Parameter; version: ParameterVersion; selector?: string } {
  const sel = parseSelector(raw, ctx);
  const parameter = ctx.backend.parameters.get(sel.name);
  if (!parameter) throw parameterNotFound();
  if (sel.version !== undefined) {
    const version = parameter.version(sel.version);
    if (!version) throw versionNotFound(sel.name, sel.version);
    return { parameter, version, selector: sel.selector };
  }
  if (sel.label !== undefined) {
    const version = parameter.byLabel(sel.label);
    if (!version) throw parameterNotFound();
    return { parameter, version, selector: sel.selector };
  }
  return { parameter, version: parameter.latest };
}

async function parameterValue(ctx: Ctx, parameter: Parameter, version: ParameterVersion, decrypt: boolean | undefined) {
  if (version.type !== 'SecureString' || !decrypt) return version.value;
  try {
    const kms = await ctx.backend.kms();
    const { plaintext } = await kms.decrypt(Buffer.from(version.value, 'base64'), { PARAMETER_ARN: parameter.arn });
    return plaintext.toString('utf8');
  } catch (err) {
    if (isAwsError(err)) throw ssmError('InvalidKeyId', err.message);
    throw err;
  }
}

async function parameterOut(ctx: Ctx, parameter: Parameter, version: ParameterVersion, decrypt?: boolean, selector?: string) {
  return {
    Name: parameter.name,
    Type: version.type,
    Value: await parameterValue(ctx, parameter, version, decrypt),
    Version: version.version,
    Selector: selector,
    LastModifiedDate: new Date(version.modifiedAt),
    ARN: parameter.arn,
    DataType: version.dataType,
  };
}

function metadataOf(p: Parameter) {
  const v = p.latest;
  return {
    Name: p.name,
    ARN: p.arn,
    Type: v.type,
    KeyId: v.keyId,
    LastModifiedDate: new Date(v.modifiedAt),
    LastModifiedUser: v.modifiedBy,
    Description: v.description,
    AllowedPattern: v.allowedPattern,
    Version: v.version,
    Tier: v.tier,
    Policies: v.policies.map(({ PolicyText, PolicyType, PolicyStatus }) => ({ PolicyText, PolicyType, PolicyStatus })),
    DataType: v.dataType,
  };
}

function checkDataType(dataType: string, type: string, value: string): void {
  if (!DATA_TYPES.has(dataType)) {
    throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  }
  if (dataType === 'aws:ec2:image') {
    if (type !== 'String') throw validation(`The data type aws:ec2:image is only supported for parameters of type String.`);
    if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)) {
      throw validation(`Parameter value, ${value}, is not a valid AMI ID: it must be in the format ami-12345678 or ami-12345678901234567.`);
    }
  }
}

function resolveTier(
  requested: string | undefined,
  existing: string | undefined,
  value: string,
  hasPolicies: boolean,
  accountDefault: string,
): string {
  let tier = requested ?? existing ?? accountDefault;
  if (tier === 'Intelligent-Tiering') tier = value.length > 4096 || hasPolicies || existing === 'Advanced' ? 'Advanced' : 'Standard';
  if (existing === 'Advanced' && tier === 'Standard') {
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
  if (tier === 'Standard' && value.length > 4096) throw validation(STANDARD_LIMIT);
  if (tier === 'Standard' && hasPolicies) {
    throw validation('Parameter policies are supported only for parameters in the advanced-parameter tier.');
  }
  return tier;
}

export async function putParameter(input: T.PutParameterRequest, ctx: Ctx) {
  checkName(input.Name);
  if (input.Tags && input.Overwrite) {
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const store = ctx.backend.parameters;
  const existing = store.get(input.Name);
  if (existing && !input.Overwrite) {
    throw ssmError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const last = existing?.latest;
  const type = input.Type ?? last?.type;
  if (!type) throw validation('A parameter type is required when you create a parameter.');
  const dataType = input.DataType ?? last?.dataType ?? 'text';
  checkDataType(dataType, type, input.Value);
  const policies = input.Policies !== undefined ? parsePolicies(input.Policies) : (last?.policies ?? []);
  const tier = resolveTier(
    input.Tier,
    last?.tier,
    input.Value,
    policies.length > 0,
    ctx.backend.settings.value('/ssm/parameter-store/default-parameter-tier'),
  );
  const allowedPattern = input.AllowedPattern ?? last?.allowedPattern;
  if (allowedPattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(allowedPattern);
    } catch {
      throw validation(`The allowed pattern ${allowedPattern} is not a valid regular expression.`);
    }
    if (!pattern.test(input.Value)) {
      throw ssmError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`);
    }
  }
  if (existing && existing.versions.length >= MAX_VERSIONS && existing.versions[0].labels.size > 0) {
    throw ssmError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${input.Name} by calling the PutParameter API with the overwrite flag. Version ${existing.versions[0].version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
  }
  for (const t of input.Tags ?? []) {
    if (t.Key.toLowerCase().startsWith('aws:')) throw ssmError('InvalidTag', 'Tag keys beginning with aws: are reserved.');
  }
  const parameter = existing ?? new Parameter(input.Name, ctx.backend.parameterArn(input.Name));
  let value = input.Value;
  let keyId: string | undefined;
  if (type === 'SecureString') {
    keyId = input.KeyId ?? (last?.type === 'SecureString' ? last.keyId : undefined) ?? DEFAULT_SSM_KEY;
    try {
      const kms = await ctx.backend.kms();
      const { ciphertext } = await kms.encrypt(keyId, Buffer.from(input.Value, 'utf8'), { PARAMETER_ARN: parameter.arn });
      value = ciphertext.toString('base64');
    } catch (err) {
      if (isAwsError(err)) throw ssmError('InvalidKeyId', err.message);
      throw err;
    }
  }
  // Validation is over: from here the parameter changes.
  if (existing && existing.versions.length >= MAX_VERSIONS) existing.versions.shift();
  parameter.versions.push({
    version: (last?.version ?? 0) + 1,
    value,
    type,
    keyId,
    description: input.Description ?? last?.description,
    allowedPattern,
    tier,
    dataType,
    policies,
    labels: new Set(),
    modifiedAt: clock.now(),
    modifiedBy: callerArn(ctx),
  });
  for (const t of input.Tags ?? []) parameter.tags.set(t.Key, t.Value);
  if (!existing) store.set(parameter);
  await notify(ctx, existing ? 'Update' : 'Create', parameter);
  return { Version: parameter.latest.version, Tier: tier };
}

/** The request seen from the account and region owning a parameter named by ARN (a shared parameter). */
async function ownerCtx(ctx: Ctx, name: string): Promise<Ctx> {
  const backend = await ctx.backend.owning(name);
  return backend === ctx.backend ? ctx : { ...ctx, backend, account: backend.account, region: backend.region };
}

export async function getParameter(input: T.GetParameterRequest, caller: Ctx) {
  const ctx = await ownerCtx(caller, input.Name);
  const { parameter, version, selector } = resolve(ctx, input.Name);
  return { Parameter: await parameterOut(ctx, parameter, version, input.WithDecryption, selector) };
}

export async function getParameters(input: T.GetParametersRequest, ctx: Ctx) {
  const Parameters = [];
  const InvalidParameters: string[] = [];
  for (const raw of new Set(input.Names)) {
    const owner = await ownerCtx(ctx, raw);
    let found: ReturnType<typeof resolve> | undefined;
    try {
      found = resolve(owner, raw);
    } catch (err) {
      if (!isAwsError(err)) throw err;
      InvalidParameters.push(raw);
      continue;
    }
    Parameters.push(await parameterOut(owner, found.parameter, found.version, input.WithDecryption, found.selector));
  }
  return { Parameters, InvalidParameters };
}

const BY_PATH_FILTERS = new Set(['Type', 'KeyId', 'Label', 'DataType']);

export async function getParametersByPath(input: T.GetParametersByPathRequest, ctx: Ctx) {
  const path = input.Path;
  const publicPath = path.toLowerCase().startsWith('/aws/');
  if (!path.startsWith('/') || (!publicPath && reserved(path)) || !/^[a-zA-Z0-9_.\-/]+$/.test(path) || path.includes('//')) {
    throw validation(PATH_RULES);
  }
  if (levels(path) > 15) throw ssmError('HierarchyLevelLimitExceededException', HIERARCHY_LIMIT);
  for (const f of input.ParameterFilters ?? []) {
    if (!BY_PATH_FILTERS.has(f.Key) && !f.Key.startsWith('tag:')) {
      throw validation(`The following filter key is not valid: ${f.Key}. Valid filter keys include: [Type, KeyId].`);
    }
  }
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const after = decodeToken(input.NextToken);
  const max = input.MaxResults ?? 10;
  const page: Parameter[] = [];
  let more = false;
  for (const p of ctx.backend.parameters.withPrefix(prefix, after)) {
    if (p.public !== publicPath) continue;
    if (!input.Recursive && p.name.slice(prefix.length).includes('/')) continue;
    if (!filterParameters([p], input.ParameterFilters as StringFilter[] | undefined).length) continue;
    if (page.length === max) {
      more = true;
      break;
    }
    page.push(p);
  }
  const Parameters = [];
  for (const p of page) Parameters.push(await parameterOut(ctx, p, p.latest, input.WithDecryption));
  return { Parameters, NextToken: more ? encodeToken(page[page.length - 1].name) : undefined };
}

export async function getParameterHistory(input: T.GetParameterHistoryRequest, ctx: Ctx) {
  const parameter = ctx.backend.parameters.get(parseSelector(input.Name, ctx).name);
  if (!parameter) throw parameterNotFound();
  const start = Number(decodeToken(input.NextToken) ?? 0);
  if (!Number.isInteger(start) || start < 0) throw invalidNextToken();
  const max = input.MaxResults ?? 50;
  const slice = parameter.versions.slice(start, start + max);
  const Parameters = [];
  for (const v of slice) {
    Parameters.push({
      Name: parameter.name,
      Type: v.type,
      KeyId: v.keyId,
      LastModifiedDate: new Date(v.modifiedAt),
      LastModifiedUser: v.modifiedBy,
      Description: v.description,
      Value: await parameterValue(ctx, parameter, v, input.WithDecryption),
      AllowedPattern: v.allowedPattern,
      Version: v.version,
      Labels: [...v.labels],
      Tier: v.tier,
      Policies: v.policies.map(({ PolicyText, PolicyType, PolicyStatus }) => ({ PolicyText, PolicyType, PolicyStatus })),
      DataType: v.dataType,
    });
  }
  const end = start + slice.length;
  return { Parameters, NextToken: end < parameter.versions.length ? encodeToken(String(end)) : undefined };
}

export function describeParameters(input: T.DescribeParametersRequest, ctx: Ctx) {
  if (input.Filters && input.ParameterFilters) {
    throw validation('You can use either Filters or ParameterFilters in a single request.');
  }
  const filters: StringFilter[] = input.ParameterFilters
    ? (input.ParameterFilters as StringFilter[])
    : (input.Filters ?? []).map((f) => ({
        Key: f.Key,
        Option: f.Key === 'Name' ? 'BeginsWith' : 'Equals',
        Values: f.Values,
      }));
  const after = decodeToken(input.NextToken);
  const max = input.MaxResults ?? 10;
  const page: Parameter[] = [];
  let more = false;
  for (const p of ctx.backend.parameters.withPrefix('', after)) {
    if (p.public) continue;
    if (!filterParameters([p], filters).length) continue;
    if (page.length === max) {
      more = true;
      break;
    }
    page.push(p);
  }
  return { Parameters: page.map(metadataOf), NextToken: more ? encodeToken(page[page.length - 1].name) : undefined };
}

/** The Parameter Store Change event of a parameter (models/change-events.ts). */
function notify(ctx: Ctx, operation: ParameterOperation, p: Parameter) {
  return parameterChanged(ctx.backends, ctx, operation, { name: p.name, arn: p.arn, type: p.latest?.type, description: p.latest?.description });
}

export async function deleteParameter(input: T.DeleteParameterRequest, ctx: Ctx) {
  const p = ctx.backend.parameters.get(input.Name);
  if (!p || p.public) throw parameterNotFound();
  ctx.backend.parameters.delete(input.Name);
  await notify(ctx, 'Delete', p);
  return {};
}

export async function deleteParameters(input: T.DeleteParametersRequest, ctx: Ctx) {
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const name of input.Names) {
    const p = ctx.backend.parameters.get(name);
    if (p && !p.public) {
      ctx.backend.parameters.delete(name);
      await notify(ctx, 'Delete', p);
      DeletedParameters.push(name);
    } else {
      InvalidParameters.push(name);
    }
  }
  return { DeletedParameters, InvalidParameters };
}

/** Label rules (user guide, "Working with parameter labels"): invalid labels are reported, not thrown. */
function validLabel(label: string): boolean {
  if (label.length < 1 || label.length > 100) return false;
  if (/^\d/.test(label)) return false;
  const lower = label.toLowerCase();
  if (lower.startsWith('aws') || lower.startsWith('ssm')) return false;
  return /^[a-zA-Z0-9_.-]+$/.test(label);
}

export async function labelParameterVersion(input: T.LabelParameterVersionRequest, ctx: Ctx) {
  const parameter = ctx.backend.parameters.get(input.Name);
  if (!parameter || parameter.public) throw parameterNotFound();
  const version = input.ParameterVersion !== undefined ? parameter.version(input.ParameterVersion) : parameter.latest;
  if (!version) throw versionNotFound(input.Name, input.ParameterVersion as number);
  const valid = input.Labels.filter(validLabel);
  const InvalidLabels = input.Labels.filter((l) => !validLabel(l));
  const after = new Set([...version.labels, ...valid]);
  if (after.size > MAX_LABELS) {
    throw ssmError(
      'ParameterVersionLabelLimitExceeded',
      'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
    );
  }
  for (const label of valid) {
    for (const v of parameter.versions) v.labels.delete(label);
    version.labels.add(label);
  }
  if (valid.length > 0) await notify(ctx, 'LabelParameterVersion', parameter);
  return { InvalidLabels, ParameterVersion: version.version };
}

export function unlabelParameterVersion(input: T.UnlabelParameterVersionRequest, ctx: Ctx) {
  const parameter = ctx.backend.parameters.get(input.Name);
  if (!parameter || parameter.public) throw parameterNotFound();
  const version = parameter.version(input.ParameterVersion);
  if (!version) throw versionNotFound(input.Name, input.ParameterVersion);
  const RemovedLabels: string[] = [];
  const InvalidLabels: string[] = [];
  for (const label of input.Labels) {
    if (version.labels.delete(label)) RemovedLabels.push(label);
    else InvalidLabels.push(label);
  }
  return { RemovedLabels, InvalidLabels };
}
