// Google's JavaScript SDK (@google/genai) driving a Live endpoint with its own URL forms
// (`//ws/...?key=`, `?access_token=` on `...Constrained`). One JSON line per step on stdout:
// {"step": ..., "ok": true|false, ...what was observed}; the Python test asserts on them.
//
// Configuration comes as JSON in the LIVE_CHECK environment variable:
//   {baseUrl, apiKey, model, badModel, token, jpegPath, jpegSize: [w, h], stepTimeoutMs, steps}
// NODE_EXTRA_CA_CERTS must name the endpoint's CA.
//
// live.connect() does not always settle when the socket closes before setupComplete (older
// SDKs never did; only onclose fires), so every open races onclose and a timeout of its own.

import { readFileSync } from 'node:fs';
import { GoogleGenAI, Modality } from '@google/genai';

const cfg = JSON.parse(process.env.LIVE_CHECK ?? '{}');
const STEP_TIMEOUT_MS = cfg.stepTimeoutMs ?? 15000;
const RATE = 16000;
const TRANSCRIBE = { inputAudioTranscription: {}, outputAudioTranscription: {} };

function timeout(ms, what) {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    timer.unref();
  });
}

// Server messages as a queue, and how the socket ended.
class Inbox {
  constructor() {
    this.queue = [];
    this.waiters = [];
    this.closeEvent = null;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  push(message) {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(message);
    else this.queue.push(message);
  }

  close(event) {
    this.closeEvent = { code: event?.code ?? null, reason: String(event?.reason ?? '') };
    this.resolveClosed(this.closeEvent);
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new Error(`closed ${this.closeEvent.code} ${this.closeEvent.reason}`));
    }
  }

  next(ms = STEP_TIMEOUT_MS) {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closeEvent) {
      return Promise.reject(new Error(`closed ${this.closeEvent.code} ${this.closeEvent.reason}`));
    }
    const wait = new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
    return Promise.race([wait, timeout(ms, 'a server message')]);
  }
}

// Connect; resolves to {session, inbox} or {closed: {code, reason}, inbox} or {timedOut}.
async function open(config, { apiKey = cfg.apiKey, apiVersion = 'v1beta', model = cfg.model } = {}) {
  const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: cfg.baseUrl, apiVersion } });
  const inbox = new Inbox();
  const connecting = ai.live.connect({
    model,
    config: { responseModalities: [Modality.AUDIO], ...config },
    callbacks: {
      onmessage: (message) => inbox.push(message),
      onerror: () => {},
      onclose: (event) => inbox.close(event),
    },
  });
  connecting.catch(() => {}); // a rejection after onclose is reported through `closed`
  const outcome = await Promise.race([
    connecting.then((session) => ({ session })),
    inbox.closed.then((closed) => ({ closed })),
    timeout(STEP_TIMEOUT_MS, 'setupComplete or a close').catch(() => ({ timedOut: true })),
  ]);
  return { ...outcome, inbox };
}

async function close(opened) {
  if (!opened.session) return;
  opened.session.close();
  await Promise.race([opened.inbox.closed, timeout(5000, 'close').catch(() => null)]);
}

// Everything until turnComplete; `onMessage(message, soFar)` may answer tool calls or cut in.
async function turn(inbox, onMessage = async () => {}) {
  const messages = [];
  for (;;) {
    const message = await inbox.next();
    messages.push(message);
    await onMessage(message, messages);
    if (message.serverContent?.turnComplete) return messages;
  }
}

function said(messages) {
  return messages.map((m) => m.serverContent?.outputTranscription?.text ?? '').join('');
}

function heard(messages) {
  return messages.map((m) => m.serverContent?.inputTranscription?.text).filter(Boolean);
}

function audioChunks(messages) {
  return messages.flatMap((m) =>
    (m.serverContent?.modelTurn?.parts ?? []).filter((p) => p.inlineData?.data),
  ).length;
}

// How the turn ended: generationComplete alone, then turnComplete with usageMetadata.
function ending(messages) {
  const generation = messages.findIndex((m) => m.serverContent?.generationComplete);
  const last = messages[messages.length - 1];
  return {
    generationCompleteAlone:
      generation >= 0 && !messages[generation].serverContent.turnComplete && generation < messages.length - 1,
    turnCompleteUsage: last?.usageMetadata?.totalTokenCount ?? null,
  };
}

function tone(seconds, freq = 440) {
  const samples = new Int16Array(Math.round(seconds * RATE));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * freq * i) / RATE));
  }
  return Buffer.from(samples.buffer);
}

function silence(seconds) {
  return Buffer.alloc(Math.round(seconds * RATE) * 2);
}

function sendAudio(session, pcm, blockMs = 20) {
  const step = ((RATE * blockMs) / 1000) * 2;
  for (let i = 0; i < pcm.length; i += step) {
    session.sendRealtimeInput({
      audio: { data: pcm.subarray(i, i + step).toString('base64'), mimeType: 'audio/pcm;rate=16000' },
    });
  }
}

async function withSession(config, body, options) {
  const opened = await open(config, options);
  if (!opened.session) {
    throw new Error(`no session: ${JSON.stringify(opened.closed ?? { timedOut: true })}`);
  }
  try {
    return await body(opened.session, opened.inbox);
  } finally {
    await close(opened);
  }
}

async function textTurn(session, inbox, text) {
  session.sendRealtimeInput({ text });
  return turn(inbox);
}

const STEPS = {
  async setup() {
    const opened = await open(TRANSCRIBE);
    const result = { setupComplete: Boolean(opened.session), closed: opened.closed ?? null };
    await close(opened);
    return result;
  },

  async text() {
    return withSession(TRANSCRIBE, async (session, inbox) => {
      const messages = await textTurn(session, inbox, 'hello');
      return { said: said(messages), audioChunks: audioChunks(messages), ...ending(messages) };
    });
  },

  async audio_server_vad() {
    return withSession(TRANSCRIBE, async (session, inbox) => {
      sendAudio(session, Buffer.concat([tone(1.0), silence(0.7)]));
      const messages = await turn(inbox);
      return { heard: heard(messages), said: said(messages) };
    });
  },

  async audio_activity() {
    const config = { ...TRANSCRIBE, realtimeInputConfig: { automaticActivityDetection: { disabled: true } } };
    return withSession(config, async (session, inbox) => {
      session.sendRealtimeInput({ activityStart: {} });
      sendAudio(session, tone(0.5));
      session.sendRealtimeInput({ activityEnd: {} });
      const messages = await turn(inbox);
      return { heard: heard(messages), said: said(messages) };
    });
  },

  async jpeg_frame() {
    const jpeg = readFileSync(cfg.jpegPath);
    return withSession(TRANSCRIBE, async (session, inbox) => {
      session.sendRealtimeInput({ video: { data: jpeg.toString('base64'), mimeType: 'image/jpeg' } });
      const messages = await textTurn(session, inbox, 'what do you see?');
      return { said: said(messages) };
    });
  },

  async tool_call() {
    const tools = [{ functionDeclarations: [{ name: 'get_time', description: 'The time now.' }] }];
    return withSession({ ...TRANSCRIBE, tools }, async (session, inbox) => {
      const calls = [];
      session.sendRealtimeInput({ text: 'please call get_time' });
      const messages = await turn(inbox, async (message) => {
        for (const call of message.toolCall?.functionCalls ?? []) {
          calls.push({ id: call.id, name: call.name, args: call.args ?? {} });
          session.sendToolResponse({
            functionResponses: [{ id: call.id, name: call.name, response: { time: 'noon' } }],
          });
        }
      });
      return { calls, said: said(messages) };
    });
  },

  async barge_in() {
    return withSession(TRANSCRIBE, async (session, inbox) => {
      let cut = false;
      session.sendRealtimeInput({ text: 'tell me a long story' });
      const first = await turn(inbox, async (message, soFar) => {
        if (!cut && audioChunks(soFar) >= 1) {
          cut = true;
          session.sendRealtimeInput({ text: 'stop' });
        }
      });
      const second = await turn(inbox);
      return {
        interrupted: first.some((m) => m.serverContent?.interrupted === true),
        firstSaid: said(first),
        secondSaid: said(second),
      };
    });
  },

  async resume() {
    let handle = null;
    const first = await withSession({ ...TRANSCRIBE, sessionResumption: {} }, async (session, inbox) => {
      const messages = await textTurn(session, inbox, 'remember me');
      while (!handle) {
        const message = await inbox.next();
        if (message.sessionResumptionUpdate?.resumable) handle = message.sessionResumptionUpdate.newHandle;
      }
      return said(messages);
    });
    const config = { ...TRANSCRIBE, sessionResumption: { handle } };
    const second = await withSession(config, async (session, inbox) =>
      said(await textTurn(session, inbox, 'again')),
    );
    const stale = await open({ sessionResumption: { handle: 'no-such-handle' } });
    await close(stale);
    return { handle, firstSaid: first, secondSaid: second, staleHandle: stale.closed ?? null };
  },

  async bad_model() {
    const opened = await open({}, { model: cfg.badModel });
    await close(opened);
    return { setupComplete: Boolean(opened.session), closed: opened.closed ?? null };
  },

  async bad_key() {
    const opened = await open({}, { apiKey: 'not-the-key' });
    await close(opened);
    return { setupComplete: Boolean(opened.session), closed: opened.closed ?? null };
  },

  async ephemeral_token() {
    const result = await withSession(
      TRANSCRIBE,
      async (session, inbox) => ({ said: said(await textTurn(session, inbox, 'token here')) }),
      { apiKey: cfg.token, apiVersion: 'v1alpha' },
    );
    const forged = await open({}, { apiKey: 'auth_tokens/forged', apiVersion: 'v1alpha' });
    await close(forged);
    return { ...result, forged: forged.closed ?? null };
  },
};

for (const name of cfg.steps ?? Object.keys(STEPS)) {
  const started = Date.now();
  let line;
  try {
    const observed = await Promise.race([STEPS[name](), timeout(3 * STEP_TIMEOUT_MS, name)]);
    line = { step: name, ok: true, ms: Date.now() - started, ...observed };
  } catch (error) {
    line = { step: name, ok: false, ms: Date.now() - started, error: String(error?.stack ?? error) };
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
process.exit(0); // sockets of a failed step must not keep node alive
