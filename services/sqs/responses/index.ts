/** The SQS handler table: every operation of the model, keyed by its exact name. */
import type { HandlerTable } from '../../../src/core/service';
import type { SqsBackend } from '../models/backend';
import type { SqsOperations } from '../types';
import { changeMessageVisibility, changeMessageVisibilityBatch, deleteMessage, deleteMessageBatch } from './acknowledge';
import { cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask } from './move-tasks';
import * as queues from './queues';
import { receiveMessage } from './receive';
import { sendMessage, sendMessageBatch } from './send';

export const handlers: HandlerTable<SqsOperations, SqsBackend> = {
  AddPermission: queues.addPermission,
  CancelMessageMoveTask: cancelMessageMoveTask,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  CreateQueue: queues.createQueue,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  DeleteQueue: queues.deleteQueue,
  GetQueueAttributes: queues.getQueueAttributes,
  GetQueueUrl: queues.getQueueUrl,
  ListDeadLetterSourceQueues: queues.listDeadLetterSourceQueues,
  ListMessageMoveTasks: listMessageMoveTasks,
  ListQueueTags: queues.listQueueTags,
  ListQueues: queues.listQueues,
  PurgeQueue: queues.purgeQueue,
  ReceiveMessage: receiveMessage,
  RemovePermission: queues.removePermission,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  SetQueueAttributes: queues.setQueueAttributes,
  StartMessageMoveTask: startMessageMoveTask,
  TagQueue: queues.tagQueue,
  UntagQueue: queues.untagQueue,
};
