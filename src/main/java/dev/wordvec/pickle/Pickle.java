package dev.wordvec.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a binary Python pickle (protocols 2 to 5, as {@code pickle.dump} writes them) into plain Java
 * values, for gensim's saved models. Nothing is executed: where Python would import a class and
 * call it, this keeps a {@link Global} naming it and an {@link Instance} holding the call's
 * arguments and the state it was given, for the caller to interpret. So a pickle from anywhere
 * is safe to read here, unlike in Python.
 *
 * <p>Values: {@code None} is null, booleans are {@link Boolean}, integers {@link Long} (or
 * {@link BigInteger} when larger), floats {@link Double}, {@code str} {@link String}, {@code bytes}
 * {@code byte[]}, tuples unmodifiable lists, lists {@link ArrayList}, dicts {@link Dict} (a map),
 * sets {@link LinkedHashSet}.
 */
public final class Pickle {

    /** A class or function the pickle names (Python would import it). */
    public record Global(String module, String name) {

        public boolean is(String module, String name) {
            return this.module.equals(module) && this.name.equals(name);
        }

        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** What Python would build by calling {@code type(*args)} and then setting {@code state}. */
    public static final class Instance {
        public final Global type;
        public final List<Object> args;
        public Object state;

        Instance(Global type, List<Object> args) {
            this.type = type;
            this.args = args;
        }

        /** The state's entry {@code key}, when the state is a dict (as for most objects); else null. */
        public Object field(String key) {
            return state instanceof Map<?, ?> map ? map.get(key) : null;
        }

        @Override
        public String toString() {
            return type.toString();
        }
    }

    /**
     * A Python dict: its items in order, looked up by scanning while it is small, and hashed only
     * when a large one is first read. gensim's {@code key_to_index} (a dict as large as the
     * vocabulary, which the reader never needs) then costs a list, not a hash table.
     */
    public static final class Dict extends java.util.AbstractMap<Object, Object> {
        private static final int SCANNED = 32;
        private final List<Object> items = new ArrayList<>();
        private Map<Object, Object> hashed;

        @Override
        public Object put(Object key, Object value) {
            if (hashed != null) {
                return hashed.put(key, value);
            }
            items.add(key);
            items.add(value);
            return null;
        }

        @Override
        public Object get(Object key) {
            if (!scanned()) {
                return map().get(key);
            }
            int at = indexOf(key);
            return at < 0 ? null : items.get(at + 1);
        }

        @Override
        public boolean containsKey(Object key) {
            return scanned() ? indexOf(key) >= 0 : map().containsKey(key);
        }

        /** Whether lookups scan the items: the dict is small and not hashed yet. */
        private boolean scanned() {
            return hashed == null && items.size() <= 2 * SCANNED;
        }

        /** Where the last put of {@code key} is in the items (the last one wins, as in a dict), or -1. */
        private int indexOf(Object key) {
            for (int i = items.size() - 2; i >= 0; i -= 2) {
                if (java.util.Objects.equals(items.get(i), key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return map().entrySet();
        }

        private Map<Object, Object> map() {
            if (hashed == null) {
                hashed = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i += 2) {
                    hashed.put(items.get(i), items.get(i + 1));
                }
                items.clear();
            }
            return hashed;
        }
    }

    /** A malformed pickle, with the byte offset where reading stopped. */
    public static final class PickleException extends IOException {
        public final long offset;

        PickleException(long offset, String message) {
            super(message);
            this.offset = offset;
        }
    }

    private static final Object MARK = new Object();
    /** A memo entry never stored. */
    private static final Object NOTHING = new Object();
    /** A memo index beyond this is taken for damage rather than grown into. */
    private static final long MAX_MEMO = 1 << 28;

    private final InputStream in;
    /** Bytes read so far: errors say where they are. */
    private long position;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    /** The memo by index: pickles number their entries 0, 1, 2, ...; a gap holds NOTHING. */
    private final List<Object> memo = new ArrayList<>();
    private final java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

    private final java.util.function.Function<Object, Object> persistentLoad;

    private Pickle(InputStream in, java.util.function.Function<Object, Object> persistentLoad) {
        this.in = in;
        this.persistentLoad = persistentLoad;
    }

    /** Reads one pickled value from {@code in}, up to its STOP opcode (bytes after it are not read). */
    public static Object read(InputStream in) throws IOException {
        return new Pickle(in, null).run();
    }

    /**
     * As {@link #read(InputStream)}, giving each persistent id the pickle holds (PyTorch's
     * checkpoints refer to their tensors' storages so) to {@code persistentLoad}, whose answer
     * stands in its place.
     */
    public static Object read(InputStream in, java.util.function.Function<Object, Object> persistentLoad)
            throws IOException {
        return new Pickle(in, persistentLoad).run();
    }

    private Object run() throws IOException {
        while (true) {
            int op = in.read();
            if (op < 0) {
                throw error("the pickle ends before its STOP opcode (truncated file?)");
            }
            position++;
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = u8();
                    if (protocol > 5) {
                        throw error("pickle protocol " + protocol + " (this reader knows 2 to 5)");
                    }
                }
                case 0x95 -> bytes(8) /* FRAME: a length that only helps buffering */;
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw error("the pickle stops with " + stack.size() + " values on its stack");
                    }
                    return stack.get(0);
                }
                case '(' -> {
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(top());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (u8() | u8() << 8));
                case 'J' -> push((long) (int) small(4));
                case 0x8a -> push(normal(signedLe(u8()))); // LONG1
                case 0x8b -> push(normal(signedLe(length(4)))); // LONG4
                case 'G' -> push(java.nio.ByteBuffer.wrap(bytes(8)).getDouble()); // BINFLOAT, big-endian
                case 'X' -> push(utf8(bytes(length(4))));
                case 0x8c -> push(utf8(bytes(u8()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(bytes(length(8)))); // BINUNICODE8
                case 'T' -> push(latin1(bytes(length(4)))); // BINSTRING (Python 2 str)
                case 'U' -> push(latin1(bytes(u8()))); // SHORT_BINSTRING
                case 'B' -> push(bytes(length(4))); // BINBYTES
                case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(bytes(length(8))); // BINBYTES8, BYTEARRAY8
                case ')' -> push(List.of());
                case 0x85 -> push(tuple(1));
                case 0x86 -> push(tuple(2));
                case 0x87 -> push(tuple(3));
                case 't' -> push(Collections.unmodifiableList(new ArrayList<>(popMark())));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> {
                    Object item = pop();
                    list(top()).add(item);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(top()).addAll(items);
                }
                case '}' -> push(new Dict());
                case 'd' -> push(pairs(new Dict(), popMark()));
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    dict(top()).put(key, value);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    pairs(dict(top()), items);
                }
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    set(top()).addAll(items);
                }
                case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET
                case 'c' -> push(new Global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    push(new Global(string(module), string(name)));
                }
                case 'R' -> { // REDUCE: callable(*args)
                    List<Object> args = tupleArgs(pop());
                    push(construct(global(pop()), args));
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                    List<Object> args = tupleArgs(pop());
                    push(construct(global(pop()), args));
                }
                case 0x92 -> { // NEWOBJ_EX: cls.__new__(cls, *args, **kwargs)
                    pop();
                    List<Object> args = tupleArgs(pop());
                    push(new Instance(global(pop()), args));
                }
                case 'b' -> { // BUILD: obj.__setstate__(state)
                    Object state = pop();
                    Object target = top();
                    if (!(target instanceof Instance instance)) {
                        throw error("BUILD on a " + describe(target));
                    }
                    instance.state = state;
                }
                case 'q' -> memoPut(u8());
                case 'r' -> memoPut(small(4) & 0xffffffffL);
                case 0x94 -> memoPut(memo.size()); // MEMOIZE
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(small(4) & 0xffffffffL));
                case 'Q' -> { // BINPERSID
                    if (persistentLoad == null) {
                        throw error("the pickle refers to objects outside itself (persistent ids): "
                                + "not a file pickle.dump writes on its own");
                    }
                    push(persistentLoad.apply(pop()));
                }
                case 'P' -> throw error("a text persistent id (protocol 0)");
                case 'I', 'L', 'F', 'V', 'S', 'p', 'g', 'i', 'o' -> throw error("a text (protocol 0 or 1) pickle: "
                        + "gensim writes binary ones (protocol 2 and later)");
                case 0x97, 0x98 -> throw error("the pickle refers to out-of-band buffers, which only its writer holds");
                default -> throw error(String.format(Locale.ROOT, "unknown pickle opcode 0x%02x", op));
            }
        }
    }

    /** An OrderedDict is a dict (its items then arrive by SETITEMS); anything else stays a call. */
    private static Object construct(Global type, List<Object> args) {
        return type.is("collections", "OrderedDict") && args.isEmpty() ? new Dict() : new Instance(type, args);
    }

    private PickleException error(String message) {
        return new PickleException(Math.max(0, position - 1), message);
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() throws PickleException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw error("an opcode needs a value the stack does not hold");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top() throws PickleException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw error("an opcode needs a value the stack does not hold");
        }
        return stack.get(stack.size() - 1);
    }

    /** The values above the last mark, removing them and the mark. */
    private List<Object> popMark() throws PickleException {
        if (marks.isEmpty()) {
            throw error("an opcode needs a mark the stack does not hold");
        }
        int at = marks.remove(marks.size() - 1);
        List<Object> above = new ArrayList<>(stack.subList(at + 1, stack.size()));
        stack.subList(at, stack.size()).clear();
        return above;
    }

    private List<Object> tuple(int size) throws PickleException {
        Object[] items = new Object[size];
        for (int i = size - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    private void memoPut(long key) throws PickleException {
        if (key > MAX_MEMO) {
            throw error("memo entry " + key + ": more than a pickle of this size can number (a damaged file?)");
        }
        Object value = top();
        while (memo.size() <= key) {
            memo.add(NOTHING);
        }
        memo.set((int) key, value);
    }

    private Object memoGet(long key) throws PickleException {
        Object value = key < memo.size() ? memo.get((int) key) : NOTHING;
        if (value == NOTHING) {
            throw error("the pickle refers to memo entry " + key + ", which it never stored");
        }
        return value;
    }

    private Map<Object, Object> pairs(Map<Object, Object> dict, List<Object> items) throws PickleException {
        if (items.size() % 2 != 0) {
            throw error("a dict's items are not pairs");
        }
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
        return dict;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value) throws PickleException {
        if (value instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw error("appending to a " + describe(value));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object value) throws PickleException {
        if (value instanceof Dict map) {
            return (Map<Object, Object>) map;
        }
        throw error("setting an item of a " + describe(value));
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(Object value) throws PickleException {
        if (value instanceof LinkedHashSet<?> set) {
            return (Set<Object>) set;
        }
        throw error("adding to a " + describe(value));
    }

    private Global global(Object value) throws PickleException {
        if (value instanceof Global global) {
            return global;
        }
        throw error("calling a " + describe(value));
    }

    @SuppressWarnings("unchecked")
    private List<Object> tupleArgs(Object value) throws PickleException {
        if (value instanceof List<?> args) {
            return (List<Object>) args;
        }
        throw error("a call's arguments are a " + describe(value) + ", not a tuple");
    }

    private String string(Object value) throws PickleException {
        if (value instanceof String s) {
            return s;
        }
        throw error("a class name is a " + describe(value));
    }

    public static String describe(Object value) {
        return value == null ? "None" : value instanceof Instance i ? i.type.toString() : value.getClass().getSimpleName();
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw error("the pickle ends inside an opcode (truncated file?)");
        }
        position++;
        return b;
    }

    /** A little-endian integer of 1 to 8 bytes, sign-extended from its top byte. */
    private long small(int size) throws IOException {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) u8() << (8 * i);
        }
        int unused = 64 - 8 * size;
        return value << unused >> unused;
    }

    /** LONG1 and LONG4's little-endian two's complement integer of {@code size} bytes. */
    private BigInteger signedLe(int size) throws IOException {
        byte[] b = bytes(size);
        byte[] big = new byte[size];
        for (int i = 0; i < size; i++) {
            big[i] = b[size - 1 - i];
        }
        return size == 0 ? BigInteger.ZERO : new BigInteger(big);
    }

    private int length(int size) throws IOException {
        long length = size == 4 ? small(4) & 0xffffffffL : small(8);
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw error("a length of " + Long.toUnsignedString(length) + " bytes: more than this reader takes "
                    + "(a damaged file?)");
        }
        return (int) length;
    }

    private byte[] bytes(int length) throws IOException {
        // Small values (words) are read into an array of their size; larger ones through readNBytes,
        // which grows its buffer as bytes arrive, so a damaged length cannot allocate gigabytes up front.
        byte[] b;
        int got;
        if (length <= 1 << 16) {
            b = new byte[length];
            got = in.readNBytes(b, 0, length);
        } else {
            b = in.readNBytes(length);
            got = b.length;
        }
        position += got;
        if (got < length) {
            throw error("the pickle ends inside a value of " + length + " bytes (truncated file?)");
        }
        return b;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = u8(); b != '\n'; b = u8()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private String utf8(byte[] bytes) throws PickleException {
        boolean ascii = true;
        for (byte b : bytes) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            // Python writes lone surrogates with 'surrogatepass'; no word of a model has them.
            throw error("a string is not valid UTF-8");
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static Object normal(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
}
