// Reference token counts for translated Chat Completions requests: node count.mjs PACKAGES_FOLDER BODIES.json
// (PACKAGES_FOLDER holds the pinned node_modules; ES modules do not read NODE_PATH.)
// BODIES.json is a JSON array of the request bodies the gateway sent upstream; prints one JSON array with, per body,
// { gpt4o, llama3 }:
//  - gpt4o: gpt-tokenizer's countChatCompletionTokens for GPT-4o (o200k_base plus OpenAI's chat overhead: 3 tokens a
//    message, 1 a name, 3 to prime the reply; tool definitions rendered the way OpenAI renders functions, as a
//    TypeScript namespace, with the overheads gpt-tokenizer checks against counts the API reported). For text-only
//    chats it equals encodeChat, i.e. the prompt_tokens GPT-4o reports.
//    Tool calls and tool results have no published rendering for the tools API: each call is counted as the
//    functions API's function_call (name + arguments), each tool result as a message of role tool.
//  - llama3: llama3-tokenizer-js over the Llama 3.1 chat template (begin_of_text, a header per message, eot_id, the
//    assistant header that primes the reply), tool definitions as indented JSON in the system message, tool calls as
//    {"name","parameters"} JSON and tool results as role ipython, as the Llama 3.1 JSON tool template renders them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packages, bodiesFile] = process.argv.slice(2);
const require = createRequire(join(packages, 'node_modules', '.resolve-from-here'));
const gpt4o = require('gpt-tokenizer/model/gpt-4o');
const llama3 = (await import(pathToFileURL(require.resolve('llama3-tokenizer-js')).href)).default;

const text = (content) =>
  content == null ? '' : typeof content === 'string' ? content : content.filter((p) => p.type === 'text').map((p) => p.text).join('');

function gpt4oCount(body) {
  const messages = [];
  for (const m of body.messages) {
    const calls = m.tool_calls ?? [];
    if (calls.length === 0) {
      messages.push({ role: m.role, content: text(m.content), ...(m.name ? { name: m.name } : {}) });
      continue;
    }
    calls.forEach((c, i) => messages.push({
      role: m.role,
      content: i === 0 ? text(m.content) : '',
      function_call: { name: c.function.name, arguments: c.function.arguments },
    }));
  }
  const functions = (body.tools ?? []).map((t) => t.function);
  const choice = body.tool_choice;
  const functionCall = choice === 'none' ? 'none' : choice?.function?.name ? { name: choice.function.name } : undefined;
  return gpt4o.countChatCompletionTokens({
    messages, ...(functions.length ? { functions } : {}), ...(functionCall ? { function_call: functionCall } : {}),
  });
}

function llama3Count(body) {
  const tools = (body.tools ?? []).map((t) => JSON.stringify(t, null, 4)).join('\n\n');
  let prompt = '<|begin_of_text|>';
  let systemDone = false;
  const turn = (role, content) => { prompt += `<|start_header_id|>${role}<|end_header_id|>\n\n${content}<|eot_id|>`; };
  for (const m of body.messages) {
    if (m.role === 'system' && !systemDone) {
      systemDone = true;
      turn('system', tools ? `${text(m.content)}\n\n${tools}` : text(m.content));
    } else if (m.role === 'tool') {
      turn('ipython', text(m.content));
    } else if (m.tool_calls?.length) {
      const calls = m.tool_calls.map((c) => JSON.stringify({ name: c.function.name, parameters: JSON.parse(c.function.arguments) }));
      turn('assistant', [text(m.content), ...calls].filter((s) => s).join('\n'));
    } else {
      turn(m.role, text(m.content));
    }
  }
  if (!systemDone && tools) prompt = prompt.replace('<|begin_of_text|>', `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n${tools}<|eot_id|>`);
  prompt += '<|start_header_id|>assistant<|end_header_id|>\n\n';
  return llama3.encode(prompt, { bos: false, eos: false }).length;
}

const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
console.log(JSON.stringify(bodies.map((b) => ({ gpt4o: gpt4oCount(b), llama3: llama3Count(b) }))));
