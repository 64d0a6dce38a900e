// Calls a running wordvec through LangChain's OpenAIEmbeddings, as a RAG ingestion would.
// Usage: node langchain-client.mjs BASE_URL MODEL API_KEY ; prints what LangChain returned, as JSON.
// The chunks: 100 pieces of text, one of them ("1234 ...!!!") with no word the model knows.
import { OpenAIEmbeddings } from '@langchain/openai';

const [baseURL, model, apiKey] = process.argv.slice(2);
// Words of the test model (gensim's test_glove.txt, 76 words), so that every other chunk has a vector.
const words = ['the', 'and', 'of', 'that', 'said', 'with', 'he', 'from', 'have', 'were'];
const chunks = [];
for (let i = 0; i < 100; i++) {
  chunks.push(i === 37 ? '1234 ...!!!' : `${words[i % 10]} ${words[(i * 3 + 1) % 10]} ${words[(i * 7 + 2) % 10]}`);
}
// batchSize 16: LangChain splits the 100 chunks into 7 requests, as it does for a long document.
const embeddings = new OpenAIEmbeddings({ model, apiKey, configuration: { baseURL }, maxRetries: 0, batchSize: 16 });
const documents = await embeddings.embedDocuments(chunks);
const query = await embeddings.embedQuery('the year');
const shortened = await new OpenAIEmbeddings({ model, apiKey, dimensions: 20, configuration: { baseURL }, maxRetries: 0 })
  .embedQuery('the year');
let error = null;
try {
  await new OpenAIEmbeddings({ model, apiKey: 'wrong-key', configuration: { baseURL }, maxRetries: 0 }).embedQuery('the');
} catch (e) {
  error = { status: e.status ?? e.response?.status ?? null, message: String(e.message) };
}
console.log(JSON.stringify({ chunks, documents, query, shortened, error }));
