package io.fragscope.report.rollup;

import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.report.Messages;
import io.fragscope.report.OutputFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The roll-up's files in a report folder: {@code rollup.json} always, {@code rollup.xlsx} with the workbook format.
 * Written by {@code fragscope analyze} when its inputs span several shards, and by the fleet job's last stage.
 */
public final class RollupReports {
    /** Every file name the roll-up may write. */
    public static final List<String> FILES = List.of(RollupJson.FILE, RollupWorkbook.FILE);

    private RollupReports() {}

    /** Stages the files in {@code out} (the caller commits them, with the run's other reports). */
    public static List<Path> write(OutputFolder out, Rollup rollup, Messages messages, boolean workbook) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(out.write(RollupJson.FILE, o -> RollupJson.write(rollup, o)));
        if (workbook) written.add(out.write(RollupWorkbook.FILE, o -> new RollupWorkbook(messages).write(rollup, o)));
        return written;
    }

    /** Removes a roll-up an earlier run left when this one wrote none (or another format). */
    public static void removeStale(Path dir, List<Path> written) throws IOException {
        for (String name : FILES) {
            Path p = dir.resolve(name);
            if (written.stream().noneMatch(w -> w.getFileName().toString().equals(name)) && Files.isRegularFile(p)) Files.delete(p);
        }
    }
}
