// Reference token ids and sentence vectors of all-MiniLM-L6-v2 for generated texts, made by an
// implementation other than wordvec's: Hugging Face's tokenizers.js (@huggingface/tokenizers, a
// JavaScript port of the Rust tokenizers that Python's sentence-transformers uses) and ONNX
// Runtime's Node binding. Each text runs alone (no padding); the sentence vector is
// sentence-transformers': the last hidden state averaged over every token (special ones
// included), then unit length. See README.md for how to run it and what it cannot check.
import fs from "node:fs";
import zlib from "node:zlib";
import { Tokenizer } from "@huggingface/tokenizers";
import ort from "onnxruntime-node";

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node make_reference.mjs DIR > fresh-reference.json.gz\n" +
    "DIR holds all-minilm-l6-v2.onnx, all-minilm-l6-v2-q.onnx and all-minilm-l6-v2-tokenizer.json");
  process.exit(2);
}

// mulberry32: a small seeded generator, so the texts are the same on every run.
function generator(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20261203);
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (items) => items[Math.floor(random() * items.length)];

const tokenizerJson = JSON.parse(fs.readFileSync(`${dir}/all-minilm-l6-v2-tokenizer.json`, "utf8"));
const tokenizer = new Tokenizer(tokenizerJson, {});
const vocabulary = Object.keys(tokenizerJson.model.vocab).filter((w) => !w.startsWith("["));

const written = [
  "The committee postponed its decision until the spring.",
  "She read the letter twice before she answered it.",
  "Interest rates rose again, and the bank raised its fees.",
  "We walked along the river bank at dawn.",
  "A quiet afternoon: tea, a book and rain on the window.",
  "Turn left at the second light, then follow the signs to the harbour.",
  "Is this the train to Edinburgh, or do I change at York?",
  "The patient's blood pressure was 120/80 mm Hg on admission.",
  "Error: connection refused (errno 111) while contacting 10.0.0.7:5432",
  "def mean(xs): return sum(xs) / len(xs)  # an empty list divides by zero",
  "SELECT name, COUNT(*) FROM orders GROUP BY name HAVING COUNT(*) > 3;",
  "Ünïcödé àccents: Ça va? Ñandú, Øresund, Ærø, Łódź, Şişli, İstanbul, ß and ẞ.",
  "東京は日本の首都です。北京是中国的首都。서울은 한국의 수도입니다.",
  "ภาษาไทยไม่มีช่องว่างระหว่างคำ และ ลาว ພາສາລາວ",
  "العربية تكتب من اليمين إلى اليسار، وأيضاً עברית.",
  "Emoji 🙂🙃 👨‍👩‍👧‍👦 flags 🇫🇷🇯🇵 skin 👍🏽 keycap 1️⃣ ❤️",
  "zero\u200bwidth\u200cjoiner\u200dand\ufeffbom and soft\u00adhyphen",
  "tabs\tand\r\nnewlines\n\nand\u00a0nbsp\u2003em\u3000ideographic",
  "control\x01chars\x07here\x1f and \x7f del and \x85 nel and a \0 nul",
  "combining: e\u0301 a\u0308 n\u0303 vs precomposed é ä ñ; Å vs A\u030a; ﬁ ligature ﬂ; ㎞ ①②",
  "Full-width ＡＢＣ ａｂｃ １２３ ！？ half-width ｶﾀｶﾅ",
  "Greek Ελληνικά σίσυφος Cyrillic Русский ЁЛКА ёлка",
  "Math 𝐀𝐁𝐂 𝕏 ∑∫√∞ ≤≥ ≠ ± × ÷ ° µ Ω Å",
  "URLs https://example.com/a_b-c?d=e&f=g#h and e-mail a.b+c@d.co.uk, @handle #hashtag",
  "Numbers 3.14159 1,000,000 1e-10 -42 +7 0x1F 12:30 2026-12-03 $19.99 €5 ¥100 £3",
  "a".repeat(150) + " short " + "b".repeat(99) + " " + "c".repeat(100) + " " + "d".repeat(101),
  "supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
  "   leading and trailing spaces   ",
  "",
  "\n",
  "   ",
  ".",
  "[CLS] [SEP] [PAD] [UNK] [MASK] literal special tokens [mask] [cls]",
  "##piece ## # ### hash ##es",
  "Don't won't can't it's O'Neill rock'n'roll — en–dash “quotes” ‘single’ «guillemets» „low“",
  "I.B.M. U.S.A. e.g. i.e. etc... ?!?! ¿Qué? ¡Hola!",
  "CamelCaseWords snake_case_words kebab-case-words SCREAMING_CASE",
  "Devanagari हिन्दी भाषा and Bengali বাংলা and Tamil தமிழ்",
  "private use \ue000\uf8ff and noncharacter \ufffe, replacement \ufffd",
  "mixed日本語English混在text한국어",
  "x ".repeat(300),
  "The quick brown fox jumps over the lazy dog. ".repeat(20),
];

// Characters drawn for the generated texts. Left out: CJK ideographs outside the Basic
// Multilingual Plane (U+20000 and up) and a capital sigma at the end of a word, which
// tokenizers.js reads differently from the Rust tokenizers (README.md).
const ranges = [
  [0x61, 0x7a], [0x41, 0x5a], [0x30, 0x39], [0x20, 0x2f], [0xc0, 0x24f], [0x300, 0x36f],
  [0x391, 0x3a0], [0x3b1, 0x3c9], [0x410, 0x44f], [0x5d0, 0x5ea], [0x621, 0x64a], [0x900, 0x97f],
  [0xe01, 0xe3a], [0x1100, 0x11ff], [0x2000, 0x206f], [0x3040, 0x30ff], [0x4e00, 0x9fff],
  [0xac00, 0xd7a3], [0xff01, 0xff5e], [0x1f300, 0x1f64f], [0x1d400, 0x1d7ff],
];
function soup() {
  let text = "";
  for (let i = between(1, 60); i > 0; i--) {
    const [lo, hi] = random() < 0.4 ? pick(ranges.slice(0, 4)) : pick(ranges);
    text += String.fromCodePoint(between(lo, hi));
  }
  return text;
}
function words(count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    let word = pick(vocabulary);
    while (word.startsWith("##") && out.length === 0) word = pick(vocabulary);
    if (word.startsWith("##")) out.push(out.pop() + word.slice(2));
    else out.push(random() < 0.1 ? word.toUpperCase() : word);
  }
  return out.join(random() < 0.8 ? " " : "  ");
}
const texts = [...written];
for (let i = 0; i < 50; i++) texts.push(soup());
for (let i = 0; i < 30; i++) texts.push(words(pick([1, 3, 8, 20, 60, 120, 126, 127, 200, 255, 300])));

async function encode(network, maxTokens, which = texts.map((_, i) => i)) {
  const session = await ort.InferenceSession.create(`${dir}/${network}`,
    { graphOptimizationLevel: "basic", intraOpNumThreads: 1 });
  const out = [];
  for (const index of which) {
    const text = texts[index];
    const pieces = tokenizer.encode(text, { add_special_tokens: false }).ids;
    // The tokenizer file's truncation (longest first, from the right) keeps maxTokens - 2 pieces.
    const ids = [101, ...pieces.slice(0, maxTokens - 2), 102];
    const n = ids.length;
    const feeds = {
      input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, n]),
      attention_mask: new ort.Tensor("int64", new BigInt64Array(n).fill(1n), [1, n]),
      token_type_ids: new ort.Tensor("int64", new BigInt64Array(n), [1, n]),
    };
    const hidden = (await session.run(feeds))[session.outputNames[0]];
    const d = hidden.dims[2];
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += hidden.data[i * d + j] / n;
    const norm = Math.hypot(...mean);
    out.push({ text: index, ids, truncated: pieces.length > maxTokens - 2,
      embedding: Array.from(mean, (x) => Number((x / norm).toPrecision(7))) });
  }
  await session.release();
  return out;
}

const float32 = await encode("all-minilm-l6-v2.onnx", 128);
const reference = {
  made: "make_reference.mjs with @huggingface/tokenizers 0.2.0 and onnxruntime-node 1.30.0",
  texts,
  float32,
  // At 256 tokens (sentence-transformers' max_seq_length for this model) only the texts cut at 128 change.
  float32At256: await encode("all-minilm-l6-v2.onnx", 256, float32.filter((r) => r.truncated).map((r) => r.text)),
  // The same ids as float32's; only the vectors differ.
  quantized: (await encode("all-minilm-l6-v2-q.onnx", 128)).map(({ text, embedding }) => ({ text, embedding })),
};
process.stdout.write(zlib.gzipSync(JSON.stringify(reference), { level: 9 }));
