/** The Bot Framework shapes m365ops sends: a message carrying one Adaptive Card, and invoke responses. */
import type { Activity, InvokeResponse } from 'botbuilder';
import { type AdaptiveCard, adaptiveCardContentType } from '../../cards';

export function cardMessage(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return {
    type: 'message',
    ...(summary ? { summary } : {}),
    attachments: [{ contentType: adaptiveCardContentType, content: card }],
  };
}

/** The Universal Actions answer: HTTP 200 whose card replaces the clicked one for the clicker. */
export function invokeCardResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: adaptiveCardContentType, value: card } };
}

/** An answer Teams shows as a message while leaving the clicked card as it was. */
export function invokeMessageResponse(message: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message } };
}

export function invokeErrorResponse(statusCode: 400 | 500, code: string, message: string): InvokeResponse {
  return {
    status: statusCode,
    body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } },
  };
}

/** The first Adaptive Card a message carries, if any (the connector stand-ins and the web chat read it back). */
export function cardOf(activity: Partial<Activity>): AdaptiveCard | undefined {
  const attachment = activity.attachments?.find((a) => a.contentType === adaptiveCardContentType);
  return attachment?.content as AdaptiveCard | undefined;
}
