/** The web chat's sessions on their own: what they hand out, once, and when they forget. */
import { type ChatSession, createChatSessions } from '../../../bot/devchat/chat-sessions';

function message(session: ChatSession, text: string) {
  return { op: 'message' as const, conversationId: session.conversationId, activityId: text, activity: { text } };
}

it('opens sessions with unguessable, distinct tokens and conversations', () => {
  const sessions = createChatSessions();
  const [a, b] = [sessions.open(), sessions.open()];
  expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(a.token).not.toBe(b.token);
  expect(a.conversationId).not.toBe(b.conversationId);
  expect(sessions.find(a.token)).toBe(a);
  expect(sessions.find('nope')).toBeUndefined();
  expect(sessions.findByConversation(b.conversationId)).toBe(b);
});

it('hands each waiting event out once, in order', () => {
  const sessions = createChatSessions();
  const session = sessions.open();
  sessions.append(session, message(session, 'one'));
  sessions.append(session, message(session, 'two'));
  expect(sessions.take(session).map((event) => event.activity.text)).toEqual(['one', 'two']);
  expect(sessions.take(session)).toEqual([]);
});

it('drops a session left idle, with what it still holds', () => {
  let now = 0;
  const sessions = createChatSessions({ now: () => now, idleMs: 1000 });
  const idle = sessions.open();
  const active = sessions.open();
  sessions.append(idle, message(idle, 'Temporary password'));
  now = 600;
  expect(sessions.find(active.token)).toBe(active);
  now = 1200;
  expect(sessions.find(idle.token)).toBeUndefined();
  expect(sessions.findByConversation(idle.conversationId)).toBeUndefined();
  expect(sessions.take(idle)).toEqual([]);
  expect(sessions.find(active.token)).toBe(active);
});

it('keeps a bounded number of sessions and waiting events', () => {
  const sessions = createChatSessions({ maxSessions: 2, maxWaiting: 2 });
  const first = sessions.open();
  const second = sessions.open();
  sessions.find(first.token);
  sessions.open();
  expect(sessions.find(second.token)).toBeUndefined();
  expect(sessions.find(first.token)).toBe(first);
  for (const text of ['a', 'b', 'c']) sessions.append(first, message(first, text));
  expect(sessions.take(first).map((event) => event.activity.text)).toEqual(['b', 'c']);
});
