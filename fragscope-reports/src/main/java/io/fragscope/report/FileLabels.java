package io.fragscope.report;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the workbook and summary.md name an input file where its whole path would not fit: by its path below the folder
 * it was found in (a root given on the command line), so the shards of a fleet read {@code payments/p1/dump.rdb} and
 * {@code payments/p2/dump.rdb} rather than {@code dump.rdb} twice; a file given by itself, or outside every root, by its
 * name. Known before any input is read (the roots), so a sheet drafted during the read names files as the rest do.
 * CSV and JSON keep the full path.
 *
 * @param roots the run's inputs as given (folders walked, files), absolute and normalised
 */
public record FileLabels(List<Path> roots) {

    /** File names alone: for a report made without its run's roots (a test, a library caller). */
    public static final FileLabels NAMES = new FileLabels(List.of());

    public FileLabels {
        roots = List.copyOf(roots);
    }

    /** The labels of a run over {@code inputs} (folders and files, as given). */
    public static FileLabels under(List<Path> inputs) {
        List<Path> roots = new ArrayList<>();
        for (Path p : inputs) roots.add(p.toAbsolutePath().normalize());
        return new FileLabels(roots);
    }

    /** {@code file}'s label: its path below the first root folder holding it, with {@code /}, else its name. */
    public String of(Path file) {
        if (file == null) return "";
        Path abs = file.toAbsolutePath().normalize();
        for (Path root : roots) {
            if (!abs.equals(root) && abs.startsWith(root)) {
                StringBuilder sb = new StringBuilder();
                for (Path part : root.relativize(abs)) sb.append(sb.length() == 0 ? "" : "/").append(io.fragscope.source.FileNames.name(part));
                return sb.toString();
            }
        }
        return io.fragscope.source.FileNames.name(file);
    }

    /** As {@link #of(Path)} for a path held as text (a key sample's source); text that is no path is its last segment. */
    public String of(String path) {
        try {
            return of(Path.of(path));
        } catch (InvalidPathException e) {
            return XlsxReport.fileName(path);
        }
    }
}
