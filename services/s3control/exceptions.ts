/**
 * S3 Control's errors, with the codes, statuses and messages it sends
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html).
 */
import { AwsError } from '../../src/core/errors';

export const noSuchPublicAccessBlock = () =>
  new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { status: 404 });

/** S3 Control answers AccessDenied for an AccountId other than the caller's. */
export const accessDenied = () => new AwsError('AccessDenied', 'Access Denied', { status: 403 });

export const invalidRequest = (message: string) => new AwsError('InvalidRequest', message, { status: 400 });

export const noSuchAccessPoint = () => new AwsError('NoSuchAccessPoint', 'The specified accesspoint does not exist', { status: 404 });

export const accessPointAlreadyOwnedByYou = () =>
  new AwsError('AccessPointAlreadyOwnedByYou', 'Your previous request to create the named accesspoint succeeded and you already own it.', {
    status: 409,
  });

export const noSuchBucket = () => new AwsError('NoSuchBucket', 'The specified bucket does not exist', { status: 404 });

export const invalidNextToken = () => new AwsError('InvalidNextTokenException', 'The continuation token provided is invalid', { status: 400 });
