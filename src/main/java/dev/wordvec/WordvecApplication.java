package dev.wordvec;

import dev.wordvec.contextual.ContextualNatives;
import dev.wordvec.download.DownloadCommand;
import dev.wordvec.evaluation.EvaluateCommand;
import dev.wordvec.formats.ConvertCommand;
import dev.wordvec.probe.ProbeCommand;
import dev.wordvec.reduction.ReduceCommand;
import dev.wordvec.training.TrainCommand;
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

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            CommandLogging.toStandardError();
        }
        if (args.length > 0 && args[0].equals("convert")) {
            System.exit(ConvertCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("download")) {
            System.exit(DownloadCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("evaluate")) {
            System.exit(EvaluateCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("train")) {
            System.exit(TrainCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("reduce")) {
            System.exit(ReduceCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("probe")) {
            System.exit(ProbeCommand.run(args, System.getenv("WORDVEC_API_KEY"), System.out, System.err));
        }
        if (args.length >= 1 && args[0].equals("engine")) {
            int status = PyTorchEngine.describe(System.out, System.err);
            if (status == 0 && args.length == 3 && args[1].equals("--contextual-natives")) {
                status = extractContextualNatives(Path.of(args[2]));
            }
            System.exit(status);
        }
        // Must precede any DJL class initialisation; application properties are read too late.
        PyTorchEngine.configureOffline();
        application().run(args);
    }

    /** The service as {@code main} starts it: the engine and the models start before the context. */
    static SpringApplication application() {
        SpringApplication application = new SpringApplication(WordvecApplication.class);
        application.addListeners(new EarlyEngineStart(), new EarlyModelLoad());
        return application;
    }
}
