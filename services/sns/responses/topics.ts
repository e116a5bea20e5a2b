/** Topic handlers: create, delete, list, attributes, tags, permissions, data protection. */
import { invalidParameter, resourceNotFound } from '../exceptions';
import type * as T from '../types';
import { type Ctx, checkTags, decodeToken, encodeToken, requireMembers } from './common';

export function createTopic(input: T.CreateTopicInput, ctx: Ctx) {
  requireMembers(input, 'Name');
  const tags = input.Tags ?? [];
  checkTags(new Map(), tags);
  const attributes = { ...input.Attributes };
  if (input.DataProtectionPolicy !== undefined) attributes.DataProtectionPolicy = input.DataProtectionPolicy;
  const topic = ctx.backend.createTopic(
    input.Name,
    attributes,
    Object.fromEntries(tags.map((t) => [t.Key, t.Value ?? ''])),
  );
  return { TopicArn: topic.arn };
}

export function deleteTopic(input: T.DeleteTopicInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn');
  ctx.backend.deleteTopic(input.TopicArn);
  return {};
}

export function listTopics(input: T.ListTopicsInput, ctx: Ctx) {
  const { keys, next } = ctx.backend.topicArns.page(decodeToken(input.NextToken), 100);
  return { Topics: keys.map((TopicArn) => ({ TopicArn })), NextToken: encodeToken(next) };
}

export function getTopicAttributes(input: T.GetTopicAttributesInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn');
  return { Attributes: ctx.backend.topicAttributes(ctx.backend.getTopic(input.TopicArn)) };
}

export function setTopicAttributes(input: T.SetTopicAttributesInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn', 'AttributeName');
  const topic = ctx.backend.getTopic(input.TopicArn);
  ctx.backend.setTopicAttribute(topic, input.AttributeName, input.AttributeValue ?? '');
  return {};
}

function taggable(resourceArn: string, ctx: Ctx) {
  const topic = ctx.backend.taggable(resourceArn);
  if (!topic) throw resourceNotFound();
  return topic;
}

export function tagResource(input: T.TagResourceRequest, ctx: Ctx) {
  requireMembers(input, 'ResourceArn', 'Tags');
  const topic = taggable(input.ResourceArn, ctx);
  checkTags(topic.tags, input.Tags);
  for (const t of input.Tags) topic.tags.set(t.Key, t.Value ?? '');
  return {};
}

export function untagResource(input: T.UntagResourceRequest, ctx: Ctx) {
  requireMembers(input, 'ResourceArn', 'TagKeys');
  const topic = taggable(input.ResourceArn, ctx);
  for (const k of input.TagKeys) topic.tags.delete(k);
  return {};
}

export function listTagsForResource(input: T.ListTagsForResourceRequest, ctx: Ctx) {
  requireMembers(input, 'ResourceArn');
  const topic = taggable(input.ResourceArn, ctx);
  return { Tags: [...topic.tags].map(([Key, Value]) => ({ Key, Value })) };
}

export function putDataProtectionPolicy(input: T.PutDataProtectionPolicyInput, ctx: Ctx) {
  requireMembers(input, 'ResourceArn', 'DataProtectionPolicy');
  const topic = ctx.backend.getTopic(input.ResourceArn);
  ctx.backend.setTopicAttribute(topic, 'DataProtectionPolicy', input.DataProtectionPolicy);
  return {};
}

export function getDataProtectionPolicy(input: T.GetDataProtectionPolicyInput, ctx: Ctx) {
  requireMembers(input, 'ResourceArn');
  return { DataProtectionPolicy: ctx.backend.getTopic(input.ResourceArn).dataProtectionPolicy ?? '' };
}

interface PolicyDoc {
  Statement: Array<{ Sid?: string; [k: string]: unknown }>;
  [k: string]: unknown;
}

export function addPermission(input: T.AddPermissionInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn', 'Label', 'AWSAccountId', 'ActionName');
  const topic = ctx.backend.getTopic(input.TopicArn);
  const policy = JSON.parse(topic.attributes.Policy) as PolicyDoc;
  if (policy.Statement.some((s) => s.Sid === input.Label)) throw invalidParameter('Statement already exists');
  policy.Statement.push({
    Sid: input.Label,
    Effect: 'Allow',
    Principal: { AWS: input.AWSAccountId.map((a) => `arn:aws:iam::${a}:root`) },
    Action: input.ActionName.map((a) => `SNS:${a}`),
    Resource: topic.arn,
  });
  topic.attributes.Policy = JSON.stringify(policy);
  return {};
}

export function removePermission(input: T.RemovePermissionInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn', 'Label');
  const topic = ctx.backend.getTopic(input.TopicArn);
  const policy = JSON.parse(topic.attributes.Policy) as PolicyDoc;
  policy.Statement = policy.Statement.filter((s) => s.Sid !== input.Label);
  topic.attributes.Policy = JSON.stringify(policy);
  return {};
}
