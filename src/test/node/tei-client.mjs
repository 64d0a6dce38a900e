// Calls a running wordvec through Hugging Face's own JavaScript client, @huggingface/inference, the
// way it calls a text-embeddings-inference (TEI) endpoint: featureExtraction and sentenceSimilarity
// with an endpointUrl post their {"inputs", ...} to that URL. Usage: node tei-client.mjs BASE_URL
// MODEL ; prints what the client returned, as JSON.
import { InferenceClient, featureExtraction, sentenceSimilarity } from '@huggingface/inference';

const [base, model] = process.argv.slice(2);
// TEI's default route is POST /; wordvec picks the model from ?model= (TEI serves only one).
const root = `${base}/?model=${model}`;
const one = await featureExtraction({ endpointUrl: root, inputs: 'A man is playing a guitar.' });
const many = await new InferenceClient().endpoint(`${base}/embed?model=${model}`).featureExtraction({
  inputs: ['The bat flew out of the cave at dusk.', 'He swung the bat and hit the ball.'],
  normalize: false,
});
let error = null;
try {
  await featureExtraction({ endpointUrl: root, inputs: 'word '.repeat(200) });
} catch (e) {
  error = { name: e.name, message: e.message, status: e.httpResponse?.status };
}
const cut = await featureExtraction({ endpointUrl: root, inputs: 'word '.repeat(200), truncate: true });
const similarity = await sentenceSimilarity({
  endpointUrl: root,
  inputs: {
    source_sentence: 'A man is playing a guitar.',
    sentences: ['The bat flew out of the cave at dusk.', 'He swung the bat and hit the ball.'],
  },
});
console.log(JSON.stringify({ one, many, error, cut, similarity }));
