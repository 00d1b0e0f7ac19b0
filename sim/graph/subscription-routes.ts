import type { SimSubscription, SubscriptionHub, UserChange } from '../notify/subscription-hub';
import { badRequest } from '../state/graph-fault';
import { contextUrl, type GraphContext, type GraphRoute, noContent, ok } from './graph-types';

/**
 * `/subscriptions`: create (after the validation handshake the server ran), list, get, renew (PATCH
 * expirationDateTime), reauthorize, delete. Only `users` and `users/{id}` are offered, as m365ops needs no more.
 */

const changeTypes: readonly UserChange[] = ['created', 'updated', 'deleted'];

function hubOf(context: GraphContext): SubscriptionHub {
  if (!context.subscriptions) throw badRequest('Change notifications are not available here.');
  return context.subscriptions;
}

function subscriptionJson(context: GraphContext, subscription: SimSubscription, withContext = true) {
  return {
    ...(withContext ? { '@odata.context': contextUrl(context, 'subscriptions/$entity') } : {}),
    id: subscription.id,
    resource: subscription.resource,
    applicationId: context.state.app.clientId,
    changeType: subscription.changeTypes.join(','),
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: new Date(subscription.expiresAt).toISOString(),
    creatorId: context.state.app.clientId,
    latestSupportedTlsVersion: 'v1_2',
    notificationContentType: 'application/json',
  };
}

function readCreate(body: unknown): Omit<SimSubscription, 'id' | 'tenantId'> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  const resource = text('resource');
  if (!resource || !/^\/?users(\/[^/]+)?$/i.test(resource)) {
    throw badRequest(`Resource '${resource ?? ''}' is not supported for change notifications here.`);
  }
  const types = (text('changeType') ?? '').split(',').map((type) => type.trim());
  if (types.length === 0 || !types.every((type): type is UserChange => changeTypes.includes(type as UserChange))) {
    throw badRequest(`The changeType '${text('changeType') ?? ''}' is not valid for resource ${resource}.`);
  }
  const notificationUrl = text('notificationUrl');
  if (!notificationUrl) throw badRequest('The notificationUrl is required.');
  const clientState = text('clientState') ?? null;
  if (clientState !== null && clientState.length > 128) throw badRequest('clientState must be at most 128 characters.');
  return {
    resource,
    changeTypes: types,
    notificationUrl,
    lifecycleNotificationUrl: text('lifecycleNotificationUrl') ?? null,
    clientState,
    expiresAt: Date.parse(text('expirationDateTime') ?? ''),
  };
}

export const subscriptionRoutes: GraphRoute[] = [
  {
    method: 'POST',
    pattern: /^\/subscriptions\/?$/,
    name: 'POST /subscriptions',
    permission: 'read-users',
    handle(context, request) {
      const fields = readCreate(request.body);
      // The server ran the handshake before dispatching (it is asynchronous): its outcome is in the context.
      if (context.validation !== 'ok') {
        throw context.validation ?? badRequest('Subscription validation request failed.');
      }
      return ok(subscriptionJson(context, hubOf(context).create(context.tenant, fields)), 201);
    },
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/?$/,
    name: 'GET /subscriptions',
    permission: 'read-users',
    handle(context) {
      const value = hubOf(context)
        .list(context.tenant.id)
        .map((subscription) => subscriptionJson(context, subscription, false));
      return ok({ '@odata.context': contextUrl(context, 'subscriptions'), value });
    },
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)$/,
    name: 'GET /subscriptions/{id}',
    permission: 'read-users',
    handle(context, _request, match) {
      return ok(subscriptionJson(context, hubOf(context).get(context.tenant, match[1] as string)));
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/subscriptions\/([^/]+)$/,
    name: 'PATCH /subscriptions/{id}',
    permission: 'read-users',
    handle(context, request, match) {
      const expiry = (request.body as { expirationDateTime?: unknown } | undefined)?.expirationDateTime;
      if (typeof expiry !== 'string') throw badRequest('expirationDateTime is required.');
      const renewed = hubOf(context).renew(context.tenant, match[1] as string, Date.parse(expiry));
      return ok(subscriptionJson(context, renewed));
    },
  },
  {
    method: 'POST',
    pattern: /^\/subscriptions\/([^/]+)\/reauthorize$/,
    name: 'POST /subscriptions/{id}/reauthorize',
    permission: 'read-users',
    handle(context, _request, match) {
      hubOf(context).get(context.tenant, match[1] as string);
      return noContent();
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/subscriptions\/([^/]+)$/,
    name: 'DELETE /subscriptions/{id}',
    permission: 'read-users',
    handle(context, _request, match) {
      hubOf(context).remove(context.tenant, match[1] as string);
      return noContent();
    },
  },
];
