/**
 * The configuration members CreateFunction and UpdateFunctionConfiguration
 * share: checked with Lambda's messages before anything is stored, then
 * applied to a VersionState.
 */
import { parseArn } from '../../../src/core/ids';
import { invalidParameter, validation } from '../exceptions';
import type { CreateFunctionRequest, UpdateFunctionConfigurationRequest } from '../types';
import type { LayerRef, VersionState } from './function';

type ConfigInput = Partial<CreateFunctionRequest> & Partial<UpdateFunctionConfigurationRequest>;

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const HANDLER = /^[^\s]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
/** Keys the Lambda runtime sets; a function may not set them. */
const RESERVED_ENV = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

function range(value: number | undefined, param: string, min: number, max: number): void {
  if (value === undefined) return;
  if (value < min) throw validation(`1 validation error detected: Value '${value}' at '${param}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (value > max) throw validation(`1 validation error detected: Value '${value}' at '${param}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
}

/** Checks every configuration member given; `layers` resolves layer version ARNs to their sizes. */
export function checkConfig(input: ConfigInput, packageType: 'Zip' | 'Image', layers: (arn: string) => LayerRef | undefined): LayerRef[] | undefined {
  if (input.Role !== undefined && !ROLE.test(input.Role)) {
    throw validation(
      `1 validation error detected: Value '${input.Role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
    );
  }
  if (input.Handler !== undefined && (!HANDLER.test(input.Handler) || input.Handler.length > 128)) {
    throw validation(`1 validation error detected: Value '${input.Handler}' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+`);
  }
  if (input.Description !== undefined && input.Description.length > 256) {
    throw validation(`1 validation error detected: Value '${input.Description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`);
  }
  range(input.Timeout, 'timeout', 1, 900);
  range(input.MemorySize, 'memorySize', 128, 10240);
  range(input.EphemeralStorage?.Size, 'ephemeralStorage.size', 512, 10240);
  if (packageType === 'Image' && (input.Handler !== undefined || input.Runtime !== undefined || input.Layers?.length)) {
    throw invalidParameter("Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.");
  }
  if (input.Architectures !== undefined && input.Architectures.length !== 1) {
    throw validation(`1 validation error detected: Value '[${input.Architectures.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1`);
  }
  if (input.Environment?.Variables) checkEnvironment(input.Environment.Variables);
  if (input.DeadLetterConfig?.TargetArn) {
    const target = parseArn(input.DeadLetterConfig.TargetArn);
    if (target?.service !== 'sqs' && target?.service !== 'sns') {
      throw invalidParameter(`The provided target arn ${input.DeadLetterConfig.TargetArn} is invalid. Please provide a valid SQS or SNS arn.`);
    }
  }
  if (input.Layers === undefined) return undefined;
  if (input.Layers.length > 5) throw invalidParameter('Cannot reference more than 5 layers.');
  return input.Layers.map((arn) => {
    const found = layers(arn);
    if (!found) throw invalidParameter(`Layer version ${arn} does not exist.`);
    return found;
  });
}

function checkEnvironment(vars: Record<string, string>): void {
  const reserved = Object.keys(vars).filter((k) => RESERVED_ENV.has(k));
  if (reserved.length) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  for (const k of Object.keys(vars)) {
    if (!ENV_KEY.test(k)) {
      throw validation(`1 validation error detected: Value '${k}' at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]`);
    }
  }
  const size = Buffer.byteLength(JSON.stringify(vars));
  if (size > 4096) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(vars)}`,
    );
  }
}

/** Applies checked members to a version (create fills defaults first). */
export function applyConfig(v: VersionState, input: ConfigInput, layers: LayerRef[] | undefined): void {
  if (input.Role !== undefined) v.role = input.Role;
  if (input.Handler !== undefined) v.handler = input.Handler;
  if (input.Runtime !== undefined) v.runtime = input.Runtime;
  if (input.Description !== undefined) v.description = input.Description;
  if (input.Timeout !== undefined) v.timeout = input.Timeout;
  if (input.MemorySize !== undefined) v.memorySize = input.MemorySize;
  if (input.Environment !== undefined) {
    const vars = input.Environment.Variables;
    v.environment = vars && Object.keys(vars).length ? { ...vars } : undefined;
  }
  if (layers !== undefined) v.layers = layers;
  if (input.DeadLetterConfig !== undefined) v.deadLetterTarget = input.DeadLetterConfig.TargetArn || undefined;
  if (input.TracingConfig?.Mode !== undefined) v.tracingMode = input.TracingConfig.Mode;
  if (input.Architectures !== undefined) v.architectures = [...input.Architectures];
  if (input.EphemeralStorage?.Size !== undefined) v.ephemeralStorage = input.EphemeralStorage.Size;
  if (input.VpcConfig !== undefined) v.vpc = { ...input.VpcConfig };
  if (input.KMSKeyArn !== undefined) v.kmsKeyArn = input.KMSKeyArn || undefined;
  if (input.ImageConfig !== undefined) v.imageConfig = { ...input.ImageConfig };
  if (input.FileSystemConfigs !== undefined) v.fileSystemConfigs = input.FileSystemConfigs.map((f) => ({ ...f }));
  if (input.SnapStart?.ApplyOn !== undefined) v.snapStart = input.SnapStart.ApplyOn;
  if (input.CapacityProviderConfig !== undefined) v.capacityProvider = { ...input.CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig };
  if (input.DurableConfig !== undefined) v.durable = { ...v.durable, ...input.DurableConfig };
  if (input.LoggingConfig !== undefined) {
    const l = input.LoggingConfig;
    if (l.LogFormat !== undefined) v.logFormat = l.LogFormat;
    if (l.LogGroup !== undefined) v.logGroup = l.LogGroup;
    if (l.ApplicationLogLevel !== undefined) v.applicationLogLevel = l.ApplicationLogLevel;
    if (l.SystemLogLevel !== undefined) v.systemLogLevel = l.SystemLogLevel;
  }
}
