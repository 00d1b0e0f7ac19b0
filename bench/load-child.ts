/**
 * The status benchmark's client side in a process of its own (started by ./remote-load.ts): the answer sink and
 * the open-loop load generator, so the server's process spends its CPU on m365ops alone, as a server does.
 * Times cross the process boundary as wall-clock milliseconds (`performance.timeOrigin + performance.now()`).
 */
import { startAnswerSink } from './answer-sink';
import type { LoadChildReply, LoadChildRequest } from './remote-load';
import { statusRequest } from './status-requests';

const wallClock = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const sink = await startAnswerSink();
  const answers: [string, number][] = [];
  sink.onAnswer((key) => answers.push([key, wallClock()]));
  const reply = (message: LoadChildReply) => process.send?.(message);
  process.on('message', (message: LoadChildRequest) => {
    if (message.kind !== 'drive') return;
    answers.length = 0;
    drive(message)
      .then(async (run) => {
        await new Promise((resolve) => setTimeout(resolve, message.settleMs));
        reply({ kind: 'driven', ...run, answers: [...answers] });
      })
      .catch((error: unknown) => reply({ kind: 'failed', message: String(error) }));
  });
  const stop = () => {
    sink.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  reply({ kind: 'ready', sinkUrl: sink.url });

  async function drive(request: Extract<LoadChildRequest, { kind: 'drive' }>) {
    const total = Math.round(request.rate * request.seconds);
    const started = performance.now();
    const sent: Promise<void>[] = [];
    let failures = 0;
    for (let index = 0; index < total; index++) {
      const due = started + (index * 1000) / request.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const { path, headers, body } = statusRequest(request.transport, sink.url, index);
      sent.push(
        fetch(`${request.serverUrl}${path}`, { method: 'POST', headers, body })
          .then((response) => void response.arrayBuffer())
          .catch(() => void failures++),
      );
    }
    await Promise.all(sent);
    return { total, failures, seconds: (performance.now() - started) / 1000 };
  }
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'failed', message: String(error) } satisfies LoadChildReply);
  process.exit(1);
});
