package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The progress display hears which report file is being written after the reading reached 100 %. */
class ReportStagesTest {
    @TempDir Path tmp;

    @Test
    void eachReportFileIsAnnouncedBeforeItIsWritten() throws IOException {
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(Path.of("samples", "info", "cache-01-20261124-042937.txt")))).run();
        List<String> stages = new ArrayList<>();
        try (OutputFolder out = OutputFolder.prepare(tmp)) {
            List<Path> written = Reports.full().write(out, new ReportContext(r, Messages.forLanguage("en"), "test", Instant.EPOCH, null),
                    EnumSet.of(ReportFormat.XLSX, ReportFormat.CSV), stages::add);
            assertEquals(List.of("report.xlsx", "CSV tables", "summary.json", "summary.md, fragscope.prom"), stages);
            assertEquals(List.of("report.xlsx", "dumps.csv", "findings.csv", "timeline.csv", "fields.csv", "inputs.csv", "reclaim-plan.csv", "summary.json",
                    "summary.md", "fragscope.prom"), written.stream().map(p -> p.getFileName().toString()).toList());
        }
    }
}
