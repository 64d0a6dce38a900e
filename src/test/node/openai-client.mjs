// Calls a running wordvec through the official openai SDK, as a sidecar's client would.
// Usage: node openai-client.mjs BASE_URL MODEL ; prints what the SDK returned, as JSON.
import OpenAI from 'openai';

const [baseURL, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0 });

// The SDK asks for base64 by default and decodes it to floats itself.
const one = await client.embeddings.create({ model, input: 'The year of the people' });
const many = await client.embeddings.create({ model, input: ['the year', 'people said'] });
const floats = await client.embeddings.create({ model, input: 'the year', encoding_format: 'float' });
let error = null;
try {
  await client.embeddings.create({ model: 'no-such-model', input: 'the' });
} catch (e) {
  error = { status: e.status, code: e.code, param: e.param, type: e.type };
}
console.log(JSON.stringify({
  one: one.data.map((d) => d.embedding),
  many: many.data.map((d) => ({ index: d.index, embedding: d.embedding })),
  floats: floats.data[0].embedding,
  model: one.model,
  usage: one.usage,
  error,
}));
