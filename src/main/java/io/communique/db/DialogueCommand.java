package io.communique.db;

import io.communique.errors.ApiException;
import io.communique.errors.ErrorMapper;
import io.communique.relay.GlobalId;
import io.communique.service.DialogueExporter;
import io.communique.service.DialogueImporter;
import io.communique.service.DialogueImporter.Count;
import io.communique.service.DialogueImporter.Summary;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.QuarkusApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The command-line modes of the packaged jar (README, "Import and export"):
 * {@code import FILE} and {@code export DIALOGUE [FILE]}. Quarkus starts as for the server (so
 * migrations run first) but without the HTTP listener; the command runs once and its result is the
 * process's exit status. Only results go to standard output; logs go to standard error.
 */
public class DialogueCommand implements QuarkusApplication {

    static final int OK = 0;
    /** The document or the arguments were refused; nothing was written. */
    static final int REFUSED = 1;
    /** Wrong usage: unknown command, missing argument, unreadable file. */
    static final int USAGE = 2;
    static final int FAILED = 3;

    static final String USAGE_TEXT = """
            usage: java -jar quarkus-run.jar
                   java -jar quarkus-run.jar import FILE
                   java -jar quarkus-run.jar export DIALOGUE [FILE]
              (no arguments)     runs the server
              import FILE        loads a dialogue document (format: README, "Import and export")
              export DIALOGUE    writes a dialogue, named by slug, key or global ID, to FILE or standard output""";

    private static final Set<String> HELP = Set.of("help", "--help", "-h", "-help", "-?");

    /** True if the arguments ask for a command rather than the server. */
    static boolean isCommand(String... args) {
        return args.length > 0 && (args[0].equals("import") || args[0].equals("export"));
    }

    /** The exit status for a first argument that is not a command: help asked for, or wrong usage. */
    static int notACommand(String first, PrintStream out, PrintStream err) {
        if (HELP.contains(first)) {
            out.println(USAGE_TEXT);
            return OK;
        }
        err.println("unknown command '" + first + "'");
        err.println(USAGE_TEXT);
        return USAGE;
    }

    @Override
    public int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            if (args[0].equals("import") && args.length == 2) {
                return importFile(Path.of(args[1]), out);
            }
            if (args[0].equals("export") && (args.length == 2 || args.length == 3)) {
                return export(args[1], args.length == 3 ? Path.of(args[2]) : null, out, err);
            }
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (ApiException e) {
            err.println(args[0] + " refused: " + e.getMessage().replace("Argument 'input.document'", "The document"));
            return REFUSED;
        } catch (NoSuchFileException e) {
            err.println(args[0] + " failed: no such file: " + e.getFile());
            return USAGE;
        } catch (CharacterCodingException e) {
            // Read, but not text in the format's encoding: a refused document, not a file that cannot be read.
            err.println(args[0] + " refused: " + args[1] + " is not UTF-8 text (the format is JSON in UTF-8).");
            return REFUSED;
        } catch (IOException e) {
            err.println(args[0] + " failed: cannot read or write " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println(failure(args[0], e));
            return FAILED;
        }
    }

    /**
     * What a fault, not bad input, says on standard error, without a stack trace (the log has the
     * details): its root cause, or, for an import whose commit lost its connection, that the outcome is unknown.
     * The transaction manager reports that commit as rolled back ("Could not commit transaction"),
     * though PostgreSQL may have committed it (NetworkPartitionTest).
     */
    static String failure(String command, RuntimeException e) {
        if (command.equals("import") && ErrorMapper.connectionLostInCommit(e) != null) {
            return "import failed: the connection to the database broke while the import was committing, so whether it"
                    + " was written is unknown. Importing the same file again is safe: it writes only what differs from"
                    + " the database.";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return command + " failed: " + root.getMessage();
    }

    private static int importFile(Path file, PrintStream out) throws IOException {
        if (Files.isDirectory(file)) {
            // Files.readString says only "Is a directory", without the path.
            throw new IOException(file + ": is a directory, not a file");
        }
        String json = Files.readString(file, StandardCharsets.UTF_8);
        DialogueImporter importer = Arc.container().instance(DialogueImporter.class).get();
        Summary summary = importer.importAs("cli:" + System.getProperty("user.name", "operator"), json);
        out.printf("Imported dialogue '%s' from %s: %d created, %d updated, %d unchanged%n", summary.dialogueSlug(), file,
                summary.created(), summary.updated(), summary.unchanged());
        for (Count c : summary.counts()) {
            out.printf("  %-14s %4d created %4d updated %4d unchanged%n", c.kind(), c.created(), c.updated(), c.unchanged());
        }
        return OK;
    }

    private static int export(String dialogue, Path file, PrintStream out, PrintStream err) throws IOException {
        DialogueExporter exporter = Arc.container().instance(DialogueExporter.class).get();
        Optional<Long> key = resolve(exporter, dialogue);
        if (key.isEmpty()) {
            err.println("export refused: no dialogue '" + dialogue + "' (give its slug, its key or its global ID)");
            return REFUSED;
        }
        String text = DialogueExporter.canonical(exporter.export(key.get()));
        if (file == null) {
            out.print(text);
            out.flush();
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            err.println("Exported dialogue '" + dialogue + "' to " + file);
        }
        return OK;
    }

    private static Optional<Long> resolve(DialogueExporter exporter, String dialogue) {
        Optional<Long> bySlug = exporter.findBySlug(dialogue);
        if (bySlug.isPresent()) {
            return bySlug;
        }
        if (dialogue.matches("[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(dialogue));
        }
        try {
            return Optional.of(GlobalId.decodeKey(dialogue, "Dialogue", "dialogue"));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }
}
