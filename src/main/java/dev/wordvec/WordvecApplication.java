package dev.wordvec;

import dev.wordvec.cli.OutOfMemory;
import dev.wordvec.cli.Spelling;
import dev.wordvec.contextual.ContextualNatives;
import dev.wordvec.download.DownloadCommand;
import dev.wordvec.evaluation.EvaluateCommand;
import dev.wordvec.formats.ConvertCommand;
import dev.wordvec.probe.ProbeCommand;
import dev.wordvec.reduction.ReduceCommand;
import dev.wordvec.training.TrainCommand;
import dev.wordvec.vectors.NoexecLibrary;
import dev.wordvec.vectors.PyTorchEngine;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the wordvec HTTP service, or runs a command: {@code convert} (see {@link ConvertCommand}),
 * {@code download} ({@link DownloadCommand}), {@code evaluate} ({@link EvaluateCommand}),
 * {@code reduce} ({@link ReduceCommand}), {@code train} ({@link TrainCommand}), {@code probe} ({@link ProbeCommand}) or
 * {@code engine} ({@link PyTorchEngine#describe}; with {@code --contextual-natives DIR}, also
 * {@link ContextualNatives#extract}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WordvecApplication {

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("convert", "download", "evaluate", "reduce", "train", "probe",
            "engine");

    private static final java.util.Set<String> HELP = java.util.Set.of("help", "--help", "-h", "-help");

    /** Without this, {@code --version} is a setting (an empty "version") and starts the service. */
    private static final java.util.Set<String> VERSION = java.util.Set.of("version", "--version", "-version");

    static final String USAGE = """
            usage: java -jar wordvec.jar [--name=value ...]     run the service (settings: README, "Configuration")
                   java -jar wordvec.jar COMMAND ...           run a command; COMMAND --help says what it takes

            commands:
              train CORPUS OUT [--method M]  train word vectors (cbow, skipgram, ppmi-svd) on a text corpus
              evaluate MODEL                 analogies and word-pair correlations, as gensim computes them
              reduce MODEL OUT --dim D       PCA to fewer dimensions, optionally all-but-the-top
              convert IN OUT                 a model file to another format: .wvc (loads by mapping), .bin, text
              download NAME [DIR]            a catalogue model (or URL FILE, or hf:OWNER/NAME), resumable, checked
              probe URL                      ask a running service whether it is up (or ready)
              engine                         what the PyTorch engine finds on this machine
              version                        this build's version
            """;

    /**
     * What {@code main} does with {@code args}: a command's name, help, or else (no arguments, or
     * options such as {@code --server.port=8081}) the service. A word that is none of them (a
     * mistyped command) must not start the service as if nothing had been asked.
     */
    static String mode(String[] args) {
        if (args.length == 0) {
            return "serve";
        }
        if (HELP.contains(args[0])) {
            return "help";
        }
        if (VERSION.contains(args[0]) && args.length == 1) {
            return "version";
        }
        if (args[0].startsWith("-")) {
            return "serve";
        }
        return COMMANDS.contains(args[0]) ? args[0] : "unknown";
    }

    /** What a first argument that is no command may have meant: a model file to serve, or a command mistyped. */
    static String notACommand(String arg) {
        String message = "'" + arg + "' is not a command (the service's settings are given as --name=value)";
        if (isFile(arg)) {
            String name = Path.of(arg).getFileName().toString().replaceAll("[^A-Za-z0-9].*", "");
            return message + "; to serve the model in that file: java -jar wordvec.jar --wordvec.models."
                    + (name.isEmpty() ? "mine" : name.toLowerCase(java.util.Locale.ROOT)) + ".path=" + arg;
        }
        return Spelling.closest(arg, COMMANDS, word -> word.toLowerCase(java.util.Locale.ROOT))
                .map(command -> message + "; did you mean " + command + "?").orElse(message);
    }

    private static boolean isFile(String arg) {
        try {
            return java.nio.file.Files.isRegularFile(Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * Why the service's arguments would not say what they seem to, or null. Spring Boot reads only
     * {@code --name=value} (and {@code --flag}) and passes over anything else without a word, so
     * {@code --port 8081} and {@code -Dserver.port=8081} after {@code -jar} started the service on
     * port 8080 as if nothing had been asked.
     */
    static String misreadSetting(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-D") && arg.contains("=")) {
                return "'" + arg + "' comes after -jar, so Java hands it to wordvec, not to itself: write --"
                        + arg.substring(2) + ", or put " + arg + " before -jar";
            }
            if (arg.equals("--port") || arg.startsWith("--port=")) {
                return "the port is set with --server.port=PORT, not " + arg;
            }
            if (!arg.startsWith("--")) {
                return "'" + arg + "' is not a setting: settings are given as --name=value (--server.port=8081, "
                        + "--wordvec.models.glove.path=FILE)";
            }
        }
        return null;
    }

    /** This build's version and time (from the build's {@code META-INF/build-info.properties}) and the Java running it. */
    static String version() {
        java.util.Properties build = new java.util.Properties();
        try (java.io.InputStream in = WordvecApplication.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (java.io.IOException e) {
            // reported as unknown below
        }
        return "wordvec " + build.getProperty("build.version", "(version unknown)")
                + (build.containsKey("build.time") ? ", built " + build.getProperty("build.time") : "")
                + "; Java " + Runtime.version();
    }

    /** {@code engine --contextual-natives DIR}: the image build's copy of ONNX Runtime's and the tokenizer's natives. */
    private static int extractContextualNatives(Path dir) {
        try {
            for (Path file : ContextualNatives.extract(dir)) {
                System.out.println("Copied " + file);
            }
            return 0;
        } catch (java.io.IOException e) {
            System.err.println("Could not copy the contextual models' natives: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A command's usage, for {@code COMMAND --help} and {@code help COMMAND}: printed to standard
     * output with exit code 0, as tools print what was asked for (null: no such command).
     */
    static String usage(String command) {
        return switch (command) {
            case "train" -> TrainCommand.USAGE;
            case "evaluate" -> EvaluateCommand.USAGE;
            case "reduce" -> ReduceCommand.USAGE;
            case "convert" -> ConvertCommand.USAGE;
            case "download" -> DownloadCommand.USAGE;
            case "probe" -> ProbeCommand.USAGE;
            case "engine" -> "usage: java -jar wordvec.jar engine";
            default -> null;
        };
    }

    /** The usage asked for by {@code COMMAND --help} (or -h, before any {@code --}) or {@code help COMMAND}; else null. */
    static String askedUsage(String mode, String[] args) {
        if (mode.equals("help")) {
            return args.length == 2 ? usage(args[1]) : null;
        }
        if (!COMMANDS.contains(mode)) {
            return null;
        }
        for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return usage(mode);
            }
        }
        return null;
    }

    public static void main(String[] args) {
        String mode = mode(args);
        String asked = askedUsage(mode, args);
        if (asked != null) {
            System.out.println(asked.strip());
            System.exit(0);
        }
        if (COMMANDS.contains(mode)) {
            CommandLogging.toStandardError();
        }
        try {
            runCommand(mode, args);
        } catch (java.nio.file.InvalidPathException e) {
            if (!COMMANDS.contains(mode)) {
                throw e;
            }
            System.err.println(mode + ": " + FileNameFailureAnalyzer.description(e) + ". "
                    + FileNameFailureAnalyzer.action(e));
            System.exit(2);
        } catch (RuntimeException | OutOfMemoryError | UnsatisfiedLinkError e) {
            String noexec = NoexecLibrary.report(e);
            if (noexec != null && COMMANDS.contains(mode)) {
                System.err.println(mode + ": " + noexec);
                System.exit(1);
            }
            OutOfMemoryError memory = OutOfMemory.in(e);
            if (memory == null || !COMMANDS.contains(mode)) {
                throw e;
            }
            System.err.println(OutOfMemory.advice(mode, memory, Runtime.getRuntime().maxMemory()));
            System.exit(1);
        }
        // Must precede any DJL class initialisation; application properties are read too late.
        PyTorchEngine.configureOffline();
        SpringAotChoice.preferInPackagedJar(WordvecApplication.class);
        application().run(args);
    }

    /** Runs a command and exits with its status; returns only for the service ("serve"). */
    private static void runCommand(String mode, String[] args) {
        switch (mode) {
            case "help" -> {
                System.out.print(USAGE);
                System.exit(0);
            }
            case "version" -> {
                System.out.println(version());
                System.exit(0);
            }
            case "unknown" -> {
                System.err.print(notACommand(args[0]) + "\n\n" + USAGE);
                System.exit(2);
            }
            case "convert" -> System.exit(ConvertCommand.run(args, System.out, System.err));
            case "download" -> System.exit(DownloadCommand.run(args, System.out, System.err));
            case "evaluate" -> System.exit(EvaluateCommand.run(args, System.out, System.err));
            case "train" -> System.exit(TrainCommand.run(args, System.out, System.err));
            case "reduce" -> System.exit(ReduceCommand.run(args, System.out, System.err));
            case "probe" -> System.exit(ProbeCommand.run(args, System.getenv("WORDVEC_API_KEY"), System.out, System.err));
            case "engine" -> {
                if (args.length > 1 && !(args.length == 3 && args[1].equals("--contextual-natives"))) {
                    System.err.println("engine takes no arguments, not '" + args[1] + "'\n" + usage("engine"));
                    System.exit(2);
                }
                int status = PyTorchEngine.describe(System.out, System.err);
                if (status == 0 && args.length == 3 && args[1].equals("--contextual-natives")) {
                    status = extractContextualNatives(Path.of(args[2]));
                }
                System.exit(status);
            }
            default -> {
                // "serve": the service, below, unless its arguments would be passed over.
                String misread = misreadSetting(args);
                if (misread != null) {
                    System.err.print(misread + "\n\n" + USAGE);
                    System.exit(2);
                }
            }
        }
    }

    /**
     * The service as {@code main} starts it: the engine and the models start before the context,
     * which uses Spring AOT's build-time beans only if the settings allow them.
     */
    static SpringApplication application() {
        SpringApplication application = new SpringApplication(WordvecApplication.class);
        application.addListeners(new SpringAotChoice(), new EarlyEngineStart(), new EarlyModelLoad());
        return application;
    }
}
