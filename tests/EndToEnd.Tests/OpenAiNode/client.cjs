// One scenario of the official openai npm package against the gateway: node client.cjs BASE_URL SCENARIO [MODEL].
// Prints one JSON line with what the SDK returned (or the error it raised); the C# tests assert on it.
'use strict';
const OpenAI = require('openai');

const [baseURL, scenario, modelArg] = process.argv.slice(2);
const model = modelArg ?? 'claude-sonnet-4-5-20250929';
const client = new OpenAI({ apiKey: 'sk-client-key-not-forwarded', baseURL, maxRetries: 0 });
const bash = {
  type: 'function',
  function: {
    name: 'Bash',
    description: 'Run a shell command',
    parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
  },
};

async function stream(params, includeUsage = true) {
  const result = { text: '', finish: null, usage: null, chunks: 0, emptyChoiceChunks: 0, toolCalls: {} };
  const options = includeUsage ? { stream_options: { include_usage: true } } : {};
  const s = await client.chat.completions.create({ ...params, stream: true, ...options });
  for await (const chunk of s) {
    result.chunks++;
    if (chunk.usage) result.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) {
      result.emptyChoiceChunks++;
      continue;
    }
    result.text += choice.delta.content ?? '';
    for (const call of choice.delta.tool_calls ?? []) {
      const entry = (result.toolCalls[call.index] ??= { id: null, name: null, arguments: '' });
      entry.id ??= call.id ?? null;
      entry.name ??= call.function?.name ?? null;
      entry.arguments += call.function?.arguments ?? '';
    }
    result.finish ??= choice.finish_reason;
  }
  return result;
}

const scenarios = {
  async plain() {
    const c = await client.chat.completions.create({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    return { id: c.id, object: c.object, model: c.model, created: c.created, text: c.choices[0].message.content, finish: c.choices[0].finish_reason, usage: c.usage };
  },
  async stream() {
    return stream({ model, messages: [{ role: 'user', content: '[[mock:deltas:5]] hi' }] });
  },
  async streamNoUsage() {
    return stream({ model, messages: [{ role: 'user', content: '[[mock:deltas:5]] hi' }] }, false);
  },
  async tools() {
    const messages = [{ role: 'user', content: '[[mock:bash:ls -1]] list the files' }];
    const first = await stream({ model, messages, tools: [bash] });
    const call = first.toolCalls[0];
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] });
    messages.push({ role: 'tool', tool_call_id: call.id, content: 'notes.txt' });
    const second = await client.chat.completions.create({ model, messages, tools: [bash] });
    return { first, answer: second.choices[0].message.content, finish: second.choices[0].finish_reason };
  },
  async structured() {
    const c = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: '[[mock:text:{"n": 7}]] a number' }],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false } } },
    });
    return { parsed: JSON.parse(c.choices[0].message.content) };
  },
  async error429() {
    await client.chat.completions.create({ model, messages: [{ role: 'user', content: '[[mock:status:429]]' }] });
  },
  async streamError() {
    return stream({ model, messages: [{ role: 'user', content: '[[mock:stream-error]] hi' }] });
  },
  async ownModel() {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  },
  async models() {
    const page = await client.models.list();
    return { ids: page.data.map((m) => m.id), objects: [...new Set(page.data.map((m) => m.object))] };
  },
};

scenarios[scenario]()
  .then((value) => console.log(JSON.stringify({ ok: true, value: value ?? null })))
  .catch((e) => console.log(JSON.stringify({
    ok: false, errorClass: e.constructor.name, status: e.status ?? null, type: e.type ?? null, message: e.message,
  })));
