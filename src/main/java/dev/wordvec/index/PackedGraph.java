package dev.wordvec.index;

import java.io.IOException;
import java.nio.IntBuffer;
import java.util.stream.IntStream;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * An HNSW graph packed into one run of ints, the same in memory and in the index file (where it is
 * memory-mapped), read-only and shared by all searches; each search walks it with a
 * {@link #cursor} of its own. The layout:
 *
 * <pre>
 * levels, entry node, nodes
 * per level: count, [level &gt; 0: its nodes, ascending], count + 1 offsets, the neighbour lists
 * </pre>
 *
 * <p>On level 0 every node is present and node {@code i} is entry {@code i}; on upper levels a
 * node's entry is found by binary search, as Lucene's own off-heap graph does.
 */
final class PackedGraph {

    private final IntBuffer ints;
    private final int levels;
    private final int entryNode;
    private final int size;
    /** Per level: where its node list starts (-1 on level 0), its offsets, its neighbour lists; and its count. */
    private final int[] nodesAt;
    private final int[] offsetsAt;
    private final int[] neighborsAt;
    private final int[] counts;

    private PackedGraph(IntBuffer ints) {
        this.ints = ints;
        int length = ints.limit();
        require(length >= 3, "shorter than its header");
        levels = ints.get(0);
        entryNode = ints.get(1);
        size = ints.get(2);
        require(levels >= 1 && levels <= 64, "holds " + levels + " levels");
        require(size >= 1 && entryNode >= 0 && entryNode < size, "entry node " + entryNode + " of " + size);
        nodesAt = new int[levels];
        offsetsAt = new int[levels];
        neighborsAt = new int[levels];
        counts = new int[levels];
        long at = 3;
        for (int level = 0; level < levels; level++) {
            require(at < length, "ends before level " + level);
            int count = ints.get((int) at++);
            require(level == 0 ? count == size : count >= 1 && count <= size, "level " + level + " has " + count
                    + " nodes");
            counts[level] = count;
            nodesAt[level] = level == 0 ? -1 : (int) at;
            at += level == 0 ? 0 : count;
            offsetsAt[level] = (int) at;
            at += count + 1L;
            require(at <= length, "ends inside level " + level + "'s offsets");
            neighborsAt[level] = (int) at;
            long edges = ints.get((int) at - 1);
            require(ints.get(offsetsAt[level]) == 0 && edges >= 0, "level " + level + "'s offsets are broken");
            at += edges;
            require(at <= length, "ends inside level " + level + "'s neighbours");
        }
        require(at == length, "has " + (length - at) + " ints after its last level");
        checkLists();
    }

    /**
     * The graph in {@code ints}, checked for consistency: its levels, counts and offsets. The
     * neighbour lists are not walked (millions of ints, a second at start-up): the file's checksum
     * vouches for them, and a bad node number would fail a search with an exception, not a crash.
     */
    static PackedGraph of(IntBuffer ints) {
        return new PackedGraph(ints);
    }

    /** Lucene's finished graph, packed. */
    static PackedGraph pack(HnswGraph graph) throws IOException {
        IntStream.Builder out = IntStream.builder();
        int levels = graph.numLevels();
        out.add(levels).add(graph.entryNode()).add(graph.size());
        for (int level = 0; level < levels; level++) {
            int[] nodes = level == 0 ? IntStream.range(0, graph.size()).toArray()
                    : HnswGraph.NodesIterator.getSortedNodes(graph.getNodesOnLevel(level));
            out.add(nodes.length);
            if (level > 0) {
                IntStream.of(nodes).forEach(out::add);
            }
            IntStream.Builder lists = IntStream.builder();
            int edges = 0;
            out.add(0);
            for (int node : nodes) {
                graph.seek(level, node);
                for (int n = graph.nextNeighbor(); n != DocIdSetIterator.NO_MORE_DOCS; n = graph.nextNeighbor()) {
                    lists.add(n);
                    edges++;
                }
                out.add(edges);
            }
            lists.build().forEach(out::add);
        }
        return new PackedGraph(IntBuffer.wrap(out.build().toArray()));
    }

    /** The ints, for writing to the index file. */
    IntBuffer ints() {
        return ints.duplicate().rewind();
    }

    int size() {
        return size;
    }

    int levels() {
        return levels;
    }

    long bytes() {
        return 4L * ints.limit();
    }

    /**
     * A view for one search at a time (cheap: it holds a position, not a copy) that, on reaching
     * a node, has the rows of all its neighbours fetched (by {@code rows}) before the search scores
     * the first of them: a search scores a few thousand rows at random places, and their cache and
     * TLB misses served together instead of one after another cost much less (docs/benchmarks.md).
     */
    HnswGraph cursor(RowTouch rows) {
        return new Cursor(rows);
    }

    /**
     * Brings a row's memory into the caches by reading a value from each of its cache lines, and
     * returns what it read, for the cursor to keep so that the reads are not optimised away.
     */
    interface RowTouch {
        float touch(int row);
    }

    private void checkLists() {
        for (int level = 0; level < levels; level++) {
            int previous = 0;
            for (int i = 1; i <= counts[level]; i++) {
                int offset = ints.get(offsetsAt[level] + i);
                require(offset >= previous, "level " + level + "'s offsets go backwards at node " + i);
                previous = offset;
            }
            if (level > 0) {
                for (int i = 0; i < counts[level]; i++) {
                    int node = ints.get(nodesAt[level] + i);
                    require(node >= 0 && node < size && (i == 0 || node > ints.get(nodesAt[level] + i - 1)),
                            "level " + level + "'s nodes are not in order");
                }
            }
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("the graph " + problem);
        }
    }

    private final class Cursor extends HnswGraph {

        private final RowTouch rows;
        private int next;
        private int end;
        /** What the touches read. */
        private float touched;

        Cursor(RowTouch rows) {
            this.rows = rows;
        }

        @Override
        public void seek(int level, int target) {
            int entry = level == 0 ? target : find(level, target);
            int offsets = offsetsAt[level] + entry;
            next = neighborsAt[level] + ints.get(offsets);
            end = neighborsAt[level] + ints.get(offsets + 1);
            for (int i = next; i < end; i++) {
                touched += rows.touch(ints.get(i));
            }
        }

        private int find(int level, int target) {
            int low = 0;
            int high = counts[level] - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int node = ints.get(nodesAt[level] + middle);
                if (node < target) {
                    low = middle + 1;
                } else if (node > target) {
                    high = middle - 1;
                } else {
                    return middle;
                }
            }
            throw new IllegalStateException("node " + target + " is not on level " + level);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int nextNeighbor() {
            return next < end ? ints.get(next++) : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int numLevels() {
            return levels;
        }

        @Override
        public int entryNode() {
            return entryNode;
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            if (level == 0) {
                return new ArrayNodesIterator(size);
            }
            int[] nodes = new int[counts[level]];
            ints.get(nodesAt[level], nodes);
            return new ArrayNodesIterator(nodes, nodes.length);
        }
    }
}
