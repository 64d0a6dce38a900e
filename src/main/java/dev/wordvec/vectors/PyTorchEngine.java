package dev.wordvec.vectors;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.PrintStream;

/**
 * The one way into DJL's PyTorch engine. DJL must be told it is offline before it first
 * initialises, or its start-up tries to reach a cloud metadata address and the natives
 * download; the natives ship on the classpath instead.
 */
public final class PyTorchEngine {

    /** DJL reads this system property (or {@code DJL_OFFLINE}) once, when it initialises. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private PyTorchEngine() {
    }

    /** Puts DJL in offline mode unless the user already chose; call before anything touches DJL. */
    public static void configureOffline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    /**
     * Sets PyTorch's intra-op thread count before the engine starts (it is read once, then).
     * One thread per request keeps small operations from stalling on busy cores; throughput comes
     * from batching and from serving requests on several threads, not from splitting one product.
     */
    public static void configureThreads(int intraOpThreads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** The PyTorch engine, initialised on first call (on the calling thread; call it from main first). */
    public static Engine get() {
        configureOffline();
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
            out.printf("%s %s (DJL %s), natives in %s%n", engine.getEngineName(), engine.getVersion(),
                    Engine.getDjlVersion(), Utils.getEngineCacheDir("pytorch"));
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            err.println("The PyTorch engine did not start: " + e);
            return 1;
        }
    }
}
