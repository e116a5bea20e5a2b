/** S3 Control's handler table; operations left out answer NotImplemented. */
import type { HandlerTable } from '../../../src/core/service';
import type { S3ControlBackend } from '../models';
import type { S3controlOperations } from '../types';
import { createAccessPoint, deleteAccessPoint, getAccessPoint, listAccessPoints } from './access-points';
import { deletePublicAccessBlock, getPublicAccessBlock, putPublicAccessBlock } from './public-access-block';

export const handlers: HandlerTable<S3controlOperations, S3ControlBackend> = {
  PutPublicAccessBlock: putPublicAccessBlock,
  GetPublicAccessBlock: getPublicAccessBlock,
  DeletePublicAccessBlock: deletePublicAccessBlock,
  CreateAccessPoint: createAccessPoint,
  GetAccessPoint: getAccessPoint,
  ListAccessPoints: listAccessPoints,
  DeleteAccessPoint: deleteAccessPoint,
};
