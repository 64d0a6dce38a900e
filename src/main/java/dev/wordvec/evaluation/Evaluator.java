package dev.wordvec.evaluation;

import dev.wordvec.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Scores a model on the standard intrinsic tests with gensim's semantics: analogies
 * ({@code evaluate_word_analogies}) and word-pair similarity ({@code evaluate_word_pairs}).
 * Analogy questions are all answered in one pass over the rows ({@link AnalogyScan}).
 */
public final class Evaluator {

    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    /** How analogies are solved: 3CosAdd (gensim's {@code most_similar}) or 3CosMul ({@code most_similar_cosmul}). */
    public enum Method {
        ADD, MUL
    }

    /** Progress of a long evaluation: rows scored so far, for all its questions at once, of all to score. */
    public record Progress(int done, int total, int questions, long elapsedNanos) {
    }

    private final WordVectors vectors;

    public Evaluator(WordVectors vectors) {
        this.vectors = vectors;
    }

    /**
     * The analogy score, counted as gensim counts it: a question with a word outside the first
     * {@code restrictVocab} words is skipped; otherwise the answer is the first of the 5 best
     * words (searched among the first {@code restrictVocab}) that is not an input word (compared
     * case-insensitively when {@code caseInsensitive}), and it is correct when it is the expected word.
     * With {@code dummy4unknown} (gensim's option) a question with an unknown word counts as answered
     * wrong instead of skipped.
     */
    public AnalogyScore analogies(AnalogySet set, int restrictVocab, boolean caseInsensitive, Method method,
            boolean dummy4unknown, Consumer<Progress> progress) {
        RestrictedVocabulary ok = new RestrictedVocabulary(vectors.vocabulary(), restrictVocab, caseInsensitive);
        List<AnalogyScan.Asked> asked = new ArrayList<>();
        int oov = 0;
        int[] correct = new int[set.sections().size()];
        int[] incorrect = new int[set.sections().size()];
        for (int s = 0; s < set.sections().size(); s++) {
            for (AnalogySet.Question q : set.sections().get(s).questions()) {
                String a = ok.key(q.a());
                String b = ok.key(q.b());
                String c = ok.key(q.c());
                String expected = ok.key(q.expected());
                if (!ok.contains(a) || !ok.contains(b) || !ok.contains(c) || !ok.contains(expected)) {
                    oov++;
                    if (dummy4unknown) {
                        incorrect[s]++;
                    }
                    continue;
                }
                asked.add(new AnalogyScan.Asked(s, ok.row(a), ok.row(b), ok.row(c), new HashSet<>(List.of(a, b, c)), expected));
            }
        }
        long started = System.nanoTime();
        long[] lastReport = {started};
        String[] predicted = new AnalogyScan(vectors, ok, method).predictions(asked, rows -> {
            long now = System.nanoTime();
            if (progress != null && (now - lastReport[0] >= PROGRESS_INTERVAL_NANOS || rows == ok.size())) {
                lastReport[0] = now;
                progress.accept(new Progress(rows, ok.size(), asked.size(), now - started));
            }
        });
        for (int i = 0; i < asked.size(); i++) {
            AnalogyScan.Asked q = asked.get(i);
            boolean right = q.expected().equals(predicted[i]);
            (right ? correct : incorrect)[q.section()]++;
        }
        List<AnalogyScore.Section> sections = new ArrayList<>();
        for (int s = 0; s < correct.length; s++) {
            sections.add(new AnalogyScore.Section(set.sections().get(s).name(), correct[s], incorrect[s]));
        }
        int right = java.util.Arrays.stream(correct).sum();
        int wrong = java.util.Arrays.stream(incorrect).sum();
        int questions = set.questions();
        return new AnalogyScore(set.name(), method.name().toLowerCase(java.util.Locale.ROOT), restrictVocab,
                caseInsensitive, dummy4unknown, sections, right, wrong,
                right + wrong == 0 ? 0 : (double) right / (right + wrong), questions, oov,
                questions == 0 ? 0 : 100.0 * oov / questions, set.invalidLines());
    }

    /**
     * The agreement of the model's cosine similarities with the set's scores, over the pairs whose
     * words are both among the first {@code restrictVocab} words; with {@code dummy4unknown}
     * (gensim's option) a pair with an unknown word is scored with similarity 0 instead of skipped.
     *
     * @throws EvaluationSetException when no pair has both words known
     */
    public PairScore pairs(WordPairSet set, int restrictVocab, boolean caseInsensitive, boolean dummy4unknown) {
        RestrictedVocabulary ok = new RestrictedVocabulary(vectors.vocabulary(), restrictVocab, caseInsensitive);
        List<Double> gold = new ArrayList<>();
        List<Double> model = new ArrayList<>();
        int oov = 0;
        int known = 0;
        for (WordPairSet.Pair pair : set.pairs()) {
            int row1 = ok.row(ok.key(pair.word1()));
            int row2 = ok.row(ok.key(pair.word2()));
            if (row1 < 0 || row2 < 0) {
                oov++;
                if (dummy4unknown) {
                    gold.add(finite(set, pair));
                    model.add(0.0);
                }
                continue;
            }
            known++;
            gold.add(finite(set, pair));
            model.add((double) vectors.similarity(row1, row2));
        }
        if (gold.size() < 2) {
            throw new EvaluationSetException(set.name(), 0, known + " of its " + set.pairs().size()
                    + " pairs have both words in the model's first " + restrictVocab + " words; a correlation needs "
                    + "at least 2");
        }
        double[] x = gold.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = model.stream().mapToDouble(Double::doubleValue).toArray();
        double pearson = correlation(x, y);
        double spearman = correlation(new NaturalRanking(TiesStrategy.AVERAGE).rank(x),
                new NaturalRanking(TiesStrategy.AVERAGE).rank(y));
        // Two pairs, as scipy answers them: Pearson's p is 1, Spearman's has no degrees of freedom.
        double pearsonP = x.length == 2 ? (Double.isNaN(pearson) ? Double.NaN : 1) : pValue(pearson, x.length);
        double spearmanP = x.length == 2 ? Double.NaN : pValue(spearman, x.length);
        // gensim's OOV ratio: of all the valid pairs, with or without the dummies.
        return new PairScore(set.name(), pearson, pearsonP, spearman, spearmanP,
                100.0 * oov / (known + oov), known, oov, dummy4unknown, set.invalidLines());
    }

    /**
     * A used pair's human score, refused when not a finite number: {@code float()} reads "nan" and
     * "inf", and gensim's correlations then stop with scipy's "array must not contain infs or NaNs".
     * A pair left out as unknown is not checked, as gensim does not check it.
     */
    private static double finite(WordPairSet set, WordPairSet.Pair pair) {
        if (!Double.isFinite(pair.score())) {
            throw new EvaluationSetException(set.name(), pair.line(), "the score of " + pair.word1() + " and "
                    + pair.word2() + " is " + pair.score() + ", not a finite number: a correlation needs finite "
                    + "human scores");
        }
        return pair.score();
    }

    /**
     * Pearson's r as scipy's {@code pearsonr} gives it: NaN when either side is constant (scipy
     * warns and answers NaN), and for two points the sign of their slope.
     */
    private static double correlation(double[] x, double[] y) {
        if (Arrays.stream(x).allMatch(v -> v == x[0]) || Arrays.stream(y).allMatch(v -> v == y[0])) {
            return Double.NaN;
        }
        if (x.length == 2) {
            return Math.signum(x[1] - x[0]) * Math.signum(y[1] - y[0]);
        }
        return new PearsonsCorrelation().correlation(x, y);
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
