package dev.wordvec.evaluation;

import dev.wordvec.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Answers a whole set of analogy questions in one pass over the rows, with the answers gensim's
 * {@code evaluate_word_analogies} gives one question at a time.
 *
 * <p>Why a pass and not a search per question: for a candidate row r, 3CosAdd ranks by
 * cos(r, b) + cos(r, c) - cos(r, a) (gensim's unit mean query only scales that by a positive
 * number per question), and 3CosMul by a function of the same three cosines. A set asks about few
 * distinct words (under a thousand in {@code questions-words}), so one product of their unit
 * vectors with a chunk of rows gives every question's scores on that chunk. The products shrink
 * by the ratio of questions to distinct words (about 19x for {@code questions-words}) and no
 * top-k runs: each question keeps its best row as the chunks go by.
 *
 * <p>gensim takes the 5 best rows other than a, b and c, and predicts the first of them whose
 * word is not an input word; case-insensitively, other spellings of the inputs ("Paris" beside
 * "paris") are such words. So a question skips the rows of a, b and c, keeps the best of the
 * other rows, and notes the scores of the inputs' other spellings: the prediction is the best
 * row unless at least 5 of those spellings score above it.
 */
final class AnalogyScan {

    /**
     * Rows per product. Measured on the 400,000 x 300 model, the 16,940 questions of
     * {@code questions-words} asked in its first 300,000 rows (2 cores): 1,024 rows took 7.4 s,
     * 2,048 5.7 s, 4,096 4.7 to 5.8 s, 8,192 4.8 to 5.6 s, 16,384 6.5 s. The products are most of
     * it; past 8,192 the distinct words' cosines (4 bytes x words x rows) no longer stay in cache.
     */
    static final int CHUNK_ROWS = 4096;
    private static final int TOPN = 5;

    /** One question that can be asked: its section, the rows of a, b, c, its input words' keys and the expected key. */
    record Asked(int section, int a, int b, int c, Set<String> inputs, String expected) {
    }

    private final WordVectors vectors;
    private final RestrictedVocabulary vocabulary;
    private final Evaluator.Method method;

    AnalogyScan(WordVectors vectors, RestrictedVocabulary vocabulary, Evaluator.Method method) {
        this.vectors = vectors;
        this.vocabulary = vocabulary;
        this.method = method;
    }

    /**
     * The predicted key of each question (null when no row could answer), in order.
     *
     * @param rowsScored told the rows scored so far, after each chunk
     */
    String[] predictions(List<Asked> asked, IntConsumer rowsScored) {
        if (asked.isEmpty()) {
            return new String[0];
        }
        Map<Integer, Integer> distinct = new HashMap<>();
        List<Question> questions = new ArrayList<>(asked.size());
        for (Asked q : asked) {
            questions.add(new Question(q, index(distinct, q.a()), index(distinct, q.b()), index(distinct, q.c())));
        }
        int[] queryRows = new int[distinct.size()];
        distinct.forEach((row, index) -> queryRows[index] = row);
        vectors.cosinesInChunks(queryRows, vocabulary.size(), CHUNK_ROWS, (firstRow, count, cosines) -> {
            IntStream.range(0, questions.size()).parallel()
                    .forEach(i -> questions.get(i).scan(cosines, firstRow, count));
            rowsScored.accept(firstRow + count);
        });
        String[] predicted = new String[questions.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = questions.get(i).prediction();
        }
        return predicted;
    }

    private static int index(Map<Integer, Integer> distinct, int row) {
        return distinct.computeIfAbsent(row, r -> distinct.size());
    }

    /** A question being answered: where its words' cosines are, the rows it treats apart, its best row so far. */
    private final class Question {

        /** Which of the distinct query words a, b and c are: their rows in each chunk's cosines. */
        private final int queryA;
        private final int queryB;
        private final int queryC;
        private final Asked asked;
        /** The rows of a, b and c, and the other spellings of the inputs, sorted. */
        private final int[] special;
        /** How many of {@link #special} come before the chunks scanned so far. */
        private int passed;
        private float best = Float.NEGATIVE_INFINITY;
        private int bestRow = -1;
        /** Scores of the inputs' other spellings: candidates gensim looks at but never predicts. */
        private final List<Float> spellingScores = new ArrayList<>();
        private final List<Integer> spellingRows = new ArrayList<>();

        Question(Asked asked, int queryA, int queryB, int queryC) {
            this.queryA = queryA;
            this.queryB = queryB;
            this.queryC = queryC;
            this.asked = asked;
            List<Integer> rows = new ArrayList<>(List.of(asked.a(), asked.b(), asked.c()));
            asked.inputs().forEach(key -> rows.addAll(vocabulary.otherRows(key)));
            this.special = rows.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }

        void scan(float[] cosines, int firstRow, int count) {
            int ca = queryA * count;
            int cb = queryB * count;
            int cc = queryC * count;
            int end = firstRow + count;
            if (passed < special.length && special[passed] < end) {
                scanWithSpecialRows(cosines, ca, cb, cc, firstRow, count);
                while (passed < special.length && special[passed] < end) {
                    passed++;
                }
                return;
            }
            int j = method == Evaluator.Method.ADD ? bestAdd(cosines, ca, cb, cc, count)
                    : bestMul(cosines, ca, cb, cc, count);
            if (j >= 0) {
                float score = score(cosines, ca, cb, cc, j);
                if (score > best) {
                    best = score;
                    bestRow = firstRow + j;
                }
            }
        }

        private void scanWithSpecialRows(float[] cosines, int ca, int cb, int cc, int firstRow, int count) {
            for (int j = 0; j < count; j++) {
                int row = firstRow + j;
                float score = score(cosines, ca, cb, cc, j);
                if (Arrays.binarySearch(special, row) >= 0) {
                    if (row != asked.a() && row != asked.b() && row != asked.c()) {
                        spellingRows.add(row);
                        spellingScores.add(score);
                    }
                } else if (score > best) {
                    best = score;
                    bestRow = row;
                }
            }
        }

        String prediction() {
            List<Integer> above = new ArrayList<>();
            for (int i = 0; i < spellingRows.size(); i++) {
                if (bestRow < 0 || spellingScores.get(i) > best) {
                    above.add(i);
                }
            }
            if (bestRow < 0 && above.isEmpty()) {
                return null;
            }
            if (above.size() >= TOPN || bestRow < 0) {
                // gensim ends on the last of the answers it looked at, all other spellings of inputs.
                above.sort((x, y) -> Float.compare(spellingScores.get(y), spellingScores.get(x)));
                int last = above.get(Math.min(TOPN, above.size()) - 1);
                return vocabulary.key(vectors.vocabulary().word(spellingRows.get(last)));
            }
            return vocabulary.key(vectors.vocabulary().word(bestRow));
        }
    }

    /**
     * A candidate's score from its cosines with a, b and c, by the scan's method. The loops below
     * call {@link #add} and {@link #mul} directly, one loop each, so the JIT sees plain loops.
     */
    private float score(float[] cosines, int ca, int cb, int cc, int j) {
        return method == Evaluator.Method.ADD ? add(cosines[ca + j], cosines[cb + j], cosines[cc + j])
                : mul(cosines[ca + j], cosines[cb + j], cosines[cc + j]);
    }

    /** 3CosAdd in float, as the engine computes it. */
    private static float add(float a, float b, float c) {
        return b + c - a;
    }

    /**
     * 3CosMul in float, as the engine computes it: the product of the cosines shifted to [0, 1]
     * (gensim's {@code most_similar_cosmul}, with its 1e-6 against division by zero).
     */
    private static float mul(float a, float b, float c) {
        return (b + 1) / 2 * ((c + 1) / 2) / ((a + 1) / 2 + 1e-6f);
    }

    /** The first best 3CosAdd candidate of a chunk, or -1 if every score is NaN. */
    private static int bestAdd(float[] cosines, int ca, int cb, int cc, int count) {
        float max = Float.NEGATIVE_INFINITY;
        int best = -1;
        for (int j = 0; j < count; j++) {
            float score = add(cosines[ca + j], cosines[cb + j], cosines[cc + j]);
            if (score > max) {
                max = score;
                best = j;
            }
        }
        return best;
    }

    /** {@link #bestAdd} for 3CosMul. */
    private static int bestMul(float[] cosines, int ca, int cb, int cc, int count) {
        float max = Float.NEGATIVE_INFINITY;
        int best = -1;
        for (int j = 0; j < count; j++) {
            float score = mul(cosines[ca + j], cosines[cb + j], cosines[cc + j]);
            if (score > max) {
                max = score;
                best = j;
            }
        }
        return best;
    }
}
