package dev.wordvec.models;

import dev.wordvec.contextual.ContextualEncoder;
import dev.wordvec.contextual.QueueBudget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.wordvec.query.WordModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * What an operator of this service watches, per model: whether it is ready, how long it took to
 * load, its size, words asked for and not found (the unknown-word rate), and how well searches
 * batch; plus the process's resident memory, which is the honest measure here because the matrix
 * and libtorch live outside the Java heap. Meters read the live state when scraped: a model still
 * loading reports zeros, then its figures.
 */
@Component
class ModelMetrics implements MeterBinder {

    /** /proc/self/statm counts pages; Linux x86-64 pages are 4 KiB. */
    private static final long PAGE_BYTES = 4096;
    private static final Path STATM = Path.of("/proc/self/statm");

    private final ModelRegistry registry;

    ModelMetrics(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (ModelHandle handle : registry.handles()) {
            Tags tags = Tags.of("model", handle.name());
            gauge(meters, "wordvec.model.ready", "1 once the model answers, else 0", handle, tags,
                    h -> summary(h).ready() ? 1 : 0);
            gauge(meters, "wordvec.model.dimension", "Dimensions of each vector", handle, tags,
                    h -> orZero(summary(h).dimension()));
            // From the load itself, in nanoseconds: the summary's milliseconds round a tiny model's load to 0.
            TimeGauge.builder("wordvec.model.load.duration", handle, TimeUnit.NANOSECONDS,
                    h -> h.loaded().map(m -> m.loadTime().toNanos()).orElse(0L))
                    .description("How long the model took to load").tags(tags).register(meters);
            // Each kind's own counters: a word model runs no network, a contextual one no searches.
            if (handle.kind() == ModelKind.CONTEXTUAL) {
                counter(meters, "wordvec.contextual.texts", "Texts a contextual model encoded", handle, tags,
                        h -> contextual(h).map(ContextualEncoder::textsRun).orElse(0L));
                counter(meters, "wordvec.contextual.runs", "Runs of its network for them (texts per run = batching)",
                        handle, tags, h -> contextual(h).map(ContextualEncoder::runs).orElse(0L));
            } else {
                // A network has no vocabulary or matrix: a 0 there would read as an empty model.
                gauge(meters, "wordvec.model.words", "Words in the model's vocabulary", handle, tags,
                        h -> orZero(summary(h).vocabularySize()));
                Gauge.builder("wordvec.model.matrix", handle, h -> orZero(summary(h).matrixBytes()))
                        .description("Bytes the matrix takes (off the Java heap)").baseUnit("bytes").tags(tags)
                        .register(meters);
                counter(meters, "wordvec.words.looked.up", "Words and text tokens looked up", handle, tags,
                        h -> words(h).map(m -> m.lookup().lookedUp()).orElse(0L));
                counter(meters, "wordvec.words.unknown", "Looked-up words the vocabulary did not hold", handle,
                        tags, h -> words(h).map(m -> m.lookup().unknown()).orElse(0L));
                // Native arrays held by the model's engine manager: constant after loading, so any growth
                // under load is an NDArray leak (the soak test, src/test/bench/soak.sh, checks it).
                gauge(meters, "wordvec.engine.arrays", "Native engine arrays the model holds (grows only on a leak)",
                        handle, tags, h -> words(h).map(m -> m.vectors().managedArrays()).orElse(0));
                counter(meters, "wordvec.searches", "Nearest-word searches answered", handle, tags,
                        h -> words(h).map(m -> m.searches().searches()).orElse(0L));
                counter(meters, "wordvec.search.products",
                        "Matrix products run for them (searches per product = batching)", handle, tags,
                        h -> words(h).map(m -> m.searches().products()).orElse(0L));
            }
            // A failed reload leaves the model answering and ready: only this (and /models) says so.
            String reloads = "Reloads by outcome: success (a new version answers) or failure (the one before still does)";
            counter(meters, "wordvec.model.reloads", reloads, handle, tags.and("outcome", "success"), ModelHandle::reloads);
            counter(meters, "wordvec.model.reloads", reloads, handle, tags.and("outcome", "failure"),
                    ModelHandle::failedReloads);
        }
        if (registry.handles().stream().anyMatch(h -> h.kind() == ModelKind.CONTEXTUAL)) {
            // How near the contextual models' queue runs to its bound, and how often a request found it full.
            QueueBudget queue = registry.queueBudget();
            Gauge.builder("wordvec.contextual.queue.held", queue, QueueBudget::held)
                    .description("Heap the texts waiting for the contextual models hold (estimated)").baseUnit("bytes")
                    .register(meters);
            Gauge.builder("wordvec.contextual.queue.limit", queue, QueueBudget::limit)
                    .description("The most they may hold (wordvec.batching.queued-text-memory)").baseUnit("bytes")
                    .register(meters);
            Gauge.builder("wordvec.contextual.queue.texts", queue, QueueBudget::heldTexts)
                    .description("Texts of the requests let in, not yet answered").register(meters);
            FunctionCounter.builder("wordvec.contextual.queue.refused", queue, QueueBudget::refused)
                    .description("Requests refused because the queue was full (503 busy; TEI: 429)").register(meters);
        }
        Gauge.builder("wordvec.process.resident.memory", ModelMetrics::residentBytes)
                .description("Resident memory of the process: heap, matrix, libtorch and native buffers")
                .baseUnit("bytes").register(meters);
    }

    private static ModelSummary summary(ModelHandle handle) {
        return ModelSummary.of(handle, false);
    }

    /** The word model's live counters, while it is loaded and has one. */
    private static Optional<WordModel> words(ModelHandle handle) {
        return handle.loaded().filter(LoadedModel::hasWords).map(LoadedModel::words);
    }

    /** The contextual model's encoder, while it is loaded and is one. */
    private static Optional<ContextualEncoder> contextual(ModelHandle handle) {
        return handle.loaded().filter(m -> m.kind() == ModelKind.CONTEXTUAL).map(LoadedModel::contextual);
    }

    private static double orZero(Number value) {
        return value == null ? 0 : value.doubleValue();
    }

    private static void gauge(MeterRegistry meters, String name, String description, ModelHandle handle, Tags tags,
            ToDoubleFunction<ModelHandle> value) {
        Gauge.builder(name, handle, value).description(description).tags(tags).register(meters);
    }

    private static void counter(MeterRegistry meters, String name, String description, ModelHandle handle, Tags tags,
            ToDoubleFunction<ModelHandle> value) {
        FunctionCounter.builder(name, handle, value).description(description).tags(tags).register(meters);
    }

    /** Resident set size from /proc, or NaN where there is no /proc (the gauge is then absent from scrapes). */
    static double residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(fields[1]) * (double) PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
