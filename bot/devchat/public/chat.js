// The local web chat's client: sends what the operator types or clicks to /devchat/messages (the server wraps it
// in a Teams activity for /api/messages), renders the bot's Adaptive Cards with the official renderer, and applies
// the local connector's updates in place. The session cookie (HttpOnly) names the conversation; this script never
// sees it. A module script: its names stay its own without a wrapping function.
const settings = window.devChatSettings;
const AC = window.AdaptiveCards;
const messages = document.getElementById('messages');
const typing = document.getElementById('typing');
const cards = new Map(); // activity id -> element holding its card

async function postActivity(body) {
  const response = await fetch('/devchat/messages', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function scrollDown() {
  messages.scrollTop = messages.scrollHeight;
}

function showUserText(text) {
  const bubble = document.createElement('div');
  bubble.className = 'user';
  bubble.textContent = text;
  messages.appendChild(bubble);
  scrollDown();
}

// Every card text arrives with its Markdown escaped (cards/adaptive/plain-text.ts), because Teams renders
// Markdown. Show it as Teams does: the escapes undone, nothing interpreted.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const shown = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  result.outputHtml = shown.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(/\n/g, '<br>');
  result.didProcess = true;
};

function renderCard(json, activityId) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({ fontFamily: 'Segoe UI, system-ui, sans-serif' });
  card.onExecuteAction = (action) => executeAction(action, activityId);
  card.parse(json);
  return card.render();
}

function cardOf(act) {
  const attachment = (act.attachments || []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment ? attachment.content : undefined;
}

function showBotActivity(act) {
  const wrapper = document.createElement('div');
  wrapper.className = 'bot';
  wrapper.dataset.activityId = act.id;
  const holder = document.createElement('div');
  holder.className = 'card';
  wrapper.appendChild(holder);
  fillCard(holder, act, act.id);
  cards.set(act.id, holder);
  messages.appendChild(wrapper);
  scrollDown();
}

function fillCard(holder, act, activityId) {
  holder.replaceChildren();
  const json = cardOf(act);
  if (json) {
    holder.appendChild(renderCard(json, activityId));
  } else if (act.text) {
    const text = document.createElement('div');
    text.style.padding = '8px 12px';
    text.textContent = act.text;
    holder.appendChild(text);
  }
}

async function executeAction(action, activityId) {
  if (action instanceof AC.OpenUrlAction) {
    window.open(action.url, '_blank', 'noopener');
    return;
  }
  if (!(action instanceof AC.SubmitActionBase)) return;
  const holder = cards.get(activityId);
  const data = action.data || {};
  if (action instanceof AC.ExecuteAction) {
    const response = await postActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: activityId,
      value: { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data }, trigger: 'manual' },
    });
    const body = response.body;
    if (body && body.type === 'application/vnd.microsoft.card.adaptive' && holder) {
      holder.replaceChildren(renderCard(body.value, activityId));
    } else if (body?.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string') {
      window.alert(body.value);
    } else if (body?.value?.message) {
      window.alert(body.value.message);
    }
    return;
  }
  await postActivity({ type: 'message', value: data, replyToId: activityId });
}

function applyEvent(event) {
  const act = event.activity;
  if (event.op === 'typing') {
    typing.textContent = `${settings.botName} is typing…`;
    window.setTimeout(() => {
      typing.textContent = '';
    }, 1500);
    return;
  }
  typing.textContent = '';
  if (event.op === 'update') {
    const holder = cards.get(event.activityId);
    if (holder) fillCard(holder, act, event.activityId);
    return;
  }
  showBotActivity(act);
}

// Each event comes once: the server forgets it (a temporary password included) when it hands it over.
async function poll() {
  try {
    const response = await fetch('/devchat/events', { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 403) {
      typing.textContent = 'This chat session has ended: reload the page to start a new one.';
      return;
    }
    const { events } = await response.json();
    for (const event of events) applyEvent(event);
  } catch (error) {
    console.warn('devchat: polling failed', error);
  }
  window.setTimeout(poll, 300);
}

document.getElementById('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('message');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  showUserText(text);
  const response = await postActivity({ type: 'message', text });
  if (response.status >= 400) showUserText(`(the bot answered HTTP ${response.status})`);
});

poll();
