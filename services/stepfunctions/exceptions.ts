/** Step Functions errors (JSON 1.0; codes and statuses from the model, messages as AWS words them). */
import { AwsError } from '../../src/core/errors';

export const invalidArn = (arn: string) => new AwsError('InvalidArn', `Invalid Arn: '${arn}'`);
export const invalidName = (name: string) => new AwsError('InvalidName', `Invalid Name: '${name}'`);
export const invalidToken = (message = 'Invalid token') => new AwsError('InvalidToken', `Invalid Token: '${message}'`);
export const invalidDefinition = (message: string) => new AwsError('InvalidDefinition', message);
export const invalidInput = (message: string) => new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${message}'`);
export const validation = (message: string) => new AwsError('ValidationException', message);
export const machineNotFound = (arn: string) => new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const machineExists = (arn: string) => new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
export const executionNotFound = (arn: string) => new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const executionExists = (arn: string) => new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
export const activityNotFound = (arn: string) => new AwsError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
export const taskNotFound = () => new AwsError('TaskDoesNotExist', 'Task Does Not Exist');
export const taskTimedOut = () => new AwsError('TaskTimedOut', 'Task Timed Out: the task token has expired or its task has already closed');
export const notFound = (message: string) => new AwsError('ResourceNotFound', message);
export const conflict = (message: string) => new AwsError('ConflictException', message);
export const typeNotSupported = (message: string) => new AwsError('StateMachineTypeNotSupported', message);
export const notRedrivable = (message: string) => new AwsError('ExecutionNotRedrivable', message);
export const tooManyTags = (arn: string) => new AwsError('TooManyTags', `Too many tags on resource ${arn}`, { fields: { resourceName: arn } });
export const invalidLogging = (message: string) => new AwsError('InvalidLoggingConfiguration', message);
export const missingParameter = (message: string) => new AwsError('MissingRequiredParameter', message);
