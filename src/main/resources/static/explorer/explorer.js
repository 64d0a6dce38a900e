// The explorer page: plain JavaScript over wordvec's own HTTP API, nothing from other hosts.
'use strict';

const $ = (id) => document.getElementById(id);
const KEY = 'wordvec.apiKey';

/** A problem (RFC 9457) or OpenAI error, as an Error whose message is the detail a person can act on. */
class ApiProblem extends Error {}

/**
 * Calls the API at `path`, relative to the page: under server.servlet.context-path, or behind a
 * proxy that serves the service at /wordvec/, the API is beside the page, not at the host's root.
 */
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = 'Bearer ' + key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const detail = json && (json.detail || (json.error && json.error.message));
    throw new ApiProblem(detail || `${response.status} ${response.statusText}`);
  }
  return json;
}

/**
 * Shows the problem under the form that met it (`near`), where the person is looking: the page is
 * longer than a screen, and a box at the top would be out of sight of the lower forms. Without a
 * form (the models failing to load), under the header.
 */
function showProblem(error, near) {
  const box = $('problem');
  box.textContent = error instanceof ApiProblem ? error.message : 'The service could not be reached: ' + error.message;
  (near || document.querySelector('header')).after(box);
  box.hidden = false;
}

function clearProblem() {
  $('problem').hidden = true;
  $('problem').textContent = '';
}

/**
 * Runs a form's action, showing any problem instead of failing silently. A failed action puts the
 * form's results (the elements named by `results`) back as the page first had them, so no answer
 * to an earlier question stays beside the problem as if it answered this one.
 */
function onSubmit(formId, action, results = []) {
  const blank = results.map((id) => [id, [...$(id).childNodes].map((node) => node.cloneNode(true))]);
  $(formId).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem();
    try {
      await action();
    } catch (error) {
      blank.forEach(([id, nodes]) => $(id).replaceChildren(...nodes.map((node) => node.cloneNode(true))));
      showProblem(error, $(formId));
    }
  });
}

const wordModel = () => $('word-model').value;
const contextualModel = () => $('contextual-model').value;
const score = (value) => (value === null || value === undefined ? 'n/a' : value.toFixed(4));
// A share in whole percent, with a decimal or two where rounding would show less than all as 100%.
const percent = (share) => [0, 1, 2].map((d) => (share * 100).toFixed(d))
  .find((shown) => share >= 1 || !shown.startsWith('100')) ?? '100';

function fill(list, items, render) {
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    render(li, item);
    return li;
  }));
}

function scored(li, neighbor) {
  li.textContent = neighbor.word;
  const span = document.createElement('span');
  span.className = 'score';
  span.textContent = neighbor.similarity.toFixed(4);
  li.append(span);
}

async function loadModels() {
  const { models, defaultModel } = await api('GET', 'models');
  const ready = models.filter((m) => m.status === 'ready');
  const options = (kind) => ready.filter((m) => m.kind === kind).map((m) => {
    const option = document.createElement('option');
    option.value = m.name;
    option.textContent = `${m.name} (${m.dimension} dimensions)`;
    option.selected = m.name === defaultModel;
    return option;
  });
  const starting = (m) => m.status === 'pending' || m.status === 'loading';
  const loading = (kind) => models.some((m) => m.kind === kind && starting(m));
  $('word-model').replaceChildren(...orNone(options('words'), loading('words')));
  $('contextual-model').replaceChildren(...orNone(options('contextual'), loading('contextual')));
  // A page opened while the service starts lists the models as they become ready.
  if (models.some(starting)) setTimeout(() => loadModels().catch(showProblem), 2000);
}

/** The models' options, or one that says none is ready (its value empty): still loading, or none configured. */
function orNone(options, loading) {
  if (options.length === 0) {
    const none = document.createElement('option');
    none.value = '';
    none.textContent = loading ? 'loading…' : 'none configured';
    options.push(none);
  }
  return options;
}

/**
 * The action, once the models are listed. A list that never loaded (no key yet, a wrong one, the
 * service unreachable) is asked for again first, so the person reads why (the service's detail),
 * not that no model is configured.
 */
function withModels(action) {
  return async () => {
    if ($('word-model').options.length === 0) await loadModels();
    await action();
  };
}

/** The chosen word model; a problem to show when the service has none (only a contextual one). */
function requireWordModel() {
  if (!wordModel()) {
    if ($('word-model').options[0]?.textContent === 'loading…') {
      throw new ApiProblem('The word-vector model is still loading; the list shows it once it is ready.');
    }
    throw new ApiProblem('No word-vector model is configured: nearest words, analogies and the word model\'s '
      + 'scores need one (wordvec.models.<name>.path).');
  }
  return wordModel();
}

let suggestionTimer;
function suggest() {
  clearTimeout(suggestionTimer);
  const prefix = $('search-word').value.trim();
  if (!prefix || !wordModel()) return;
  suggestionTimer = setTimeout(async () => {
    try {
      const page = await api('GET', `models/${encodeURIComponent(wordModel())}/words?prefix=${encodeURIComponent(prefix)}&limit=10`);
      $('suggestions').replaceChildren(...page.words.map((word) => {
        const option = document.createElement('option');
        option.value = word;
        return option;
      }));
    } catch (error) {
      // Suggestions are a convenience: a failure here shows when the search itself is asked.
    }
  }, 150);
}

const SVG = 'http://www.w3.org/2000/svg';

function drawMap(projection) {
  const svg = $('map');
  const points = projection.points;
  const xs = points.map((p) => p.coordinates[0]);
  const ys = points.map((p) => p.coordinates[1]);
  const scale = (values, size, margin) => {
    const min = Math.min(...values);
    const span = Math.max(...values) - min || 1;
    return (v) => margin + ((v - min) / span) * (size - 2 * margin);
  };
  const x = scale(xs, 400, 40);
  const y = scale(ys, 300, 25);
  const labels = [];
  svg.replaceChildren(...points.flatMap((point, i) => {
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', x(xs[i]));
    circle.setAttribute('cy', 300 - y(ys[i]));
    circle.setAttribute('r', i === 0 ? 6 : 4);
    circle.setAttribute('data-word', point.word);
    if (i === 0) circle.setAttribute('class', 'query');
    const label = document.createElementNS(SVG, 'text');
    label.textContent = point.word;
    labels.push(label);
    return [circle, label];
  }));
  placeLabels(labels, points.map((p, i) => [x(xs[i]), 300 - y(ys[i])]));
  $('map-caption').textContent = `${points[0].word} and its ${points.length - 1} nearest words on their first two `
    + `principal components (${percent(projection.explained)}% of their variance).`;
}

/**
 * Puts each word's label beside its point where it covers no other label and no point: right,
 * left, above or below, the word itself first. Neighbours often sit close together (plural and
 * singular, a word and its compounds), and labels all on the right would print over each other.
 */
function placeLabels(labels, at) {
  const taken = at.map(([px, py]) => ({ x: px - 5, y: py - 5, w: 10, h: 10 }));
  const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  labels.forEach((label, i) => {
    const [px, py] = at[i];
    // The text's box as drawn at the origin: its width, height, and how far above the baseline it starts.
    const { width: w, height: h, y: top } = label.getBBox();
    // Candidate boxes (x, top), then where the text's baseline goes for each.
    const candidates = [[px + 7, py - h / 2], [px - 7 - w, py - h / 2], [px - w / 2, py - 8 - h], [px - w / 2, py + 8],
      [px + 5, py - 5 - h], [px + 5, py + 5], [px - 5 - w, py - 5 - h], [px - 5 - w, py + 5]];
    const fits = ([bx, by]) => bx >= 0 && bx + w <= 400 && by >= 0 && by + h <= 300;
    const box = ([bx, by]) => ({ x: bx, y: by, w, h });
    const chosen = candidates.find((c) => fits(c) && !taken.some((t) => overlaps(box(c), t)))
      || candidates.find(fits) || candidates[0];
    label.setAttribute('x', chosen[0]);
    label.setAttribute('y', chosen[1] - top);
    taken.push(box(chosen));
  });
}

async function search() {
  const word = $('search-word').value.trim();
  const k = Number($('search-k').value) || 10;
  // In a POST body, as a URL path cannot carry the words '.' and '..' (browsers resolve them, %2E too).
  const found = await api('POST', 'neighbors', { model: requireWordModel(), word, k });
  fill($('neighbors'), found.neighbors, scored);
  drawMap(await api('POST', 'projection', { model: wordModel(), word, k }));
}

async function analogy() {
  const body = {
    model: requireWordModel(),
    positive: [$('analogy-a').value.trim(), $('analogy-c').value.trim()],
    negative: [$('analogy-b').value.trim()],
    k: 5,
  };
  const answer = await api('POST', 'analogy', body);
  fill($('analogy-results'), answer.results, scored);
}

async function compareSentences() {
  const text1 = $('sentence-1').value;
  const text2 = $('sentence-2').value;
  const similarity = (model, weighting) => api('POST', 'similarity', { model, text1, text2, weighting });
  $('score-contextual').textContent = contextualModel()
    ? score((await similarity(contextualModel(), undefined)).similarity) : 'no contextual model';
  if (!wordModel()) {
    ['score-mean', 'score-sif', 'wmd-distance'].forEach((id) => { $(id).textContent = 'no word model'; });
    $('wmd-moves').textContent = '';
    return;
  }
  $('score-mean').textContent = score((await similarity(wordModel(), 'mean')).similarity);
  $('score-sif').textContent = score((await similarity(wordModel(), 'sif')).similarity);
  const wmd = await api('POST', 'word-movers-distance', { model: wordModel(), text1, text2 });
  $('wmd-distance').textContent = wmd.distance === null ? 'no known word in a sentence' : score(wmd.distance);
  // The moves that cost most (the plan lists them first): what makes the two sentences differ.
  const costliest = wmd.moves.filter((m) => m.distance > 0).slice(0, 3)
    .map((m) => `${m.from} → ${m.to} (${m.distance.toFixed(2)})`);
  $('wmd-moves').textContent = costliest.length ? `; costliest moves: ${costliest.join(', ')}` : '';
}

/**
 * The mean of the token vectors covering the word's first appearance in the text. The service
 * counts offsets in Unicode code points, as Hugging Face's tokenizers do, and JavaScript's string
 * indices count UTF-16 units (an emoji is two), so the match's place is converted.
 */
async function wordInContext(word, text) {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  if (!match) throw new ApiProblem(`'${word}' does not appear in "${text}"`);
  const at = [...text.slice(0, match.index)].length;
  const end = at + [...match[0]].length;
  const { tokens } = await api('POST', 'token-vectors', { model: contextualModel(), text });
  const covering = tokens.filter((t) => t.end > t.start && t.start < end && t.end > at);
  if (covering.length === 0) {
    throw new ApiProblem(`'${word}' is past the ${tokens.length - 2} tokens the model reads of "${text}"`);
  }
  const mean = new Array(covering[0].vector.length).fill(0);
  covering.forEach((t) => t.vector.forEach((v, i) => { mean[i] += v / covering.length; }));
  return mean;
}

function cosine(a, b) {
  let dot = 0; let na = 0; let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

async function compareContexts() {
  if (!contextualModel()) throw new ApiProblem('No contextual model is configured (kind: contextual).');
  const word = $('context-word').value.trim();
  const first = await wordInContext(word, $('context-1').value);
  const second = await wordInContext(word, $('context-2').value);
  $('context-contextual').textContent = score(cosine(first, second));
  // A word model gives the word one vector, whatever the sentence: the same vector twice.
  if (!wordModel()) {
    $('context-static').textContent = 'no word model';
    return;
  }
  // oov 'error': a word the word model lacks is the 404 problem, shown as such, not a null vector.
  const found = await api('POST', 'vectors', { model: wordModel(), words: [word], oov: 'error' });
  const vector = found.vectors[0].vector;
  $('context-static').textContent = score(cosine(vector, vector));
}

document.addEventListener('DOMContentLoaded', () => {
  $('api-key').value = sessionStorage.getItem(KEY) || '';
  onSubmit('settings', async () => {
    const key = $('api-key').value.trim();
    if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
    await loadModels();
  });
  onSubmit('search', withModels(search), ['neighbors', 'map', 'map-caption']);
  onSubmit('analogy', withModels(analogy), ['analogy-results']);
  onSubmit('sentences', withModels(compareSentences),
    ['score-mean', 'score-sif', 'score-contextual', 'wmd-distance', 'wmd-moves']);
  onSubmit('context', withModels(compareContexts), ['context-contextual', 'context-static']);
  $('search-word').addEventListener('input', suggest);
  loadModels().catch(showProblem);
});
