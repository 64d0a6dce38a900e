package dev.wordvec.evaluation;

import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.WordVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Scores a model on the standard intrinsic tests with gensim's semantics: analogies
 * ({@code evaluate_word_analogies}) and word-pair similarity ({@code evaluate_word_pairs}).
 * Analogy questions are scored on the engine in batches (one matrix product per batch), so the
 * 19,544 questions of {@code questions-words} take seconds.
 */
public final class Evaluator {

    /**
     * Analogy questions scored in one matrix product. Measured on the built-in model (2 cores):
     * 32 take 5.2 s for the 13,013 questions asked, 64 take 3.8 s, 128 4.8 s, 512 8 s; past 64
     * the queries x rows scores no longer stay in cache.
     */
    private static final int BATCH = 64;
    /** gensim asks {@code most_similar} for 5 answers and takes the first that is not an input word. */
    private static final int TOPN = 5;
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    /** How analogies are solved: 3CosAdd (gensim's {@code most_similar}) or 3CosMul ({@code most_similar_cosmul}). */
    public enum Method {
        ADD, MUL
    }

    /** Progress of a long evaluation: questions answered so far of all to answer. */
    public record Progress(int done, int total, long elapsedNanos) {
    }

    private final WordVectors vectors;

    public Evaluator(WordVectors vectors) {
        this.vectors = vectors;
    }

    /** One question that can be asked: its section, the rows of a, b, c, and the expected answer's key. */
    private record Asked(int section, int a, int b, int c, Set<String> inputs, String expected) {
    }

    /**
     * The analogy score, counted as gensim counts it: a question with a word outside the first
     * {@code restrictVocab} words is skipped; otherwise the answer is the first of the 5 best
     * words (searched among the first {@code restrictVocab}) that is not an input word (compared
     * case-insensitively when {@code caseInsensitive}), and it is correct when it is the expected word.
     */
    public AnalogyScore analogies(AnalogySet set, int restrictVocab, boolean caseInsensitive, Method method,
            Consumer<Progress> progress) {
        RestrictedVocabulary ok = new RestrictedVocabulary(vectors.vocabulary(), restrictVocab, caseInsensitive);
        List<Asked> asked = new ArrayList<>();
        int oov = 0;
        for (int s = 0; s < set.sections().size(); s++) {
            for (AnalogySet.Question q : set.sections().get(s).questions()) {
                String a = ok.key(q.a());
                String b = ok.key(q.b());
                String c = ok.key(q.c());
                String expected = ok.key(q.expected());
                if (!ok.contains(a) || !ok.contains(b) || !ok.contains(c) || !ok.contains(expected)) {
                    oov++;
                    continue;
                }
                asked.add(new Asked(s, ok.row(a), ok.row(b), ok.row(c), new HashSet<>(List.of(a, b, c)), expected));
            }
        }
        int[] correct = new int[set.sections().size()];
        int[] incorrect = new int[set.sections().size()];
        long started = System.nanoTime();
        long lastReport = started;
        for (int from = 0; from < asked.size(); from += BATCH) {
            List<Asked> batch = asked.subList(from, Math.min(asked.size(), from + BATCH));
            List<List<Neighbor>> answers = answer(batch, ok.size(), method);
            for (int i = 0; i < batch.size(); i++) {
                Asked q = batch.get(i);
                boolean right = q.expected().equals(predicted(answers.get(i), q.inputs(), ok));
                (right ? correct : incorrect)[q.section()]++;
            }
            long now = System.nanoTime();
            if (progress != null && (now - lastReport >= PROGRESS_INTERVAL_NANOS || from + BATCH >= asked.size())) {
                lastReport = now;
                progress.accept(new Progress(Math.min(asked.size(), from + BATCH), asked.size(), now - started));
            }
        }
        List<AnalogyScore.Section> sections = new ArrayList<>();
        for (int s = 0; s < correct.length; s++) {
            sections.add(new AnalogyScore.Section(set.sections().get(s).name(), correct[s], incorrect[s]));
        }
        int right = java.util.Arrays.stream(correct).sum();
        int wrong = java.util.Arrays.stream(incorrect).sum();
        int questions = set.questions();
        return new AnalogyScore(set.name(), method.name().toLowerCase(java.util.Locale.ROOT), restrictVocab,
                caseInsensitive, sections, right, wrong, right + wrong == 0 ? 0 : (double) right / (right + wrong),
                questions, oov, questions == 0 ? 0 : 100.0 * oov / questions);
    }

    /** The 5 best answers of each question: b + c - a. */
    private List<List<Neighbor>> answer(List<Asked> batch, int restrictRows, Method method) {
        if (method == Method.MUL) {
            return batch.stream().map(q -> vectors.mostSimilarCosMul(new int[] {q.b(), q.c()}, new int[] {q.a()},
                    TOPN, restrictRows)).toList();
        }
        List<Search> searches = batch.stream().map(q -> new Search(List.of(Term.word(q.b(), 1), Term.word(q.c(), 1),
                Term.word(q.a(), -1)), TOPN, Float.NEGATIVE_INFINITY)).toList();
        return vectors.search(searches, restrictRows);
    }

    /**
     * gensim's choice: the first answer that is not an input word; when every answer is one, the
     * last answer looked at (which then never equals the expected word, unless the set asks for an input).
     */
    private static String predicted(List<Neighbor> answers, Set<String> inputs, RestrictedVocabulary ok) {
        String predicted = null;
        for (Neighbor answer : answers) {
            predicted = ok.key(answer.word());
            if (ok.contains(predicted) && !inputs.contains(predicted)) {
                break;
            }
        }
        return predicted;
    }

    /**
     * The agreement of the model's cosine similarities with the set's scores, over the pairs whose
     * words are both among the first {@code restrictVocab} words.
     *
     * @throws EvaluationSetException when no pair has both words known
     */
    public PairScore pairs(WordPairSet set, int restrictVocab, boolean caseInsensitive) {
        RestrictedVocabulary ok = new RestrictedVocabulary(vectors.vocabulary(), restrictVocab, caseInsensitive);
        List<Double> gold = new ArrayList<>();
        List<Double> model = new ArrayList<>();
        int oov = 0;
        for (WordPairSet.Pair pair : set.pairs()) {
            int row1 = ok.row(ok.key(pair.word1()));
            int row2 = ok.row(ok.key(pair.word2()));
            if (row1 < 0 || row2 < 0) {
                oov++;
                continue;
            }
            gold.add(pair.score());
            model.add((double) vectors.similarity(row1, row2));
        }
        if (gold.size() < 3) {
            throw new EvaluationSetException(set.name(), 0, gold.size() + " of its " + set.pairs().size()
                    + " pairs have both words in the model's first " + restrictVocab + " words; correlations need at least 3");
        }
        double[] x = gold.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = model.stream().mapToDouble(Double::doubleValue).toArray();
        double pearson = new PearsonsCorrelation().correlation(x, y);
        double spearman = new SpearmansCorrelation().correlation(x, y);
        return new PairScore(set.name(), pearson, pValue(pearson, x.length), spearman, pValue(spearman, x.length),
                100.0 * oov / (gold.size() + oov), gold.size(), oov);
    }

    /** Two-sided p-value of a correlation coefficient over {@code n} pairs: Student's t with n - 2 degrees of freedom. */
    static double pValue(double r, int n) {
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double t = Math.abs(r) * Math.sqrt((n - 2) / ((1 - r) * (1 + r)));
        return 2 * new TDistribution(null, n - 2).cumulativeProbability(-t);
    }
}
