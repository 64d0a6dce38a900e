package dev.wordvec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * A command's arguments, parsed one way for every command: the plain ones (files, names, URLs) in
 * their order, and the options, {@code --name value} or {@code --name=value}, anywhere among them
 * ({@code --} ends the options, as getopt's does).
 * The typed getters check a value when the command asks for it and say what the option takes; a
 * bad value, an unknown option or a missing value is a {@link UsageException}, which the command
 * prints with its usage and ends with exit code 2.
 */
public final class CommandOptions {

    /** Bad usage: the command prints the message, then its usage, and exits with 2. */
    public static final class UsageException extends IllegalArgumentException {

        public UsageException(String message) {
            super(message);
        }
    }

    private static final String STANDARD_INPUT = "/dev/stdin";
    private static final String STANDARD_OUTPUT = "/dev/stdout";

    private final List<String> plain;
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private CommandOptions(List<String> plain, Map<String, List<String>> values, Set<String> flags) {
        this.plain = plain;
        this.values = values;
        this.flags = flags;
    }

    /**
     * Parses {@code args} from index {@code from} (after the command's name). An option in
     * {@code valued} takes the next argument as its value, whatever it looks like ({@code --seed -1},
     * {@code --delimiter --}); one in {@code flags} takes none.
     */
    public static CommandOptions parse(String[] args, int from, Set<String> valued, Set<String> flags) {
        List<String> plain = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        boolean optionsEnded = false;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("--")) {
                plain.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true; // as getopt: what follows is plain, a file named --x too
                continue;
            }
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            if (flags.contains(option)) {
                if (equals >= 0) {
                    throw new UsageException(option + " takes no value, not '" + arg.substring(equals + 1) + "'");
                }
                given.add(option);
            } else if (!valued.contains(option)) {
                throw unknown(option, valued, flags);
            } else if (equals >= 0) {
                values.computeIfAbsent(option, o -> new ArrayList<>()).add(arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                values.computeIfAbsent(option, o -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new UsageException(option + " needs a value");
            }
        }
        return new CommandOptions(List.copyOf(plain), values, Set.copyOf(given));
    }

    /** An option the command does not have, with the one probably meant ("--dimm": --dim). */
    private static UsageException unknown(String option, Set<String> valued, Set<String> flags) {
        Set<String> known = new HashSet<>(valued);
        known.addAll(flags);
        return new UsageException("unknown option '" + option + "'" + Spelling.closest(option, known,
                        name -> name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT))
                .map(meant -> "; did you mean " + meant + "?").orElse(""));
    }

    /** The arguments that are not options, in order. */
    public List<String> plain() {
        return plain;
    }

    /**
     * The plain argument at {@code index} as the file a command reads: {@code -} is standard input
     * ({@code /dev/stdin}), as it is to cat and gzip, where the system has that file.
     */
    public String input(int index) {
        return standard(plain.get(index), STANDARD_INPUT);
    }

    /**
     * The plain argument at {@code index} as the file a command writes: {@code -} is standard
     * output ({@code /dev/stdout}), where the system has that file, rather than a file named "-".
     */
    public Path output(int index) {
        return Path.of(standard(plain.get(index), STANDARD_OUTPUT));
    }

    private static String standard(String argument, String stream) {
        return argument.equals("-") && Files.exists(Path.of(stream)) ? stream : argument;
    }

    /** Whether the flag (an option without a value) was given. */
    public boolean flag(String flag) {
        return flags.contains(flag);
    }

    /** Whether the option was given a value. */
    public boolean given(String option) {
        return values.containsKey(option);
    }

    /** The options given values, in the order first given. */
    public Set<String> givenOptions() {
        return values.keySet();
    }

    /** Every value given to a repeatable option, in order. */
    public List<String> values(String option) {
        return values.getOrDefault(option, List.of());
    }

    /** The option's value (the last, when given twice), or {@code otherwise}. */
    public String value(String option, String otherwise) {
        List<String> given = values.get(option);
        return given == null ? otherwise : given.get(given.size() - 1);
    }

    /** The option's whole number, at least {@code least}; {@code otherwise} when not given. */
    public int whole(String option, int least, int otherwise) {
        if (!given(option)) {
            return otherwise;
        }
        String value = value(option, null);
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException(option + " takes a whole number of at least " + least + ", not '" + value + "'");
    }

    /** The option's whole number, any in 64 bits (a seed); {@code otherwise} when not given. */
    public long anyWhole(String option, long otherwise) {
        if (!given(option)) {
            return otherwise;
        }
        String value = value(option, null);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, not '" + value + "'");
        }
    }

    /**
     * The option's finite number, for which {@code allowed} holds ({@code range} says which, for the
     * message: "above 0"); {@code otherwise} when not given.
     */
    public double number(String option, DoublePredicate allowed, String range, double otherwise) {
        if (!given(option)) {
            return otherwise;
        }
        String value = value(option, null);
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number) && allowed.test(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException(option + " takes a number" + (range.isEmpty() ? "" : " " + range) + ", not '" + value + "'");
    }

    /**
     * The option's value as one of a set of choices: {@code byId} gives the choice a value names,
     * or null; {@code choices} lists them for the message. {@code otherwise} when not given.
     */
    public <T> T choice(String option, Function<String, T> byId, String choices, T otherwise) {
        if (!given(option)) {
            return otherwise;
        }
        String value = value(option, null);
        T chosen = byId.apply(value);
        if (chosen == null) {
            throw new UsageException(option + " is " + choices + ", not '" + value + "'");
        }
        return chosen;
    }
}
