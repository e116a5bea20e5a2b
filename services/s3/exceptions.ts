/**
 * S3's errors, with the codes, statuses, messages and extra elements S3
 * sends (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 * Handlers and models call these factories; the rest-xml protocol writes the
 * `fields` as extra elements of <Error>.
 */
import { AwsError } from '../../src/core/errors';

function s3Error(code: string, status: number, message: string, fields?: Record<string, unknown>, headers?: Record<string, string>) {
  return new AwsError(code, message, { status, fields, headers });
}

export const noSuchBucket = (bucket: string) =>
  s3Error('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: bucket });

export const noSuchKey = (key: string, headers?: Record<string, string>) =>
  s3Error('NoSuchKey', 404, 'The specified key does not exist.', { Key: key }, headers);

export const noSuchVersion = (key: string, versionId: string) =>
  s3Error('NoSuchVersion', 404, 'The specified version does not exist.', { Key: key, VersionId: versionId });

export const noSuchUpload = (uploadId: string) =>
  s3Error(
    'NoSuchUpload',
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { UploadId: uploadId },
  );

export const bucketAlreadyExists = (bucket: string) =>
  s3Error(
    'BucketAlreadyExists',
    409,
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    { BucketName: bucket },
  );

export const bucketAlreadyOwnedByYou = (bucket: string) =>
  s3Error('BucketAlreadyOwnedByYou', 409, 'Your previous request to create the named bucket succeeded and you already own it.', {
    BucketName: bucket,
  });

export const bucketNotEmpty = (bucket: string) =>
  s3Error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', { BucketName: bucket });

export const invalidBucketName = (bucket: string) =>
  s3Error('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: bucket });

export const preconditionFailed = (condition: string) =>
  s3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold', { Condition: condition });

export const notModified = (headers?: Record<string, string>) => s3Error('NotModified', 304, 'Not Modified', undefined, headers);

export const invalidRange = (range: string, size: number) =>
  s3Error('InvalidRange', 416, 'The requested range is not satisfiable', { RangeRequested: range, ActualObjectSize: size });

export const invalidArgument = (message: string, name?: string, value?: unknown) =>
  s3Error(
    'InvalidArgument',
    400,
    message,
    name === undefined ? undefined : { ArgumentName: name, ArgumentValue: value === undefined ? undefined : String(value) },
  );

export const invalidRequest = (message: string) => s3Error('InvalidRequest', 400, message);

export const malformedXml = () =>
  s3Error('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema');

export const badDigest = (message = 'The Content-MD5 you specified did not match what we received.') =>
  s3Error('BadDigest', 400, message);

export const invalidDigest = () => s3Error('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.');

export const entityTooSmall = (size: number, partNumber: number, etag: string) =>
  s3Error('EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed object size.', {
    ProposedSize: size,
    MinSizeAllowed: 5242880,
    PartNumber: partNumber,
    ETag: etag,
  });

export const entityTooLarge = (size: number, max: number) =>
  s3Error('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size', {
    ProposedSize: size,
    MaxSizeAllowed: max,
  });

export const invalidPart = (uploadId: string, partNumber: number, etag: string) =>
  s3Error(
    'InvalidPart',
    400,
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
    { UploadId: uploadId, PartNumber: partNumber, ETag: etag },
  );

export const invalidPartOrder = (uploadId: string) =>
  s3Error('InvalidPartOrder', 400, 'The list of parts was not in ascending order. Parts must be ordered by part number.', {
    UploadId: uploadId,
  });

export const methodNotAllowed = (method: string, resourceType: string, headers?: Record<string, string>) =>
  s3Error('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.', { Method: method, ResourceType: resourceType }, headers);

export const accessDenied = (message = 'Access Denied', fields?: Record<string, unknown>) =>
  s3Error('AccessDenied', 403, message, fields);

export const keyTooLong = (size: number) =>
  s3Error('KeyTooLongError', 400, 'Your key is too long', { Size: size, MaxSizeAllowed: 1024 });

export const invalidTag = (message: string, tagKey?: string) =>
  s3Error('InvalidTag', 400, message, tagKey === undefined ? undefined : { TagKey: tagKey });

/** The 404 a bucket answers when a configuration was never set. */
export const missingConfiguration = (code: string, message: string, bucket: string) =>
  s3Error(code, 404, message, { BucketName: bucket });

export const invalidLocationConstraint = (constraint: string) =>
  s3Error('InvalidLocationConstraint', 400, 'The specified location-constraint is not valid', {
    LocationConstraint: constraint,
  });

export const illegalLocationConstraint = (constraint: string | undefined) =>
  s3Error(
    'IllegalLocationConstraintException',
    400,
    `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
  );

export const tooManyBuckets = (limit: number) =>
  s3Error('TooManyBuckets', 400, 'You have attempted to create more buckets than allowed', { MaxBuckets: limit });

export const invalidObjectState = (storageClass: string, message = "The operation is not valid for the object's storage class") =>
  s3Error('InvalidObjectState', 403, message, { StorageClass: storageClass });

export const malformedPolicy = (message: string) => s3Error('MalformedPolicy', 400, message);

export const objectLocked = () => accessDenied('Access Denied because object protected by object lock.');

/** A browser POST upload whose file is under the policy's content-length-range. */
export const postEntityTooSmall = (size: number, min: number) =>
  s3Error('EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed size', {
    ProposedSize: size,
    MinSizeAllowed: min,
  });

/** Browser POST upload policy refusals: expired, a failed condition, an unnamed field. */
export const policyViolation = (detail: string) => accessDenied(`Invalid according to Policy: ${detail}`);

export const invalidPolicyDocument = (detail: string) => s3Error('InvalidPolicyDocument', 400, `Invalid Policy: ${detail}`);

export const malformedPostRequest = () =>
  s3Error('MalformedPOSTRequest', 400, 'The body of your POST request is not well-formed multipart/form-data.');

/** A bucket addressed through another region's endpoint (301, no Location: the Endpoint element names the right one). */
export const permanentRedirect = (bucket: string, region: string) =>
  s3Error(
    'PermanentRedirect',
    301,
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    { Bucket: bucket, Endpoint: `${bucket}.s3.${region}.amazonaws.com` },
    { 'x-amz-bucket-region': region },
  );

/** A request that reached the bucket's region signed for another (HeadBucket's also names the region in a header). */
export const wrongSigningRegion = (sent: string, expected: string, headers?: Record<string, string>) =>
  s3Error(
    'AuthorizationHeaderMalformed',
    400,
    `The authorization header is malformed; the region '${sent}' is wrong; expecting '${expected}'`,
    { Region: expected },
    headers,
  );
