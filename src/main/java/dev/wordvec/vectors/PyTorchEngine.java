package dev.wordvec.vectors;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into DJL's PyTorch engine. DJL must be told it is offline before it first
 * initialises, or its start-up tries to reach a cloud metadata address and the natives
 * download; the natives ship on the classpath instead.
 */
public final class PyTorchEngine {

    /** DJL reads this system property (or {@code DJL_OFFLINE}) once, when it initialises. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    private static final String GRAPH_OPTIMIZER_PROPERTY = "ai.djl.pytorch.graph_optimizer";

    private static final Logger log = LoggerFactory.getLogger(PyTorchEngine.class);

    private PyTorchEngine() {
    }

    /** Puts DJL in offline mode unless the user already chose; call before anything touches DJL. */
    public static void configureOffline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    /**
     * Starts the engine, with {@code intraOpThreads} intra-op threads, on a daemon thread of its
     * own, so that loading libtorch (about half a second of one core) overlaps the rest of the
     * start-up. A failure here is left for {@link #start} (or {@link #get}) to meet again and report
     * on the thread that needs the engine.
     */
    public static void startInBackground(int intraOpThreads) {
        configureThreads(intraOpThreads);
        Thread starter = new Thread(() -> {
            try {
                get();
            } catch (RuntimeException | LinkageError e) {
                log.debug("The PyTorch engine did not start in the background", e);
            }
        }, "wordvec-engine-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * The engine with {@code intraOpThreads} intra-op threads: set before it initialises when it
     * has not yet, else afterwards (PyTorch's count is global and may change at any time; its
     * inter-op pool may not, and is always one thread here). One thread per request keeps small
     * operations from stalling on busy cores; throughput comes from batching and from serving
     * requests on several threads, not from splitting one product.
     */
    public static Engine start(int intraOpThreads) {
        configureThreads(intraOpThreads);
        Engine engine = get();
        if (JniUtils.getNumThreads() != intraOpThreads) {
            JniUtils.setNumThreads(intraOpThreads);
            log.info("PyTorch intra-op threads: {}", intraOpThreads);
        }
        return engine;
    }

    /** Read by DJL once, when the engine initialises. */
    private static void configureThreads(int intraOpThreads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** The PyTorch engine, initialised on first call (or once {@link #startInBackground} has started it). */
    public static Engine get() {
        configureOffline();
        // The graph executor optimises TorchScript modules, and wordvec runs none (its tables are
        // plain tensors), so the setting changes nothing here; left unset, DJL logs at every start
        // that it "may impact your inference latency", which would send an operator looking.
        if (System.getProperty(GRAPH_OPTIMIZER_PROPERTY) == null) {
            System.setProperty(GRAPH_OPTIMIZER_PROPERTY, "false");
        }
        return Engine.getEngine("PyTorch");
    }

    /**
     * {@code java -jar wordvec.jar engine}: starts the engine once and says where its natives are.
     * The container build runs it so the image carries libtorch already extracted (and can run
     * with a read-only root filesystem); operators run it to check a machine.
     */
    public static int describe(PrintStream out, PrintStream err) {
        try {
            Engine engine = get();
            out.printf(Locale.ROOT, "%s %s (DJL %s), natives in %s%n", engine.getEngineName(), engine.getVersion(),
                    Engine.getDjlVersion(), Utils.getEngineCacheDir("pytorch"));
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            String noexec = NoexecLibrary.report(e);
            err.println("The PyTorch engine did not start: " + (noexec != null ? noexec : causes(e)));
            return 1;
        }
    }

    /** A failure and its causes, one after the other: DJL's own message leaves out why. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        Throwable failure = e;
        while (failure.getCause() != null && failure.getCause() != failure) {
            failure = failure.getCause();
            text.append("; caused by ").append(failure);
        }
        return text.toString();
    }
}
