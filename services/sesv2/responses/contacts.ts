/** SES v2 contact lists (one per account, as in AWS) and their contacts. */
import { clock } from '../../../src/core/clock';
import { exists, MailError, notFound } from '../exceptions';
import { checkAddress } from '../models/addresses';
import type { Contact, ContactList } from '../models/backend';
import type * as T from '../types';
import { type Ctx, page, setTags, tagList } from './common';

function list(name: string, ctx: Ctx): ContactList {
  const l = ctx.backend.contactLists.get(name);
  if (!l) throw notFound(`List with name ${name} does not exist.`);
  return l;
}

export function createContactList(input: T.CreateContactListRequest, ctx: Ctx) {
  const b = ctx.backend;
  if (b.contactLists.has(input.ContactListName)) throw exists(`List with name ${input.ContactListName} already exists.`);
  if (b.contactLists.size >= 1) throw new MailError('limit', 'Maximum number of contact lists (1) exceeded.');
  const now = clock.date();
  const l: ContactList = { name: input.ContactListName, description: input.Description, topics: [...(input.Topics ?? [])], contacts: new Map(), tags: new Map(), created: now, updated: now };
  setTags(l.tags, input.Tags);
  b.contactLists.set(l.name, l);
  return {};
}

export function getContactList(input: { ContactListName: string }, ctx: Ctx): T.GetContactListResponse {
  const l = list(input.ContactListName, ctx);
  return { ContactListName: l.name, Topics: l.topics, Description: l.description, CreatedTimestamp: l.created, LastUpdatedTimestamp: l.updated, Tags: tagList(l.tags) };
}

export function updateContactList(input: T.UpdateContactListRequest, ctx: Ctx) {
  const l = list(input.ContactListName, ctx);
  if (input.Topics !== undefined) l.topics = [...input.Topics];
  if (input.Description !== undefined) l.description = input.Description;
  l.updated = clock.date();
  return {};
}

export function deleteContactList(input: { ContactListName: string }, ctx: Ctx) {
  ctx.backend.contactLists.delete(list(input.ContactListName, ctx).name);
  return {};
}

export function listContactLists(input: { PageSize?: number; NextToken?: string }, ctx: Ctx): T.ListContactListsResponse {
  const { out, NextToken } = page(ctx.backend.contactLists.values(), (l) => l.name, input.NextToken, input.PageSize ?? 100);
  return { ContactLists: out.map((l) => ({ ContactListName: l.name, LastUpdatedTimestamp: l.updated })), NextToken };
}

function checkTopics(l: ContactList, prefs: Array<{ TopicName: string }> | undefined): void {
  for (const p of prefs ?? []) {
    if (!l.topics.some((t) => t.TopicName === p.TopicName)) throw new MailError('invalid', `Topic ${p.TopicName} does not exist in list ${l.name}.`);
  }
}

function contact(l: ContactList, email: string): Contact {
  const c = l.contacts.get(email.toLowerCase());
  if (!c) throw notFound(`Contact ${email} does not exist in list ${l.name}.`);
  return c;
}

export function createContact(input: T.CreateContactRequest, ctx: Ctx) {
  const l = list(input.ContactListName, ctx);
  const email = checkAddress(input.EmailAddress);
  if (l.contacts.has(email.toLowerCase())) throw exists(`Contact already exists in list ${l.name}.`);
  checkTopics(l, input.TopicPreferences);
  const now = clock.date();
  l.contacts.set(email.toLowerCase(), { email, topicPreferences: [...(input.TopicPreferences ?? [])], unsubscribeAll: Boolean(input.UnsubscribeAll), attributesData: input.AttributesData, created: now, updated: now });
  return {};
}

const defaults = (l: ContactList) => l.topics.map((t) => ({ TopicName: t.TopicName, SubscriptionStatus: t.DefaultSubscriptionStatus }));

export function getContact(input: { ContactListName: string; EmailAddress: string }, ctx: Ctx): T.GetContactResponse {
  const l = list(input.ContactListName, ctx);
  const c = contact(l, input.EmailAddress);
  return {
    ContactListName: l.name,
    EmailAddress: c.email,
    TopicPreferences: c.topicPreferences,
    TopicDefaultPreferences: defaults(l),
    UnsubscribeAll: c.unsubscribeAll,
    AttributesData: c.attributesData,
    CreatedTimestamp: c.created,
    LastUpdatedTimestamp: c.updated,
  };
}

export function updateContact(input: T.CreateContactRequest, ctx: Ctx) {
  const l = list(input.ContactListName, ctx);
  const c = contact(l, input.EmailAddress);
  checkTopics(l, input.TopicPreferences);
  if (input.TopicPreferences !== undefined) c.topicPreferences = [...input.TopicPreferences];
  if (input.UnsubscribeAll !== undefined) c.unsubscribeAll = input.UnsubscribeAll;
  if (input.AttributesData !== undefined) c.attributesData = input.AttributesData;
  c.updated = clock.date();
  return {};
}

export function deleteContact(input: { ContactListName: string; EmailAddress: string }, ctx: Ctx) {
  const l = list(input.ContactListName, ctx);
  l.contacts.delete(contact(l, input.EmailAddress).email.toLowerCase());
  return {};
}

/** A contact's status for a topic: its own preference, else (when asked) the topic's default. */
function status(l: ContactList, c: Contact, topic: string, useDefault: boolean): string | undefined {
  const own = c.topicPreferences.find((p) => p.TopicName === topic)?.SubscriptionStatus;
  if (own !== undefined || !useDefault) return own;
  return l.topics.find((t) => t.TopicName === topic)?.DefaultSubscriptionStatus;
}

export function listContacts(input: T.ListContactsRequest, ctx: Ctx): T.ListContactsResponse {
  const l = list(input.ContactListName, ctx);
  const f = input.Filter;
  const all = [...l.contacts.values()].filter((c) => {
    if (!f?.FilteredStatus) return true;
    const topic = f.TopicFilter?.TopicName;
    if (topic === undefined) return c.topicPreferences.some((p) => p.SubscriptionStatus === f.FilteredStatus);
    return status(l, c, topic, Boolean(f.TopicFilter?.UseDefaultIfPreferenceUnavailable)) === f.FilteredStatus;
  });
  const { out, NextToken } = page(all, (c) => c.email.toLowerCase(), input.NextToken, input.PageSize ?? 1000);
  return {
    Contacts: out.map((c) => ({ EmailAddress: c.email, TopicPreferences: c.topicPreferences, TopicDefaultPreferences: defaults(l), UnsubscribeAll: c.unsubscribeAll, LastUpdatedTimestamp: c.updated })),
    NextToken,
  };
}
