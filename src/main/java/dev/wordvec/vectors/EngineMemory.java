package dev.wordvec.vectors;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A model's native memory, and the only way to compute with it. The long-lived manager never
 * leaves this class: the storage is built on it once, then every query runs through
 * {@link #query}, in a sub-manager of its own that is closed before the answer is returned. DJL
 * attaches a result to the manager of its first operand, so an operation with a model array
 * first would otherwise leak native memory into the model for good; here it is freed with the
 * query, whatever the query does.
 *
 * <p>{@link #close} waits for queries under way before it frees the memory (a matrix product
 * on freed memory would crash the JVM), and every query after it fails with
 * {@link ModelClosedException}.
 */
final class EngineMemory implements AutoCloseable {

    private final NDManager manager;
    private final RowStorage storage;
    /** Read: a query is running. Write: the memory is being freed. */
    private final ReentrantReadWriteLock running = new ReentrantReadWriteLock();
    private volatile boolean closed;

    EngineMemory(Dtype dtype, RowBlocks matrix) {
        this.manager = PyTorchEngine.get().newBaseManager();
        try {
            this.storage = dtype.store(matrix, manager);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    RowStorage storage() {
        return storage;
    }

    /**
     * Runs {@code work} with a request manager of its own and frees every array made on it.
     *
     * @throws ModelClosedException when the model is closed, or closing
     * @throws IllegalStateException when {@code work} returns an engine array (it would be freed already)
     */
    <T> T query(Function<NDManager, T> work) {
        Lock lock = running.readLock();
        lock.lock();
        try {
            if (closed) {
                throw new ModelClosedException();
            }
            try (NDManager request = manager.newSubManager()) {
                T result = work.apply(request);
                if (result instanceof NDResource) {
                    throw new IllegalStateException("a query must return Java values, not engine arrays");
                }
                return result;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Native arrays attached to the model's own manager: constant after loading unless something leaks. */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    /** Waits for the queries under way, then frees the memory; later queries fail. Idempotent. */
    @Override
    public void close() {
        Lock lock = running.writeLock();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                manager.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
